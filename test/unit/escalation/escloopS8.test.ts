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
    for (const answer of ['NW-104233', 'it is NW-104233', 'NW-104233?', 'is it NW-104233?', "I don't have it", 'the blue one', 'yes', 'SW1A 1AA']) {
      const p = play(['Track my order', answer]);
      expect(p.escalation, answer).toBeNull();
      expect(p.transcript.some((t) => t.from === 'bot' && t.text === ORDER_QUESTION)).toBe(true);
      // Taken: the bot moved on from the order-number question (no retry message).
      expect(p.transcript.at(-1)?.text, answer).not.toMatch(/Order numbers look like/);
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
