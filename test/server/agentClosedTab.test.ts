/**
 * newcomer s9 #32: an agent who closed her inbox tab without signing out (online, inside the inactivity grace) was
 * still given NEW chats: the customer read "Eve has joined the chat" with nobody there, for ~2 minutes. Now a new chat
 * goes to an agent whose inbox is open; the closed-tab agent keeps the chats she has during the grace, as before,
 * and gets new ones again as soon as her inbox is back. Real HTTP and a real push stream.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agent, autoAssign, flowWithTakeover, handoffOf, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';
import { openStream } from './agentSse';

afterEach(stopAgentRuntimes);

const eve = agent('eve');
const bob = agent('bob');

const until = async (ok: () => Promise<boolean>) => {
  for (let i = 0; i < 50 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 20));
};

describe('an agent who closed her inbox tab (newcomer s9 #32)', () => {
  it('gets no new chat until her inbox is open again; keeps the one she has', async () => {
    const rt = await startAgentRuntime({ agents: [eve, bob], flow: flowWithTakeover(autoAssign('round_robin', 5)) });
    const stream = await openStream(`${rt.url}/api/v1/agent/events`, tok(eve));
    await online(rt, eve);
    const first = await rt.customerWantsPerson();
    await rt.tick();
    expect((await handoffOf(rt, first.id, eve)).agentId).toBe('eve');

    // Eve closes the tab: no sign-out, still "online" for the inactivity grace.
    stream.close();
    await until(async () => !rt.agentHub!.connected('eve'));
    rt.clock.now += 10_000;
    // Bob is signed in but Busy: the chat waits in the queue for someone (with nobody reachable at all the takeover
    // would say so at once instead: hostile s16 H#22).
    await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(bob));
    const second = await rt.customerWantsPerson();
    await rt.tick();
    const h2 = await handoffOf(rt, second.id, eve);
    expect(h2.status).toBe('pending');
    expect(h2.agentId).toBeNull();
    const said = (await rt.get(`/api/v1/conversations/${second.id}`, { authorization: `Bearer ${second.token}` })).body.messages.map((m: any) => String(m.text));
    expect(said.join(' | ')).not.toMatch(/Eve .*has joined/);
    // Her own chat stays hers during the grace.
    expect((await handoffOf(rt, first.id, eve)).agentId).toBe('eve');

    // Bob has his inbox open: the waiting chat goes to him.
    const bobStream = await openStream(`${rt.url}/api/v1/agent/events`, tok(bob));
    await online(rt, bob);
    await rt.tick();
    expect((await handoffOf(rt, second.id, eve)).agentId).toBe('bob');

    // Eve's inbox is back: she gets new chats again.
    const again = await openStream(`${rt.url}/api/v1/agent/events`, tok(eve));
    await until(async () => rt.agentHub!.connected('eve'));
    await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(bob));
    const third = await rt.customerWantsPerson();
    await rt.tick();
    expect((await handoffOf(rt, third.id, eve)).agentId).toBe('eve');
    again.close();
    bobStream.close();
  });
});
