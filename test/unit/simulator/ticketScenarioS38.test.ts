/**
 * Session 38 (hostile mini-pass of session 37: "a chat that opens a ticket cannot be saved as a scenario"): the ticket
 * number the customer is told derives from the conversation id ("T-CLI" in `baton chat`, "T-STUDIO" in the studio's
 * simulator), and a scenario replayed as "scenario" said "T-SCENARIO": `baton chat`'s /save refused ("the scenario
 * would not replay this chat"), and a studio scenario whose expectations quote the number failed in `baton test`. A
 * recorded conversation that opened a ticket now keeps its conversation id in the scenario (recordScenario), which the
 * runner uses. The flow: customer-support out of hours (Sunday 03:00, London): a request for a person opens a ticket.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../shared/flow/schema';
import { expectationFromEntry, recordScenario } from '../../../shared/simulator/scenarioRecorder';
import { runScenario } from '../../../shared/simulator/scenarioRunner';
import { createScenarioSession } from '../../../shared/simulator/scenarioSession';

const flow = JSON.parse(readFileSync('flows/customer-support.json', 'utf8')) as Flow;
const SUNDAY_NIGHT = Date.parse('2026-03-01T03:00:00Z');

function played(conversationId: string, says: string[]) {
  const session = createScenarioSession(flow, { now: SUNDAY_NIGHT, httpDefault: 'wait', conversationId });
  for (const say of says) expect(session.apply({ say }).ok).toBe(true);
  return session;
}

describe('a conversation that opened a ticket replays as a scenario (session 38)', () => {
  it('the studio: saved with its conversation id, and an expectation quoting the ticket number passes', () => {
    const session = played('studio', ['I want to talk to a person', 'Sam', 'sam@example.com', 'my parcel never arrived']);
    const told = session.sim.transcript.find((t) => t.from === 'bot' && t.text.includes('T-STUDIO'));
    expect(told?.text).toContain("We've opened ticket T-STUDIO.");
    const scenario = recordScenario(session, { name: 'ticket' });
    expect(scenario.conversationId).toBe('studio');
    // The tester clicks the ticket message in the transcript: "bot says ... T-STUDIO ...".
    scenario.steps.splice(scenario.steps.length - 1, 0, { expect: expectationFromEntry(told!)! });
    const r = runScenario(flow, scenario);
    expect(r.failure).toBeNull();
    expect(r.status).toBe('passed');
    expect(r.expectationsPassed).toBe(2);
    // Without the id (as saved before session 38) the replay says another number.
    const { conversationId: _dropped, ...before } = scenario;
    const old = runScenario(flow, before);
    expect(old.status).toBe('failed');
    expect(JSON.stringify(old.failure)).toContain('T-SCENARIO');
  });

  it('no ticket: no conversation id in the scenario (nothing derives from it)', () => {
    const session = played('studio', ['where is my order']);
    expect(session.sim.effects.some((e) => e.type === 'create_ticket')).toBe(false);
    expect(recordScenario(session, { name: 'plain' }).conversationId).toBeUndefined();
  });

  it('the default id is not written', () => {
    const session = played('scenario', ['I want to talk to a person', 'Sam', 'sam@example.com', 'my parcel never arrived']);
    expect(recordScenario(session, { name: 'ticket' }).conversationId).toBeUndefined();
  });
});
