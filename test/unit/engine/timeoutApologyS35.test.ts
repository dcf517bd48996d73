/**
 * Session 35 (newcomer s35 #1): a Human takeover whose Timeout exit goes straight to a Ticket (what the studio's
 * warning suggests) went from "Expected wait" to "What email address should we reply to?" after the queue timeout,
 * with no word that nobody came. Now the customer is told so first; a Timeout wired to a Message (the designer's own
 * words, as in the sample flow's "Sorry for the wait: all our colleagues are still busy") is not doubled.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../shared/flow/schema';
import type { AgentPresence } from '../../../shared/handoff/types';
import { takeoverTexts } from '../../../shared/engine/humanTakeover';
import { converse } from './harness';

const OPEN = Date.UTC(2026, 2, 9, 11, 30); // Monday, in the sample flow's hours
// Away: may still take the chat from the queue, takes no automatic assignment: the customer waits.
const ann: AgentPresence = { id: 'ann', name: 'Ann', status: 'away', skills: [], languages: ['en'], teams: [], activeChats: 0, lastAssignedAt: null };

function sampleFlow(timeoutTo?: string): Flow {
  const flow = JSON.parse(readFileSync('flows/customer-support.json', 'utf8')) as Flow;
  if (timeoutTo === undefined) return flow;
  return { ...flow, edges: flow.edges.map((e) => (e.from === 'human_agent' && e.exit === 'timeout' ? { ...e, to: timeoutTo } : e)) };
}

/** Asks for a person, gives the email the takeover asks for, and lets the queue time out with nobody accepting. */
function timedOut(flow: Flow) {
  const c = converse(flow, { now: OPEN, agents: [ann] });
  c.say('I want to talk to a person');
  for (let i = 0; i < 4 && c.state.mode !== 'waiting'; i++) c.say(i === 0 ? 'kim@example.com' : 'my parcel is late');
  expect(c.state.mode).toBe('waiting');
  const before = c.botTexts().length;
  c.wait('2h');
  return { c, after: c.botTexts().slice(before) };
}

describe('a queue timeout says nobody could join before the next block', () => {
  it('Timeout -> Ticket: the apology, then the ticket goes on', () => {
    const { after } = timedOut(sampleFlow('ticket_followup'));
    expect(after[0]).toBe(takeoverTexts.timedOut);
    expect(after.length).toBeGreaterThan(1);
  });

  it("Timeout -> a Message (the sample flow's own apology): said once, not doubled", () => {
    const { after } = timedOut(sampleFlow());
    expect(after[0]).toMatch(/^Sorry for the wait/);
    expect(after).not.toContain(takeoverTexts.timedOut);
  });
});

/**
 * Session 35 (newcomer s35 #7): in Default mode (the name asked first) an angry customer who asked for a person got
 * "Before I connect you, may I have your name?" and no apology; a request for a person said in anger got "Of course".
 */
describe('an upset customer is told sorry first, whatever else brought them here', () => {
  it('Default mode, angry and asking for a person: the upset line, then the name question', async () => {
    const { defaultTakeoverFlow } = await import('./defaultTakeoverFlow');
    const c = converse(defaultTakeoverFlow());
    c.say('I am so angry, this is the third time my order is late. Get me a person');
    const said = c.lastStep.messages.map((m) => m.text);
    expect(said[0]).toMatch(/^I'm sorry about this\./);
    expect(said[said.length - 1]).toMatch(/may I have your name\?$/);
  });

  it('Default mode, a calm request: the name question alone, as before', async () => {
    const { defaultTakeoverFlow } = await import('./defaultTakeoverFlow');
    const c = converse(defaultTakeoverFlow());
    c.say('I want to talk to a person');
    expect(c.lastStep.messages.map((m) => m.text)).toEqual(['Before I connect you, may I have your name?']);
  });

  it('nobody signed in: an angry request for a person hears sorry before "no one is available"', () => {
    const c = converse(sampleFlow(), { now: OPEN, agents: [] });
    c.say('this is the third time my order is late and I am furious, get me a human');
    const said = c.lastStep.messages.map((m) => m.text);
    expect(said[0]).toMatch(/^I'm sorry about this\./);
    expect(said).toContain(takeoverTexts.noAgent);
  });
});
