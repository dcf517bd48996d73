/**
 * Hostile s38 H5 (high): "sorry, wrong email, it is bob2@example.com" typed at the out-of-hours ticket's issue question
 * became the ticket's issue and the ticket went to the old address. The takeover's reason question did the same.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from './harness';

const SATURDAY = Date.parse('2026-03-07T13:30:00Z');
const MONDAY = Date.parse('2026-03-09T11:30:00Z');
const load = (f: string) => loadFlowText(readFileSync(`flows/${f}.json`, 'utf8')).flow!;
const effects = (c: ReturnType<typeof converse>) => c.steps.flatMap((s) => s.effects);

describe('an email corrected at the next question', () => {
  it('the ticket (out of hours): the address is replaced and said back, the issue asked again, the ticket goes to the new one', () => {
    const c = converse(load('customer-support'), { now: SATURDAY });
    c.say('can I speak to someone please');
    c.say('bob@example.com');
    const n = c.botTexts().length;
    c.say('sorry, wrong email, it is bob2@example.com');
    expect(c.botTexts().slice(n)).toEqual(["Thanks, I'll use bob2@example.com.", 'What should our team help you with?']);
    expect(effects(c).some((e) => e.type === 'create_ticket')).toBe(false);
    c.say('my parcel never came');
    const t = effects(c).find((e) => e.type === 'create_ticket');
    expect(t).toMatchObject({ contact: { email: 'bob2@example.com' }, issue: 'my parcel never came' });
    expect(c.variables().customerEmail).toBe('bob2@example.com');
  });

  it("the takeover's reason question: the same, and the handoff carries the new address", () => {
    const c = converse(load('insurance-claims'), { now: MONDAY });
    c.say('HM-2231-0457');
    c.say('4');
    c.say('ann@example.com');
    const n = c.botTexts().length;
    c.say('oops, should be ann2@example.com');
    expect(c.botTexts().slice(n)).toEqual(["Thanks, I'll use ann2@example.com.", 'In a few words, what do you need help with?']);
    c.say('water damage in the kitchen');
    expect(c.variables()).toMatchObject({ customerEmail: 'ann2@example.com', handoffReason: 'water damage in the kitchen' });
  });

  it('an issue that names an address is still the issue; the same address again changes nothing', () => {
    const c = converse(load('customer-support'), { now: SATURDAY });
    c.say('can I speak to someone please');
    c.say('bob@example.com');
    c.say('my order confirmation went to old@example.com but the parcel never arrived at my house');
    expect(c.variables().customerEmail).toBe('bob@example.com');
    expect(effects(c).some((e) => e.type === 'create_ticket')).toBe(true);
    const d = converse(load('customer-support'), { now: SATURDAY });
    d.say('can I speak to someone please');
    d.say('bob@example.com');
    d.say('sorry, it is bob@example.com');
    expect(d.botTexts().join(' ')).not.toMatch(/I'll use/);
  });
});
