/**
 * Session 50 (conv12): newcomer s49 N2 (a typed booking not matched to "Book a repair"; the second miss handed over
 * before the block's Retries), hostile s49 M3 ("NW-104233 and NW-555555, the second one"), M6 ("cancel my return, I'll
 * keep the item" started a return), L1 (two bare "ok"s at the menu handed over), L2 (a bare "no" after the goodbye
 * restarted the chat), and the review debt of session 49 (pickOneLine's "ask for a person" guessed from the labels' words).
 * Each kind: the report's wording and our own written BEFORE the change (`before`, five voices), then held-out wordings
 * written after it (`heldOut`), and near misses that must keep the old behaviour (`keep`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse, makeFlow, type Conversation } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { compileFlow } from '../../../shared/engine/compileFlow';
import { matchButton } from '../../../shared/engine/matchButton';
import type { BlockOf } from '../../../shared/flow/schema';

const load = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');
/** The policy handed over (the takeover may ask for an email first, so no handoff_request yet). */
const handedOver = (c: Conversation) => c.effects('handoff_request').length > 0 || c.steps.some((s) => s.decision?.action === 'handoff');

/** Newcomer s49's bike shop: a menu (Retries as given) whose fallback is not wired, a booking question, a takeover. */
function bikeShop(maxRetries = 2, mechanicLabel = 'Talk to a mechanic', mechanicTo = 'ht') {
  return makeFlow(
    [
      { id: 'menu', kind: 'buttons', data: { text: 'What can I do for you?', maxRetries, options: [
        { id: 'book', label: 'Book a repair' }, { id: 'where', label: "Where's my bike?" }, { id: 'mech', label: mechanicLabel },
      ] } },
      { id: 'ask_bike', kind: 'question', data: { text: "What kind of bike is it, and what's wrong with it?", inputType: 'text', variable: 'bikeIssue' } },
      { id: 'ask_job', kind: 'question', data: { text: 'What is your job number?', inputType: 'text', variable: 'job' } },
      { id: 'done', kind: 'end', data: { text: 'Thanks, ride safe!' } },
      { id: 'ht', kind: 'human_takeover', data: {} },
    ],
    [['menu', 'book', 'ask_bike'], ['menu', 'where', 'ask_job'], ['menu', 'mech', mechanicTo], ['ask_bike', 'next', 'done'], ['ask_job', 'next', 'done']],
    { escalation: { targetBlockId: 'ht' } },
  );
}
function bikeOption(text: string): string | null {
  const c = compileFlow(bikeShop());
  return matchButton(c.buttons(c.blocks.get('menu') as BlockOf<'buttons'>), text)?.id ?? null;
}

describe('N2: a booking said in words picks "Book a repair" (the label read by meaning)', () => {
  // Written before the change (the report's and four of our own voices).
  const before = [
    'I want to book my bike in for a service',
    'can I bring my bike in for a service next week?',
    'my brakes need fixing, can you book me in?',
    'hi, could you fix a puncture for me tomorrow?',
    'the chain snapped, can you repair it',
  ];
  // Written after the change, before running it, not tuned on.
  const heldOut = [
    'can you book me in for a tune up?',
    'my e-bike motor needs repairing',
    'is there a slot this week to fix my gears?',
  ];
  it.each([...before, ...heldOut])('"%s" -> Book a repair', (text) => {
    expect(bikeOption(text)).toBe('book');
  });
  // Held out and NOT read (3 of 5 held out passed): "serviced" and "look at my ..." are no cues (only "service",
  // "look at it"); not tuned on them.
  it.fails.each(['could I get my bike serviced on Saturday?', 'I need someone to look at my wobbly wheel'])('NOT done: "%s" -> Book a repair', (text) => {
    expect(bikeOption(text)).toBe('book');
  });
  // Near misses: a booking made already, a booking refused, a price question, customer service, the job's whereabouts.
  const keep: [string, string | null][] = [
    ['I already booked a repair last week, is it ready yet?', null],
    ["I don't want to book a repair, just asking", null],
    ['how much is a puncture repair?', null],
    ['I want to talk to customer service', null],
    ["where's my bike? I dropped it off for a service on Monday", 'where'],
  ];
  it.each(keep)('"%s" -> %s', (text, want) => {
    expect(bikeOption(text)).toBe(want);
  });
  it("the report's conversation: a miss, then the booking in words reaches the booking question, no person", () => {
    const c = converse(bikeShop(), { now: OPEN });
    c.say('asdfgh');
    c.say('I want to book my bike in for a service');
    expect(handedOver(c)).toBe(false);
    expect(c.lastBotText()).toBe("What kind of bike is it, and what's wrong with it?");
  });
});

describe("N2: the designer's Retries are used before a repeated-fallback handover", () => {
  // Gibberish at the menu's own question (written first, before the change): these already waited for the Retries on
  // main (an answer that does not fit and asks nothing counts late), so they only keep the behaviour. Of the held-out
  // list written with them, only "what is the meaning of life" (a question) failed on main.
  const gibberish = ['asdfgh', 'purple monkey dishwasher', 'my cat likes boxes', 'the moon is bright tonight', 'blorp',
    'xyzzy', 'banana phone', 'lorem ipsum', 'ngggh', 'what is the meaning of life'];
  // The report's kind (questions and requests no option reads), written second, after the change was written and before
  // it was run on them; then held-out ones after that run.
  const before = ['how much is a puncture repair?', 'do you have parking outside?', 'can my dog come in with me', 'who won the football last night?', 'what is the meaning of life'];
  const heldOut = ['why is the sky blue?', 'tell me a joke', "what's your name?", 'is it going to rain tomorrow?', 'can I bring my kids along?'];
  it.each([...gibberish, ...before, ...heldOut])('Retries 2: "%s" twice is asked again twice, the third hands over', (said) => {
    const c = converse(bikeShop(2), { now: OPEN });
    c.say(said);
    expect(handedOver(c)).toBe(false);
    c.say(said);
    expect(handedOver(c)).toBe(false);
    expect(c.lastButtons().map((b) => b.label)).toContain('Book a repair');
    c.say(said);
    expect(handedOver(c)).toBe(true);
  });
  // Near misses: no retries left, so the policy's count decides as before.
  it.each([[0], [1]])('Retries %s: the second miss hands over as before', (retries) => {
    const c = converse(bikeShop(retries), { now: OPEN });
    c.say('asdfgh');
    expect(handedOver(c)).toBe(false);
    c.say('purple monkey dishwasher');
    expect(handedOver(c)).toBe(true);
  });
  it('a request for a person is acted on at once, retries or not', () => {
    const c = converse(bikeShop(2), { now: OPEN });
    c.say('asdfgh');
    c.say('I want to talk to a human');
    expect(handedOver(c)).toBe(true);
  });
});

/** Northwind: "where is my order", then the answer at "What's your order number?". */
function orderAnswer(text: string): Conversation {
  const c = converse(load('customer-support'), { now: OPEN });
  c.say('where is my order');
  expect(c.lastBotText()).toMatch(/What's your order number\?/);
  c.say(text);
  return c;
}

describe('M3: two orders and which one is meant ("the second one")', () => {
  const before: [string, string][] = [
    ['I have two, NW-104233 and NW-555555, the second one', 'NW-555555'],
    ["NW-104233 and NW-555555, it's the latter", 'NW-555555'],
    ["there's NW-104233 and NW-555555 - I'm asking about the first one", 'NW-104233'],
    ['NW-555555 or NW-104233, the last one please', 'NW-104233'],
    ['both NW-104233 and NW-555555 exist but check the 2nd one', 'NW-555555'],
  ];
  const heldOut: [string, string][] = [
    ['NW-104233, NW-555555 - the first one', 'NW-104233'],
    ["I've got NW-104233 and NW-555555, the second one is late", 'NW-555555'],
    ["it's about NW-555555 or NW-104233, the former", 'NW-555555'],
    ['NW-104233 and NW-555555 but only the last one', 'NW-555555'],
    ['two orders NW-104233 & NW-555555, I need the 1st one', 'NW-104233'],
  ];
  it.each([...before, ...heldOut])('"%s" -> %s, alone', (text, want) => {
    const c = orderAnswer(text);
    expect(c.state.variables.orderNumber).toBe(want);
    expect(c.botTexts().join(' ')).not.toMatch(/one at a time/);
  });
  // Near misses: both named as requests: the first, and the note about the other (as before).
  it.each([
    'NW-104233 and NW-555555 please',
    'first NW-104233, then NW-555555',
    'NW-104233 and NW-555555, both of them',
  ])('"%s": both, one at a time (as before)', (text) => {
    const c = orderAnswer(text);
    expect(c.state.variables.orderNumber).toBe('NW-104233');
    expect(c.botTexts().join(' ')).toMatch(/one at a time/);
  });
});

/** Whether the bot started a return (its policy line, the order question for it, or the label). */
const startedReturn = (c: Conversation) => c.botTexts().some((t) => /Which order is the return for|return label|You can return unused items/.test(t));

describe('M6: a return (refund, exchange) called off does not start one', () => {
  const before = [
    "I want to cancel my return, I'll keep the item",
    "please cancel the return I started, I've decided to keep it",
    "stop my refund, I'm keeping the jacket",
    'I no longer want to send it back',
    "forget the exchange, I'll keep them",
  ];
  const heldOut = [
    'withdraw my return please, I want to keep it',
    "I've changed my mind about the refund",
    "don't want to return it anymore",
    'cancel the exchange, the size is fine after all',
    'scrap the return',
  ];
  // The report's "should": no return started; told so, or a person (Northwind's policy hands "refund" over as its
  // sensitive topic "refunds", and its classifier reads "withdraw" / "don't want ... anymore" as a cancellation).
  it.each([...before, ...heldOut])('"%s": no return started; told so, or a person', (text) => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say(text);
    expect(startedReturn(c)).toBe(false);
    expect(handedOver(c) || /I won't start (?:a return|a refund|an exchange): nothing has been changed/.test(c.lastBotText() ?? '')).toBe(true);
  });
  it.each([
    'I want to return the jacket, it does not fit',
    'how do I send it back?',
    "can I return it? I don't want to keep it",
  ])('"%s": a return as before', (text) => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say(text);
    expect(startedReturn(c)).toBe(true);
  });
});

describe('L1: bare acknowledgements at the menu are no failed questions', () => {
  const before: [string, string][] = [['ok', 'ok'], ['okay', 'okay'], ['k', 'ok'], ['alright', 'ok'], ['ok cool', 'okay then']];
  const heldOut: [string, string][] = [['okay', 'ok'], ['k', 'k'], ['aight', 'ok then'], ['ok sure', 'ok'], ['alright then', 'fine']];
  it.each([...before, ...heldOut])('"%s" then "%s" at the start: no person, the menu again', (a, b) => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say(a);
    c.say(b);
    expect(handedOver(c)).toBe(false);
    expect(c.mode()).toBe('bot');
  });
  it('unusable text twice still hands over (as before)', () => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say('asdfgh');
    c.say('qwerty zxcv');
    expect(handedOver(c)).toBe(true);
  });
});

/** Northwind to its goodbye ("Have a lovely day!"): the hostile report's turns. */
function toGoodbye(): Conversation {
  const c = converse(load('customer-support'), { now: OPEN });
  c.say('cancel my order');
  for (let i = 0; i < 6 && c.mode() !== 'closed'; i++) c.say('no');
  expect(c.mode()).toBe('closed');
  return c;
}

describe('L2: a bare no after the goodbye keeps the chat closed', () => {
  const before = ['no', 'nope', 'nah', 'no that is all', 'nothing else'];
  const heldOut = ['nah thanks', 'no not really', 'nope, nothing', 'no thank you, that is all', 'no more'];
  it.each([...before, ...heldOut])('"%s" after the end: one short line, no restart', (said) => {
    const c = toGoodbye();
    const n = c.botTexts().length;
    c.say(said);
    expect(c.mode()).toBe('closed');
    expect(c.botTexts().slice(n).join(' ')).not.toMatch(/Welcome back/);
    expect(c.botTexts().length - n).toBeLessThanOrEqual(1);
  });
  it.each(['no, my parcel still has not come', 'where is my order?'])('"%s" after the end restarts (as before)', (said) => {
    const c = toGoodbye();
    c.say(said);
    expect(c.mode()).not.toBe('closed');
  });
});

describe('review s49: the re-asked menu offers a person by where its options lead, not by their words', () => {
  const twiceHmm = (flowLabel: string, to = 'ht') => {
    const c = converse(bikeShop(5, flowLabel, to), { now: OPEN });
    c.say('hmm');
    c.say('hmm');
    return c.botTexts().join(' ');
  };
  it('an option that leads to a person under any label ("Speak to Sam"): no "ask for a person"', () => {
    expect(twiceHmm('Speak to Sam')).not.toMatch(/ask for a person/);
  });
  it('the label says "a mechanic" and leads to a person: no "ask for a person" either', () => {
    expect(twiceHmm('Talk to a mechanic')).not.toMatch(/ask for a person/);
  });
  it('an option whose label names the team but leads to no person ("Our team\'s hours"): a person is offered', () => {
    expect(twiceHmm("Our team's hours", 'done')).toMatch(/ask for a person/);
  });
  // Held out (after the change).
  it('"Chat with our staff" leading to no person: a person is offered', () => {
    expect(twiceHmm('Chat with our staff', 'done')).toMatch(/ask for a person/);
  });
});

describe('newcomer s50 N2: a mistyped email corrected at an Email question is taken, not a loop', () => {
  const vet = () => {
    const flow = makeFlow([
      { id: 'q1', kind: 'question', data: { text: "What's your pet's name?", inputType: 'text', variable: 'pet' } },
      { id: 'q', kind: 'question', data: { text: "What's your email address?", inputType: 'email', variable: 'customerEmail' } },
      { id: 'done', kind: 'end', data: { text: 'Booked!' } },
      { id: 'ht', kind: 'human_takeover', data: {} },
    ], [['q1', 'next', 'q'], ['q', 'next', 'done']], { escalation: { targetBlockId: 'ht' } });
    const c = converse(flow, { now: OPEN });
    c.say('Biscuit');
    return c;
  };
  it('"sam.example.org" is no name: the retry line, not "Thanks, sam.example.org."', () => {
    const c = vet();
    c.say('sam.example.org');
    expect(c.lastBotText()).not.toMatch(/^Thanks, sam/);
    expect(c.state.variables.customerName).toBeUndefined();
  });
  // Written after the change was coded, before it was run on them (the report's and four voices); then held out after.
  const before = ['sorry I mean sam@example.org', "oops, it's sam@example.org", 'I meant sam@example.org sorry', 'sam@example.org - sorry, typo', 'my bad: sam@example.org'];
  const heldOut = ['sorry, sam@example.org is the right one', 'I mean sam@example.org', 'whoops sam@example.org'];
  it.each([...before, ...heldOut])('"sam.example.org" then "%s": the address taken, no person', (said) => {
    const c = vet();
    c.say('sam.example.org');
    c.say(said);
    expect(handedOver(c)).toBe(false);
    expect(c.state.variables.customerEmail).toBe('sam@example.org');
    expect(c.lastBotText()).toBe('Booked!');
  });
});

describe('hostile s50 M4: a person noun named as a charge or as who said something picks no "talk to a person" option', () => {
  const labelAt = (flowName: string, text: string): string | null => {
    const c = compileFlow(load(flowName));
    return matchButton(c.buttons(c.blocks.get('menu') as BlockOf<'buttons'>), text)?.label ?? null;
  };
  // Written after the change was coded, before it was run on them (the report's two and three voices).
  const before: [string, string][] = [
    ['travel-urgency', 'is the travel agent fee refundable?'],
    ['insurance-claims', "my agent said I'm covered for floods, am I?"],
    ['travel-urgency', 'does the agent commission get refunded if I cancel?'],
    ['travel-urgency', 'my travel agent booked the wrong date'],
    ['insurance-claims', "what's the advisor fee for a claim?"],
  ];
  it.each(before)('%s: "%s" is not the person option', (flowName, text) => {
    expect(labelAt(flowName, text) ?? '').not.toMatch(/Talk to an agent|Speak to an advisor/);
  });
  it.each([
    ['travel-urgency', 'can I talk to an agent', 'Talk to an agent'],
    ['travel-urgency', 'agent please', 'Talk to an agent'],
    ['insurance-claims', 'I need an advisor', 'Speak to an advisor'],
  ])('%s: "%s" still picks %s', (flowName, text, want) => {
    expect(labelAt(flowName, text)).toBe(want);
  });
});
