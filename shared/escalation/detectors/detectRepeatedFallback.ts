/**
 * repeated_fallback: the bot could not use `count` customer messages in a row. A message the bot did use
 * breaks the streak, so this only fires on a fallback turn.
 *
 * Messages that ask the bot nothing are not failed requests: thanks and acknowledgements ("ok cool ty",
 * "great thanks", a thumbs-up or a smile alone) and the customer's own slips ("asdf sorry cat on keyboard",
 * "oops wrong chat", "ignore that, typo"). When the bot cannot use them they neither count towards the streak
 * nor break it (see `asksNothing`). Chit-chat and laughter ("hehe", "what's your name?") still count.
 */
import type { EscalationPolicy } from '../../flow/schema';
import type { EscalationMemory, Signal, TurnFacts } from '../types';
import type { TextAnalysis } from '../../nlu/types';
import { canonicalTokens, canonicalizeTokens, paddedTokens } from '../canonicalTokens';
import { asksSameSubjectAgain, failedAskingAgainByModel } from './detectLoop';
import type { EscalationMemory as Memory } from '../types';
import { isRealQuestion, questionType } from '../questionConcepts';
import { normalizeText } from '../../nlu/normalizeText';
import { asksAfterGoods, isShopQuestion, isShopQuestionText, namesShopTopic, notTheShops } from '../shopTopics';
import { effectiveSentiment } from '../effectiveSentiment';
import { OFF_TOPIC, setAsideMatch } from '../inDomain/policyFallback';
import { inDomainScore, inDomainScoreOfTokens, shopRequestScoreOfTokens } from '../inDomain/inDomainScore';
import { FILLER } from '../../nlu/bareReplies';
import { isStopWord } from '../../nlu/stopWords';
import { EMOJI_ONLY, IN_SHOP_REQUEST, emojiOnly, offTopicMissInStreak } from '../intentMemory';

/**
 * Round six: nudges and fillers ("ok", "k", "lol", "hello?", "??", "sigh", "hola?", "pls") ask nothing new. After the
 * customer has asked a real question they neither extend nor break a fallback streak: the question is what counts.
 * Before any real question ("Something else" / "k" / "mm") they still count, as unusable messages. The words (FILLER) are
 * in nlu/bareReplies.ts since session 10, one vocabulary with the intent matcher's bare replies and the offer answers.
 */
/**
 * Session 7: a word with its last letter drawn out ("tyy", "okk", "yess", "thankss", "hellooo") is the word: the last
 * letter once. Only used to look words up in the lists of this file.
 */
function plain(t: string): string {
  return t.length >= 3 ? t.replace(/(.)\1+$/u, '$1') : t;
}
/** A filler: nothing but nudge words, or no letters and digits at all ("??", "...", "!!"). */
export function isFiller(analysis: TextAnalysis): boolean {
  if (!/[\p{L}\p{N}]/u.test(analysis.text)) return /[?!.]/.test(analysis.text) && !/\p{Extended_Pictographic}/u.test(analysis.text);
  const toks = canonicalTokens(analysis);
  return toks.length > 0 && toks.length <= 4 && toks.every((t) => FILLER.has(t) || FILLER.has(plain(t)));
}
/** Whether the customer asked a real question earlier (kept in memory.recent) that this message can only add to. */
function questionPending(memory: Memory): boolean {
  return memory.recent.slice(-3).some(isRealQuestion);
}

/** Words of thanks, acknowledgement and goodbye (canonical tokens). */
const ACK = new Set([
  'ok', 'okay', 'okk', 'oki', 'okie', 'cool', 'thanks', 'thank', 'you', 'ty', 'tyvm', 'thx', 'thnx', 'cheers', 'great', 'nice',
  'perfect', 'awesome', 'lovely', 'fine', 'alright', 'allright', 'right', 'got', 'it', 'np', 'worries', 'bye', 'goodbye',
  'cya', 'ta', 'much', 'no', 'problem', 'so', 'very', 'a', 'lot', 'all', 'good', 'sounds', 'noted', 'understood', 'sure', 'yep', 'yup', 'merci', 'gracias',
  'danke', 'salamat', 'arigato', 'spasibo', 'tesekkurler', 'brilliant', 'super', 'grand', 'ace', 'sweet', 'will', 'do', 'then', 'and',
]);
/** Words of a longer closing thanks ("thank you for your help", "both fine, thanks", "much appreciated"). */
const CLOSING = new Set([
  'both', 'done', 'ah', 'oh', 'for', 'your', 'the', 'help', 'helping', 'info', 'that', 'this', 'appreciated', 'appreciate', 'really',
  'btw', 'wonderful', 'excellent', 'kind', 'helpful', 'was', 'is', 'again', 'everything', 'sorted', 'set', 'i', 'am', 'we', 'are', 'have', 'it', 'me',
]);
/** Words around an order reference ("it's order 90112", "my order number is 11823"). */
const REFERENCE = new Set(['order', 'orders', 'number', 'nr', 'no', 'ref', 'reference', 'it', 'is', 'my', 'the', 'its', 'here', 'that', 'this', 'was', 'sorry', 'nuber', 'numbr']);
/** Words that may come with an order number given as a detail ("NW-117301 if you need it", "here it is: NW-119612"). */
const WITH_REFERENCE = new Set([...REFERENCE, 'if', 'you', 'need', 'needed', 'want', 'in', 'case', 'for', 'of', 'oh', 'ok', 'okay', 'yes', 'yeah', 'sure',
  'please', 'pls', 'thanks', 'thank', 'ty', 'and', 'so', 'there', 'you', 'go', 'again', 'just', 'a', 'reference', 'ref']);
/** Whether every word but the order number's own is a word that comes with a reference (see WITH_REFERENCE). */
function referenceOnly(toks: readonly string[], analysis: TextAnalysis): boolean {
  const idWords = new Set(analysis.entities.filter((e) => e.type === 'order_id').flatMap((e) => e.value.toLowerCase().split(/[^a-z0-9]+/)));
  return toks.every((t) => idWords.has(t) || WITH_REFERENCE.has(t));
}
/** Marks of the customer's own slip: a typo, a wrong window, a cat on the keyboard. */
const SLIPS = ['typo', 'keyboard', 'autocorrect', 'wrong chat', 'wrong window', 'wrong tab', 'wrong person', 'ignore that', 'ignore me',
  'ignore this', 'ignore my last', 'oops', 'whoops', 'my bad', 'pocket', 'butt dial', 'sent too soon', 'didnt mean to send', 'did not mean to send'];
/** SLIPS as a line holds them: after a space (which also finds " typo " between spaces). */
const SLIPS_AFTER_SPACE = SLIPS.map((s) => ` ${s}`);
/** Friendly emoji and emoticons that say "thanks" or "fine" on their own. */
const FRIENDLY = /^(?:\s|!|:-?\)|:-?d|;-?\)|<3|[😊🙂😀😃😄😁☺👍👌🙏❤💕💖😍🥰🤗✅👏🙌💯]|\uFE0F|\u200D|\p{Emoji_Modifier})+$/iu;
/** Thanks, praise and goodbye: an acknowledgement asks nothing only with one of these ("ok cool ty"); "ok then" or "k" alone may be a reply the bot missed. */
const THANKS = new Set([
  'thanks', 'thank', 'ty', 'tyvm', 'thx', 'thnx', 'cheers', 'ta', 'merci', 'gracias', 'danke', 'salamat', 'arigato', 'spasibo', 'tesekkurler',
  'bye', 'goodbye', 'cya', 'perfect', 'great', 'awesome', 'lovely', 'brilliant', 'super', 'sweet', 'worries', 'problem', 'noted', 'understood',
]);

/** Round seven: thanks in other languages customers write in (normalised: no accents). */
const THANKS_ABROAD = new Set(['obrigado', 'obrigada', 'grazie', 'tack', 'takk', 'tak', 'dziekuje', 'dzieki', 'kiitos', 'dank', 'bedankt',
  'dankjewel', 'dankuwel', 'koszonom', 'dekuji', 'hvala', 'multumesc', 'efharisto', 'shukran', 'xiexie', 'kamsahamnida', 'terima', 'kasih',
  'gracias', 'merci', 'danke', 'spasibo', 'arigato', 'arigatou', 'salamat', 'tesekkurler', 'tesekkur', 'mersi', 'dhanyavaad', 'shukriya']);
/** Praise words that close a question the customer is happy with ("cool", "sick", "ok nice"). */
const PRAISE = new Set(['cool', 'nice', 'sick', 'neat', 'wicked', 'ace', 'grand', 'lush', 'sound', 'dope', 'class', 'gorgeous', 'fab', 'fabulous', 'amazing']);
/** Words that may come before the thanks ("oh lovely, thank you", "great, thanks, I'll post it this week"). */
const BEFORE_THANKS = new Set(['ok', 'okay', 'oh', 'ah', 'great', 'lovely', 'perfect', 'brilliant', 'right', 'cool', 'nice', 'super', 'many', 'much',
  'and', 'well', 'awesome', 'fab', 'excellent', 'wonderful', 'ahh', 'ooh', 'oh', 'will', 'wait', 'alright', 'that', 'is', 'sounds', 'good', 'fine']);
/**
 * Round seven: after a real question, the customer closes it or corrects themselves, asking nothing new: what they
 * will do next ("k ill get it", "I'll pop in at the weekend", "ok will wait"), a remark ending in thanks ("Ok, the
 * first one is delivered, thank you"), a correction ("pay, sorry", "sorry, I meant Tuesday", "no wait, it's BS7 6PP").
 * No question mark and no question word opening it.
 */
function closing(toks: readonly string[], text: string): boolean {
  if (text.includes('?') || toks.length === 0 || toks.length > 14 || opensAsQuestion(toks)) return false;
  let i = 0;
  while (i < toks.length && i < 3 && (ACK.has(toks[i]) || PRAISE.has(toks[i]) || toks[i] === 'no' || toks[i] === 'oh')) i++;
  const rest = ` ${toks.slice(i).join(' ')} `;
  if (/^ (?:i will|ill|i am going to|i shall|will) (?!not )/.test(rest)) return true;
  const last = toks[toks.length - 1];
  if ((last === 'thanks' || last === 'ty' || last === 'thx' || last === 'cheers' || (last === 'you' && toks[toks.length - 2] === 'thank')) && !/ (?:for nothing|but|however|still) /.test(rest)) return true;
  // Round eight: the customer takes the answer and says so, asking nothing: praise first ("Perfect, ordering now",
  // "Killer, ordering a medium", "sweet both coming"), a summary ("ok so arriving Thursday", "Ok, so 30 days from
  // delivery"), or praise / thanks last ("oh it's coming separately, ok cool", "Okay, very good", "Ok, I go there. Dziękuję").
  if (!/ (?:not|but|however|still|nothing|again|wrong) /.test(paddedTokens(toks)) && !toks.some((t) => QUESTION_WORDS.has(t))) {
    if (TAKEN.has(toks[0]) || ((toks[0] === 'ok' || toks[0] === 'okay') && toks[1] === 'so')) return true;
    if (TAKEN.has(last) || last === 'good' || last === 'fine' || THANKS_ABROAD.has(last)) return true;
  }
  return (toks.length <= 4 && last === 'sorry') || / (?:i meant|i mean|sorry i meant|no wait|wait sorry|correction|should read|should be) /.test(paddedTokens(toks));
}

/** Words by which a customer takes an answer ("perfect", "killer", "sweet", "cool"). */
const TAKEN = new Set(['perfect', 'great', 'killer', 'sweet', 'cool', 'lovely', 'brilliant', 'fab', 'fabulous', 'excellent', 'awesome', 'super',
  'wonderful', 'nice', 'ace', 'grand', 'champion', 'smashing', 'splendid', 'marvellous', 'noted', 'understood', 'gotcha']);
const QUESTION_WORDS = new Set(['what', 'whats', 'when', 'where', 'wheres', 'how', 'why', 'which', 'who']);
const AFTER_THANKS = new Set(['you', 'so', 'much', 'a', 'lot', 'again', 'very', 'kindly', 'all', 'for', 'that', 'the', 'info', 'and', 'ok', 'okay', 'but']);
const QUESTION_OPENERS = new Set(['where', 'what', 'when', 'how', 'why', 'which', 'who', 'can', 'could', 'do', 'does', 'is', 'are', 'will', 'would', 'any', 'have', 'has', 'did']);
/**
 * Round seven: a message that opens with thanks (in any of the customer's languages) and asks no question asks the bot
 * nothing, whatever follows ("Thank you for the clarification.", "Thank you, I'll keep an eye on the email.", "danke
 * schön", "Much obliged."): the customer closes the subject. "Thanks for nothing" and a question after the thanks do not.
 */
function thanksFirst(analysis: TextAnalysis, text: string): boolean {
  if (text.includes('?')) return false;
  const toks = canonicalTokens(analysis);
  if (toks.length === 0 || toks.length > 14) return false;
  let i = 0;
  while (i < toks.length && i < 4 && BEFORE_THANKS.has(toks[i]) && !THANKS.has(toks[i])) i++;
  const t = toks[i];
  const thanks = t === 'thank' || t === 'thanks' || t === 'ty' || t === 'thx' || t === 'cheers' || t === 'obliged' || THANKS_ABROAD.has(t) ||
    ((t === 'much' || t === 'very') && (toks[i + 1] === 'obliged' || toks[i + 1] === 'appreciated'));
  if (!thanks || / (?:for nothing|but|however|still|yet) /.test(paddedTokens(toks))) return false;
  // "thanks, where is my order": a question after the thanks still asks something.
  let j = i + 1;
  while (j < toks.length && AFTER_THANKS.has(toks[j])) j++;
  const q = toks[j] ?? '';
  if (!QUESTION_OPENERS.has(q)) return true;
  // Session 7: an auxiliary after a subject of its own is a statement, not a question ("Thank you, you've been very
  // helpful", "thanks, it is fine"); right after the thanks' own "you" it still asks ("thank you, can you check it").
  const before = toks[j - 1] ?? '';
  return !QUESTION_WORDS.has(q) && (STATEMENT_SUBJECTS.has(before) || (before === 'you' && j - 1 > i + 1));
}
const STATEMENT_SUBJECTS = new Set(['i', 'it', 'that', 'this', 'we', 'everything', 'she', 'he', 'they', 'which']);
/** Words that may come before a question's opening word ("ok so is it in stock", "great, and can I pay by card"). */
const LEADERS = new Set(['ok', 'okay', 'oh', 'ah', 'and', 'so', 'but', 'well', 'hi', 'hey', 'hello', 'also', 'then', 'hmm', 'yes', 'yeah', 'no',
  'right', 'alright', 'thanks', 'thank', 'you', 'ty', 'cheers', 'wait', 'sorry', 'please', 'pls', ...PRAISE, ...TAKEN]);
/**
 * Session 7: whether the message opens as a question within its first three words: a question word, or an auxiliary
 * first or after words that lead in ("ok so is it free", "and do you ship"); an auxiliary after a word of the
 * sentence is a statement ("ok email is fine ty", "the box is fine", "I will"). "will" never opens one ("ok will wait").
 */
function opensAsQuestion(toks: readonly string[]): boolean {
  for (let i = 0; i < Math.min(3, toks.length); i++) {
    const t = toks[i];
    if (QUESTION_WORDS.has(t)) return true;
    if (QUESTION_OPENERS.has(t)) return t !== 'will' && (i === 0 || LEADERS.has(toks[i - 1]));
    if (!LEADERS.has(t)) return false;
  }
  return false;
}

/**
 * Whether a message asks the bot nothing (thanks, acknowledgement, a friendly emoji, the customer's own slip), and,
 * given the memory, a filler or a detail after a real question (see FILLER and isDetail).
 */
export function asksNothing(analysis: TextAnalysis, memory?: Memory): boolean {
  const text = analysis.text.trim();
  if (text === '') return false;
  if (memory && questionPending(memory)) {
    if (isFiller(analysis)) return true;
    // Round seven: after a real question, a short acknowledgement ("cool", "ok nice", "sick ty") closes it.
    const short = canonicalTokens(analysis);
    const word = (t: string) => ACK.has(t) || PRAISE.has(t) || THANKS.has(t);
    if (short.length > 0 && short.length <= 3 && !text.includes('?') && short.every((t) => word(t) || word(plain(t)))) return true;
    if (closing(short, text)) return true;
    if (signOffAfterShopQuestion(short, text, memory)) return true;
  }
  // Round eight: the chat convention for correcting one's own typo, a star before (or after) the word ("*track NW-112340",
  // "tracking*"), right after a message the bot could not use: the customer fixes that message, asking nothing new.
  if (memory && memory.fallbacksInRow > 0 && analysis.tokens.length > 0 && analysis.tokens.length <= 8 &&
    (/^\s*\*\s*[\p{L}\p{N}]/u.test(text) || /^[^*]*[\p{L}\p{N}]\*\s*$/u.test(text))) return true;
  // Session 11 (escconv): a friendly emoji answers something the bot said (a smile back at its greeting, a thumbs-up to an
  // answer); after the customer's first message and before they have asked anything at all ("Something else" / "What's
  // your question?" / "🙂🙂" / "👍🏾") it is no answer to the bot's question, and counts.
  if (FRIENDLY.test(text) && /[^\s!]/.test(text) && !(memory && memory.recent.length === 0 && memory.sentiments.length > 0)) return true;
  return asksNothingItself(analysis, text);
}

/**
 * Session 34 (perf): asksNothing's readings of the message alone (no memory: thanks first, acknowledgements, a
 * reference, a sign-off, a pleasantry, a slip), once per analysis. asksNothing is asked three to five times per message
 * (assess, the streak, low confidence), with memories that change only its readings above.
 */
const itselfAsksNothing = new WeakMap<TextAnalysis, boolean>();
function asksNothingItself(analysis: TextAnalysis, text: string): boolean {
  let known = itselfAsksNothing.get(analysis);
  if (known === undefined) itselfAsksNothing.set(analysis, (known = readAsksNothingItself(analysis, text)));
  return known;
}
function readAsksNothingItself(analysis: TextAnalysis, text: string): boolean {
  if (thanksFirst(analysis, text)) return true;
  const toks = canonicalTokens(analysis);
  // "no worries" / "no problem" are thanks; a bare "no" is an answer the bot may have missed (no thanks word).
  if (toks.length > 0 && toks.length <= 6 && !text.includes('?')) {
    const acks = toks.map((t) => (ACK.has(t) ? t : plain(t)));
    if (acks.every((t) => ACK.has(t)) && acks.some((t) => THANKS.has(t))) return true;
  }
  // A closing thanks in a few more words ("Thank you for your help.", "both fine, thanks", "done, thanks",
  // "Much appreciated."): only thanks, acknowledgement and closing words, no question mark.
  if (toks.length > 0 && toks.length <= 8 && !text.includes('?') && toks.some((t) => THANKS.has(t) || t === 'appreciated' || t === 'appreciate') &&
    toks.every((t) => ACK.has(t) || CLOSING.has(t))) return true;
  // The customer gives a reference the bot asked for or already has ("order 90112", "it's 82004", "my order
  // number is 11823"): information, not a failed request. Random numbers alone still count.
  if (toks.length <= 8 && toks.some((t) => /^\d{4,}$/.test(t)) && toks.some((t) => REFERENCE.has(t)) && toks.every((t) => /^\d+$/.test(t) || REFERENCE.has(t) || t.length <= 3)) return true;
  // Session 7: an order number in the shop's own format ("NW-117301", "#55210": the NLU's order_id entity) given on its
  // own or with a few words ("NW-117301 if you need it", "It's NW-119612."): the detail the bot asks for next.
  if (toks.length <= 8 && !text.includes('?') && analysis.entities.some((e) => e.type === 'order_id') && referenceOnly(toks, analysis)) return true;
  if (signsOff(toks, text) || valediction(text)) return true;
  if (pleasantry(toks, text)) return true;
  if (toks.length <= 10) {
    const joined = paddedTokens(toks);
    if (SLIPS_AFTER_SPACE.some((s) => joined.includes(s))) return true;
  }
  return false;
}

/**
 * Session 19 (esc): a letter's sign-off sent as its own message, a valediction and the writer's name ("Regards, Hilary",
 * "Kind regards, Elsie", "Yours, Peter Lomax", "Hopefully, Bernard", "Many thanks, Joan"): customers who write to the chat
 * as they write letters end each message so. It asks the bot nothing, whatever came before.
 */
const VALEDICTION = /^(?:(?:kind|best|warm|warmest|kindest|many|with|all the) )?(?:regards|wishes|best|thanks|thank you|sincerely|faithfully|truly|yours|hopefully|respectfully|gratefully|warmly|cheers|love|take care|god bless)(?: (?:sincerely|faithfully|truly|again|regards))?[,.!]?\s+(?:(?:mr|mrs|ms|miss|dr)\.?\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?\s*\.?$/iu;
export function valediction(text: string): boolean {
  const m = VALEDICTION.exec(text.trim());
  if (m === null) return false;
  // The name is written with a capital (case-insensitive above for the valediction only): "Regards, Hilary", not "thanks again mate".
  const name = text.trim().replace(/\.$/, '').split(/[,\s]+/).pop() ?? '';
  return /^\p{Lu}/u.test(name) && name.length >= 2;
}

/**
 * Session 11 (escconv): the customer signs off in their own words, asking nothing: thanks spelled as said ("ok tanks",
 * "thanx"), in more of the customers' languages ("Asante", "Khob khun ka", "cam on"), with a form of address or a
 * politeness particle ("Okay po, thank you again!", "ta mate", "ta bab"), or a goodbye wish ("thank you kindly, have a
 * blessed day", "take care", "fair enough, night"). No question mark, no question opening it, at most 10 words, and
 * nothing but such words.
 */
/**
 * Session 36 (fe, issue 11): the message only signs off in the customer's own words (signsOff: "thank you ka", "Okay po,
 * thank you again!", "ta mate, have a good one"): read by detectLoop, where such a message is no third asking of anything.
 */
export function signsOffOnly(analysis: TextAnalysis): boolean {
  return signsOff(canonicalTokens(analysis), analysis.text.trim());
}
function signsOff(toks: readonly string[], text: string): boolean {
  if (text.includes('?') || toks.length === 0 || toks.length > 10) return false;
  const core = toks.filter((t) => !PARTICLES.has(t));
  if (core.length === 0 || opensAsQuestion(core)) return false;
  const thanks = (t: string, i: number) => THANKS.has(t) || THANKS.has(plain(t)) || THANKS_ABROAD.has(t) || THANKS_SPELLED.has(t) ||
    (t === 'khun' && (core[i - 1] === 'khob' || core[i - 1] === 'khop')) || (t === 'on' && core[i - 1] === 'cam');
  const wish = ` ${core.join(' ')} `;
  const goodbye = GOODBYE.test(wish);
  if (!goodbye && !core.some(thanks)) return false;
  if (/ (?:for nothing|but|however|still|yet|not|no help) /.test(wish)) return false;
  return core.every((t, i) => thanks(t, i) || SIGN_OFF_WORDS.has(t) || ACK.has(t) || CLOSING.has(t) || BEFORE_THANKS.has(t) || PRAISE.has(t) || TAKEN.has(t) ||
    (t === 'khob' || t === 'khop' || t === 'cam'));
}
/**
 * Session 14 (escconv): a pleasantry asks the bot nothing: a well-wish to whoever is answering ("hope you're keeping
 * well", "I trust your day is going well", "hope ur having a good one") or a remark about the weather or the day where
 * the customer is ("It is cold today here", "grand day for it", "weather's grim up here"). A statement only: no
 * question mark, no question or request opening it, at most 12 words, no shop topic; a question about the weather
 * ("what's the weather in Leeds", "is it going to rain?") is an off-topic question and still counts.
 */
export function pleasantry(toks: readonly string[], text: string): boolean {
  if (text.includes('?') || toks.length < 2 || toks.length > 12 || opensAsQuestion(toks) || namesShopTopic(toks)) return false;
  const line = paddedTokens(toks);
  if (/ (?:please|pls|can|could|need|want|tell|recommend) /.test(line)) return false;
  if (WELL_WISH.test(line)) return true;
  return toks.some((t) => WEATHER_SAID.has(t)) && HERE_AND_NOW.test(line);
}
/** A wish for whoever answers: "hope you are well", "i trust your day is going well", "hope ur having a good one". */
const WELL_WISH = / (?:hope|hoping|trust) (?:you|ya|ye|u|ur|youre|your|all|everyone|everybody|things|the day|today) /;
/** Words of a remark about the weather or the day. */
const WEATHER_SAID = new Set(['weather', 'weathers', 'cold', 'hot', 'warm', 'freezing', 'chilly', 'grim', 'sunny', 'raining', 'rainy', 'wet', 'windy',
  'snowing', 'dark', 'miserable', 'muggy', 'baltic', 'roasting', 'scorcher', 'day', 'morning', 'evening']);
/** ...said of here and now ("here", "today", "this morning", "for once", "for it", "out there"). */
const HERE_AND_NOW = / (?:here|today|tonight|this morning|this afternoon|this evening|for once|for it|out there|outside|now) /;
/**
 * Session 14 (escconv): after a question about the shop (the customer's last question names a shop topic), a reply of
 * one to three words that asks nothing and says nothing of that question closes the chat, in whatever words or language: "Grazas", "Agyamanak po", "Ďakujem",
 * "magic, ta", "right on", "ok bet", "God bless". Words only (a vowel each, no letter three times: not a key mash, not
 * in capitals, no number or code), no question or request word, no follow-up opener ("or nails maybe"), no shop topic
 * of its own, and no word of the customer's earlier questions ("pounamu" after "do you sell pounamu" asks it again).
 * After an off-topic or unclear question (no shop topic) it still counts.
 */
export function signOffAfterShopQuestion(toks: readonly string[], text: string, memory: Memory): boolean {
  const core = toks.filter((t) => !PARTICLES.has(t));
  if (core.length === 0 || core.length > 3 || memory.recent.length === 0 || opensAsQuestion(core)) return false;
  // Words and a mark or two only ("magic, ta!"), not shouting ("DATE") nor pasted code ("[object Object]", "^^ that").
  if (!/^[\p{L}\p{M}\s,.!'’-]+$/u.test(text.trim()) || (/\p{L}{3}/u.test(text) && text === text.toUpperCase())) return false;
  if (!core.every((t) => /[aeiouyáéíóúàèìòùäëïöüąęěůý]/u.test(t) && !/(.)\1\1/u.test(t) && !/[bcdfghjklmnpqrstvwxz]{4}/.test(t))) return false;
  if (core.some((t) => REQUEST_WORDS.has(t) || QUESTION_WORDS.has(t)) || FOLLOW_ON.has(core[0]) || namesShopTopic(core)) return false;
  if (/ (?:for nothing|nothing|never|useless|rubbish) /.test(paddedTokens(core))) return false;
  const last = memory.recent[memory.recent.length - 1].split(' ');
  // A question in a sentence (four words or more, or opening as a question), not a few words naming things ("purple
  // monkey dishwasher").
  if (!(last.length >= 4 || opensAsQuestion(last)) || !namesShopTopic(last)) return false;
  // Nothing of the customer's earlier questions ("pounamu" after "do you sell pounamu", "Seoul how long").
  const asked = new Set(memory.recent.flatMap((q) => q.split(' ')));
  return !core.some((t) => t.length >= 3 && asked.has(t));
}
/** Openers of a follow-up or an alternative ("or nails maybe", "and the blue", "also socks"). */
const FOLLOW_ON = new Set(['or', 'and', 'also', 'plus', 'but', 'then', 'same', 'maybe']);
/** Words that ask for something even in a short reply ("help", "person", "again"). */
const REQUEST_WORDS = new Set(['help', 'please', 'pls', 'plz', 'human', 'person', 'agent', 'someone', 'anyone', 'again', 'still', 'what', 'huh',
  'hello', 'hellooo', 'hey', 'answer', 'reply', 'why', 'wrong', 'not', 'no', 'nope', 'useless', 'rubbish', 'stupid', 'ridiculous', 'seriously']);
/** Forms of address and politeness particles around thanks ("po", "ka", "mate", "bab", "love"). */
const PARTICLES = new Set(['po', 'ka', 'kha', 'krub', 'khrap', 'krap', 'la', 'lah', 'ji', 'san', 'mate', 'bab', 'love', 'hun', 'dear', 'sir',
  'madam', 'maam', 'bro', 'bhai', 'pal', 'boss', 'guys', 'bud', 'buddy', 'yaar', 'man', 'friend', 'darling', 'babe', 'chief', 'mam']);
/** Thanks as customers spell it. */
const THANKS_SPELLED = new Set(['tanks', 'thanx', 'thanz', 'thnks', 'thnx', 'thks', 'tks', 'tnx', 'tenks', 'tanx', 'thankyou', 'thanq', 'thanku', 'tq',
  'asante', 'mahalo', 'toda', 'dankie', 'medaase', 'nandri', 'shukran', 'dhanyavad', 'dhanyawad', 'gracie', 'mersi', 'merci', 'grazie', 'bless', 'respect']);
/** A goodbye wish ("have a blessed day", "take care", "night", "see you"). */
const GOODBYE = / (?:have a (?:good|nice|great|lovely|blessed|wonderful|fab|brilliant|good one|nice one)(?: (?:day|one|evening|night|weekend|week|afternoon|morning))?|take care|bye|goodbye|good ?night|night|nite|see you|see ya|laters|later|catch you later|all the best|ciao|adios) /;
/** Words of a sign-off beside thanks and goodbye ("alright cool, respect", "bless up", "fair enough"). */
const SIGN_OFF_WORDS = new Set(['have', 'a', 'good', 'nice', 'great', 'lovely', 'blessed', 'wonderful', 'day', 'one', 'evening', 'night', 'nite',
  'weekend', 'week', 'afternoon', 'morning', 'take', 'care', 'bye', 'goodbye', 'see', 'ya', 'you', 'later', 'laters', 'catch', 'all', 'best',
  'ciao', 'adios', 'up', 'fair', 'enough', 'ha', 'haha', 'kindly', 'again', 'alright', 'okay', 'ok', 'very', 'much', 'so', 'thank', 'thanks',
  'dead', 'on', 'sound', 'class', 'ta']);

/**
 * Round seven (session 5): how much an unusable message adds to the fallback streak. A message that asks nothing
 * adds 0 (see asksNothing); a clear question about the shop the flow has no intent for ("does it come with
 * batteries?", "do you gift-wrap?", see shopTopics.ts) adds 1/2, unless it asks the customer's last question again
 * (then the customer is stuck: 1); anything else (gibberish, a key mash, emoji, numbers, a question the shop has
 * nothing to do with, a detail after a failed question) adds 1. So with the default limit of 2, two unusable
 * messages hand over, and four clear, different shop questions the bot could not answer in a row do too.
 * Session 25 (shopq, issue 11): the 1/2 is now a mark, "a clear shop question", and such a question adds nothing to the
 * streak (fallbackStreak): it is a question the bot understood as a question about the shop and has no data for, not a
 * misunderstanding, and writers label several of them in a row ("do the led strips work w alexa" / "can u cut them to
 * size" / "Which carrier?") ordinary chats. Asked again it still counts in full, with the clear ones before it (the
 * customer is stuck), and three askings of one request are a loop (detectLoop).
 */
export function fallbackWeight(analysis: TextAnalysis, memory: Memory, ownQuestion = false): 0 | 0.5 | 1 {
  return assess(analysis, memory, ownQuestion).weight;
}
/**
 * Session 26 (shopfb): whether an unusable message is a clear, calm question about the shop (the first time or asked
 * again), which the bot understood as one and has no answer for: the engine tells the customer so
 * (EscalationDecision.shopQuestion, shared/engine/shopQuestion.ts) instead of "Sorry, I didn't get that".
 */
export function clearShopQuestion(analysis: TextAnalysis, memory: Memory, ownQuestion = false): boolean {
  return assess(analysis, memory, ownQuestion).shop;
}
/**
 * One message's weight, and (read only when needed, it costs a comparison with the last questions) whether it asks
 * the last question again; worked out once per message and memory (the detector, the memory update and the
 * explanation all ask).
 */
class Assessment {
  private againValue: boolean | undefined;
  /** Opens with an acknowledgement (acknowledgedFirst): the failed messages before it are closed. */
  closesBefore = false;
  /** ...and the rest asks nothing: it adds nothing either. */
  asksNothingElse = false;
  /** Read at the block's own question (TurnFacts.ownQuestion): no follow-up in a shop chat there (followUpInShopChat). */
  ownQuestion = false;
  /** A clear, calm question about the shop (calmShopQuestion), asked the first time (weight 1/2) or again (1). */
  shop = false;
  constructor(readonly analysis: TextAnalysis, readonly memory: Memory, readonly weight: 0 | 0.5 | 1, again?: boolean, readonly alternative = false) {
    this.againValue = again;
  }
  get again(): boolean {
    this.againValue ??= this.weight !== 0 && asksSameSubjectAgain(this.analysis, this.memory.recent);
    return this.againValue;
  }
}
const assessed = new WeakMap<TextAnalysis, Assessment>();
function assess(analysis: TextAnalysis, memory: Memory, ownQuestion = false): Assessment {
  const hit = assessed.get(analysis);
  if (hit && hit.memory === memory && hit.ownQuestion === ownQuestion) return hit;
  let a: Assessment;
  if (slipAfterOffTopicMiss(analysis, memory)) a = new Assessment(analysis, memory, 1, false);
  else if (asksNothing(analysis, memory) || detailOfShopRequest(analysis, memory) || takesAnswer(analysis, memory)) a = new Assessment(analysis, memory, 0, false);
  else if (memory.fallbacksInRow > 0 && ALTERNATIVE.test(analysis.normalized) && !POINTS_BACK.test(analysis.normalized)) a = new Assessment(analysis, memory, 1, false, true);
  else if (!calmShopQuestion(analysis, memory, ownQuestion)) a = new Assessment(analysis, memory, 1);
  else {
    const again = asksSameSubjectAgain(analysis, memory.recent);
    a = new Assessment(analysis, memory, again ? 1 : 0.5, again);
    a.shop = true;
  }
  // Session 16: not after a miss that read off-topic for the shop (offTopicMissInStreak): the "ok" there answers the bot's
  // not-understood reply, the only answer such a request could get, and takes no answer.
  if (a.weight !== 0 && memory.fallbacksInRow > 0 && !a.alternative && !offTopicMissInStreak(memory)) {
    const ack = acknowledgedFirst(analysis);
    if (ack !== null) {
      a.closesBefore = true;
      a.asksNothingElse = !restAsks(ack.rest, analysis.text);
    }
  }
  a.ownQuestion = ownQuestion;
  assessed.set(analysis, a);
  return a;
}
/**
 * Session 36 (fe, issue 11 repeated-fallback recall): the customer's own slip ("sry pocket", "sorry cat on keyboard",
 * "oops wrong chat", "ñññññ sorry keyboard") right after a streak that opened with a message read off-topic for the shop
 * (intentMemory.OFF_TOPIC_MISS: a key mash, the weather, a pub in Clapham) is one more message the bot could not use, not a
 * note that closes a question: there is no question of the shop's to come back to, and writers label such chats
 * repeated fallbacks ("bjkk" / "sry pocket", "ggghhh" / "sorry phone in pocket"; odd ids: 6 of 6 such chats). After a
 * question about the shop or one the bot answered, a slip still asks nothing ("whats your opnening hours" / "sorry typo").
 */
function slipAfterOffTopicMiss(analysis: TextAnalysis, memory: Memory): boolean {
  if (memory.fallbacksInRow <= 0 || !offTopicMissInStreak(memory)) return false;
  const toks = canonicalTokens(analysis);
  if (toks.length === 0 || toks.length > 10) return false;
  const joined = paddedTokens(toks);
  return SLIPS_AFTER_SPACE.some((s) => joined.includes(s));
}
/**
 * Session 38 (fe, issue 11): the customer takes an answer. Right after a message the bot could not use, the customer
 * reacts as one reacts to an answer: an acknowledgement first ("ok", "oh", "ah", "alright", "right"), then what they
 * make of it or will do, asking nothing ("ok so me go up one size", "ok L then", "Alright mi will order", "ok 2-4 din,
 * thik hai", "ok if not shipped. My order NW-402216"). Whatever the bot said, the customer is not stuck: the message is
 * no failed request, and the failures before it are closed (nextFallbackStreak), as thanks close them. This holds also
 * where the older readings do not look (closing: only after a question in English grammar; acknowledgedFirst: not after
 * a miss the learned score read off-topic). Not when it asks (a question mark, a question opening it, a request word:
 * "ok then tell me a joke", "Ok how about top up"), turns to something else ("Oh and 4 down ...", "ok never mind what
 * about mala"), is the customer's slip or dismay ("ok soz kid got me phone", "Oh dear it has gone", "oh wait that's my
 * essay"), is upset, is about who answers, repeats the acknowledgement ("ok ok barev": a nudge), or has no word of its
 * own after it ("ok so the") or a key mash. Chosen on odd ids, checked on even ids: docs/escalation.md "Session 38 (fe)".
 */
export function takesAnswer(analysis: TextAnalysis, memory: Memory): boolean {
  if (memory.fallbacksInRow <= 0 || analysis.text.includes('?')) return false;
  const toks = canonicalTokens(analysis);
  // The acknowledgement once: "ok ok barev", "ok ok ok lalala" are nudges, not an answer taken.
  if (toks.length < 2 || toks.length > 12 || !TAKE_OPENERS.has(plain(toks[0])) || plain(toks[1]) === plain(toks[0])) return false;
  let i = 1;
  while (i < toks.length && (TAKE_OPENERS.has(plain(toks[i])) || toks[i] === 'so')) i++;
  const rest = toks.slice(i);
  if (rest.length === 0 || FOLLOW_ON.has(rest[0]) || opensAsQuestion(rest)) return false;
  if (rest.some((t, j) => NOT_TAKEN.has(t) || QUESTION_WORDS.has(t) || ABOUT_THE_BOT.has(t) || (REQUEST_WORDS.has(t) && !(t === 'not' && rest[j - 1] === 'if')))) return false;
  if (SLIPS_AFTER_SPACE.some((sl) => paddedTokens(toks).includes(sl))) return false;
  // Words of its own: at least one that is no stop word or filler, and no key mash.
  if (!rest.some((t) => /\d/.test(t) || (!isStopWord(t) && !FILLER.has(t) && !TAKE_OPENERS.has(t)))) return false;
  if (!rest.every((t) => /\d/.test(t) || t.length <= 2 || (/[aeiouy]/.test(t) && !/(.)\1\1/.test(t)))) return false;
  return effectiveSentiment(analysis).score > UPSET;
}
/** Acknowledgements that open a reaction to an answer. */
const TAKE_OPENERS = new Set(['ok', 'okay', 'oki', 'okie', 'okey', 'oh', 'ah', 'aha', 'ooh', 'alright', 'aight', 'right']);
/** Words by which the reaction asks, drops the subject or turns to another, or says the customer slipped. */
const NOT_TAKEN = new Set(['please', 'pls', 'plz', 'can', 'could', 'would', 'need', 'want', 'tell', 'give', 'send', 'write', 'make', 'show', 'find',
  'recommend', 'about', 'never', 'mind', 'nevermind', 'forget', 'nvm', 'wait', 'sorry', 'soz', 'sry', 'dear', 'but', 'wrong', 'lol', 'lmao', 'haha']);
/**
 * Round eight: after the bot failed, the customer offers another way to be served ("Do you sell Vespa parts?" / "Or
 * helmets for scooters?", "Alternatively, is there a corporate purchasing scheme?", "otherwise, can you..."): they
 * are stuck trying, so this counts in full and so does the streak before it (a person is offered at the second). An
 * alternative pointing back at the same thing ("or can I ask them to leave it next door") is a follow-up and counts as before.
 */
/** An alternative about the same thing ("or can I ask them to leave it with the neighbour"): a follow-up, not a new try. */
const POINTS_BACK = / (?:it|its|them|they|their|that|this|those|these)(?: |$)/;
const ALTERNATIVE = /^(?:(?:ok|okay|thanks|thank you|hmm|right|well|so)\s)*(?:or|alternatively|otherwise|failing that|if not)(?:\s|$)/;
/**
 * Round eight: the detail a shop request needs, given right after it failed ("can I change the address on it" / "to 9
 * Park Row, Leeds"; "return NW-117654 pls" / "it's the wrong size"): the customer answers what the bot would ask next,
 * asking nothing new. Only after a clear question about the shop (see shopTopics.ts) that the bot could not use; after
 * an off-topic request ("do you sell concert tickets?" / "for the Coldplay tour") the detail still counts in full.
 */
function detailOfShopRequest(analysis: TextAnalysis, memory: Memory): boolean {
  if (memory.fallbacksInRow === 0 || (memory.clearInRow ?? 0) === 0 || memory.recent.length === 0) return false;
  const text = analysis.text;
  if (text.includes('?') || analysis.tokens.length < 2 || analysis.tokens.length > 10 || isRealQuestion(analysis.normalized)) return false;
  // Words, not a key mash ("asdkjh qwpoe"): every word has a vowel and no letter three times in a row.
  if (!analysis.tokens.every((t) => /^\d+$/.test(t) || (/[aeiouy]/.test(t) && !/(.)\1\1/.test(t)))) return false;
  // A request ("an invoice for 47225 please", "delivery date of 77302 kindly share") or a correction ("VAT, not delivery
  // times") asks again; so does anything on the failed question's own subject.
  if (/(?:^| )(?:please|pls|plz|kindly|not|again|still)(?: |$)/.test(analysis.normalized)) return false;
  // A question without its question mark ("ok cool and what sizes", "if it breaks in a year do you fix it").
  if (/(?:^| )(?:what|whats|when|where|wheres|how|why|which|who|(?:do|can|could|will|would) (?:you|u|i|they|it))(?: |$)/.test(analysis.normalized)) return false;
  const last = memory.recent[memory.recent.length - 1];
  if (!(isShopQuestionText(last) || ownOrderRequest(last)) || effectiveSentiment(analysis).score <= UPSET) return false;
  return !asksSameSubjectAgain(analysis, memory.recent) && !keepsRequestWord(analysis, memory.recent[memory.recent.length - 1]);
}
/** Words too general to say that a message repeats the request before it. */
const GENERAL_WORDS = new Set(['order', 'orders', 'item', 'items', 'thing', 'things', 'stuff', 'help', 'know', 'tell', 'question', 'possible',
  'okay', 'yeah', 'thanks', 'thank', 'sorry', 'hello', 'just', 'only', 'again', 'still', 'well', 'make', 'mean', 'please', 'there', 'want', 'need']);
/**
 * Session 14 (escconv): a "detail" that keeps a word of the request the bot just failed on ("Do you have the wrap dress
 * in petite size?" / "Petite, for short people") is that request said again in other words, not the detail it needs
 * (see detailOfShopRequest): it counts like any other unusable message. A word of four letters or more, not a function
 * word or a general one (order, help, thing...).
 */
export function keepsRequestWord(analysis: TextAnalysis, request: string): boolean {
  const asked = new Set(request.split(' '));
  return canonicalTokens(analysis).some((t) => t.length >= 4 && /^[a-z]+$/.test(t) && !isStopWord(t) && !GENERAL_WORDS.has(t) && asked.has(t));
}
/**
 * Session 17 (escconv): a request about the customer's own order, in any grammar: it names something the shop does
 * (shopTopics.namesShopTopic: track, return, cancel, delivery...) and says it is wanted (want, wants, wanna, need...)
 * or gives the order's reference ("ah want return NW-431186", "hello ji, I wants to track order", "cancel 40211 pls").
 * isShopQuestion reads a request only as "I want / I need ..."; a customer writing in dialect or a second language
 * asks for the same thing. Counts like a clear shop question: half, and the detail after it nothing.
 */
const WANTS = new Set(['want', 'wants', 'wanted', 'wanna', 'need', 'needs', 'needed']);
const ORDER_REFERENCE = /(?:^| )(?:nw )?\d{4,}(?: |$)/;
function ownOrderRequest(normalized: string): boolean {
  const toks = normalized.split(' ');
  if (toks.length > 16 || !(toks.some((t) => WANTS.has(t)) || ORDER_REFERENCE.test(normalized))) return false;
  // Named in words: numbers alone ("8834 2291 00", "SDLT 450000 FTB") name nothing the shop does.
  const words = toks.filter((t) => /^[a-z]{3,}$/.test(t));
  return words.length > 0 && namesShopTopic(words);
}
/** A clear question about the shop asked calmly (an upset or urgent customer, "I need my refund asap, this is useless", is stuck). */
function calmShopQuestion(analysis: TextAnalysis, memory: Memory, ownQuestion: boolean): boolean {
  return (isShopQuestion(analysis, memory.recent.slice(-2)) || ownOrderRequest(analysis.normalized) || otherOrder(analysis, memory) || shopQuestionAfterLeadIn(analysis) ||
    nextQuestionInShopChat(analysis, memory) || (!ownQuestion && followUpInShopChat(analysis, memory))) && effectiveSentiment(analysis).score > UPSET;
}
/**
 * Session 26 (shopfb, issue 11): in a chat about the shop, a follow-up in any form that the learned in-domain score reads
 * as about the shop (at least FOLLOW_UP_IN_SHOP) is a clear shop question too, even when it is no question in grammar and
 * the shop vocabulary knows none of its words: "the steel shelving unit, whats the max load per shelf" / "ok and is it
 * bolt together or boltless", "do the work trousers have knee pad pockets" / "what leg lengths you do" / "31 leg good.
 * any in navy", "Is the Christmas jumper in stock in a large?" / "Aged 6-7 please". Writers label such chats ordinary:
 * the customer asks about products the bot has no data for, and is not stuck. The chat is about the shop when the failed
 * message just before in the streak was a clear shop question, or one of the last two questions was one (shopChat).
 * Real words only (not a key mash), not about who is answering, and not at a block's own question (an answer given
 * again that does not fit, "Yes yes, confirm please" at the new-address question, is no follow-up). The in-domain score alone is not enough: it reads "When
 * do clocks go back" as the shop's (1.00 before its session 27 retrain, 0.05 after; many such questions still score high), so an opening message is never read this way. Asked again it counts in full
 * (assess), and three failed askings of one request are still a loop (evaluateEscalation, streakLoop).
 */
const FOLLOW_UP_IN_SHOP = 0.9;
function followUpInShopChat(analysis: TextAnalysis, memory: Memory): boolean {
  if (memory.recent.length === 0) return false;
  if (!(memory.fallbacksInRow > 0 && (memory.clearInRow ?? 0) > 0) && !shopChat(memory)) return false;
  const toks = canonicalTokens(analysis);
  if (toks.length === 0 || !toks.every((t) => /^\d+$/.test(t) || (/[aeiouy]/.test(t) && !/(.)\1\1/.test(t)))) return false;
  if (toks.some((t) => ABOUT_THE_BOT.has(t))) return false;
  return inDomainScore(analysis) >= FOLLOW_UP_IN_SHOP;
}
/**
 * Session 14 (escconv): in a chat that is about the shop, the customer's next real question is a clear question about
 * the shop even in words the shop vocabulary does not know ("do I have to be in to sign" / "can the postman leave it
 * with next door", "can I hide the price on the slip" / "can I add a note too", "how heavy is the box roughly"). The
 * chat is about the shop when one of the customer's last two questions was a clear question about the shop (shopChat).
 * A real question: three words or more, a question word or auxiliary opening it (or a question mark and a real
 * question), real words (not a key mash), not about who is answering ("are you a robot?", ABOUT_THE_BOT), and not
 * off-topic by the learned in-domain score (inDomain/inDomainScore.ts, at least IN_SHOP_CHAT: "who won the match"
 * scores 0.00). The same subject asked again still counts in full (see assess).
 */
const IN_SHOP_CHAT = 0.5;
const SHORT_FOLLOW_UP = 7;
/** Words of a question about who is answering ("are you a robot?", "who am I even talking to?"): not about the shop. */
const ABOUT_THE_BOT = new Set(['bot', 'robot', 'chatbot', 'human', 'ai', 'machine', 'talking', 'speaking', 'chatting']);
export function nextQuestionInShopChat(analysis: TextAnalysis, memory: Memory): boolean {
  if (memory.recent.length === 0) return false;
  const toks = canonicalTokens(analysis);
  // Session 25 (shopq): or a short follow-up ending in a question mark ("codes expire?", "For 6 months po?", "min spend on
  // codes?"), up to SHORT_FOLLOW_UP words, with the same checks below.
  const shortFollowUp = toks.length > 0 && toks.length <= SHORT_FOLLOW_UP && /\?\s*$/.test(analysis.text);
  if (!shortFollowUp && (toks.length < 3 || !(opensAsQuestion(toks) || (analysis.text.includes('?') && isRealQuestion(analysis.normalized))))) return false;
  if (!toks.every((t) => /^\d+$/.test(t) || (/[aeiouy]/.test(t) && !/(.)\1\1/.test(t)))) return false;
  if (toks.some((t) => ABOUT_THE_BOT.has(t)) || inDomainScore(analysis) < IN_SHOP_CHAT) return false;
  return shopChat(memory);
}
/**
 * Whether the chat is about the shop: one of the customer's last two questions was a clear question about the shop. (A
 * question the bot understood as an intent was measured too and not kept: a greeting intent makes any chat look like one.)
 */
function shopChat(memory: Memory): boolean {
  return memory.recent.slice(-2).some(isShopQuestionText);
}
/** Words that open a question (normalised words), read after a lead-in. */
const OPENS_QUESTION = new Set(['what', 'whats', 'when', 'where', 'wheres', 'how', 'why', 'which', 'who', 'can', 'could', 'do', 'does', 'is',
  'are', 'will', 'would', 'did', 'have', 'has']);
/**
 * Session 14 (escconv): a clear question about the shop after a lead-in of a few words that asks nothing itself: an
 * acknowledgement, or the customer dropping what the bot could not answer ("ok no problem, where is my order NW-119200",
 * "Never mind that, what I actually wanted was your opening hours", "lol thought so. ok whats the return window on
 * controllers"). The question is read from its own first word, as if the lead-in were not there; the lead-in (at most
 * five words, the question at least three) must not ask anything (a question opener in it is the question itself).
 */
export function shopQuestionAfterLeadIn(analysis: TextAnalysis): boolean {
  const toks = analysis.normalized.split(' ').filter((t) => t !== '');
  for (let k = 3; k <= Math.min(5, toks.length - 3); k++) {
    if (!OPENS_QUESTION.has(toks[k])) continue;
    return isShopQuestionText(toks.slice(k).join(' '));
  }
  return false;
}
/**
 * Round eight: the same request for another order, in a few words, right after a question about the shop ("Track
 * 77301" / "And 77390", "cancel 61150" / "keep 61151", "wheres 5521" / "oh and 5530"): a clear follow-up about the shop.
 */
function otherOrder(analysis: TextAnalysis, memory: Memory): boolean {
  const toks = analysis.tokens;
  // Words with the number ("and 77390"), not numbers alone ("8834 2291 00" / "5555555": a key mash).
  if (toks.length > 6 || memory.recent.length === 0 || !toks.some((t) => /^\d{4,}$/.test(t)) || !toks.some((t) => /^[a-z]+$/.test(t))) return false;
  const last = memory.recent[memory.recent.length - 1];
  return (isShopQuestionText(last) || (/(?:^| )\d{4,}(?: |$)/.test(last) && /(?:^| )[a-z]{3,}(?: |$)/.test(last))) && !toks.some((t) => last.split(' ').includes(t) && /^\d{4,}$/.test(t));
}
/** Sentiment at or below which a question counts in full (the default negative-sentiment threshold). */
const UPSET = -0.5;

/**
 * Session 15 (escconv): the customer opens with an acknowledgement and a break ("cheers. and weekdays?", "OK. And it come
 * with DPD or Royal Mail?", "thank you. Also what time your people work on Saturday?", "ok not sure. fine"): they took the
 * bot's last reply as an answer, so the messages the bot failed on before it are closed, not a customer stuck. The streak
 * before such a message no longer counts; the message itself counts on its own (nothing when it asks nothing). Not when
 * the rest goes back to what failed or objects ("ok. but where is it?", "Right, yes, but...", "thanks. back to my
 * question...", "...still...", "...again..."): that customer is stuck, and counts as before. Nor when upset.
 * Writers across corpora: such a turn is in 18% of ordinary conversations, 0.3% of repeated fallbacks (w1-w33, odd ids of the new ones).
 */
export function acknowledgedFirst(analysis: TextAnalysis): { rest: string } | null {
  const m = ACK_BREAK.exec(analysis.text);
  const head = m ? normalizeText(m[1]).split(' ').filter((t) => t !== '') : [];
  let rest: string;
  if (m && acknowledgement(head)) rest = normalizeText(m[2]);
  else {
    // Session 15: the acknowledgement as a clause of its own anywhere, between marks ("30, ok. an is free?", "ah in
    // settings. ok", "Tuesday then, right. ta", "dat fine. tanks"): the customer restates the answer they took and says so.
    // Thanks after a request is politeness, not an answer taken ("can you unlock my phone, please. Merci"): a clause of
    // thanks only counts when the rest asks nothing; "k" / "kk" alone may be part of a key mash ("kk;l;lk").
    // A clause asked ("where is it, ok?") is a question tag, not an answer taken.
    const parts = [...analysis.text.matchAll(CLAUSE)].filter((p) => p[1].trim() !== '');
    const raw = parts.map((p) => p[1].trim());
    const clauses = raw.map((c) => normalizeText(c));
    const at = clauses.length >= 2
      ? clauses.findIndex((c, i) => c !== '' && !parts[i][2].includes('?') && acknowledgement(c.split(' ')) && !/^(?:k|kk)$/i.test(raw[i]))
      : -1;
    if (at < 0) return null;
    rest = clauses.filter((_, i) => i !== at).join(' ');
    const asks = analysis.text.includes('?') || questionType(rest) !== null || / (?:need|want|wanna|would like|please|pls|plz|can|could) /.test(` ${rest} `);
    if (asks && !clauses[at].split(' ').some((t) => ACK_WORD.has(t) && !THANKS_WORD.has(t))) return null;
  }
  if (/ (?:but|still|again|back|already|however|not what|wrong|same) /.test(` ${rest} `)) return null;
  if (effectiveSentiment(analysis).score <= UPSET) return null;
  return { rest };
}
/** One to three words, all of an acknowledgement, one of them acknowledging ("ok", "ah ok", "thank you", "fair enough"). */
function acknowledgement(words: readonly string[]): boolean {
  return words.length > 0 && words.length <= 3 && words.every((t) => ACK_HEAD.has(t) || ACK_HEAD.has(plain(t))) && words.some((t) => ACK_WORD.has(t) || ACK_WORD.has(plain(t)));
}
/**
 * At most three words, then a break (a mark), then the rest. Session 46 (lead, hostile s46): each word is a whole run of
 * letters (`(?![\p{L}'’])`); `[\p{L}'’]+\s*` let a run be cut into words every way, so 1,000 apostrophes or "hahaha..."
 * with no mark took seconds (cubic). A match's words were always the whole runs (splitting a run only adds words), so it
 * matches what it matched.
 */
const ACK_BREAK = /^\s*((?:[\p{L}'’]+(?![\p{L}'’])\s*){1,3}?)\s*[,.!;:\u2014-]+\s*(\S.*)$/su;
/** A clause and the marks after it. */
const CLAUSE = /([^,.!;:?\u2014]+)([,.!;:?\u2014]*)/gu;
/** Words that acknowledge an answer ("ok", "thanks", "fair", "right", "cheers", "tanks", "brill"). */
const ACK_WORD = new Set(['ok', 'okay', 'k', 'kk', 'okey', 'oki', 'thanks', 'thank', 'ty', 'thx', 'cheers', 'ta', 'tanks', 'thanx', 'merci', 'right', 'alright',
  'righto', 'fair', 'great', 'lovely', 'nice', 'cool', 'perfect', 'sound', 'brill', 'brilliant', 'good', 'fine', 'sweet', 'noted', 'understood', 'gotcha',
  'grand', 'super', 'excellent', 'awesome', 'wonderful', 'magic', 'champion']);
/**
 * Session 16 (escconv): the message acknowledges something: an acknowledgement first or as a clause (acknowledgedFirst),
 * or its first word is one ("ok age check, makes sense", "right so next week then"): the customer is reacting to an
 * answer, so the message is not read as an off-topic request opening a fallback streak (evaluateEscalation.offTopicMiss).
 */
export function acknowledges(analysis: TextAnalysis): boolean {
  const space = analysis.normalized.indexOf(' ');
  const first = space < 0 ? analysis.normalized : analysis.normalized.slice(0, space);
  return (first !== 'k' && first !== 'kk' && ACK_WORD.has(plain(first))) || acknowledgedFirst(analysis) !== null;
}
/** The acknowledging words that only thank. */
const THANKS_WORD = new Set(['thanks', 'thank', 'ty', 'thx', 'cheers', 'ta', 'tanks', 'thanx', 'merci']);
/** Words that may stand beside them in the acknowledgement ("ah ok", "oh right", "thank you", "fair enough", "ok good"). */
const ACK_HEAD = new Set([...ACK_WORD, 'ah', 'oh', 'aha', 'ahh', 'ooh', 'you', 'enough', 'very', 'so', 'much', 'yes', 'yeah', 'yep', 'got', 'it', 'i', 'see',
  'mate', 'duck', 'love', 'boss']);
/** Whether the rest after an acknowledgement asks something (a question mark, a question word or auxiliary, a request). */
function restAsks(rest: string, text: string): boolean {
  return text.includes('?') || questionType(rest) !== null || isRealQuestion(rest) || / (?:need|want|wanna|would like|please|pls|plz|can|could) /.test(` ${rest} `);
}

/**
 * How many of the streak's `fallbacksInRow` messages were clear shop questions: the engine resets fallbacksInRow alone (a
 * usable message, a handback), so a stale clearInRow counts for nothing. Also read by the engine's offer of a person
 * (shared/engine/shopQuestion.ts, session 26).
 */
export function clearInStreak(memory: Pick<Memory, 'fallbacksInRow' | 'clearInRow'>): number {
  return memory.fallbacksInRow === 0 ? 0 : Math.min(memory.clearInRow ?? 0, memory.fallbacksInRow);
}

/**
 * The weighted streak kept in memory: `fallbacksInRow` messages of which `clearInRow` were clear shop questions, which
 * count nothing (session 25, shopq; they counted 1/2 each before: see fallbackWeight).
 */
export function fallbackStreak(memory: Pick<Memory, 'fallbacksInRow' | 'clearInRow'>): number {
  // The engine resets fallbacksInRow alone (a usable message, a handback): a stale clearInRow then counts for nothing.
  const clear = clearInStreak(memory);
  return memory.fallbacksInRow - clear;
}
/**
 * Session 25 (shopq): whether the streak after this message reaches `count` when clear shop questions count half, as
 * they did before. Failed askings that would have handed over as repeated fallbacks then are still linked as one request
 * the looser way (evaluateEscalation: streakLoop not `throughout`), so the loops named then are named still ("can you not
 * put the invoice inside the box?" / "the paper with price inside the parcel, please remove it" / "No invoice in the
 * parcel, is possible ji?"); nothing else hands over there.
 */
export function streakReachedAtHalf(analysis: TextAnalysis, memory: Memory, count: number, ownQuestion = false): boolean {
  const next = nextFallbackStreak(analysis, true, memory, ownQuestion);
  const clear = next.fallbacksInRow === 0 ? 0 : Math.min(next.clearInRow, next.fallbacksInRow);
  return next.fallbacksInRow - clear / 2 >= count;
}

/**
 * Session 12 (escloop): emoji alone right after emoji alone that counted nothing (a friendly emoji as the first message,
 * "💯💯" / "🙏🏾", "👍" / "👍👍"): the customer had nothing the bot could use both times, so the first counts too. The
 * memory says what the message before was (intentMemory.EMOJI_ONLY); a smile back at the greeting followed by a question
 * ("😊" / "do you sell phone cases?") is unchanged.
 */
function emojiAfterEmoji(analysis: TextAnalysis, memory: Memory): boolean {
  const intents = memory.intents;
  return memory.fallbacksInRow === 0 && intents !== undefined && intents.length > 0 && intents[intents.length - 1] === EMOJI_ONLY && emojiOnly(analysis.text);
}

/** The memory's streak after this message (fallbacksInRow, clearInRow), given whether the bot could use it. */
export function nextFallbackStreak(analysis: TextAnalysis, fallback: boolean, memory: Memory, ownQuestion = false): { fallbacksInRow: number; clearInRow: number } {
  const clear = clearInStreak(memory);
  if (!fallback) return { fallbacksInRow: 0, clearInRow: 0 };
  const a = assess(analysis, memory, ownQuestion);
  const w = a.weight;
  // Session 25 (shopq): an acknowledgement that asks nothing ("Thank you very much indeed.", "Salamat po!", "ok cool") after
  // a failed message closes the streak: the customer took the answer and moves on ("With a handrail, ideally?" / thanks /
  // "And does it fold flat?" handed over). Not after a miss that read off-topic for the shop (offTopicMissInStreak, as
  // for an acknowledgement first), and not "k" / "kk" (acknowledges).
  if (w === 0 && memory.fallbacksInRow > 0 && acknowledges(analysis) && asksNothing(analysis, memory) && !offTopicMissInStreak(memory)) return { fallbacksInRow: 0, clearInRow: 0 };
  if (w === 0 && memory.fallbacksInRow > 0 && takesAnswer(analysis, memory)) return { fallbacksInRow: 0, clearInRow: 0 };
  if (w === 0) return { fallbacksInRow: memory.fallbacksInRow, clearInRow: clear };
  if (a.closesBefore) return a.asksNothingElse ? { fallbacksInRow: 0, clearInRow: 0 } : { fallbacksInRow: 1, clearInRow: w === 0.5 ? 1 : 0 };
  if (emojiAfterEmoji(analysis, memory)) return { fallbacksInRow: 2, clearInRow: 0 };
  // The customer asks a question the bot failed on again: they are stuck, so the whole streak counts in full.
  if (clear > 0 && (a.again || a.alternative)) return { fallbacksInRow: memory.fallbacksInRow + 1, clearInRow: 0 };
  return { fallbacksInRow: memory.fallbacksInRow + 1, clearInRow: clear + (w === 0.5 ? 1 : 0) };
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/**
 * Session 31 (rffe, issue 11): a streak of messages that all read as about the shop is not repeated fallbacks. The bot
 * failed a customer asking the shop's questions in its own words ("Is the ladder shelf solid wood?" / "And what's the
 * finish, oil or lacquer?", "What time does the chat close tonight" / "Ok and tomorrow?", "Hi. I order NW-598833 last
 * week" / "yes track it please"): writers label such chats ordinary, and what a person should see there is a loop (the
 * same question failed three times, detectLoop), not two different questions. Repeated fallbacks are a customer the bot
 * cannot serve at all: an off-topic request, gibberish, chit-chat, a thing the shop does not do, a message the shop
 * vocabulary and the learned score both miss. So while every message counted in the streak scores at least
 * IN_SHOP_STREAK on the learned in-domain score (inDomain/inDomainScore.ts; its weights are trained on odd ids only),
 * the streak does not hand over; one message under it (off-topic, a key mash, "???") and the streak counts as before.
 * The memory keeps whether the streak so far is all about the shop (EscalationMemory.inShopStreak). The same cut as a
 * follow-up in a shop chat (FOLLOW_UP_IN_SHOP).
 * Measured (escrfEval, every labelled corpus): see docs/escalation.md, "Session 31 (rffe)".
 */
export const IN_SHOP_STREAK = 0.9;
/** The sentiment score (-1..1) at or under which a message is upset and not read as one for the shop (readsAsShop). */
const UPSET_IN_STREAK = -0.5;
/**
 * Whether one message reads as about the shop for the streak: nothing about who is answering ("are you a robot?", "who
 * am I even talking to?"), not an answer to the block's own question that does not fit ("Yes, correct, change the
 * address" at the confirmation: the customer is stuck at a step), and an in-domain score of at least IN_SHOP_STREAK.
 */
function readsAsShop(analysis: TextAnalysis, ownQuestion: boolean, memory?: Memory): boolean {
  // Session 31 (lead): an upset message is no ordinary question for the shop ("this is a joke. three emails and no
  // answer", then "I ordered a scarf two weeks ago" the bot fails too): the customer the bot cannot serve and who says
  // so is offered a person as before (repeated fallbacks), not told "Sorry, I didn't get that" again.
  if (analysis.sentiment.score <= UPSET_IN_STREAK) return false;
  const toks = canonicalTokens(analysis);
  if (toks.length === 0 || toks.some((t) => WHO_ANSWERS.has(t))) return false;
  // Words, not a key mash ("qwpoeiru zxmcnv" scores 0.83): at most one word of five letters or more with no vowel, or of
  // a letter three times in a row, and none in a message of one to three words (codes and letters are words: "NW-598833",
  // "RCVD-2", "CF10", "M or L").
  const odd = toks.filter((t) => /^[a-z]+$/.test(t) && ((t.length >= 5 && !/[aeiouy]/.test(t)) || /(.)\1\1/.test(t))).length;
  if (odd > (toks.length >= 4 ? 1 : 0)) return false;
  // At the block's own question only a question asked back ("how will I know when it's been sent, do you email" at the
  // order-number question) is one for the shop; an answer that does not fit is the customer stuck at the step.
  if (ownQuestion && !(analysis.text.includes('?') || opensAsQuestion(toks) || isRealQuestion(analysis.normalized))) return false;
  // Session 48 (fe4): what the shop-topic rules read as plainly not the shop's (an errand with the state or transport, a
  // general-knowledge question, chit-chat with the bot: shopTopics.notTheShops) is not, whatever the learned score says.
  if (notTheShops(toks)) return false;
  if (inDomainScore(analysis) >= IN_SHOP_STREAK) return true;
  // Session 43 (fe): or a follow-up that leans on the shop question before it (followsUpShopQuestion).
  return memory !== undefined && followsUpShopQuestion(analysis, toks, memory);
}
/**
 * Session 43 (fe, issue 11): a follow-up that says nothing of its own subject reads as about the shop when the message it
 * leans on did. Customers ask a product's next detail in a fragment: "And what's the finish, oil or lacquer?" after "Is
 * the ladder shelf solid wood?", "And Wednesday?" after "What time's your team in on Saturday?", "what about black" after
 * "you got it in a large", "and a bat one for age 7?", "Weight limit?". The in-domain score reads such fragments on their
 * words alone and puts them low (0.07-0.4): there is little in "what about black" to read. Their subject is the message
 * before, so they take its reading: only inside a streak that reads as the shop's so far (memory.inShopStreak), or as the
 * streak's first message right after a question that read as the shop's (the newest of memory.recent at IN_SHOP_STREAK or
 * a clear shop question). An off-topic request followed up ("whats the weather in leeds" / "and tomorrow?") opens no
 * shop streak, so its follow-up counts as before.
 * The form (FOLLOW_UP_OPENERS, fragment, pointer): it opens as a continuation ("and ...", "or ...", "what about ...", "how
 * about ...", "also ..."); or it is a fragment of at most FRAGMENT_WORDS words ending in a question mark with no question
 * word ("in blue?", "Weight limit?", "with lights?"); or a short question about "it / they / that one" (at most
 * POINTER_WORDS words: "how big is it", "does it fold flat"). Measured: docs/escalation.md, "Session 43 (fe)".
 */
function followsUpShopQuestion(analysis: TextAnalysis, toks: readonly string[], memory: Memory): boolean {
  const inStreak = memory.fallbacksInRow > 0 ? memory.inShopStreak === true : lastQuestionReadsAsShop(memory);
  if (!inStreak || !leansOnShopRequest(memory)) return false;
  const words = analysis.normalized.split(' ').filter((t) => t !== '');
  if (words.length === 0) return false;
  const asked = /\?\s*$/.test(analysis.text);
  if (FOLLOW_UP_OPENERS.has(words[0]) || (words.length > 1 && FOLLOW_UP_PAIRS.has(words[0] + ' ' + words[1]))) return words.length <= SHORT_FOLLOW_UP + 3;
  if (asked && words.length <= FRAGMENT_WORDS && !opensAsQuestion(toks)) return true;
  return words.length <= POINTER_WORDS && (asked || opensAsQuestion(toks)) && words.some((t) => POINTERS.has(t));
}
/**
 * Whether the question the follow-up leans on (the newest of memory.recent) reads as a request to the shop on the
 * shop-request score (inDomainScore.shopRequestScoreOfTokens), at least LEANS_ON_SHOP (chosen on odd ids: the leaned-on
 * questions of the odd conversations won score 0.9 and up, the one lost 0.16): the in-domain score alone reads
 * "bitcoin price" 1.00, and its follow-up "btc now?" then took the shop's reading.
 */
function leansOnShopRequest(memory: Memory): boolean {
  const last = memory.recent[memory.recent.length - 1];
  return last !== undefined && shopRequestScoreOfTokens(canonicalizeTokens(last.split(' '))) >= LEANS_ON_SHOP;
}
const LEANS_ON_SHOP = 0.5;
/** Whether the customer's newest question (memory.recent) read as about the shop. */
function lastQuestionReadsAsShop(memory: Memory): boolean {
  const last = memory.recent[memory.recent.length - 1];
  if (last === undefined) return false;
  return isShopQuestionText(last) || inDomainScoreOfTokens(canonicalizeTokens(last.split(' '))) >= IN_SHOP_STREAK;
}
/** Words that open a follow-up (normalised). */
const FOLLOW_UP_OPENERS = new Set(['and', 'or', 'also', 'plus', 'n']);
const FOLLOW_UP_PAIRS = new Set(['what about', 'how about', 'wat about', 'whats about', 'same in', 'any in', 'what abt']);
/** A fragment question: at most this many words. */
const FRAGMENT_WORDS = 4;
/** A question about "it / they / that one": at most this many words. */
const POINTER_WORDS = 7;
const POINTERS = new Set(['it', 'its', 'they', 'them', 'that', 'those', 'these', 'this', 'one', 'ones']);
/** Words of a question about who is answering (ABOUT_THE_BOT but "machine": "can it go in the washing machine"). */
const WHO_ANSWERS = new Set(['bot', 'robot', 'chatbot', 'human', 'ai', 'talking', 'speaking', 'chatting']);
/** Whether the streak after this message (`next`: its fallbacksInRow) is all messages that read as about the shop. */
export function nextInShopStreak(analysis: TextAnalysis, memory: Memory, next: number, ownQuestion = false): boolean {
  if (next === 0) return false;
  // The message counted nothing (thanks, a filler after a question): the streak is what it was.
  if (next === memory.fallbacksInRow) return memory.inShopStreak === true;
  const before = next === memory.fallbacksInRow + 1 ? memory.fallbacksInRow === 0 || memory.inShopStreak === true : next === 1;
  return before && (readsAsShop(analysis, ownQuestion, memory) || (next === 1 && opener(analysis, memory, ownQuestion)));
}
/** Whether the streak so far is the customer's opener alone (the opener is the streak's first and only message). */
export function nextOpenerOnly(analysis: TextAnalysis, memory: Memory, next: number, ownQuestion = false): boolean {
  if (next === 0) return false;
  if (next === memory.fallbacksInRow) return memory.openerOnly === true;
  return next === 1 && !readsAsShop(analysis, ownQuestion, memory) && opener(analysis, memory, ownQuestion);
}
/**
 * Session 31 (rffe): the customer's opening words before anything is asked, in any language or voice: "Jambo", "heyy",
 * "Hello dear.", "Wah gwaan, mornin", "hi folks", "Assalam o alaikum". The bot cannot use them, and they ask nothing: the
 * request comes next. Up to four words, no question mark, no number, real words, nothing asked before (memory.recent),
 * no shop topic and no question or request opening it. It opens the streak as one about the shop: the next message
 * decides (a message of the shop keeps it, anything else, another greeting too, counts as before).
 */
function opener(analysis: TextAnalysis, memory: Memory, ownQuestion: boolean): boolean {
  if (ownQuestion || memory.recent.length > 0 || analysis.text.includes('?') || /\d/.test(analysis.text)) return false;
  const toks = canonicalTokens(analysis);
  if (toks.length === 0 || toks.length > 4 || opensAsQuestion(toks) || namesShopTopic(toks)) return false;
  if (!toks.every((t) => /^[a-z']+$/.test(t) && /[aeiouy]/.test(t) && !/(.)\1\1/.test(plain(t)))) return false;
  return !toks.some((t) => REQUEST_WORDS.has(t) && t !== 'hello' && t !== 'hey' && t !== 'hellooo');
}
/**
 * Whether this message ends no streak as repeated fallbacks: the streak so far and the message all read as about the
 * shop. Not another way tried after a failure ("or helmets for scooters?": ALTERNATIVE). A failed question asked again is
 * a loop at the next asking (detectLoop); when the loop cannot come next (a designer's loop count of 4 or more), a
 * message the learned same-request model links to the failed question counts as before: "Do you send to Madeira?" /
 * "Madeira, Portugal. The island." still hands over at the second (session 25, hostile25 #1).
 */
function questionsForTheShop(facts: TurnFacts, policy: EscalationPolicy, memory: Memory, a: Assessment): boolean {
  if (memory.fallbacksInRow === 0 || memory.inShopStreak !== true || a.closesBefore || a.alternative || !readsAsShop(facts.analysis, facts.ownQuestion === true, memory)) return false;
  // After the opener alone, the request must name the shop's business ("need help w my order", "my parcel was sent to
  // wrong city"): the learned score alone reads "lorem ipsum dolor" / "sit amet consectetur" as the shop's.
  if (memory.openerOnly === true && !namesShopTopic(canonicalTokens(facts.analysis)) && !asksAfterGoods(canonicalTokens(facts.analysis))) return false;
  const loopNext = policy.loop.enabled && Math.max(memory.fallbacksInRow, 1) + 2 >= policy.loop.count;
  return loopNext || !failedAskingAgainByModel(facts.analysis, memory);
}

/**
 * Session 49 (conv11, hostile s49 M11): how many customer messages in a row, this one included, the same block's own
 * question could not use (the bot asked it again after each: "hmm" x10 at "So order NW-104233 should go to: ... Is that
 * right?", "hmm" x12 at Skyline Air's menu), or 0 when this message is no such miss. Fillers, "what?" and other messages
 * that ask nothing new count nothing towards the ordinary streak, so the same question was asked forever. A message that
 * is no filler keeps the count as it was: returned negated (-n), so the caller keeps it and the detector does not fire.
 */
export function askedAgainAt(facts: Pick<TurnFacts, 'fallback' | 'ownQuestion' | 'askedAt' | 'analysis'>, memory: Pick<EscalationMemory, 'askedAgain'>): number {
  if (!facts.fallback || facts.ownQuestion !== true || facts.askedAt === undefined) return 0;
  const before = memory.askedAgain?.at === facts.askedAt ? memory.askedAgain.n : 0;
  // Only fillers count ("hmm", "what?", "erm...", "?", "ok"): the ordinary streak counts them nothing after a question.
  // Anything else it reads itself (a miss counts there; a closing thanks, "ok will wait, thank you", or a clear question
  // about the shop asks the bot nothing it failed: escrfEval lost 15 ordinary chats when they counted here); they neither
  // extend nor break this count.
  return isFiller(facts.analysis) ? before + 1 : -before;
}

export function detectRepeatedFallback(facts: TurnFacts, policy: EscalationPolicy, memory: EscalationMemory): Signal | null {
  if (!facts.fallback) return null;
  // Session 49 (conv11, hostile s49 M11): the block's own question could not use count + 1 messages in a row, whatever
  // they were (the bot has asked it count times again already, the last time in other words): a person, not the same
  // question forever. Before the weights below, which count a "hmm" or a "what?" nothing.
  const count0 = policy.repeatedFallback.count;
  const stuck = askedAgainAt(facts, memory);
  if (stuck >= count0 + 1) {
    return {
      reason: 'repeated_fallback',
      score: 1,
      threshold: count0,
      evidence: [`asked again ${stuck - 1} times`],
      turn: facts.turn,
      explanation: `The bot could not use ${stuck} answers in a row to the same question and asked it again each time (limit ${count0} times again).`,
    };
  }
  const a = assess(facts.analysis, memory, facts.ownQuestion === true);
  const w = a.weight;
  if (w === 0) return null;
  // Session 31 (rffe): the streak and this message all read as about the shop (see IN_SHOP_STREAK).
  if (questionsForTheShop(facts, policy, memory, a)) return null;
  const count = policy.repeatedFallback.count;
  // Asked again: the earlier clear questions count in full too (see nextFallbackStreak). Only read when the streak
  // could reach the limit at all.
  const paired = emojiAfterEmoji(facts.analysis, memory);
  // Session 15: an acknowledgement first closes the streak before it (acknowledgedFirst); the message alone is under any limit of 2 or more.
  if (a.closesBefore && (a.asksNothingElse || w < count)) return null;
  if (memory.fallbacksInRow + (paired ? 1 : 0) + w < count) return null;
  const again = a.again;
  const before = paired ? 1 : again || a.alternative ? memory.fallbacksInRow : fallbackStreak(memory);
  // Session 25 (shopq): a clear shop question (weight 1/2, not asked again) adds nothing.
  const inRow = before + (w === 0.5 ? 0 : w);
  if (inRow < count) return null;
  // The same question asked again in other words after the bot failed on it ("ship to poland?" / "do you send
  // to Poland"): wait one message. A third asking is a loop, which tells the agent what the question is; any
  // other unusable message hands over as before (at most one message later).
  // With earlier clear shop questions now counted in full, the limit may be passed at once: still wait, once.
  // Session 16 (escconv): only when the request that opened the streak read as a shop request (intentMemory.OFF_TOPIC_MISS).
  // Writers label the same off-topic request said again ("whats the weather like in leeds tomorrow" / "the weather in
  // leeds tomorrow, is it rain") repeated fallbacks: a request the flow cannot serve, not a loop of unhelpful answers
  // (conversations whose 2nd message keeps a word of an off-topic opener: RF 77, loop 11). It hands over at once.
  // Session 25 (loopfb): also when the learned same-request model links it to the failed question just before, in words
  // that share no subject with it ("Do you send to Madeira?" / "Madeira, Portugal. The island."), while a loop can still
  // come (this is at most the loop's second asking in the streak: waiting later would only delay the handoff), and not at
  // the block's own question (facts.ownQuestion): an answer given again that still does not fit ("I am staying with my
  // cousin in Reading now" / "Reading, my cousin, for NW-100388 please" at the new-address question) asks nothing again.
  // Session 25 (hostile25 #1): and only when the NEXT asking can be the loop: this message asks again a question that
  // failed before it (at least one earlier asking, more when the streak is longer), so with this one and the next the
  // askings reach loop.count. With a loop count of 8 the wait handed nothing over, and a customer alternating the failed
  // question with one the bot answers generically (which ends the streak) never reached a person.
  const loopCanComeNext = Math.max(memory.fallbacksInRow, 1) + 2 >= policy.loop.count;
  const waitsAsLoop = (again || (memory.fallbacksInRow + 1 < policy.loop.count && !facts.ownQuestion && failedAskingAgainByModel(facts.analysis, memory))) &&
    loopCanComeNext && policy.loop.enabled && fallbackStreak(memory) < count;
  if (waitsAsLoop && !offTopicMissInStreak(memory)) return null;
  const messages = memory.fallbacksInRow + 1 + (paired ? 1 : 0);
  const clear = again || a.alternative ? 0 : clearInStreak(memory) + (w === 0.5 ? 1 : 0);
  const halves = clear > 0 ? `, ${clear} of them clear questions about the shop that count nothing unless asked again (streak ${fmt(inRow)})` : '';
  // Session 9: a message the router matched but the shop could not serve (policyFallback.ts) is named with its score.
  const aside = setAsideMatch(facts);
  const offTopicAgain = waitsAsLoop
    ? ` The last asks again what opened the streak, which read off-topic for the shop (in-domain score under ${IN_SHOP_REQUEST}): a request the bot cannot serve, not waited on as a loop.`
    : '';
  const offTopic = aside
    ? ` The last one matched "${aside.intentName}" (${aside.confidence.toFixed(2)}) but reads as off-topic for the shop (in-domain score ${aside.score.toFixed(2)} < ${OFF_TOPIC}), so it counts as not understood.`
    : '';
  return {
    reason: 'repeated_fallback',
    score: 1,
    threshold: count,
    evidence: [`${messages} in a row`, ...(clear > 0 ? [`streak ${fmt(inRow)}`] : []), ...(aside ? [`off-topic ${aside.score.toFixed(2)}`] : [])],
    turn: facts.turn,
    explanation: `The bot did not understand ${messages} messages in a row${halves} (limit ${count}).${offTopic}${offTopicAgain}`,
  };
}
