import { describe, expect, it } from 'vitest';
import { createScenarioSession } from '../../../shared/simulator/scenarioSession';
import { formatClock, formatDuration, simulatorView } from '../../../shared/simulator/simulatorView';
import { virtualAgent } from '../../../shared/simulator/virtualAgents';
import { loadFlow, MONDAY_10 } from './helpers';

describe('simulator view (what the panel shows)', () => {
  const flow = loadFlow('customer-support');

  it('shows the chat, the path, the clock and the decision of each customer message', () => {
    const s = createScenarioSession(flow, { now: MONDAY_10, agents: [virtualAgent({ name: 'Ana', status: 'busy', languages: ['en'] }), virtualAgent({ name: 'Ben', languages: ['en'], activeChats: 3 })] });
    s.apply({ say: 'where is my order' });
    s.apply({ say: 'I want to talk to a human' });
    const v = simulatorView(s);
    expect(v.clock).toBe('Mon 2 Mar 2026 10:00 (Europe/London)');
    expect(v.chat[0]).toMatchObject({ index: 0, from: 'bot', blockId: 'welcome' });
    expect(v.currentBlockId).toBe('human_agent');
    expect(v.path.slice(0, 3)).toEqual(['start', 'welcome', 'main_menu']);
    const last = v.decisions.at(-1)!;
    expect(last).toMatchObject({ text: 'I want to talk to a human', action: 'handoff', reason: 'explicit_request' });
    expect(last.signals[0].evidence.length).toBeGreaterThan(0);
    expect(v.agentPane.open).toBe(false);
    expect(v.agentPane.whyNot).toMatch(/No handoff yet/);
  });

  it('opens the agent pane on handoff with the context, timers and effects as they would be sent', () => {
    const s = createScenarioSession(flow, { now: MONDAY_10, agents: [virtualAgent({ name: 'Ana', languages: ['en'], activeChats: 3 })] });
    s.apply({ say: 'I want to talk to a human' });
    s.apply({ say: 'sam@example.com' });
    let v = simulatorView(s);
    expect(v.agentPane.open).toBe(true);
    expect(v.agentPane.handoff?.status).toBe('pending');
    expect(v.agentPane.can).toMatchObject({ accept: true, say: false, noAgent: true });
    expect(v.agentPane.canAcceptAs.map((a) => a.name)).toEqual(['Ana']);
    expect(v.agentPane.context?.summary).toMatch(/talk to a human/);
    expect(v.agentPane.assignments[0].explanation).toMatch(/limit of 3 chats/);
    expect(v.timers.map((t) => [t.purpose, t.due])).toEqual([
      ['waiting_email', 'in 5 min'],
      ['queue_timeout', 'in 10 min'],
    ]);
    expect(v.effects[0].title).toMatch(/^Handoff scenario:h1 requested \(custom, normal priority, reason explicit_request\), auto-assign least busy$/);
    s.apply({ wait: '5m' });
    v = simulatorView(s);
    expect(v.effects.find((e) => e.type === 'notify')?.title).toMatch(/^Email to support-leads@northwind\.example: /);
    s.apply({ agent: 'accept', as: 'Ana' });
    v = simulatorView(s);
    expect(v.agentPane.can).toMatchObject({ accept: false, say: true, note: true, transfer: false, handback: true, close: true });
    expect(v.timers).toEqual([]);
  });

  it('formats durations and clocks', () => {
    expect(formatDuration(270_000)).toBe('4 min 30 s');
    expect(formatDuration(7_500_000)).toBe('2 h 5 min');
    expect(formatClock(MONDAY_10, 'Not/AZone')).toBe('Mon 2 Mar 2026 10:00 (UTC)');
  });
});
