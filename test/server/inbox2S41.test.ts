/**
 * Session 41 (inbox2): the newcomer s41 inbox findings, over real HTTP on 127.0.0.1 with real push streams.
 * - N1: a colleague whose inbox opens (a sign-in after a closed tab) is pushed to the others as online at once; a closed
 *   inbox is pushed as offline once the agents list shows it so (was: only an explicit status change was pushed).
 * - N3: a transfer is not raced by the assignment pass between its decline and the colleague's accept; the same transfer
 *   asked twice (a double click) answers 200 twice; no handoff id in the words of a refused action.
 * - N6: "Also viewing" lists only agents who have the chat open and are not offline: a background look (?peek=true)
 *   does not count, going offline drops the agent, closing the chat (POST .../unview) drops her at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agent, autoAssign, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';
import { openStream } from './agentSse';

afterEach(stopAgentRuntimes);

const STAY = { offlineAfterSeconds: 3600 };
const ann = agent('ann');
const bob = agent('bob');
const cy = agent('cy');

const until = async (ok: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 100 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 20));
};

describe('newcomer s41 N1: presence of a colleague whose inbox opens or closes is pushed', () => {
  it("Ann's stream hears Bob go offline when his tab closed, and online when his inbox opens again (no status change)", async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob], settings: STAY });
    const annStream = await openStream(`${rt.url}/api/v1/agent/events`, tok(ann));
    let bobStream = await openStream(`${rt.url}/api/v1/agent/events`, tok(bob));
    await online(rt, ann, bob);
    await rt.tick();
    // Bob closes his tab without signing out: his status stays "online", the agents list shows him offline.
    bobStream.close();
    await until(() => !rt.agentHub!.connected('bob'));
    rt.clock.now += 10_000;
    await rt.tick();
    const list = async () => ((await rt.get('/api/v1/agent/agents', tok(ann))).body.agents as any[]).find((a) => a.id === 'bob').status;
    expect(await list()).toBe('offline');
    expect(rt.agentHub!.status('bob')).toBe('online');
    await annStream.until((f) => f.event === 'presence' && f.data.agentId === 'bob' && f.data.status === 'offline', 'bob offline');
    const seen = annStream.frames.length;
    // He signs in again: his inbox opens; his status was "online" all along, so the inbox sets nothing. Ann is told.
    expect((await rt.post('/api/v1/agent/session', { login: 'bob', password: 'correct horse battery staple' })).status).toBe(200);
    bobStream = await openStream(`${rt.url}/api/v1/agent/events`, tok(bob));
    const back = await annStream.until((f, i = annStream.frames.indexOf(f)) => i >= seen && f.event === 'presence' && f.data.agentId === 'bob', 'bob back');
    expect(back.data.status).toBe('online');
    expect(await list()).toBe('online');
    bobStream.close();
    annStream.close();
  });
});

describe('newcomer s41 N3: a transfer that worked shows no error', () => {
  it('the assignment pass does not take a chat between the transfer’s decline and the colleague’s accept', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob, cy], settings: STAY, flow: flowWithTakeover({ ...autoAssign('round_robin', 5), queueTimeoutMinutes: 10 }) });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const h = await handoffOf(rt, c.id);
    expect(h.agentId).toBe('ann');
    await online(rt, bob, cy);
    const hub = rt.agentHub!;
    const decline = (rec: NonNullable<ReturnType<typeof hub.handoffById>>) =>
      hub.apply(rec, { type: 'agent_declined', agentId: 'ann', note: 'Transferred to Bob', transfer: { by: 'Ann', to: 'Bob' }, cause: 'transfer' } as never, 'transfer');
    // Inside a transfer: a pass run between the two inputs leaves the chat pending for the transfer's own accept.
    await hub.whileTransferring(h.id, async () => {
      await decline(hub.handoffById(h.id)!);
      hub.declinedBy(h.id, 'ann');
      for (let i = 0; i < 3; i++) {
        hub.kick();
        await rt.tick();
      }
      expect(hub.handoffById(h.id)!.status).toBe('pending');
    });
    // The control (what happened before): once the transfer is over, the next pass gives the pending chat away.
    await rt.tick();
    expect((await handoffOf(rt, c.id)).status).toBe('assigned');
  });

  it('the same transfer asked twice at once (a double click) answers 200 twice, once done; the chat is with Bob', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob], settings: STAY, flow: flowWithTakeover({ queueTimeoutMinutes: 10 }) });
    await online(rt, ann, bob);
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    const send = () => rt.post(`${hid(h.id)}/transfer`, { agentId: 'bob' }, tok(ann));
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body.alreadyDone, b.body.alreadyDone].filter(Boolean)).toHaveLength(1);
    expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'assigned', agentId: 'bob' });
    // One transfer in the timeline, not two.
    const notes = (await rt.get(hid(h.id), tok(bob))).body.notes as any[];
    expect(notes.filter((n) => /Transferred to Bob/.test(n.text))).toHaveLength(1);
    // A transfer by someone who does not hold it is still refused, in words without the handoff id.
    const other = await rt.post(`${hid(h.id)}/transfer`, { agentId: 'ann' }, tok(ann));
    expect(other.status).toBe(409);
    expect(other.body.message).toBe('You cannot transfer this chat: it is assigned to Bob.');
    expect(other.body.message).not.toContain(h.id);
  });
});

describe('newcomer s41 N6: "Also viewing" only while the colleague has the chat open and is not offline', () => {
  it('a background look does not count; closing the chat and going offline drop the viewer at once', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob], settings: STAY, flow: flowWithTakeover({ queueTimeoutMinutes: 10 }) });
    const annStream = await openStream(`${rt.url}/api/v1/agent/events`, tok(ann));
    const bobStream = await openStream(`${rt.url}/api/v1/agent/events`, tok(bob));
    await online(rt, ann, bob);
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    expect((await rt.get(hid(h.id), tok(ann))).body.alsoViewing).toEqual([]);
    // Bob's inbox looks in the background (the toast's quote after a transfer): not viewing.
    expect((await rt.get(`${hid(h.id)}?peek=true`, tok(bob))).status).toBe(200);
    expect((await rt.get(hid(h.id), tok(ann))).body.alsoViewing).toEqual([]);
    // He opens it: viewing. He closes it: Ann's stream hears the list without him at once.
    expect((await rt.get(hid(h.id), tok(bob))).status).toBe(200);
    expect((await rt.get(hid(h.id), tok(ann))).body.alsoViewing).toEqual(['bob']);
    const mark = annStream.frames.length;
    expect((await rt.post(`${hid(h.id)}/unview`, {}, tok(bob))).status).toBe(200);
    await annStream.until((f, i = annStream.frames.indexOf(f)) => i >= mark && f.event === 'viewing' && f.data.handoffId === h.id && !f.data.agents.includes('bob'), 'bob gone');
    expect((await rt.get(hid(h.id), tok(ann))).body.alsoViewing).toEqual([]);
    // He opens it again, then goes offline with it still open in his inbox (its 20 s refresh reads it again).
    await rt.get(hid(h.id), tok(bob));
    expect((await rt.get(hid(h.id), tok(ann))).body.alsoViewing).toEqual(['bob']);
    const mark2 = annStream.frames.length;
    expect((await rt.post('/api/v1/agent/presence', { status: 'offline' }, tok(bob))).status).toBe(200);
    await annStream.until((f, i = annStream.frames.indexOf(f)) => i >= mark2 && f.event === 'viewing' && f.data.handoffId === h.id && !f.data.agents.includes('bob'), 'bob offline gone');
    await rt.get(hid(h.id), tok(bob));
    expect((await rt.get(hid(h.id), tok(ann))).body.alsoViewing).toEqual([]);
    annStream.close();
    bobStream.close();
  });
});
