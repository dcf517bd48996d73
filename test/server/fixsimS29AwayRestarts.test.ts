/**
 * Session 29 (fixsim), hostile s28 H12: `baton serve` restarted every 30-60 s (a crash loop, deploys) while Ann held an
 * answered chat and had really gone: the customer was told "We're reconnecting you with Ann" after every start and the
 * chat stayed Ann's for ever, since the away grace started again at each start. The absence now counts from the away
 * line the customer was told (it is in the conversation's log), which is said once; after the grace the chat goes back
 * to the queue. A single restart Ann comes back from is unchanged (convoS27RestartAway.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agent, autoAssign, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';
import { openStream } from './agentSse';
import { auth } from './runtimeFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann', { name: 'Ann', maxChats: 1 });
const boss = agent('boss', { name: 'Boss', admin: true });
const flow = () => flowWithTakeover({ ...autoAssign('least_busy', 3), queueTimeoutMinutes: 30 });
const settings = { awayGraceMinutes: 1 };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const customerSaw = async (rt: any, c: { id: string; token: string }) =>
  ((await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages as Array<{ text: string }>).map((m) => String(m.text));

async function ticks(rt: any, ms: number, step = 5_000) {
  for (let t = 0; t < ms; t += step) {
    rt.clock.now += step;
    await rt.tick();
  }
}

const RECONNECTING = /^We're reconnecting you with Ann\./;

/** Ann holds Sam's chat and has answered it; then she goes (her inbox closes for good). */
async function annAnswersThenGoes() {
  const dir = mkdtempSync(join(tmpdir(), 'baton-away-restarts-'));
  dirs.push(dir);
  const rt = await startAgentRuntime({ agents: [ann, boss], flow: flow(), dir, settings });
  const stream = await openStream(`${rt.url}/api/v1/agent/events`, tok(ann));
  await online(rt, ann);
  const sam = await rt.customerWantsPerson();
  await rt.tick();
  const h = await handoffOf(rt, sam.id, boss);
  expect([h.status, h.agentId]).toEqual(['assigned', 'ann']);
  expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hi Sam, Ann here.' }, tok(ann))).status).toBe(200);
  stream.close();
  const at = rt.clock.now;
  await rt.stop();
  return { dir, sam, at };
}

describe('hostile s28 H12: restarts every 40 s do not keep a chat with an agent who has gone', () => {
  it('"reconnecting" is said once, and the chat goes back to the queue when the grace after it ends', async () => {
    const { dir, sam, at } = await annAnswersThenGoes();
    let clock = at + 1_000;
    let rt: any = null;
    let requeuedAfter: number | null = null;
    for (let i = 0; i < 6; i++) {
      rt = await startAgentRuntime({ agents: [ann, boss], flow: flow(), dir, settings, clockStart: clock });
      await ticks(rt, 40_000);
      clock = rt.clock.now + 1_000;
      const h = await handoffOf(rt, sam.id, boss);
      if (h.agentId !== 'ann' && requeuedAfter === null) requeuedAfter = i + 1;
      if (i < 5) await rt.stop();
    }
    const said = await customerSaw(rt, sam);
    expect(said.filter((t) => RECONNECTING.test(t))).toHaveLength(1);
    expect(said.join(' | ')).not.toMatch(/stepped away/);
    // Told at the first start's +30 s; grace 1 min: back in the queue within the third start (start 3 + 30 s quiet).
    expect(requeuedAfter).not.toBeNull();
    expect(requeuedAfter!).toBeLessThanOrEqual(3);
    const h = await handoffOf(rt, sam.id, boss);
    // Session 41 (queue, newcomer s40 N2): back in the queue with nobody else signed in, the chat leaves by the flow's No
    // agent path 60 s after the put-back (it waited, 'pending', in a queue nobody served), the customer told so.
    expect(h.status).toBe('rejected');
    expect(said.join(' | ')).toMatch(/no one else from our team is available|no one from our team is available/i);
  }, 60_000);

  it('control: within the grace (one more restart, 40 s) the chat stays with Ann and nothing is said twice', async () => {
    const { dir, sam, at } = await annAnswersThenGoes();
    let clock = at + 1_000;
    let rt: any = null;
    for (let i = 0; i < 2; i++) {
      rt = await startAgentRuntime({ agents: [ann, boss], flow: flow(), dir, settings, clockStart: clock });
      await ticks(rt, i === 0 ? 40_000 : 20_000);
      clock = rt.clock.now + 1_000;
      if (i === 0) await rt.stop();
    }
    const said = await customerSaw(rt, sam);
    expect(said.filter((t) => RECONNECTING.test(t))).toHaveLength(1);
    expect((await handoffOf(rt, sam.id, boss)).agentId).toBe('ann');
    // Ann comes back: told once that she is connected again.
    const again = await openStream(`${rt.url}/api/v1/agent/events`, tok(ann));
    await online(rt, ann);
    await ticks(rt, 2_000, 1_000);
    const after = await customerSaw(rt, sam);
    expect(after[after.length - 1]).toBe("You're connected with Ann again.");
    again.close();
  }, 60_000);
});
