/**
 * Text normalisation shared by intent matching, similarity and the escalation detectors.
 * Output: lower case, accents stripped, punctuation removed, whitespace collapsed, texting
 * shorthand and contractions spelled out ("u" -> "you", "don't" -> "do not").
 * Decimal/time separators between digits are kept ("42.50", "14:30") so numbers stay readable.
 */
import { withoutInvisible } from '../engine/unicodeText';

/** Whole-word replacements. Values may be several words. */
const WORD_OBJ: Record<string, string> = {
  u: 'you', ya: 'you', yu: 'you', ur: 'your', urs: 'yours', r: 'are', yr: 'your',
  pls: 'please', plz: 'please', plse: 'please', pleez: 'please', pleas: 'please', plix: 'please',
  thx: 'thanks', thnx: 'thanks', thanx: 'thanks', tnx: 'thanks', thks: 'thanks', ty: 'thank you', tyvm: 'thank you very much',
  wanna: 'want to', gonna: 'going to', gotta: 'got to', hafta: 'have to', lemme: 'let me', gimme: 'give me',
  dunno: 'do not know', idk: 'i do not know', dont: 'do not', doesnt: 'does not', didnt: 'did not',
  cant: 'cannot', wont: 'will not', isnt: 'is not', arent: 'are not', wasnt: 'was not', werent: 'were not',
  havent: 'have not', hasnt: 'has not', hadnt: 'had not', shouldnt: 'should not', wouldnt: 'would not',
  couldnt: 'could not', aint: 'is not', im: 'i am', ive: 'i have', youre: 'you are', youve: 'you have',
  theyre: 'they are', weve: 'we have', whats: 'what is', wheres: 'where is', hows: 'how is', thats: 'that is',
  theres: 'there is', whos: 'who is', whens: 'when is',
  b4: 'before', '2day': 'today', '2morrow': 'tomorrow', '2moro': 'tomorrow', '2mrw': 'tomorrow', tmrw: 'tomorrow',
  tmr: 'tomorrow', tmrrw: 'tomorrow', tomorow: 'tomorrow', '2nite': 'tonight', tonite: 'tonight', l8r: 'later', l8er: 'later',
  cuz: 'because', coz: 'because', cos: 'because', bc: 'because', bcoz: 'because', becoz: 'because', bcz: 'because',
  ppl: 'people', tho: 'though', thru: 'through', abt: 'about', bout: 'about', msg: 'message', msgs: 'messages',
  acct: 'account', acc: 'account', pkg: 'package', pkgs: 'packages', addr: 'address', hr: 'hour', hrs: 'hours',
  mins: 'minutes', wk: 'week', wks: 'weeks', yep: 'yes', yup: 'yes', yeah: 'yes', yea: 'yes', yess: 'yes',
  nope: 'no', nah: 'no', okay: 'ok', okey: 'ok', k: 'ok', kk: 'ok', np: 'no problem', gr8: 'great', luv: 'love',
  sry: 'sorry', soz: 'sorry', srsly: 'seriously', rly: 'really', wat: 'what', wut: 'what', wen: 'when',
  cud: 'could', shud: 'should', wud: 'would', gud: 'good', nd: 'and', n: 'and', rn: 'right now', bday: 'birthday',
  plzz: 'please', pleaseee: 'please', pleasee: 'please',
  // Session 10: the plural you of Ireland, Scotland and the north ("do yous do refunds on sale stuff?"); "irl" (in real life).
  yous: 'you', youse: 'you', irl: 'real',
};

const WORD_MAP = new Map(Object.entries(WORD_OBJ));

const TIME_UNITS = new Set(['minutes', 'minute', 'mins', 'min', 'hours', 'hour', 'hrs', 'hr', 'days', 'day', 'weeks', 'week', 'months', 'month', 'years', 'year', 'seconds', 'secs']);
/** "2" is spelled "to" only after these words ("want 2 know") ... */
const TO_AFTER = new Set([
  'want', 'wanted', 'need', 'needed', 'going', 'like', 'love', 'try', 'trying', 'tried', 'able', 'unable',
  'supposed', 'used', 'due', 'how', 'what', 'where', 'when', 'back', 'talk', 'speak', 'go', 'come', 'listen',
  'reply', 'respond', 'hope', 'plan', 'wish', 'forgot', 'hard', 'easy', 'ready', 'nice', 'welcome', 'refer',
  'according', 'next', 'close', 'up', 'me', 'you', 'it',
]);
/** ... or before these verbs ("have 2 wait"), so "I ordered 2 shirts" keeps its number. */
const TO_BEFORE = new Set([
  'be', 'get', 'go', 'know', 'see', 'talk', 'speak', 'buy', 'pay', 'track', 'cancel', 'return', 'change', 'ship',
  'do', 'make', 'check', 'find', 'help', 'receive', 'send', 'use', 'wait', 'come', 'call', 'contact', 'reach', 'fix',
  'update', 'book', 'me', 'you', 'a', 'an', 'the', 'my', 'your', 'someone', 'somebody', 'human', 'agent', 'person',
]);
/** "4" is spelled "for" after these words ("thx 4 nothing"). */
const FOR_AFTER = new Set(['thanks', 'thank', 'you', 'waiting', 'wait', 'waited', 'looking', 'ask', 'asking', 'asked', 'search', 'searching', 'pay', 'paid', 'time']);

const CACHE_LIMIT = 2000;
const cache = new Map<string, string>();

export function normalizeText(text: string): string {
  // Normalised text is often normalised again (similarity of a normalised message): it is its own answer. Session 12
  // (speed): checked before the memo, so a message's normal form is neither hashed into it nor evicts other texts.
  if (isNormalForm(text)) return text;
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const result = normalizeUncached(text);
  // Bounded: when full, start over (cheaper than LRU bookkeeping and good enough for chat traffic).
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, result);
  return result;
}

function normalizeUncached(text: string): string {
  let s = text.toLowerCase();
  // Only pay for Unicode decomposition when there is something non-ASCII to strip.
  // Session 8 (hostile s8 #5): invisible characters inside a word (soft hyphen, zero-width space / joiners, word joiner,
  // BOM) are not word breaks: "hu\u00adman", "tal\u200bk to a person" read as the words they show.
  // Session 18: unicodeText's one class of invisible characters (direction marks and isolates included).
  if (/[^\x00-\x7f]/.test(s)) s = withoutInvisible(s).normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const words = scanWords(s);
  if (words.length === 0) return '';
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '2' || w === '4') {
      const prev = out.length > 0 ? out[out.length - 1] : undefined;
      const next = words[i + 1];
      const prevIsWord = prev !== undefined && /^[a-z]+$/.test(prev);
      const nextWord = next === undefined ? undefined : (WORD_MAP.get(next) ?? next);
      const nextIsWord = nextWord !== undefined && /^[a-z]+$/.test(nextWord);
      // A number before a unit of time stays a number ("within next 2 hours", "due 2 days ago").
      if (w === '2' && prevIsWord && nextIsWord && !TIME_UNITS.has(nextWord) && (TO_AFTER.has(prev) || TO_BEFORE.has(nextWord))) {
        out.push('to');
        continue;
      }
      if (w === '4' && prevIsWord && nextIsWord && FOR_AFTER.has(prev)) {
        out.push('for');
        continue;
      }
      out.push(w);
      continue;
    }
    out.push(WORD_MAP.get(w) ?? w);
  }
  return out.join(' ');
}

const LONGEST_SHORTHAND = Math.max(...[...WORD_MAP.keys()].map((k) => k.length));
/** A bit for a word's first character: a-z one each, every digit (and anything else) bit 26. */
const firstBit = (c: number) => (c >= 97 && c <= 122 ? 1 << (c - 97) : 1 << 26);
/**
 * Session 12 (speed): per word length, the first characters of the shorthands (and of "2" / "4") of that length. A
 * word whose first character is not among them is none of them: isNormalForm skips its slice and Map look-up.
 */
const SHORTHAND_FIRST = new Int32Array(LONGEST_SHORTHAND + 1);
for (const k of [...WORD_MAP.keys(), '2', '4']) SHORTHAND_FIRST[k.length] |= firstBit(k.charCodeAt(0));

/**
 * Whether `s` is its own normal form: words of [a-z0-9] separated by single spaces ("." and ":" only
 * between digits), none of them a shorthand (WORD_MAP key) or a lone "2" / "4". `normalizeUncached` then
 * lower-cases nothing, finds exactly these words and replaces none, so it would return `s` unchanged.
 */
function isNormalForm(s: string): boolean {
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    if (c === 32) {
      if (i === start) return false;
      if (i - start <= LONGEST_SHORTHAND && (SHORTHAND_FIRST[i - start] & firstBit(s.charCodeAt(start))) !== 0) {
        const w = s.slice(start, i);
        if (w === '2' || w === '4' || WORD_MAP.has(w)) return false;
      }
      start = i + 1;
      continue;
    }
    if (isAlnum(c)) continue;
    if ((c === 46 || c === 58) && i > start && i + 1 < s.length && isDigit(s.charCodeAt(i - 1)) && isDigit(s.charCodeAt(i + 1))) continue;
    return false;
  }
  return true;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlnum = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
const isApostrophe = (c: number) => c === 39 || c === 0x2019 || c === 0x2018 || c === 96 || c === 0xb4;

/**
 * One pass over lower-cased text returning the words: [a-z0-9] runs (plus letters of other scripts).
 * Apostrophes join words ("don't" -> "dont") so contractions map through WORD_MAP. Between digits, "." and
 * ":" are kept ("42.50", "14:30") and a comma is a decimal comma before exactly two digits ("42,50" ->
 * "42.50"), otherwise a thousands separator ("1,234" -> "1234"). A hand-written loop because the equivalent
 * chain of regex replacements cost ~5 µs per message.
 */
function scanWords(s: string): string[] {
  const words: string[] = [];
  let cur = '';
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isAlnum(c) || (c > 127 && !isApostrophe(c) && /[\p{L}\p{N}]/u.test(s[i]))) {
      let j = i + 1;
      while (j < n && isAlnum(s.charCodeAt(j))) j++;
      cur += s.slice(i, j);
      i = j;
      continue;
    }
    if (isApostrophe(c) && cur !== '') {
      i++;
      continue;
    }
    if ((c === 46 || c === 58 || c === 44) && cur !== '' && i + 1 < n && isDigit(s.charCodeAt(i - 1)) && isDigit(s.charCodeAt(i + 1))) {
      if (c === 44) {
        const twoDigits = i + 2 < n && isDigit(s.charCodeAt(i + 2)) && !(i + 3 < n && isDigit(s.charCodeAt(i + 3)));
        if (twoDigits) cur += '.';
      } else cur += s[i];
      i++;
      continue;
    }
    if (cur !== '') {
      words.push(cur);
      cur = '';
    }
    i++;
  }
  if (cur !== '') words.push(cur);
  return words;
}
