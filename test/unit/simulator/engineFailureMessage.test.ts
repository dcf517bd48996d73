/**
 * A scenario step the engine throws on is said in words and cut to a bounded length (hostile tester, session 5:
 * `baton test` printed a 99 KB "Invalid regular expression" message). The flow object here is deliberately one
 * the schema would refuse, as an engine bug would behave.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createScenarioSession } from '../../../shared/simulator/scenarioSession';
import { flowSchema } from '../../../shared/flow/schema';

describe('scenario session: an engine failure', () => {
  it('is a failed step with the message cut to 300 characters', () => {
    const flow = flowSchema.parse(JSON.parse(readFileSync('flows/customer-support.json', 'utf8')));
    let armed = false; // the session starts (greeting) first; the customer's text then meets the failure
    Object.defineProperty(flow.escalation, 'neverTrigger', {
      get() {
        if (!armed) return [];
        throw new SyntaxError(`Invalid regular expression: /${'y[^a-z0-9]+'.repeat(9000)}/: Regular expression too large`);
      },
    });
    const s = createScenarioSession(flow, { now: Date.parse('2026-11-24T10:00:00Z') });
    armed = true;
    const r = s.apply({ say: 'where is my order' });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/^the engine failed: Invalid regular expression: /);
    expect(r.error!.length).toBeLessThan(400);
    expect(r.error).toMatch(/… \(\d+ characters\)$/);
  });
});
