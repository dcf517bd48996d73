/**
 * The learned part of the escalation detectors: one logistic regression per output (explicit request,
 * negative sentiment, urgency, and each built-in sensitive topic) over hashed word and character n-grams
 * (features.ts). Weights ship in weights.ts (int8, base64; retrain with scripts/train-escalation/train.ts)
 * and are decoded on first use into a compressed sparse table: scoring a message is one table walk per
 * feature id, no allocation beyond a scratch array. Runs the same in the browser and in Node; no download.
 *
 * Scores depend on the message alone, so they are cached per analysis (analyses of repeated messages are
 * shared by the NLU's cache).
 */
import type { TextAnalysis } from '../../nlu/types';
import { addressFreeAnalysis } from '../addressFree';
import { bigramFrom, bigramLeft, cueFeatures, deviceFlags, featuresOf, MAX_REPEATS, MAX_TOKENS, NEG_SCOPE, negatedWordFeature, opensNegation, ownWordFeatures, type FeatureGroup } from './features';
import { canonicalTokens } from '../canonicalTokens';
import { OUTPUTS, type ClassifierOutput } from './outputs';
import { WEIGHTS } from './weights';

export interface ClassifierModel {
  outputs: readonly ClassifierOutput[];
  bias: Float64Array;
  /** CSR table: entries of bucket b are start[b]..start[b+1]-1 in `out` (output index) and `weight`. */
  start: Int32Array;
  out: Uint8Array;
  weight: Float32Array;
  /** Compressed size of the shipped weights (base64 characters) and the time decoding took (ms, when measured). */
  sizeChars: number;
  /**
   * Session 7: per distinct word, the summed weights (one per output) of the ids the word gives on its own (its unigram
   * and character grams, features.ts ownWordFeatures), filled as words are met; cleared when it holds WORD_CACHE words.
   * Session 11: with the rest of what the word alone decides (WordInfo).
   * Session 12 (speed): the map gives the word's slot (a small integer kept inside the map's own table); the slot's sums
   * and facts are rows of two dense typed arrays (WordTable), not an object and a typed array per word: a word costs one
   * map probe and one or two cache lines instead of a chain of objects spread over the heap.
   */
  wordSums?: Map<string, number>;
  /** Session 12: the rows of the word slots (see wordSums). */
  words?: WordTable;
  /** Session 11: bit b set when bucket b has weights (32 KB): empty buckets, most bigrams, skip the table walk. */
  filled?: Uint32Array;
}

/**
 * What each cached word alone contributes to scoring (session 11, speed; same ids as featuresOf), one row per slot
 * (session 12: dense typed arrays, grown by doubling up to WORD_CACHE rows).
 */
export interface WordTable {
  /** Row r's summed weights per output of the word's unigram and character grams: sums[r * K + k]. */
  sums: Float64Array;
  /** Row r's negation-scope id (features.ts negatedWordFeature), FNV state of a bigram starting with the word
   * (features.ts bigramLeft), features.ts deviceFlags, and 1 when the word opens a negation scope: facts[r * 4 + 0..3]. */
  facts: Int32Array;
  rows: number;
  /**
   * Session 25: row r's character grams that have weights (features.ts charGrams, in order, each once) are
   * grams[gramAt[r] .. gramAt[r + 1]) (gramAt has rows + 1 entries); the scorer counts them per message (MAX_REPEATS).
   */
  gramAt: Int32Array;
  grams: Int32Array;
}

/** Distinct words whose weight sums a model keeps (about 100 bytes each with the key). */
export const WORD_CACHE = 20_000;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeBase64(s: string): Uint8Array {
  const lookup = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) lookup[B64.charCodeAt(i)] = i;
  let pad = 0;
  while (s.endsWith('=', s.length - pad)) pad++;
  const bytes = new Uint8Array(Math.floor((s.length * 3) / 4) - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const a = lookup[s.charCodeAt(i)];
    const b = lookup[s.charCodeAt(i + 1)];
    const c = i + 2 < s.length ? lookup[s.charCodeAt(i + 2)] : -1;
    const d = i + 3 < s.length ? lookup[s.charCodeAt(i + 3)] : -1;
    const n = (a << 18) | (b << 12) | ((c < 0 ? 0 : c) << 6) | (d < 0 ? 0 : d);
    if (o < bytes.length) bytes[o++] = (n >> 16) & 0xff;
    if (o < bytes.length) bytes[o++] = (n >> 8) & 0xff;
    if (o < bytes.length) bytes[o++] = n & 0xff;
  }
  return bytes;
}

/** Decodes the shipped weights (weights.ts format, see the training script) into the scoring table. */
export function decodeModel(w: { hashBits: number; outputs: readonly string[]; bias: readonly number[]; scales: readonly number[]; data: string }): ClassifierModel {
  const size = 1 << w.hashBits;
  const bytes = decodeBase64(w.data);
  let p = 0;
  const varint = () => {
    let n = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[p++];
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
      shift += 7;
    }
  };
  const K = w.outputs.length;
  const buckets: number[][] = [];
  const values: number[][] = [];
  const counts = new Int32Array(size + 1);
  for (let k = 0; k < K; k++) {
    const n = varint();
    const bs: number[] = new Array(n);
    const vs: number[] = new Array(n);
    let prev = 0;
    for (let i = 0; i < n; i++) {
      prev += varint();
      const q = bytes[p++];
      bs[i] = prev;
      vs[i] = (q > 127 ? q - 256 : q) * w.scales[k];
      counts[prev + 1]++;
    }
    buckets.push(bs);
    values.push(vs);
  }
  const start = new Int32Array(size + 1);
  const filled = new Uint32Array((size + 31) >>> 5);
  for (let b = 0; b < size; b++) {
    start[b + 1] = start[b] + counts[b + 1];
    if (counts[b + 1] > 0) filled[b >>> 5] |= 1 << (b & 31);
  }
  const fill = start.slice(0, size);
  const total = start[size];
  const out = new Uint8Array(total);
  const weight = new Float32Array(total);
  for (let k = 0; k < K; k++) {
    const bs = buckets[k];
    const vs = values[k];
    for (let i = 0; i < bs.length; i++) {
      const at = fill[bs[i]]++;
      out[at] = k;
      weight[at] = vs[i];
    }
  }
  return { outputs: w.outputs as readonly ClassifierOutput[], bias: Float64Array.from(w.bias), start, out, weight, sizeChars: w.data.length, filled };
}

let model: ClassifierModel | null = null;

/** The shipped model, decoded on first use. */
export function escalationModel(): ClassifierModel {
  model ??= decodeModel(WEIGHTS);
  return model;
}

/**
 * For the training tools only (scripts/train-escalation): score with other weights (e.g. a model trained on
 * one writer, measured on another) through the same detectors; `null` goes back to the shipped weights.
 * Scores cached under the previous model are dropped.
 */
export function useEscalationModel(w: Parameters<typeof decodeModel>[0] | null): void {
  model = w === null ? null : decodeModel(w);
  cache = new WeakMap();
}

export const OUTPUT_INDEX: Readonly<Record<ClassifierOutput, number>> = Object.fromEntries(OUTPUTS.map((o, i) => [o, i])) as Record<ClassifierOutput, number>;

const scratch: number[] = [];
const wordEnds: number[] = [];
const zs = new Float64Array(OUTPUTS.length);
let perWord = new Float64Array(64 * OUTPUTS.length);
let cache = new WeakMap<TextAnalysis, Float32Array>();

/**
 * Long messages are also read in windows of WINDOW words: a customer who rambles for three sentences and
 * asks for a person at the end is scored on the window with the request, like the short messages the
 * model was trained on, instead of having the request diluted by the background. The message's score per
 * output is the best of the whole message and its windows (cues such as ALL CAPS or emoji count in every
 * window). No allocation per message besides the result (scratch arrays are reused).
 */
export const WINDOW = 12;

/** Adds feature `b`'s weights into perWord at `base` (one slot per output). */
function addWeights(m: ClassifierModel, base: number, b: number): void {
  const { start, out, weight } = m;
  for (let e = start[b], end = start[b + 1]; e < end; e++) perWord[base + out[e]] += weight[e];
}

/** Which buckets hold weights, one bit each (decodeModel fills it; computed here for a model made otherwise). */
function filledOf(m: ClassifierModel): Uint32Array {
  if (m.filled) return m.filled;
  const size = m.start.length - 1;
  const filled = new Uint32Array((size + 31) >>> 5);
  for (let b = 0; b < size; b++) if (m.start[b + 1] > m.start[b]) filled[b >>> 5] |= 1 << (b & 31);
  m.filled = filled;
  return filled;
}

/**
 * The slot of a word's row (its own ids' summed weights, negation id, bigram state, device flags), cached per model.
 * A row stays valid until the next call (a full cache starts over and reuses the rows).
 */
function wordSlotOf(m: ClassifierModel, t: string, K: number): number {
  const cache = (m.wordSums ??= new Map());
  const known = cache.get(t);
  if (known !== undefined) return known;
  if (cache.size >= WORD_CACHE) cache.clear();
  const slot = cache.size;
  let table = m.words;
  if (table === undefined || slot >= table.rows) {
    const rows = Math.min(WORD_CACHE, Math.max(1024, (table?.rows ?? 0) * 2));
    const grown: WordTable = { sums: new Float64Array(rows * K), facts: new Int32Array(rows * 4), rows, gramAt: new Int32Array(rows + 1), grams: table?.grams ?? new Int32Array(rows * 8) };
    if (table !== undefined) {
      grown.sums.set(table.sums);
      grown.facts.set(table.facts);
      grown.gramAt.set(table.gramAt);
    }
    m.words = table = grown;
  }
  const sums = table.sums;
  const base = slot * K;
  for (let k = 0; k < K; k++) sums[base + k] = 0;
  scratch.length = 0;
  ownWordFeatures(t, scratch);
  const { start, out, weight } = m;
  for (let a = 0; a < scratch.length; a++) {
    const b = scratch[a];
    for (let e = start[b], end = start[b + 1]; e < end; e++) sums[base + out[e]] += weight[e];
  }
  // The grams (scratch[1..], after the unigram) that have weights: a gram without any adds nothing, capped or not.
  // A cleared cache starts the gram list over with slot 0.
  const from = slot === 0 ? 0 : table.gramAt[slot];
  let grams = table.grams;
  if (from + scratch.length > grams.length) {
    const more = new Int32Array(Math.max(grams.length * 2, from + scratch.length));
    more.set(grams.subarray(0, from));
    table.grams = grams = more;
  }
  let to = from;
  for (let a = 1; a < scratch.length; a++) if (start[scratch[a] + 1] > start[scratch[a]]) grams[to++] = scratch[a];
  table.gramAt[slot] = from;
  table.gramAt[slot + 1] = to;
  const facts = table.facts;
  facts[slot * 4] = negatedWordFeature(t);
  facts[slot * 4 + 1] = bigramLeft(t);
  facts[slot * 4 + 2] = deviceFlags(t);
  facts[slot * 4 + 3] = opensNegation(t) ? 1 : 0;
  cache.set(t, slot);
  return slot;
}

/** Device flags of the message's words, for cueFeatures (reused scratch). */
const wordFlags: number[] = [];
/** How often each word (by its slot) was met in the message being scored (MAX_REPEATS). */
let wordsSaid = new Uint8Array(1024);
const touched: number[] = [];
/** The word slot of each place of the message being scored. */
let slotAt = new Int32Array(64);
/**
 * Session 25: how often each character gram id was met in the message being scored (MAX_REPEATS). A small open-addressing
 * table, one Int32 per entry: (id + 1) << 12 | message stamp << 2 | times (times at most 3). An entry of another
 * message's stamp counts as empty, so nothing is cleared after a message (the table is zeroed when the 10-bit stamp comes
 * round again). Linear probing from the id's low bits (the ids are hashes already); at most half full, doubled for a
 * message with more distinct grams. (A dense array over all 2^18 ids, or a table emptied after each message, was slower.)
 */
let gramTable = new Int32Array(4096);
let gramStamp = 0;
let gramsInMessage = 0;

/** Starts counting the grams of a new message. */
function newGramCount(): void {
  gramStamp = (gramStamp + 1) & 1023;
  if (gramStamp === 0) {
    gramTable.fill(0);
    gramStamp = 1;
  }
  gramsInMessage = 0;
}

/** One more time for gram `id` in this message: how many times it has now been met (1 the first time, at most 3). */
function gramMet(id: number): number {
  const mask = gramTable.length - 1;
  const key = (id + 1) << 12;
  const stamp = gramStamp << 2;
  let h = id & mask;
  for (;;) {
    const e = gramTable[h];
    if ((e & 0xffc) !== stamp) break;
    if ((e & ~0xfff) === key) {
      const times = e & 3;
      if (times < 3) gramTable[h] = e + 1;
      return times < 3 ? times + 1 : 3;
    }
    h = (h + 1) & mask;
  }
  if (++gramsInMessage * 2 > gramTable.length) return growGramTable(id);
  gramTable[h] = key | stamp | 1;
  return 1;
}

/** A message with more distinct grams than half the table: the table doubles, this message's entries moved over. */
function growGramTable(id: number): number {
  const old = gramTable;
  const stamp = gramStamp << 2;
  gramTable = new Int32Array(old.length * 2);
  const mask = gramTable.length - 1;
  const put = (e: number) => {
    let g = ((e >>> 12) - 1) & mask;
    while (gramTable[g] !== 0) g = (g + 1) & mask;
    gramTable[g] = e;
  };
  for (const e of old) if ((e & 0xffc) === stamp) put(e);
  put(((id + 1) << 12) | stamp | 1);
  return 1;
}

/** Takes feature `b`'s weights out of perWord at `base` (a character gram past MAX_REPEATS in the message). */
function subtractWeights(m: ClassifierModel, base: number, b: number): void {
  const { start, out, weight } = m;
  for (let e = start[b], end = start[b + 1]; e < end; e++) perWord[base + out[e]] -= weight[e];
}

/** How many times the pair at place g (its word and the next) has been met up to g, g included (slotAt filled to g). */
function pairTimes(toks: readonly string[], g: number, slot: number): number {
  let times = 1;
  const next = toks[g + 1];
  for (let j = 0; j < g; j++) if (slotAt[j] === slot && toks[j + 1] === next) times++;
  return times;
}

/**
 * Probability 0..1 per output (in OUTPUTS order) for one message: the same ids as featuresOf (features.ts), summed
 * per word, then per message and per window. Session 7 (speed): a word's own ids (unigram, character grams) come as
 * one cached sum per distinct word (wordSumsOf), so only the context ids (negation scope, bigram) and the cues are
 * hashed and looked up per message: the classifier's cost per message fell by about half on the bench's messages.
 */
export function classifyMessage(analysis: TextAnalysis, m: ClassifierModel = escalationModel()): Float32Array {
  const hit = m === model ? cache.get(analysis) : undefined;
  if (hit) return hit;
  const probs = score(readBy(analysis), m);
  if (m === model) cache.set(analysis, probs);
  return probs;
}

/**
 * Session 41 (newcomer s41 N2): what the classifier reads of a message: without its email addresses and web addresses.
 * "an email someone.with.a.very.long.address@example-company-domain.co.uk" was read word by word ("someone", "very")
 * as fraud at 0.83 and an ordinary first message went to a person. An address is no words of the customer's case.
 * The same object when the message has none (nearly always); otherwise the analysis of the text without them (kept per
 * analysis).
 */
// (Session 42, medical3: the whole policy reads the message address-free, addressFree.ts; the same masking here for the
// classifier's own callers.)
function readBy(analysis: TextAnalysis): TextAnalysis {
  return addressFreeAnalysis(analysis);
}

/**
 * The message perWord (and cueIds / cueGroups) hold the sums of: topContributors reads them for the message just
 * scored (the detectors ask for the words of a signal right after its score) instead of summing again.
 */
let summed: { analysis: TextAnalysis; m: ClassifierModel; words: number; ranked: (string[] | undefined)[] } | null = null;
const cueIds: number[] = [];
const cueGroups: FeatureGroup[] = [];

function score(analysis: TextAnalysis, m: ClassifierModel): Float32Array {
  const toks = canonicalTokens(analysis);
  const words = Math.min(toks.length, MAX_TOKENS);
  const K = m.outputs.length;
  // Sums per word (its own id, negation, bigram and character grams), then per message and per window.
  if (perWord.length < (words + 1) * K) perWord = new Float64Array((words + 1) * K * 2);
  perWord.fill(0, 0, (words + 1) * K);
  let negLeft = 0;
  const filled = filledOf(m);
  wordFlags.length = words;
  // Session 24: a word, and a pair of neighbouring words, counts at most MAX_REPEATS times (features.ts featuresOf).
  // Words are counted by their slot in the word table, one per distinct word: the table is cleared before the message
  // when it could fill up during it, so no slot changes hands within a message. A pair can only be met a third time when
  // its first word is, so pairs are counted only then, by looking back at that word's earlier places (rare: no cost for
  // a message without a word said three times).
  const table = m.wordSums;
  if (table !== undefined && table.size + words > WORD_CACHE) table.clear();
  if (slotAt.length < words) slotAt = new Int32Array(words * 2);
  newGramCount();
  for (let g = 0; g < words; g++) {
    const slot = wordSlotOf(m, toks[g], K);
    slotAt[g] = slot;
    const { sums: own, facts } = m.words!;
    const base = g * K;
    const row = slot * K;
    if (slot >= wordsSaid.length) {
      const grown = new Uint8Array(Math.max(slot + 1, wordsSaid.length * 2));
      grown.set(wordsSaid);
      wordsSaid = grown;
    }
    if (wordsSaid[slot] === 0) touched.push(slot);
    const said = wordsSaid[slot] < 255 ? ++wordsSaid[slot] : 255;
    if (said <= MAX_REPEATS) {
      for (let k = 0; k < K; k++) perWord[base + k] = own[row + k];
      // Session 25: a character gram counts at most MAX_REPEATS times in the message, over all its words (featuresOf).
      const { gramAt, grams } = m.words!;
      const gEnd = gramAt[slot + 1];
      for (let gi = gramAt[slot]; gi < gEnd; gi++) {
        const id = grams[gi];
        if (gramMet(id) > MAX_REPEATS) subtractWeights(m, base, id);
      }
    }
    wordFlags[g] = facts[slot * 4 + 2];
    if (negLeft > 0) {
      if (said <= MAX_REPEATS) addWeights(m, base, facts[slot * 4]);
      negLeft--;
    }
    if (facts[slot * 4 + 3] === 1) negLeft = NEG_SCOPE;
    if (g + 1 < words) {
      // The same id as bigramFeature(word, next word); an empty bucket adds nothing, so it is not walked.
      const b = bigramFrom(facts[slot * 4 + 1], toks[g + 1]);
      if ((filled[b >>> 5] & (1 << (b & 31))) !== 0 && (said <= MAX_REPEATS || pairTimes(toks, g, slot) <= MAX_REPEATS)) addWeights(m, base, b);
    }
  }
  for (let a = 0; a < touched.length; a++) wordsSaid[touched[a]] = 0;
  touched.length = 0;
  // The last slot holds the whole-message cues.
  cueIds.length = 0;
  cueGroups.length = 0;
  cueFeatures(analysis, toks, words, cueIds, cueGroups, wordFlags);
  for (let a = 0; a < cueIds.length; a++) addWeights(m, words * K, cueIds[a]);
  summed = { analysis, m, words, ranked: [] };
  const probs = new Float32Array(K);
  for (let k = 0; k < K; k++) {
    const cues = perWord[words * K + k];
    let all = 0;
    for (let g = 0; g < words; g++) all += perWord[g * K + k];
    let best = all;
    if (words > WINDOW) {
      let win = 0;
      for (let g = 0; g < WINDOW; g++) win += perWord[g * K + k];
      if (win > best) best = win;
      for (let g = WINDOW; g < words; g++) {
        win += perWord[g * K + k] - perWord[(g - WINDOW) * K + k];
        if (win > best) best = win;
      }
    }
    zs[k] = m.bias[k] + best + cues;
    probs[k] = 1 / (1 + Math.exp(-zs[k]));
  }
  return probs;
}

/** The same scores the slow way (featuresOf, one table walk per id), for the tests that hold the fast path to it. */
export function classifyMessageUncached(analysis: TextAnalysis, m: ClassifierModel = escalationModel()): Float32Array {
  const ids = featuresOf(readBy(analysis), [], undefined, wordEnds);
  const K = m.outputs.length;
  const words = wordEnds.length;
  const sums = new Float64Array((words + 1) * K);
  let from = 0;
  for (let g = 0; g <= words; g++) {
    const to = g < words ? wordEnds[g] : ids.length;
    for (let a = from; a < to; a++) {
      const b = ids[a];
      for (let e = m.start[b], end = m.start[b + 1]; e < end; e++) sums[g * K + m.out[e]] += m.weight[e];
    }
    from = to;
  }
  const probs = new Float32Array(K);
  for (let k = 0; k < K; k++) {
    let best = 0;
    for (let g = 0; g < words; g++) best += sums[g * K + k];
    for (let s = 0; words > WINDOW && s + WINDOW <= words; s++) {
      let win = 0;
      for (let g = s; g < s + WINDOW; g++) win += sums[g * K + k];
      if (win > best) best = win;
    }
    probs[k] = 1 / (1 + Math.exp(-(m.bias[k] + best + sums[words * K + k])));
  }
  return probs;
}

/**
 * The words (or cues: "ALL CAPS", an emoji, a masked swear word) that pushed one output up most, best
 * first, for explanations. Only called for a signal that fires, so it may allocate.
 */
export function topContributors(analysis: TextAnalysis, output: ClassifierOutput, limit = 4, m: ClassifierModel = escalationModel()): string[] {
  const k = OUTPUT_INDEX[output];
  analysis = readBy(analysis);
  if (summed === null || summed.analysis !== analysis || summed.m !== m) score(analysis, m);
  // Session 13 (speed): the ranked names of one output are worked out once per message; a detector that asks again
  // (the sensitive topic asks for 64 to test its function words, then its signal for 4) gets a prefix of the same list.
  const ranked = (summed!.ranked[k] ??= rankContributors(analysis, k, m, summed!.words));
  return ranked.slice(0, limit);
}

/** Every word or cue that pushes output k up by more than 0.25, best first (ties in the message's order). */
function rankContributors(analysis: TextAnalysis, k: number, m: ClassifierModel, words: number): string[] {
  const K = m.outputs.length;
  // Per word: the sums the score used (its own ids + negation + bigram), added up by the word's name; then the cues.
  const toks = canonicalTokens(analysis);
  const byName = new Map<string, number>();
  for (let g = 0; g < words; g++) byName.set(toks[g], (byName.get(toks[g]) ?? 0) + perWord[g * K + k]);
  for (const g of cueGroups) {
    let sum = 0;
    for (let a = g.from; a < g.to; a++) {
      const b = cueIds[a];
      for (let e = m.start[b]; e < m.start[b + 1]; e++) if (m.out[e] === k) sum += m.weight[e];
    }
    byName.set(g.name, (byName.get(g.name) ?? 0) + sum);
  }
  return [...byName]
    .filter(([, v]) => v > 0.25)
    .sort((a, b) => b[1] - a[1])
    .map(([name]) => name);
}
