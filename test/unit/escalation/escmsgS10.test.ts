/**
 * escmsg, session 10 (issue 11): message-level reasons by family. Each test is what a customer would notice: a
 * request that is handed over, or an ordinary question that is answered. Wordings are mine (not corpus lines).
 */
import { describe, expect, it } from 'vitest';
import { loadSupportFlow, REPORT_NOW } from '../../bench/escalationReport';
import { playConversation } from '../../../shared/simulator/playConversation';

const flow = loadSupportFlow();
const now = Date.parse(REPORT_NOW);
const play = (...turns: string[]) => playConversation(flow, 't', ['Something else', ...turns], now);
const reasonOf = (...turns: string[]) => play(...turns).escalation?.reason ?? null;

describe('a "no" that answers does not negate the request after it', () => {
  it.each(['yeah nah, could I just speak to a person', 'no, can I talk to someone please', 'ok no, I want to talk to a human'])('%j asks for a person', (t) => {
    expect(reasonOf(t)).toBe('explicit_request');
  });
  it.each(['no I do not want a person', 'no person please, the bot is fine'])('%j still declines one', (t) => {
    expect(reasonOf(t)).not.toBe('explicit_request');
  });
  it('"no, I want my account deleted" is still the account-deletion topic', () => {
    expect(reasonOf('no, I want to delete my account for good')).toBe('sensitive_topic');
  });
});

describe('a meaning frame in a negated clause declines the topic, like a phrase', () => {
  it('"I do not want to close my account, only to update the phone number on it" is answered', () => {
    expect(reasonOf('I do not want to close my account, only to update the phone number on it')).toBeNull();
  });
  it('"please close my account" is still handed over', () => {
    expect(reasonOf('please close my account, I am done with it')).toBe('sensitive_topic');
  });
  it('a frame that is itself a denial ("I never ordered this") is not read as declined', () => {
    expect(reasonOf('I never ordered this but my card was charged for it')).toBe('sensitive_topic');
  });
});

describe('questions about what the shop does with payments and data are not the customer\'s case', () => {
  it.each([
    'Is it safe to type my card into your site? I read that some sites steal cards.',
    'my son says I can pay by debit card, is it safe to type it in here?',
    "you keep my bank card number on the site after i order? i'd rather you didn't",
    'will you share my phone number with the delivery firm?',
    'hiya, do yous do refunds on sale items or exchange only?',
  ])('%j is answered', (t) => {
    expect(reasonOf(t)).toBeNull();
  });
  it.each([
    ['someone used my card on your website for things I never bought', 'sensitive_topic'],
    ['you shared my phone number with a stranger and now he rings me, I want my data deleted', 'sensitive_topic'],
    ['is it safe to use the heater again after it sparked and caught fire?', 'sensitive_topic'],
  ])('%j is still handed over', (t, reason) => {
    expect(reasonOf(t)).toBe(reason);
  });
});

describe('a product going wrong as the customer writes is urgent', () => {
  it.each([
    'the dishwasher hose is leaking right now and the kitchen floor is flooding',
    'my phone charger is overheating now, smells like it will burn, what do I do',
    'the soda siphon is hissing and bulging right now, could it burst?',
  ])('%j is urgent', (t) => {
    expect(reasonOf(t)).toBe('urgency');
  });
  it.each(['the shampoo bottle is leaking, can I get another one sent now?', 'the jug was leaking when it arrived last week'])('%j is not urgent', (t) => {
    expect(reasonOf(t)).not.toBe('urgency');
  });
});

describe('topics by meaning: wordings that share no word with the designer\'s phrases', () => {
  it.each([
    ['the trainers arrived and the heel is coming off already, worn once', 'damaged goods'],
    ['the fan has not worked from the first day, order NW-100100', 'damaged goods'],
    ['the coffee maker leaks water all over the worktop every morning', 'damaged goods'],
    ['got a text from you but I never signed up, how you get my number?', 'legal & privacy'],
    ['why is my home address printed on the invoice you sent to my sister?', 'legal & privacy'],
    ['please cancel my registration with you, all of it', 'cancellation & account deletion'],
    ['the bill says £80 but the two items only add up to £50', 'billing & double charges'],
    ['klarna is saying I owe for two orders but I only placed one', 'billing & double charges'],
  ])('%j is the topic %j', (t, topic) => {
    const e = play(t).escalation;
    expect(e?.reason).toBe('sensitive_topic');
    expect(e?.signals.find((s) => s.reason === 'sensitive_topic')?.evidence[0]).toBe(topic);
  });
  it.each([
    'my address is showing correctly on the order, thanks',
    'can you use my email for the receipt?',
    'the tap on the water butt drips a little when it rains, is that normal for that model?',
    'my number used to be different, can I update it?',
  ])('%j is answered', (t) => {
    expect(reasonOf(t)).not.toBe('sensitive_topic');
  });
});

describe('questions about the shop\'s own schedule are not the customer\'s deadline', () => {
  it.each([
    'quick one, is NW-104321 arriving today or tomorrow',
    'I paid at 8 this morning, will it ship today?',
    'ok arriving friday. is that the one that needs a signature?',
    'oh right, so it is coming Thursday. Do I get a text before the driver comes?',
    'I order on Sunday evening, the email say dispatch in 2 working days. So when it come?',
  ])('%j is answered, not handed over as urgent', (t) => {
    const d = play(t);
    expect(d.escalation?.reason ?? null).not.toBe('urgency');
  });
  it.each([
    'is it coming today or tomorrow? it is for a party tonight',
    'will it ship today? I need it by Friday',
    'I need it today or tomorrow at the latest',
  ])('%j is still urgent (a reason of the customer\'s own)', (t) => {
    expect(reasonOf(t)).toBe('urgency');
  });
});

describe('the customer says they are calm: the classifier\'s negative reading is a near miss', () => {
  it.each([
    'not mad or anything, honest, just wonderin why my tracking has not moved since Monday',
    'honestly not moaning, you lot are great. when does the sale finish?',
    'not needed till spring, so no panic. are the garden chairs back in stock in March?',
    'how do I leave a review? nothing wrong, I just want to say the wrapping was gorgeous',
  ])('%j is answered', (t) => {
    expect(reasonOf(t)).toBeNull();
  });
  it.each([
    'not angry, but this is the fourth time the courier has thrown my parcel over the gate',
    'something is wrong with my order again and I am furious',
  ])('%j is still handed over', (t) => {
    expect(reasonOf(t)).not.toBeNull();
  });
});

describe('giving up on the shop is negative', () => {
  it.each(['you know what, forget it. I will shop somewhere that works', 'ugh forget it, I will buy it somewhere else', 'I give up, I will take my business elsewhere'])('%j is handed over as negative', (t) => {
    expect(reasonOf(t)).toBe('negative_sentiment');
  });
  it.each(['I have given up on the blue one, can I have the green instead?', 'can I send it somewhere else, to my office?'])('%j is not negative', (t) => {
    expect(reasonOf(t)).not.toBe('negative_sentiment');
  });
  it('"my bank says nothing is wrong" is not a billing error by what the bank shows', () => {
    const e = play('the site says my card was declined but my bank says nothing wrong').escalation;
    expect(e?.signals.some((s) => s.reason === 'sensitive_topic' && /by meaning/.test(s.explanation)) ?? false).toBe(false);
  });
});

describe('a topic word declined, taken back or about another supplier', () => {
  it.each([
    'me nuh want no refund, me just want know where di parcel is',
    'I want no refund, just tell me when it ships',
    'can I get a refund, no wait, I only want to swap it for a bigger size, how?',
    'my sister complained about a different supplier so we are ordering the favours from you, do you deliver to Leeds?',
  ])('%j is answered', (t) => {
    expect(reasonOf(t)).not.toBe('sensitive_topic');
  });
  it.each(['still no refund after three weeks', 'no refund yet, where is my money', 'I want a refund, the lamp arrived cracked'])('%j is still the refund topic', (t) => {
    expect(reasonOf(t)).toBe('sensitive_topic');
  });
});

describe('the driver leaving or at the door as the customer writes is urgent', () => {
  it.each([
    "the driver's literally pulling away from my flat right now and I'm stood here",
    'the van has just pulled away and left my parcel at the wrong house, can you get him back?',
    "courier's at me door now saying I have to pay customs, is that right?",
  ])('%j is urgent', (t) => {
    expect(reasonOf(t)).toBe('urgency');
  });
  it.each(['the van pulled away last week without knocking, can I rebook?', 'the driver drove off yesterday without ringing, can I rebook the delivery?'])('%j is not urgent', (t) => {
    expect(reasonOf(t)).not.toBe('urgency');
  });
});
