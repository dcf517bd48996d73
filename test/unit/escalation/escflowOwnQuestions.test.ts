/**
 * Session 7 (escflow), issue 11 lever 1: a Ticket block's own questions ("What email address should we reply to?")
 * get the escalation policy's conversation-level checks (loop, repeated fallback, explicit request), played through
 * flows/customer-support.json as `baton simulate` plays them. Ordinary answers there (an email, the issue in the
 * customer's own words) never escalate.
 */
import { describe, it, expect } from 'vitest';
import { loadSupportFlow, REPORT_NOW } from '../../bench/escalationReport';
import { playConversation } from '../../../shared/simulator/playConversation';
import { createSimulation } from '../../../shared/simulator/createSimulation';
import { escalationTexts } from '../../../shared/engine/engine';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';
import type { Flow } from '../../../shared/flow/schema';
import { detectLoop } from '../../../shared/escalation/detectors/detectLoop';
import { facts, memory, policy } from './facts';

const flow = loadSupportFlow();
const now = Date.parse(REPORT_NOW);
/** detectLoop on the last message, the earlier ones as the memory's recent questions. */
function detectLoopAt(turns: string[]) {
  const earlier = turns.slice(0, -1).map((t) => facts(t).analysis.normalized);
  return detectLoop(facts(turns[turns.length - 1]), policy(), memory({ recent: earlier }));
}
const play = (turns: string[], f: Flow = flow) => playConversation(f, 'own-q', ['Something else', ...turns], now);

// Session 13 (fixrev, hostile s13 #7): the template confirms every cancel first ('Yes, cancel it'), so each conversation
// below clicks it before the ticket's email question the test is about.
describe('conversation-level checks at a Ticket block\'s own questions', () => {
  it('a customer who keeps re-asking how to cancel while the ticket asks for an email is handed over as a loop', () => {
    const p = play(['I need to cancel order NW-116340', 'Yes, cancel it', 'NW-116340', 'how do I cancel NW-116340?', 'hello?', 'how can I cancel NW-116340, please tell me']);
    // The bot did reach the ticket's email question (the checks ran there, not at a router).
    expect(p.transcript.some((t) => t.from === 'bot' && t.text === ticketPrompts.email)).toBe(true);
    expect(p.escalation?.reason).toBe('loop');
    // Handed to the Human takeover block (which asks for an email before queueing). Session 48 (conv9, hostile s47 M1):
    // "hello?" and the question again there are two non-answers, so the takeover goes on without the email (queued).
    expect(p.end.waitingFor).toBe('handoff');
  });

  it('asking for a person instead of giving an email hands over as an explicit request', () => {
    const p = play(['I need to cancel order NW-116340', 'Yes, cancel it', 'NW-116340', 'can I just talk to a real person please']);
    expect(p.escalation?.reason).toBe('explicit_request');
  });

  it('ordinary answers at the ticket questions never escalate, and the ticket is opened', () => {
    for (const email of ['ada@example.com', 'Ada.Lovelace+orders@example.co.uk']) {
      const p = play(['I need to cancel order NW-116340', 'Yes, cancel it', 'NW-116340', email]);
      expect(p.escalation).toBeNull();
      expect(p.transcript.some((t) => t.from === 'bot' && /ticket/i.test(t.text) && t.text !== ticketPrompts.email)).toBe(true);
    }
    // The issue in the customer's own words is what the ticket is for: a topic or a mood there is not re-read.
    const r = playConversation(flow, 'own-q', ['Returns', 'NW-104233', 'Another reason', 'ada@example.com', 'the lamp arrived smashed, I am really upset, I want my money back'], now);
    expect(r.transcript.some((t) => t.from === 'bot' && t.text === ticketPrompts.issue)).toBe(true);
    expect(r.escalation).toBeNull();
    expect(r.transcript.some((t) => t.from === 'bot' && /ticket T-/.test(t.text))).toBe(true);
  });

  it('one answer that is not an email is retried as before (no escalation on a single slip)', () => {
    const p = play(['I need to cancel order NW-116340', 'Yes, cancel it', 'NW-116340', 'ada at example']); // session 45 (details4, L6): "ada at example dot com" is read as an address now
    expect(p.escalation).toBeNull();
    expect(p.transcript.at(-1)?.text).toBe(ticketPrompts.emailRetry);
  });

  it('graduated mode: rephrase, then a person offered at the question; the buttons work there', () => {
    const graduated: Flow = { ...flow, escalation: { ...flow.escalation, mode: 'graduated' } };
    const sim = createSimulation(graduated, { now, conversationId: 'grad', http: () => ({ ok: false, status: 0, body: null }) });
    for (const t of ['Something else', 'I need to cancel order NW-116340', 'Yes, cancel it', 'NW-116340']) sim.say(t);
    expect(sim.state.waiting?.kind).toBe('ticket_question');
    const said = (t: string) => sim.say(t).flatMap((s) => s.messages.map((m) => m.text));
    expect(said('where do I find my email for this')).toContain(ticketPrompts.emailRetry);
    // An explicit request is handed over at once in graduated mode too: the takeover block asks for an email.
    expect(said('can I speak to someone')).not.toContain(escalationTexts.rephrase);
    expect(sim.state.lastEscalation?.reason).toBe('explicit_request');
    expect(sim.state.waiting?.kind).toBe('takeover_question');
  });

  it('graduated mode: the offer at a ticket question hands over on "Talk to a person" and keeps the question on "Keep chatting"', () => {
    const graduated: Flow = { ...flow, escalation: { ...flow.escalation, mode: 'graduated' } };
    const run = (button: string) => {
      const sim = createSimulation(graduated, { now, conversationId: `offer-${button}`, http: () => ({ ok: false, status: 0, body: null }) });
      for (const t of ['Something else', 'I need to cancel order NW-116340', 'Yes, cancel it', 'NW-116340']) sim.say(t);
      let offered = false;
      for (const t of ['how do I cancel NW-116340?', 'how can I cancel NW-116340', 'cancel NW-116340 how', 'how do i cancel order NW-116340 then']) {
        const texts = sim.say(t).flatMap((s) => s.messages.map((m) => m.text));
        if (texts.includes(escalationTexts.offer)) { offered = true; break; }
      }
      expect(offered).toBe(true);
      expect(sim.state.waiting?.kind).toBe('ticket_question');
      sim.send({ type: 'choice', buttonId: button });
      return sim;
    };
    const yes = run(escalationTexts.personId);
    expect(yes.state.waiting?.kind).toBe('takeover_question');
    expect(yes.state.waiting?.blockId).toBe(graduated.escalation.targetBlockId);
    const no = run(escalationTexts.botId);
    expect(no.state.handoff).toBeNull();
    expect(no.state.waiting?.kind).toBe('ticket_question');
    expect(no.state.escalation.level).toBe(0);
    // The offer has been answered: a second click is refused, and an email still opens the ticket.
    expect(no.send({ type: 'choice', buttonId: escalationTexts.personId }).every((s) => s.rejected !== undefined)).toBe(true);
    no.say('ada@example.com');
    expect(no.state.variables.customerEmail).toBe('ada@example.com');
  });
});

describe('ordinary answers at the ticket questions (session 7 traps)', () => {
  it('an address or a "yes" given where the ticket asks for an email is not a failed turn', () => {
    for (const answers of [['3 Hill Street, Birmingham B5 4AU', 'Yes'], ['Yes', 'yes thanks'], ['the blue one', 'SW1A 1AA']]) {
      const p = play(['I need to cancel order NW-116340', 'Yes, cancel it', 'NW-116340', ...answers]);
      expect(p.escalation).toBeNull();
    }
  });

  it('one question back at the email question is not yet a streak; a second one in a row is', () => {
    expect(play(['I need to cancel order NW-116340', 'Yes, cancel it', 'NW-116340', 'Yes', 'When will I get the confirmation?']).escalation).toBeNull();
    expect(play(['I need to cancel order NW-116340', 'Yes, cancel it', 'NW-116340', 'are you a robot?', 'who am I even talking to?']).escalation?.reason).toBe('repeated_fallback');
  });
});

describe('"again the ..." corrects the bot only where it opens the message', () => {
  const loopAt = (turns: string[]) => detectLoopAt(turns);
  it('inside a sentence it is another request, not a loop', () => {
    expect(loopAt(['I want to cancel my order NW-104949 please', 'Thank you. Can I order again the same in blue?'])).toBeNull();
  });
  it('opening the message it still is one', () => {
    expect(loopAt(['do u have the hoodie in green', 'again, the colour, not the size'])).not.toBeNull();
  });
});
