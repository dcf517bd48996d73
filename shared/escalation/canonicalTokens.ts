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
let recentNext = 0;

/** A new array (never in the ring yet) takes the oldest slot. */
function remember(toks: readonly string[]): void {
  recentToks[recentNext] = toks;
  recentPadded[recentNext] = null;
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

/** The same rewrite for any already-normalised string (used to compile designer phrases). */
export function canonicalizeText(normalized: string): string[] {
  return canonicalizeTokens(normalized.split(' '));
}

function canonicalizeTokens(raw: readonly string[]): string[] {
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
