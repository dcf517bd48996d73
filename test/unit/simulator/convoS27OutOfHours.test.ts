/**
 * Session 27 (convo, newcomer s26 F19): out of hours the simulator's notice under "I want to talk to a human" said
 * "Handed over: the customer asked for a person" although no handoff was requested (the takeover is closed and left by
 * its No agent exit), and the agent panel's line gave the time as a raw ISO string in UTC. The step's explanation now
 * says what happened first ("Out of hours: ..."), and the panel gives the time in the block's zone, for people.
 */
import { describe, expect, it } from 'vitest';
import { createScenarioSession } from '../../../shared/simulator/scenarioSession';
import { simulatorView } from '../../../shared/simulator/simulatorView';
import { virtualAgent } from '../../../shared/simulator/virtualAgents';
import { loadFlow, MONDAY_10 } from './helpers';

const HOUR = 3_600_000;
const MONDAY_20 = MONDAY_10 + 10 * HOUR; // Northwind's team works Mon-Fri 08:00-20:00 (Europe/London)
const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d/;

describe('a request for a person out of hours (newcomer s26 F19)', () => {
  it('the notice says "Out of hours" and that no handoff was requested; what the policy read follows', () => {
    const s = createScenarioSession(loadFlow('customer-support'), { now: MONDAY_20, agents: [virtualAgent({ name: 'Ana' })] });
    const step = s.apply({ say: 'I want to talk to a human' });
    expect(s.sim.effects.some((e) => e.type === 'handoff_request')).toBe(false);
    const d = s.sim.steps.at(-1)!.decision!;
    expect(d.action).toBe('handoff'); // the policy's decision, as corpus tools count it
    expect(d.explanation).toMatch(/^Out of hours: the customer asked for a person, but "[^"]+" is closed now \(opening hours, Europe\/London\), so no handoff was requested/);
    expect(d.explanation).toMatch(/The policy read: Handed over: the customer asked for a person/);
    expect(d.explanation).not.toMatch(/^Handed over/);
    void step;
  });

  it("the agent panel gives the time in the block's zone, not an ISO string", () => {
    const s = createScenarioSession(loadFlow('customer-support'), { now: MONDAY_20, agents: [virtualAgent({ name: 'Ana' })] });
    s.apply({ say: 'I want to talk to a human' });
    const line = simulatorView(s).agentPane.assignments.at(-1)!.explanation;
    expect(line).toMatch(/^Out of hours: no handoff was requested\. It is Mon 2 Mar 2026 20:00 \(Europe\/London\), outside this block's opening hours\./);
    expect(line).not.toMatch(ISO);
  });

  it('in hours the same request is handed over and the notice still says so', () => {
    const s = createScenarioSession(loadFlow('customer-support'), { now: MONDAY_10, agents: [virtualAgent({ name: 'Ana' })] });
    s.apply({ say: 'I want to talk to a human' });
    expect(s.sim.steps.at(-1)!.decision!.explanation).toMatch(/^Handed over: the customer asked for a person/);
  });

  it('with nobody online the notice says "Nobody available", not "Handed over"', () => {
    const s = createScenarioSession(loadFlow('customer-support'), { now: MONDAY_10, agents: [virtualAgent({ name: 'Dev', status: 'offline' })] });
    s.apply({ say: 'I want to talk to a human' });
    expect(s.sim.effects.some((e) => e.type === 'handoff_request')).toBe(false);
    expect(s.sim.steps.at(-1)!.decision!.explanation).toMatch(/^Nobody available: the customer asked for a person/);
  });
});
