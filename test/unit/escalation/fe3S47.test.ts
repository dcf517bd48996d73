/**
 * Session 47 (fe3, issue 11): a short correction made of clauses, "not" and a thing in one, the thing wanted in another
 * ("material. not size", "jersey. not the uk mainland", "company invoice, not receipt for person"): a loop at the second
 * asking, like the correction that opens with "no" / "not" (detectLoop clauseContrast, contrastCorrection). The set
 * (test/fixtures/escalation-fe3/s47.jsonl) was written by this helper: the "dev" rows before the code, the "heldout" rows
 * after it and not tuned to; played on the support flow. Counts are floors (a change that loses one fails).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLoop } from '../../../shared/escalation/detectors/detectLoop';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';
import { facts, memory, policy } from './facts';

interface Row { id: string; kind: string; split: string; voice: string; expect: string; turns: string[] }
const rows: Row[] = readFileSync('test/fixtures/escalation-fe3/s47.jsonl', 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const flow = loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow!;
const NOW = Date.parse('2026-11-24T10:00:00Z');
/** Whether a row ends as written: a loop at its last message, or no handover at all. */
function asExpected(row: Row): boolean {
  const p = playConversation(flow, row.id, row.turns, NOW);
  return row.expect === 'none' ? p.escalation === null : p.escalation?.reason === row.expect && p.escalation.turn === row.turns.length - 1;
}
const count = (kind: string, split: string, expect: string) => {
  const of = rows.filter((r) => r.kind === kind && r.split === split && r.expect === expect);
  return [of.filter(asExpected).length, of.length];
};

describe('a short contrast correction is a loop at the second asking (clauseContrast)', () => {
  it('the set has both splits, five voices, loops and near misses', () => {
    const contrast = rows.filter((r) => r.kind === 'contrast');
    expect(contrast.filter((r) => r.split === 'dev')).toHaveLength(24);
    expect(contrast.filter((r) => r.split === 'heldout')).toHaveLength(20);
    expect(contrast.filter((r) => r.split === 'dev2')).toHaveLength(6);
    expect(contrast.filter((r) => r.split === 'heldout2')).toHaveLength(12);
    expect(new Set(contrast.map((r) => r.voice))).toEqual(new Set(['terse', 'polite', 'non-native', 'sarcastic', 'rambling']));
  });

  it.each([
    ['c-dev-01'], ['c-dev-02'], ['c-dev-03'], ['c-dev-04'], ['c-dev-05'], ['c-dev-07'], ['c-dev-08'], ['c-dev-09'], ['c-dev-10'], ['c-dev-11'], ['c-dev-12'],
  ])('%s (written before the code) is a loop at its correction', (id) => {
    const row = rows.find((r) => r.id === id)!;
    expect(asExpected(row)).toBe(true);
  });

  it('dev rows: loops 11/12 (the miss: "the brackets ..., not the whole shelf again", the shelf named in the first asking), near misses 9/12', () => {
    // Near misses missed, not by this rule: c-dev-14 urgency (a day asked about is read as a deadline), c-dev-16 and
    // c-dev-24 the correction that opens with "not" (contrastCorrection, as before this session: it asks no link).
    expect(count('contrast', 'dev', 'loop')).toEqual([11, 12]);
    expect(count('contrast', 'dev', 'none')[0]).toBeGreaterThanOrEqual(9);
  });

  it('held-out rows (written after the code): loops at least 8/12 (main 0/12), near misses 8/8', () => {
    // 9/12 when first read; then escloopS8's "the blue jacket, not the black one" (a detail, session 8) added the "one"
    // guard, which also stops c-held-12 ("VAT receipt, not the normal one"). Misses: c-held-07, -08, -09 (the thing
    // negated shares a word with the first asking: "wood material, not the size of table" after "the table ...").
    expect(count('contrast', 'heldout', 'loop')[0]).toBeGreaterThanOrEqual(8);
    expect(count('contrast', 'heldout', 'none')).toEqual([8, 8]);
  });
});

describe('a "not" after an acknowledgement, or after "it\'s", corrects nothing (contrastCorrection)', () => {
  // dev2: written before the change (main: 0/5 near misses, the correction 1/1); heldout2: written after it.
  it('dev2: near misses 5/5 (main 0/5: "ok so not free. how much then", "No worries if not, it\'s not a big deal."), "ok no, not the socks" still a loop', () => {
    expect(count('contrast', 'dev2', 'none')).toEqual([5, 5]);
    expect(count('contrast', 'dev2', 'loop')).toEqual([1, 1]);
  });
  it('heldout2: near misses at least 6/8 (main 1/8; the two left are urgency on "on sunday" and the lexicon twice), corrections 4/4', () => {
    expect(count('contrast', 'heldout2', 'none')[0]).toBeGreaterThanOrEqual(6);
    expect(count('contrast', 'heldout2', 'loop')).toEqual([4, 4]);
  });
});

describe('three askings of one shop question in words that share nothing (measured, no rule kept)', () => {
  // The learned same-request model links few of these (docs/escalation.md, "Session 47 (fe3)"): floors of today's reading.
  it('dev: loops at least 1/10, near misses at least 9/10; held out: loops at least 8/10, near misses at least 9/10', () => {
    expect(count('restated3', 'dev', 'loop')[0]).toBeGreaterThanOrEqual(1);
    expect(count('restated3', 'dev', 'none')[0]).toBeGreaterThanOrEqual(9);
    expect(count('restated3', 'heldout', 'loop')[0]).toBeGreaterThanOrEqual(8);
    expect(count('restated3', 'heldout', 'none')[0]).toBeGreaterThanOrEqual(9);
  });
});

describe('the contrast reader, detector level', () => {
  const loopPolicy = policy();
  const after = (recent: string[]) => memory({ fallbacksInRow: 1, recent });
  const read = (text: string, recent: string[]) => detectLoop(facts(text, { fallback: true, turn: 2 }), loopPolicy, after(recent));

  it.each([
    ['material. not size', ['is the duvet cover cotton']],
    ['not size, material', ['please the blanket is it 100 wool or mix']],
    ['PO box address, not street', ['could you deliver to a po box']],
    ['ireland. not uk', ['how much delivery to ireland']],
  ] as const)('%j after %j is the customer correcting the bot', (text, recent) => {
    expect(read(text, [...recent])?.explanation).toContain('answered something else');
  });

  it.each([
    // The thing negated is the customer's own earlier word: they put their own words right.
    ['Wednesday, not Tuesday, if that is possible', ['can the delivery come on tuesday']],
    ['the green one, not the blue one', ['i ordered the blue throw can i add a gift note']],
    // A spelling put right, a condition, an answer taken first, a slip.
    ['how much do I have to spend for free delivery? not deliverance lol', ['do you do free delivery over a certain amount']],
    ['ok. if not free i will collect', ['how much is delivery']],
    ['great. not bad at all', ['can i pay with klarna']],
    ['sorry, size 4 not 3', ['do you have the lamp shade in size 3']],
    // The negation ends with its clause: "if not" negates nothing, so "saturday" is no second word of it.
    ['not a problem if not, saturday is fine', ['do you deliver on sundays']],
    // What is wanted is not what was asked about.
    ['nothing fancy, just not too thin', ['do you sell door mats']],
    // "one" stands for the thing wanted: two values of it, a detail (escloopS8).
    ['the blue jacket, not the black one', ['can i return the jacket']],
  ] as const)('%j after %j is no correction', (text, recent) => {
    expect(read(text, [...recent])).toBeNull();
  });

  it('needs an earlier asking, and at most 14 words', () => {
    expect(read('material. not size', [])).toBeNull();
    expect(read('the material of the duvet cover, not the size, is what I would like to know about today please', ['is the duvet cover cotton'])).toBeNull();
  });
});
