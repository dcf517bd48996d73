/**
 * Session 17 (fixengine), hostile s17:
 * H#7  "yes, cancel it. Actually don't" cancelled; "yes cancel it... actually no", "cancel it. never mind, keep it"
 *      asked "Which order?": a later clause after "actually" / "sorry" / "oh" or "never mind" takes the yes back.
 * H#31 "👍" / "sure, why not" asked "Which order?"; "👎" was handed over as negative sentiment.
 * H#22 a score in a clause of its own anywhere ("get me a human, 1 star", "I give it a 1. Now get me a human") is the
 *      rating, recorded when the message hands over.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { parseCsat } from '../../../shared/engine/parseCsat';
import { shopFlowRatingAfterHandback } from '../../server/runtimeFixtures';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-12-02T11:00:00Z');

function atConfirmation() {
  const c = converse(template(), { now: NOW });
  c.say('cancel order NW-230918');
  expect(c.lastBotText()).toBe('Just to check: shall I cancel order NW-230918?');
  return c;
}
const cancelled = (c: ReturnType<typeof converse>) => c.botTexts().some((t) => /stop order/.test(t));

describe('H#7: a yes taken back after "actually" or "never mind"', () => {
  it.each(["yes, cancel it. Actually don't", 'yes cancel it... actually no', 'cancel it. never mind, keep it', 'yes, cancel it. oh wait, no'])('"%s" cancels nothing and never asks for another order', (line) => {
    const c = atConfirmation();
    c.say(line);
    expect(cancelled(c)).toBe(false);
    expect(c.botTexts().join('\n')).not.toMatch(/Which order would you like to cancel/);
  });

  it.each(['yes, cancel it. Actually, thanks', 'yes please, sorry for the trouble', 'yes, cancel it'])('"%s" still cancels', (line) => {
    const c = atConfirmation();
    c.say(line);
    expect(cancelled(c)).toBe(true);
  });
});

describe('H#31: emoji and "sure, why not" at the confirmation', () => {
  it.each(['👍', '👍🏽', '✅', 'sure, why not'])('"%s" cancels', (line) => {
    const c = atConfirmation();
    c.say(line);
    expect(cancelled(c)).toBe(true);
    expect(c.effects('handoff_request')).toHaveLength(0);
  });

  it('"👎" keeps the order and is not handed over', () => {
    const c = atConfirmation();
    c.say('👎');
    expect(cancelled(c)).toBe(false);
    expect(c.botTexts().join('\n')).toMatch(/NW-230918 stays as it is/);
    expect(c.effects('handoff_request')).toHaveLength(0);
  });

  it('"🙂" alone is no answer (asked for the order as before, not cancelled)', () => {
    const c = atConfirmation();
    c.say('🙂');
    expect(cancelled(c)).toBe(false);
  });
});

describe('H#22: a score in a clause of its own', () => {
  it('parseCsat finds it anywhere, once', () => {
    expect(parseCsat('get me a human, 1 star')).toBe(1);
    expect(parseCsat('I give it a 1. Now get me a human')).toBe(1);
    expect(parseCsat('2 stars for the bot, 5 for the agent')).toBeNull();
    expect(parseCsat('I have 2 orders, 3 items')).toBeNull();
    expect(parseCsat('I give it a go')).toBeNull();
  });

  it('"get me a human, 1 star" at the Rating block hands over and records the score', () => {
    const c = converse(shopFlowRatingAfterHandback(), { now: NOW });
    c.say('I want to talk to a human');
    c.agent.accept('ann', 'Ann');
    c.agent.say('All sorted.', 'ann'); // session 44 (N12): an unanswered hand back does not go to the rating
    c.agent.handback();
    c.say('get me a human, 1 star');
    expect(c.lastStep.effects.filter((e) => e.type === 'record_csat')).toMatchObject([{ score: 1, agentId: 'ann' }]);
    expect(c.lastStep.effects.some((e) => e.type === 'handoff_request')).toBe(true);
  });
});
