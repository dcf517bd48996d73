/**
 * The customer's chat page as the agents see it (runtime/agents/customerPresence.ts tells it; the inbox shows it), and
 * whether that means the customer has gone. Pure: read by the runtime's queue order and by the inbox.
 */

/**
 * What the agent API shows per conversation (null: no page seen since this server started, for a conversation that
 * began after that: an API or Rasa client, or a customer who has not opened the chat yet).
 */
export interface CustomerPage {
  /** The customer's page holds a push connection now. */
  open: boolean;
  /** open: since when (this stretch); closed: when it closed (ms since epoch). */
  at: number;
  /** open after having been closed: when it had closed ("back at 10:07, page closed at 10:04"). */
  closedAt?: number;
  /**
   * closed, known only from a restart: the conversation began before this server started and no page of it has
   * connected since (an open widget reconnects within seconds), so it closed at or before `at`, the start.
   */
  beforeRestart?: true;
  /**
   * closed: the customer called the customer API (read the conversation, sent a message) after the page closed, at
   * this time: a REST or bridge client that opened the push channel once, or a customer who polls. Still there, so
   * not served after the others (newcomer s35 #2).
   */
  activeAt?: number;
  /**
   * Session 38 (newcomer s35 rest: a phone browser that freezes the chat page in the background counted as gone, like a
   * page closed for good): the page said it went to the background (hidden, frozen, or kept in the back-forward cache)
   * at this time and has not come back to the foreground nor said it is closing: a closed stream then is a page
   * frozen or suspended, not left. Not gone: the customer keeps their place. Set on a closed page only.
   */
  backgroundAt?: number;
  /**
   * Session 39 (newcomer s35 rest: a page killed while in the background, a tab swiped away from the phone's task list,
   * says nothing and stayed "in the background" for ever, keeping its place ahead of customers who are there): with
   * `backgroundAt`, the page has been in the background, its connection closed, for longer than the runtime's
   * background limit (customerPresenceTiming.backgroundGoneMs, 10 minutes) and the customer has not used the chat API
   * since. Counted as gone for the queue order; the customer gets their place back when the page returns.
   */
  backgroundGone?: true;
}

/**
 * Whether the customer of a waiting chat has left, for the queue order: their page is known closed, it did not say it
 * went to the background (session 38: a phone freezes a page it hides) or has stayed there past the limit (session 39,
 * `backgroundGone`), and they have not called the API since. A
 * page known closed only from a restart does not count (every customer not seen since the start would move back, REST
 * clients that never had a page among them: newcomer s35 #2).
 */
export function pageGone(page: CustomerPage | null | undefined): boolean {
  return !!page && !page.open && !page.beforeRestart && page.activeAt === undefined && (page.backgroundAt === undefined || page.backgroundGone === true);
}

