/**
 * Session 46 (lead, retest-conv s46 H1): "Wow, brilliant." at lead-gen's work-email question named the customer "Wow"
 * ("Thanks, Wow."): details5 refused a reaction as a name at the takeover's name question only; nameFromAnswer, which
 * every question that reads a name uses, now refuses a message that is only courtesy or an exclamation.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../shared/flow/schema';
import { nameFromAnswer } from '../../../shared/engine/questionValidators';
import { converse } from './harness';

const leadGen = (): Flow => JSON.parse(readFileSync('flows/lead-gen.json', 'utf8')) as Flow;

describe('a reaction is no name (retest-conv s46 H1)', () => {
  for (const t of ['Wow, brilliant.', 'Oh great. Thanks.', 'great, just great', 'oh fantastic', 'Thanks, great.']) {
    it(`"${t}" at lead-gen's email question: no name, the email asked again`, () => {
      const c = converse(leadGen(), { now: Date.UTC(2026, 2, 9, 11, 30) });
      c.say('about 300');
      c.say('yes');
      c.say(t);
      expect(c.lastBotText()).not.toMatch(/^Thanks, /);
      expect(c.state.variables.customerName ?? null).toBeNull();
    });
  }
  it('names still read: "Sam Taylor", "Brilliant Smith", "Amazing Grace"', () => {
    expect(nameFromAnswer('Sam Taylor')).toBe('Sam Taylor');
    expect(nameFromAnswer('Brilliant Smith')).toBe('Brilliant Smith');
    expect(nameFromAnswer('Amazing Grace')).toBe('Amazing Grace');
    const c = converse(leadGen(), { now: Date.UTC(2026, 2, 9, 11, 30) });
    c.say('about 300');
    c.say('yes');
    c.say('Sam Taylor');
    expect(c.state.variables.customerName).toBe('Sam Taylor');
  });
});
