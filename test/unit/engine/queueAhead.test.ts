import { describe, expect, it } from 'vitest';
import { queueAhead, samePool } from '../../../shared/engine/humanTakeover';

describe('queueAhead (one wait estimate for the handoff message and the queue updates)', () => {
  it('counts waiting chats of the same pool with the same or a higher priority', () => {
    const q = [
      { teams: ['support'], priority: 'normal' },
      { teams: ['Sales'], priority: 'urgent' },
      { teams: [], priority: 'low' },
      { teams: ['support', 'billing'], priority: 'high' },
    ];
    expect(queueAhead(q, ['support'], 'normal')).toBe(2); // support normal + support/billing high; not sales, not the low one
    expect(queueAhead(q, ['sales'], 'urgent')).toBe(1);
    expect(queueAhead(q, [], 'low')).toBe(4);
    expect(queueAhead([], ['support'], 'normal')).toBe(0);
  });
  it('samePool: no team means any agent; team names compare case-insensitively', () => {
    expect(samePool([], ['x'])).toBe(true);
    expect(samePool(['Support'], ['support'])).toBe(true);
    expect(samePool(['sales'], ['support'])).toBe(false);
  });
});
