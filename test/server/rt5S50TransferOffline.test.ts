/**
 * Session 50 (rt5, hostile s49 L9): Ann transfers a chat to Bob while Bob clicks "Go offline (give my chats back)". In 2
 * of 16 runs the chat ended up held by Bob, offline: the transfer read Bob online, Bob's give-back ran before the chat was
 * his (nothing to give back), then the transfer made him its holder. The customer was told "Bob will be with you shortly"
 * and waited about a minute (the away sweep) in nobody's queue. Now, in either order, the chat ends with an online agent
 * (Ann, when the transfer was refused) or back in the queue, and Bob stays offline. Over real HTTP, both calls at once,
 * Bob's started 0-60 ms after the transfer or the transfer after Bob's, round after round.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agent, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann', { teams: ['support'] });
const bob = agent('bob', { teams: ['support'] });
const cy = agent('cy', { teams: ['support'] });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a transfer racing its target going offline with "give my chats back" (hostile s49 L9)', () => {
  it('never leaves the chat held by the offline agent, whichever runs first', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob, cy], flow: flowWithTakeover({ teams: ['support'], queueTimeoutMinutes: 30 }) });
    await online(rt, ann, bob, cy);
    const outcomes: Record<string, number> = {};
    const bad: string[] = [];
    for (let round = 0; round < 24; round++) {
      const c = await rt.customerWantsPerson();
      const h = await handoffOf(rt, c.id);
      expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
      expect((await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(bob))).status).toBe(200);
      // Bob's call a little after the transfer (0-55 ms, where the hostile pass saw it), or the transfer after Bob's.
      const delay = (round % 12) * 5;
      const transfer = () => rt.post(`${hid(h.id)}/transfer`, { agentId: 'bob' }, tok(ann));
      const offline = () => rt.post('/api/v1/agent/presence', { status: 'offline', chats: 'requeue' }, tok(bob));
      const [t, o] =
        round < 12
          ? await Promise.all([transfer(), sleep(delay).then(offline)])
          : await Promise.all([sleep(delay).then(transfer), offline()]);
      expect(o.status).toBe(200);
      expect([200, 409]).toContain(t.status);
      const now = await handoffOf(rt, c.id, cy);
      expect(o.body.status).toBe('offline');
      const key = `transfer ${t.status}${t.status === 409 ? ` ${typeof t.body.error === 'string' ? t.body.error : t.body.error?.code}` : ''} -> ${now.status}${now.agentId ? ` ${now.agentId}` : ''}`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      // Held by an online agent (Ann: the transfer was refused; Cy: it went back and was given to her) or waiting in the
      // queue; never by offline Bob.
      if (now.status === 'assigned' && now.agentId === 'bob') bad.push(`round ${round} (delay ${delay} ms, ${round < 12 ? 'transfer first' : 'offline first'}): ${key}`);
      else if (now.status === 'assigned') expect(['ann', 'cy']).toContain(now.agentId);
      else expect(now.status).toBe('pending');
      // Closed, so the next round starts clean.
      if (now.status === 'assigned' && now.agentId !== 'bob') expect((await rt.post(`${hid(h.id)}/resolve`, {}, tok(now.agentId === 'ann' ? ann : cy))).status).toBe(200);
    }
    console.log(`transfer vs go-offline outcomes: ${JSON.stringify(outcomes)}`);
    expect(bad).toEqual([]);
  }, 120_000);
});
