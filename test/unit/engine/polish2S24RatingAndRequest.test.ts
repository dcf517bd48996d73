/**
 * Session 24 (polish2): at a Rating (CSAT) prompt, a message that carries a rating AND something else keeps the rating
 * and then acts on the rest.
 * hostile s17 #22 rest: "⭐ get me a human" handed over without recording the score (a star row glued to words was no
 *   score).
 * hostile s18 #11 (first half): a rating beside a cancellation ("5 stars, and cancel order NW-230919", "cancel order
 *   NW-230919, 1 star") recorded the score and said goodbye: the cancellation was lost.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { parseCsat, ratingAndRest } from '../../../shared/engine/parseCsat';
import { shopFlowRatingAfterHandback } from '../../server/runtimeFixtures';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-03-02T10:00:00Z');
const THANKS = 'Thank you for your feedback, and thanks for shopping with Northwind Goods!';

/** Northwind at its rating prompt (an order tracked, "no thanks" at "Anything else?"). */
function atRating() {
  const c = converse(template(), { now: NOW });
  c.say('where is my order NW-230918');
  c.http(true, { status: 'shipped', eta: 'Friday' });
  c.say('no thanks');
  expect(c.lastBotText()).toMatch(/how would you rate this chat/);
  return c;
}
const scores = (c: ReturnType<typeof converse>) => c.effects('record_csat').map((e) => e.score);
const newTexts = (c: ReturnType<typeof converse>, from: number) => c.botTexts().slice(from).join('\n');

describe('a rating with a request beside it', () => {
  it.each([
    ['5 stars, and cancel order NW-230919', 5],
    ['cancel order NW-230919, 1 star', 1],
    ['1 star. cancel my order NW-230919 please', 1],
    ['⭐⭐⭐ cancel order NW-230919', 3],
  ])('"%s": the score is recorded and the cancellation asked about', (line, score) => {
    const c = atRating();
    const before = c.botTexts().length;
    c.say(line);
    expect(scores(c)).toEqual([score]);
    // Session 43 (newcomer s42 N13), changed on purpose: a 1 is answered with the block's apology, not its thanks.
    expect(newTexts(c, before)).toContain(score <= 2 ? "I'm sorry this chat didn't go as well as it should have." : THANKS);
    expect(c.lastBotText()).toBe('Just to check: shall I cancel order NW-230919?');
    expect(c.mode()).toBe('bot');
    expect(c.effects('handoff_request')).toHaveLength(0);
    c.say('yes');
    expect(c.botTexts().join('\n')).toMatch(/NW-230919/);
  });

  it('after the request, the way back to the rating does not ask for it again', () => {
    const c = atRating();
    c.say('5 stars, and cancel order NW-230919');
    c.say('no'); // keep it
    expect(c.lastBotText()).toBe('Anything else I can help with?');
    const before = c.botTexts().length;
    c.say('no thanks');
    expect(c.botTexts().slice(before)).toEqual(['Have a lovely day!']);
    expect(c.mode()).toBe('closed');
    expect(scores(c)).toEqual([5]);
  });

  it('"⭐⭐⭐⭐⭐ where is my order NW-230919": recorded 5, then the order answered', () => {
    const c = atRating();
    c.say('⭐⭐⭐⭐⭐ where is my order NW-230919');
    c.http(true, { status: 'packed', eta: 'Monday' });
    expect(scores(c)).toEqual([5]);
    expect(c.botTexts().join('\n')).toMatch(/Order NW-230919 is packed, expected Monday/);
  });

  it('"⭐ get me a human" at Northwind\'s prompt: recorded 1 and handed over', () => {
    const c = atRating();
    c.say('⭐ get me a human');
    expect(scores(c)).toEqual([1]);
    expect(c.lastBotText()).toMatch(/email address/); // the takeover's first question
  });

  it('"⭐ get me a human" at the Rating after a handback: the handoff and the score, with the agent who held the chat', () => {
    const c = converse(shopFlowRatingAfterHandback(), { now: NOW });
    c.say('I want to talk to a human');
    c.agent.accept('ann', 'Ann');
    c.agent.say('All sorted.', 'ann'); // session 44 (N12): an unanswered hand back does not go to the rating
    c.agent.handback();
    c.say('⭐ get me a human');
    expect(c.lastStep.effects.filter((e) => e.type === 'record_csat')).toMatchObject([{ score: 1, agentId: 'ann' }]);
    expect(c.lastStep.effects.some((e) => e.type === 'handoff_request')).toBe(true);
  });

  it('"1 star" beside a request is the rating, not anger: the policy reads the request alone', () => {
    const c = atRating();
    c.say('cancel order NW-230919, 1 star');
    expect(c.lastStep.decision?.signals.some((s) => s.reason === 'negative_sentiment') ?? false).toBe(false);
  });

  it('a score with a comment or alone ends the chat as before', () => {
    for (const line of ['5 stars!!! great', '4', '4/5, quick answer', '★★★★☆']) {
      const c = atRating();
      const before = c.botTexts().length;
      c.say(line);
      expect(scores(c), line).toHaveLength(1);
      expect(c.mode(), line).toBe('closed');
      expect(newTexts(c, before), line).toMatch(/Have a lovely day!/);
    }
  });

  // Session 24's hostile pass: #5, a digit score first and a request after it kept the request and lost the score (a star
  // row kept both); #2, a score beside a problem the policy hands over on ended the chat on the rating's thanks.
  it.each([
    ['1 get me a human', 1],
    ['5 I want a refund', 5],
    ['1 I was charged twice', 1],
    ['5 but I want a refund', 5],
    ['⭐ my account was hacked', 1],
    ['one star, I was charged twice', 1],
  ])('"%s": the score is recorded and the customer goes to a person', (line, score) => {
    const c = atRating();
    c.say(line);
    expect(scores(c)).toEqual([score]);
    expect(c.mode()).not.toBe('closed');
    expect(c.lastBotText()).toBe('What is your email address, in case we get disconnected?');
  });

  // Session 47 (emerg4, hostile s47 M2; changed on purpose): a product that caught fire is an emergency by itself now, so
  // the customer goes to a person with the 999 line and no email question.
  it('"1 star, the charger caught fire": the score is recorded and the customer goes to a person at once, after the 999 line', () => {
    const c = atRating();
    c.say('1 star, the charger caught fire');
    expect(scores(c)).toEqual([1]);
    expect(c.mode()).not.toBe('closed');
    expect(c.lastBotText()).not.toMatch(/email address/);
  });

  // Session 45 (emerg, hostile s45 H1; changed on purpose): a swallowed magnet is an emergency at once, so the customer
  // goes to a person with the 999 line and no email question.
  it('"1, my son swallowed a magnet": the score is recorded and the customer goes to a person at once', () => {
    const c = atRating();
    c.say('1, my son swallowed a magnet');
    expect(scores(c)).toEqual([1]);
    expect(c.mode()).not.toBe('closed');
    expect(c.botTexts().join(' ')).toMatch(/please call 999 now/);
    expect(c.effects('handoff_request').length).toBeGreaterThan(0);
  });

  it.each([['5 thanks', 5], ['4 🙂', 4], ['2 bye', 2]])('"%s" is the score', (line, score) => {
    const c = atRating();
    c.say(line);
    expect(scores(c)).toEqual([score]);
    expect(c.mode()).toBe('closed');
  });

  it('a leading count is no score: "2 orders are late" is asked for a number as before', () => {
    const c = atRating();
    c.say('2 orders are late');
    expect(scores(c)).toEqual([]);
    expect(c.lastBotText()).toBe('Please pick a number from 1 (bad) to 5 (great).');
  });

  it('ratingAndRest and parseCsat', () => {
    expect(parseCsat('⭐ get me a human')).toBe(1);
    expect(parseCsat('where is my order NW-230919 ⭐⭐⭐⭐⭐')).toBe(5);
    expect(parseCsat('cancel NW-1, 5 ⭐')).toBe(5);
    expect(parseCsat('hello⭐ world')).toBeNull();
    expect(parseCsat('2 stars for the bot, 5 for the agent')).toBeNull();
    expect(ratingAndRest('5 stars, and cancel order NW-230919')).toEqual({ score: 5, rest: 'cancel order NW-230919' });
    expect(ratingAndRest('I give it 4 stars and where is NW-1?')).toEqual({ score: 4, rest: 'where is NW-1?' });
    expect(ratingAndRest('5')).toEqual({ score: 5, rest: '' });
    expect(ratingAndRest('no rating here')).toBeNull();
  });
});
