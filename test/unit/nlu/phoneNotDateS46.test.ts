// Session 46 (details6, hostile s46 M3): a date written with spaces or a number named as an account / order reference
// beside "no email" became the customer's phone ("the team will contact you on 12032026"). Those are no phone entity;
// real phone numbers still are. Wordings of both lists written before the change; the last list held out, after.
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../../shared/nlu/entities';

const phones = (t: string) => extractEntities(t).filter((e) => e.type === 'phone').map((e) => e.value);

describe('no phone in a date or a named reference (hostile s46 M3)', () => {
  it.each([
    'no email, my order is 104233 from 12 03 2026',
    'no email, my account number is 12345678',
    'it was delivered 2026 03 12',
    'account no. 1234 5678',
    'my membership number: 87654321',
    'booked on 3 4 2026',
  ])('%j has no phone', (t) => {
    expect(phones(t)).toEqual([]);
  });
  it.each([
    ['no email, call me on 07700 900123', '07700900123'],
    ['no email, 07700900123', '07700900123'],
    ['my phone number is 07700 900123', '07700900123'],
    ['+44 20 7946 0958', '+442079460958'],
    ['my number is 0161 496 0000', '01614960000'],
  ])('%j is the phone %s', (t, p) => {
    expect(phones(t)).toEqual([p]);
  });
});
