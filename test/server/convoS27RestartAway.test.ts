/**
 * Session 27 (convo, newcomer s26 F13): a restart of `baton serve` while Ann held an answered chat was told to the
 * customer as "Ann has stepped away for a moment and will be back shortly" (then "Ann is back."): Ann never stepped
 * away, the server restarted and her inbox reconnected by itself. Now nothing is said when she is back within
 * RESTART_QUIET_MS (30 s) of the start, and after that the customer is told "We're reconnecting you with Ann", then
 * "You're connected with Ann again.". An agent who really steps away is still told as before (fixrtS16Away.test.ts).
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

/** Ann holds Sam's chat and has answered it; then the server restarts (same data folder). */
async function restartWhileAnnHoldsAChat() {
  const dir = mkdtempSync(join(tmpdir(), 'baton-restart-away-'));
  dirs.push(dir);
  const before = await startAgentRuntime({ agents: [ann, boss], flow: flow(), dir });
  const stream = await openStream(`${before.url}/api/v1/agent/events`, tok(ann));
  await online(before, ann);
  const sam = await before.customerWantsPerson();
  await before.tick();
  const h = await handoffOf(before, sam.id, boss);
  expect([h.status, h.agentId]).toEqual(['assigned', 'ann']);
  expect((await before.post(`${hid(h.id)}/messages`, { text: 'Hi Sam, let me look at your order.' }, tok(ann))).status).toBe(200);
  stream.close();
  await before.stop();
  const rt = await startAgentRuntime({ agents: [ann, boss], flow: flow(), dir });
  return { rt, sam };
}

const AWAY = /stepped away|is back\b/;

describe('newcomer s26 F13: a server restart is not told as the agent stepping away', () => {
  it('her inbox reconnects within seconds: the customer is told nothing', async () => {
    const { rt, sam } = await restartWhileAnnHoldsAChat();
    await ticks(rt, 10_000);
    const again = await openStream(`${rt.url}/api/v1/agent/events`, tok(ann));
    await online(rt, ann);
    await ticks(rt, 60_000);
    const said = (await customerSaw(rt, sam)).join(' | ');
    expect(said).not.toMatch(AWAY);
    expect(said).not.toMatch(/reconnecting/i);
    expect((await handoffOf(rt, sam.id, boss)).agentId).toBe('ann');
    again.close();
  }, 30_000);

  it('she is not back after 30 s: "We\'re reconnecting you with Ann", then "You\'re connected with Ann again." (never "stepped away")', async () => {
    const { rt, sam } = await restartWhileAnnHoldsAChat();
    await ticks(rt, 60_000);
    const waiting = await customerSaw(rt, sam);
    expect(waiting.join(' | ')).not.toMatch(AWAY);
    expect(waiting.filter((t) => /^We're reconnecting you with Ann\./.test(t))).toHaveLength(1);
    expect((await handoffOf(rt, sam.id, boss)).agentId).toBe('ann');
    const again = await openStream(`${rt.url}/api/v1/agent/events`, tok(ann));
    await online(rt, ann);
    await ticks(rt, 2_000, 1_000);
    const said = await customerSaw(rt, sam);
    expect(said[said.length - 1]).toBe("You're connected with Ann again.");
    expect(said.join(' | ')).not.toMatch(AWAY);
    again.close();
  }, 30_000);
});
