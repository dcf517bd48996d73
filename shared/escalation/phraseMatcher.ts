/**
 * Finds fixed word sequences in a token list in one pass: phrases are indexed by their first word, so a
 * message costs one Map look-up per token however many phrases there are (a `String.includes` per phrase
 * cost ~0.3 µs each on long messages).
 */
export interface PhraseHit {
  /** Token index where the phrase starts. */
  at: number;
  phrase: string;
  length: number;
}

export type PhraseMatcher = (toks: readonly string[], from?: number) => PhraseHit | null;

export function phraseMatcher(phrases: readonly string[]): PhraseMatcher {
  const byFirst = new Map<string, string[][]>();
  for (const p of phrases) {
    const words = p.trim().split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) continue;
    const list = byFirst.get(words[0]) ?? [];
    list.push(words);
    byFirst.set(words[0], list);
  }
  return (toks, from = 0) => {
    for (let i = from; i < toks.length; i++) {
      const candidates = byFirst.get(toks[i]);
      if (candidates === undefined) continue;
      for (const words of candidates) {
        let ok = i + words.length <= toks.length;
        for (let k = 1; k < words.length && ok; k++) ok = toks[i + k] === words[k];
        if (ok) return { at: i, phrase: words.join(' '), length: words.length };
      }
    }
    return null;
  };
}
