/**
 * Session 9 (escpair), issue 11: the learned same-request model (shared/escalation/sameRequest) and its path in
 * detectLoop: a third asking the model links to two earlier questions is a loop, with each link's score in the
 * explanation; askings that name different values in one slot, share only the order, or that a hand-built request family
 * tells apart are never linked; the designer's exact-repeats setting switches it off.
 */
import { describe, it, expect } from 'vitest';
import { detectLoop, useLearnedLoop } from '../../../shared/escalation/detectors/detectLoop';
import { askedAgainByModel, sameRequestScore, SAME_REQUEST_THRESHOLD } from '../../../shared/escalation/sameRequest/sameRequest';
import { namesDifferentValue, sharesOnlyTheOrder } from '../../../shared/escalation/sameRequest/features';
import { facts, memory, policy } from './facts';

const norm = (t: string) => facts(t).analysis.normalized;
function loopAt(turns: string[], fallback = false, similarity?: number) {
  const earlier = turns.slice(0, -1).map(norm);
  const p = policy();
  if (similarity !== undefined) p.loop = { ...p.loop, similarity };
  return detectLoop(facts(turns[turns.length - 1], { fallback }), p, memory({ recent: earlier }));
}

describe('the pair score', () => {
  it('scores a rewording of the same request above an unrelated question, and is a probability', () => {
    const same = sameRequestScore(norm('can you deliver to a parcel locker'), norm('locker delivery possible?'), 1, true);
    const other = sameRequestScore(norm('do you take paypal'), norm('locker delivery possible?'), 1, true);
    expect(same).toBeGreaterThan(other);
    for (const s of [same, other]) expect(s >= 0 && s <= 1).toBe(true);
    expect(other).toBeLessThan(SAME_REQUEST_THRESHOLD);
  });

  it('is deterministic and does not depend on what was scored before', () => {
    const a = sameRequestScore(norm('how long does shipping to wales take'), norm('wales delivery time please'), 2, false);
    sameRequestScore(norm('x y z'), norm('a b c'), 1, true);
    expect(sameRequestScore(norm('how long does shipping to wales take'), norm('wales delivery time please'), 2, false)).toBe(a);
  });
});

describe('slot guards: two askings naming different values are two questions whatever the model says', () => {
  it('different order references, or one thing swapped for another', () => {
    expect(namesDifferentValue(norm('where is order 30001'), norm('where is order 30003'))).toBe(true);
    expect(namesDifferentValue(norm('are you open on saturday'), norm('are you open on monday'))).toBe(true);
    expect(namesDifferentValue(norm('is the oak chair in stock'), norm('is the oak table in stock'))).toBe(true);
    expect(namesDifferentValue(norm('do you deliver to guernsey'), norm('lovely so guernsey do you deliver there'))).toBe(false);
  });
  it('sharing only the order, or a number with nothing asked about it', () => {
    expect(sharesOnlyTheOrder(norm('can I change the address on 40210'), norm('is 40210 paid'))).toBe(true);
    expect(sharesOnlyTheOrder(norm('order number NW-131207'), norm('cancel NW-131207 please'))).toBe(true);
    expect(sharesOnlyTheOrder(norm('cancel order 131207'), norm('please cancel 131207 now'))).toBe(false);
  });
  it('never links guarded pairs, however many earlier questions there are', () => {
    const recent = ['are you open on saturday', 'are you open on sunday', 'are you open on tuesday'].map(norm);
    expect(askedAgainByModel(norm('are you open on monday'), recent, true, 2)).toBeNull();
  });
});

describe('detectLoop: the learned path', () => {
  it('a third asking in words the concept rules do not link is a loop, explained with each link\'s score', () => {
    const turns = ['does the mug set come with 4 or 6?', 'how many mugs are in the set', 'mug set how many pieces'];
    // The rules alone: not a loop (concept overlap under the similarity, no chain, no request family).
    useLearnedLoop(false);
    try {
      expect(loopAt(turns, true)).toBeNull();
    } finally {
      useLearnedLoop(true);
    }
    const s = loopAt(turns, true);
    // Not a rule path: the explanation names the model and gives two scores at or above the threshold.
    expect(s?.reason).toBe('loop');
    expect(s?.explanation).toMatch(/learned same-request model/);
    const scores = [...(s?.explanation ?? '').matchAll(/, (0\.\d\d|1\.00)\)/g)].map((m) => Number(m[1]));
    expect(scores.length).toBe(2);
    for (const x of scores) expect(x).toBeGreaterThanOrEqual(Math.floor(SAME_REQUEST_THRESHOLD * 100) / 100);
    expect(s?.evidence).toHaveLength(3);
  });

  it('needs two earlier askings: the second asking alone is not a loop', () => {
    expect(loopAt(['how many mugs are in the set', 'mug set how many pieces'], true)).toBeNull();
  });

  it('is off when the designer counts exact repeats only (similarity 1)', () => {
    const turns = ['does the mug set come with 4 or 6?', 'how many mugs are in the set', 'mug set how many pieces'];
    expect(loopAt(turns, true, 1)).toBeNull();
  });

  it('does not link three different questions about one area or three values of one slot', () => {
    expect(loopAt(['can I return sale items?', 'do I need the receipt to return something?', 'can I return it in a store instead of by post?'])).toBeNull();
    expect(loopAt(['do you ship to France', 'do you ship to Spain', 'do you ship to Italy'], true)).toBeNull();
    expect(loopAt(['do you ship to Ireland', 'how much is it', 'how long does it take'], true)).toBeNull();
  });
});
