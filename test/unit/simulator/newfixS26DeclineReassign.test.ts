/**
 * Session 26 (newfix), newcomer s26 F9: in the simulator, after the agent the block auto-assigned declined the chat, it
 * stayed pending although another agent was online and free, and the panel's assignment line still named the agent who
 * had declined ("Least busy: Ben has the fewest active chats (0)"). `baton serve` re-assigns (the agent hub leaves out
 * who declined); the simulator now does the same: the block's mode picks again among the others, the line is updated,
 * and when nobody else can take it, it says so.
 */
import { describe, expect, it } from 'vitest';
import { createScenarioSession } from '../../../shared/simulator/scenarioSession';
import { virtualAgent } from '../../../shared/simulator/virtualAgents';
import { simulatorView } from '../../../shared/simulator/simulatorView';
import { loadFlow, MONDAY_10 } from './helpers';

const flow = loadFlow('customer-support');
const ANGRY = 'this is ridiculous, I have been waiting for three weeks for my parcel and nobody answers my emails. worst shop ever';

function handedToFirst(agents: ReturnType<typeof virtualAgent>[]) {
  const s = createScenarioSession(flow, { now: MONDAY_10, agents });
  s.apply({ say: ANGRY });
  if (s.sim.state.waiting?.kind === 'takeover_question') s.apply({ say: 'jo@example.com' });
  expect(s.sim.state.handoff).toMatchObject({ status: 'assigned' });
  return s;
}

describe('a declined chat in the simulator', () => {
  it('goes to the other free agent by the block\'s mode, and the assignment line names them', () => {
    const s = handedToFirst([virtualAgent({ name: 'Ana' }), virtualAgent({ name: 'Ben' })]);
    const first = s.sim.state.handoff!.agentName!;
    const other = first === 'Ana' ? 'Ben' : 'Ana';
    expect(s.apply({ agent: 'decline' }).ok).toBe(true);
    expect(s.sim.state.handoff).toMatchObject({ status: 'assigned', agentName: other });
    expect(s.sim.state.mode).toBe('agent');
    const line = s.assignments.at(-1)!;
    expect(line.agentId).toBe(other.toLowerCase());
    expect(line.explanation).toContain(`${first} declined`);
    expect(simulatorView(s).agentPane.assignments.at(-1)!.explanation).toContain(other);
  });

  it('waits in the queue when nobody else is free, and the line says why', () => {
    const s = handedToFirst([virtualAgent({ name: 'Ana' }), virtualAgent({ name: 'Ben', status: 'offline' })]);
    expect(s.apply({ agent: 'decline' }).ok).toBe(true);
    expect(s.sim.state.handoff).toMatchObject({ status: 'pending' });
    const line = s.assignments.at(-1)!;
    expect(line.agentId).toBeNull();
    expect(line.explanation).toMatch(/Ana declined/);
    expect(line.explanation).toMatch(/waits in the queue/);
  });

  it('a transfer is not re-assigned by the block: it goes to the agent named', () => {
    const s = handedToFirst([virtualAgent({ name: 'Ana' }), virtualAgent({ name: 'Ben' }), virtualAgent({ name: 'Cy' })]);
    expect(s.apply({ agent: 'transfer', to: 'Cy' }).ok).toBe(true);
    expect(s.sim.state.handoff).toMatchObject({ status: 'assigned', agentName: 'Cy' });
  });
});
