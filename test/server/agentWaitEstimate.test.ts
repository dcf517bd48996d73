/**
 * One wait estimate (issue 10): the engine's handoff message ("Expected wait: …") and the runtime's queue update
 * for the same customer count the same chats ahead (same pool, same or higher priority) and agree. Real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

let rt: AgentRuntime | null = null;
afterEach(stopAgentRuntimes);

const ann = agent('ann');

describe('one wait estimate', () => {
  it('the handoff message and the next queue update give the same expected wait', async () => {
    rt = await startAgentRuntime({ agents: [ann] });
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
    // Ann has 3 seats: the 4th customer has 3 chats ahead and waits for a seat (not "under a minute").
    const cs = [];
    for (let i = 0; i < 4; i++) {
      cs.push(await rt.customerWantsPerson());
      rt.clock.now += 1000;
      await rt.tick(); // the hub's poll (every 250 ms in a real run) sees the new handoff
    }
    await rt.tick();
    const texts = async (c: { id: string; token: string }) => (await rt!.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages.map((m: any) => String(m.text));
    const waits = (all: string[]) => all.flatMap((t) => [...t.matchAll(/Expected wait: ([^.]+)\./g)].map((m) => m[1]));
    const fourth = waits(await texts(cs[3]));
    expect(fourth).toHaveLength(2); // the handoff message, then "You are number 4 in the queue"
    expect(fourth[0]).toBe(fourth[1]);
    expect(fourth[0]).not.toBe('under a minute');
    expect((await texts(cs[3])).some((t: string) => t.startsWith('You are number 4 in the queue.'))).toBe(true);
    // The first customer had nobody ahead: one message, a short wait.
    expect(waits(await texts(cs[0]))).toEqual(['under a minute']);
  });
});
