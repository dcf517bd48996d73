// Session 43 (perf, issue 8): the explicit-request detector folds an ASCII sentence in one pass (foldAscii) instead of
// three patterns; the same sentence text and word count as the patterns, on every sentence of the sets and the corpus
// and on random ASCII strings.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldAscii, lastFoldedWords } from '../../../shared/escalation/detectors/detectExplicitRequest';

/** Session 42's fold of an ASCII part, and its word count. */
const byPatterns = (part: string) => {
  const norm = part.toLowerCase().replace(/['\u2019]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
  return { norm, words: norm === '' ? 0 : norm.split(' ').length };
};
/** foldAscii's answer and its word count, read the way partsAsSentences reads them. */
const folded = (part: string) => {
  const norm = foldAscii(part);
  return { norm, words: lastFoldedWords() };
};

describe('explicit request: one-pass ASCII fold (session 43)', () => {
  it('folds every ASCII sentence of the labelled and blind sets, the corpus and the flows as the patterns do', () => {
    const parts: string[] = [];
    const read = (dir: URL, keep: (f: string) => boolean) => {
      for (const f of readdirSync(dir)) if (keep(f)) for (const p of readFileSync(new URL(f, dir), 'utf8').split(/[.!?;\n,]+/)) if (!/[^\x00-\x7f]/.test(p)) parts.push(p);
    };
    read(new URL('../../fixtures/escalation/', import.meta.url), (f) => f.endsWith('.jsonl'));
    read(new URL('../../fixtures/escalation-blind/', import.meta.url), (f) => f.endsWith('.jsonl'));
    read(new URL('../../fixtures/escalation-corpus/', import.meta.url), () => true);
    read(new URL('../../../flows/', import.meta.url), (f) => f.endsWith('.json'));
    expect(parts.length).toBeGreaterThan(10_000);
    for (const p of parts) expect(folded(p), p).toEqual(byPatterns(p));
  });

  it('folds random ASCII strings (apostrophes, spaces, punctuation, control characters, capitals) as the patterns do', () => {
    const alphabet = "aAzZ09 b'\t\r\u000b\u000c-_/\\\"`~@#$%^&*()[]{}<>|+=:xQ ";
    let seed = 43;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let n = 0; n < 20_000; n++) {
      let s = '';
      const len = next() % 24;
      for (let i = 0; i < len; i++) s += alphabet[next() % alphabet.length];
      expect(folded(s), JSON.stringify(s)).toEqual(byPatterns(s));
    }
    expect(foldAscii("  Don't  -- CALL me ' now!! ")).toBe('dont call me now');
    expect(foldAscii("''  ,")).toBe('');
  });
});
