/**
 * An agent who goes offline just as the hub auto-assigns them a chat (hostile s6 LOW): the customer must not read
 * "Ann has joined the chat" for a join that did not hold (then "finding someone else", or nobody answering). Over
 * real HTTP on 127.0.0.1; the assignment pass is paused at its two awaits (the shared presence read, and the
 * round-robin write just before the assignment) while Ann's "offline" arrives, which is the race hostile hit with
 * half-second flaps. The chat stays in the queue and goes to the next agent who comes online: one join, Bob's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, autoAssign, flowWithTakeover, handoffOf, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

const ann = agent('ann');
const bob = agent('bob');

afterEach(stopAgentRuntimes);

/** A gate: `reached` resolves when the paused call starts, `open()` lets it go on. */
function gate() {
  let open!: () => void;
  let reached!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const hit = new Promise<void>((r) => (reached = r));
  return { opened, hit, open, reached };
}

async function customerLog(rt: AgentRuntime, c: { id: string; token: string }): Promise<string[]> {
  const r = await rt.get(`/api/v1/conversations/${c.id}?after=0`, auth(c.token));
  return (r.body.messages as Array<{ from: string; text: string }>).filter((m) => m.from !== 'customer').map((m) => m.text);
}

async function raceAt(pause: 'presence' | 'setLastAssigned') {
  const rt = await startAgentRuntime({ agents: [ann, bob], flow: flowWithTakeover(autoAssign()) });
  await online(rt, ann);
  // Bob is signed in but Busy (no automatic assignment; he could take the chat from the queue), so the chat waits when
  // Ann goes offline. Session 37: it waited before only thanks to the start-up grace, which a first start no longer has.
  expect((await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(bob))).status).toBe(200);
  const c = await rt.customerWantsPerson();
  expect((await handoffOf(rt, c.id)).status).toBe('pending');

  // Pause the next assignment pass at one of its awaits; Ann goes offline meanwhile.
  const shared = rt.agentHub!.shared as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const real = shared[pause].bind(shared);
  const g = gate();
  let paused = false;
  shared[pause] = async (...args: unknown[]) => {
    // The presence read is paused before it reads (it then returns what was stored before Ann's offline).
    const early = pause === 'presence' ? await real(...args) : undefined;
    if (!paused) {
      paused = true;
      g.reached();
      await g.opened;
    }
    return pause === 'presence' ? early : real(...args);
  };
  const pass = rt.tick();
  await g.hit;
  expect((await rt.post('/api/v1/agent/presence', { status: 'offline' }, tok(ann))).status).toBe(200);
  g.open();
  await pass;
  shared[pause] = real;

  // No join (nor "will be with you shortly": newcomer s28 N6) was told, and the chat is still waiting for someone.
  const told = (t: string) => /joined|will be with you/i.test(t);
  const log = await customerLog(rt, c);
  expect(log.filter(told)).toEqual([]);
  expect(log.filter((t) => /someone else/i.test(t))).toEqual([]);
  expect((await handoffOf(rt, c.id)).status).toBe('pending');

  // Bob comes online: he gets it, and his is the only join the customer reads.
  await online(rt, bob);
  await rt.tick();
  const h = await handoffOf(rt, c.id);
  expect(h.status).toBe('assigned');
  expect(h.agentId).toBe('bob');
  const after = await customerLog(rt, c);
  // Assigned automatically: "Bob will be with you shortly." (he joins when he opens the chat, newcomer s28 N6).
  expect(after.filter(told)).toEqual(['Bob will be with you shortly.']);
  expect(after.filter((t) => /someone else/i.test(t))).toEqual([]);
}

describe('an auto-assignment racing the agent going offline', () => {
  it('offline arriving while the pass re-reads presence (the stale read must not win)', async () => {
    await raceAt('presence');
  });

  it('offline arriving between the pick and the assignment', async () => {
    await raceAt('setLastAssigned');
  });
});
