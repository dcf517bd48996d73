/**
 * escmsg, session 12 (issue 11): message-level reasons by family, in wordings of my own (not corpus lines). Each test is
 * what a customer would notice: an ordinary message that is not handed over, or a real case that still is.
 */
import { describe, expect, it } from 'vitest';
import { loadSupportFlow, REPORT_NOW } from '../../bench/escalationReport';
import { playConversation } from '../../../shared/simulator/playConversation';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { escalationPolicySchema } from '../../../shared/flow/schema';
import { evaluateEscalation, initialEscalationMemory } from '../../../shared/escalation/evaluateEscalation';

const flow = loadSupportFlow();
const now = Date.parse(REPORT_NOW);
const play = (...turns: string[]) => playConversation(flow, 't', ['Something else', ...turns], now).escalation;
const reasonOf = (...turns: string[]) => play(...turns)?.reason ?? null;
const decide = (text: string) => {
  const f = { text, analysis: analyzeText(text), turn: 1, now, timezone: 'Europe/London', variables: {}, intent: null, fallback: false };
  return evaluateEscalation(escalationPolicySchema.parse(flow.escalation), f, initialEscalationMemory()).decision;
};

describe("someone else's bad experience, or one with another shop, before an ordinary question", () => {
  it.each([
    'my cousin had an awful experience with another retailer losing his trainers, so, do you give tracking numbers?',
    'my aunt had the worst time with some other store, her sofa never came. what are your delivery days for furniture?',
    'a colleague told me a different company smashed her mirror in transit, do you wrap glass items?',
  ])('%j is not handed over', (t) => {
    expect(reasonOf(t)).toBeNull();
  });
  it('the debug drawer says why, naming the words of the story', () => {
    const d = decide('my cousin had an awful experience with another retailer losing his trainers, so, do you give tracking numbers?');
    expect(d.action).toBe('none');
    expect(d.nearMisses?.find((n) => n.reason === 'negative_sentiment')?.explanation).toMatch(/someone else's experience or one with another shop \("another retailer"\)/);
  });
  it.each([
    // the customer's own order is in the story
    ['my cousin had an awful experience with another retailer, and now my order from you is lost too, do you even track?', /negative_sentiment|sensitive_topic/],
    // the bad words are about this shop (after it is addressed)
    ['my aunt told me another store was slow, but you are honestly the worst, where is it?', /negative_sentiment/],
    // compared with this shop
    ['I had a terrible time with another shop but you lot are worse, why?', /negative_sentiment/],
    // the story is about an order shared with the customer, not told as someone else's experience
    ['my sister ordered a lamp for me and it arrived smashed, can you replace it?', /sensitive_topic/],
  ])('%j is still handed over', (t, reason) => {
    expect(reasonOf(t) ?? 'none').toMatch(reason);
  });
});
