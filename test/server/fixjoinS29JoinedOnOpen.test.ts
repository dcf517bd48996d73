/**
 * Session 29 (newcomer s28 N6, = s26 F12 / s27 G7-G8, the newcomer's top finding), over real HTTP with a manual clock:
 * when the hub AUTO-assigns a waiting chat, the customer was told "Ann has joined the conversation." and the widget
 * "A person is in the conversation" while Ann had not opened the chat. Now the customer hears "Ann will be with you
 * shortly." (the block's assignedSoonMessage) and a status line with `joined: false`; Ann's opening of the chat (GET of
 * the handoff detail) said the joined line, exactly once. A manual accept says it at once, as before.
 * Session 46 (ui10, newcomer s45 N4; the rule changed on purpose): opening the chat is recorded (the inbox's row is
 * `joined: true`, "not opened yet" goes) but says nothing to the customer; her first message says the joined line,
 * once, before her words (Bob opened a transferred chat, declined it, and the customer read "Bob has joined" then
 * "I am finding someone else").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, autoAssign, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

let rt: AgentRuntime | null = null;
afterEach(stopAgentRuntimes);

const ann = agent('ann');
const bob = agent('bob');
const JOINED = /has joined the conversation\./;

async function customerLog(r: AgentRuntime, c: { id: string; token: string }): Promise<any> {
  return (await r.get(`/api/v1/conversations/${c.id}?after=0`, auth(c.token))).body;
}
const texts = (log: any) => (log.messages as any[]).map((m) => m.text as string);
const statuses = (log: any) => (log.messages as any[]).filter((m) => m.status).map((m) => ({ text: m.text, ...m.status }));

describe('newcomer s28 N6 / s45 N4: "joined" when the agent of an automatically assigned chat writes, not when she opens it', () => {
  it('auto-assign: "will be with you shortly"; her GET of the handoff detail: opened, nothing said; her first message: the joined line, once', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob], flow: flowWithTakeover(autoAssign()) });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const h = await handoffOf(rt, c.id);
    expect(h).toMatchObject({ status: 'assigned', agentId: 'ann' });

    let log = await customerLog(rt, c);
    expect(log.mode).toBe('agent');
    expect(texts(log)).toContain('Ann will be with you shortly.');
    expect(texts(log).filter((t) => JOINED.test(t))).toEqual([]);
    expect(statuses(log).at(-1)).toMatchObject({ mode: 'agent', text: 'A person will join shortly.', handoff: { status: 'assigned', joined: false } });

    // The customer writes meanwhile: it reaches Ann's chat, and still nobody "joined".
    expect((await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: 'hello? anyone?' }, auth(c.token))).status).toBe(200);
    expect(texts(await customerLog(rt, c)).filter((t) => JOINED.test(t))).toEqual([]);

    // Bob looking at the chat (an admin-less colleague who can see it) does not make Ann join.
    await rt.get(hid(h.id), tok(bob));
    expect(texts(await customerLog(rt, c)).filter((t) => JOINED.test(t))).toEqual([]);

    // Her inbox's look in the background (the notice reading the last message) is not opening it.
    expect((await rt.get(`${hid(h.id)}?peek=true`, tok(ann))).status).toBe(200);
    expect(texts(await customerLog(rt, c)).filter((t) => JOINED.test(t))).toEqual([]);

    const detail = await rt.get(hid(h.id), tok(ann));
    expect(detail.status).toBe(200);
    expect((detail.body.transcript as any[]).some((e) => e.text === 'hello? anyone?')).toBe(true);
    // Session 46: opened (her row says so), the customer is told nothing yet.
    expect(detail.body.handoff.joined).toBe(true);
    expect((detail.body.transcript as any[]).some((e) => JOINED.test(e.text))).toBe(false);
    expect(((await rt.get('/api/v1/agent/handoffs?view=mine', tok(ann))).body.handoffs as any[]).find((x) => x.id === h.id).joined).toBe(true);
    log = await customerLog(rt, c);
    expect(texts(log).filter((t) => JOINED.test(t))).toEqual([]);
    expect(statuses(log).at(-1)).toMatchObject({ mode: 'agent', text: 'A person will join shortly.', handoff: { status: 'assigned', joined: false } });

    // Opened again (a reload, 40 s later), then her first message: the joined line once, right before her words.
    rt.clock.now += 40_000;
    expect((await rt.get(hid(h.id), tok(ann))).status).toBe(200);
    expect(texts(await customerLog(rt, c)).filter((t) => JOINED.test(t))).toEqual([]);
    expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hi, Ann here' }, tok(ann))).status).toBe(200);
    log = await customerLog(rt, c);
    expect(texts(log).filter((t) => JOINED.test(t))).toEqual(['Ann has joined the conversation.']);
    expect(statuses(log).at(-1)).toMatchObject({ mode: 'agent', text: 'A person is in the conversation.', handoff: { status: 'assigned', joined: true } });
    const said = texts(log).filter((t) => !/^(The bot|Waiting|A person)/.test(t));
    expect(said.slice(-2)).toEqual(['Ann has joined the conversation.', 'Hi, Ann here']);
  });

  it('she writes before her inbox read the chat: the joined line comes first, once', async () => {
    rt = await startAgentRuntime({ agents: [ann], flow: flowWithTakeover(autoAssign()) });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const h = await handoffOf(rt, c.id);
    expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hi, Ann here' }, tok(ann))).status).toBe(200);
    await rt.get(hid(h.id), tok(ann));
    const said = texts(await customerLog(rt, c)).filter((t) => !/^(The bot|Waiting|A person)/.test(t));
    expect(said.slice(-2)).toEqual(['Ann has joined the conversation.', 'Hi, Ann here']);
    expect(said.filter((t) => JOINED.test(t))).toHaveLength(1);
  });

  it('she goes offline before opening it: back to the queue, Bob is assigned; Ann never "joined"', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob], settings: { offlineAfterSeconds: 60 }, flow: flowWithTakeover(autoAssign()) });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    expect((await handoffOf(rt, c.id)).agentId).toBe('ann');
    await online(rt, bob);
    rt.clock.now += 45_000;
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(bob));
    rt.clock.now += 20_000;
    await rt.tick();
    await rt.tick();
    const h = await handoffOf(rt, c.id, bob);
    expect(h).toMatchObject({ status: 'assigned', agentId: 'bob' });
    let log = await customerLog(rt, c);
    expect(texts(log).filter((t) => JOINED.test(t))).toEqual([]);
    expect(texts(log)).toContain('Bob will be with you shortly.');
    expect((await rt.get(hid(h.id), tok(bob))).status).toBe(200);
    log = await customerLog(rt, c);
    expect(texts(log).filter((t) => JOINED.test(t))).toEqual([]);
    expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hi, Bob here' }, tok(bob))).status).toBe(200);
    log = await customerLog(rt, c);
    expect(texts(log).filter((t) => JOINED.test(t))).toEqual(['Bob has joined the conversation.']);
  });

  it('negative: a manual accept says joined at once, and opening the chat adds nothing', async () => {
    rt = await startAgentRuntime({ agents: [ann], flow: flowWithTakeover({ assignation: 'custom' }) });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const h = await handoffOf(rt, c.id);
    expect(h.status).toBe('pending');
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    let log = await customerLog(rt, c);
    expect(texts(log).filter((t) => JOINED.test(t))).toEqual(['Ann has joined the conversation.']);
    expect(texts(log)).not.toContain('Ann will be with you shortly.');
    expect(statuses(log).at(-1)).toMatchObject({ mode: 'agent', text: 'A person is in the conversation.' });
    expect(statuses(log).at(-1).handoff).not.toHaveProperty('joined');
    expect((await rt.get(hid(h.id), tok(ann))).status).toBe(200);
    log = await customerLog(rt, c);
    expect(texts(log).filter((t) => JOINED.test(t))).toHaveLength(1);
  });
});
