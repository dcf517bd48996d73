/**
 * Session 24 (escspeed, issue 11 speed): the shortcuts the detectors now take must answer exactly what the scans they
 * replace answered. Checked on the labelled and blind sets' messages (every free-text turn) and on word lists made to hit
 * the gates' words, so a gate that forgot a word, or a ring entry that kept an old answer, fails here:
 *  - canonicalTokens.hasGateWord (token gates: one pass per message, then bit tests) = `toks.some((t) => set.has(t))`;
 *  - joinedTokens / paddedTokens = `toks.join(' ')` / `' ' + toks.join(' ') + ' '`;
 *  - compileSensitiveTopics.mayHoldKey false => conceptKeySet(stems) holds none of the keys (the sensitive-topic
 *    detector stops before its idioms and key set on such messages).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { canonicalTokens, hasGateWord, inTokenRing, joinedTokens, paddedTokens, tokenGate } from '../../../shared/escalation/canonicalTokens';
import { conceptKeySet, mayHoldKey } from '../../../shared/escalation/compileSensitiveTopics';
import { diceSorted, gramSetOf } from '../../../shared/escalation/sameRequest/features';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const SETS = ['escalation/labelled', 'escalation/heldout', 'escalation-blind/set-a', 'escalation-blind/set-b', 'escalation-blind/set-n'];
const texts: string[] = SETS.flatMap((s) =>
  readFileSync(`${root}test/fixtures/${s}.jsonl`, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .flatMap((l) => (JSON.parse(l) as { turns: string[] }).turns),
);

describe('token gates (canonicalTokens.hasGateWord)', () => {
  const words = new Set(['refund', 'urgent', 'manager', 'not', 'zzyzx']);
  const gate = tokenGate(words);

  it('answers as a scan of the tokens, for a message in the ring and for any other array', () => {
    expect(texts.length).toBeGreaterThan(500);
    let yes = 0;
    for (const [i, text] of texts.entries()) {
      // A fresh analysis (a text seen before shares its analysis, whose tokens may have left the ring of recent ones).
      const toks = canonicalTokens(analyzeText(`${text} ${i}`));
      expect(inTokenRing(toks)).toBe(true);
      const scan = toks.some((t) => words.has(t));
      expect(hasGateWord(toks, gate)).toBe(scan);
      // A copy is not in the ring: scanned, same answer.
      const copy = [...toks];
      expect(inTokenRing(copy)).toBe(false);
      expect(hasGateWord(copy, gate)).toBe(scan);
      if (scan) yes++;
    }
    // Both answers were met (a gate that always said no, or yes, would fail one side).
    expect(yes).toBeGreaterThan(50);
    expect(yes).toBeLessThan(texts.length);
  });

  it('a gate registered after a message was read is answered for that message too (the ring mask is redone)', () => {
    const toks = canonicalTokens(analyzeText('my parcel is a zzyzx and a qqxqq'));
    expect(hasGateWord(toks, gate)).toBe(true);
    const later = tokenGate(new Set(['qqxqq']));
    expect(hasGateWord(toks, later)).toBe(true);
    const none = tokenGate(new Set(['wwvww']));
    expect(hasGateWord(toks, none)).toBe(false);
  });

  it('joinedTokens and paddedTokens are the joins, in the ring and out of it', () => {
    for (const text of texts.slice(0, 400)) {
      const toks = canonicalTokens(analyzeText(text));
      expect(joinedTokens(toks)).toBe(toks.join(' '));
      expect(paddedTokens(toks)).toBe(` ${toks.join(' ')} `);
      expect(joinedTokens(toks)).toBe(toks.join(' '));
      const copy = toks.slice(1);
      expect(joinedTokens(copy)).toBe(copy.join(' '));
    }
    expect(joinedTokens([])).toBe('');
  });
});

describe('compileSensitiveTopics.mayHoldKey', () => {
  it('false only when the key set of the stems holds none of the keys (blanked stems hold fewer)', () => {
    const keys = new Map<string, true>([['~refund', true], ['~charge', true], ['~hack', true], ['~damage', true], ['~fraud', true], ['lost', true]]);
    let no = 0;
    for (const text of texts) {
      const stems = analyzeText(text).stems;
      const present = conceptKeySet(stems, new Set());
      const holds = [...keys.keys()].some((k) => present.has(k));
      if (holds) expect(mayHoldKey(stems, keys)).toBe(true);
      if (!mayHoldKey(stems, keys)) {
        no++;
        expect(holds).toBe(false);
        // Blanking words (idioms, product descriptions) only takes keys away.
        const blanked = stems.map((s, i) => (i % 3 === 0 ? '' : s));
        expect([...keys.keys()].some((k) => conceptKeySet(blanked, new Set()).has(k))).toBe(false);
      }
    }
    expect(no).toBeGreaterThan(100);
  });

  it('a multi-word synonym counts by its first word ("money back" holds ~refund)', () => {
    const stems = analyzeText('i just want my money back please').stems;
    expect(conceptKeySet(stems, new Set()).has('~refund')).toBe(true);
    expect(mayHoldKey(stems, new Map([['~refund', 1]]))).toBe(true);
    expect(mayHoldKey(analyzeText('where is my parcel').stems, new Map([['~refund', 1]]))).toBe(false);
  });
});

describe('sameRequest 3-gram sets (sorted arrays since session 24)', () => {
  it('hold the distinct 3-grams and give the Set dice the learned model was trained with', () => {
    const setOf = (s: string) => new Set([...gramSetOf(s)]);
    const setDice = (a: Set<number>, b: Set<number>) => {
      if (a.size === 0 || b.size === 0) return 0;
      let n = 0;
      for (const x of a) if (b.has(x)) n++;
      return (2 * n) / (a.size + b.size);
    };
    const sample = texts.slice(0, 300).map((t) => ` ${analyzeText(t).normalized} `).concat([' café crème ', '  ', ' aaaa aaaa ', ' 日本語のテキスト ']);
    for (const s of sample) {
      const g = gramSetOf(s);
      // Sorted, distinct, one per different 3 characters.
      for (let i = 1; i < g.length; i++) expect(g[i]).toBeGreaterThan(g[i - 1]);
      const distinct = new Set<string>();
      for (let i = 0; i + 3 <= s.length; i++) distinct.add(s.slice(i, i + 3));
      expect(g.length).toBe(distinct.size);
    }
    let shared = 0;
    for (let i = 0; i + 1 < sample.length; i++) {
      const [a, b] = [sample[i], sample[i + 1]];
      const d = diceSorted(gramSetOf(a), gramSetOf(b));
      expect(d).toBe(setDice(setOf(a), setOf(b)));
      if (d > 0) shared++;
    }
    expect(shared).toBeGreaterThan(100);
  });
});
