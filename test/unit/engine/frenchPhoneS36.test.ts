/**
 * Session 36, hostile s35 F6 (HIGH, insurance-claims): French numbers in their usual written form ("+33 6 12 34 56 78",
 * "0033 6 12 34 56 78", "+33 (0)6 12 34 56 78") were read from the "12" on: the callback ticket carried "12345678", a
 * number that does not exist, while the out-of-hours message promised "an advisor will call you back".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../shared/flow/schema';
import { extractEntities } from '../../../shared/nlu/entities';
import { converse } from './harness';

const SAT = Date.UTC(2026, 2, 7, 13, 30);
const phones = (t: string) => extractEntities(t).filter((e) => e.type === 'phone').map((e) => e.value);

describe('international numbers with a one-digit first group or a trunk (0) (hostile s35 F6)', () => {
  it.each([
    ['call me on +33 6 12 34 56 78', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0044 7700 900123', '+447700900123'],
  ])('%j -> %s', (t, v) => expect(phones(t)).toEqual([v]));
  it.each([
    ['+33612345678', '+33612345678'],
    ['+33 612 345 678', '+33612345678'],
    ['+44 7700 900123', '+447700900123'],
    ['06 12 34 56 78', '0612345678'],
    ['(020) 7946 0958', '02079460958'],
  ])('unchanged: %j -> %s', (t, v) => expect(phones(t)).toEqual([v]));

  it('the callback ticket carries the whole number', () => {
    const c = converse(JSON.parse(readFileSync('flows/insurance-claims.json', 'utf8')) as Flow, { now: SAT });
    // Session 41 (travel2, hostile s41 M7): Harbor Mutual asks the call-back number before the ticket's email question,
    // so the number is the contact's phone (the ticket's issue no longer has to carry it).
    for (const m of ['HM-2231-0457', 'I want to speak to an advisor', 'call me on +33 6 12 34 56 78', "I don't have an email", 'my car was hit in a car park']) c.say(m);
    const t = c.effects('create_ticket');
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({ contact: { phone: '+33612345678' } });
  });
});
