/**
 * Session 38 (hostile s37 #12): the chat CLI's /state listed every virtual agent as online after /offline.
 */
import { describe, expect, it } from 'vitest';
import { chatInProcess } from '../../cli/runInProcess';

const NOW_MS = Date.parse('2026-03-09T11:30:00Z');

describe('baton chat /state after /offline', () => {
  it('lists only the agents online, and the others as not online', async () => {
    const r = await chatInProcess('flows/customer-support.json', ['/state', '/offline Ana', '/state', '/offline', '/state', '/online Ben', '/state', '/quit'], NOW_MS);
    const states = r.stdout.split('\n').filter((l) => l.startsWith('agents online:'));
    expect(states).toEqual([
      'agents online: Ana, Ben',
      'agents online: Ben; not online: Ana (offline)',
      'agents online: nobody; not online: Ana (offline), Ben (offline)',
      'agents online: Ben; not online: Ana (offline)',
    ]);
  });
});
