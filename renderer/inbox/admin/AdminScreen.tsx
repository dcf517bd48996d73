/**
 * The inbox's admin area (admins only): a nav group for the sidebar and the screen that replaces the conversation
 * list + conversation columns. Mounted by Inbox.tsx when the signed-in agent is an admin and an `adminApi` is given;
 * the API refuses non-admins anyway (403 admin_only).
 */
import { MessageSquareText, Users } from 'lucide-react';
import type { AdminApi } from './adminApi';
import { AgentsScreen, type AdminMe } from './AgentsScreen';
import { CannedRepliesScreen } from './CannedRepliesScreen';
import './admin.css';

export type AdminView = 'agents' | 'canned';

const ITEMS: Array<{ id: AdminView; label: string; icon: typeof Users }> = [
  { id: 'agents', label: 'Agents', icon: Users },
  { id: 'canned', label: 'Canned replies', icon: MessageSquareText },
];

/** The "Admin" group of the sidebar (same look as the views above it). */
export function AdminNav({ current, onPick }: { current: AdminView | null; onPick(v: AdminView): void }) {
  return (
    <div className="ia-nav">
      <h2 className="ia-nav-title" id="ia-nav-title">
        Admin
      </h2>
      <ul className="ib-views" aria-labelledby="ia-nav-title">
        {ITEMS.map((it) => (
          <li key={it.id}>
            <button type="button" className={`ib-view${current === it.id ? ' is-active' : ''}`} aria-current={current === it.id ? 'page' : undefined} onClick={() => onPick(it.id)}>
              <it.icon size={16} aria-hidden="true" />
              <span>{it.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function AdminScreen(p: { view: AdminView; api: AdminApi; token: string; me: AdminMe; onUnauthorized(why: string): void }) {
  return (
    <section className="ia-area" aria-label={p.view === 'agents' ? 'Agents' : 'Canned replies'}>
      {p.view === 'agents' ? <AgentsScreen api={p.api} token={p.token} me={p.me} onUnauthorized={p.onUnauthorized} /> : <CannedRepliesScreen api={p.api} token={p.token} onUnauthorized={p.onUnauthorized} />}
    </section>
  );
}
