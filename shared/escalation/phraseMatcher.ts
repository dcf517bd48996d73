/**
 * Finds fixed word sequences in a token list in one pass. The phrases are compiled into a word-level
 * Aho-Corasick automaton (a trie of the phrases' words with failure links), so a message costs one or two
 * Map look-ups per token however many phrases there are and however long they are.
 *
 * Session 9 (hostile s8 #4): the matcher indexed phrases by their first word and compared every candidate
 * word by word at every token; 600 designer phrases of "a a a ... a b" against a 4,000-character message
 * of "a a a ..." cost (message words x phrases x phrase words), 83-98 ms per message. The automaton reads
 * each token once; only real matches cost more.
 *
 * The answer is the one the old scan gave: the match that starts first, and among matches that start at
 * the same token the phrase listed first.
 */
export interface PhraseHit {
  /** Token index where the phrase starts. */
  at: number;
  phrase: string;
  length: number;
}

export type PhraseMatcher = (toks: readonly string[], from?: number) => PhraseHit | null;

interface State {
  next: Map<string, number>;
  fail: number;
  /** The phrase (index in the designer's list) that ends here, or -1. */
  ends: number;
  /** Nearest state on the failure chain where a phrase ends (-1: none): walked only when a match is possible. */
  out: number;
  depth: number;
}

export function phraseMatcher(phrases: readonly string[]): PhraseMatcher {
  const states: State[] = [{ next: new Map(), fail: 0, ends: -1, out: -1, depth: 0 }];
  const lists: string[][] = [];
  let longest = 0;
  for (const p of phrases) {
    const words = p.trim().split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) continue;
    const id = lists.length;
    lists.push(words);
    longest = Math.max(longest, words.length);
    let s = 0;
    for (const w of words) {
      let to = states[s].next.get(w);
      if (to === undefined) {
        to = states.length;
        states.push({ next: new Map(), fail: 0, ends: -1, out: -1, depth: states[s].depth + 1 });
        states[s].next.set(w, to);
      }
      s = to;
    }
    // A phrase listed twice: the first one is the answer.
    if (states[s].ends === -1) states[s].ends = id;
  }
  if (lists.length === 0) return () => null;
  // Failure links breadth first: the longest proper suffix of a state's words that is also a prefix of a phrase.
  const queue: number[] = [];
  for (const to of states[0].next.values()) queue.push(to);
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q];
    for (const [w, to] of states[s].next) {
      let f = states[s].fail;
      while (f !== 0 && !states[f].next.has(w)) f = states[f].fail;
      const g = states[f].next.get(w);
      states[to].fail = g !== undefined && g !== to ? g : 0;
      const fs = states[states[to].fail];
      states[to].out = fs.ends !== -1 ? states[to].fail : fs.out;
      queue.push(to);
    }
  }
  return (toks, from = 0) => {
    let s = 0;
    let bestAt = Infinity;
    let bestId = -1;
    let bestLen = 0;
    for (let i = from; i < toks.length; i++) {
      // No match ending here or later can start before the best one found.
      if (bestId !== -1 && i - longest + 1 > bestAt) break;
      const w = toks[i];
      let to = states[s].next.get(w);
      while (to === undefined && s !== 0) {
        s = states[s].fail;
        to = states[s].next.get(w);
      }
      s = to ?? 0;
      for (let o = states[s].ends !== -1 ? s : states[s].out; o !== -1; o = states[o].out) {
        const st = states[o];
        const at = i - st.depth + 1;
        if (at < bestAt || (at === bestAt && st.ends < bestId)) {
          bestAt = at;
          bestId = st.ends;
          bestLen = st.depth;
        }
      }
    }
    return bestId === -1 ? null : { at: bestAt, phrase: lists[bestId].join(' '), length: bestLen };
  };
}
