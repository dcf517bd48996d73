/**
 * "X is typing…" in end-to-end tests, without betting on timing (flake, session 10).
 *
 * The typing line is a short-lived signal: the widget sends it at most once per 2.5 s and the inbox shows it for 4 s
 * (the inbox sends the agent's at most once per 2.5 s and the widget shows it for 6 s). A test that types once and then
 * looks for the line bets that it looks within those few seconds; on a busy CI machine (fresh-clone CI, session 9:
 * `waitFor` timed out on "The customer is typing…") it may look too late, or the chain box -> POST -> push -> page may
 * take longer than its timeout. A person keeps typing while the other side watches, and so does this helper: it types
 * a character every `everyMs` into `box` (cycling through `text`; at its end Backspace and the last character again) in
 * the background while `seen` is awaited, and stops when it appears. The assertion is the same (the other side sees the
 * typing line while this side types); only the "once, within 4 s" bet is gone. The box keeps a prefix of `text`: the
 * caller fills the final text afterwards.
 *
 *   await whileTyping(widget.getByLabel('Your message'), 'Thanks Ann', agent.getByText('The customer is typing…'));
 */
import type { Locator } from 'playwright-core';

export async function whileTyping(box: Locator, text: string, seen: Locator, opts: { timeout?: number; everyMs?: number } = {}): Promise<void> {
  const timeout = opts.timeout ?? 30_000;
  const everyMs = opts.everyMs ?? 300;
  if (text.length === 0) throw new Error('whileTyping: give a non-empty text to type');
  let stop = false;
  let keys = 0;
  let typingError: unknown = null;
  await box.fill('');
  const typing = (async () => {
    let i = 0;
    while (!stop) {
      if (i < text.length) await box.pressSequentially(text[i++]);
      else {
        await box.press('Backspace');
        await box.pressSequentially(text[text.length - 1]);
      }
      keys++;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })().catch((err: unknown) => {
    typingError = err;
  });
  try {
    await seen.waitFor({ timeout });
  } catch (err) {
    throw new Error(`${String(seen)} did not appear within ${timeout} ms while ${String(box)} was typed into (${keys} keystrokes${typingError ? `; typing failed: ${String(typingError)}` : ''}): ${(err as Error).message.split('\n')[0]}`);
  } finally {
    stop = true;
    await typing;
  }
  if (typingError) throw typingError;
}
