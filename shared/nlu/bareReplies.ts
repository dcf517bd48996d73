/**
 * Session 10 (escrf, issue 11): the words of a bare reply, one vocabulary for the three places that read them.
 *
 * - The intent matcher (createIntentMatcher): a message made only of bare replies ("no", "nope", "yes ok", "nah that's
 *   all") asks for nothing and gets no intent unless an example is exactly it (`isBareReply`).
 * - The engine's answer to an offer of a person ("Would you like to talk to a person?"): yes / no (`offerAnswer`).
 * - The repeated-fallback detector: nudges and fillers ("ok", "hmm", "hello?", "pls") that neither extend nor break a
 *   streak after a real question (`FILLER`).
 *
 * Before, each kept its own list and they disagreed: "yea" and "yeh" were yes for the detector but not for the offer,
 * "nah" and "ye" a bare reply for the matcher but not an answer to the offer. The word groups below are the shared part;
 * each reader adds only what is its own (the offer's "a person" / "the bot", the matcher's "that's all").
 * Words are normalised tokens (lower case, no accents, apostrophes kept as normalizeText keeps them).
 */

/** Ways of writing yes. */
export const YES_WORDS: readonly string[] = ['yes', 'yeah', 'yep', 'yup', 'ya', 'ye', 'yea', 'yh', 'yeh', 'yah'];
/** Ways of writing no. */
export const NO_WORDS: readonly string[] = ['no', 'nope', 'nah', 'na', 'nay'];
/** Ways of writing ok. */
export const OK_WORDS: readonly string[] = ['ok', 'okay', 'okey', 'k', 'kk', 'okk', 'oki', 'okie'];

/** Words that answer without asking: a message made only of these is no request (see isBareReply). */
export const BARE_REPLY: ReadonlySet<string> = new Set([
  ...YES_WORDS, ...NO_WORDS, ...OK_WORDS,
  'not', 'never', 'sure', 'fine', 'thats', "that's", 'that', 'is', 'all', 'it', 'maybe', 'idk',
]);

/** Whether a message's words are all bare replies ("no", "nope", "yes ok", "nah that's all"): it answers without asking. */
export function isBareReply(tokens: readonly string[]): boolean {
  return tokens.length > 0 && tokens.length <= 4 && tokens.every((t) => BARE_REPLY.has(t.toLowerCase()));
}

/**
 * Nudges and fillers ("ok", "k", "lol", "hello?", "??", "sigh", "hola?", "pls"): after the customer has asked a real
 * question they ask nothing new (detectRepeatedFallback).
 */
export const FILLER: ReadonlySet<string> = new Set([
  ...YES_WORDS, ...OK_WORDS,
  'alright', 'right', 'hmm', 'hm', 'hmmm', 'hmmmm', 'mm', 'mmm', 'um', 'uh', 'uhm', 'ehm', 'erm', 'er', 'ugh', 'sigh', 'ahem', 'huh',
  'lol', 'lmao', 'haha', 'hahaha', 'so', 'and', 'well', 'hello', 'helloo', 'hellooo', 'hi', 'hey', 'hej', 'hola', 'hallo', 'ciao', 'ola',
  'allo', 'ello', 'yo', 'anyone', 'anybody', 'there', 'sir', 'madam', 'please', 'pls', 'plz', 'still', 'waiting', 'again', 'seriously',
  'really', 'wow', 'oh', 'ah', 'i', 'see', 'am', 'is', 'are', 'you', 'now', 'then', 'anyway', 'anyways', 'bitte', 'por', 'favor', 'svp',
  'merci', 'btw', 'what', 'wait',
]);

const alternation = (words: readonly string[]) => words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
/** Yes to an offer of a person: a yes word, or asking for the person ("a person", "an agent", "of course"). */
const OFFER_YES = new RegExp(`^(${alternation([...YES_WORDS, ...OK_WORDS.slice(0, 2), 'y', 'sure', 'please', 'yes please', 'a person', 'person',
  'human', 'an agent', 'agent', 'talk to a person', 'of course', 'definitely'])})\\b`);
/** No to an offer of a person: a no word, or staying with the bot ("not now", "keep chatting", "continue"). */
const OFFER_NO = new RegExp(`^(${alternation([...NO_WORDS, 'n', 'no thanks', 'not now', 'bot', 'the bot', 'keep chatting',
  'keep chatting with the bot', 'continue'])})\\b`);

/**
 * The customer's typed answer to an offer of a person, already plain (lower case, punctuation as spaces): true for
 * yes, false for no (no is read first: "no thanks", "nope"), null when it is neither.
 */
export function offerAnswer(plain: string): boolean | null {
  if (OFFER_NO.test(plain)) return false;
  if (OFFER_YES.test(plain)) return true;
  // Session 30 (hostile s29 H5, newcomer s29 N7): "okay then", "absolutely", "go on then", "why not", "yesss", "maybe
  // later", "i'm good thanks" were not read ("Sorry, I didn't get that" and the offer gone; "go on then" started an
  // address change). A whole answer from the lists below, letters stretched or not, with a polite tail, answers too.
  const whole = wholeOfferAnswer(plain);
  if (whole !== null) return whole;
  const start = unstretched(plain);
  if (start === plain) return null;
  if (OFFER_NO.test(start)) return false;
  if (OFFER_YES.test(start)) return true;
  return null;
}

/**
 * Only the whole answers of the lists below, letters stretched or not, with a polite tail ("okay then", "go on then",
 * "maybe later", "i'm good thanks"): true for yes, false for no, else null. Session 33: a menu's yes / no choices read
 * them too (matchButton), where the broader yes / no words of `offerAnswer` would take "no, I want to cancel".
 */
export function wholeOfferAnswer(plain: string): boolean | null {
  const whole = unstretched(plain.replace(OFFER_TAIL, '').trim());
  if (whole === '') return null;
  if (OFFER_NO_WHOLE.has(whole) || OFFER_NO_WHOLE.has(whole.replace(THANKS_TAIL, '').trim())) return false;
  if (OFFER_YES_WHOLE.has(whole)) return true;
  // Session 46 (conv7, retest-conv s46 M2): a whole yes with "yes" before or after it ("yes of course", "absolutely yes").
  const besideYes = whole.replace(/^(?:yes|yeah|yep)\s+|\s+(?:yes|yeah|yep)$/, '');
  if (besideYes !== whole && OFFER_YES_WHOLE.has(besideYes)) return true;
  // Session 47 (conv8, retest-conv s46 M2): a whole answer typed without its spaces ("ofcourse", "surething",
  // "nothanks", "ofcoursenot"): the same answer. Only words of the lists glued whole, so no other word is read.
  const glued = besideYes.replace(/ /g, '');
  if (OFFER_NO_GLUED.has(glued)) return false;
  if (OFFER_YES_GLUED.has(glued)) return true;
  // "okay then", "ok please": an ok with a filler tail agrees (a bare "ok" is left to each reader).
  if (/^(?:ok|okay|okey|okie)$/.test(whole) && whole !== unstretched(plain.trim())) return true;
  return null;
}

/** Letters typed more than once in a row, once ("yesss" -> "yes", "nooo" -> "no", "pleeease" -> "please"). */
const unstretched = (t: string): string => t.replace(/(\p{L})\1+/gu, '$1');
/**
 * A filler tail that changes no answer ("go on then", "absolutely mate"). Thanks is not one for yes: "ok thanks" /
 * "alright thanks" sign off (session 26, engine.ts OK_LEAD); it is for no ("i'm good thanks", THANKS_TAIL).
 */
const OFFER_TAIL = /(?:\s+(?:then|please|pls|plz|mate|x|lol|haha|:\)|🙂|😊))+$/u;
const THANKS_TAIL = /(?:\s+(?:thanks|thank you|thx|ty|ta|cheers))+$/;
/** Whether the words after an "ok" are only a filler tail ("ok then", "okay please"): the "ok" answers yes. */
export const onlyOfferTail = (plain: string): boolean => plain !== '' && (' ' + plain).replace(OFFER_TAIL, '') === '';
const wholeSet = (answers: readonly string[]): ReadonlySet<string> => new Set(answers.map(unstretched));
/** Whole answers that are yes to "Would you like to talk to a person?" (each also with its letters stretched). */
const OFFER_YES_WHOLE = wholeSet([
  'alright', 'all right', 'absolutely', 'certainly', 'definitely', 'ofc', 'yes yes', 'go on', 'go ahead', 'go for it', 'do it',
  'please do', 'why not', 'i guess so', 'i suppose so', 'guess so', 'sounds good', 'that would be great', "that'd be great",
  'that would help', 'that would be good', 'would be great', 'yes i would', 'i would', "i'd like that", 'i would like that',
  'yay', 'righto', 'right then', 'yes go ahead', 'fine', 'fine by me', 'ok go ahead', 'okay go ahead', 'sure why not', 'ye',
  'yesh', 'yas', 'yass', 'oui', 'si', 'sí', 'ja', 'da',
  // Session 46 (conv7, retest-conv s46 M2): "of course!" at Northwind's offer got "Please pick Talk to a person or No thanks".
  'of course', 'sure thing', 'by all means', 'for sure',
  // Session 47 (conv8, retest-conv s46 M2): "you bet" got "Please pick ..." at Northwind's offer.
  'you bet', 'you betcha', 'betcha', 'deffo', 'defo', 'def', 'course', 'yes indeed', 'indeed',
]);
/** Whole answers that are no. */
const OFFER_NO_WHOLE = wholeSet([
  'maybe later', 'later', 'not yet', 'not right now', 'not at the moment', 'no need', "i'm good", 'i am good', "i'm fine",
  'i am fine', "i'm ok", 'i am ok', "i'm okay", 'all good', "it's fine", "it's ok", 'never mind', 'nevermind', 'nvm',
  "i'll pass", 'i will pass', 'pass', 'rather not', "i'd rather not", 'i would rather not', 'absolutely not',
  'certainly not', 'definitely not', 'of course not', 'not really', "don't", 'do not', "don't bother", 'no no', 'non', 'nein',
  'not for now', "i'm alright", 'i am alright', 'no ty',
]);

/** The whole answers above written without spaces ("ofcourse", "nothanks"), for answers typed glued. */
const glue = (answers: Iterable<string>): ReadonlySet<string> => new Set([...answers].map((a) => a.replace(/ /g, '')).filter((a) => a.length >= 6));
const OFFER_YES_GLUED = glue(OFFER_YES_WHOLE);
const OFFER_NO_GLUED = glue([...OFFER_NO_WHOLE, 'no thanks', 'no thank you', 'not now']);

/**
 * Session 14 (newcomer s13 #21): an undecided answer to a choice ("maybe", "not sure", "I don't know", "idk", "no idea",
 * "hmm", "what do you think?"): the customer answers the question without picking and asks nothing else. Words are
 * normalised (normalizeText: "dunno" -> "do not know", "I'm" -> "i am"); fillers around the phrase are dropped.
 */
const UNSURE_PHRASES: ReadonlySet<string> = new Set([
  'maybe', 'perhaps', 'possibly', 'not sure', 'unsure', 'no idea', 'no clue', 'not a clue', 'do not know', 'not certain', 'undecided',
  'cannot decide', 'can not decide', 'let me think', 'i guess', 'i suppose', 'do not mind', 'either', 'either one', 'whatever',
  'what do you think', 'what do you suggest', 'what would you suggest', 'what would you recommend', 'what should i do',
  'which one', 'which one should i pick', 'do not know what to do', 'not sure what to do', 'hmm', 'hm', 'hmmm', 'um', 'erm',
]);
const UNSURE_FILLER: ReadonlySet<string> = new Set([
  'i', 'am', 'have', 'really', 'honestly', 'just', 'yet', 'well', 'oh', 'so', 'sorry', 'hmm', 'hm', 'um', 'uh', 'erm', 'er', 'ok',
  'tbh', 'to', 'be', 'truthful', 'still', 'quite', 'totally', 'very', 'actually', 'mate', 'please',
]);
const UNSURE_LONGEST = 6;

/** Whether a normalised message is only an undecided answer ("maybe", "I'm not sure", "erm dunno", "no idea tbh"). */
export function isUnsureReply(normalized: string): boolean {
  const words = normalized.split(' ').filter(Boolean);
  if (words.length === 0 || words.length > 10) return false;
  let from = 0;
  let to = words.length;
  // Drop fillers at either end, then the rest must be one phrase (the phrase itself may start or end with a filler: "hmm").
  for (;;) {
    // (The phrase is joined only when it is short enough to be one: session 34, perf.)
    if (to - from <= UNSURE_LONGEST && UNSURE_PHRASES.has(words.slice(from, to).join(' '))) return true;
    if (from < to && UNSURE_FILLER.has(words[from])) from++;
    else if (from < to && UNSURE_FILLER.has(words[to - 1])) to--;
    else return false;
  }
}
