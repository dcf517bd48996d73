/**
 * Session 46 (apisec, newcomer s46 N2): in a queue agents pick from by hand (no automatic assignment), a customer
 * already waiting when the last agent went offline stayed queued ("longer than usual") until the 10-minute queue
 * timeout, while a new customer was sent to the No agent way at once. Now the waiting one leaves by No agent too (the
 * go-offline dialog's "the flow goes on without a person"), over real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, flowWithTakeover, handoffOf, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

afterEach(stopAgentRuntimes);

const STAY = { offlineAfterSeconds: 3600 };
const ann = agent('ann');
const bob = agent('bob');
const texts = async (r: AgentRuntime, c: { id: string; token: string }): Promise<string[]> =>
  ((await r.get(`/api/v1/conversations/${c.id}?after=0`, auth(c.token))).body.messages as any[]).map((m) => m.text as string);
const NO_AGENT_WAY = 'Nobody is free right now; we will email you.';

describe('newcomer s46 N2: the last agent goes offline while a customer waits in a hand-picked queue', () => {
  it('Bob then Ann go offline: the waiting customer takes the No agent way within seconds, as a new one does', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob], settings: STAY, flow: flowWithTakeover({ queueTimeoutMinutes: 10 }) });
    await online(rt, ann, bob);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    expect((await handoffOf(rt, c.id)).status).toBe('pending');
    expect((await rt.post('/api/v1/agent/presence', { status: 'offline' }, tok(bob))).status).toBe(200);
    rt.clock.now += 5_000;
    await rt.tick();
    // Ann is still online: it waits for her.
    expect((await handoffOf(rt, c.id)).status).toBe('pending');
    expect(await texts(rt, c)).not.toContain(NO_AGENT_WAY);
    expect((await rt.post('/api/v1/agent/presence', { status: 'offline' }, tok(ann))).status).toBe(200);
    rt.clock.now += 5_000;
    await rt.tick();
    const said = await texts(rt, c);
    expect(said, said.join(' | ')).toContain(NO_AGENT_WAY);
    expect((await handoffOf(rt, c.id, ann)).status).toBe('rejected');
    // A new customer now gets the same way at once.
    const d = await rt.customerWantsPerson();
    expect(d.reply.messages.map((m: { text: string }) => m.text)).toContain(NO_AGENT_WAY);
  });

  it('a busy agent still signed in can pick it: the chat keeps waiting', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob], settings: STAY, flow: flowWithTakeover({ queueTimeoutMinutes: 10 }) });
    await online(rt, ann);
    expect((await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(bob))).status).toBe(200);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    expect((await rt.post('/api/v1/agent/presence', { status: 'offline' }, tok(ann))).status).toBe(200);
    rt.clock.now += 5_000;
    await rt.tick();
    expect((await handoffOf(rt, c.id, bob)).status).toBe('pending');
    expect(await texts(rt, c)).not.toContain(NO_AGENT_WAY);
  });
});
