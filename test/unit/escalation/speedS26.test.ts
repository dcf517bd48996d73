/**
 * Session 26 (speed, issue 11): the learned same-request model's per-text and per-pair work was made cheaper with the
 * same answers. Checked here on the labelled and blind sets' messages (every free-text turn), against the code it
 * replaced (copied below as the reference):
 *  - sameRequest/features.gramSetOf: a text whose characters are all under 1024 sorts its packed 3-gram ids as 32-bit
 *    integers; the ids and their order are those of the general path (doubles sorted);
 *  - questionConcepts.conceptOverlap: the typo matching counts without closures, same value for every `atLeast`;
 *  - features.fill reads the subject overlap as 0 when no subject of one equals or is a typo of one of the other (it used
 *    to call conceptOverlap, which finds 0 there): that property is checked on the corpora's concept lists.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { gramSetOf } from '../../../shared/escalation/sameRequest/features';
import { conceptMatches, conceptOverlap, questionConcepts } from '../../../shared/escalation/questionConcepts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const SETS = ['escalation/labelled', 'escalation/heldout', 'escalation-blind/set-a', 'escalation-blind/set-b', 'escalation-blind/set-n'];
const texts: string[] = SETS.flatMap((s) =>
  readFileSync(`${root}test/fixtures/${s}.jsonl`, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .flatMap((l) => (JSON.parse(l) as { turns: string[] }).turns),
);
const normalized = [...new Set(texts.map((t) => analyzeText(t).normalized))];

/** gramSetOf before session 26: every id as a double, sorted as doubles. */
function gramSetBefore(s: string): Float64Array {
  const gram = (a: number, b: number, c: number) => (a < 1024 && b < 1024 && c < 1024 ? (a << 20) | (b << 10) | c : -((a * 65599 + b) * 65599 + c) - 1);
  const n = Math.max(0, s.length - 2);
  const all = new Float64Array(n);
  for (let i = 0; i < n; i++) all[i] = gram(s.charCodeAt(i), s.charCodeAt(i + 1), s.charCodeAt(i + 2));
  all.sort();
  let k = 0;
  for (let i = 0; i < n; i++) if (i === 0 || all[i] !== all[i - 1]) all[k++] = all[i];
  return all.slice(0, k);
}

/** conceptOverlap before session 26 (closures per concept). */
function overlapBefore(a: readonly string[], b: readonly string[], atLeast = 0): number {
  if (a.length === 0 || b.length === 0) return 0;
  const total = a.length + b.length;
  let exact = 0;
  for (const k of a) if (b.includes(k)) exact++;
  const exactDice = (2 * exact) / total;
  if (exactDice >= atLeast && atLeast > 0) return exactDice;
  let looseA = 0;
  for (const k of a) if (k.length >= 5 && !b.includes(k)) looseA++;
  let looseB = 0;
  for (const k of b) if (k.length >= 5 && !a.includes(k)) looseB++;
  if (looseA === 0 || looseB === 0 || (2 * exact + looseA + looseB) / total < atLeast) return exactDice;
  let common = 0;
  for (const k of a) if (b.some((x) => conceptMatches(k, x))) common++;
  let commonB = 0;
  for (const k of b) if (a.some((x) => conceptMatches(k, x))) commonB++;
  return (common + commonB) / total;
}

describe('gramSetOf (session 26: packed ids sorted as 32-bit integers)', () => {
  it('gives the ids, in the order, of sorting them as doubles', () => {
    const sample = normalized.map((t) => ` ${t} `).concat([' café crème ', '  ', '', 'ab', ' aaaa aaaa ', ' 日本語のテキスト ', ' mixed 日本 text ', ' ϗϗϗ ', ' \u03ff\u03ff\u03ff ']);
    let packed = 0;
    for (const s of sample) {
      const now = gramSetOf(s);
      const before = gramSetBefore(s);
      expect(now.length).toBe(before.length);
      for (let i = 0; i < now.length; i++) if (now[i] !== before[i]) expect(`${s}: ${now[i]} at ${i}`).toBe(`${s}: ${before[i]} at ${i}`);
      if (![...s].some((c) => c.charCodeAt(0) >= 1024)) packed++;
    }
    expect(packed).toBeGreaterThan(1000);
  });
});

describe('conceptOverlap (session 26: no closures)', () => {
  const lists = normalized.map((t) => questionConcepts(t)).filter((c) => c.length > 0);
  // Typo partners (5+ letters, a letter apart) so the matching path is taken, not only the exact one.
  const typos = lists.slice(0, 400).map((l) => l.map((c) => (c.length >= 6 ? c.slice(0, 2) + c.slice(3) : c)));
  const pairs: [string[], string[]][] = [];
  for (let i = 0; i + 1 < lists.length && pairs.length < 6000; i++) pairs.push([lists[i], lists[i + 1]]);
  for (let i = 0; i < typos.length; i++) pairs.push([lists[i], typos[i]], [typos[i], lists[(i + 7) % lists.length]]);

  it('answers as before for every threshold', () => {
    let typoPath = 0;
    for (const [a, b] of pairs) {
      for (const atLeast of [0, 0.5, 0.8 - 1e-9]) expect(conceptOverlap(a, b, atLeast)).toBe(overlapBefore(a, b, atLeast));
      if (conceptOverlap(a, b) > 0 && a.some((k) => !b.includes(k) && b.some((x) => conceptMatches(k, x)))) typoPath++;
    }
    expect(typoPath).toBeGreaterThan(50);
  });

  it('is 0 when no concept of one equals or is a typo of one of the other (the shortcut in features.fill)', () => {
    let apart = 0;
    for (const [a, b] of pairs) {
      if (a.some((c) => b.some((x) => x === c || conceptMatches(c, x)))) continue;
      apart++;
      expect(conceptOverlap(a, b)).toBe(0);
    }
    expect(apart).toBeGreaterThan(1000);
  });
});
