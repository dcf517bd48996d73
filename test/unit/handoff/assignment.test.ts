import { describe, it, expect } from 'vitest';
import { eligibleAgents, languageMatches, pickAgent } from '../../../shared/handoff/assignment';
import type { AgentPresence, AssignmentRequest } from '../../../shared/handoff/types';

function agent(id: string, over: Partial<AgentPresence> = {}): AgentPresence {
  return {
    id,
    name: id[0].toUpperCase() + id.slice(1),
    status: 'online',
    skills: [],
    languages: ['en'],
    teams: ['support'],
    activeChats: 0,
    lastAssignedAt: null,
    ...over,
  };
}
function request(over: Partial<AssignmentRequest> = {}): AssignmentRequest {
  return { strategy: 'round_robin', maxChatsPerAgent: 3, skill: '', language: '', teams: [], agents: [], ...over };
}
const ids = (list: AgentPresence[]) => list.map((a) => a.id);

describe('eligibleAgents filters', () => {
  it('keeps only online agents', () => {
    const agents = [agent('ann'), agent('bob', { status: 'away' }), agent('cat', { status: 'offline' })];
    expect(ids(eligibleAgents(agents, request()))).toEqual(['ann']);
  });

  it('restricts to the allowed agent ids when the list is not empty', () => {
    const agents = [agent('ann'), agent('bob'), agent('cat')];
    expect(ids(eligibleAgents(agents, request({ agents: ['bob', 'cat'] })))).toEqual(['bob', 'cat']);
    expect(ids(eligibleAgents(agents, request({ agents: [] })))).toEqual(['ann', 'bob', 'cat']);
  });

  it('restricts to any of the listed teams', () => {
    const agents = [agent('ann', { teams: ['sales'] }), agent('bob', { teams: ['billing', 'vip'] }), agent('cat', { teams: [] })];
    expect(ids(eligibleAgents(agents, request({ teams: ['vip', 'sales'] })))).toEqual(['ann', 'bob']);
    expect(ids(eligibleAgents(agents, request({ teams: [] })))).toEqual(['ann', 'bob', 'cat']);
  });

  it('requires the skill, ignoring case', () => {
    const agents = [agent('ann', { skills: ['Billing'] }), agent('bob', { skills: ['returns'] })];
    expect(ids(eligibleAgents(agents, request({ skill: 'billing' })))).toEqual(['ann']);
    expect(ids(eligibleAgents(agents, request({ skill: 'BILLING' })))).toEqual(['ann']);
    expect(ids(eligibleAgents(agents, request({ skill: '' })))).toEqual(['ann', 'bob']);
  });

  it('requires the language, ignoring case, with en matching en-GB', () => {
    const agents = [
      agent('ann', { languages: ['en-GB'] }),
      agent('bob', { languages: ['DE'] }),
      agent('cat', { languages: ['en'] }),
      agent('dan', { languages: ['en-US'] }),
    ];
    expect(ids(eligibleAgents(agents, request({ language: 'en' })))).toEqual(['ann', 'cat', 'dan']);
    expect(ids(eligibleAgents(agents, request({ language: 'de' })))).toEqual(['bob']);
    // A British customer can be served by a plain-English speaker, but not by someone listed only as en-US.
    expect(ids(eligibleAgents(agents, request({ language: 'en-gb' })))).toEqual(['ann', 'cat']);
  });

  it('languageMatches does not confuse languages that share letters', () => {
    expect(languageMatches('en', 'eng')).toBe(false);
    expect(languageMatches('pt-BR', 'pt')).toBe(true);
    expect(languageMatches('pt_BR', 'pt-br')).toBe(true);
    expect(languageMatches('', 'en')).toBe(false);
  });

  it('drops agents at their chat limit', () => {
    const agents = [agent('ann', { activeChats: 3 }), agent('bob', { activeChats: 2 }), agent('cat', { activeChats: 5 })];
    expect(ids(eligibleAgents(agents, request({ maxChatsPerAgent: 3 })))).toEqual(['bob']);
    expect(ids(eligibleAgents(agents, request({ maxChatsPerAgent: 1 })))).toEqual([]);
  });

  it('combines every filter', () => {
    const agents = [
      agent('ann', { skills: ['billing'], languages: ['de'], teams: ['eu'] }),
      agent('bob', { skills: ['billing'], languages: ['de'], teams: ['us'] }),
      agent('cat', { skills: ['billing'], languages: ['fr'], teams: ['eu'] }),
      agent('dan', { skills: ['billing'], languages: ['de'], teams: ['eu'], activeChats: 1 }),
    ];
    const req = request({ skill: 'billing', language: 'de', teams: ['eu'], maxChatsPerAgent: 1 });
    expect(ids(eligibleAgents(agents, req))).toEqual(['ann']);
  });
});

describe('pickAgent strategies', () => {
  it('round robin picks a never-assigned agent first, then the longest idle', () => {
    const agents = [
      agent('ann', { lastAssignedAt: 2000 }),
      agent('bob', { lastAssignedAt: 1000 }),
      agent('cat', { lastAssignedAt: null }),
    ];
    expect(pickAgent(agents, request()).agent?.id).toBe('cat');
    expect(pickAgent(agents.slice(0, 2), request()).agent?.id).toBe('bob');
  });

  it('round robin breaks ties by id, whatever the input order', () => {
    const a = [agent('zed', { lastAssignedAt: 5 }), agent('amy', { lastAssignedAt: 5 }), agent('max', { lastAssignedAt: 5 })];
    expect(pickAgent(a, request()).agent?.id).toBe('amy');
    expect(pickAgent([...a].reverse(), request()).agent?.id).toBe('amy');
  });

  it('round robin cycles through agents as the caller records each assignment', () => {
    let agents = [agent('ann'), agent('bob'), agent('cat')];
    const order: string[] = [];
    for (let t = 1; t <= 6; t++) {
      const picked = pickAgent(agents, request({ maxChatsPerAgent: 10 })).agent!;
      order.push(picked.id);
      agents = agents.map((a) => (a.id === picked.id ? { ...a, lastAssignedAt: t, activeChats: a.activeChats + 1 } : a));
    }
    expect(order).toEqual(['ann', 'bob', 'cat', 'ann', 'bob', 'cat']);
  });

  it('least busy picks the fewest active chats, ties in round robin order', () => {
    const agents = [
      agent('ann', { activeChats: 2, lastAssignedAt: 1 }),
      agent('bob', { activeChats: 1, lastAssignedAt: 300 }),
      agent('cat', { activeChats: 1, lastAssignedAt: 100 }),
      agent('dan', { activeChats: 1, lastAssignedAt: 100 }),
    ];
    const r = pickAgent(agents, request({ strategy: 'least_busy' }));
    expect(r.agent?.id).toBe('cat');
    expect(r.explanation).toContain('Cat');
    expect(r.explanation).toMatch(/fewest active chats \(1\)/);
    // round robin alone would have picked ann (idle longest) despite her 2 chats
    expect(pickAgent(agents, request({ strategy: 'round_robin' })).agent?.id).toBe('ann');
  });

  it('never picks an ineligible agent even if it is the longest idle or least busy', () => {
    const agents = [agent('ann', { status: 'away', lastAssignedAt: null, activeChats: 0 }), agent('bob', { lastAssignedAt: 99, activeChats: 2 })];
    expect(pickAgent(agents, request()).agent?.id).toBe('bob');
    expect(pickAgent(agents, request({ strategy: 'least_busy' })).agent?.id).toBe('bob');
  });

  it('is deterministic: same input, same pick, input not reordered', () => {
    const agents = [agent('b', { lastAssignedAt: 3 }), agent('a', { lastAssignedAt: 3 }), agent('c', { lastAssignedAt: 1 })];
    const before = ids(agents);
    const picks = new Set(Array.from({ length: 20 }, () => pickAgent(agents, request()).agent?.id));
    expect([...picks]).toEqual(['c']);
    expect(ids(agents)).toEqual(before);
  });

  it('explains a round robin pick', () => {
    const r = pickAgent([agent('ann', { lastAssignedAt: 4 }), agent('bob', { lastAssignedAt: 9 })], request());
    expect(r.explanation).toBe('Round robin: Ann has waited longest since their last chat (2 eligible agents).');
  });
});

describe('pickAgent explains why nobody can take the chat', () => {
  const nobody = (agents: AgentPresence[], req: AssignmentRequest) => {
    const r = pickAgent(agents, req);
    expect(r.agent).toBeNull();
    return r.explanation;
  };

  it('nobody online', () => {
    expect(nobody([], request())).toMatch(/^No agent is online/);
    expect(nobody([agent('a', { status: 'away' }), agent('b', { status: 'offline' }), agent('c', { status: 'offline' })], request())).toBe(
      'No agent is online (1 away, 2 offline).',
    );
  });

  it('none of the allowed agents online', () => {
    const text = nobody([agent('ann'), agent('bob', { status: 'away' })], request({ agents: ['bob', 'cat'] }));
    expect(text).toBe('None of the allowed agents (bob, cat) is online; 1 other agent is online but not on the list.');
  });

  it('nobody in the team', () => {
    const text = nobody([agent('ann', { teams: ['sales'] }), agent('bob', { teams: ['ops'] })], request({ teams: ['vip', 'eu'] }));
    expect(text).toBe("No online agent is in team 'vip' or 'eu'; 2 online agents are in other teams.");
  });

  it('nobody with the skill', () => {
    expect(nobody([agent('ann', { skills: ['returns'] })], request({ skill: 'billing' }))).toBe("No online agent knows 'billing'.");
    expect(nobody([agent('ann', { skills: ['billing'], teams: ['us'] }), agent('bob', { teams: ['eu'] })], request({ skill: 'billing', teams: ['eu'] }))).toBe(
      "No online agent in team 'eu' knows 'billing'.",
    );
  });

  it('nobody speaks the language', () => {
    expect(nobody([agent('ann', { languages: ['en', 'fr'] })], request({ language: 'de' }))).toBe("No online agent speaks 'de'.");
    expect(
      nobody([agent('ann', { skills: ['billing'], languages: ['en'] }), agent('bob', { languages: ['de'] })], request({ skill: 'billing', language: 'de' })),
    ).toBe("No online agent who knows 'billing' speaks 'de'.");
  });

  it('everyone who matches is at the chat limit', () => {
    const busy = [
      agent('ann', { skills: ['billing'], activeChats: 3 }),
      agent('bob', { skills: ['billing'], activeChats: 4 }),
      agent('cat', { skills: ['returns'], activeChats: 0 }),
    ];
    expect(nobody(busy, request({ skill: 'billing' }))).toBe("2 online agents know 'billing' but all are at their limit of 3 chats.");
    expect(nobody(busy.slice(0, 1), request({ skill: 'billing', language: 'en' }))).toBe(
      "1 online agent knows 'billing' and speaks 'en' but is at the limit of 3 chats.",
    );
    expect(nobody(busy.slice(0, 2), request())).toBe('All 2 online agents are at their limit of 3 chats.');
    expect(nobody(busy.slice(0, 1), request({ maxChatsPerAgent: 1 }))).toBe('The only online agent is at the limit of 1 chat.');
  });
});
