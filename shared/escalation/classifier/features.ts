/**
 * The learned escalation classifier's features: hashed word unigrams and bigrams (with negation scope
 * marked), character 3- and 4-grams inside longer words (typos and masked spellings still share most
 * grams), and cues VADER-style lexicons miss that only the raw text shows: symbol-masked swearing
 * ("f***", "$h!t"), emoji and emoticons, all caps, repeated punctuation.
 *
 * One function shared by the training script (scripts/train-escalation/train.ts) and the runtime, so
 * the model sees exactly the features it was trained on. Feature ids are 32-bit FNV-1a hashes masked
 * to HASH_BITS (no vocabulary to ship). Pure: no I/O, no clock.
 */
import type { TextAnalysis } from '../../nlu/types';
import { canonicalTokens } from '../canonicalTokens';
import { lexiconValence } from '../../nlu/sentiment';
import { NEGATIVE_PRONOUNS, NEITHER_NOR, NOT_WORDS, negators } from '../negators';

export const HASH_BITS = 18;
const MASK = (1 << HASH_BITS) - 1;

/** Words that open a negation scope: the next NEG_SCOPE words get a "negated" feature too. */
const NEGATORS = negators(NOT_WORDS, 'without', NEGATIVE_PRONOUNS, NEITHER_NOR);
const NEG_SCOPE = 3;
const MAX_TOKENS = 160;

/** FNV-1a over a string with a one-character namespace prefix, masked to the table size. */
function hash(prefix: number, s: string, from = 0, to = s.length): number {
  let h = (0x811c9dc5 ^ prefix) >>> 0;
  h = Math.imul(h, 0x01000193);
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & MASK;
}

const P_WORD = 119; // 'w'
const P_NEG = 110; // 'n'
const P_BI = 98; // 'b'
const P_CHAR = 99; // 'c'
const P_CUE = 120; // 'x'
const P_EMOJI = 101; // 'e'

/** Masked swearing: letters with symbols inside or after them ("f***", "sh*t", "$h!t", "a**hole", "f#@%"). */
const MASKED = /(?:^|[\s(])(?:[a-z$@][*#@%$!]{2,}[a-z]*|[a-z]+[*#%][a-z*#%]*[a-z]|\$h[!1i]t|[a-z][*#@%$!]{3,})(?=$|[\s.,!?)])/i;
const EMOTICON_NEG = /(?:^|\s)(?:>?:-?[(\/\\|]|-_-|>_<|:'\(|ಠ_ಠ|smh|ugh+|meh)(?=$|\s|[.,!?])/i;
const EMOTICON_POS = /(?:^|\s)(?::-?[)D]|;-?\)|<3|xd|lol|haha+)(?=$|\s|[.,!?])/i;

/** Every emoji / pictograph code point of the text (surrogate pairs and the BMP symbol blocks). */
function emojiOf(text: string, out: number[], groups: FeatureGroup[] | undefined): void {
  // Session 24 (hostile s24 #3): like a word, one emoji counts at most MAX_REPEATS times ("late 📦📦📦📦📦📦📦📦📦📦"
  // read as urgent 0.95).
  let said: Map<number, number> | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x2190) continue;
    const wide = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
    if (!wide && !(c >= 0x2190 && c <= 0x2bff)) continue;
    const end = wide ? i + 2 : i + 1;
    const id = hash(P_EMOJI, text, i, end);
    said ??= new Map();
    const times = (said.get(id) ?? 0) + 1;
    said.set(id, times);
    if (times <= MAX_REPEATS) {
      if (groups) groups.push({ name: text.slice(i, end), from: out.length, to: out.length + 1, cue: true });
      out.push(id);
    }
    i = end - 1;
  }
}

/**
 * Session 24 (hostile s11 #13): a word, and a pair of neighbouring words, counts at most MAX_REPEATS times in a message.
 * Session 25 (hostile s24 #3 rest): so does a character gram, over all the message's words (varied repeats).
 * A linear model sums what it reads, so a phrase pasted forty times ("the parcel is late" x4 scored urgency 0.99, "where
 * is my order" x50 refund 1.00) outweighed anything a customer would write once; "no no" and "please please" still
 * count twice. The third and later times add nothing (their negation id neither); the scorer does the same.
 */
export const MAX_REPEATS = 2;

/**
 * The feature ids of a message (a word said twice counts twice, a third time not: MAX_REPEATS), written into `out`
 * (cleared first) and returned. Reading stops after MAX_TOKENS words, like the other detectors' bound.
 * When `groups` is given, it receives which ids came from which word or cue (for explanations).
 */
export function featuresOf(analysis: TextAnalysis, out: number[] = [], groups?: FeatureGroup[], wordEnds?: number[]): number[] {
  out.length = 0;
  if (wordEnds) wordEnds.length = 0;
  const toks = canonicalTokens(analysis);
  const n = Math.min(toks.length, MAX_TOKENS);
  let negLeft = 0;
  const wordsSeen = new Map<string, number>();
  const pairsSeen = new Map<string, number>();
  const gramsSeen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const from = out.length;
    const t = toks[i];
    const said = (wordsSeen.get(t) ?? 0) + 1;
    wordsSeen.set(t, said);
    if (said <= MAX_REPEATS) out.push(hash(P_WORD, t));
    if (negLeft > 0) {
      if (said <= MAX_REPEATS) out.push(hash(P_NEG, t));
      negLeft--;
    }
    if (NEGATORS.has(t)) negLeft = NEG_SCOPE;
    if (i + 1 < n) {
      const pair = t + ' ' + toks[i + 1];
      const paired = (pairsSeen.get(pair) ?? 0) + 1;
      pairsSeen.set(pair, paired);
      if (paired <= MAX_REPEATS) out.push(hash(P_BI, pair));
    }
    if (t.length >= 4 && said <= MAX_REPEATS) {
      // Session 25: a character gram counts at most MAX_REPEATS times in the message, whichever words it comes from
      // ("hahaha hahahaha hahahahaha ...", "late latee lateee ...": each word new, their grams the same).
      const first = out.length;
      charGrams(t, out);
      let kept = first;
      for (let a = first; a < out.length; a++) {
        const id = out[a];
        const times = (gramsSeen.get(id) ?? 0) + 1;
        gramsSeen.set(id, times);
        if (times <= MAX_REPEATS) out[kept++] = id;
      }
      out.length = kept;
    }
    if (groups) groups.push({ name: t, from, to: out.length });
    if (wordEnds) wordEnds.push(out.length);
  }
  // A message without words ("??", "...", an emoji alone) is read by its symbols only.
  cueFeatures(analysis, toks, n, out, groups);
  return out;
}

/**
 * The ids a word contributes on its own, whatever its neighbours: its unigram and its character grams (featuresOf adds
 * the negation and bigram ids, which depend on the context). Appended to `out`. The scorer caches their weight sums per
 * word (escalationClassifier.ts), so the hashing and table walk happen once per distinct word, not once per message.
 */
export function ownWordFeatures(t: string, out: number[]): void {
  out.push(hash(P_WORD, t));
  if (t.length >= 4) charGrams(t, out);
}

/**
 * A word's character 3- and 4-grams (inside '<' and '>'), each distinct gram once (session 24, hostile s23 #1): a word
 * made of one repeated piece ("hehehe..." x30, "abab..." x20) used to add the same few grams dozens of times, and
 * their summed weight read it as a safety topic or anger with certainty. A gram met again in the same word adds
 * nothing now (ordinary words rarely repeat a gram: "banana", "hahaha"). Two grams whose ids collide also count
 * once, which only happens within one word when the 18-bit hashes collide.
 */
const LONG_WORD = 40;
const seenGrams = new Set<number>();
function charGrams(t: string, out: number[]): void {
  const w = '<' + t + '>';
  const first = out.length;
  if (w.length > LONG_WORD) {
    // A long word (a pasted hash, a hostile 4,000-letter word): a set keeps this linear in its length.
    seenGrams.clear();
    for (let size = 3; size <= 4; size++) {
      for (let k = 0; k + size <= w.length; k++) {
        const id = hash(P_CHAR, w, k, k + size);
        if (!seenGrams.has(id)) {
          seenGrams.add(id);
          out.push(id);
        }
      }
    }
    return;
  }
  for (let size = 3; size <= 4; size++) {
    for (let k = 0; k + size <= w.length; k++) {
      const id = hash(P_CHAR, w, k, k + size);
      let seen = false;
      for (let j = first; j < out.length; j++) {
        if (out[j] === id) {
          seen = true;
          break;
        }
      }
      if (!seen) out.push(id);
    }
  }
}

/** The negation-scope id of a word (featuresOf: within NEG_SCOPE words after a negator). */
export function negatedWordFeature(t: string): number {
  return hash(P_NEG, t);
}

/** The bigram id of two neighbouring words, without building the joined string (same value as hashing "a b"). */
export function bigramFeature(a: string, b: string): number {
  return bigramFrom(bigramLeft(a), b);
}

/**
 * Session 11 (speed): the bigram hash split at the word boundary. `bigramLeft(a)` is the FNV state after the prefix, `a`
 * and the space; `bigramFrom(bigramLeft(a), b)` is exactly `bigramFeature(a, b)`. The scorer keeps the left state per
 * word, so each bigram hashes only its second word.
 */
export function bigramLeft(a: string): number {
  let h = (0x811c9dc5 ^ P_BI) >>> 0;
  h = Math.imul(h, 0x01000193);
  for (let i = 0; i < a.length; i++) {
    h ^= a.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= 32;
  return Math.imul(h, 0x01000193);
}

export function bigramFrom(left: number, b: string): number {
  let h = left;
  for (let i = 0; i < b.length; i++) {
    h ^= b.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & MASK;
}

/** Words that open a negation scope (featuresOf), and how many words it covers. */
export function opensNegation(t: string): boolean {
  return NEGATORS.has(t);
}
export { NEG_SCOPE, MAX_TOKENS };

/*
 * Session 11 (speed): one pass over the text says which marks it has at all; a cue whose pattern needs a mark the text
 * lacks is not tried (the same cues, fewer regex scans of a long letter). Each gate is a necessary condition of its
 * pattern: "!!" needs "!", masked swearing one of * # @ % $ !, an emoticon ":" ";" "<" "_" or its letters, a
 * scare quote a quote mark, an emoji a character from the arrows block up.
 */
const M_BANG = 1;
const M_QUESTION = 2;
const M_DOT = 4;
const M_MASK = 8;
const M_COLON = 16;
const M_SEMI = 32;
const M_LT = 64;
const M_UNDERSCORE = 128;
const M_WIDE = 256;
const M_QUOTE = 512;
const M_UPPER = 1024;
const MARK = new Uint16Array(128);
MARK[33] = M_BANG | M_MASK;
MARK[63] = M_QUESTION;
MARK[46] = M_DOT;
for (const c of '*#@%$') MARK[c.charCodeAt(0)] = M_MASK;
MARK[58] = M_COLON;
MARK[59] = M_SEMI;
MARK[60] = M_LT;
MARK[95] = M_UNDERSCORE;
MARK[39] = M_QUOTE;
MARK[34] = M_QUOTE;
for (let c = 65; c <= 90; c++) MARK[c] = M_UPPER;

function marksOf(text: string): number {
  let m = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) m |= MARK[c];
    else if (c >= 0x2190) m |= M_WIDE;
    else if (c === 0x2018 || c === 0x201c) m |= M_QUOTE;
  }
  return m;
}

/** Letters an emoticon-word needs ("smh", "ugh", "meh"; "lol", "xd", "haha"), checked only when no mark settles it. */
function hasAny(lower: string, words: readonly string[]): boolean {
  for (const w of words) if (lower.includes(w)) return true;
  return false;
}
const NEG_WORDS = ['smh', 'ugh', 'meh'];
const POS_WORDS = ['lol', 'xd', 'haha'];

/**
 * The whole-message cue ids (ALL CAPS, "!!", masked swearing, emoji, the round six devices), appended to `out`.
 * `wordFlags` (optional): deviceFlags of each of the first `n` tokens, when the caller keeps them per word.
 */
export function cueFeatures(analysis: TextAnalysis, toks: readonly string[], n: number, out: number[], groups?: FeatureGroup[], wordFlags?: readonly number[]): void {
  if (n === 0) cue(out, 'empty', groups);
  const text = analysis.text.length > 1000 ? analysis.text.slice(0, 1000) : analysis.text;
  const marks = marksOf(text);
  // Shouting: most letters upper case in a message with some words to shout (not "NW-1042" or "OK").
  if (analysis.shouting >= 0.7 && n >= 2 && lettersIn(text) >= 8) cue(out, 'caps', groups, 'ALL CAPS');
  if ((marks & M_BANG) !== 0 && /!{2,}/.test(text)) cue(out, '!!', groups);
  if ((marks & M_QUESTION) !== 0 && /\?{2,}/.test(text)) cue(out, '??', groups);
  if ((marks & (M_QUESTION | M_BANG)) === (M_QUESTION | M_BANG) && /[?!]\s*[!?]/.test(text)) cue(out, '?!', groups);
  if ((marks & M_DOT) !== 0 && /\.{4,}/.test(text)) cue(out, '....', groups);
  const masked = (marks & M_MASK) === 0 ? null : MASKED.exec(text);
  if (masked) cue(out, 'masked', groups, masked[0].trim());
  let lower: string | null = null;
  const neg = (marks & (M_COLON | M_UNDERSCORE)) !== 0 || hasAny((lower ??= text.toLowerCase()), NEG_WORDS) ? EMOTICON_NEG.exec(text) : null;
  if (neg) cue(out, 'emoticon-', groups, neg[0].trim());
  const pos = (marks & (M_COLON | M_SEMI | M_LT)) !== 0 || hasAny((lower ??= text.toLowerCase()), POS_WORDS) ? EMOTICON_POS.exec(text) : null;
  if (pos) cue(out, 'emoticon+', groups, pos[0].trim());
  if ((marks & M_WIDE) !== 0) emojiOf(text, out, groups);
  devices(toks, n, text, analysis.shouting, out, groups, marks, wordFlags);
}

/* ------------------------------------------------------------------------------------------------ devices
 * Session 4 (round six): cues for the ways customers show anger without a classic negative word. Each pools a
 * whole family into one feature, so a wording the training data never had still shares the family's weight:
 *  - praise + a complaint fact in the same message (sarcasm: "Brilliant. Paid for express, 5 days and counting");
 *  - an emoji's class (angry, eye-roll/annoyed, mocking, sad, happy) besides the emoji itself, so a variant
 *    (another skin tone, a rarer face) reads like its class;
 *  - one word shouted in a lower-case message ("absolutely SUPERB"), stretched words ("sooo", "wowww"),
 *    'scare quotes' around a promise ("'next day'"), weariness words ("as usual", "whatever", "shocker"),
 *    a question with an intensifier ("do you even read these?"), threats to leave or to tell others.
 * The weights of these cues are learned like the others (train.ts); nothing here decides alone.
 */

/** Praise words the lexicon rates >= 1.8 but that are mostly formulas in a support chat. */
const NOT_PRAISE = new Set(['help', 'yes', 'kind', 'free', 'hope', 'interest', 'special', 'safe', 'pretty', 'like', 'please', 'best', 'welcome', 'care', 'want', 'true', 'share', 'agree', 'ready', 'easy', 'save', 'okay', 'sweet', 'fun', 'trust', 'honest', 'honestly', 'sure', 'lol', 'haha', 'lmao', 'hah']);
/** Praise the lexicon lacks. */
const EXTRA_PRAISE = new Set(['stellar', 'bravo', 'genius', 'marvellous', 'marvelous', 'splendid', 'kudos', 'fab', 'superb', 'outstanding', 'legendary', 'spectacular', 'phenomenal', 'impressive', 'lovely', 'thrilled', 'delighted']);
/** Laughing at one's own situation: counts as praise-side when the message also states a complaint fact. */
const LAUGH = new Set(['lol', 'lmao', 'lmfao', 'haha', 'hahaha', 'rofl', 'hah']);
/** Facts a complaint is made of: time passing, things repeating, failing or going missing. */
const COMPLAINT_FACTS = new Set([
  'again', 'still', 'another', 'yet', 'counting', 'since', 'already', 'anymore', 'usual', 'days', 'weeks', 'months', 'hours',
  'ages', 'forever', 'lost', 'wrong', 'never', 'nothing', 'nobody', 'missing', 'late', 'delayed', 'delay', 'broken', 'empty',
  'instead', 'damaged', 'ignored', 'ignoring', 'excuse', 'excuses', 'same', 'paid', 'charged', 'waiting', 'waited', 'month',
  'week', 'twice', 'third', 'fourth', 'fifth', 'only', 'eventually', 'finally', 'apparently', 'supposedly', 'promised',
  'smashed', 'crushed', 'soaked', 'cracked', 'ripped', 'torn', 'dented', 'scratched', 'leaking', 'disappeared', 'vanished',
]);
/** Weariness and resignation. */
const WEARY = new Set(['usual', 'typical', 'shocker', 'anymore', 'whatever', 'sigh', 'ugh', 'yawn', 'apparently', 'supposedly', 'somehow', 'bother', 'bothered', 'counting', 'surprise', 'surprised', 'expecting', 'again', 'tired', 'exhausted', 'exhausting', 'pointless', 'hopeless', 'giving', 'gave']);
/** A question made rhetorical by an intensifier. */
const RHETORICAL = new Set(['even', 'seriously', 'honestly', 'actually', 'ever', 'really', 'possibly', 'on', 'earth', 'hell', 'heck']);
/** Leaving, or telling others. */
const LEAVING = new Set(['elsewhere', 'competitor', 'competitors', 'trustpilot', 'reviews', 'review', 'everyone', 'everybody', 'friends', 'twitter', 'instagram', 'tiktok', 'facebook', 'reddit', 'ombudsman', 'amazon', 'goodbye', 'bye', 'unsubscribe']);

const F_NOT_PRAISE = 1;
const F_PRAISE = 2;
const F_LAUGH = 4;
const F_FACT = 8;
const F_WEARY = 16;
const F_RHETORICAL = 32;
const F_LEAVING = 64;
/** The word lists above as one table of flags: one lookup per token. */
const DEVICE_WORDS = new Map<string, number>();
for (const [set, flag] of [[NOT_PRAISE, F_NOT_PRAISE], [EXTRA_PRAISE, F_PRAISE], [LAUGH, F_LAUGH], [COMPLAINT_FACTS, F_FACT], [WEARY, F_WEARY], [RHETORICAL, F_RHETORICAL], [LEAVING, F_LEAVING]] as const) {
  for (const w of set) DEVICE_WORDS.set(w, (DEVICE_WORDS.get(w) ?? 0) | flag);
}

/** Set by deviceFlags: the word reads as praise (a praise or laugh word, or lexicon valence >= 1.8, and not NOT_PRAISE). */
const F_READS_PRAISE = 128;

/** The device flags of one word (F_* above, with F_READS_PRAISE): the same for every message, so callers may keep them. */
export function deviceFlags(t: string): number {
  const flags = DEVICE_WORDS.get(t) ?? 0;
  return (flags & F_NOT_PRAISE) === 0 && ((flags & (F_PRAISE | F_LAUGH)) !== 0 || (lexiconValence(t) ?? 0) >= 1.8) ? flags | F_READS_PRAISE : flags;
}

const EMOJI_CLASSES: [string, RegExp][] = [
  ['emoji:angry', /[🤬😡😠👿💢🖕😾]/u],
  ['emoji:annoyed', /[🙄😒😤😑🤦🤷😮‍💨👎😐]/u],
  ['emoji:mocking', /[👏🙃🤡💀🥴🤣😂🫠😬]/u],
  ['emoji:sad', /[😢😭😞😔☹🙁😩😫😖😣😕💔😿]/u],
  ['emoji:happy', /[😊😀😃😄😁😍🥰❤💖👍🙏🎉😎🤩✅💯😉🔥🥳😘]/u],
];

const DURATION = /^(?:days?|weeks?|months?|hours?|hrs?|wks?)$/;

const isUpper = (c: number) => c >= 65 && c <= 90;
const isLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;

/** A word of 4+ capitals alone (not inside a longer word), e.g. "SUPERB"; null when none. One pass, no regex. */
function shoutedWord(text: string): string | null {
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (isUpper(c)) {
      if (start < 0 && (i === 0 || !isLetter(text.charCodeAt(i - 1)))) start = i;
    } else {
      if (start >= 0 && i - start >= 4 && !isLetter(c)) return text.slice(start, i);
      start = -1;
    }
  }
  return null;
}

/** A word with one letter three times in a row ("sooo", "wowww"), not "www." nor a mash of one letter; null when none. */
function stretched(text: string): string | null {
  let run = 1;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i) | 32;
    if (isLetter(text.charCodeAt(i)) && c === (text.charCodeAt(i - 1) | 32)) {
      run++;
      if (run === 3 && c !== 119) {
        let a = i;
        while (a > 0 && isLetter(text.charCodeAt(a - 1))) a--;
        let b = i;
        while (b < text.length && isLetter(text.charCodeAt(b))) b++;
        // A keyboard mash ("hhhhhhhh", "aaaaaa") is one letter only: a fallback, not a feeling.
        let other = false;
        for (let k = a; k < b && !other; k++) other = (text.charCodeAt(k) | 32) !== c;
        if (other && b - a <= 15) return text.slice(a, b);
      }
    } else run = 1;
  }
  return null;
}
const SCARE_QUOTES = /["'“‘][A-Za-z][^"'“”‘’\n]{1,30}["'”’](?=$|[\s.,!?;:)])/y;

/** A short phrase in quotes that open after a space ("paid for 'next day'"), not an apostrophe inside a word. */
function scareQuotes(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 39 && c !== 34 && c !== 0x2018 && c !== 0x201c) continue;
    if (i > 0 && text.charCodeAt(i - 1) !== 32 && text.charCodeAt(i - 1) !== 40) continue;
    SCARE_QUOTES.lastIndex = i;
    const m = SCARE_QUOTES.exec(text);
    if (m) return m[0];
  }
  return null;
}

function devices(toks: readonly string[], n: number, text: string, shouting: number, out: number[], groups: FeatureGroup[] | undefined, marks: number, wordFlags?: readonly number[]): void {
  // Sarcasm is local: praise and the complaint fact within NEAR words ("Brilliant. Paid for express..."); a long
  // friendly message ("lovely time, and I noticed the order hasn't turned up yet") has both, far apart.
  const NEAR = 6;
  let lastPraise = -100;
  let lastFact = -100;
  let sarcasm = false;
  let fact = false;
  let weary = false;
  let rhetorical = false;
  let leaving = false;
  for (let i = 0; i < n; i++) {
    const t = toks[i];
    const flags = wordFlags !== undefined ? wordFlags[i] : deviceFlags(t);
    // "not great" is not praise.
    if ((flags & F_READS_PRAISE) !== 0) {
      const p = toks[i - 1];
      if (p !== 'not' && p !== 'no' && p !== 'never') lastPraise = i;
    }
    const c = t.charCodeAt(0);
    if ((flags & F_FACT) !== 0 || (c >= 48 && c <= 57 && DURATION.test(toks[i + 1] ?? '') && /^\d+$/.test(t))) {
      fact = true;
      lastFact = i;
    }
    if (i - lastPraise <= NEAR && i - lastFact <= NEAR) sarcasm = true;
    if (flags & F_WEARY) weary = true;
    if (flags & F_RHETORICAL) rhetorical = true;
    if (flags & F_LEAVING) leaving = true;
  }
  const wide = (marks & M_WIDE) !== 0;
  if (sarcasm || (fact && wide && /[👏🙃🤡]/u.test(text))) cue(out, 'praise+fact', groups, 'praise around a complaint');
  if (weary) cue(out, 'weary', groups);
  if (rhetorical && text.includes('?')) cue(out, 'rhetorical?', groups, 'rhetorical question');
  if (leaving) cue(out, 'leaving', groups);
  if (wide) {
    for (const [name, re] of EMOJI_CLASSES) {
      if (re.test(text)) cue(out, name, groups);
    }
  }
  if (shouting < 0.7 && (marks & M_UPPER) !== 0) {
    const w = shoutedWord(text);
    if (w !== null) cue(out, 'caps-word', groups, w);
  }
  const st = stretched(text);
  if (st !== null) cue(out, 'stretched', groups, st);
  const q = (marks & M_QUOTE) === 0 ? null : scareQuotes(text);
  if (q !== null) cue(out, 'scare-quotes', groups, q);
}

/** Ids `from`..`to` (exclusive) of a featuresOf result came from `name` (a word, or a cue such as "ALL CAPS"). */
export interface FeatureGroup {
  name: string;
  from: number;
  to: number;
  /** A whole-message cue (ALL CAPS, an emoji, "!!") rather than a word. */
  cue?: boolean;
}

function lettersIn(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length && n < 8; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) n++;
  }
  return n;
}

function cue(out: number[], id: string, groups: FeatureGroup[] | undefined, name = id): void {
  if (groups) groups.push({ name, from: out.length, to: out.length + 1, cue: true });
  out.push(hash(P_CUE, id));
}

/** The feature id of a word unigram (a canonical token), for the training script's masks. */
export function wordFeature(token: string): number {
  return hash(P_WORD, token);
}

/**
 * Function words whose unigram does not train the negative output (round six): rants in the training data are long,
 * so "and", "so", "the" had learned to lean negative and a long friendly message added up to "upset". Their bigrams
 * ("you people", "just great") still train it.
 */
export const NEGATIVE_STOP_WORDS: readonly string[] = (
  'a an the and so i you in is at to of for on it my me we our us that this be was were are am have has had do does did with from ' +
  'but or if as by up out your he she they them their its there here then than also about into over after before when which who'
).split(' ');

/** Round six's cues, made for negative sentiment: the training script lets them weigh on the negative output only. */
export const NEGATIVE_ONLY_CUES: readonly string[] = [
  'praise+fact', 'weary', 'rhetorical?', 'leaving', ...EMOJI_CLASSES.map(([name]) => name), 'caps-word', 'stretched', 'scare-quotes',
];

/**
 * The feature id of a whole-message cue ('caps', 'masked', '!!', '??', '?!', '....', 'emoticon-', 'emoticon+', 'empty';
 * round six: 'praise+fact', 'weary', 'rhetorical?', 'leaving', 'emoji:angry|annoyed|mocking|sad|happy', 'caps-word',
 * 'stretched', 'scare-quotes'), for tests and tools.
 */
export function cueFeature(name: string): number {
  return hash(P_CUE, name);
}
