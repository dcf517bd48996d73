/**
 * The customer's expected wait must not promise what nobody can keep (hostile s7 #11, README "Not finished"): after
 * the only online agent goes offline and gives her chats back, no requeued customer reads "under a minute", and a
 * customer who was promised a short wait is told it is now longer (nobody available), once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann');
const bob = agent('bob');
const waits = (texts: string[]) => texts.flatMap((t) => [...t.matchAll(/Expected wait: ([^.]+)\./g)].map((m) => m[1]));

describe('the wait promised to a requeued customer', () => {
  it('says nobody is available (not "under a minute") when the only agent goes offline with her chats', async () => {
    // Simple assignation (agents pick from the queue).
    const rt = await startAgentRuntime({ agents: [ann, bob], flow: flowWithTakeover({ queueTimeoutMinutes: 30 }) });
    await online(rt, ann);
    const cs = [];
    for (let i = 0; i < 3; i++) {
      const c = await rt.customerWantsPerson();
      cs.push(c);
      rt.clock.now += 1000;
      await rt.tick();
      const h = await handoffOf(rt, c.id);
      expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    }
    const texts = async (c: { id: string; token: string }) => (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages.map((m: any) => String(m.text));
    // Each was promised a short wait when it asked (Ann online with a free seat).
    for (const c of cs) expect(waits(await texts(c))).toEqual(['under a minute']);

    const off = await rt.post('/api/v1/agent/presence', { status: 'offline', chats: 'requeue' }, tok(ann));
    expect(off.body).toMatchObject({ status: 'offline', requeued: 3 });
    for (let i = 0; i < 3; i++) {
      rt.clock.now += 31_000;
      await rt.tick();
    }
    // Session 41 (newcomer s40 N2): nobody else is signed in, so the chats no longer wait in a queue nobody serves
    // ("finding someone else", then "longer than usual"): each customer is told the truth once, and the chat leaves by
    // the block's No agent exit (rejected).
    for (const c of cs) {
      const all = await texts(c);
      const from = all.findIndex((t: string) => t === 'Sorry, Ann has had to leave and no one else from our team is available right now.');
      expect(from, all.join(' | ')).toBeGreaterThan(0);
      expect(all.slice(from).some((t: string) => t.includes('finding someone else'))).toBe(false);
      // "under a minute" is never said again.
      expect(waits(all.slice(from))).not.toContain('under a minute');
      expect((await handoffOf(rt, c.id)).status).toBe('rejected');
    }
    // Said once, not on every poll.
    const first = await texts(cs[0]);
    expect(first.filter((t: string) => t.includes('no one else from our team is available')).length).toBe(1);
  });
});
