/**
 * newcomer s9 #2: a transfer reached the second agent as if the bot had just handed over. Now the handoff row says
 * who transferred it and with what note (`transfer`), and the note is in the timeline as the transferring agent's private
 * note. Real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann');
const bob = agent('bob');

describe('a transfer to a colleague (newcomer s9 #2)', () => {
  it('tells the colleague who transferred it and why, in the row and the timeline', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob] });
    await online(rt, ann, bob);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const h = await handoffOf(rt, c.id);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: 'It was supposed to arrive last Friday and the tracking has not moved' }, auth(c.token));
    const t = await rt.post(`${hid(h.id)}/transfer`, { agentId: 'bob', note: 'Refund approved; needs the courier claim form' }, tok(ann));
    expect(t.status).toBe(200);

    const mine = (await rt.get('/api/v1/agent/handoffs?view=mine', tok(bob))).body.handoffs;
    expect(mine).toHaveLength(1);
    expect(mine[0].transfer).toMatchObject({ byId: 'ann', by: 'Ann', note: 'Refund approved; needs the courier claim form' });

    const detail = (await rt.get(hid(h.id), tok(bob))).body;
    expect(detail.notes.map((n: any) => `${n.agentName}: ${n.text}`)).toContain('Ann: Transferred to Bob: Refund approved; needs the courier claim form');

    // Without a note: still named, and the timeline says so.
    const back = await rt.post(`${hid(h.id)}/transfer`, { agentId: 'ann' }, tok(bob));
    expect(back.status).toBe(200);
    const annRow = (await rt.get('/api/v1/agent/handoffs?view=mine', tok(ann))).body.handoffs[0];
    expect(annRow.transfer).toMatchObject({ byId: 'bob', by: 'Bob', note: '' });
    expect((await rt.get(hid(h.id), tok(ann))).body.notes.map((n: any) => n.text)).toContain('Transferred to Ann.');

    // Once the chat is resolved or handed on without a transfer, no stale transfer is shown.
    expect((await rt.post(`${hid(h.id)}/reject`, {}, tok(ann))).status).toBe(200);
    expect((await handoffOf(rt, c.id)).transfer).toBeNull();
  });
});
