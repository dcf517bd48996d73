/**
 * Session 10 (escloop): the loop detector's speed work must not change what it decides. The memo that keeps what each
 * kept question is about (TextMemo) keeps a conversation's questions while other conversations' texts come and go, and
 * stays bounded; the typo match, the pair guards and the learned score give the same answers as written out in full.
 */
import { describe, expect, it } from 'vitest';
import { TextMemo } from '../../../shared/escalation/textMemo';
import { conceptMatches, conceptOverlap, questionConcepts } from '../../../shared/escalation/questionConcepts';
import { editRatio } from '../../../shared/nlu/editDistance';
import { askedAgainByModel, sameRequestScore, SAME_REQUEST_THRESHOLD } from '../../../shared/escalation/sameRequest/sameRequest';
import { namesDifferentValue, sharesOnlyTheOrder } from '../../../shared/escalation/sameRequest/features';
import { normalizeText } from '../../../shared/nlu/normalizeText';

const norm = (t: string) => normalizeText(t);

describe('TextMemo keeps what is used and stays bounded', () => {
  it('a text looked up regularly survives many other texts; a text never used again is dropped', () => {
    const memo = new TextMemo<number>(100);
    memo.set('where is my parcel', 1);
    memo.set('one-off question', 2);
    for (let i = 0; i < 1000; i++) {
      memo.set(`other conversation ${i}`, i);
      if (i % 50 === 0) expect(memo.get('where is my parcel')).toBe(1);
    }
    expect(memo.get('where is my parcel')).toBe(1);
    expect(memo.get('one-off question')).toBeUndefined();
    expect(memo.size).toBeLessThanOrEqual(200);
  });

  it('keeps a null answer as an answer (a question of no known kind is not worked out again)', () => {
    const memo = new TextMemo<string | null>(10);
    memo.set('sale start date', null);
    expect(memo.get('sale start date')).toBeNull();
    expect(memo.get('never seen')).toBeUndefined();
  });
});

describe('typo matching of concepts is the edit-ratio rule, with or without the quick bound', () => {
  const pairs: [string, string][] = [
    ['bitcoin', 'bitcion'], ['refund', 'refnud'], ['delivery', 'delivary'], ['exchange', 'exchnge'], ['address', 'adress'],
    ['paypal', 'klarna'], ['saturday', 'sunday'], ['warranty', 'warrant'], ['30001', '30003'], ['jumper', 'jumpers'],
    ['voucher', 'vouchers'], ['collect', 'connect'], ['parcel', 'pencil'], ['cancel', 'canceled'], ['receipt', 'recipe'],
  ];
  it.each(pairs)('%s / %s', (a, b) => {
    const expected = a === b || (a.length >= 5 && b.length >= 5 && Math.abs(a.length - b.length) <= 2 && !/\d/.test(a) && !/\d/.test(b) && editRatio(a, b) >= 0.75);
    expect(conceptMatches(a, b)).toBe(expected);
    expect(conceptMatches(b, a)).toBe(expected);
  });
  it('a typo still lifts the overlap of two askings ("bitcion" / "bitcoin")', () => {
    const a = questionConcepts(norm('can i pay with bitcoin'));
    const b = questionConcepts(norm('do you accept bitcion payments'));
    expect(conceptOverlap(a, b)).toBeGreaterThan(0.5);
  });
});

describe('the learned path links and guards as before', () => {
  it('one request asked again in other words is linked; three questions about different things are not', () => {
    const recent = [norm('how long does shipping to wales take'), norm('delivery time to wales?')];
    const links = askedAgainByModel(norm('wales delivery time please'), recent, false, 2);
    expect(links?.length).toBe(2);
    expect(links!.every((l) => l.score >= SAME_REQUEST_THRESHOLD)).toBe(true);
    expect(askedAgainByModel(norm('do you have gift wrap'), [norm('do you ship to spain'), norm('is there a student discount')], true, 2)).toBeNull();
  });
  it('the guards hold: different orders, one thing swapped, only the order in common', () => {
    expect(namesDifferentValue(norm('where is order 30001'), norm('where is order 30003'))).toBe(true);
    expect(namesDifferentValue(norm('is the oak chair in stock'), norm('is the oak table in stock'))).toBe(true);
    expect(namesDifferentValue(norm('do you deliver to guernsey'), norm('lovely so guernsey do you deliver there'))).toBe(false);
    expect(sharesOnlyTheOrder(norm('can I change the address on 40210'), norm('is 40210 paid'))).toBe(true);
    expect(askedAgainByModel(norm('where is order 30005'), [norm('where is order 30001'), norm('where is order 30003')], true, 2)).toBeNull();
  });
  it('the score of a pair does not depend on what was scored before it', () => {
    const first = sameRequestScore(norm('can you deliver to a parcel locker'), norm('locker delivery possible?'), 1, true);
    for (let i = 0; i < 50; i++) askedAgainByModel(norm(`question number ${i} about socks`), [norm('where are my socks'), norm(`socks ${i}`)], false, 2);
    expect(sameRequestScore(norm('can you deliver to a parcel locker'), norm('locker delivery possible?'), 1, true)).toBe(first);
  });
});
