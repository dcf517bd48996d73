import { describe, expect, it } from 'vitest';
import { pickAgent } from '../../../shared/handoff/assignment';
import type { AssignmentRequest } from '../../../shared/handoff/types';
import {
  agentReleasedChat,
  agentTookChat,
  assignVirtualAgent,
  nobodyOnline,
  setAgentStatus,
  toPresence,
  virtualAgent,
} from '../../../shared/simulator/virtualAgents';

const req = (over: Partial<AssignmentRequest> = {}): AssignmentRequest => ({
  strategy: 'least_busy',
  maxChatsPerAgent: 3,
  skill: '',
  language: '',
  teams: [],
  agents: [],
  ...over,
});

describe('virtual agents', () => {
  it('map to the runtime presence: busy is away, offline is offline', () => {
    const p = toPresence([virtualAgent({ name: 'Ana' }), virtualAgent({ name: 'Ben', status: 'busy' }), virtualAgent({ name: 'Chloe', status: 'offline' })]);
    expect(p.map((a) => [a.id, a.status])).toEqual([
      ['ana', 'online'],
      ['ben', 'away'],
      ['chloe', 'offline'],
    ]);
  });

  it('pick exactly as the runtime policy does (least busy, skills, languages)', () => {
    const agents = [
      virtualAgent({ name: 'Ana', skills: ['billing'], languages: ['en'], activeChats: 2 }),
      virtualAgent({ name: 'Ben', skills: ['billing'], languages: ['en-GB'], activeChats: 1 }),
      virtualAgent({ name: 'Chloe', skills: [], languages: ['en'], activeChats: 0 }),
    ];
    const r = req({ skill: 'billing', language: 'en' });
    const got = assignVirtualAgent(agents, r);
    expect(got.agent?.id).toBe('ben');
    expect(got).toEqual(pickAgent(toPresence(agents), r));
  });

  it("respect an agent's own capacity and say so", () => {
    const agents = [virtualAgent({ name: 'Ana', capacity: 1, activeChats: 1 })];
    const got = assignVirtualAgent(agents, req());
    expect(got.agent).toBeNull();
    expect(got.explanation).toMatch(/limit/);
  });

  it('count chats: taking one makes round robin move on; releasing frees capacity', () => {
    let agents = [virtualAgent({ name: 'Ana' }), virtualAgent({ name: 'Ben' })];
    const rr = req({ strategy: 'round_robin' });
    expect(assignVirtualAgent(agents, rr).agent?.id).toBe('ana');
    agents = agentTookChat(agents, 'ana', 1000);
    expect(assignVirtualAgent(agents, rr).agent?.id).toBe('ben');
    expect(agents[0].activeChats).toBe(1);
    agents = agentReleasedChat(agents, 'ana');
    expect(agents[0].activeChats).toBe(0);
  });

  it('switch status by name or id and report unknown names; nobody online keeps the team', () => {
    const agents = [virtualAgent({ name: 'Ana' }), virtualAgent({ name: 'Ben' })];
    const r = setAgentStatus(agents, ['BEN', 'zoe'], 'offline');
    expect(r.unknown).toEqual(['zoe']);
    expect(r.agents.map((a) => a.status)).toEqual(['online', 'offline']);
    const none = nobodyOnline(agents);
    expect(none.every((a) => a.status === 'offline')).toBe(true);
    expect(assignVirtualAgent(none, req()).explanation).toMatch(/No agent is online/);
  });
});
