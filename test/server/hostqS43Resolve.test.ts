/**
 * Session 43 (hostq, hostile s43 L4): the holder sends Hand back and Resolve at once; the Resolve that lost said "You
 * cannot resolve this chat: it is closed (resolved). Nothing more can be done in it; the customer can start a new
 * conversation", while the customer was talking with the bot. The refusal now says what happened. Over real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const STAY = { offlineAfterSeconds: 3600 };
const ann = agent('ann', { maxChats: 100 });
const ROUNDS = 6;

describe('hostile s43 L4: a Resolve that loses to a Hand back', () => {
  it(`says the chat was handed back to the bot, not that it is over (${ROUNDS} races)`, async () => {
    const rt = await startAgentRuntime({ agents: [ann], settings: STAY, flow: flowWithTakeover({ queueTimeoutMinutes: 60 }) });
    await online(rt, ann);
    const seen = new Set<string>();
    for (let i = 0; i < ROUNDS; i++) {
      const c = await rt.customerWantsPerson();
      const h = await handoffOf(rt, c.id);
      expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
      const [back, resolve] = await Promise.all([rt.post(`${hid(h.id)}/handback`, {}, tok(ann)), rt.post(`${hid(h.id)}/resolve`, {}, tok(ann))]);
      expect([back.status, resolve.status].sort()).toEqual([200, 409]);
      const conv = (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body;
      if (back.status === 200) {
        seen.add('handback');
        expect(resolve.body.error).toBe('handoff_closed');
        expect(resolve.body.message).toMatch(/^You cannot resolve this chat: you handed it back to the bot, /);
        expect(resolve.body.message).not.toMatch(/start a new conversation/);
        if (conv.status === 'closed' || conv.mode === 'closed') expect(resolve.body.message).toMatch(/the bot has since ended the conversation/);
        else expect(resolve.body.message).toMatch(/the customer is talking with the bot now/);
      } else {
        seen.add('resolve');
        expect(back.body.error).toBe('handoff_closed');
        expect(back.body.message).toMatch(/^You cannot hand back this chat: it is closed \(resolved by you\)/);
      }
    }
    expect(seen.size).toBeGreaterThan(0);
  }, 60_000);

  it('a Resolve after a Hand back (one after the other) says the same', async () => {
    const rt = await startAgentRuntime({ agents: [ann], settings: STAY, flow: flowWithTakeover({ queueTimeoutMinutes: 60 }) });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    expect((await rt.post(`${hid(h.id)}/handback`, {}, tok(ann))).status).toBe(200);
    const late = await rt.post(`${hid(h.id)}/resolve`, {}, tok(ann));
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/^You cannot resolve this chat: you handed it back to the bot, /);
  });
});
