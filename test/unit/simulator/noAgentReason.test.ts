import { describe, expect, it } from 'vitest';
import { createScenarioSession, describeAgents } from '../../../shared/simulator/scenarioSession';
import { simulatorView } from '../../../shared/simulator/simulatorView';
import { virtualAgent } from '../../../shared/simulator/virtualAgents';
import type { Flow } from '../../../shared/flow/schema';
import { loadFlow, MONDAY_10 } from './helpers';

/** customer-support with its Human Takeover needing `skill` (availability kept: Monday 10:00 is open). */
function withSkill(skill: string): Flow {
  const flow = loadFlow('customer-support');
  return { ...flow, blocks: flow.blocks.map((b) => (b.kind === 'human_takeover' ? ({ ...b, data: { ...b.data, skill } } as typeof b) : b)) };
}
const team = () => [virtualAgent({ name: 'Ana', skills: ['returns'], languages: ['en'] }), virtualAgent({ name: 'Ben', languages: ['en'] }), virtualAgent({ name: 'Dev', status: 'offline' })];

describe('a Human Takeover that leaves by no_agent before any handoff: the session says why', () => {
  it('records the skill nobody online has and each online agent with their skills', () => {
    const s = createScenarioSession(withSkill('billing'), { now: MONDAY_10, agents: team() });
    s.apply({ say: 'Can I talk to a real person please?' });
    expect(s.sim.effects.some((e) => e.type === 'handoff_request')).toBe(false);
    expect(s.assignments).toHaveLength(1);
    const r = s.assignments[0];
    expect(r).toMatchObject({ handoffId: null, agentId: null, exit: 'no_agent', blockId: 'human_agent' });
    expect(r.explanation).toMatch(/No online agent knows 'billing'\./);
    expect(r.explanation).toMatch(/Online: Ana \(skills: returns[^)]*\), Ben \(skills: none[^)]*\)\. Offline: Dev\./);
    const v = simulatorView(s);
    expect(v.agentPane.noAgent).toBe(r);
    expect(v.agentPane.whyNot).toBe(r.explanation);
  });

  it('is also recorded when the flow reaches the takeover on its own at the start', () => {
    const s = createScenarioSession(withSkill('billing'), { now: MONDAY_10, agents: team(), startAt: 'human_agent' });
    expect(s.assignments.map((a) => a.exit)).toEqual(['no_agent']);
  });

  it('records nothing extra when someone has the skill (the handoff is requested), nor when agents are unknown', () => {
    const agents = team();
    agents[1] = virtualAgent({ name: 'Ben', skills: ['billing'], languages: ['en'] });
    const s = createScenarioSession(withSkill('billing'), { now: MONDAY_10, agents });
    s.apply({ say: 'Can I talk to a real person please?' });
    s.apply({ say: 'sam@example.com' });
    expect(s.assignments.every((a) => a.exit === undefined)).toBe(true);
    expect(simulatorView(s).agentPane.noAgent).toBeNull();
    const unknown = createScenarioSession(withSkill('billing'), { now: MONDAY_10 });
    unknown.apply({ say: 'Can I talk to a real person please?' });
    expect(unknown.assignments).toEqual([]);
  });

  it('describeAgents shows only the attributes the request filters on', () => {
    const agents = team();
    expect(describeAgents(agents, { skill: '', language: '', teams: [] })).toBe('Online: Ana, Ben. Offline: Dev.');
    expect(describeAgents(agents, { skill: '', language: 'fr', teams: [] })).toBe('Online: Ana (languages: en), Ben (languages: en). Offline: Dev.');
    expect(describeAgents([], { skill: 'x', language: '', teams: [] })).toBe('No virtual agents are set.');
  });
});
