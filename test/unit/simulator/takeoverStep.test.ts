/**
 * The `{"agent": "takeover", "as": NAME}` step (an agent takes the live bot conversation over, as `/takeover`
 * in baton chat and "Take over" in the inbox): who may take over, and the engine's refusals passed through.
 */
import { describe, expect, it } from 'vitest';
import { createScenarioSession } from '../../../shared/simulator/scenarioSession';
import { runScenario } from '../../../shared/simulator/scenarioRunner';
import { parseStep } from '../../../shared/simulator/scenarioSchema';
import { virtualAgent } from '../../../shared/simulator/virtualAgents';
import { simulatorView } from '../../../shared/simulator/simulatorView';
import { loadFlow, MONDAY_10 } from './helpers';

const flow = loadFlow('customer-support');

describe('takeover step', () => {
  it('is a valid step, and the first online virtual agent takes over when "as" is left out', () => {
    expect(parseStep({ agent: 'takeover', as: 'Ana' }, []).ok).toBe(true);
    const s = createScenarioSession(flow, { now: MONDAY_10, agents: [virtualAgent({ name: 'Dev', status: 'offline' }), virtualAgent({ name: 'Ana' })] });
    expect(s.apply({ say: 'Track my order' }).ok).toBe(true);
    expect(s.apply({ agent: 'takeover' })).toMatchObject({ ok: true });
    expect(s.sim.state.mode).toBe('agent');
    expect(s.sim.state.handoff).toMatchObject({ status: 'assigned', agentName: 'Ana' });
  });

  it('refuses an offline agent, and a takeover while the customer already waits for a person, in words', () => {
    const s = createScenarioSession(flow, { now: MONDAY_10, agents: [virtualAgent({ name: 'Dev', status: 'offline' }), virtualAgent({ name: 'Ana', status: 'busy' })] });
    expect(s.apply({ agent: 'takeover', as: 'Dev' })).toMatchObject({ ok: false, error: expect.stringContaining('Dev is offline; set them online first') });
    const r = runScenario(flow, {
      name: 'x',
      steps: [{ say: 'Can I talk to a real person please?' }, { say: 'sam@example.com' }, { agent: 'takeover', as: 'Ana' }],
    });
    expect(r.status).toBe('failed');
    expect(r.failure?.actual).toContain('the customer is already waiting for a person');
  });

  it('the panel view offers a takeover only while the bot waits for the customer, and says why not otherwise', () => {
    const s = createScenarioSession(flow, { now: MONDAY_10, agents: [virtualAgent({ name: 'Ana' }), virtualAgent({ name: 'Ben', status: 'busy' })] });
    s.apply({ say: 'Track my order' });
    expect(simulatorView(s).agentPane.takeover).toMatchObject({ can: true, whyNot: null });
    expect(simulatorView(s).agentPane.takeover.as.map((a) => a.name)).toEqual(['Ana']);
    s.apply({ agent: 'takeover', as: 'Ana' });
    expect(simulatorView(s).agentPane.takeover).toEqual({ can: false, as: [], whyNot: 'An agent cannot take over now: Ana already has this conversation.' });
    s.apply({ agent: 'handback' });
    s.apply({ offline: ['Ana'] });
    expect(simulatorView(s).agentPane.takeover).toEqual({ can: false, as: [], whyNot: 'Nobody is online: set a virtual agent online to take over.' });
  });
});
