/**
 * Hostile s29 H11, over real HTTP with a manual clock: a chat AUTO-assigned to an agent who stays online but never
 * opens it waited for ever under "Ann will be with you shortly." (the queue timers end at assignment; nothing acted on
 * `joined: false`). Now, past settings.notOpenedAfterMinutes (default 2) without her opening it, it goes to another
 * agent, never back to her; with nobody else it waits in the queue again, and the block's queue timeout then applies.
 * Session 41 (hostile s40 M9): with nobody else, it is offered to her once more (oldest first, before newer chats: a
 * restart had closed her inbox); a second time unopened, it waits in the queue and its timeout applies.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, autoAssign, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

let rt: AgentRuntime | null = null;
afterEach(stopAgentRuntimes);

/** The agents stay online through the test (no inactivity timeout in the minutes the clock moves). */
const STAY = { offlineAfterSeconds: 3600 };
const ann = agent('ann');
const bob = agent('bob');
const texts = async (r: AgentRuntime, c: { id: string; token: string }): Promise<string[]> =>
  ((await r.get(`/api/v1/conversations/${c.id}?after=0`, auth(c.token))).body.messages as any[]).map((m) => m.text as string);

describe('an auto-assigned chat the agent never opens (hostile s29 H11)', () => {
  it('goes to another agent after 2 minutes, not back to her; the customer is told', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob], settings: STAY, flow: flowWithTakeover(autoAssign('round_robin')) });
    await online(rt, ann, bob);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'assigned', agentId: 'ann' });
    rt.clock.now += 119_000;
    await rt.tick();
    expect((await handoffOf(rt, c.id)).agentId).toBe('ann'); // not yet
    rt.clock.now += 2_000;
    await rt.tick(); // not opened for 121 s: requeued, then given to Bob
    await rt.tick();
    const after = await handoffOf(rt, c.id);
    expect(after).toMatchObject({ status: 'assigned', agentId: 'bob' });
    const said = await texts(rt, c);
    // Session 41 (hostile s40 M9): no "finding someone else" (it may go back to her): the wait, and its place.
    expect(said).toContain('Sorry for the wait. Your chat keeps its place at the front of the queue: the first colleague free will pick it up. Please stay with us.');
    expect(said).toContain('Bob will be with you shortly.');
    expect(said.indexOf('Bob will be with you shortly.')).toBeGreaterThan(said.indexOf('Ann will be with you shortly.'));
    // Bob does not open it either: it does not go back to Ann.
    rt.clock.now += 121_000;
    await rt.tick();
    await rt.tick();
    expect((await handoffOf(rt, c.id)).status).toBe('pending');
  });

  it('an opened chat stays with her (opening is enough; she need not have written)', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob], settings: STAY, flow: flowWithTakeover(autoAssign('round_robin')) });
    await online(rt, ann, bob);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const h = await handoffOf(rt, c.id);
    rt.clock.now += 30_000;
    expect((await rt.get(hid(h.id), tok(ann))).status).toBe(200);
    rt.clock.now += 300_000;
    await rt.tick();
    await rt.tick();
    expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'assigned', agentId: 'ann' });
    // Session 46 (ui10, newcomer s45 N4): opening says nothing to the customer; she joins with her first message.
    expect(await texts(rt, c)).not.toContain('Ann has joined the conversation.');
  });

  it('with nobody else, offered to her once more (session 41), then back to the queue; the block\'s queue timeout then takes its exit', async () => {
    rt = await startAgentRuntime({ agents: [ann], settings: STAY, flow: flowWithTakeover({ ...autoAssign('round_robin'), queueTimeoutMinutes: 5 }) });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    expect((await handoffOf(rt, c.id)).agentId).toBe('ann');
    rt.clock.now += 121_000;
    await rt.tick();
    await rt.tick();
    // Session 41 (hostile s40 M9): nobody else can take it: offered to Ann again.
    expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'assigned', agentId: 'ann', joined: false });
    rt.clock.now += 121_000;
    await rt.tick();
    await rt.tick();
    const back = await handoffOf(rt, c.id);
    expect(back.status).toBe('pending'); // not given back to Ann
    // The row says whose it was and why it went back (newcomer s35 #4: the inbox's toast explains it from this).
    expect(back.putBack).toEqual({ byId: 'ann', why: 'not_opened', note: 'Not opened in time: reassigned.', at: expect.any(Number) });
    rt.clock.now += 5 * 60_000 + 1_000;
    await rt.runner.tick(); // the engine's timers
    expect((await handoffOf(rt, c.id)).status).toBe('expired');
  });

  it('notOpenedAfterMinutes 0: never moved', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob], settings: { ...STAY, notOpenedAfterMinutes: 0 }, flow: flowWithTakeover(autoAssign('round_robin')) });
    await online(rt, ann, bob);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    rt.clock.now += 600_000;
    await rt.tick();
    await rt.tick();
    expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'assigned', agentId: 'ann' });
  });
});
