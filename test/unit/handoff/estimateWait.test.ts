import { describe, it, expect } from 'vitest';
import { estimateWait, waitText } from '../../../shared/handoff/estimateWait';
import type { AgentPresence, AssignmentRequest } from '../../../shared/handoff/types';

function agent(id: string, over: Partial<AgentPresence> = {}): AgentPresence {
  return { id, name: id, status: 'online', skills: [], languages: ['en'], teams: [], activeChats: 0, lastAssignedAt: null, ...over };
}
const req = (over: Partial<AssignmentRequest> = {}): AssignmentRequest => ({
  strategy: 'round_robin', maxChatsPerAgent: 3, skill: '', language: '', teams: [], agents: [], ...over,
});

describe('estimateWait', () => {
  it('says "a few minutes" when presence is unknown', () => {
    expect(estimateWait(undefined, req())).toEqual({ minutes: null, text: 'a few minutes' });
  });

  it('says "under a minute" when a matching agent has a free seat', () => {
    expect(estimateWait([agent('a', { activeChats: 2 })], req())).toEqual({ minutes: 0, text: 'under a minute' });
  });

  it('counts the chats queued ahead against the free seats', () => {
    const agents = [agent('a', { activeChats: 1 }), agent('b', { activeChats: 2 })]; // 3 free seats
    expect(estimateWait(agents, req(), 2).text).toBe('under a minute');
    const third = estimateWait(agents, req(), 3);
    expect(third.minutes).toBeGreaterThan(0);
    expect(third.text).toMatch(/^about /);
  });

  it('grows with the queue when every seat is taken', () => {
    const full = [agent('a', { activeChats: 3 }), agent('b', { activeChats: 3 })]; // 6 seats, all busy
    // one seat frees every 8/6 minutes on average: the 1st in line waits 2 min, the 6th 8 min
    expect(estimateWait(full, req())).toEqual({ minutes: 2, text: 'about 2 minutes' });
    expect(estimateWait(full, req(), 5)).toEqual({ minutes: 8, text: 'about 8 minutes' });
    expect(estimateWait(full, req(), 5, { averageChatMinutes: 3 }).minutes).toBe(3);
    const longer = estimateWait(full, req(), 60);
    expect(longer.minutes!).toBeGreaterThan(estimateWait(full, req(), 5).minutes!);
  });

  it('only counts agents who could take this chat (skill, language, online)', () => {
    const agents = [
      agent('a', { skills: ['billing'], activeChats: 3 }),
      agent('b', { skills: [], activeChats: 0 }), // free, but lacks the skill
      agent('c', { skills: ['billing'], status: 'away' }), // has the skill but is away
    ];
    const r = estimateWait(agents, req({ skill: 'billing' }));
    expect(r.minutes).toBe(3); // 3 seats, all busy: ceil(8/3)
    expect(estimateWait(agents, req()).text).toBe('under a minute');
  });

  it('has no number when no matching agent is online', () => {
    const r = estimateWait([agent('a', { status: 'offline' }), agent('b', { languages: ['fr'] })], req({ language: 'de' }));
    expect(r.minutes).toBeNull();
    expect(r.text).toMatch(/longer than usual/);
  });

  it('words minutes and hours naturally', () => {
    expect(waitText(0)).toBe('under a minute');
    expect(waitText(1)).toBe('about a minute');
    expect(waitText(4)).toBe('about 4 minutes');
    expect(waitText(59)).toBe('about 59 minutes');
    expect(waitText(60)).toBe('about an hour');
    expect(waitText(150)).toBe('about 3 hours');
  });
});
