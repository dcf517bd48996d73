/**
 * newcomer s9 #10: "Resolve" ended the chat with no rating while "Hand back to bot" asked for one (the Northwind
 * template rates resolved chats: the takeover's resolved exit leads to its Rating block). Now Resolve asks the
 * customer for the rating first when the block rates resolved chats, then the conversation ends; the handoff still
 * reads as closed by the agent. The agents settings' ratingOnResolve: false keeps the old immediate close. Real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { auth, shopFlow } from './runtimeFixtures';
import { agent, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann');

/** The shop flow with the takeover's resolved exit going to a thank-you message, then the Rating block. */
function ratedFlow(): Flow {
  const f = shopFlow();
  return {
    ...f,
    edges: f.edges.map((e) => (e.id === 'e14' ? { ...e, to: 'rating' } : e)),
  };
}

async function resolvedChat(settings: Record<string, unknown> = {}) {
  const rt = await startAgentRuntime({ agents: [ann], flow: ratedFlow(), settings });
  await online(rt, ann);
  const c = await rt.customerWantsPerson();
  await rt.tick();
  const h = await handoffOf(rt, c.id);
  expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
  await rt.post(`${hid(h.id)}/messages`, { text: 'Your refund is on its way.' }, tok(ann));
  const res = await rt.post(`${hid(h.id)}/resolve`, {}, tok(ann));
  expect(res.status).toBe(200);
  const texts = async () => (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body;
  return { rt, c, h, res, texts };
}

describe('Resolve asks for the rating (newcomer s9 #10)', () => {
  it('the customer is asked to rate, rates, and the conversation ends; the handoff reads closed by the agent', async () => {
    const { rt, c, res, texts } = await resolvedChat();
    expect(res.body.rating).toBe(true);
    const after = await texts();
    expect(after.messages.map((m: any) => m.text)).toContain('How would you rate us, 1 to 5?');
    expect(after.mode).toBe('bot');
    await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: '5' }, auth(c.token));
    const done = await texts();
    expect(done.messages.map((m: any) => m.text)).toEqual(expect.arrayContaining(['Thanks for rating!', 'Bye!']));
    expect(done.mode).toBe('closed');
    await rt.tick();
    expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'resolved', endedAs: 'closed' });
  });

  it('ratingOnResolve: false closes at once, without a rating', async () => {
    const { res, texts } = await resolvedChat({ ratingOnResolve: false });
    expect(res.body.rating).toBe(false);
    const after = await texts();
    expect(after.messages.map((m: any) => m.text)).not.toContain('How would you rate us, 1 to 5?');
    expect(after.mode).toBe('closed');
  });

  it('a flow whose resolved exit does not rate closes at once as before', async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const h = await handoffOf(rt, c.id);
    await rt.post(`${hid(h.id)}/accept`, {}, tok(ann));
    const res = await rt.post(`${hid(h.id)}/resolve`, {}, tok(ann));
    expect(res.body).toMatchObject({ ok: true, rating: false, mode: 'closed' });
  });
});
