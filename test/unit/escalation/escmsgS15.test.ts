/**
 * escmsg, session 15 (issue 11): message-level readings by structure, in wordings of my own (not corpus lines). Each test
 * is what a customer would notice: a complaint handed over as one, or an ordinary message left with the bot.
 */
import { describe, expect, it } from 'vitest';
import { decide, reasonOf } from './support/supportFlowPlay';
import { statusSaidSince } from '../../../shared/escalation/customerVerdict';
import { findDeadline } from '../../../shared/escalation/deadlines';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';

const deadlineIn = (t: string) => findDeadline(canonicalTokens(analyzeText(t)), Date.parse('2026-11-24T10:00:00Z'), 'Europe/London', 168);

describe("the shop's own status quoted back with how long it has said so, asking nothing, is a complaint", () => {
  it.each([
    `"dispatched" since the 3rd. lovely stuff`,
    `tracking still says 'awaiting collection' for nine days. ok then`,
    `Parcel's been "with the courier" since last Tuesday. Just saying.`,
    `“Preparing your order” for 2 weeks now`,
  ])('%j is negative sentiment', (t) => {
    const d = decide(t);
    expect(d.reason).toBe('negative_sentiment');
    expect(d.explanation).toMatch(/status quoted back with how long it has said so/);
  });
  it('counts after a tracking question too', () => {
    expect(reasonOf('where is NW-100200', `"out for delivery" since Friday. cheers`)).toBe('negative_sentiment');
  });
  it.each([
    `it says 'processing' since Monday, does that mean the payment failed?`,
    `The status is "label created" for 3 days, can you check please`,
    `it has said "in transit" for four days, when should it move`,
    `it says 'delivered' since I was out, the neighbour has it`,
    `it's been in transit since monday, we'll see`,
    `my son's "magic castle" set for 5 years and up arrived, thanks`,
  ])('%j is not read as a quoted status against time', (t) => {
    expect(statusSaidSince(t)).toBeNull();
  });
  it('a question about such a status stays with the bot', () => {
    expect(reasonOf(`my order says 'processing' since Monday, is that normal?`)).not.toBe('negative_sentiment');
  });
});

describe('an event said to be at a time is a deadline even inside a story told in the past', () => {
  it.each([
    `I ordered the balloons and paid extra and it was sent on Monday. The party is at 3pm this Saturday.`,
    `Bought a suit from you, tried it on, returned it for the bigger size. My interview's on Thursday morning.`,
  ])('%j is urgency', (t) => {
    expect(reasonOf(t)).toBe('urgency');
  });
  it('names the event\'s time as the deadline', () => {
    expect(deadlineIn(`I ordered the balloons and paid extra and it was sent on Monday. The party is at 3pm this Saturday.`)?.words).toBe('at 3pm this saturday');
  });
  it.each([
    `I ordered the balloons and paid extra and it was sent on Monday, it came on Wednesday and the party was lovely`,
    `I ordered the balloons and paid and it was sent. the party was on Saturday and it came late`,
    `I ordered the balloons, it was sent on Monday and it arrived on Wednesday`,
  ])('%j names no deadline (the event and the times are past)', (t) => {
    expect(deadlineIn(t)).toBeNull();
  });
});
