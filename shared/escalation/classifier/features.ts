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

export const HASH_BITS = 18;
const MASK = (1 << HASH_BITS) - 1;

/** Words that open a negation scope: the next NEG_SCOPE words get a "negated" feature too. */
const NEGATORS = new Set(['not', 'no', 'never', 'without', 'nobody', 'nothing', 'none', 'neither', 'nor']);
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
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x2190) continue;
    const wide = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
    if (!wide && !(c >= 0x2190 && c <= 0x2bff)) continue;
    const end = wide ? i + 2 : i + 1;
    if (groups) groups.push({ name: text.slice(i, end), from: out.length, to: out.length + 1, cue: true });
    out.push(hash(P_EMOJI, text, i, end));
    i = end - 1;
  }
}

/**
 * The feature ids of a message (with repeats: a word said twice counts twice), written into `out`
 * (cleared first) and returned. Reading stops after MAX_TOKENS words, like the other detectors' bound.
 * When `groups` is given, it receives which ids came from which word or cue (for explanations).
 */
export function featuresOf(analysis: TextAnalysis, out: number[] = [], groups?: FeatureGroup[], wordEnds?: number[]): number[] {
  out.length = 0;
  if (wordEnds) wordEnds.length = 0;
  const toks = canonicalTokens(analysis);
  const n = Math.min(toks.length, MAX_TOKENS);
  let negLeft = 0;
  for (let i = 0; i < n; i++) {
    const from = out.length;
    const t = toks[i];
    out.push(hash(P_WORD, t));
    if (negLeft > 0) {
      out.push(hash(P_NEG, t));
      negLeft--;
    }
    if (NEGATORS.has(t)) negLeft = NEG_SCOPE;
    if (i + 1 < n) out.push(hash(P_BI, t + ' ' + toks[i + 1]));
    if (t.length >= 4) {
      const w = '<' + t + '>';
      for (let k = 0; k + 3 <= w.length; k++) out.push(hash(P_CHAR, w, k, k + 3));
      for (let k = 0; k + 4 <= w.length; k++) out.push(hash(P_CHAR, w, k, k + 4));
    }
    if (groups) groups.push({ name: t, from, to: out.length });
    if (wordEnds) wordEnds.push(out.length);
  }
  // A message without words ("??", "...", an emoji alone) is read by its symbols only.
  if (n === 0) cue(out, 'empty', groups);
  const text = analysis.text.length > 1000 ? analysis.text.slice(0, 1000) : analysis.text;
  // Shouting: most letters upper case in a message with some words to shout (not "NW-1042" or "OK").
  if (analysis.shouting >= 0.7 && n >= 2 && lettersIn(text) >= 8) cue(out, 'caps', groups, 'ALL CAPS');
  if (/!{2,}/.test(text)) cue(out, '!!', groups);
  if (/\?{2,}/.test(text)) cue(out, '??', groups);
  if (/\?/.test(text) && /!/.test(text) && /[?!]\s*[!?]/.test(text)) cue(out, '?!', groups);
  if (/\.{4,}/.test(text)) cue(out, '....', groups);
  const masked = MASKED.exec(text);
  if (masked) cue(out, 'masked', groups, masked[0].trim());
  const neg = EMOTICON_NEG.exec(text);
  if (neg) cue(out, 'emoticon-', groups, neg[0].trim());
  const pos = EMOTICON_POS.exec(text);
  if (pos) cue(out, 'emoticon+', groups, pos[0].trim());
  emojiOf(text, out, groups);
  return out;
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

/** The feature id of a whole-message cue ('caps', 'masked', '!!', '??', '?!', '....', 'emoticon-', 'emoticon+', 'empty'), for tests and tools. */
export function cueFeature(name: string): number {
  return hash(P_CUE, name);
}
