/**
 * Session 17 (fixengine), the Rating block:
 * H#7 (hostile s16) "I give it 1 star", "I'd give it 1 star", "just 1 star", "１ star" were no score ("I give it 1 star"
 *     was handed over as public shaming); two scores for different things are none (asked for a number).
 * H#17 rest: a rating that also asks for a person hands over with the request as the key message, not the score and
 *     the comment about the rated colleague.
 */
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { atRating } from './ratingFixture';
import { shopFlowRatingAfterHandback } from '../../server/runtimeFixtures';
import { parseCsat } from '../../../shared/engine/parseCsat';

const NOW = Date.parse('2026-11-30T10:00:00Z');

describe('H#7: a score after words that say it is one', () => {
  it.each([
    ['I give it 1 star', 1], ["I'd give it 1 star", 1], ['just 1 star', 1], ['１ star', 1], ['I would give you 2 stars', 2],
    ['a solid 4/5', 4], ['my rating: 3 stars', 3], ['it was 5 stars', 5], ['1 star', 1], ['4/5, quick answer', 4],
  ])('parseCsat("%s") = %i', (text, score) => expect(parseCsat(text as string)).toBe(score));

  it.each(['5 stars for the agent but 1 for the wait', '1 star for the bot, 5 for the people', 'I give it 5 days', 'I give up', '5 days late'])('parseCsat("%s") is no score', (text) => {
    expect(parseCsat(text)).toBeNull();
  });

  it.each(['I give it 1 star', "I'd give it 1 star", 'just 1 star'])('"%s" at the Rating block is recorded, not handed over', (line) => {
    const c = atRating();
    c.say(line);
    expect(c.lastStep.effects.filter((e) => e.type === 'record_csat')).toMatchObject([{ score: 1 }]);
    expect(c.lastStep.effects.some((e) => e.type === 'handoff_request')).toBe(false);
  });
});

describe('H#17 rest: the key message of a rating that asks for a person', () => {
  it('is the request, not the score and the comment about the colleague', () => {
    const c = atRating();
    c.say('1 star, Ann was rude zqxprivate. I want a manager');
    expect(c.lastStep.effects.filter((e) => e.type === 'record_csat')).toHaveLength(1);
    const h = c.lastStep.effects.find((e) => e.type === 'handoff_request') as { context: { summary: string } } | undefined;
    expect(h).toBeDefined();
    expect(h!.context.summary).toContain('Key message: "I want a manager"');
    expect(h!.context.summary).not.toMatch(/zqxprivate|1 star/);
  });

  it('a request that is not a rating keeps its whole text as the key message', () => {
    const c = converse(shopFlowRatingAfterHandback(), { now: NOW });
    c.say('this is useless, I want to talk to a human now');
    const h = c.lastStep.effects.find((e) => e.type === 'handoff_request') as { context: { summary: string } } | undefined;
    expect(h!.context.summary).toContain('Key message: "this is useless, I want to talk to a human now"');
  });
});
