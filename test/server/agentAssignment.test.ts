/**
 * Assignment as the Human Takeover block says, over real HTTP on 127.0.0.1 with a manual clock: round robin, least
 * busy, skill + language, capacity with the oldest waiting first when a seat frees up, reassign when the agent does
 * not answer, inactivity -> offline with unanswered chats back to the queue, queue timeout, nobody eligible ->
 * no_agent, state kept across a restart, and the agent push channel (live + resume).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readEvents } from '../support/sse';
import { auth } from './runtimeFixtures';
import { agent, autoAssign, flowWithTakeover, handoffOf, hid, online, PASSWORD, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

let rt: AgentRuntime | null = null;
afterEach(stopAgentRuntimes);

const ann = agent('ann');
const bob = agent('bob');

describe('assignment', () => {
  it('round robin: agents take turns; the customer is told who will be with them (joined: when she opens it, newcomer s28 N6)', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob], flow: flowWithTakeover(autoAssign('round_robin')) });
    await online(rt, ann, bob);
    const owners: string[] = [];
    for (let i = 0; i < 4; i++) {
      const c = await rt.customerWantsPerson();
      await rt.tick();
      rt.clock.now += 1000;
      const h = await handoffOf(rt, c.id);
      expect(h.status).toBe('assigned');
      owners.push(h.agentId);
      const log = (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body;
      expect(log.mode).toBe('agent');
      expect(log.messages.some((m: any) => m.text === `${h.agentName} will be with you shortly.`)).toBe(true);
      expect(log.messages.some((m: any) => /has joined/.test(m.text))).toBe(false);
    }
    expect(owners).toEqual(['ann', 'bob', 'ann', 'bob']);
  });

  it('least busy, skill and language; capacity: the oldest waiting chat goes first when a seat frees up', async () => {
    const fr = agent('fred', { skills: ['billing'], languages: ['fr'], maxChats: 1 });
    const en = agent('emma', { skills: ['billing'], languages: ['en'] });
    rt = await startAgentRuntime({ agents: [fr, en, ann], flow: flowWithTakeover({ ...autoAssign('least_busy', 5), skill: 'billing', language: 'fr-FR' }) });
    await online(rt, fr, en, ann);
    const first = await rt.customerWantsPerson();
    await rt.tick();
    expect((await handoffOf(rt, first.id, fr)).agentId).toBe('fred'); // the only French speaker with billing
    rt.clock.now += 1000;
    const second = await rt.customerWantsPerson();
    rt.clock.now += 1000;
    const third = await rt.customerWantsPerson();
    await rt.tick();
    // Fred is at his own limit (maxChats 1): both wait, oldest first.
    expect((await handoffOf(rt, second.id, fr)).status).toBe('pending');
    expect((await handoffOf(rt, third.id, fr)).status).toBe('pending');
    const h1 = await handoffOf(rt, first.id, fr);
    await rt.post(`${hid(h1.id)}/messages`, { text: 'Bonjour' }, tok(fr));
    expect((await rt.post(`${hid(h1.id)}/resolve`, {}, tok(fr))).status).toBe(200);
    await rt.tick();
    expect((await handoffOf(rt, second.id, fr)).agentId).toBe('fred');
    expect((await handoffOf(rt, third.id, fr)).status).toBe('pending');
  });

  it('reassigns a chat the agent does not answer in time, and not back to them', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob], settings: { reassignAfterMinutes: 1 }, flow: flowWithTakeover(autoAssign('round_robin')) });
    await online(rt, ann, bob);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const h = await handoffOf(rt, c.id);
    expect(h.agentId).toBe('ann');
    rt.clock.now += 30_000;
    await rt.tick();
    expect((await handoffOf(rt, c.id)).agentId).toBe('ann'); // not yet
    rt.clock.now += 31_000;
    await rt.tick(); // no answer for 61 s: requeued, then given to Bob
    await rt.tick();
    const after = await handoffOf(rt, c.id);
    expect(after).toMatchObject({ status: 'assigned', agentId: 'bob' });
    // An answered chat stays.
    await rt.post(`${hid(h.id)}/messages`, { text: 'Bob here' }, tok(bob));
    rt.clock.now += 120_000;
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(bob));
    await rt.tick();
    expect((await handoffOf(rt, c.id)).agentId).toBe('bob');
  });

  it('an inactive agent goes offline and their unanswered chats go back to the queue', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob], settings: { offlineAfterSeconds: 60 }, flow: flowWithTakeover(autoAssign()) });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    expect((await handoffOf(rt, c.id)).agentId).toBe('ann');
    await online(rt, bob);
    rt.clock.now += 45_000;
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(bob)); // Bob keeps his heartbeat
    rt.clock.now += 20_000; // Ann silent for 65 s
    await rt.tick();
    await rt.tick();
    expect((await rt.get('/api/v1/agent/me', tok(ann))).body.status).toBe('offline');
    const h = await handoffOf(rt, c.id, bob);
    expect(h).toMatchObject({ status: 'assigned', agentId: 'bob' });
  });

  it('nobody eligible (skill) -> no_agent exit; queue timeout -> timeout exit', async () => {
    rt = await startAgentRuntime({ agents: [ann], flow: flowWithTakeover({ ...autoAssign(), skill: 'legal', queueTimeoutMinutes: 1 }) });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    // The engine knows nobody online has the skill: no_agent at once.
    expect(c.reply.mode).toBe('bot');
    expect(c.reply.messages.some((m: any) => m.text === 'Nobody is free right now; we will email you.')).toBe(true);
    await rt.stop();

    rt = await startAgentRuntime({ agents: [ann], flow: flowWithTakeover({ queueTimeoutMinutes: 1 }) });
    await online(rt, ann);
    const w = await rt.customerWantsPerson();
    expect(w.reply.mode).toBe('waiting');
    rt.clock.now += 61_000;
    await rt.runner.tick();
    const log = (await rt.get(`/api/v1/conversations/${w.id}`, auth(w.token))).body;
    expect(log.mode).toBe('bot');
    expect(log.messages.some((m: any) => m.text === 'Nobody is free right now; we will email you.')).toBe(true);
    expect((await handoffOf(rt, w.id)).status).toBe('expired');
  });

  it('after a restart: the queue is still there, accept works, a second accept is 409', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-agents-restart-'));
    try {
      rt = await startAgentRuntime({ agents: [ann, bob], dir });
      await online(rt, ann);
      const c = await rt.customerWantsPerson();
      await rt.stop();
      rt = await startAgentRuntime({ agents: [ann, bob], dir });
      await online(rt, ann, bob);
      const list = await rt.get('/api/v1/agent/handoffs', tok(bob));
      expect(list.body.counts.unassigned).toBe(1);
      const h = list.body.handoffs[0];
      expect(h.conversationId).toBe(c.id);
      expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(bob))).status).toBe(200);
      expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(409);
      await rt.post(`${hid(h.id)}/messages`, { text: 'Back after the restart' }, tok(bob));
      const log = (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages;
      expect(log.some((m: any) => m.from === 'agent' && m.text === 'Back after the restart')).toBe(true);
    } finally {
      await rt?.stop();
      rt = null;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('agent push channel', () => {
  it('streams new handoffs, customer messages, typing and viewers live, and resumes after a reconnect with nothing missed', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob] });
    await online(rt, ann, bob);
    const live = await readEvents(
      `${rt.url}/api/v1/agent/events`,
      tok(ann),
      (ev) => ev.some((e) => e.event === 'message' && e.data.message.text === 'still there?') && ev.filter((e) => e.event === 'typing').length >= 2,
    );
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const h = await handoffOf(rt, c.id);
    await rt.get(hid(h.id), tok(bob)); // Bob views it
    await rt.post(`${hid(h.id)}/accept`, {}, tok(bob));
    await rt.post(`${hid(h.id)}/typing`, {}, tok(bob));
    expect((await rt.post(`/api/v1/conversations/${c.id}/typing`, {}, auth(c.token))).body).toEqual({ ok: true });
    expect((await rt.post(`/api/v1/conversations/${c.id}/typing`, {}, auth('wrong'))).status).toBe(401);
    await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: 'still there?' }, auth(c.token));
    await live.done;
    expect(live.events.filter((e) => e.event === 'typing').map((e) => e.data.from ?? e.data.agentId)).toEqual(['bob', 'customer']);
    const kinds = live.events.map((e) => e.event);
    expect(kinds).toContain('handoff');
    expect(kinds).toContain('viewing');
    expect(live.events.find((e) => e.event === 'handoff' && e.data.handoff.status === 'pending')!.data.handoff.id).toBe(h.id);
    expect(live.events.some((e) => e.event === 'handoff' && e.data.handoff.status === 'assigned' && e.data.handoff.agentId === 'bob')).toBe(true);
    expect(live.events.find((e) => e.event === 'typing')!.data).toMatchObject({ handoffId: h.id, agentId: 'bob' });
    // Ids are "<epoch>.<n>": one epoch for this process, n increasing.
    const epoch = live.events[0].id.split('.')[0];
    expect(live.events.every((e) => e.id.startsWith(`${epoch}.`))).toBe(true);
    const ids = live.events.map((e) => Number(e.id.split('.')[1]));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));

    // Reconnect from the middle: exactly the events after it, none repeated.
    const mid = ids[Math.floor(ids.length / 2)];
    const resumed = await readEvents(`${rt.url}/api/v1/agent/events`, { ...tok(ann), 'last-event-id': `${epoch}.${mid}` }, (ev) => ev.length >= ids.filter((i) => i > mid).length, 3000);
    await resumed.done;
    expect(resumed.events.map((e) => Number(e.id.split('.')[1]))).toEqual(ids.filter((i) => i > mid));
    expect(resumed.events.some((e) => e.event === 'reset')).toBe(false);
    // A cursor from another process (before a restart) or beyond the newest event: `reset` first, then live events.
    for (const foreign of ['zzzz.3', `${epoch}.${ids[ids.length - 1] + 10_000_000}`, '42']) {
      const r = await readEvents(`${rt.url}/api/v1/agent/events`, { ...tok(ann), 'last-event-id': foreign }, (ev) => ev.length >= 1, 2000);
      await r.done;
      expect(r.events[0]?.event).toBe('reset');
    }
    // Without a token: 401.
    expect((await fetch(`${rt.url}/api/v1/agent/events`)).status).toBe(401);
  });
});

describe('queue position', () => {
  it('tells waiting customers their place and expected wait, and updates them when they move up', async () => {
    rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    const cs = [];
    for (let i = 0; i < 3; i++) {
      cs.push(await rt.customerWantsPerson());
      rt.clock.now += 1000;
    }
    await rt.tick();
    const systemTexts = async (c: { id: string; token: string }) =>
      (await rt!.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages.filter((m: any) => m.from === 'system' && !m.status).map((m: any) => m.text);
    expect(await systemTexts(cs[0])).toEqual([]); // first in line: the handoff message already said the wait
    expect(await systemTexts(cs[1])).toEqual(['You are number 2 in the queue. Expected wait: under a minute.']);
    expect(await systemTexts(cs[2])).toEqual(['You are number 3 in the queue. Expected wait: under a minute.']);
    await rt.tick();
    expect(await systemTexts(cs[2])).toHaveLength(1); // nothing changed: no repeat
    const first = await handoffOf(rt, cs[0].id);
    expect((await rt.post(`${hid(first.id)}/accept`, {}, tok(ann))).status).toBe(200);
    rt.clock.now += 31_000;
    await rt.tick();
    expect((await systemTexts(cs[1])).at(-1)).toBe('You are next in line. Expected wait: under a minute.');
    expect((await systemTexts(cs[2])).at(-1)).toBe('You are number 2 in the queue. Expected wait: under a minute.');
    // The customer's push channel carries the update like any message (from: system).
    expect(await systemTexts(cs[0])).toEqual([]);
  });
});

describe('agent push channel: sessions', () => {
  it('a signed-out session ends its open stream (nothing more is sent to it); too many streams for one agent -> 429', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob] });
    await online(rt, ann, bob);
    const s = (await rt.post('/api/v1/agent/session', { login: 'ann', password: PASSWORD })).body.token as string;
    // The stream checks its token every 2 s (and at each event): it ends within seconds, not at the 15 s keep-alive.
    const stream = await readEvents(`${rt.url}/api/v1/agent/events`, auth(s), (ev) => ev.some((e) => e.event === 'signed_out' || e.event === 'handoff'), 20_000);
    const signedOutAt = Date.now();
    expect((await fetch(`${rt.url}/api/v1/agent/session`, { method: 'DELETE', headers: auth(s) })).status).toBe(204);
    await rt.customerWantsPerson(); // a new handoff event: the signed-out stream must not get it
    await stream.done;
    expect(stream.events.map((e) => e.event)).toEqual(['signed_out']);
    expect(Date.now() - signedOutAt).toBeLessThan(8000);
    // Stream cap per agent.
    const ctrls: AbortController[] = [];
    try {
      for (let i = 0; i < 20; i++) {
        const c = new AbortController();
        ctrls.push(c);
        expect((await fetch(`${rt.url}/api/v1/agent/events`, { headers: tok(bob), signal: c.signal })).status).toBe(200);
      }
      const over = await fetch(`${rt.url}/api/v1/agent/events`, { headers: tok(bob) });
      expect(over.status).toBe(429);
      expect(((await over.json()) as { error: string }).error).toBe('too_many_streams');
    } finally {
      for (const c of ctrls) c.abort();
    }
  });
});
