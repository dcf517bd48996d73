/**
 * Accepting over one's own limit (newcomer s7 #20): allowed (a deliberate override), but the accept answer says how
 * many chats the agent holds now and their limit, so the inbox can tell them. Over real HTTP on 127.0.0.1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agent, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

const ann = agent('ann', { maxChats: 1 });
afterEach(stopAgentRuntimes);

describe('accept and the agent limit', () => {
  it('the answer carries activeChats and maxChats: 1 of 1, then 2 of 1', async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    const first = await rt.customerWantsPerson();
    const second = await rt.customerWantsPerson();
    const a1 = await rt.post(`${hid((await handoffOf(rt, first.id)).id)}/accept`, {}, tok(ann));
    expect(a1.status).toBe(200);
    expect(a1.body).toMatchObject({ ok: true, activeChats: 1, maxChats: 1 });
    const a2 = await rt.post(`${hid((await handoffOf(rt, second.id)).id)}/accept`, {}, tok(ann));
    expect(a2.status).toBe(200);
    expect(a2.body).toMatchObject({ ok: true, activeChats: 2, maxChats: 1 });
  });
});
