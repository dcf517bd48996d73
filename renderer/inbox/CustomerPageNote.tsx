/**
 * "Is the customer still there?" (newcomer s6 #24): the customer's chat page open or closed, from the runtime's
 * customer presence (runtime/agents/customerPresence.ts). In the conversation header always (when known); in the
 * queue and Live list rows only when the page is closed (an open page is the normal case, not worth a word per row).
 */
import type { CustomerPage } from './inboxApi';

const hhmm = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** The sentence for the conversation header, or null when nothing is known. */
export function customerPageWords(page: CustomerPage | null | undefined, clock: (at: number) => string = hhmm): string | null {
  if (!page) return null;
  if (!page.open && page.beforeRestart) return `Customer's page closed: not back since the server restarted at ${clock(page.at)}`;
  if (!page.open) return `Customer's page closed at ${clock(page.at)}`;
  if (page.closedAt !== undefined) return `Customer back at ${clock(page.at)} (page closed at ${clock(page.closedAt)})`;
  return "Customer's page is open";
}

/** The header chip: warning colours when the page is closed (replies wait until the customer comes back). */
export function CustomerPageChip({ page }: { page: CustomerPage | null | undefined }) {
  const words = customerPageWords(page);
  if (!page || !words) return null;
  const title = page.open
    ? 'The customer has the chat open now: they see your replies as you send them.'
    : page.beforeRestart
      ? "The customer's chat page has not connected since the server restarted (an open page reconnects within seconds), so it was closed before. Replies are kept: they see them when they open it again."
      : 'The customer closed the chat page (or lost the connection). Replies are kept: they see them when they open it again.';
  return (
    <span className={`ib-chip ib-page ${page.open ? 'ib-page-open' : 'ib-warn'}`} title={title} data-testid="customer-page">
      <span className={`ib-dot ${page.open ? 'ib-s-assigned' : ''}`} aria-hidden="true" />
      {words}
    </span>
  );
}

/** The row note: only for a closed page ("Page closed 10:04"). */
export function CustomerPageRowNote({ page }: { page: CustomerPage | null | undefined }) {
  if (!page || page.open) return null;
  return (
    <span className="ib-page-row" title={page.beforeRestart ? `The customer's chat page has not connected since the server restarted at ${hhmm(page.at)}` : `The customer's chat page closed at ${hhmm(page.at)}`}>
      {page.beforeRestart ? `Page closed before ${hhmm(page.at)}` : `Page closed ${hhmm(page.at)}`}
    </span>
  );
}
