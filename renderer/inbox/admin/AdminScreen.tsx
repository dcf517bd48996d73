/**
 * The inbox's admin area (admins only): a nav group for the sidebar and the screen that replaces the conversation
 * list + conversation columns. Mounted by Inbox.tsx when the signed-in agent is an admin and an `adminApi` is given;
 * the API refuses non-admins anyway (403 admin_only).
 */
import { MessageSquareText, Ticket, Users } from 'lucide-react';
import type { AdminApi } from './adminApi';
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
export function AdminNav({ current, onPick, admin = true }: { current: AdminView | null; onPick(v: AdminView): void; admin?: boolean }) {
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
                <button type="button" className={`ib-view${current === it.id ? ' is-active' : ''}`} aria-current={current === it.id ? 'page' : undefined} onClick={() => onPick(it.id)}>
                  <it.icon size={16} aria-hidden="true" />
                  <span>{it.label}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

const LABELS: Record<AdminView, string> = { tickets: 'Tickets', agents: 'Agents', canned: 'Canned replies' };

export function AdminScreen(p: { view: AdminView; api: AdminApi; token: string; me: AdminMe; onUnauthorized(why: string): void }) {
  return (
    <section className="ia-area" aria-label={LABELS[p.view]}>
      {p.view === 'agents' ? (
        <AgentsScreen api={p.api} token={p.token} me={p.me} onUnauthorized={p.onUnauthorized} />
      ) : p.view === 'canned' ? (
        <CannedRepliesScreen api={p.api} token={p.token} onUnauthorized={p.onUnauthorized} />
      ) : (
        <TicketsScreen api={p.api} token={p.token} onUnauthorized={p.onUnauthorized} />
      )}
    </section>
  );
}
