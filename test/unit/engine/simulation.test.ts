/**
 * The simulator plays the runtime's part: full transcript from Step.transcript, auto-assignment from who is
 * online, agent events with ids filled in, and flow edits applied to the next message (setFlow).
 */
import { describe, it, expect } from 'vitest';
import { makeFlow, DEFAULT_NOW } from './harness';
import { createSimulation } from '../../../shared/simulator/createSimulation';
import type { AgentPresence } from '../../../shared/handoff/types';

const online = (id: string, name: string): AgentPresence => ({ id, name, status: 'online', skills: [], languages: [], teams: [], activeChats: 0, lastAssignedAt: null });

function flow(greeting = 'What is your name?') {
  return makeFlow(
    [
      { id: 'q', kind: 'question', data: { text: greeting, variable: 'name' } },
      { id: 'ht', kind: 'human_takeover', data: { assignation: 'custom', askEmail: false, askReason: false, autoAssign: { enabled: true, strategy: 'round_robin', maxChatsPerAgent: 3 } } },
      { id: 'bye', kind: 'end', data: { text: 'Bye {{name}}' } },
    ],
    [['q', 'next', 'ht'], ['ht', 'resolved', 'bye']],
  );
}

describe('the simulator', () => {
  it('assigns like the runtime: an online agent accepts the request by itself', () => {
    const sim = createSimulation(flow(), { now: DEFAULT_NOW, agents: [online('a1', 'Ana')] });
    sim.say('Sam');
    expect(sim.state.mode).toBe('agent');
    expect(sim.state.handoff?.agentName).toBe('Ana');
    expect(sim.transcript.map((t) => t.text)).toContain('Sam');
  });

  it('fills handoff and event ids for agent events; nobody online leaves by no_agent', () => {
    const sim = createSimulation(flow(), { now: DEFAULT_NOW });
    sim.say('Sam');
    expect(sim.state.mode).toBe('waiting');
    const [step] = sim.agent({ type: 'agent_accepted', agentId: 'a2', agentName: 'Bo' });
    expect(step.rejected).toBeNull();
    sim.agent({ type: 'agent_handback', agentId: 'a2' });
    expect(sim.transcript.at(-1)?.text).toBe('Bye Sam');
    const none = createSimulation(flow(), { now: DEFAULT_NOW, agents: [] });
    none.say('Sam');
    expect(none.state.handoff).toBeNull();
  });

  it('setFlow: the next message runs on the edited flow without losing the conversation', () => {
    const sim = createSimulation(flow(), { now: DEFAULT_NOW });
    sim.setFlow(flow('Your name, please?'));
    sim.say('Sam');
    expect(sim.state.variables.name).toBe('Sam');
    // The question block is removed: the conversation is told and restarts at Start on the new flow.
    const sim2 = createSimulation(flow(), { now: DEFAULT_NOW });
    sim2.setFlow(makeFlow([{ id: 'q2', kind: 'question', data: { text: 'New question?', variable: 'x' } }], []));
    const [step] = sim2.say('hello');
    expect(step.messages.map((m) => m.text)).toContain('New question?');
    expect(sim2.transcript.filter((t) => t.from === 'customer')).toHaveLength(1);
  });
});
