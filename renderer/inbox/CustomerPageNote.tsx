/**
 * "Is the customer still there?" (newcomer s6 #24): the customer's chat page open or closed, from the runtime's
 * customer presence (runtime/agents/customerPresence.ts). In the conversation header always (when known); in the
 * queue and Live list rows only when the page is closed (an open page is the normal case, not worth a word per row).
 */
import { pageGone } from '../../shared/handoff/customerPage';
import type { CustomerPage } from './inboxApi';

export { pageGone };

const hhmm = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** The sentence for the conversation header, or null when nothing is known. */
export function customerPageWords(page: CustomerPage | null | undefined, clock: (at: number) => string = hhmm): string | null {
  if (!page) return null;
  // Session 36 (review of s35: the restart chip wrapped over two lines in the chat header at 1,280 px): the two long
  // ones are said in a few words, on the header's line beside the status; the times are in the chip's tooltip (and the
  // queue row says "Not seen since restart 10:43 PM").
  if (!page.open && page.beforeRestart) return 'Not seen since restart';
  if (!page.open && page.activeAt !== undefined) return 'Page closed; still on the API';
  // Session 39: in the background so long (10 minutes, connection closed) that the customer counts as gone.
  if (!page.open && page.backgroundGone) return `Customer's page in the background since ${clock(page.backgroundAt ?? page.at)}, not back`;
  // Session 38: the page said it went to the background (a phone hid or froze it) before its stream closed.
  if (!page.open && page.backgroundAt !== undefined) return `Customer's page in the background since ${clock(page.backgroundAt)}`;
  if (!page.open) return `Customer's page closed at ${clock(page.at)}`;
  if (page.closedAt !== undefined) return `Customer back at ${clock(page.at)} (page closed at ${clock(page.closedAt)})`;
  return "Customer's page is open";
}

/** The header chip: warning colours when the customer is gone (replies wait until the customer comes back). */
export function CustomerPageChip({ page }: { page: CustomerPage | null | undefined }) {
  const words = customerPageWords(page);
  if (!page || !words) return null;
  const here = page.open || page.activeAt !== undefined || (page.backgroundAt !== undefined && !page.backgroundGone);
  const title = page.open
    ? 'The customer has the chat open now: they see your replies as you send them.'
    : page.beforeRestart
      ? `Customer not seen since the server restarted at ${hhmm(page.at)}: no chat page of this customer has connected, and they have not used the chat API, since then (an open page reconnects within seconds). Their place in the queue is kept. Replies are kept: they see them when they come back.`
      : page.activeAt !== undefined
        ? `The customer's chat page closed at ${hhmm(page.at)}, but they have read or written through the chat API since (last at ${hhmm(page.activeAt)}; a REST client, or a page that polls): they are still there and keep their place in the queue.`
        : page.backgroundGone
          ? `The customer's chat page went to the background at ${hhmm(page.backgroundAt ?? page.at)} and its connection closed at ${hhmm(page.at)}; it has not come back for over 10 minutes (a phone may have closed it). While waiting, they are served after the customers who are still there; they get their place back when the page returns. Replies are kept: they see them when they come back.`
          : page.backgroundAt !== undefined
          ? `The customer's chat page went to the background at ${hhmm(page.backgroundAt)} (another app or tab, or the phone locked) and its connection closed at ${hhmm(page.at)}: a phone browser freezes a page it hides. They have not closed it: they keep their place in the queue, and see your replies when they come back to it.`
          : 'The customer closed the chat page (or lost the connection). Replies are kept: they see them when they open it again. While waiting, they are served after the customers who are still there.';
  return (
    <span className={`ib-chip ib-page ${here ? 'ib-page-open' : 'ib-warn'}`} title={title} data-testid="customer-page">
      <span className={`ib-dot ${here ? 'ib-s-assigned' : ''}`} aria-hidden="true" />
      {words}
    </span>
  );
}

/**
 * The row note: for a customer known gone ("Page closed 10:04", served after those who are there), or not seen since a
 * restart ("Not seen since restart 10:00": no claim that a page closed; a REST client never had one). Nothing for a
 * customer who is there, by page or by API, nor (session 38) for a page that went to the background.
 */
export function CustomerPageRowNote({ page }: { page: CustomerPage | null | undefined }) {
  if (!page || page.open || page.activeAt !== undefined || (page.backgroundAt !== undefined && !page.backgroundGone)) return null;
  if (page.backgroundGone) {
    return (
      <span className="ib-page-row" title={`The customer's chat page went to the background at ${hhmm(page.backgroundAt ?? page.at)} and has not come back for over 10 minutes. While waiting, they are served after the customers who are still there.`}>
        {`In the background since ${hhmm(page.backgroundAt ?? page.at)}`}
      </span>
    );
  }
  if (page.beforeRestart) {
    return (
      <span className="ib-page-row" title={`No chat page of this customer has connected, and they have not used the chat API, since the server restarted at ${hhmm(page.at)}. Their place in the queue is kept.`}>
        {`Not seen since restart ${hhmm(page.at)}`}
      </span>
    );
  }
  return (
    <span className="ib-page-row" title={`The customer's chat page closed at ${hhmm(page.at)}. While waiting, they are served after the customers who are still there.`}>
      {`Page closed ${hhmm(page.at)}`}
    </span>
  );
}
