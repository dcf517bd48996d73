/**
 * The token list every text detector reads: `analysis.normalized` split on spaces, with contractions and
 * texting spelled out the same way whatever the NLU layer did with apostrophes ("dont", "don t" and
 * "don't" all become "do not"). One shape means each detector's patterns are written once.
 *
 * Cached per analysis object (a WeakMap), because several detectors read the same message.
 */
import type { TextAnalysis } from '../nlu/types';

/** Whole-token rewrites: texting and contractions written without an apostrophe. */
const WHOLE = new Map<string, string[]>(Object.entries({
  dont: ['do', 'not'],
  doesnt: ['does', 'not'],
  didnt: ['did', 'not'],
  cant: ['can', 'not'],
  cannot: ['can', 'not'],
  couldnt: ['could', 'not'],
  wont: ['will', 'not'],
  wouldnt: ['would', 'not'],
  shouldnt: ['should', 'not'],
  isnt: ['is', 'not'],
  arent: ['are', 'not'],
  wasnt: ['was', 'not'],
  werent: ['were', 'not'],
  havent: ['have', 'not'],
  hasnt: ['has', 'not'],
  aint: ['is', 'not'],
  im: ['i', 'am'],
  ive: ['i', 'have'],
  youre: ['you', 'are'],
  youve: ['you', 'have'],
  thats: ['that', 'is'],
  whats: ['what', 'is'],
  theres: ['there', 'is'],
  wanna: ['want', 'to'],
  gonna: ['going', 'to'],
  gotta: ['got', 'to'],
  lemme: ['let', 'me'],
  gimme: ['give', 'me'],
  u: ['you'],
  ur: ['your'],
  pls: ['please'],
  plz: ['please'],
  pleease: ['please'],
  ppl: ['people'],
  rn: ['right', 'now'],
  thx: ['thanks'],
}));

/** Stems left behind when an apostrophe became a space: "don t" -> "do not". */
const BEFORE_T = new Map<string, string>(Object.entries({
  don: 'do',
  doesn: 'does',
  didn: 'did',
  can: 'can',
  couldn: 'could',
  won: 'will',
  wouldn: 'would',
  shouldn: 'should',
  isn: 'is',
  aren: 'are',
  wasn: 'was',
  weren: 'were',
  haven: 'have',
  hasn: 'has',
  ain: 'is',
}));
const SUFFIX = new Map<string, string>(Object.entries({ s: 'is', m: 'am', re: 'are', ve: 'have', d: 'would', ll: 'will' }));
const PRONOUNS = new Set(['i', 'you', 'we', 'they', 'he', 'she', 'it', 'that', 'what', 'there', 'here', 'who']);

const cache = new WeakMap<TextAnalysis, string[]>();
/**
 * Session 13 (speed): the token arrays canonicalTokens returned most recently (a message's and its sentences'), in a
 * small ring compared by identity (no weak map: its entries cost the collector per message). The padded line kept for
 * such an array stays valid because nobody changes it; any other array is joined afresh, since a caller's own array may
 * change between calls.
 */
const RECENT = 8;
const recentToks: (readonly string[] | null)[] = new Array<readonly string[] | null>(RECENT).fill(null);
const recentPadded: (string | null)[] = new Array<string | null>(RECENT).fill(null);
const recentJoined: (string | null)[] = new Array<string | null>(RECENT).fill(null);
let recentNext = 0;

/** A new array (never in the ring yet) takes the oldest slot. */
function remember(toks: readonly string[]): void {
  recentToks[recentNext] = toks;
  recentPadded[recentNext] = null;
  recentJoined[recentNext] = null;
  recentGateCount[recentNext] = -1;
  recentNext = (recentNext + 1) % RECENT;
}

export function canonicalTokens(analysis: TextAnalysis): string[] {
  const hit = cache.get(analysis);
  // (Only new arrays enter the ring: canonicalTokens is asked a hundred times per message and must stay a look-up.)
  if (hit) return hit;
  // `tokens` is `normalized` split on spaces already: no second split per message.
  const out = canonicalizeTokens(analysis.tokens);
  cache.set(analysis, out);
  remember(out);
  return out;
}

/**
 * `' ' + toks.join(' ') + ' '`: the line the detectors' patterns run on (every word between spaces). For a message's
 * canonical tokens the same string is returned on every call (the detectors ask for it a dozen times per message).
 */
export function paddedTokens(toks: readonly string[]): string {
  for (let slot = 0; slot < RECENT; slot++) if (recentToks[slot] === toks) return (recentPadded[slot] ??= ` ${toks.join(' ')} `);
  return ` ${toks.join(' ')} `;
}

/**
 * `toks.join(' ')` (no padding). Session 24 (speed): for an array in the ring above (a message's canonical tokens) it is
 * the padded line without its two spaces, made once per message (several detectors' patterns read the unpadded line).
 */
export function joinedTokens(toks: readonly string[]): string {
  for (let slot = 0; slot < RECENT; slot++) {
    if (recentToks[slot] === toks) return (recentJoined[slot] ??= (recentPadded[slot] ??= ` ${toks.join(' ')} `).slice(1, -1));
  }
  return toks.join(' ');
}

/**
 * Session 24 (speed, issue 11): word gates. A detector asks "does the message have a word of this set?" (a reading runs
 * its patterns only then) a dozen times per message, each a scan of every token. A module's fixed set is registered once
 * as a gate (`tokenGate`); for a message's canonical tokens (an array in the ring above) one pass sets a bit per gate its
 * words are in, and every question after that is a bit test. `hasGateWord(toks, gate)` is exactly
 * `toks.some((t) => gate.words.has(t))` for any array (one not in the ring is scanned as before).
 */
export interface TokenGate {
  readonly words: ReadonlySet<string>;
  /** Which of the 32-bit mask words (GATE_WORDS of them), and the bit in it. */
  readonly word: number;
  readonly bit: number;
}
/**
 * Session 44 (medical5): three 32-bit mask words (96 gates); the 64 of two were all taken. Per word of a message, the bits
 * of the gates it is in, one number per mask word.
 */
const GATE_WORDS = 3;
const GATE_BITS_OF_WORD = new Map<string, Int32Array>();
let gates = 0;
/** Registers a fixed set of words as a gate (module level only: at most 96 gates). */
export function tokenGate(words: ReadonlySet<string>): TokenGate {
  if (gates >= GATE_WORDS * 32) throw new Error(`canonicalTokens.ts: more than ${GATE_WORDS * 32} token gates; widen the gate mask (GATE_WORDS) before adding one.`);
  const word = gates >> 5;
  const bit = 1 << (gates & 31);
  gates++;
  for (const w of words) {
    let bits = GATE_BITS_OF_WORD.get(w);
    if (bits === undefined) GATE_BITS_OF_WORD.set(w, (bits = new Int32Array(GATE_WORDS)));
    bits[word] |= bit;
  }
  return { words, word, bit };
}
/** The ring's gate masks (GATE_WORDS per slot), and how many gates there were when each was made (a gate registered later makes it stale). */
const recentGateMask = new Int32Array(RECENT * GATE_WORDS);
const recentGateCount = new Int32Array(RECENT).fill(-1);
/** Whether `toks` is in the ring (a message's canonical tokens): its gates are bit tests. */
export function inTokenRing(toks: readonly string[]): boolean {
  for (let slot = 0; slot < RECENT; slot++) if (recentToks[slot] === toks) return true;
  return false;
}
export function hasGateWord(toks: readonly string[], gate: TokenGate): boolean {
  for (let slot = 0; slot < RECENT; slot++) {
    if (recentToks[slot] !== toks) continue;
    const base = slot * GATE_WORDS;
    if (recentGateCount[slot] !== gates) {
      recentGateMask.fill(0, base, base + GATE_WORDS);
      for (let i = 0; i < toks.length; i++) {
        const bits = GATE_BITS_OF_WORD.get(toks[i]);
        if (bits !== undefined) for (let w = 0; w < GATE_WORDS; w++) recentGateMask[base + w] |= bits[w];
      }
      recentGateCount[slot] = gates;
    }
    return (recentGateMask[base + gate.word] & gate.bit) !== 0;
  }
  for (let i = 0; i < toks.length; i++) if (gate.words.has(toks[i])) return true;
  return false;
}

/** The same rewrite for any already-normalised string (used to compile designer phrases). */
export function canonicalizeText(normalized: string): string[] {
  return canonicalizeTokens(normalized.split(' '));
}

export function canonicalizeTokens(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    let tok = raw[i];
    if (tok === '') continue;
    if (tok.includes("'")) {
      // Some normalisers keep apostrophes; fold "don't" into "dont" and reuse the table.
      const folded = tok.replace(/'/g, '');
      if (WHOLE.has(folded)) tok = folded;
      else if (tok.endsWith("'s")) tok = tok.slice(0, -2);
      else tok = folded;
    }
    const whole = WHOLE.get(tok);
    if (whole) {
      for (const w of whole) out.push(w);
      continue;
    }
    const next = raw[i + 1];
    const base = next === 't' ? BEFORE_T.get(tok) : undefined;
    if (base !== undefined) {
      out.push(base, 'not');
      i++;
      continue;
    }
    // (Every suffix is one or two letters: a longer next word is not looked up.)
    const suffix = next === undefined || next.length > 2 ? undefined : SUFFIX.get(next);
    if (suffix !== undefined && PRONOUNS.has(tok)) {
      out.push(tok, suffix);
      i++;
      continue;
    }
    out.push(tok);
  }
  return out;
}
