/**
 * Presence edge cases found by the newcomer pass (manual clock, one process):
 * - an agent who ANSWERED a chat and then went offline (chose offline, or the inbox is gone) does not keep the
 *   customer waiting forever: after the inactivity timeout the chat goes back to the queue (to an agent online);
 * - after a restart (presence is in memory with one process) agents get the inactivity timeout to come back before
 *   their chats move or a waiting chat takes the no_agent exit, and an answered chat is not "reassigned for want of
 *   an answer" (the log says it was answered);
 * - "also viewing" badges drop an agent when their inbox closes, and when their 30 s run out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../runtime/agents/agentHub';
import { auth } from './runtimeFixtures';
import { agent, agentsFileIn, autoAssign, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

let rt: AgentRuntime | null = null;
afterEach(stopAgentRuntimes);

const ann = agent('ann');
const bob = agent('bob');

describe('presence edge cases', () => {
  it('an answered chat whose agent went offline goes back to the queue after the away grace (awayGraceMinutes, newcomer s15 N#12)', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob], settings: { offlineAfterSeconds: 60, awayGraceMinutes: 1 }, flow: flowWithTakeover(autoAssign()) });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const h = await handoffOf(rt, c.id);
    expect(h.agentId).toBe('ann');
    expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hi, Ann here' }, tok(ann))).status).toBe(200);
    await online(rt, bob);
    expect((await rt.post('/api/v1/agent/presence', { status: 'offline' }, tok(ann))).status).toBe(200);
    await rt.tick();
    expect((await handoffOf(rt, c.id)).agentId).toBe('ann'); // answered: kept for now (she may be back)
    rt.clock.now += 30_000;
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(bob)); // bob's heartbeat
    await rt.tick();
    expect((await handoffOf(rt, c.id)).agentId).toBe('ann');
    rt.clock.now += 31_000;
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(bob));
    await rt.tick(); // offline for 61 s: back to the queue...
    await rt.tick(); // ...and to bob
    expect(await handoffOf(rt, c.id, bob)).toMatchObject({ status: 'assigned', agentId: 'bob' });
    const log = (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages;
    expect(log.some((m: any) => m.text === 'Bob will be with you shortly.')).toBe(true); // joined when he opens it (newcomer s28 N6)
  });

  it('after a restart: agents get the inactivity timeout to come back; an answered chat is not reassigned', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-presence-restart-'));
    try {
      const settings = { offlineAfterSeconds: 60, reassignAfterMinutes: 1 };
      rt = await startAgentRuntime({ agents: [ann, bob], settings, flow: flowWithTakeover(autoAssign()), dir });
      await online(rt, ann);
      const held = await rt.customerWantsPerson();
      await rt.tick();
      const h = await handoffOf(rt, held.id);
      expect(h.agentId).toBe('ann');
      await rt.post(`${hid(h.id)}/messages`, { text: 'Looking into it' }, tok(ann));
      const start = rt.clock.now;
      await rt.stop();
      rt = await startAgentRuntime({ agents: [ann, bob], settings, flow: flowWithTakeover(autoAssign()), dir });
      rt.clock.now = start + 5 * 60_000; // the answer is old: only the log says it was answered
      await rt.tick();
      rt.clock.now += 30_000;
      await rt.tick();
      expect((await handoffOf(rt, held.id)).agentId).toBe('ann'); // neither reassigned nor requeued
      await online(rt, ann);
      await rt.tick();
      rt.clock.now += 45_000; // 75 s after the restart, ann back: her chat stays hers
      await rt.tick();
      expect(await handoffOf(rt, held.id)).toMatchObject({ status: 'assigned', agentId: 'ann' });
    } finally {
      await rt?.stop();
      rt = null;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('after a restart with nobody back within the timeout: the waiting chat takes the no_agent exit', async () => {
    // Session 37: a real restart (the grace applies only when someone was online before it, kept next to the agents
    // file). Ann online, a customer waiting; the server restarts before the loop assigns it and Ann never comes back.
    const dir = mkdtempSync(join(tmpdir(), 'baton-presence-grace-'));
    try {
      const file = agentsFileIn(dir, [ann], { offlineAfterSeconds: 60 });
      const opts = { agents: [ann], settings: { offlineAfterSeconds: 60 }, flow: flowWithTakeover(autoAssign()), dir, file };
      const before = await startAgentRuntime(opts);
      await online(before, ann);
      const c = await before.customerWantsPerson();
      expect(c.reply.mode).toBe('waiting');
      await before.stop();
      rt = await startAgentRuntime({ ...opts, clockStart: before.clock.now + 1_000 });
      await rt.tick();
      expect((await handoffOf(rt, c.id)).status).toBe('pending'); // within the start-up grace
      rt.clock.now += 61_000;
      await rt.tick();
      const after = (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body;
      expect(after.messages.some((m: any) => m.text === 'Nobody is free right now; we will email you.')).toBe(true);
    } finally {
      await rt?.stop();
      rt = null;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a Busy agent gets no automatic assignment but the chat waits for them in the queue (not no_agent at once)', async () => {
    // Newcomer s6 #3: with only Busy agents signed in, the handoff took the no_agent exit at once, so a team whose
    // agents were all Busy never received a chat even though each of them could pick one from the queue.
    rt = await startAgentRuntime({ agents: [ann], settings: { offlineAfterSeconds: 60 }, flow: flowWithTakeover(autoAssign()) });
    expect((await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(ann))).status).toBe(200);
    const c = await rt.customerWantsPerson();
    expect(c.reply.mode).toBe('waiting');
    rt.clock.now += 40_000;
    expect((await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(ann))).status).toBe(200); // her heartbeat
    rt.clock.now += 21_000; // past the start-up grace: the queue loop would have sent it to no_agent before the fix
    expect((await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(ann))).status).toBe(200);
    await rt.tick();
    const h = await handoffOf(rt, c.id);
    expect(h).toMatchObject({ status: 'pending' });
    expect(h.agentId ?? null).toBeNull(); // Busy: no automatic assignment
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'assigned', agentId: 'ann' });
  });

  it("an agent's offline blip is not a refusal: the chat goes back to the queue and to them again when they return", async () => {
    // Hostile s6: ann (the only agent signed in) went offline for half a second after the chat was assigned; she was
    // marked as having declined it, so on her return nobody qualified and the chat took the no_agent exit ('rejected').
    rt = await startAgentRuntime({ agents: [ann, bob], settings: { offlineAfterSeconds: 60 }, flow: flowWithTakeover(autoAssign()) });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'assigned', agentId: 'ann' });
    expect((await rt.post('/api/v1/agent/presence', { status: 'offline' }, tok(ann))).status).toBe(200);
    await rt.tick();
    expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'pending' });
    rt.clock.now += 500;
    await online(rt, ann);
    await rt.tick();
    expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'assigned', agentId: 'ann' });
    const log = (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages;
    expect(log.some((m: any) => /no one from our team is available/i.test(m.text ?? ''))).toBe(false);
  });

  it('"also viewing" drops an agent when their inbox closes and when their 30 s run out', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob], flow: flowWithTakeover({ queueTimeoutMinutes: 10 }) });
    await online(rt, ann, bob);
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    const hub = rt.agentHub!;
    const events: AgentEvent[] = [];
    hub.listen((e) => e.type === 'viewing' && events.push(e));
    hub.streamOpened('ann');
    expect((await rt.get(hid(h.id), tok(ann))).status).toBe(200);
    expect((await rt.get(hid(h.id), tok(bob))).body.alsoViewing).toEqual(['ann']);
    hub.streamClosed('ann'); // ann's inbox tab closed
    expect(events.at(-1)!.data).toMatchObject({ handoffId: h.id, agents: ['bob'] });
    rt.clock.now += 31_000; // bob's 30 s run out
    await rt.tick();
    expect(events.at(-1)!.data).toMatchObject({ handoffId: h.id, agents: [] });
    expect((await rt.get(hid(h.id), tok(ann))).body.alsoViewing).toEqual([]);
  });
});

describe('team transfer', () => {
  it("tells the old team's inboxes to refetch when a chat moves to another team (they can no longer see it)", async () => {
    const zoe = agent('zoe', { teams: ['sales'] });
    rt = await startAgentRuntime({ agents: [ann, bob, zoe], flow: flowWithTakeover({ teams: ['support'], queueTimeoutMinutes: 10 }) });
    await online(rt, ann, bob, zoe);
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    expect((await rt.get('/api/v1/agent/handoffs?view=all', tok(bob))).body.handoffs.map((x: any) => x.id)).toContain(h.id);
    expect((await rt.get('/api/v1/agent/handoffs?view=all', tok(zoe))).body.handoffs.map((x: any) => x.id)).not.toContain(h.id);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    const events: AgentEvent[] = [];
    rt.agentHub!.listen((e) => events.push(e));
    expect((await rt.post(`${hid(h.id)}/transfer`, { team: 'sales' }, tok(ann))).status).toBe(200);
    // An event for everyone (handoffId null: the push route filters nothing), without the chat's id or team.
    const told = events.find((e) => e.type === 'handoff' && e.handoffId === null);
    expect(told?.data).toEqual({ listChanged: true });
    expect((await rt.get('/api/v1/agent/handoffs?view=all', tok(bob))).body.handoffs.map((x: any) => x.id)).not.toContain(h.id);
    expect((await rt.get('/api/v1/agent/handoffs?view=all', tok(zoe))).body.handoffs.map((x: any) => x.id)).toContain(h.id);
  });
});
