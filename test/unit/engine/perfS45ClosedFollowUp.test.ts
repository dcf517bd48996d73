/**
 * Session 45 (perf, issue 8; the lead's product decision): at the follow-up ticket's questions, the no-agent follow-up's
 * reading (engine.ts nobodyFreeText: self-harm and emergencies, a request for a person answered with the still-closed
 * line, an upset customer acknowledged) holds for as long as the takeover is closed by its opening hours and has told the
 * customer so, not only for the first FRESH_TURNS messages (noAgentFollowUp.ts inClosedFollowUp). From the 4th message
 * on, the whole policy read answers there before: a topic, a loop or plain urgency got "I can't put you through yet"
 * (nobody asked to be put through) and the escalation memory advanced on answers to the ticket's own question.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { FRESH_TURNS } from '../../../shared/engine/noAgentFollowUp';

const SATURDAY_AFTERNOON = Date.parse('2026-03-07T13:30:00Z'); // Northwind: Mon-Fri 8am-8pm, Sat 9am-1pm, Europe/London
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

/** Out of hours: asked for a person, then FRESH_TURNS messages at the follow-up ticket's email question. */
function pastTheFreshTurns() {
  const c = converse(load(), { now: SATURDAY_AFTERNOON });
  c.say('I want a person');
  expect(c.state.waiting).toMatchObject({ kind: 'ticket_question', blockId: 'ticket_closed', field: 'email' });
  for (const t of ['my parcel is late', 'where is it', 'still nothing']) c.say(t);
  expect(FRESH_TURNS).toBe(3);
  return c;
}

describe('the follow-up ticket while the takeover is closed (session 45)', () => {
  it('a topic or plain urgency from the 4th message on gets the ticket\'s own reply, not "I can\'t put you through"', () => {
    for (const text of ['the jacket arrived damaged', 'what are your shipping costs asap']) {
      const c = pastTheFreshTurns();
      const memory = c.state.escalation;
      const n = c.botTexts().length;
      const step = c.say(text);
      const said = c.botTexts().slice(n).join(' ');
      expect(said).not.toMatch(/put you through/);
      expect(said).toMatch(/email/);
      expect(c.state.waiting).toMatchObject({ kind: 'ticket_question', blockId: 'ticket_closed', field: 'email' });
      // The answer to the ticket's question does not advance the escalation memory (as in the first messages).
      expect(c.state.escalation).toEqual(memory);
      expect(c.effects('handoff_request')).toHaveLength(0);
      expect(step.decision?.action ?? 'none').not.toBe('rephrase');
    }
  });

  it('an upset message is acknowledged and a request for a person gets the still-closed line, in one message with the question', () => {
    const c = pastTheFreshTurns();
    let n = c.botTexts().length;
    c.say('this is useless, I have been trying for an hour to find my scarf!!!');
    expect(c.botTexts().slice(n)).toEqual(["I understand, and I'm sorry. So a colleague can get back to you as soon as they can, what email address should we use? (Or say you don't have one.)"]);
    n = c.botTexts().length;
    c.say('I want to talk to a real person');
    expect(c.botTexts().slice(n)[0]).toMatch(/^Our team is still offline, so I can't put you through yet: they're back on Monday at 8am\. Leave your email address/);
    c.say('kim@example.com');
    expect(c.variables().customerEmail).toBe('kim@example.com');
  });

  it('once the team is open again the whole policy reads the ticket\'s answers (a request for a person is handed over)', () => {
    const c = pastTheFreshTurns();
    c.wait('44h'); // Monday 09:30 UK time: open
    const n = c.botTexts().length;
    c.say('I want to talk to a real person');
    const said = c.botTexts().slice(n).join(' ');
    expect(said).not.toMatch(/still offline/);
    expect(c.state.waiting?.blockId).not.toBe('ticket_closed');
  });
});
