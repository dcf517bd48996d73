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
import { contemptAtShop } from '../../../shared/escalation/detectors/detectNegativeSentiment';
import { canonicalizeText } from '../../../shared/escalation/canonicalTokens';
import { normalizeText } from '../../../shared/nlu/normalizeText';

const flow = loadSupportFlow();
const now = Date.parse(REPORT_NOW);
const play = (...turns: string[]) => playConversation(flow, 't', ['Something else', ...turns], now).escalation;
const reasonOf = (...turns: string[]) => play(...turns)?.reason ?? null;
const toks = (s: string) => canonicalizeText(normalizeText(s));
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

describe('a question about how the shop handles fraud or data in general is not a case', () => {
  it.each([
    'what do you do to stop folk using stolen cards on your site? my pal works in a bank',
    'how do you catch people using stolen cards on your site? I study this for my course',
    'if somebody pays with a stolen card on your website, what you do? I study it for my course',
    'you give my address to other companies? I want to know before register',
  ])('%j is not handed over as a topic', (t) => {
    expect(reasonOf(t)).not.toBe('sensitive_topic');
  });
  it.each([
    'what do you do to stop people using stolen cards? somebody used mine on your site yesterday',
    'someone used my card on your site, I never ordered these shoes',
  ])('%j is still fraud', (t) => {
    expect(reasonOf(t)).toBe('sensitive_topic');
  });
});

describe('contempt aimed at the shop or its bot', () => {
  it.each([
    // (Before: a near miss, the classifier read "stupid" as a kind use.)
    'you are stupid machine, I ask for slots you give me returns',
    'Chapeau! You have built the most useless assistant of the internet 👏',
  ])('%j is negative sentiment', (t) => {
    expect(reasonOf(t)).toBe('negative_sentiment');
  });
  it.each([
    'sorry if this is a stupid question, do you ship to Malta?',
    'is the gift wrap rubbish quality or decent? asking before I order',
  ])('%j is not', (t) => {
    expect(reasonOf(t)).toBeNull();
  });
  it('a negated or self-directed word of contempt is not aimed at the shop', () => {
    expect(contemptAtShop(toks('honestly you are not useless, thanks'))).toBeNull();
    expect(contemptAtShop(toks('this is not a useless chat'))).toBeNull();
    expect(contemptAtShop(toks('i am useless at this'))).toBeNull();
    expect(contemptAtShop(toks('you lot are a joke'))).toBe('you lot are a joke');
  });
});
