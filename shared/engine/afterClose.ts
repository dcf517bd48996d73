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
 * (a goodbye is not a conversation to keep going; once per ended chat, session 25). Anything else ("where is my
 * order?", "I want a person", "hi") restarts the conversation as before. Pure.
 */
import { bot, customerSaid, type Run } from './run';
import { courtesyOf, onlyCourtesy, onlyExclamation, saysGoodbye } from '../nlu/courtesy';
import { renderTemplate } from '../flow/template';
import { withoutInvisible } from './unicodeText';
import { normalizeText } from '../nlu/normalizeText';
import { NO_WORDS } from '../nlu/bareReplies';
import type { TranscriptEntry } from './types';

/**
 * What the bot says to thanks, a goodbye or an emoji after the chat ended when the flow sets no line of its own
 * (settings.closedCourtesyMessage absent; empty: nothing is said).
 */
export const DEFAULT_CLOSED_COURTESY_MESSAGE = "You're welcome! If you need anything else, just write your question here.";
/** The built-in line to a goodbye without thanks after the end (session 39). */
export const CLOSED_GOODBYE_MESSAGE = 'Goodbye! If you need anything else, just write your question here.';

/**
 * A message at a closed conversation that only closes it: recorded, answered once with the flow's line
 * (settings.closedCourtesyMessage, its {{variables}} filled in like the restart message's; absent: the built-in
 * sentence; empty: nothing), nothing when that line was already said since the end, and the conversation stays closed.
 * False: the caller restarts. Session 25 (review of session 24): the line is the flow's text, so a flow in another
 * language says its own; it was an English sentence said only when the flow's language began with "en" (hostile s24 #9).
 * Session 25 (hostile25 #9, #10): "said once" is read from the transcript's mark (transcriptEntrySchema.closedCourtesy),
 * not by comparing the bot's last text with the line (a line with a variable that changes, "you said
 * {{lastMessage}}", was said to every thanks); a line of only invisible characters ("\u200b") is empty: nothing is
 * said (it was an invisible bubble).
 */
export function answerAfterClose(run: Run, text: string): boolean {
  const courtesy = onlyCourtesy(text);
  if (!courtesy && !onlyReaction(text) && !onlyNoMore(text)) return false;
  const before = sinceEnd(run.s.recentTranscript);
  customerSaid(run, text);
  // Session 39 (hostile s38 L4): a goodbye with no thanks ("bye", "BYE") got "You're welcome!": the built-in line answers
  // it with a goodbye. A flow's own line is said to both.
  // Session 47 (conv8): a reaction with no thanks ("Wow, brilliant.", "lol") gets neither thanks nor a goodbye.
  const own = run.flow.settings.closedCourtesyMessage;
  const builtIn = !courtesy && courtesyOf(text)?.thanks !== true ? CLOSED_REACTION_MESSAGE : saysGoodbye(text) && courtesyOf(text)?.thanks !== true ? CLOSED_GOODBYE_MESSAGE : DEFAULT_CLOSED_COURTESY_MESSAGE;
  const line = renderTemplate(own ?? builtIn, run.s.variables).trim();
  // A state saved before the mark existed: the line said last, as the text comparison read it.
  if (before === 'said' || (before !== 'end' && before.from === 'bot' && before.text === line)) return true;
  if (blankLine(line)) return true;
  bot(run, line);
  const said = run.s.recentTranscript[run.s.recentTranscript.length - 1];
  if (said !== undefined && said.from === 'bot' && said.text === line) said.closedCourtesy = true;
  return true;
}

/**
 * Session 50 (conv12, hostile s49 L2): a bare "no" after "Have a lovely day!" restarted the whole chat ("Welcome back!", the
 * greeting and the menu). A no and nothing else, or with words that only say there is nothing more ("nope", "nah", "no
 * that is all", "nothing else", "no I'm good"), is answered like a reaction: the chat stays closed. Anything beside it ("no,
 * my parcel still has not come") restarts as before.
 */
const NO_MORE_WORDS: ReadonlySet<string> = new Set([...NO_WORDS, 'nothing', 'else', 'more', 'not', 'really', 'that', 'thats', 'is', 'it', 'all', 'i', 'am', 'im', 'good', 'fine', 'ok', 'okay', 'for', 'now', 'thanks', 'thank', 'you', 'need', 'needed']);
const SAYS_NO: ReadonlySet<string> = new Set([...NO_WORDS, 'nothing']);
export function onlyNoMore(text: string): boolean {
  if (text.includes('?') || /\d/.test(text) || text.length > 40) return false;
  const words = normalizeText(withoutInvisible(text)).split(' ').filter(Boolean);
  return words.length > 0 && words.length <= 6 && words.some((w) => SAYS_NO.has(w)) && words.every((w) => NO_MORE_WORDS.has(w));
}

/** The built-in line to a reaction after the end (session 47): no thanks to answer, no goodbye said. */
export const CLOSED_REACTION_MESSAGE = 'If you need anything else, just write your question here.';

/** Interjections and laughter that react to what was said and ask nothing ("wow", "oh wow", "lol", "haha"). */
const REACTION_WORDS: ReadonlySet<string> = new Set(['wow', 'woah', 'whoa', 'oh', 'ah', 'ooh', 'gee', 'omg', 'lol', 'lmao', 'haha', 'hahaha', 'ha', 'hah', 'heh', 'hehe', 'yay', 'phew']);
/**
 * Session 47 (conv8, retest-conv s46 L4): "Wow, brilliant." right after a closed ticket restarted the whole flow ("Welcome
 * back!", the greeting and the menu). A reaction and nothing else is answered like a courtesy: an exclamation of praise
 * (courtesy.ts onlyExclamation, sarcastic or not: "oh fantastic", "perfect, just perfect", which the ticket's issue question and
 * the name questions already refuse), at most three interjections ("wow", "oh wow", "lol"), or both ("haha nice"). Anything beside it ("wow,
 * where is my order?") restarts as before.
 */
export function onlyReaction(text: string): boolean {
  if (onlyExclamation(text)) return true;
  if (text.includes('?') || /\d/.test(text) || text.length > 40) return false;
  const words = withoutInvisible(text).toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
  const rest = words.filter((w) => !REACTION_WORDS.has(w) && !REACTION_WORDS.has(w.replace(/(\p{L})\1+$/u, '$1')));
  // (Laughter beside praise, "haha nice": the praise read alone.)
  return rest.length === 0 ? words.length > 0 && words.length <= 3 : rest.length < words.length && onlyExclamation(rest.join(' '));
}

/**
 * Whether the line was said since the chat ended ('said'), else the end's last entry ('end': none at all). After the
 * end the transcript grows only by bare courtesies and that one line (anything else restarts the conversation), so the
 * newest entry that is not the customer's is either the line (marked) or the end's own (the goodbye, an agent's
 * closing): the line was not said. A window of nothing but the customer's courtesies (more than WINDOW_SIZE of them)
 * answered the first one already, or had nothing to say.
 */
function sinceEnd(entries: readonly TranscriptEntry[]): 'said' | 'end' | TranscriptEntry {
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].from !== 'customer') return entries[i].closedCourtesy === true ? 'said' : entries[i];
  }
  return entries.length > 0 ? 'said' : 'end';
}

/**
 * Whether a closedCourtesyMessage shows nothing: only spaces and invisible characters (unicodeText's class, other format
 * and control characters). validateFlow warns about such a line with the same test (closed_courtesy_invisible).
 */
export function blankLine(line: string): boolean {
  return withoutInvisible(line).replace(/[\p{Cf}\p{Cc}]/gu, '').trim() === '';
}
