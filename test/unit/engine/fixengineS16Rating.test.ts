/**
 * Session 16 (fixengine): review debt (b), the customer's answer to a Rating block is marked in the transcript
 * (`rating: true`, typed or clicked) so the runtime can hide it from agents who may not see that rating without reading
 * csat records; hostile s15 H#9 rest, "1 star, get me a human" hands over AND records the score, for the agent who held
 * the chat.
 */
import { describe, expect, it } from 'vitest';
import { atRating } from './ratingFixture';
import { parseConversationState } from '../../../shared/engine/conversationStateSchema';

describe('(b) the rating answer is marked in the transcript', () => {
  it('a typed score: its customer entry has rating: true, the others none', () => {
    const c = atRating();
    c.say('4');
    const customer = c.transcript().filter((e) => e.from === 'customer');
    expect(customer[customer.length - 1]).toMatchObject({ text: '4', rating: true });
    expect(customer.slice(0, -1).every((e) => e.rating === undefined)).toBe(true);
    expect(c.lastStep.transcript.find((e) => e.from === 'customer')?.rating).toBe(true);
  });

  it('a clicked score is marked too; a message that is no score is not', () => {
    const c = atRating();
    c.click(c.lastButtons()[4].id);
    expect(c.transcript().filter((e) => e.from === 'customer').pop()?.rating).toBe(true);
    const d = atRating();
    d.say('where is my order?');
    expect(d.transcript().filter((e) => e.from === 'customer').pop()?.rating).toBeUndefined();
  });

  it('states load with and without the mark; anything but true is refused', () => {
    const c = atRating();
    c.say('4');
    const saved = JSON.parse(JSON.stringify(c.state));
    expect(parseConversationState(saved).ok).toBe(true);
    const old = { ...saved, recentTranscript: saved.recentTranscript.map(({ rating, ...e }: { rating?: true }) => e) };
    expect(parseConversationState(old).ok).toBe(true);
    const bad = { ...saved, recentTranscript: saved.recentTranscript.map((e: object) => ({ ...e, rating: 'yes' })) };
    expect(parseConversationState(bad).ok).toBe(false);
  });
});

describe('H#9 rest: "1 star, get me a human" at the Rating block', () => {
  it('hands over and records the score, named for the agent who held the chat', () => {
    const c = atRating();
    c.say('1 star, get me a human');
    const rec = c.lastStep.effects.filter((e) => e.type === 'record_csat');
    expect(rec).toHaveLength(1);
    expect(rec[0]).toMatchObject({ score: 1, agentId: 'ann', agentName: 'Ann' });
    expect(c.lastStep.effects.some((e) => e.type === 'handoff_request')).toBe(true);
    expect(c.transcript().filter((e) => e.from === 'customer').pop()?.rating).toBe(true);
  });

  it('a plain score is recorded once, without the agent in the effect (the runtime reads it from the state)', () => {
    const c = atRating();
    c.say('1 star');
    const rec = c.lastStep.effects.filter((e) => e.type === 'record_csat');
    expect(rec).toHaveLength(1);
    expect(rec[0]).not.toHaveProperty('agentId');
    expect(c.lastStep.effects.some((e) => e.type === 'handoff_request')).toBe(false);
  });
});
