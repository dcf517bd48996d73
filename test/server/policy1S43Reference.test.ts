/**
 * Session 43 (policy1, hostile s42 L6): a reference typed while the customer waits for a person was only a transcript
 * line: the handoff's context (entities, the summary's "Reference: ...") was the one made when it was requested. The
 * engine now makes the context again when a new reference comes (handoff_update's context) and the runtime stores it,
 * so the inbox's handoff shows it as it shows a reference typed in the message that handed over. Over real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann', { admin: true });

async function say(rt: Awaited<ReturnType<typeof startAgentRuntime>>, c: { id: string; token: string }, text: string) {
  const r = await rt.post(`/api/v1/conversations/${c.id}/messages`, { text }, auth(c.token));
  expect(r.status).toBe(200);
  return r.body;
}

describe('hostile s42 L6: a reference typed while waiting for a person reaches the handoff', () => {
  it('"my order number is NW-777777 by the way" in the queue: the handoff context names it (summary and entities), list and detail', async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    expect(h.status).toBe('pending');
    const before = (await rt.get(hid(h.id), tok(ann))).body;
    expect(before.context.summary).not.toMatch(/NW-777777/);
    await say(rt, c, 'my order number is NW-777777 by the way');
    const after = (await rt.get(hid(h.id), tok(ann))).body;
    expect(after.context.summary).toMatch(/Reference: NW-777777\./);
    expect(after.context.entities).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'order_id', value: 'NW-777777' })]));
    // The handoff itself is unchanged (still waiting, same reason); the list row's summary is the new one too.
    expect(after.handoff).toMatchObject({ id: h.id, status: 'pending', reason: before.handoff.reason });
    expect((await handoffOf(rt, c.id)).summary).toMatch(/Reference: NW-777777/);
  });

  it('a message with no reference, or the same reference again, leaves the context as it was', async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    const first = (await rt.get(hid(h.id), tok(ann))).body.context;
    await say(rt, c, 'hello? is anyone there? it has been 5 minutes');
    expect((await rt.get(hid(h.id), tok(ann))).body.context).toEqual(first);
    await say(rt, c, 'order NW-777777');
    const withRef = (await rt.get(hid(h.id), tok(ann))).body.context;
    expect(withRef.summary).toMatch(/Reference: NW-777777\./);
    await say(rt, c, 'NW-777777 again, NW-777777');
    expect((await rt.get(hid(h.id), tok(ann))).body.context).toEqual(withRef);
  });
});
