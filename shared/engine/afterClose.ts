/**
 * Session 24 (hostile s17 #13 rest): after the chat ended, a customer who only says thanks, bye, ok or an emoji is
 * answered once, politely, and the chat stays closed. Before, every message after the end restarted the flow
 * ("Welcome back!" and the menu, session 16): a 👍 then fell to "Sorry, I didn't get that", and "bye" three times in a
 * row was a fallback streak handed over to a person.
 *
 * Only a bare courtesy counts (onlyClosesChat: thanks, bye, ok, a goodbye wish, friendly emoji, nothing else). The first such message after the end gets CLOSED_COURTESY_REPLY; another one after
 * that reply gets nothing (a goodbye is not a conversation to keep going). Anything else ("where is my order?", "I
 * want a person", "hi") restarts the conversation as before. Pure.
 */
import { bot, customerSaid, type Run } from './run';

/** The one line said to thanks, a goodbye or an emoji after the chat ended. */
export const CLOSED_COURTESY_REPLY = "You're welcome! If you need anything else, just write your question here.";

/** A bare acknowledgement, which asksNothing leaves to the bot's question (it may be an answer there): "ok", "k!", "alright then". */
const BARE_ACK = /^\s*(?:ok+|okay|okey|okie|k+|alright|all right|right|sure|fine|great|cool|nice|good|got it|gotcha|noted|understood|will do|no worries|no problem|np)(?:\s+(?:then|thanks?|ty))?[\s.!]*$/iu;

/** A goodbye wish, which asksNothing reads as a question opening with "have": "have a nice day", "you too, take care". */
const GOODBYE_WISH = /^\s*(?:(?:ok(?:ay)?|thanks?|thank you|cheers|bye|and|you too)[\s,.!]+)*(?:have a (?:nice|good|great|lovely|wonderful|brilliant) (?:day|one|evening|night|weekend|week|afternoon)|take care|see you|see ya|good ?night|bye(?: for now)?)(?:[\s,.!]+(?:too|bye|thanks?|cheers|x+))*[\s.!]*$/iu;

/**
 * Session 24 (hostile s24 #1): only a BARE courtesy closes: every word one of thanks, goodbye or acknowledgement
 * (CLOSING_CORE) or of the few that go with them ("so much", "for your help", "mate": CLOSING_WITH), at least one of
 * the first, and friendly emoji. Anything more restarts the conversation and is read as any message is: "thanks, my
 * son swallowed a magnet", "ok thanks, I am going to sue you", "thank u, im suicidal" got "You're welcome" when the
 * first version took any message the escalation's asksNothing let pass ("thanks, <statement>" closes a subject there).
 */
const CLOSING_CORE = new Set(['thanks', 'thank', 'thankyou', 'thanku', 'ty', 'tyvm', 'thx', 'thnx', 'thanx', 'tnx', 'cheers', 'ta', 'bye', 'byee', 'byeee',
  'goodbye', 'cya', 'ok', 'okay', 'okey', 'okie', 'k', 'kk', 'alright', 'cool', 'perfect', 'awesome', 'brilliant', 'great', 'lovely', 'super', 'sweet',
  'noted', 'understood', 'gotcha', 'merci', 'danke', 'gracias', 'grazie', 'obrigado', 'obrigada', 'worries', 'np', 'appreciated']);
const CLOSING_WITH = new Set(['you', 'u', 'ya', 'so', 'much', 'very', 'a', 'lot', 'lots', 'many', 'again', 'all', 'for', 'your', 'the', 'help',
  'that', 'too', 'no', 'problem', 'mate', 'and', 'then', 'beaucoup', 'schon', 'x', 'xx', 'xxx', 'now', 'got', 'it', 'much', 'really', 'oh', 'ah']);
/** Friendly emoji (and their skin tones and joiners) that say thanks or fine. */
const FRIENDLY = /[👍👌🙏❤💕💖😊🙂😀😃😄😁☺😍🥰🤗✅👏🙌💯👋✌\uFE0F\u200D\u{1F3FB}-\u{1F3FF}]/gu;

/** Whether a message sent after the chat ended only closes it (a bare thanks, bye, ok, a goodbye wish or a friendly emoji). */
export function onlyClosesChat(text: string): boolean {
  if (text.length > 120 || text.includes('?')) return false;
  if (BARE_ACK.test(text) || GOODBYE_WISH.test(text)) return true;
  const emojiGone = text.replace(FRIENDLY, ' ').replace(/[:;]-?[)D]/g, ' '); // and the emoticons ":)", ";-)", ":D"
  const hadEmoji = emojiGone !== text;
  if (/[^\p{L}\s.,!'’-]/u.test(emojiGone)) return false; // digits, other emoji, symbols
  const words = emojiGone.toLowerCase().replace(/[’']/g, '').split(/[^\p{L}]+/u).filter(Boolean);
  if (words.length === 0) return hadEmoji;
  return words.length <= 8 && words.every((w) => CLOSING_CORE.has(w) || CLOSING_WITH.has(w)) && words.some((w) => CLOSING_CORE.has(w));
}

/**
 * A message at a closed conversation that only closes it: recorded, answered once with CLOSED_COURTESY_REPLY (nothing
 * when that reply was the bot's last message), and the conversation stays closed. False: the caller restarts.
 */
export function answerAfterClose(run: Run, text: string): boolean {
  if (!onlyClosesChat(text)) return false;
  const lastBot = [...run.s.recentTranscript].reverse().find((e) => e.from === 'bot');
  customerSaid(run, text);
  // The line is English (no flow setting holds it yet): a flow in another language says nothing (hostile s24 #9: a
  // French flow answered 'merci' in English); the chat stays closed all the same.
  if (lastBot?.text !== CLOSED_COURTESY_REPLY && /^en\b/i.test(run.flow.settings.language)) bot(run, CLOSED_COURTESY_REPLY);
  return true;
}
