/**
 * Session 17: answer readings in questionValidators.ts. A reference read by the shape of the flow's own example
 * (newcomer s16 N#12, s15 N#20 / N#21 rest), an address after a label (s15 N#2), a flat number alone is no address
 * ("Apt 4"), a title before a sentence word ("Dr. Who").
 */
import { describe, expect, it } from 'vitest';
import { addressIn, answerByExample, nameFromAnswer, referenceShapes, validateAnswer } from '../../../shared/engine/questionValidators';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const ORDER = referenceShapes(["What's your order number? It starts with NW and is in your confirmation email (e.g. NW-104233).", 'Order numbers look like NW-104233. Could you check your confirmation email and try again?']);
const POLICY = referenceShapes(['What is your policy number? ... (e.g. HM-2231-0457).', 'Policy numbers look like HM-2231-0457: two letters and eight digits']);
const BOOKING = referenceShapes(['What is your booking reference? It has 6 letters and digits, e.g. K7XQ2P, and is at the top of your confirmation email.']);

describe('a reference by the shape of the flow\'s own example (N#12, s15 N#20/N#21)', () => {
  it('reads the example from the question and retry texts; a date or time example is none', () => {
    expect(ORDER.map((s) => s.example)).toEqual(['NW-104233']);
    expect(POLICY.map((s) => s.example)).toEqual(['HM-2231-0457']);
    expect(BOOKING.map((s) => s.example)).toEqual(['K7XQ2P']);
    expect(referenceShapes(['When does your flight leave? Please type the date and local time, e.g. 2025-07-14T18:45.'])).toEqual([]);
    expect(referenceShapes(['What happened?', undefined])).toEqual([]);
  });
  it('"I think it\'s NW-12" and "NW-12" are asked again (the example has 6 digits); the number is taken out of a sentence', () => {
    expect(answerByExample("I think it's NW-12", ORDER)).toEqual({ ok: false });
    expect(answerByExample('NW-12', ORDER)).toEqual({ ok: false });
    expect(answerByExample("I think it's NW-104233, thanks", ORDER)).toEqual({ ok: true, value: 'NW-104233' });
    expect(answerByExample('nw104233', ORDER)).toEqual({ ok: true, value: 'NW-104233' });
  });
  it('policy and booking references are stored as the example writes them; other answers are left to the block', () => {
    expect(answerByExample('my policy is HM 2231 0457', POLICY)).toEqual({ ok: true, value: 'HM-2231-0457' });
    expect(answerByExample('hm22310457', POLICY)).toEqual({ ok: true, value: 'HM-2231-0457' });
    expect(answerByExample("it's k7xq2p", BOOKING)).toEqual({ ok: true, value: 'K7XQ2P' });
    expect(answerByExample('BOOKED', BOOKING)).toBeNull(); // six letters, no digit
    expect(answerByExample("I don't know it", ORDER)).toBeNull();
    expect(answerByExample('anything', [])).toBeNull();
  });
});

describe('addresses', () => {
  it('an address after a label ("my work: Unit 3, ...") is found (s15 N#2)', () => {
    expect(addressIn('I need to change the address on NW-104233, it should go to my work: Unit 3, Brook Park, Leeds LS9 8AB, thanks')).toBe('Unit 3, Brook Park, Leeds LS9 8AB');
  });
  it('a flat or unit number alone is asked again; with a street or postcode it is an address', () => {
    for (const t of ['Apt 4', 'Unit 3 please', 'Flat 2 Leeds']) expect(validateAnswer('address', t, NOW), t).toEqual({ ok: false });
    for (const t of ['apt 4, 12 High St', 'Flat 2, Rose Court, Leeds', 'Unit 3, Brook Park, Leeds LS9 8AB']) expect(validateAnswer('address', t, NOW).ok, t).toBe(true);
  });
});

describe('names', () => {
  it('"Dr. Who": after a title, capitalised sentence words are the name; without one they still are not', () => {
    expect(nameFromAnswer('Dr. Who')).toBe('Dr. Who');
    expect(nameFromAnswer('Mrs Will')).toBe('Mrs Will');
    expect(nameFromAnswer('who')).toBeNull();
    expect(nameFromAnswer('Dr. idiot')).toBeNull();
  });
});
