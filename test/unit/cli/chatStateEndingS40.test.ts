/**
 * Session 40 (fixq, hostile s40 L2): the chat CLI's /state said "resolved" for both a hand-back and an agent's close.
 */
import { describe, expect, it } from 'vitest';
import { chatInProcess } from '../../cli/runInProcess';

const NOW_MS = Date.parse('2026-03-09T11:30:00Z');
const handoffLine = (out: string) => out.split('\n').filter((l) => l.startsWith('handoff: ')).pop() ?? '';

describe('baton chat /state names how a handoff ended', () => {
  it.each([
    ['/handback', 'resolved (handed back to the bot)'],
    ['/close', 'resolved (closed by the agent)'],
  ])('%s', async (cmd, words) => {
    const r = await chatInProcess('flows/customer-support.json', ['I want a human', 'bob@example.com', cmd, '/state', '/quit'], NOW_MS);
    expect(handoffLine(r.stdout)).toContain(words);
  });
});
