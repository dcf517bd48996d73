/**
 * Session 8 (escloop), issue 11: loops at a Question block and corrections that put the bot's reading right. Played
 * through flows/customer-support.json as `baton simulate` plays them, or through the real detector.
 */
import { describe, it, expect } from 'vitest';
import { loadSupportFlow, REPORT_NOW } from '../../bench/escalationReport';
import { playConversation } from '../../../shared/simulator/playConversation';
import { createSimulation } from '../../../shared/simulator/createSimulation';
import { detectLoop } from '../../../shared/escalation/detectors/detectLoop';
import { facts, memory, policy } from './facts';

const flow = loadSupportFlow();
const now = Date.parse(REPORT_NOW);
const play = (turns: string[]) => playConversation(flow, 'escloop', turns, now);
/** detectLoop on the last message, the earlier ones as the memory's recent questions. */
function loopAt(turns: string[]) {
  const earlier = turns.slice(0, -1).map((t) => facts(t).analysis.normalized);
  return detectLoop(facts(turns[turns.length - 1]), policy(), memory({ recent: earlier }));
}
/** The variables after the turns (the simulator's state; HTTP lookups fail). */
function variablesAfter(turns: string[]) {
  const sim = createSimulation(flow, { now, conversationId: 'escloop', http: () => ({ ok: false, status: 0, body: null }) });
  for (const t of turns) sim.say(t);
  return sim.state.variables;
}
const ORDER_QUESTION = "What's your order number? It starts with NW and is in your confirmation email (e.g. NW-104233).";

describe('a Question block that takes an order number does not take a question as the answer', () => {
  it('"where is my parcel??" is asked again, not stored as the order number, and the repeat is handed over', () => {
    const p = play(['Track my order', 'where is my parcel??', 'where is my parcel??', 'where is my parcel???']);
    expect(variablesAfter(['Track my order', 'where is my parcel??']).orderNumber).toBeUndefined();
    // The block asked again with its retry message instead of looking up "where is my parcel??".
    expect(p.transcript.some((t) => t.from === 'bot' && /Order numbers look like NW-104233/.test(t.text))).toBe(true);
    expect(p.escalation).not.toBeNull();
    expect(['loop', 'repeated_fallback']).toContain(p.escalation?.reason);
  });

  it('a question without an order number is not looked up as one (before, it was stored and looked up)', () => {
    const p = play(['Track my order', 'can you just tell me where it is?']);
    expect(variablesAfter(['Track my order', 'can you just tell me where it is?']).orderNumber).toBeUndefined();
    expect(p.transcript.at(-1)?.text).toMatch(/Order numbers look like/);
  });

  it('ordinary answers are taken as before and never escalate', () => {
    // Session 14 (newcomer s14 N#3): "I don't have it" and "the blue one" (no digit) are asked again now: next test.
    // Session 49 (conv10): "SW1A 1AA" (a postcode) is no order number now: asked again, never escalated (below).
    for (const answer of ['NW-104233', 'it is NW-104233', 'NW-104233?', 'is it NW-104233?']) {
      const p = play(['Track my order', answer]);
      expect(p.escalation, answer).toBeNull();
      expect(p.transcript.some((t) => t.from === 'bot' && t.text === ORDER_QUESTION)).toBe(true);
      // Taken: the bot moved on from the order-number question (no retry message).
      expect(p.transcript.at(-1)?.text, answer).not.toMatch(/Order numbers look like/);
    }
  });

  it('a postcode is no order number: asked again with the format line, not escalated (session 49, conv10)', () => {
    const p = play(['Track my order', 'SW1A 1AA']);
    expect(p.escalation).toBeNull();
    expect(p.transcript.at(-1)?.text).toMatch(/Order numbers look like/);
  });

  it('a bare "yes" or "no" is not an order number: asked again (session 9, hostile s9 #15; session 8 took "yes")', () => {
    // (Session 17, newcomer s16 N#1: "I don't have it" takes the block's fallback at once: fixengineS17Questions.)
    for (const answer of ['yes', 'the blue one']) {
      const p = play(['Track my order', answer]);
      expect(p.transcript.at(-1)?.text, answer).toMatch(/Order numbers look like/);
      expect(variablesAfter(['Track my order', answer]).orderNumber, answer).toBeUndefined();
    }
    // Session 44 (hostfix, hostile s44 L3), changed on purpose: a bare "no" / "nope" says the customer has none to hand:
    // the block's fallback at once, as "I don't have it" (still never stored as the order number).
    for (const answer of ['no', 'nope']) {
      const p = play(['Track my order', answer]);
      expect(p.transcript.map((e) => e.text).join(' '), answer).toMatch(/couldn't read an order number there/);
      expect(variablesAfter(['Track my order', answer]).orderNumber, answer).toBeUndefined();
    }
  });

  it('a question that carries the order number is an answer', () => {
    const p = play(['Track my order', 'where is NW-104233?']);
    expect(String(variablesAfter(['Track my order', 'where is NW-104233?']).orderNumber)).toContain('NW-104233');
    expect(p.escalation).toBeNull();
  });
});

describe('a correction that opens with "no" and puts the bot\'s reading right is a loop', () => {
  it('"no not the socks, the trousers" after the request', () => {
    const s = loopAt(['return the black work trousers from my order', 'no not the socks, the trousers']);
    expect(s?.reason).toBe('loop');
    expect(s?.explanation).toMatch(/answered something else/);
    expect(s?.evidence[0]).toMatch(/^no not the socks/);
  });

  it('other forms: "Not address. Day. Friday.", "not delivery, DISPATCH", "No dear, not the colouring book, the jigsaw"', () => {
    expect(loopAt(['I want to change delivery day of order NW-120650 to Friday.', 'Not address. Day. Friday.'])?.reason).toBe('loop');
    expect(loopAt(["what's the cutoff time for same day dispatch", 'not delivery, DISPATCH. what time do you have to order by'])?.reason).toBe('loop');
    expect(loopAt(['I wish to return the jigsaw puzzle I bought', 'No dear, not the colouring book, the jigsaw puzzle.'])?.reason).toBe('loop');
    expect(loopAt(['I want to return the grey towels please', 'Oh, sorry, not the bath mat, the towels'])?.reason).toBe('loop');
  });

  it('ordinary replies that open with "no" are not corrections', () => {
    for (const text of ['No, not yet thanks', 'no not really', 'No worries, thanks heaps', "No, that's all", 'Okay, not to worry. Last one, what is your returns policy for gifts?',
      "No, I don't need anything else", 'no sorry NW-106610', 'No, nothing else. Maybe one question: will you have a Black Friday sale?']) {
      expect(loopAt(['do you ship to Guernsey?', text]), text).toBeNull();
    }
  });

  it('a contrast that does not open with "no" is a detail, and a first message is not a correction', () => {
    expect(loopAt(['can I return the jacket?', 'the blue jacket, not the black one'])).toBeNull();
    expect(loopAt(['no not the socks, the trousers'])).toBeNull();
  });

  it('played through the support flow: the correction is named a loop, not repeated fallback', () => {
    const p = play(['Something else', 'return the black work trousers from my order', 'no not the socks, the trousers']);
    expect(p.escalation?.reason).toBe('loop');
  });
});

describe('the customer gives the same order number again instead of answering', () => {
  it('at the cancellation ticket\'s email question, re-giving the order number three times is handed over as a loop', () => {
    const p = play(['Something else', 'I want to cancel an order', 'order number NW-131207', 'NW-131207, cancel it please', 'cancel NW-131207. I have given the number twice']);
    expect(p.transcript.some((t) => t.from === 'bot' && t.text === 'What email address should we reply to?')).toBe(true);
    expect(p.escalation?.reason).toBe('loop');
    expect(p.escalation?.signals.find((s) => s.reason === 'loop')?.evidence[0]).toBe('131207');
  });

  it('an email, or a new detail, at that question is answered as before', () => {
    expect(play(['Something else', 'I want to cancel an order', 'order number NW-131207', 'ada@example.com']).escalation).toBeNull();
    // Not an email, but nothing repeated and nothing asked: the email question is asked again, no failed turn counted.
    const p = play(['Something else', 'I want to cancel an order', 'order number NW-131207', 'it was the blue kettle', 'it was a gift for my mum']);
    expect(p.escalation).toBeNull();
  });

  it('the detector: the third giving counts only on a message the bot could not use', () => {
    const recent = ['order number nw 131207', 'nw 131207 cancel it please'];
    const text = 'cancel NW-131207 please';
    expect(detectLoop(facts(text, { fallback: true }), policy(), memory({ recent }))?.explanation).toMatch(/gave 131207 3 times/);
    expect(detectLoop(facts(text, { fallback: false }), policy(), memory({ recent }))).toBeNull();
    // Two earlier mentions are needed (loop.count 3).
    expect(detectLoop(facts(text, { fallback: true }), policy(), memory({ recent: recent.slice(1) }))).toBeNull();
  });
});

describe('an order number does not hide what the customer asks for', () => {
  it('"where is my order NW-119200" is routed to tracking like "where is my order" (it fell back before)', () => {
    for (const text of ['where is my order NW-119200', 'track NW-107916 please', 'where is NW-119243']) {
      const p = play(['Something else', text]);
      expect(p.escalation, text).toBeNull();
      // Tracking took the order number from the message and looked it up (the lookup fails in the simulator).
      expect(p.transcript.some((t) => t.from === 'bot' && /couldn't look up order NW-1/.test(t.text)), text).toBe(true);
      expect(p.transcript.some((t) => t.from === 'bot' && t.text === "Sorry, I didn't get that."), text).toBe(false);
    }
  });

  it('a request the flow has no intent for still falls back with an order number in it', () => {
    const p = play(['Something else', 'do you sell shea butter NW-119200']);
    // Session 26 (shopfb): a clear shop question the flow cannot answer is told so (settings.shopQuestionMessage), not "didn't get that".
    expect(p.transcript.some((t) => t.from === 'bot' && /can't see product details/.test(t.text))).toBe(true);
    expect(p.transcript.some((t) => t.from === 'bot' && /look up order/.test(t.text))).toBe(false);
  });
});

describe('a new question typed at "Would you like to talk to a person?" goes to the question router', () => {
  it('after a failed order lookup, "and can I pay with PayPal?" is answered instead of dropped', () => {
    const p = play(['Something else', 'where is my order NW-100876', 'and can I pay with PayPal?']);
    expect(p.transcript.some((t) => t.from === 'bot' && /We accept Visa/.test(t.text))).toBe(true);
    expect(p.escalation).toBeNull();
  });

  it('the buttons and their words still work there', () => {
    // "yes please" is the person button: the Human takeover block starts (it asks for an email first).
    expect(play(['Something else', 'where is my order NW-100876', 'yes please']).transcript.at(-1)?.text).toBe('What is your email address, in case we get disconnected?');
    const no = play(['Something else', 'where is my order NW-100876', 'no thanks']);
    expect(no.handoff).toBeNull();
    expect(no.transcript.at(-1)?.text).toBe('Anything else I can help with?');
  });
});

describe('newcomer s8 #6: one request asked three times in other words, the bot failing each time, is a loop', () => {
  it('the jumper asked three ways is handed over as a loop although clear shop questions count half', () => {
    const p = play(['Something else', 'how do I change the size of the jumper I ordered?', 'can I swap my jumper for a bigger one?', 'is it possible to exchange the jumper for a large instead of a medium?']);
    expect(p.escalation?.reason).toBe('loop');
  });

  it('two failed questions then thanks, or three different questions, are not', () => {
    expect(play(['Something else', 'What are your store hours in Bath?', 'What are your store hours in Bristol?', "Thanks, I'll try Bristol"]).escalation).toBeNull();
    expect(play(['Something else', 'do you do gift wrapping?', 'is there a student discount?', 'can I buy a gift card?']).escalation?.reason).not.toBe('loop');
  });
});

describe('graduated mode acknowledges a message the bot understood and carries on (newcomer s8 #23)', () => {
  const graduated = { ...flow, escalation: { ...flow.escalation, mode: 'graduated' as const } };
  const playG = (turns: string[]) => playConversation(graduated, 'escloop-g', turns, now);

  it('"WHERE IS MY ORDER": the acknowledgement, then the order-number question; the order number given next is looked up', () => {
    const p = playG(['Something else', 'WHERE IS MY ORDER', 'I ordered it two weeks ago, NW-104233']);
    const bot = p.transcript.filter((t) => t.from === 'bot').map((t) => t.text);
    const ack = bot.indexOf('Sorry about that. Can you tell me a bit more so I can help?');
    expect(ack).toBeGreaterThan(-1);
    expect(bot[ack + 1]).toBe(ORDER_QUESTION);
    // The order number, not the whole sentence, is what the lookup got.
    expect(bot).toContain("I'm sorry, I couldn't look up order NW-104233 just now. A colleague can check it for you.");
  });

  it('a message the bot did not understand is still asked again', () => {
    const p = playG(['Something else', 'asdkjh qwe', 'zzkq vvbn']);
    expect(p.transcript.at(-1)?.text).toBe("Sorry, I'm not sure I understood. Could you put it another way?");
  });
});
