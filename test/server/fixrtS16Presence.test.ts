/**
 * Hostile s16 H#14, H#22, H#13 (runtime server, real HTTP):
 * - H#14: signing out (DELETE /api/v1/agent/session) left the agent Online; new chats were assigned to her after the
 *   sign-out and their customers told "under a minute". Her last session ending sets her offline now.
 * - H#22: the only Online agent closed her inbox: she gets no new chat, yet the engine's "someone reachable" and the
 *   estimate counted her seat: "Expected wait: under a minute" and a wait for the queue timeout. Now she counts as
 *   offline there too once the inbox has been closed for a few seconds (as the agents list shows her).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agent, autoAssign, flowWithTakeover, handoffOf, online, PASSWORD, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';
import { auth } from './runtimeFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann', { name: 'Ann', maxChats: 3 });
const boss = agent('boss', { name: 'Boss', admin: true });

const said = (reply: any) => (reply.messages as Array<{ text: string }>).map((m) => String(m.text)).join(' ');
const waitOf = (reply: any) => /Expected wait: ([^.]+)\./.exec(said(reply))?.[1] ?? said(reply);

describe('hostile s16 H#14: signing out', () => {
  it('the last session signed out: offline at once, no chat assigned to her after it, the customer not told "under a minute"', async () => {
    const rt = await startAgentRuntime({ agents: [ann, boss], flow: flowWithTakeover(autoAssign('least_busy', 3)) });
    const s = await rt.post('/api/v1/agent/session', { login: 'ann', password: PASSWORD });
    expect(s.status).toBe(200);
    const token = s.body.token as string;
    expect((await rt.post('/api/v1/agent/presence', { status: 'online' }, auth(token))).status).toBe(200);
    await rt.tick();
    expect((await fetch(rt.url + '/api/v1/agent/session', { method: 'DELETE', headers: auth(token) })).status).toBe(204);
    const me = await rt.get('/api/v1/agent/agents', tok(boss));
    expect(me.body.agents.find((a: any) => a.id === 'ann').status).toBe('offline');
    const c = await rt.customerWantsPerson();
    expect(said(c.reply)).not.toMatch(/under a minute/);
    for (let i = 0; i < 3; i++) {
      rt.clock.now += 1000;
      await rt.tick();
    }
    const h = await handoffOf(rt, c.id, boss);
    expect(h?.agentId ?? null).toBeNull();
  });

  it('signed in twice, one session signed out: still online (the other session may be in use)', async () => {
    const rt = await startAgentRuntime({ agents: [ann, boss], flow: flowWithTakeover(autoAssign('least_busy', 3)) });
    const t1 = (await rt.post('/api/v1/agent/session', { login: 'ann', password: PASSWORD })).body.token as string;
    const t2 = (await rt.post('/api/v1/agent/session', { login: 'ann', password: PASSWORD })).body.token as string;
    expect((await rt.post('/api/v1/agent/presence', { status: 'online' }, auth(t1))).status).toBe(200);
    expect((await fetch(rt.url + '/api/v1/agent/session', { method: 'DELETE', headers: auth(t1) })).status).toBe(204);
    expect((await rt.get('/api/v1/agent/me', auth(t2))).body.status).toBe('online');
    const c = await rt.customerWantsPerson();
    await rt.tick();
    await rt.tick();
    expect((await handoffOf(rt, c.id, boss)).agentId).toBe('ann');
  });
});

describe('hostile s16 H#22: the only Online agent closed her inbox', () => {
  it('a new customer is not told "under a minute": nobody reachable now (the takeover leaves by no_agent)', async () => {
    const rt = await startAgentRuntime({ agents: [ann, boss], flow: flowWithTakeover(autoAssign('least_busy', 3)) });
    await online(rt, ann);
    const hub = rt.agentHub!;
    // Before the inbox closes she is reachable: the first customer is told under a minute.
    const first = await rt.customerWantsPerson();
    expect(waitOf(first.reply)).toBe('under a minute');
    hub.streamOpened('ann');
    hub.streamClosed('ann');
    rt.clock.now += 5000;
    await rt.tick();
    const c = await rt.customerWantsPerson();
    expect(said(c.reply)).not.toMatch(/under a minute/);
    const h = await handoffOf(rt, c.id, boss);
    // The takeover did not queue the chat for an agent who cannot get it.
    expect(h === undefined || h.status !== 'pending' || h.queue?.wait !== 'under a minute').toBe(true);
  });

  it('a reload (the inbox closed and opened again within a second) changes nothing', async () => {
    const rt = await startAgentRuntime({ agents: [ann, boss], flow: flowWithTakeover(autoAssign('least_busy', 3)) });
    await online(rt, ann);
    const hub = rt.agentHub!;
    hub.streamOpened('ann');
    hub.streamClosed('ann');
    rt.clock.now += 500;
    hub.streamOpened('ann');
    rt.clock.now += 5000;
    await rt.tick();
    const c = await rt.customerWantsPerson();
    expect(waitOf(c.reply)).toBe('under a minute');
  });
});
