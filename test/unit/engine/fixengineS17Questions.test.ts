/**
 * Session 17 (fixengine), questions:
 * N#1 (newcomer s16) Harbor Mutual / Skyline Air answered a first "I don't have it with me" with their retry line "If
 *     you don't have it to hand, just say so": an answer that says the customer does not have or know the value takes
 *     the block's fallback at once; an undecided one ("not sure") is asked again first, as before.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const flow = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}`, import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-12-02T11:00:00Z');

describe('N#1: "I don\'t have it" at a reference question', () => {
  it.each(["I don't have it with me", "I don't have it to hand", 'no idea', "can't find it", "I don't know it", 'dont have it'])('Harbor Mutual: "%s" goes on without the policy number at once', (line) => {
    const c = converse(flow('insurance-claims.json'), { now: NOW });
    c.say(line);
    const said = c.botTexts().join('\n');
    expect(said).not.toMatch(/just say so/);
    expect(said).toMatch(/an advisor can find your policy/);
    expect(c.variables().policyNumber ?? null).toBeNull();
  });

  it('Harbor Mutual: "not sure" is asked again once (they may still find it); a policy number is taken', () => {
    const c = converse(flow('insurance-claims.json'), { now: NOW });
    c.say('not sure');
    expect(c.lastBotText()).toMatch(/Policy numbers look like HM-2231-0457/);
    c.say('HM-2231-0457');
    expect(c.variables().policyNumber).toBe('HM-2231-0457');
  });

  it('Skyline Air: "I don\'t have my booking reference" is not told to say so', () => {
    const c = converse(flow('travel-urgency.json'), { now: NOW });
    const asked = c.botTexts().join('\n');
    if (!/booking reference/.test(asked)) c.say('I need to change my flight');
    expect(c.botTexts().join('\n')).toMatch(/What is your booking reference/);
    const before = c.botTexts().length;
    c.say("I don't have my booking reference");
    const after = c.botTexts().slice(before).join('\n');
    expect(after).not.toMatch(/just say so/);
    expect(c.variables().bookingRef ?? null).toBeNull();
  });
});
