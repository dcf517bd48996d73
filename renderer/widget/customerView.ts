/**
 * What the customer's chat widget shows, as plain rules the inbox reuses so the agent sees the same ending and the same
 * buttons as the customer (README "Not finished", session 7: the inbox read "Buttons: Start again" while the widget
 * showed its own "Start a new chat" footer).
 */

/** The widget's footer once the conversation is closed, and its button. */
export const ENDED_TEXT = 'This conversation has ended.';
export const START_NEW_CHAT = 'Start a new chat';

/**
 * The one bot message whose buttons the widget offers: the last bot message with buttons, when no customer message
 * came after it (null otherwise). The widget hides even those while an agent has the chat or once it has ended.
 */
export function buttonsSeq(entries: ReadonlyArray<{ seq: number; from: string; buttons?: ReadonlyArray<unknown> }>): number | null {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e.from === 'customer') return null;
    if (e.from === 'bot' && e.buttons?.length) return e.seq;
  }
  return null;
}

/** Whether the widget shows the buttons of message `seq` now (conversation mode as the runtime gives it). */
export function customerSeesButtons(entries: Parameters<typeof buttonsSeq>[0], seq: number, mode: string | undefined): boolean {
  return mode !== 'closed' && mode !== 'agent' && buttonsSeq(entries) === seq;
}
