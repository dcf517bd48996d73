/**
 * An agent who lists no languages has no language restriction (issue 10 hostile finding: such agents silently never
 * matched a Human Takeover block with a language). Agents who list languages are still matched strictly.
 */
import { describe, expect, it } from 'vitest';
import { eligibleAgents, pickAgent } from '../../../shared/handoff/assignment';
import type { AgentPresence, AssignmentRequest } from '../../../shared/handoff/types';

const agent = (id: string, languages: string[]): AgentPresence => ({
  id,
  name: id,
  status: 'online',
  skills: [],
  languages,
  teams: [],
  activeChats: 0,
  lastAssignedAt: null,
});
const req = (language: string): AssignmentRequest => ({ strategy: 'round_robin', maxChatsPerAgent: 3, skill: '', language, teams: [], agents: [] });

describe('agents with no languages listed', () => {
  it('take chats in any language; agents who list languages still need a match', () => {
    const agents = [agent('any', []), agent('fr', ['fr']), agent('en', ['en-GB'])];
    expect(eligibleAgents(agents, req('en')).map((a) => a.id)).toEqual(['any', 'en']);
    expect(eligibleAgents(agents, req('fr')).map((a) => a.id)).toEqual(['any', 'fr']);
    expect(eligibleAgents(agents, req('de')).map((a) => a.id)).toEqual(['any']);
    expect(eligibleAgents(agents, req('')).map((a) => a.id)).toEqual(['any', 'fr', 'en']);
  });

  it('when every agent lists languages and none fits, nobody is picked and the reason names the language', () => {
    const r = pickAgent([agent('fr', ['fr']), agent('de', ['de'])], req('en'));
    expect(r.agent).toBeNull();
    expect(r.explanation).toContain("speaks 'en'");
    expect(pickAgent([agent('fr', ['fr']), agent('none', [])], req('en')).agent?.id).toBe('none');
  });
});
