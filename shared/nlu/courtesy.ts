/**
 * Session 16 (newcomer s15 N#1): the courtesy around a request. "Hi, I moved house, please send order NW-104233 to ..."
 * was answered "Hello there! What's your question?": the greeting clause "Hi" matched the flow's greeting intent at
 * ~0.95 and beat the request, which the intent matcher scores in a clause of its own. "where is my order, thanks" read
 * 0.62 where "where is my order" reads 0.97: "thanks" is a word no example has and it diluted the request.
 *
 * `courtesyOf` splits a message into its leading greeting ("hi", "hello there", "good morning team", "salaam"), its
 * thanks (leading: "thanks, and ..." or trailing: "..., cheers", "thank you so much", "kind regards") and the rest. The intent matcher
 * reads the rest first; the greeting is a greeting only when nothing else in the message is a request it understands
 * (see createIntentMatcher). Works on the raw text (lower-cased here), so the rest keeps its punctuation for the
 * matcher's clause split. Pure.
 */
import { withoutInvisible } from '../engine/unicodeText';
import { TextMemo } from '../escalation/textMemo';

/** Words that greet on their own, in any of the ways customers write them. */
const GREETING_WORD =
  "h+i+|hii+|hel+o+|hal+o+|hul+o+|hey+|heya|hiya|howdy|yo|greetings|hola|bonjour|salut|ciao|salaam|salam|salaams|" +
  "as+alam+u?\\s*alaikum|assalamu\\s*alaikum|namaste|g'?day|g(?:oo|u)d\\s+(?:mornin'?g?|afternoon|evenin'?g?|day)|mornin'?g?|afternoon|evenin'?g?|dear";
/** Words that may follow a greeting and belong to it ("hi THERE", "hello TEAM", "hey ALL", "hi AGAIN"). */
const GREETING_TAIL =
  'there|team|all|everyone|everybody|guys|folks|again|sir|madam|mate|friend|support|customer\\s+service|customer\\s+support|people';
/** Small talk that goes with a greeting ("how are you?", "hope you're well"): it asks nothing of the shop. */
const SMALL_TALK =
  "how\\s+(?:are|r)\\s+(?:you|u|ya)(?:\\s+(?:doing|today|all))*|how'?s\\s+it\\s+going|how\\s+is\\s+it\\s+going|" +
  "(?:i\\s+)?hope\\s+(?:you\\s+are|you'?re|ur|u\\s+r|all\\s+is|this\\s+finds\\s+you)\\s+(?:well|good|ok|okay|doing\\s+well)(?:\\s+today)?";
/**
 * Session 17 (hostile s17 H#24): what may end a greeting word besides spaces and punctuation: an emoji glued to it
 * ("hi😊, cancel NW-230918", "hello👋 ...", with skin tones and variation selectors), another pictograph or symbol
 * ("hi♥"), a typographic apostrophe ("Hi’ cancel ..."). "hi😊, cancel NW-230918" was read whole and greeted.
 */
const EMOJI = '\\p{Extended_Pictographic}\\p{Emoji_Modifier}\\p{So}\\uFE0F\\u20E3';
const SEPARATOR = `[\\s,.!?:;~\\-’'\`${EMOJI}]`;
/*
 * Invisible characters (soft hyphen, zero-width space / joiners, word joiner, BOM, direction marks and isolates): not
 * word breaks, as in normalizeText ("hi\u200b, cancel ..." is "hi, cancel ..."). Session 18 (review of session 17):
 * unicodeText's one class; "hi\u200e, I want a human" was greeted (U+200E was not in this copy).
 */
/**
 * Greetings (with their tail words) and small talk, with the punctuation after each; several in a row ("hi, good
 * morning, hope you're well,") are one lead.
 */
const GREETING_LEAD = new RegExp(
  `^\\s*(?:(?:(?:${GREETING_WORD})(?:\\s+(?:${GREETING_TAIL}))*|${SMALL_TALK})(?=$|${SEPARATOR})${SEPARATOR}*)+`,
  'iu',
);
/**
 * One-word thanks besides "thank(s)", in English and the languages customers of an English-speaking shop mix in
 * ("merci", "danke", "gracias"): THANKS's words (tried in this order) and the thanks a bare courtesy is made of
 * (onlyCourtesy). Session 25 (review of session 24): afterClose.ts kept a list of its own.
 */
const THANKS_WORDS = ['thx', 'thanx', 'thnx', 'tnx', 'ty', 'tyvm', 'cheers', 'ta', 'merci', 'danke', 'gracias', 'grazie', 'obrigado', 'obrigada', 'shukran', 'arigato', 'dhanyavad'];
/** Thanks in English and the languages customers of an English-speaking shop mix in ("merci", "danke", "gracias"). */
const THANKS =
  `(?:many\\s+|big\\s+|mil\\s+|muchas\\s+)?(?:thanks?|thank\\s*(?:you|u|ya)|${THANKS_WORDS.join('|')}|` +
  'much\\s+appreciated|appreciate\\s+it|appreciated|(?:kind|best|warm|many)\\s+regards|regards|best\\s+wishes|yours\\s+sincerely)' +
  '(?:\\s+(?:so|very|a\\s+lot|a\\s+bunch|plenty|lots|heaps|loads|in\\s+advance|much|beaucoup|sch[oö]n|mil|mate|again|x+))*';
const THANKS_TAIL = new RegExp(`[\\s,.!;:~\\-${EMOJI}]+${THANKS}[\\s.!)${EMOJI}]*$`, 'iu');
/** How far from the end of a message trailing thanks are looked for (see courtesyOf). */
const TAIL_WINDOW = 200;
const THANKS_LEAD = new RegExp(`^\\s*${THANKS}(?:[\\s,.!;:~\\-]+(?:and|but|also|oh|one\\s+more\\s+thing)?)+(?=\\S)`, 'iu');

/**
 * Session 32 (session 31's unfixed findings): an apology around a request says nothing about what the customer wants,
 * like thanks. "cancel NW-250778 sorry" and "sorry cancel NW-250778" got "Sorry, I didn't get that" (the router reads
 * the request without its order number: "cancel sorry" is two words, one of them no example's word, 0.3 for
 * cancel_order), "where is NW-250778 sorry" the shop-question line. "sorry" between two order numbers is a correction,
 * not this (selfCorrection.ts): the tail is only at the end, the lead only at the start.
 */
const APOLOGY =
  '(?:(?:so|very|really|terribly|awfully)\\s+)?(?:sorry|sry|soz|apologies|my\\s+apologies)' +
  '(?:\\s+(?:to\\s+bother(?:\\s+(?:you|u))?(?:\\s+again)?|for\\s+(?:the|any)\\s+(?:trouble|bother|hassle|confusion)|about\\s+that|again))?';
const APOLOGY_TAIL = new RegExp(`[\\s,.!;:~\\-${EMOJI}]+${APOLOGY}[\\s.!)${EMOJI}]*$`, 'iu');
const APOLOGY_LEAD = new RegExp(`^\\s*${APOLOGY}(?:[\\s,.!;:~\\-]+(?:but|and|oh)?)+(?=\\S)`, 'iu');

export interface Courtesy {
  /** The leading greeting as written, or null. */
  greeting: string | null;
  /** Whether thanks were cut from the start or the end. */
  thanks: boolean;
  /** Whether an apology was cut from the start or the end ("sorry, ...", "... sorry"). */
  apology: boolean;
  /** The message without them (trimmed); '' when the message is only courtesy. */
  rest: string;
}

/**
 * `text` without what `lead` matches at its start and `tail` at its end (thanks, an apology); the same string when
 * neither does. Session 17 (review revcore item 5): a tail pattern is unanchored at its start, so on a long run of
 * separators (emoji, spaces) it was tried at every position: quadratic (25,000 emoji took 5 s). Courtesy at the end of a
 * message fits in its last TAIL_WINDOW characters, so only those are searched (linear in the message).
 */
function cutEnds(text: string, lead: RegExp, tail: RegExp): string {
  const l = lead.exec(text);
  const rest = l === null ? text : text.slice(l[0].length);
  const from = Math.max(0, rest.length - TAIL_WINDOW);
  const t = tail.exec(from === 0 ? rest : rest.slice(from));
  return t === null ? rest : rest.slice(0, from + t.index);
}

/** The courtesy around a message and what is left; null when it has none. */
export function courtesyOf(text: string): Courtesy | null {
  let rest = withoutInvisible(text);
  let greeting: string | null = null;
  const g = GREETING_LEAD.exec(rest);
  if (g !== null && g[0].trim() !== '') {
    greeting = g[0].replace(/[\s,.!:;~-]+$/u, '');
    rest = rest.slice(g[0].length);
  }
  const afterThanks = cutEnds(rest, THANKS_LEAD, THANKS_TAIL);
  const thanks = afterThanks !== rest;
  const afterApology = cutEnds(afterThanks, APOLOGY_LEAD, APOLOGY_TAIL);
  const apology = afterApology !== afterThanks;
  rest = afterApology;
  if (greeting === null && !thanks && !apology) return null;
  return { greeting, thanks, apology, rest: rest.trim() };
}

const THANKS_ONLY = new RegExp(`^[\\s,.!~\\-]*(?:(?:ok|okay|oh|well|yes|great|lovely|perfect|cool|brilliant)[\\s,.!~\\-]+)?${THANKS}[\\s,.!~)\\-]*$`, 'iu');

/** What the bot says back to thanks alone, before asking its question again (intent routers, and menus since session 42). */
export const THANKS_BACK = "You're welcome.";

/**
 * Session 16 (newcomer s15 N#11): whether a message is only thanks ("merci beaucoup", "thanks plenty", "danke schön",
 * "ok, many thanks!"), in English or in the languages customers mix in. A button whose synonyms hold "thanks" takes it
 * as "thanks" (matchButton): "merci beaucoup" at "Anything else I can help with?" was "Sorry, I didn't get that.".
 */
export function onlyThanks(text: string): boolean {
  return text.length <= 60 && THANKS_ONLY.test(text);
}

/**
 * Goodbye words ("bye", "cya"); goodbye wishes of several words are GOODBYE_WISH. Session 25 (hostile25 #5): the
 * goodbyes of the languages THANKS_WORDS mixes in, written without their accents (words are compared so: "adiós" is
 * "adios", "tschüss" "tschuss"): "merci, au revoir", "danke, tschüss", "gracias, adiós" restarted the chat. A word that
 * is a goodbye only beside another ("au" revoir, "bonne" journée, "hasta" luego) is in COURTESY_WITH.
 */
const GOODBYE_WORDS = ['bye', 'byee', 'byeee', 'goodbye', 'cya',
  'revoir', 'journee', 'soiree', 'tschuss', 'tschus', 'wiedersehen', 'adios', 'luego', 'ciao', 'arrivederci', 'adeus', 'tchau', 'ziens', 'doei',
  'dank', 'dankjewel', 'dankuwel', 'bedankt', 'tak', 'dzieki', 'dziekuje', 'spasibo', 'спасибо', 'пока', 'свидания', '谢谢', '谢谢你', '再见', 'شكرا', 'ありがとう'];
/** Words that acknowledge or approve what the bot said ("ok", "noted", "perfect", the "worries" of "no worries"). */
const ACK_WORDS = ['ok', 'okay', 'okey', 'okie', 'k', 'kk', 'alright', 'cool', 'perfect', 'awesome', 'brilliant', 'great', 'lovely', 'super', 'sweet',
  'noted', 'understood', 'gotcha', 'worries', 'np', 'appreciated', 'appreciate'];
/** The words a bare courtesy needs one of: thanks, a goodbye or an acknowledgement. */
const COURTESY_CORE = new Set(['thanks', 'thank', 'thankyou', 'thanku', ...THANKS_WORDS, ...GOODBYE_WORDS, ...ACK_WORDS]);
/**
 * The words that go with them ("so much", "for your help", "a lot", "mate", "danke schon", "I really appreciate it");
 * none is a courtesy alone. Session 25 (hostile25 #6): "thank you so much for your help, I really appreciate it" restarted
 * the chat ("I", "appreciate" were missing). "no" is not here: it goes with a courtesy only as "no problem" / "no
 * worries" (NO_BESIDE), so "great, no help" and "ok no" are not thanks (hostile25 #8).
 */
const COURTESY_WITH = new Set(['you', 'u', 'ya', 'so', 'much', 'very', 'a', 'lot', 'lots', 'many', 'again', 'all', 'for', 'your', 'the', 'help',
  'that', 'too', 'problem', 'mate', 'and', 'then', 'beaucoup', 'schon', 'x', 'xx', 'xxx', 'now', 'got', 'it', 'really', 'oh', 'ah',
  'i', 'we', 'truly', 'greatly', 'everything', 'time', 'assistance', 'support', 'kind', 'kindly', 'indeed',
  'au', 'bonne', 'et', 'vielen', 'herzlichen', 'und', 'auf', 'muchas', 'hasta', 'y', 'mille', 'e', 'tot', 'je', 'wel', 'bardzo', 'bolshoe', 'большое', 'до']);
/**
 * The words "no" may stand before in a courtesy ("no problem", "no worries", "no thanks"); "no help", "ok no" are not
 * courtesy.
 */
const NO_BESIDE = new Set(['problem', 'problems', 'worries', 'prob', 'probs', 'thanks', 'thank', 'thankyou', 'thanku', ...THANKS_WORDS]);
/** A bare acknowledgement, which asksNothing leaves to the bot's question (it may be an answer there): "ok", "k!", "alright then". */
const BARE_ACK = /^\s*(?:ok+|okay|okey|okie|k+|alright|all right|right|sure|fine|great|cool|nice|good|got it|gotcha|noted|understood|will do|no worries|no problem|np)(?:\s+(?:then|thanks?|ty))?[\s.!]*$/iu;
/** A goodbye wish, which asksNothing reads as a question opening with "have": "have a nice day", "you too, take care". */
const GOODBYE_WISH = /^\s*(?:(?:ok(?:ay)?|thanks?|thank you|cheers|bye|and|you too)[\s,.!]+)*(?:have a (?:nice|good|great|lovely|wonderful|brilliant) (?:day|one|evening|night|weekend|week|afternoon)|take care|see you|see ya|good ?night|bye(?: for now)?)(?:[\s,.!]+(?:too|bye|thanks?|cheers|x+))*[\s.!]*$/iu;
/** Friendly emoji (and their skin tones and joiners) that say thanks or fine. */
const FRIENDLY = /[👍👌🙏❤💕💖😊🙂😀😃😄😁☺😍🥰🤗✅👏🙌💯👋✌\uFE0F\u200D\u{1F3FB}-\u{1F3FF}]/gu;
/**
 * Session 25 (hostile25 #8): an acknowledgement shouted ("FINE!!!", "OK!!", "GREAT!!") is more likely anger than thanks:
 * a message in capitals, with no thanks or goodbye word, ending in two or more exclamation marks. "THANK YOU!!!" is thanks.
 */
const SHOUTED = /^(?=[^\p{Ll}]*$)[^\p{Lu}]*\p{Lu}(?:[^]*[^\s!])?\s*!\s*![\s!]*$/u;
const THANKS_OR_BYE = new Set(['thanks', 'thank', 'thankyou', 'thanku', ...THANKS_WORDS, ...GOODBYE_WORDS]);

/** A word as COURTESY_CORE and COURTESY_WITH hold it: lower case, without accents or apostrophes ("adiós" is "adios"). */
function plainWord(word: string): string {
  // Session 34 (perf): an ASCII word has no accent to drop and normalises to itself (most words: no string copies).
  for (let i = 0; i < word.length; i++) {
    if (word.charCodeAt(i) > 127) return word.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
  }
  return word;
}

/**
 * Session 34 (perf): onlyCourtesy's and saysGoodbye's answers per text. One message is read several times (the ticket's question asks
 * whether it fits, then takes it; closesChat and saysGoodbye ask again), each reading splitting and normalising the words.
 */
const courtesyMemo = new TextMemo<boolean>(1000);
const ASCII_DIGIT = /[0-9]/;
const goodbyeMemo = new TextMemo<boolean>(1000);
/**
 * Session 24 (hostile s17 #13 rest, s24 #1), moved here in session 25: whether a message is ONLY courtesy: thanks
 * (onlyThanks: "merci beaucoup", "kind regards"), a bare acknowledgement ("ok", "alright then"), a goodbye wish ("have
 * a nice day", "take care"), friendly emoji and emoticons, or a few words each of them thanks, a goodbye or an
 * acknowledgement (COURTESY_CORE, at least one) or a word that goes with them (COURTESY_WITH: "thanks so much for
 * your help mate"). Anything beside the courtesy ("thanks, my son swallowed a magnet", "ok but where is my parcel"), a
 * question mark, a digit, another emoji or more than 8 words and it is not. Invisible characters are dropped first.
 * Session 25 (hostile25 #5, #6, #8): up to 12 words; other languages' goodbyes; "no" only in "no problem" / "no
 * worries"; a shouted acknowledgement is not a courtesy; spaces around the message do not count towards its 120
 * characters ("thanks" and 200 spaces).
 */
export function onlyCourtesy(raw: string): boolean {
  // Session 39 (perf): readOnlyCourtesy's answer for a question mark or an ASCII digit (false: none of thanks, an
  // acknowledgement or a goodbye wish holds one, and the words after them may not), without the memo's look-up and entry.
  if (raw.includes('?') || ASCII_DIGIT.test(raw)) return false;
  let known = courtesyMemo.get(raw);
  if (known === undefined) courtesyMemo.set(raw, (known = readOnlyCourtesy(raw)));
  return known;
}
function readOnlyCourtesy(raw: string): boolean {
  const text = withoutInvisible(raw).trim();
  if (text.length > 120) return false;
  if (text.includes('?')) return false;
  const words = text.toLowerCase().replace(FRIENDLY, ' ').replace(/[’']/g, '').split(/[^\p{L}\p{M}]+/u).filter(Boolean).map(plainWord);
  if (SHOUTED.test(text) && !words.some((w) => THANKS_OR_BYE.has(w))) return false;
  // "no" before "problem" / "worries" / thanks, or last after thanks ("thank you no"); "great, no help", "ok no" are not thanks.
  const noFits = (i: number) => NO_BESIDE.has(words[i + 1] ?? '') || (i === words.length - 1 && onlyThanks(text.replace(/[\s,.!]*\bno[\s.!]*$/iu, '')));
  if (words.some((w, i) => w === 'no' && !noFits(i))) return false;
  if (onlyThanks(text) || BARE_ACK.test(text) || GOODBYE_WISH.test(text)) return true;
  const emojiGone = text.replace(FRIENDLY, ' ').replace(/[:;]-?[)D]/g, ' '); // and the emoticons ":)", ";-)", ":D"
  const hadEmoji = emojiGone !== text;
  if (/[^\p{L}\p{M}\s.,!'’-]/u.test(emojiGone)) return false; // digits, other emoji, symbols
  const left = emojiGone.toLowerCase().replace(/[’']/g, '').split(/[^\p{L}\p{M}]+/u).filter(Boolean).map(plainWord);
  if (left.length === 0) return hadEmoji;
  const known = (w: string) => COURTESY_CORE.has(w) || COURTESY_WITH.has(w) || w === 'no' || NO_BESIDE.has(w);
  return left.length <= 12 && left.every(known) && left.some((w) => COURTESY_CORE.has(w));
}

/**
 * Session 46 (details5, retest s45 M11): an exclamation of praise or thanks and nothing else, sarcastic or not ("Wow,
 * brilliant.", "great, just great", "oh fantastic", "perfect, just perfect"): at most six words, each an acknowledgement
 * or thanks (COURTESY_CORE), a word of praise or an interjection, at least one of the first two kinds. "Brilliant Smith",
 * "Amazing Grace" are not (a word of neither).
 */
const PRAISE = new Set(['fantastic', 'amazing', 'wonderful', 'excellent', 'terrific', 'marvellous', 'marvelous', 'fabulous', 'superb', 'nice', 'splendid', 'magic', 'class', 'wicked']);
const INTERJECTION = new Set(['wow', 'oh', 'ah', 'ooh', 'well', 'just', 'really', 'so', 'how', 'very', 'a', 'lot', 'much', 'you', 'thats', 'that', 's', 'is', 'yeah', 'yes', 'right', 'sure', 'gee', 'cheers', 'stuff']);
export function onlyExclamation(raw: string): boolean {
  if (raw.includes('?') || ASCII_DIGIT.test(raw) || raw.length > 80) return false;
  const words = withoutInvisible(raw).toLowerCase().replace(/[’']/g, '').split(/[^\p{L}\p{M}]+/u).filter(Boolean);
  if (words.length === 0 || words.length > 6) return false;
  return words.every((w) => COURTESY_CORE.has(w) || PRAISE.has(w) || INTERJECTION.has(w)) && words.some((w) => COURTESY_CORE.has(w) || PRAISE.has(w));
}

/** The goodbyes proper ("bye", "cya", "ciao", "tschüss"): GOODBYE_WORDS without the words of thanks it also holds. */
const FAREWELLS = new Set(['bye', 'byee', 'byeee', 'goodbye', 'cya', 'revoir', 'tschuss', 'tschus', 'wiedersehen', 'adios', 'ciao', 'arrivederci', 'adeus', 'tchau', 'doei', 'пока', 'свидания', '再见']);
/**
 * Session 31 (brief answers item 4, newcomer s28 N8 rest): whether a message is only courtesy (onlyCourtesy) with a
 * goodbye in it: "bye", "ok bye", "thanks, bye", "goodbye then", "have a nice day", "ciao". Thanks or an acknowledgement
 * alone ("thanks", "ok") is none: it may answer what the bot said.
 */
export function saysGoodbye(text: string): boolean {
  if (!onlyCourtesy(text)) return false;
  let known = goodbyeMemo.get(text);
  if (known === undefined) goodbyeMemo.set(text, (known = readGoodbye(text)));
  return known;
}
function readGoodbye(text: string): boolean {
  if (GOODBYE_WISH.test(withoutInvisible(text).trim())) return true;
  return withoutInvisible(text).toLowerCase().replace(/[’']/g, '').split(/[^\p{L}\p{M}]+/u).filter(Boolean).map(plainWord).some((w) => FAREWELLS.has(w));
}
