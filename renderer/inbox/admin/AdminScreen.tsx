/**
 * The inbox's admin area (admins only): a nav group for the sidebar and the screen that replaces the conversation
 * list + conversation columns. Mounted by Inbox.tsx when the signed-in agent is an admin and an `adminApi` is given;
 * the API refuses non-admins anyway (403 admin_only).
 */
import { useEffect, useState } from 'react';
import { MessageSquareText, Ticket, Users } from 'lucide-react';
import type { AdminApi, TicketRow } from './adminApi';
import { AgentsScreen, type AdminMe } from './AgentsScreen';
import { CannedRepliesScreen } from './CannedRepliesScreen';
import { TicketsScreen } from './TicketsScreen';
import './admin.css';

export type AdminView = 'tickets' | 'agents' | 'canned';

const GROUPS: Array<{ title: string; adminOnly: boolean; items: Array<{ id: AdminView; label: string; icon: typeof Users }> }> = [
  { title: 'Follow-up', adminOnly: false, items: [{ id: 'tickets', label: 'Tickets', icon: Ticket }] },
  {
    title: 'Admin',
    adminOnly: true,
    items: [
      { id: 'agents', label: 'Agents', icon: Users },
      { id: 'canned', label: 'Canned replies', icon: MessageSquareText },
    ],
  },
];

/**
 * The sidebar groups under the inbox views (same look): "Follow-up" (Tickets) for every agent, "Admin" (Agents,
 * Canned replies) for admin agents only. `admin` defaults to true for callers that mount it for admins only.
 */
export function AdminNav({
  current,
  onPick,
  admin = true,
  tickets,
}: {
  current: AdminView | null;
  onPick(v: AdminView): void;
  admin?: boolean;
  /** When given, "Tickets" shows how many OPEN tickets arrived since this agent last opened the screen (polled every minute). */
  tickets?: { api: AdminApi; token: string; agentId: string; storage?: Pick<Storage, 'getItem' | 'setItem'>; pollMs?: number };
}) {
  const fresh = useNewTickets(tickets, current === 'tickets');
  return (
    <>
      {GROUPS.filter((g) => admin || !g.adminOnly).map((g) => (
        <div className="ia-nav" key={g.title}>
          <h2 className="ia-nav-title" id={`ia-nav-${g.title}`}>
            {g.title}
          </h2>
          <ul className="ib-views" aria-labelledby={`ia-nav-${g.title}`}>
            {g.items.map((it) => (
              <li key={it.id}>
                <button type="button" title={it.label} className={`ib-view${current === it.id ? ' is-active' : ''}`} aria-current={current === it.id ? 'page' : undefined} onClick={() => onPick(it.id)}>
                  <it.icon size={16} aria-hidden="true" />
                  <span>{it.label}</span>
                  {it.id === 'tickets' && fresh > 0 && (
                    <span className="ib-count is-hot" aria-label={`${fresh} new ${fresh === 1 ? 'ticket' : 'tickets'}`}>
                      {fresh}
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

/**
 * Tickets newer than the newest one this agent has seen (kept per agent in `storage`, default localStorage); opening
 * the Tickets screen marks them seen.
 */
function useNewTickets(t: Parameters<typeof AdminNav>[0]['tickets'], open: boolean): number {
  const [fresh, setFresh] = useState(0);
  const api = t?.api;
  const token = t?.token;
  const agentId = t?.agentId;
  const pollMs = t?.pollMs ?? 60_000;
  const storage = t?.storage ?? (typeof localStorage === 'undefined' ? undefined : localStorage);
  useEffect(() => {
    if (!api || !token || !agentId) return;
    const key = `baton.inbox.ticketsSeen.${agentId}`;
    let alive = true;
    const check = async () => {
      try {
        // A ticket someone already marked done is no news: only open ones count.
        const page = await api.tickets(token, { limit: 50, status: 'open' });
        if (!alive) return;
        const newest = page.tickets.reduce((m, r) => Math.max(m, r.at), 0);
        if (open) {
          if (newest) storage?.setItem(key, String(newest));
          setFresh(0);
          return;
        }
        const seen = Number(storage?.getItem(key) ?? 0) || 0;
        setFresh(page.tickets.filter((r) => r.at > seen).length);
      } catch {
        /* the badge is a hint: keep the last count */
      }
    };
    void check();
    // While the screen is open the list is what the agent sees: mark seen once, on opening (Refresh shows newer ones).
    const timer = pollMs > 0 && !open ? setInterval(() => void check(), pollMs) : null;
    return () => {
      alive = false;
      if (timer) clearInterval(timer);
    };
  }, [api, token, agentId, pollMs, storage, open]);
  return fresh;
}

const LABELS: Record<AdminView, string> = { tickets: 'Tickets', agents: 'Agents', canned: 'Canned replies' };

export function AdminScreen(p: {
  view: AdminView;
  api: AdminApi;
  token: string;
  me: AdminMe;
  onUnauthorized(why: string): void;
  /** The last ticket change pushed on the agent channel (the Tickets screen follows it). */
  ticketChange?: { ticket: TicketRow; n: number } | null;
}) {
  return (
    <section className="ia-area" aria-label={LABELS[p.view]}>
      {p.view === 'agents' ? (
        <AgentsScreen api={p.api} token={p.token} me={p.me} onUnauthorized={p.onUnauthorized} />
      ) : p.view === 'canned' ? (
        <CannedRepliesScreen api={p.api} token={p.token} onUnauthorized={p.onUnauthorized} />
      ) : (
        <TicketsScreen api={p.api} token={p.token} onUnauthorized={p.onUnauthorized} me={{ id: p.me.id, name: p.me.name }} changed={p.ticketChange} />
      )}
    </section>
  );
}
