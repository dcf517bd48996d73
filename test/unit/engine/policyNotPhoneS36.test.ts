/**
 * Session 36, hostile s35 F7 (insurance-claims, the policy question "e.g. HM-2231-0457"): a French mobile ("0612345678",
 * "06 12 34 56 78") was stored as the policy number, and the digits of a policy number ("2231 0457" -> HM-2231-0457) as
 * the customer's phone.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../shared/flow/schema';
import { converse } from './harness';

const MON = Date.UTC(2026, 2, 9, 11, 30);
const flow = (): Flow => JSON.parse(readFileSync('flows/insurance-claims.json', 'utf8')) as Flow;

describe('phones and policy numbers at the policy question (hostile s35 F7)', () => {
  it.each(['0612345678', '06 12 34 56 78'])('%j is a phone: no policy number, asked again, the phone kept', (t) => {
    const c = converse(flow(), { now: MON });
    c.say(t);
    expect(c.variables().policyNumber ?? null).toBeNull();
    expect(c.lastBotText()).toMatch(/^Policy numbers look like HM-2231-0457/);
    expect(c.variables().customerPhone).toBe('0612345678');
    c.say('HM-2231-0457');
    expect(c.variables().policyNumber).toBe('HM-2231-0457');
  });
  it('"2231 0457" is the policy HM-2231-0457 and no phone', () => {
    const c = converse(flow(), { now: MON });
    c.say('2231 0457');
    expect(c.variables().policyNumber).toBe('HM-2231-0457');
    expect(c.variables().customerPhone ?? null).toBeNull();
  });
});
