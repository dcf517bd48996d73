/**
 * escmsg, session 15 (issue 11): message-level readings by structure, in wordings of my own (not corpus lines). Each test
 * is what a customer would notice: a complaint handed over as one, or an ordinary message left with the bot.
 */
import { describe, expect, it } from 'vitest';
import { decide, reasonOf } from './support/supportFlowPlay';
import { flatFailures, statusSaidSince } from '../../../shared/escalation/customerVerdict';
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

describe('failures told as a list of short flat facts, asking nothing, are negative', () => {
  it('says so in the explanation when nothing else reads it', () => {
    expect(decide(`Ordered the 2nd. Told it is the depot. Then nothing.`).explanation).toMatch(/failures told as a list of short flat facts, asking nothing \("Then nothing"\)/);
  });
  it.each([
    `Paid on the 2nd. Three chats. Two emails. Still no parcel.`,
    `Ten days. No box. No reply. Nobody rings back.`,
    `Courier came. Left nothing. Card says delivered.`,
    `ordered monday. nae tracking. nae reply.`,
  ])('%j is negative sentiment', (t) => {
    expect(flatFailures(t)).not.toBeNull();
    expect(decide(t).reason).toBe('negative_sentiment');
  });
  it.each([
    `No. The blue one. Size 10.`,
    `No, the other order. The lamp. NW-100200`,
    `Order no. NW-100200. Size 8. Colour red.`,
    `No rush. Just the lamp. Whenever suits.`,
    `Ten days. No box. No refund. Is that normal?`,
    `error 0x80070005. app version 2.0.1. no idea`,
    `hi there, the parcel came today and nothing was missing, all good, thanks so much`,
  ])('%j is not read as a list of failures', (t) => {
    expect(flatFailures(t)).toBeNull();
  });
});
