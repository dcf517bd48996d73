/**
 * Session 42 (perf): backsOut, refusesAPerson, emailRefusedThen and emailAnswer keep their last answer (a ticket's email
 * question asks them of one message twice). The kept answer must be the one for that text (and for backsOut, that
 * bareCancel; for emailAnswer, those flow addresses), whatever was asked before.
 */
import { describe, expect, it } from 'vitest';
import { backsOut, emailRefusedThen, refusesAPerson } from '../../../shared/engine/backOut';
import { emailAnswer } from '../../../shared/engine/questionValidators';

const TEXTS = [
  'cancel',
  'never mind',
  'no person please',
  'not now thanks, bye',
  "I don't have one, just a human please",
  'kim@example.com',
  'support@northwind.example',
  'old@x.com is not mine, use new@y.com',
  'a@x.com or b@y.com',
  'where is my order?',
  '',
];

/** Every reader's answers, asked in `order`, by text. */
function answers(order: readonly string[]): Map<string, unknown[]> {
  const own = { addresses: new Set(['support@northwind.example']), domains: new Set(['northwind.example']) };
  const out = new Map<string, unknown[]>();
  for (const t of order) {
    out.set(t, [backsOut(t), backsOut(t, false), backsOut(t), refusesAPerson(t), emailRefusedThen(t), emailAnswer(t), emailAnswer(t, own), emailAnswer(t)]);
  }
  return out;
}

describe('session 42: the last answer kept by the ticket email readers', () => {
  it('answers each text the same in any order, each variant its own', () => {
    const forward = answers(TEXTS);
    const backward = answers([...TEXTS].reverse());
    const twice = answers(TEXTS.flatMap((t) => [t, t]));
    for (const t of TEXTS) {
      expect(backward.get(t), t).toEqual(forward.get(t));
      expect(twice.get(t), t).toEqual(forward.get(t));
    }
  });

  it('keeps the variants apart: a bare "cancel" withdraws only where a bare cancel counts, the flow\'s own address is no answer', () => {
    expect(backsOut('cancel')).toBe(true);
    expect(backsOut('cancel', false)).toBe(false);
    expect(backsOut('cancel')).toBe(true);
    const own = { addresses: new Set(['support@northwind.example']), domains: new Set(['northwind.example']) };
    expect(emailAnswer('support@northwind.example').ok).toBe(true);
    expect(emailAnswer('support@northwind.example', own).ok).toBe(false);
    expect(emailAnswer('support@northwind.example').ok).toBe(true);
    expect(refusesAPerson('no person please')).toBe(true);
    expect(emailRefusedThen('no person please')).toBe(null);
    expect(emailRefusedThen('not now thanks, bye')).toBe('goodbye');
  });
});
