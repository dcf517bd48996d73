/**
 * Session 24 (hostile s17 #13 rest): after the chat ended, a customer who only says thanks, bye, ok or an emoji is
 * answered once, politely, and the chat stays closed. Before, every message after the end restarted the flow
 * ("Welcome back!" and the menu, session 16): a 👍 then fell to "Sorry, I didn't get that", and "bye" three times in a
 * row was a fallback streak handed over to a person.
 *
 * Only a bare courtesy counts (shared/nlu/courtesy.ts onlyCourtesy: thanks, bye, ok, a goodbye wish, friendly emoji,
 * nothing else: "thanks, my son swallowed a magnet", "thank u, im suicidal" restart the conversation and are read as any
 * message is, hostile s24 #1; session 25: courtesy.ts's words, where this file kept lists of its own). The first such
 * message after the end gets the flow's line (settings.closedCourtesyMessage); another one after that line gets nothing
 * (a goodbye is not a conversation to keep going). Anything else ("where is my order?", "I want a person", "hi")
 * restarts the conversation as before. Pure.
 */
import { bot, customerSaid, type Run } from './run';
import { onlyCourtesy } from '../nlu/courtesy';
import { renderTemplate } from '../flow/template';

/**
 * What the bot says to thanks, a goodbye or an emoji after the chat ended when the flow sets no line of its own
 * (settings.closedCourtesyMessage absent; empty: nothing is said).
 */
export const DEFAULT_CLOSED_COURTESY_MESSAGE = "You're welcome! If you need anything else, just write your question here.";

/**
 * A message at a closed conversation that only closes it: recorded, answered once with the flow's line
 * (settings.closedCourtesyMessage, its {{variables}} filled in like the restart message's; absent: the built-in
 * sentence; empty: nothing), nothing when that line was the bot's last message, and the conversation stays closed.
 * False: the caller restarts. Session 25 (review of session 24): the line is the flow's text, so a flow in another
 * language says its own; it was an English sentence said only when the flow's language began with "en" (hostile s24 #9).
 */
export function answerAfterClose(run: Run, text: string): boolean {
  if (!onlyCourtesy(text)) return false;
  const lastBot = [...run.s.recentTranscript].reverse().find((e) => e.from === 'bot');
  customerSaid(run, text);
  const line = renderTemplate(run.flow.settings.closedCourtesyMessage ?? DEFAULT_CLOSED_COURTESY_MESSAGE, run.s.variables).trim();
  if (line !== '' && lastBot?.text !== line) bot(run, line);
  return true;
}
