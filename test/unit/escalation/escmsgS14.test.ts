/**
 * escmsg, session 14 (issue 11): message-level reasons by family, in wordings of my own (not corpus lines). Each test is
 * what a customer would notice: a request for a person handed over as one, or an ordinary message left with the bot.
 */
import { describe, expect, it } from 'vitest';
import { decide, reasonOf } from './support/supportFlowPlay';

describe('"if not" is a condition, not a negation of the request after it', () => {
  it.each([
    'is this a real human? if not i want a real human',
    'can you change the address yourself? if not, get me a manager',
    'Are you able to do refunds? If no, I need speak with a person',
  ])('%j is an explicit request', (t) => {
    expect(reasonOf(t)).toBe('explicit_request');
  });
  it.each([
    'can you check the stock? if not, no worries, I do not need anyone to call me',
    'is the blue one back in stock? if not I will wait',
  ])('%j is not', (t) => {
    expect(reasonOf(t)).not.toBe('explicit_request');
  });
});

describe('the number or line for reaching a person is a request for one', () => {
  it.each([
    'what is the number for calling a real person?',
    "whit's the line fer talkin to an actual human",
    'give me the phone number to reach a human please',
  ])('%j is an explicit request', (t) => {
    const d = decide(t);
    expect(d.reason).toBe('explicit_request');
    expect(d.explanation).toMatch(/asked for a person \("[^"]*(person|human)"\)/);
  });
  it.each([
    'what is the number for calling the returns team about opening hours',
    'is there a phone number for the courier?',
    'what number do I put in the phone field, mine or the person receiving it?',
  ])('%j is not', (t) => {
    expect(reasonOf(t)).not.toBe('explicit_request');
  });
});

describe('a preference that a person take the case is a request for one', () => {
  it.each([
    "I'd rather a person from your accounts side checked it, not the bot",
    'honestly I would prefer that a human looked at these photos',
    "I'd rather one of your staff handled this than keep typing",
  ])('%j is an explicit request', (t) => {
    expect(reasonOf(t)).toBe('explicit_request');
  });
  it.each([
    "I'd rather the courier left it with a neighbour, is that possible?",
    'I would rather someone at home signed for it than the neighbour, can I add a note?',
    'I would rather the parcel went to my work address',
  ])('%j is not', (t) => {
    expect(reasonOf(t)).not.toBe('explicit_request');
  });
});

describe('being served by a person (non-native "be attended / served by") is a request', () => {
  it('"I wish to be served by an employee, please" is an explicit request', () => {
    expect(reasonOf('I wish to be served by an employee, please')).toBe('explicit_request');
  });
  it('"I was served by your staff in the shop last year" is not', () => {
    expect(reasonOf('I was served by your staff in the shop last year, do you still sell the lamps?')).not.toBe('explicit_request');
  });
});

describe('talking about a person the customer dealt with is not asking for one', () => {
  it.each([
    'the human on the phone yesterday told me to use the chat, so where do I track my order?',
    'a person at your warehouse last month packed it beautifully, do you do gift wrap?',
  ])('%j is not an explicit request', (t) => {
    expect(reasonOf(t)).not.toBe('explicit_request');
  });
});

describe('a request only inside quoted words is somebody else\'s sentence', () => {
  it.each([
    '"You can ask for a person at any time" yeah right, I have been asking all morning and nothing',
    'the banner says "talk to a human 24/7". is that true on Sundays?',
  ])('%j is not an explicit request', (t) => {
    expect(reasonOf(t)).not.toBe('explicit_request');
  });
  it('a near miss says why', () => {
    const d = decide('the banner says "talk to a human 24/7". is that true on Sundays?');
    expect(d.reason).not.toBe('explicit_request');
  });
  it.each([
    'your greeting says "you can ask for a person at any time", so I am asking: a person please',
    'I typed "agent" twice. Please put me through to someone',
  ])('%j still is (the request is outside the quotes too)', (t) => {
    expect(reasonOf(t)).toBe('explicit_request');
  });
});

describe('a failure told as a flat fact is negative sentiment', () => {
  it.each([
    'yet another chatbot that understands nothing. marvellous',
    'the assistant is not understanding a single word I type',
    'I took the whole day off work for the fitting and nobody came',
    'Paid for next day. Nothing arrived. Not a word from anyone.',
  ])('%j is handed over as negative sentiment', (t) => {
    expect(reasonOf(t)).toBe('negative_sentiment');
  });
  it('the explanation names the words and the rule', () => {
    const d = decide('I took the whole day off work for the fitting and nobody came');
    expect(d.reason).toBe('negative_sentiment');
    expect(d.explanation).toMatch(/a failure told as a flat fact.*\("nobody came"\)/);
  });
  it.each([
    'can the bot not understand postcodes? mine is KW15 1AB',
    'sorry, the bot did not understand my question. do you ship to Malta?',
    'nothing has arrived yet, when should I expect NW-204118?',
    'Nothing arrived broken this time, thank you! Do you sell the matching bowls?',
    'if nobody comes on Monday can I rebook the delivery?',
  ])('%j is not', (t) => {
    expect(reasonOf(t)).not.toBe('negative_sentiment');
  });
});

describe('urgency: an event said with a possessive, a fire not out yet, a burn on someone now; a weekly habit is no deadline', () => {
  it.each([
    "the recital's TONIGHT and the violin strings are still 'in transit'",
    "my flight's at 6 tomorrow morning and the adapter hasn't come",
    'the candle you sold me is STILL smoking after I blew it out, what do I do',
    "the extension lead melted and it's still smoulderin' behind the sofa",
    'my daughter burnt her hand on the heater you sent, she is screaming, what do I do NOW',
  ])('%j is urgency', (t) => {
    expect(reasonOf(t)).toBe('urgency');
  });
  it.each([
    'do ye deliver oan saturdays? the lamp is for my mam',
    'your van comes round on tuesdays, right? just so I know',
    'The app shows my order as pending since this morning. Does that mean the payment failed?',
    'the heater burnt my hand last week when I touched the grille, is that normal for this model?',
  ])('%j is not urgency', (t) => {
    expect(reasonOf(t)).not.toBe('urgency');
  });
});

describe('a product fault by meaning: as it goes on, without the auxiliary, a part come loose; a money document in the possessive', () => {
  it.each([
    'the iron is not heating up at all, only two days old. order NW-771203',
    'mixer arrive yesterday and the beater no spin. NW-330912',
    "the buckle's come loose on the new satchel already",
    "my statement's got you down for the rug twice but I only bought the one",
  ])('%j is a sensitive topic', (t) => {
    expect(reasonOf(t)).toBe('sensitive_topic');
  });
  it.each([
    'this jacket is not working for me colour-wise, can I swap it for the green?',
    'my card is not working on your checkout, do you take PayPal?',
    'the delivery slot does not work for me, can I choose Thursday instead?',
    'I have had the radio from day one and love it, does it come in red?',
  ])('%j is not', (t) => {
    expect(reasonOf(t)).not.toBe('sensitive_topic');
  });
});

describe('account deletion in the words people use', () => {
  it.each([
    'please exclude my account and my data from your site, I will not buy again',
    'I want ma account shut doon, nae mair emails',
  ])('%j is a sensitive topic', (t) => {
    expect(reasonOf(t)).toBe('sensitive_topic');
  });
  it.each([
    'my account got shut out after three wrong passwords, how do I get back in?',
    'the account page is shut for maintenance, when does it open again?',
  ])('%j is not account deletion', (t) => {
    expect(reasonOf(t)).not.toBe('sensitive_topic');
  });
});

describe('praise the facts contradict: counted contradictions, commending, "cracking stuff"', () => {
  it.each([
    'Two separate estimates, two different dates, still no sofa. I must commend the creativity.',
    'five different answers from five of your emails. truly impressive',
  ])('%j is negative sentiment', (t) => {
    expect(reasonOf(t)).toBe('negative_sentiment');
  });
  it.each([
    'the throw is cracking stuff, do you have it in mustard',
    'I must commend your driver, he carried it up three flights of stairs',
    'we got three different colours in the sample pack, brilliant, can I order the green one',
  ])('%j is not', (t) => {
    expect(reasonOf(t)).not.toBe('negative_sentiment');
  });
});

describe('what a message is about: a courier\'s card is not money, the day a charge shows is not a deadline, grief is not anger', () => {
  it('a "we missed you" card with "twice" is not a billing case (sarcasm about the courier stays negative)', () => {
    expect(reasonOf("Oh marvellous, another 'sorry we missed you' card. I was home all day. Twice.")).toBe('negative_sentiment');
  });
  it('a card that was charged is still billing', () => {
    expect(reasonOf('you charged my card twice for one lamp')).toBe('sensitive_topic');
  });
  it('the day an amount shows on a card is when it happened, not a deadline', () => {
    expect(reasonOf("My card shows £96 to you on Friday. I have never bought anything from Northwind, it wasn't me.")).toBe('sensitive_topic');
  });
  it('a day the customer needs the order by is still a deadline after a payment', () => {
    expect(reasonOf('I paid £40 for next day delivery, I need it on Thursday for the party')).toBe('urgency');
  });
  it('grief told with an ordinary question is not negative sentiment, and the near miss says why', () => {
    const t = 'My husband passed away last year and I am learning to order online on my own. How do I change the delivery address on NW-401177?';
    expect(reasonOf(t)).toBeNull();
  });
  it('grief with a complaint still is', () => {
    expect(reasonOf('My mum passed away and your courier lost the flowers for her funeral. I am so angry')).toBe('negative_sentiment');
  });
});

describe('"put I through" (dialect "I" for "me") is a transfer request', () => {
  it('"can you put I through to one of the ladies on the phones?" is explicit', () => {
    expect(reasonOf("can you put I through to one of the ladies on the phones? ta")).toBe('explicit_request');
  });
  it('"I put I through the wringer" is not', () => {
    expect(reasonOf('I put I through the wringer with this order, lol, where is it')).not.toBe('explicit_request');
  });
});

describe('a spread of dates ("from the 3rd to the 29th") is not a deadline', () => {
  it('sarcasm about estimates ranging over dates is negative sentiment, not urgency', () => {
    expect(reasonOf("Your 'estimate' seems to come out of a hat. I've been given dates ranging from the 25th to the 30th. Impressive consistency.")).toBe('negative_sentiment');
  });
  it('a date the customer needs, outside the range they are away, still is a deadline', () => {
    expect(reasonOf('we are away from the 26th to the 30th, can it come before the 26th?')).toBe('urgency');
  });
});

describe('a laugh around sarcasm is not a joke', () => {
  it('"lol" with praise the facts contradict is negative sentiment', () => {
    expect(reasonOf("lol so the 'express' parcel turned up on day five. cracking stuff. why do i even bother")).toBe('negative_sentiment');
  });
  it('"lol" with plain praise and a question stays with the bot', () => {
    expect(reasonOf('lol my dog loves the bed, brilliant, do you do it in XL?')).toBeNull();
  });
});
