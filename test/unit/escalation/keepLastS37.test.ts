/**
 * Session 37 (perf): keepLast (shared/escalation/textMemo.ts) answers a second asking about the same text from its
 * last answer, and reads again for another text; the email checks it wraps answer as their readings do.
 */
import { describe, expect, it } from 'vitest';
import { keepLast } from '../../../shared/escalation/textMemo';
import { declinesEmail } from '../../../shared/engine/questionValidators';
import { asksForAMoment, asksWhyEmail } from '../../../shared/engine/emailNonAnswers';

describe('keepLast', () => {
  it('reads a text once while it is asked about in a row, again after another text', () => {
    const read: string[] = [];
    const f = keepLast((t: string) => (read.push(t), t.length));
    expect([f('abc'), f('abc'), f('de'), f('abc'), f('abc')]).toEqual([3, 3, 2, 3, 3]);
    expect(read).toEqual(['abc', 'de', 'abc']);
  });
  it('keeps a falsy answer and the empty text too', () => {
    let reads = 0;
    const f = keepLast((t: string) => (reads++, t === '' ? null : false));
    expect([f(''), f(''), f('x'), f('x')]).toEqual([null, null, false, false]);
    expect(reads).toBe(2);
  });
  it('the email checks it wraps answer the same asked twice, or after other texts', () => {
    const texts = ['no email', 'I have no email', 'why do you need it?', 'what for', 'wait, let me check', 'one sec', 'hello', 'no thanks', 'ana@x.com', ''];
    const first = texts.map((t) => [declinesEmail(t), asksWhyEmail(t), asksForAMoment(t)]);
    expect(first.map((r) => r.map(Number).join(''))).toEqual(['100', '100', '010', '010', '001', '001', '000', '100', '000', '000']);
    const again = texts.map((t) => [declinesEmail(t), asksWhyEmail(t), asksForAMoment(t)]);
    expect(again).toEqual(first);
    const reversed = [...texts].reverse().map((t) => [declinesEmail(t), asksWhyEmail(t), asksForAMoment(t)]);
    expect(reversed).toEqual([...first].reverse());
  });
});
