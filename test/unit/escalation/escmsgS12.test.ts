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
import { contemptAtShop, shoutedComplaint } from '../../../shared/escalation/detectors/detectNegativeSentiment';
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

describe('praise that looks like damage, danger or swearing', () => {
  it('"cracking service" is praise (ironic or not), not damaged goods', () => {
    expect(reasonOf('Cracking service as usual, Northwind. My parcel has now toured three depots in Kent')).not.toBe('sensitive_topic');
  });
  it('"dangerously good" is not a safety case', () => {
    expect(reasonOf('This frying pan is dangerously good, everything comes out golden 😄 do you sell the lid separately?')).toBeNull();
  });
  it('swear words that only make praise stronger are not anger', () => {
    expect(reasonOf('holy cow these slippers are soft as hell, do you do them in size 9?')).toBeNull();
  });
  it.each(['damn good job losing my parcel again', 'this chat is shit as hell'])('%j (a bad fact or a bad word outside the praise) is still negative', (t) => {
    expect(reasonOf(t)).toBe('negative_sentiment');
  });
});

describe('topics by meaning in new words', () => {
  it.each([
    ['please shut ma account doon, I am done with it', 'cancellation'],
    ["the jacket went back a month ago and I've still not seen a penny back", 'refunds'],
    ["the bookcase arrived with two of the shelves missing, I can't put it together", 'damaged'],
    ['the hair dryer cord frays near the plug and gets hot. everything else is fine but it is unsafe', 'safety'],
    ['the kettle lid pops open when it boils and splashes water. it is ok now but it is dangerous', 'safety'],
  ])('%j is the topic %s', (t, topic) => {
    const e = play(t);
    expect(e?.reason).toBe('sensitive_topic');
    expect(e?.signals.find((s) => s.reason === 'sensitive_topic')?.evidence[0].toLowerCase()).toContain(topic);
  });
  it.each([
    'is it ok to order spare screws if any are missing?',
    'my son is fine, everything is fine, thanks for asking. do you sell hats?',
  ])('%j is not', (t) => {
    expect(reasonOf(t)).toBeNull();
  });
  it('"at least nothing is broken, but still" declines damage: the anger is what is left', () => {
    expect(reasonOf('the courier dumped the box in a puddle. at least nothing is broken, but still, what a way to treat a parcel')).toBe('negative_sentiment');
  });
});

describe('shouting with emphasis', () => {
  it.each([
    'I WANTED THE COLLECTION POINTS. NOT THE OPENING HOURS. NOT SHIPPING. COLLECTION POINTS.',
    'I TOLD YOU THE POSTCODE TWICE NOW!',
  ])('%j is negative sentiment', (t) => {
    expect(reasonOf(t)).toBe('negative_sentiment');
  });
  it('polite capitals, or capitals without emphasis, are not read as a shouted complaint by the rule', () => {
    expect(reasonOf('WHERE IS MY ORDER NW-123456 PLEASE')).not.toBe('negative_sentiment');
    const plain = 'HELLO DO YOU SELL WOOL SOCKS IN BLUE';
    expect(shoutedComplaint(analyzeText(plain), toks(plain))).toBeNull();
    const polite = 'NOT THE RED ONE PLEASE, THE BLUE ONE';
    expect(shoutedComplaint(analyzeText(polite), toks(polite))).toBeNull();
    const stressed = 'NOT THE RED ONE, THE BLUE ONE. BLUE.';
    expect(shoutedComplaint(analyzeText(stressed), toks(stressed))).toBe('shouted, with a correction');
  });
});

describe('"Smashing." on its own is praise, not damaged goods', () => {
  it('an ironic "Smashing" after a complaint about the bot is negative sentiment, not a topic', () => {
    expect(reasonOf('great, another bot that cannot answer a thing. Smashing')).toBe('negative_sentiment');
  });
  it('"arrived smashing" is not praise', () => {
    expect(reasonOf('the glass top arrived smashing')).toBe('sensitive_topic');
  });
});

describe('the customer says it is a joke, or names a product', () => {
  it.each([
    // (Before: negative sentiment from the classifier, each one.)
    'Do you sell rain? No, joking. Do you sell umbrellas?',
    'do you sell a kettle that makes the tea too? asking for me, every morning. seriously though, you got the glass kettles?',
    'my cat ate my last pair of gloves so here i am again 💀 do u have them in medium',
    'Do you sell the board game "Angry Chickens"? and does it ship to Cork?',
  ])('%j is not handed over', (t) => {
    expect(reasonOf(t)).toBeNull();
  });
  it.each(['are you kidding me, still not shipped?', 'do you have any idea how angry I am?'])('%j is still negative sentiment', (t) => {
    expect(reasonOf(t)).toBe('negative_sentiment');
  });
});
