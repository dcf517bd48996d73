/**
 * Session 31, live (newcomer s29 N11), over real HTTP with a manual clock: the list rows say what the inbox needs to
 * word a waiting chat truly and to announce an assignment once: `joined` (false while an automatically assigned chat
 * is not opened yet, true once its agent opened it), `answered` (an agent wrote since the handoff) and `heldBefore`
 * (the chat came back to the agent who held it before it went back to the queue while she was away).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agent, autoAssign, flowWithTakeover, hid, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann');
const bob = agent('bob');
const mineOf = async (rt: AgentRuntime, a = ann) => (await rt.get('/api/v1/agent/handoffs?view=mine', tok(a))).body.handoffs as any[];

describe('newcomer s29 N11: list rows carry joined, answered and heldBefore', () => {
  it('auto-assigned: not joined, not answered; opened: joined, still waiting for the first reply; replied: answered', async () => {
    const rt = await startAgentRuntime({ agents: [ann], flow: flowWithTakeover(autoAssign()) });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    let [row] = await mineOf(rt);
    expect(row).toMatchObject({ status: 'assigned', agentId: 'ann', joined: false, answered: false, heldBefore: false });
    expect(row.waitingSince).toEqual(expect.any(Number));

    const before = rt.agentHub!.lastEventId;
    const detail = await rt.get(hid(row.id), tok(ann));
    expect(detail.body.handoff.joined).toBe(true);
    // Her other tabs' lists follow: the hub tells the change (same status and agent, now joined).
    await rt.tick();
    const told = rt.agentHub!.eventsAfter(before).events.filter((e) => e.type === 'handoff' && e.handoffId === row.id);
    expect(told.map((e) => (e.data as any).handoff.joined)).toEqual([true]);
    expect((told[0].data as any).previous).toEqual({ status: 'assigned', agentId: 'ann' });
    [row] = await mineOf(rt);
    expect(row).toMatchObject({ joined: true, answered: false });
    expect(row.waitingSince).toEqual(expect.any(Number));
    // Session 33 (newcomer s32 #6): the row previews the customer's words, not the bot's "has joined" line since the
    // request (`joined` says she opened it).
    expect(row.lastMessage).toMatchObject({ from: 'customer', text: 'Talk to a person' });

    rt.clock.now += 5_000;
    expect((await rt.post(`${hid(row.id)}/messages`, { text: 'Hi, Ann here' }, tok(ann))).status).toBe(200);
    [row] = await mineOf(rt);
    expect(row).toMatchObject({ joined: true, answered: true, waitingSince: null });
    void c;
  });

  it('given back while away and assigned to her again: heldBefore; to a colleague: not', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob], flow: flowWithTakeover(autoAssign()) });
    await online(rt, ann);
    await rt.customerWantsPerson();
    await rt.tick();
    let [row] = await mineOf(rt);
    await rt.get(hid(row.id), tok(ann));
    expect((await rt.post(`${hid(row.id)}/messages`, { text: 'Hi, Ann here' }, tok(ann))).status).toBe(200);
    // Session 41 (queue, newcomer s40 N2): a chat given back waits in the queue only while someone else is signed in
    // (else it leaves by the flow's No agent path): Bob is signed in but busy (no automatic assignment).
    expect((await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(bob))).status).toBe(200);
    rt.clock.now += 1_000;
    expect((await rt.post('/api/v1/agent/presence', { status: 'offline', chats: 'requeue' }, tok(ann))).body.requeued).toBe(1);
    await rt.tick();
    expect(await mineOf(rt)).toEqual([]);

    rt.clock.now += 1_000;
    await online(rt, ann);
    await rt.tick();
    await rt.tick();
    [row] = await mineOf(rt);
    expect(row).toMatchObject({ status: 'assigned', agentId: 'ann', joined: false, heldBefore: true });

    // Negative: the same gives it back again and Bob, online now, gets it: new to him.
    rt.clock.now += 1_000;
    expect((await rt.post('/api/v1/agent/presence', { status: 'offline', chats: 'requeue' }, tok(ann))).body.requeued).toBe(1);
    await online(rt, bob);
    await rt.tick();
    await rt.tick();
    const [bobs] = await mineOf(rt, bob);
    expect(bobs).toMatchObject({ status: 'assigned', agentId: 'bob', joined: false, heldBefore: false });
  });
});
