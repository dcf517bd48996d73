/**
 * escmsg, session 11 (issue 11): message-level reasons by family, in wordings of my own (not corpus lines). Each test is
 * what a customer would notice: a case that is handed over, or an ordinary message that is not handed over as a topic.
 */
import { describe, expect, it } from 'vitest';
import { loadSupportFlow, REPORT_NOW } from '../../bench/escalationReport';
import { playConversation } from '../../../shared/simulator/playConversation';
import { complaintWithoutRecord, fraudWithoutCase, privacyWithoutData } from '../../../shared/escalation/topicMeaning';
import { canonicalizeText } from '../../../shared/escalation/canonicalTokens';
import { normalizeText } from '../../../shared/nlu/normalizeText';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { escalationPolicySchema } from '../../../shared/flow/schema';
import { evaluateEscalation, initialEscalationMemory } from '../../../shared/escalation/evaluateEscalation';

const flow = loadSupportFlow();
const now = Date.parse(REPORT_NOW);
const play = (...turns: string[]) => playConversation(flow, 't', ['Something else', ...turns], now).escalation;
const reasonOf = (...turns: string[]) => play(...turns)?.reason ?? null;
const toks = (s: string) => canonicalizeText(normalizeText(s));

describe('a topic the classifier alone reads needs its subject in the message', () => {
  it.each([
    'sorry I didnt get that, what delivery options did you say',
    'I placed an order at 2am, did it go through?',
    'I have been patient, I have used my politest words, now I am at the end',
  ])('%j is not handed over as fraud', (t) => {
    expect(reasonOf(t)).not.toBe('sensitive_topic');
  });
  it.each([
    'some guy used my card to buy shoes from you',
    'I ent buy nothing from you this month but my account shows an order',
    'there is an order in my account I did not place',
  ])('%j is still fraud', (t) => {
    expect(reasonOf(t)).toBe('sensitive_topic');
  });
  it('a courier story told with feeling is not a complaint topic', () => {
    // (Before: "complaints" from the classifier, words "your", "driver", "fence".)
    expect(reasonOf('your driver threw my parcel over the fence into the pond, great service')).not.toBe('sensitive_topic');
  });
  it('the same story the customer wants on record is a complaint', () => {
    expect(reasonOf('I want it on record that your delivery man kicked my gate')).toBe('sensitive_topic');
  });
  it('"taking my business elsewhere" is not a legal or privacy case', () => {
    expect(reasonOf("I'm taking my business to a shop that can count")).not.toBe('sensitive_topic');
  });
  it("the debug drawer shows the classifier's reading as a near miss that says why", () => {
    // Session 22: "at 2am" -> "at 3am": the round-nine classifier reads the 2am wording's fraud at 0.58, under the threshold
    // (a plain near miss); at 3am it reads 0.64, and the subject rule is what keeps it from firing, as this test means.
    const text = 'I placed an order at 3am, did it go through?';
    const f = { text, analysis: analyzeText(text), turn: 1, now, timezone: 'Europe/London', variables: {}, intent: null, fallback: false };
    const { decision } = evaluateEscalation(escalationPolicySchema.parse(flow.escalation), f, initialEscalationMemory());
    expect(decision.action).toBe('none');
    const near = decision.nearMisses?.find((n) => n.reason === 'sensitive_topic');
    expect(near?.explanation).toMatch(/fraud.*no purchase the customer denies/);
  });
});

describe('the subject words of each topic (topicMeaning)', () => {
  it('fraud: someone else, a denied purchase, money with a denial, money taken for something cancelled', () => {
    expect(fraudWithoutCase(toks('a random bloke ordered on my account'))).toBe(false);
    expect(fraudWithoutCase(toks('I never placed that order'))).toBe(false);
    expect(fraudWithoutCase(toks('the £30 never went back on my card'))).toBe(false);
    expect(fraudWithoutCase(toks('a payment was taken for the order I cancelled'))).toBe(false);
    expect(fraudWithoutCase(toks('orders I do not recognise'))).toBe(false);
    expect(fraudWithoutCase(toks('sorry I did not get that, is it on the van?'))).toBe(true);
    expect(fraudWithoutCase(toks('I did not receive the parcel'))).toBe(true);
    expect(fraudWithoutCase(toks('I did not recognise the courier name on the text'))).toBe(true);
  });
  it('complaint: a wish to have it recorded or raised', () => {
    expect(complaintWithoutRecord(toks('please log this formally'))).toBe(false);
    expect(complaintWithoutRecord(toks('your driver was rude, disgraceful'))).toBe(true);
  });
  it('privacy: the customer\'s data, a third party or a legal step', () => {
    expect(privacyWithoutData(toks('who did you share my number with'))).toBe(false);
    expect(privacyWithoutData(toks('send it to my uni address instead'))).toBe(true);
  });
});

describe('a customer who laughs while asking a question is joking, not upset', () => {
  it.each([
    'the cat has stolen the box from my last order so I suppose I am ordering again lol. how much is delivery to York?',
    "i'm gonna have to start charging this parcel rent soon haha. where is it?",
  ])('%j is answered, not handed over as negative', (t) => {
    expect(reasonOf(t)).not.toBe('negative_sentiment');
  });
  it.each([
    'u lot are honestly useless lol',
    'lol the parcel went to Leeds, came back, went again and now it is "delayed" 🙃 who runs this place??',
    'lmao "out for delivery" for six days. embarrassing',
  ])('%j is still negative', (t) => {
    expect(reasonOf(t)).toBe('negative_sentiment');
  });
  it('the debug drawer names the laugh', () => {
    const text = "i'm gonna have to start charging this parcel rent soon haha. where is it?";
    const f = { text, analysis: analyzeText(text), turn: 1, now, timezone: 'Europe/London', variables: {}, intent: null, fallback: false };
    const { decision } = evaluateEscalation(escalationPolicySchema.parse(flow.escalation), f, initialEscalationMemory());
    expect(decision.nearMisses?.find((n) => n.reason === 'negative_sentiment')?.explanation).toMatch(/laughs \("haha"\) while asking a question/);
  });
});

describe('topics by meaning, in words that share nothing with the phrases', () => {
  it.each([
    'please revert the sum to my card, I posted the coat back last week',
    'I request the restitution of what I paid for order NW-104321',
    'I sent the boots back ten days ago and still nothing on my card',
    'the money is still not back on my account after the return',
  ])('%j is a refund case', (t) => {
    // (The frame reads it whatever the classifier says: the explanation names the meaning.)
    expect(play(t)?.signals.find((s) => s.reason === 'sensitive_topic')?.explanation).toMatch(/refunds" by meaning: money the customer is owed back/);
  });
  it.each(['if I return it, do you give back the money for the postage too?', 'what happens if the money is not back after 10 days?'])('%j is a question, not a case', (t) => {
    expect(reasonOf(t)).not.toBe('sensitive_topic');
  });
  it.each([
    'the yoga strap ripped on first use',
    'the cushion cover split right down the seam',
    'the stool came with one leg longer than the others',
  ])('%j is damaged goods', (t) => {
    expect(reasonOf(t)).toBe('sensitive_topic');
  });
  it('the gas valve hissing when off is a safety case; a question about a gas barbecue is not', () => {
    // Session 46 (emerg3, hostile s46 H2): a gas smell said in the present is urgent now (a leak), handed over first for
    // urgency; before, the safety topic.
    expect(reasonOf('the camping stove I got from you smells of gas even when the valve is closed')).toBe('urgency');
    expect(reasonOf('does the gas barbecue come with a regulator?')).toBeNull();
  });
});

describe('negative words about the customer themselves are not upset at the shop', () => {
  it.each([
    "Sorry, I'm hopeless at this, how do I send something back?",
    'I feel awful asking twice, but could you send the tracking link again? I binned the email by accident.',
  ])('%j is answered', (t) => {
    expect(reasonOf(t)).not.toBe('negative_sentiment');
  });
  it.each(["I'm useless at this and your website is awful", 'my fault for trusting you, this service is terrible'])('%j is still negative', (t) => {
    expect(reasonOf(t)).toBe('negative_sentiment');
  });
});

describe('a "how do I" question about the customer\'s own case is the case', () => {
  it.each([
    'how do I report your delivery man, he was really rude',
    'how do I put in something official about the courier who shouted at me',
    "how do I close me account, don't want it any more",
  ])('%j is handed over as a sensitive topic', (t) => {
    expect(reasonOf(t)).toBe('sensitive_topic');
  });
  it.each(['how do I close an account if I ever want to?', 'how do I report a problem with the website?'])('%j stays a general question', (t) => {
    expect(reasonOf(t)).not.toBe('sensitive_topic');
  });
});
