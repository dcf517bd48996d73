/**
 * Session 15 (hostile s15 H#9): at the Rating block, "1 star" / "2 stars" / "one star, useless" are the rating: recorded
 * and thanked, not read as negative sentiment and handed to a person (the unhappiest ratings were missing from CSAT).
 * The conversation-level checks still run on the answer: an explicit request for a person is handed over.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

function atRating() {
  const c = converse(template(), { now: NOW });
  c.say('I want to cancel my order');
  c.say('NW-104233');
  c.say('No, keep it');
  c.say("No, that's all");
  expect(c.botTexts().at(-1)).toMatch(/how would you rate this chat/);
  return c;
}

describe('a low score written with stars is the rating', () => {
  for (const [answer, score] of [['1 star', 1], ['2 stars', 2], ['one star, useless', 1], ['1', 1], ['5 stars', 5]] as const) {
    it(`"${answer}" is recorded as ${score} and thanked; nobody is asked for`, () => {
      const c = atRating();
      const step = c.say(answer);
      expect(step.effects.filter((e) => e.type === 'record_csat')).toEqual([expect.objectContaining({ score })]);
      expect(step.effects.some((e) => e.type === 'handoff_request')).toBe(false);
      expect(step.decision?.action ?? 'none').toBe('none');
      // Session 43 (newcomer s42 N13), changed on purpose: a 1 or 2 gets Northwind's apology and is asked what went
      // wrong (its Rate the chat block's low_rating exit), not the cheery thanks and goodbye a 5 gets.
      if (score <= 2) {
        expect(c.botTexts().join('\n')).toMatch(/I'm sorry this chat didn't go as well/);
        expect(c.botTexts().join('\n')).not.toMatch(/Thank you for your feedback/);
        expect(c.state.waiting?.blockId).toBe('csat_low');
      } else {
        expect(c.botTexts().join('\n')).toMatch(/Thank you for your feedback/);
        expect(c.state.mode).toBe('closed');
      }
    });
  }

  it('an explicit request for a person with the score is still handed over (conversation-level checks run)', () => {
    const c = atRating();
    const step = c.say('1 star, I want to talk to a human');
    expect(step.decision?.signals.map((s) => s.reason)).toContain('explicit_request');
  });
});
