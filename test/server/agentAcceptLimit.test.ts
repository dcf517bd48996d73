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

describe("the agent's edit of the customer's email (newcomer s7 #24)", () => {
  it('is checked like a typed answer: "not an email" refused with the field named, a good one tidied and saved', async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    expect((await rt.post(`${hid((await handoffOf(rt, c.id)).id)}/accept`, {}, tok(ann))).status).toBe(200);
    const path = `/api/v1/agent/conversations/${c.id}/variables`;
    const bad = await rt.patch(path, { variables: { customerEmail: 'not an email' } }, tok(ann));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'invalid_variable', field: 'body.variables.customerEmail' });
    expect(bad.body.message).toMatch(/not one email address; enter one like name@example\.com/);
    const good = await rt.patch(path, { variables: { customerEmail: ' Ada@Example.com ' } }, tok(ann));
    expect(good.status).toBe(200);
    expect(good.body.variables.customerEmail).toBe('ada@example.com');
    // Clearing it is allowed.
    expect((await rt.patch(path, { variables: { customerEmail: null } }, tok(ann))).status).toBe(200);
  });
});
