/**
 * Review of session 17 (runtime): `inboxesElsewhere` (--redis: which instances hold an agent's push stream, s16 H#18)
 * never forgot an instance, so every instance that ever told (each restart is a new one) stayed in memory for good.
 * An instance is now forgotten once it said "closed" or stopped retelling "open", and what it meant is kept: the agent
 * still counts as having closed her inbox then. Driven through a real runtime's hub (the events as Redis delivers
 * them: 'presence' with `inbox`, from other instance ids).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agent, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const bob = agent('bob', { name: 'Bob' });
const boss = agent('boss', { name: 'Boss', admin: true });

describe('review s17: inboxesElsewhere forgets instances whose beats stopped', () => {
  it('200 instances that told "open" once and went silent: forgotten after 30 s; Bob counts as inbox closed since then', async () => {
    const rt = await startAgentRuntime({ agents: [bob, boss] });
    expect((await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(bob))).status).toBe(200);
    const hub = rt.agentHub as any;
    const at = rt.clock.now;
    for (let i = 0; i < 200; i++) hub.onShared({ type: 'presence', origin: `gone-${i}`, handoffId: null, data: { agentId: 'bob', inbox: { open: true, leftAt: null, at } } });
    // One more that said "closed" at once.
    hub.onShared({ type: 'presence', origin: 'closed-1', handoffId: null, data: { agentId: 'bob', inbox: { open: false, leftAt: at - 1000, at } } });
    expect(hub.inboxesElsewhere.get('bob').size).toBe(201);
    expect(hub.connected('bob')).toBe(true);

    rt.clock.now += 31_000;
    await rt.tick();
    expect(hub.inboxesElsewhere.has('bob')).toBe(false);
    // What they meant is kept: her inbox closed when they went silent, so she is shown as such and gets no new chat.
    expect(hub.connected('bob')).toBe(false);
    expect(hub.inboxClosedSince('bob')).toBe(at);
    const listed = (await rt.get('/api/v1/agent/agents', tok(boss))).body.agents.find((a: any) => a.id === 'bob');
    expect(listed.inboxClosedAt).toBe(at);

    // An instance that tells "open" again afterwards counts at once.
    hub.onShared({ type: 'presence', origin: 'back-1', handoffId: null, data: { agentId: 'bob', inbox: { open: true, leftAt: null, at: rt.clock.now } } });
    expect(hub.connected('bob')).toBe(true);
  });
});
