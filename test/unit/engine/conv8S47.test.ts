/**
 * Session 47 (conv8): the open findings of session 46's blind conversation re-test (/work/coord/s46/retest-conv/report.md
 * M2, M3, L1, L2, L4, L5) and hostile pass (/work/coord/s46/hostile/report.md L1, L2, L3, L5). Each kind: the report's
 * wordings and our own written before the change (`before`), then held-out wordings written after it (`heldOut`), and
 * near misses that keep the old behaviour.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse, type Conversation } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const load = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');
const CLOSED = Date.parse('2026-03-07T13:30:00Z');

/** Northwind, at the offer of a person after an order look-up that failed (retest-conv s46 M2's path). */
const atOffer = (now = OPEN) => {
  const c = converse(load('customer-support'), { now });
  c.say('where is NW-104233');
  c.http(false);
  expect(c.lastBotText()).toBe('Would you like to talk to a person?');
  return c;
};
const handingOver = (c: Conversation) => c.botTexts().includes("I'll get a person for you.") || c.effects().some((e) => e.type === 'handoff_request');
const didNotGetIt = (c: Conversation) => c.botTexts().some((t) => /didn't get that/.test(t));

describe('item 1 (retest-conv s46 M2): more ways of yes at the offer of a person', () => {
  const before = ['ofcourse', 'ofcourse!', 'you bet', 'you betcha', 'yes ofcourse', 'surething', 'deffo', 'yeah you bet'];
  const heldOut = ['yesplease', 'ofcourse :)', 'you bet!', 'deffo mate', 'ofc please', 'byallmeans'];
  it.each([...before, ...heldOut])('%s: handed over', (text) => {
    const c = atOffer();
    c.say(text);
    expect(c.lastBotText()).not.toMatch(/^Please pick/);
    expect(handingOver(c)).toBe(true);
  });
  it.each(['ofcourse not', 'course not', 'no of course not', 'you bet not'])('near miss %s: no hand-over', (text) => {
    const c = atOffer();
    c.say(text);
    expect(handingOver(c)).toBe(false);
  });
});

describe('item 1 (retest-conv s46 M2): an email typed at the offer of a person', () => {
  const before = ['dana@acme.example', 'my email is dana@acme.example', "it's dana@acme.example", 'dana@acme.example thanks', 'you can reach me at dana@acme.example'];
  const heldOut = ['Dana@Acme.example', 'email: dana@acme.example', 'dana@acme.example is best', 'here you go dana@acme.example', 'dana at acme dot example'];
  const expectTaken = (c: Conversation) => {
    expect(didNotGetIt(c)).toBe(false);
    expect(c.variables().customerEmail).toBe('dana@acme.example');
    expect(c.botTexts()).toContain("Thanks, I've noted dana@acme.example.");
    expect(handingOver(c)).toBe(true);
    // The email is not asked for again.
    expect(c.botTexts().some((t) => /email address/i.test(t))).toBe(false);
  };
  it.each([...before, ...heldOut])('%s, at once: kept, and the person comes', (text) => {
    const c = atOffer();
    c.say(text);
    expectTaken(c);
  });
  it.each([...before, ...heldOut])('%s, after the re-prompt: kept, and the person comes (was "Sorry, I didn\'t get that")', (text) => {
    const c = atOffer();
    c.say('hmm');
    expect(c.lastBotText()).toMatch(/^Please pick/);
    c.say(text);
    expectTaken(c);
  });
  it('out of hours: on to the ticket, which does not ask for the email again', () => {
    const c = atOffer(CLOSED);
    c.say('dana@acme.example');
    expect(c.variables().customerEmail).toBe('dana@acme.example');
    expect(c.lastBotText()).not.toMatch(/^Please pick/);
    expect(c.botTexts().some((t) => /What email address/i.test(t))).toBe(false);
    expect(didNotGetIt(c)).toBe(false);
  });
  it.each(['no thanks, dana@acme.example', 'no, email me at dana@acme.example instead'])('near miss %s: no hand-over', (text) => {
    const c = atOffer();
    c.say(text);
    expect(handingOver(c)).toBe(false);
  });
});

const PAYMENTS = /We accept Visa, Mastercard, American Express, PayPal/;
const HOURS = /Our customer service team is here Monday to Friday/;
const summaryOf = (c: Conversation): string => {
  const h = c.effects().find((e) => e.type === 'handoff_request') as { context: { summary: string } } | undefined;
  return h?.context.summary ?? '';
};

describe('item 2 (retest-conv s46 L1): a yes with a question at the offer of a person: the question is answered or passed on', () => {
  // The flow answers these with messages alone elsewhere (its router's payments / opening hours / shipping ways).
  const answered: Array<[string, RegExp]> = [
    ['sure, and do you take PayPal?', PAYMENTS],
    ['yeah go on, also can I pay by card?', PAYMENTS],
    ['yes please, and what are your opening hours?', HOURS],
    ['absolutely. do you take Klarna?', PAYMENTS],
  ];
  const answeredHeldOut: Array<[string, RegExp]> = [
    ['yep, and can I pay with Apple Pay?', PAYMENTS],
    ['ok go ahead. also, when are you open on Saturday?', HOURS],
    ['yes please - do you ship to Germany?', /We ship to the EU/],
  ];
  it.each([...answered, ...answeredHeldOut])('%s: the flow\'s answer, then the person', (text, answer) => {
    const c = atOffer();
    c.say(text);
    const after = c.botTexts().slice(c.botTexts().lastIndexOf('Would you like to talk to a person?') + 1);
    expect(after.some((t) => answer.test(t))).toBe(true);
    expect(handingOver(c)).toBe(true);
    expect(c.botTexts().some((t) => /^Anything else/.test(t))).toBe(false);
  });
  // Questions the flow has no answer for by messages alone: the customer is told the person will see it, and the agent's
  // summary quotes it.
  // Written before the change, and not passed: "sure thing, and how long do refunds take?" gets the shipping answer
  // before the person: the flow's router reads "how long do refunds take?" as shipping_info (0.72), as it does at the main
  // menu (a misreading of the intent matcher, not fixed here; the todo below).
  const passedOn = ['yes, and is the blue jumper in stock?'];
  const passedOnHeldOut = ['yeah, and does the lamp come with a bulb?', 'yes please, and why was I charged twice?', 'sure, and can you check my other order NW-555555 too?'];
  it.each([...passedOn, ...passedOnHeldOut])('%s: passed on to the person', (text) => {
    const c = atOffer();
    c.say(text);
    expect(handingOver(c) || c.botTexts().includes("I'll get a person to help you with this.")).toBe(true);
    // (Held out: "why was I charged twice?" is a sensitive topic: the policy hands over with "I'll get a person to help
    // you with this." and quotes it as the key message; the block's line is not said then.)
    expect(c.botTexts().some((t) => /pass your question on|help you with this/i.test(t))).toBe(true);
    c.say('dana@acme.example');
    const question = text.replace(/^.*?(?:and|also)\s+/, '');
    expect(summaryOf(c)).toContain(question);
  });
  // Was it.todo; session 49 (conv10): "how long" is one question word and the "take" after it names no topic.
  it('sure thing, and how long do refunds take?: not the shipping answer (the returns way)', () => {
    const c = atOffer();
    c.say('sure thing, and how long do refunds take?');
    expect(c.botTexts().some((t) => /UK standard delivery takes/.test(t))).toBe(false);
  });
  it('near miss: a yes alone says nothing more', () => {
    const c = atOffer();
    c.say('yes please');
    expect(c.botTexts().some((t) => /pass your question on|We accept/i.test(t))).toBe(false);
    expect(handingOver(c)).toBe(true);
  });
  it('near miss: "no thanks, do you take PayPal?" answers payments and hands nothing over', () => {
    const c = atOffer();
    c.say('no thanks, do you take PayPal?');
    expect(c.botTexts().some((t) => PAYMENTS.test(t))).toBe(true);
    expect(handingOver(c)).toBe(false);
  });
});

describe('item 2 (retest-conv s46 M3): a question after a leading word at the router', () => {
  const before: Array<[string, RegExp]> = [
    ['sure, and do you take PayPal?', PAYMENTS],
    ['and do you take PayPal?', PAYMENTS],
    ['ok, and what are your opening hours?', HOURS],
    ['right, also can I pay with Klarna?', PAYMENTS],
  ];
  const heldOut: Array<[string, RegExp]> = [
    ['yes, and do you accept Apple Pay?', PAYMENTS],
    ['fine, and do you ship to Ireland?', /UK standard delivery/],
    ['okay. what time do you close on Saturday?', HOURS],
  ];
  // The report's path ("I have a weird problem with my account" first): since item 5 that line offers a person, so the
  // yes takes it and the question is answered before the person comes; the router itself is read after a line it does
  // not get at all ("purple monkey dishwasher").
  it.each([...before, ...heldOut].flatMap(([t, a]) => [['I have a weird problem with my account', t, a], ['purple monkey dishwasher', t, a]] as Array<[string, string, RegExp]>))('after "%s", %s', (first, text, answer) => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say('4');
    c.say(first);
    c.say(text);
    expect(answer.test(c.lastBotText() ?? '') || c.botTexts().slice(-3).some((t) => answer.test(t))).toBe(true);
    expect(c.botTexts().slice(-3).some((t) => /product details/.test(t))).toBe(false);
  });
});

describe('item 3 (retest-conv s46 L2): "no idea where it is" at Skyline Air\'s booking-reference question is a refusal', () => {
  const skyline = () => converse(load('travel-urgency'), { now: OPEN });
  const NO_REF = "No problem, we'll carry on without it";
  const DEPARTURE = 'When does your flight leave?';
  const before = [
    'no idea where it is, how much luggage can I take?',
    'not sure where it is, is there wifi on board?',
    "I don't know where it is, can I bring a pet?",
    "can't find where I put it, what time does check-in open?",
    'no clue what it is, how many bags can I bring?',
    'not sure what it is sorry, can I change my flight?',
    'no idea where it is',
    'dunno where I put it',
  ];
  const heldOut = [
    'no idea what the reference is, can I take a pram?',
    'not sure where I saved it, do you allow pets?',
    "I've no idea where it went, when does the gate close?",
    "haven't a clue where it is",
    "can't remember what it is, how much is extra luggage?",
  ];
  it.each([...before, ...heldOut])('%s: no reference, on to the departure question (not asked again)', (text) => {
    const c = skyline();
    c.say(text);
    expect(c.botTexts().some((t) => t.startsWith(NO_REF))).toBe(true);
    expect(c.lastBotText()).toContain(DEPARTURE);
    expect(c.variables().bookingRef ?? null).toBe(null);
  });
  it.each(["I don't know where it is, where do I find it?", 'no idea where it is, can you tell me where to look?'])('near miss %s: a question about the reference is asked again', (text) => {
    const c = skyline();
    c.say(text);
    expect(c.botTexts().some((t) => t.startsWith(NO_REF))).toBe(false);
  });
});

describe('item 4 (retest-conv s46 L4): a reaction right after a closed ticket does not restart the chat', () => {
  /** Northwind out of hours: a ticket opened, the chat closed. */
  const closedTicket = () => {
    const c = converse(load('customer-support'), { now: CLOSED });
    c.say('I want to talk to a person');
    c.say('dana@acme.example');
    c.say('my parcel never arrived');
    expect(c.mode()).toBe('closed');
    return c;
  };
  const before = ['Wow, brilliant.', 'oh fantastic', 'amazing!', 'perfect, just perfect', 'wow', 'oh wow', 'great stuff', 'lol'];
  const heldOut = ['wow, amazing', 'WOW', 'haha nice', 'oh brilliant!!', 'wowww', 'superb.'];
  it.each([...before, ...heldOut])('%s: one short line, the chat stays closed', (text) => {
    const c = closedTicket();
    const n = c.botTexts().length;
    c.say(text);
    const said = c.botTexts().slice(n);
    expect(said.some((t) => /Welcome back|Northwind Goods assistant/.test(t))).toBe(false);
    expect(said.length).toBeLessThanOrEqual(1);
    expect(c.mode()).toBe('closed');
    expect(c.effects().filter((e) => e.type === 'create_ticket')).toHaveLength(1);
    // A second one gets nothing more.
    c.say(text);
    expect(c.botTexts().length).toBe(n + said.length);
  });
  it.each(['wow, where is my order NW-104233?', 'brilliant, my other parcel never came either', 'amazing, I want to talk to a person'])('near miss %s: the chat starts again', (text) => {
    const c = closedTicket();
    c.say(text);
    expect(c.botTexts().some((t) => /Welcome back/.test(t))).toBe(true);
  });
});

describe('item 5 (retest-conv s46 L5): a problem of the customer\'s own that the flow has no way for is offered a person', () => {
  const offered = (c: Conversation) => (c.lastButtons() ?? []).some((b) => b.id === 'escalation:person');
  const personComes = (c: Conversation) => offered(c) || c.effects().some((e) => e.type === 'handoff_request') || c.botTexts().some((t) => /get a person|connecting you/i.test(t));
  const before = [
    'I have a weird problem with my account',
    "there's an issue with my account",
    "I'm having trouble logging in",
    'something is wrong with my account',
    "I can't log into my account",
    // (Written before the change, and not passed: "I have a problem with my gift card": the router reads it as
    // payment_methods (0.53, threshold 0.5) and answers "Gift cards can be used at checkout"; the todo below.)
    "my discount code isn't working",
    'the app keeps crashing on my phone',
  ];
  const heldOut = [
    'I think something is wrong with my login',
    "my voucher won't go through",
    'we have a problem with our business account',
    'I keep getting an error when I try to check out',
    'my password reset email never comes',
    // (Held out, and not passed after escrfEval made the rule ask that the flow has no way for the topic: "the website
    // won't let me pay": "pay" is a word of the payments way, so "Sorry, I didn't get that" as before; the todo below.)
  ];
  // (Held out: "we have a problem with our business account" gets the policy's low-confidence question there: kept.)
  it.each([...before, ...heldOut])('%s (at "What\'s your question?"): no "didn\'t get that", a person offered (or asked for more)', (text) => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say('4');
    c.say(text);
    expect(didNotGetIt(c)).toBe(false);
    expect(personComes(c) || (text.startsWith('we have') && /^Could you tell me a bit more/.test(c.lastBotText() ?? ''))).toBe(true);
  });
  // As the first message the escalation policy may act first: "there's an issue with my account" gets its low-confidence
  // question ("Could you tell me a bit more ...?"; a second unclear message hands over), kept as it was.
  it.each([...before, ...heldOut])('%s (first message): no "didn\'t get that", a person offered (or asked for more)', (text) => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say(text);
    expect(didNotGetIt(c)).toBe(false);
    expect(personComes(c) || /^Could you tell me a bit more/.test(c.lastBotText() ?? '')).toBe(true);
  });
  // Were it.todo; session 49 (conv10): an intent whose way only answers with information is no way for a problem.
  it.each(['I have a problem with my gift card', "the website won't let me pay"])('%s: a person offered', (text) => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say('Something else');
    c.say(text);
    expect(offered(c)).toBe(true);
    expect(c.botTexts().some((t) => /We accept Visa/.test(t))).toBe(false);
  });
  // escrfEval (session 47): these development conversations lost their decision when such messages were offered a person.
  it.each([
    ['Please cancel NW-121699, I put the wrong colour', 'a request: "wrong" alone is no problem of theirs'],
    ['I have issue with delivery', 'the flow has a way for delivery'],
    ['I have issue with the delivery man, something he said', 'the flow has a way for delivery'],
  ])('near miss %s: no offer (%s)', (text) => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say('Something else');
    c.say(text);
    expect(offered(c)).toBe(false);
  });
  it('accepting the offer hands over, the problem quoted for the agent', () => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say('4');
    c.say('I have a weird problem with my account');
    expect(offered(c)).toBe(true);
    c.say('yes please');
    c.say('dana@acme.example');
    expect(c.effects().some((e) => e.type === 'handoff_request')).toBe(true);
    expect(summaryOf(c)).toContain('weird problem with my account');
  });
  it.each(['blah blah', 'I like turtles', 'purple monkey dishwasher'])('near miss %s: not understood, as before', (text) => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say('4');
    c.say(text);
    expect(didNotGetIt(c)).toBe(true);
    expect(offered(c)).toBe(false);
  });
});

describe('item 6 (hostile s46 L2): a swear masked with a digit or an apostrophe is read as the masked swear it is', () => {
  const upsetRead = (text: string) => {
    const c = converse(load('customer-support'), { now: OPEN });
    const step = c.say(text);
    return { c, reason: step.decision?.reason ?? null, texts: c.botTexts() };
  };
  const before = [
    "sh1t service, where's my order",
    'where is my f\'ing parcel',
    'this is bullsh1t, where is my refund',
    "f'in hell, my order is late again",
    "your sh1t website won't let me pay",
    "where's my effing refund",
    'cr4p service, my parcel is 2 weeks late',
    "what the f'k is going on with my order",
  ];
  const heldOut = [
    "f'kin useless, where is my parcel",
    'what a sh1tshow, my order is late',
    'pi55ed off waiting for my order',
    'this courier is cr4p, my parcel is lost',
    "eff'ing hell where's my order",
  ];
  // (A refund named beside it is a sensitive topic first: handed over as such, the swear "also seen" in the decision.)
  it.each([...before, ...heldOut])('%s: read as anger (an apology or a person)', (text) => {
    const { c, reason, texts } = upsetRead(text);
    const explanation = c.lastStep.decision?.explanation ?? '';
    expect(reason === 'negative_sentiment' || /masked swearing/.test(explanation)).toBe(true);
    expect(texts.some((t) => /I'm sorry about this/.test(t))).toBe(true);
  });
  it.each([
    'where is my order NW-104233',
    'can I order 3 shirts in size 10',
    'sh1t, I typed my own address wrong, silly me',
    "my parcel came, f'ing brilliant, thanks!",
    "I'm on shift 1 today, where is my order?",
  ])('near miss %s: no anger', (text) => {
    const { reason } = upsetRead(text);
    expect(reason).not.toBe('negative_sentiment');
  });
});

describe('item 7 (hostile s46 L3): a pasted log before the request: the summary quotes the customer\'s words, not the log', () => {
  const ann = [{ id: 'ann', name: 'Ann', status: 'online' as const, activeChats: 0, skills: [], languages: ['en'], teams: [], lastAssignedAt: null }];
  const logLines = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join('\n');
  const own = 'Hi, above is what your checkout page shows every time I try to pay for order NW-104233. I was charged twice already. Can someone please help?';
  const pastes: Array<[string, string]> = [
    ['38 timestamped ERROR lines', logLines(38, (i) => `2026-12-07T09:00:${String(i).padStart(2, '0')}Z ERROR [payment-svc] Transaction declined code=51 txn=${100000 + i} amount=49.99 GBP`)],
    ['a stack trace', `TypeError: Cannot read properties of undefined (reading 'total')\n${logLines(12, (i) => `    at Checkout.render (https://shop.example/static/js/main.${i}.js:1:${2000 + i})`)}`],
    ['JSON lines', logLines(10, (i) => `{"level":"error","ts":"2026-12-07T09:00:0${i % 10}Z","msg":"payment declined","code":51}`)],
    ['bracketed levels', logLines(15, (i) => `[WARN] 09:00:${String(i).padStart(2, '0')} retrying request id=${i} status=503`)],
  ];
  const heldOut: Array<[string, string]> = [
    ['CRLF lines with milliseconds', logLines(20, (i) => `2026-12-07 09:00:${String(i).padStart(2, '0')},123 ERROR PaymentService - declined code=51`).replace(/\n/g, '\r\n')],
    ['a Python traceback', 'Traceback (most recent call last):\n  File "app.py", line 12, in <module>\n    pay(order)\n  File "pay.py", line 40, in pay\n    raise ValueError("bad amount")\nValueError: bad amount'],
    ['web server access lines', logLines(12, (i) => `203.0.113.${i} - - [07/Dec/2026:09:00:${String(i).padStart(2, '0')} +0000] "POST /checkout HTTP/1.1" 502 157 "-" "Mozilla/5.0"`)],
  ];
  it.each([...pastes, ...heldOut])('%s, then the request: the key message is the request', (_name, paste) => {
    const c = converse(load('customer-support'), { now: OPEN, agents: ann });
    c.say(`${paste}\n${own}`);
    if (/email address/i.test(c.lastBotText() ?? '')) c.say('dana@acme.example');
    const summary = summaryOf(c);
    expect(summary).not.toBe('');
    expect(summary).toContain('charged twice');
    expect(summary).not.toMatch(/ERROR \[payment-svc\]|at Checkout\.render|"level":"error"|\[WARN\]|PaymentService|Traceback|app\.py|POST \/checkout/);
  });
  it('the request before the paste is quoted too', () => {
    const c = converse(load('customer-support'), { now: OPEN, agents: ann });
    c.say(`My payment keeps failing, this is what I see:\n${pastes[0][1]}\nplease help, I was charged twice`);
    if (/email address/i.test(c.lastBotText() ?? '')) c.say('dana@acme.example');
    expect(summaryOf(c)).toContain('My payment keeps failing');
    expect(summaryOf(c)).not.toMatch(/ERROR \[payment-svc\]/);
  });
  it('near miss: a message of the customer\'s own words on several lines is quoted as before', () => {
    const c = converse(load('customer-support'), { now: OPEN, agents: ann });
    c.say('I want to talk to a person\nmy parcel NW-104233 arrived broken\nthe lamp is in pieces');
    if (/email address/i.test(c.lastBotText() ?? '')) c.say('dana@acme.example');
    expect(summaryOf(c)).toMatch(/arrived broken/);
  });
});

describe('item 8 (hostile s46 L5): lead-gen\'s sales takeover name question', () => {
  const ann = [{ id: 'ann', name: 'Ann', status: 'online' as const, activeChats: 0, skills: [], languages: ['en'], teams: ['sales'], lastAssignedAt: null }];
  const atName = () => {
    const c = converse(load('lead-gen'), { now: OPEN, agents: ann });
    for (const m of ['201 or more', 'Yes, I have', 'kim@acme.example.com', '50000']) c.say(m);
    expect(c.lastBotText()).toBe('Before I connect you, may I have your name?');
    return c;
  };
  const nameAskedAgain = (c: Conversation) => c.botTexts().slice(-3).some((t) => /what's your name|What should we call you|your name\?/i.test(t) && t !== 'Before I connect you, may I have your name?');
  // (The sales takeover asks "In a few words, what do you need help with?" after the name when no matter is known.)
  const REASON_Q = 'In a few words, what do you need help with?';
  const onToPerson = (c: Conversation) => c.botTexts().some((t) => /bringing in someone from our sales team/.test(t) || t === REASON_Q);
  const finish = (c: Conversation) => {
    if (c.lastBotText() === REASON_Q) c.say('pricing for 300 seats');
  };

  const refusals = ["I'd rather not say", 'prefer not to say', "I'd rather not give my name", 'not telling', 'rather not, sorry'];
  const refusalsHeldOut = ['no, I prefer not to share it', "I'd rather stay anonymous", "I don't want to give my name", 'none of your business'];
  it.each([...refusals, ...refusalsHeldOut])('%s: not asked again, on to the person without a name', (text) => {
    const c = atName();
    c.say(text);
    expect(nameAskedAgain(c)).toBe(false);
    expect(onToPerson(c)).toBe(true);
    expect(c.variables().customerName ?? null).toBe(null);
  });

  const besideAddress: Array<[string, string, string]> = [
    ['Jo Smith <jo@acme.example.com>', 'Jo Smith', 'jo@acme.example.com'],
    ['Jo Smith, jo@acme.example.com', 'Jo Smith', 'jo@acme.example.com'],
    ['jo@acme.example.com - Jo Smith', 'Jo Smith', 'jo@acme.example.com'],
  ];
  const besideMatter: Array<[string, string, string]> = [
    ["name's Kim and I need this sorted before Friday", 'Kim', 'before Friday'],
    ["I'm Kim and we need a quote by Monday", 'Kim', 'by Monday'],
    ["it's Kim and this is urgent for our board meeting", 'Kim', 'board meeting'],
  ];
  const heldOut: Array<[string, string, string]> = [
    ['Priya Patel <priya@corp.example>', 'Priya Patel', 'priya@corp.example'],
    ["I'm Tom and we need this live by next week", 'Tom', 'next week'],
    ['Sam and I want a demo before Friday', 'Sam', 'before Friday'],
  ];
  it.each([...besideAddress, ...besideMatter, ...heldOut])('%s: the name taken, the rest kept for the agent', (text, name, kept) => {
    const c = atName();
    c.say(text);
    expect(c.variables().customerName).toBe(name);
    expect(nameAskedAgain(c)).toBe(false);
    expect(onToPerson(c)).toBe(true);
    finish(c);
    expect(summaryOf(c)).toContain(kept);
  });

  const wishes: Array<[string, RegExp]> = [
    ['Kim. Actually, can we do this by email instead?', /email/],
    ['Kim - could you just email me instead?', /email/],
    ["Kim, I'd prefer a phone call instead", /call|phone/],
  ];
  const wishesHeldOut: Array<[string, RegExp]> = [
    ['Kim. Can you email me the details instead?', /email/],
    ['Kim - rather do this over the phone', /phone/],
    ['Kim, can you ring me instead?', /phone/],
  ];
  it.each([...wishes, ...wishesHeldOut])('%s: the name taken, the wish acknowledged and kept for the agent', (text, how) => {
    const c = atName();
    const n = c.botTexts().length;
    c.say(text);
    expect(c.variables().customerName).toBe('Kim');
    const said = c.botTexts().slice(n);
    expect(said.some((t) => /rather|prefer|noted|tell the team/i.test(t) && how.test(t))).toBe(true);
    finish(c);
    // The agent reads the wish in the customer's words.
    expect(summaryOf(c)).toContain(text.replace(/^Kim[.,\s-]+/, '').replace(/[?.]$/, ''));
  });
  it.each(['Kim', 'Kim Lee', "I'm Kim"])('near miss %s: the name, nothing more said', (text) => {
    const c = atName();
    c.say(text);
    expect(c.variables().customerName).toBe(text.replace("I'm ", ''));
    expect(onToPerson(c)).toBe(true);
  });
});
