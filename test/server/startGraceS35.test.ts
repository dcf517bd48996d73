/**
 * Newcomer s35 #3 over real HTTP: after a `baton serve` restart every waiting customer was told "Expected wait:
 * longer than usual, as no one is available right now" in the seconds before the agents' inboxes reconnected, then
 * "under a minute" when they did. The hub's start-up grace (the inactivity timeout) held back the no_agent exit but
 * not the queue lines. Now no line says that no one is available before the grace is over (or someone is online);
 * when nobody comes back, the customers are told once it is over. A restart does not repeat the line a customer was
 * told last either.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, agentsFileIn, online, startAgentRuntime, stopAgentRuntimes, type AgentRuntime } from './agentFixtures';

const ann = agent('ann');
const dirs: string[] = [];
afterEach(async () => {
  await stopAgentRuntimes();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function waitLines(rt: AgentRuntime, c: { id: string; token: string }): Promise<string[]> {
  const msgs = (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages as Array<{ from: string; text: string }>;
  return msgs.filter((m) => m.from !== 'customer' && /Expected wait/.test(m.text)).map((m) => m.text);
}

async function ticks(rt: AgentRuntime, n: number, stepMs: number) {
  for (let i = 0; i < n; i++) {
    rt.clock.now += stepMs;
    await rt.tick();
  }
}

/** Two customers waiting (Ann online, nobody accepts), then a restart; returns the new runtime and the customers. */
async function restartWithTwoWaiting() {
  const dir = mkdtempSync(join(tmpdir(), 'baton-start-grace-'));
  dirs.push(dir);
  // An agents file: who was online before the restart is kept next to it (session 37: otherwise there is no grace).
  const file = agentsFileIn(dir, [ann], { offlineAfterSeconds: 120 });
  let rt = await startAgentRuntime({ agents: [ann], dir, file, settings: { offlineAfterSeconds: 120 } });
  rt.clock.now -= 60 * 60_000;
  await online(rt, ann);
  const first = await rt.customerWantsPerson();
  const second = await rt.customerWantsPerson();
  await ticks(rt, 3, 300);
  const before = [await waitLines(rt, first), await waitLines(rt, second)];
  for (const lines of before) expect(lines.join(' | ')).not.toMatch(/no one is available/);
  await rt.stop();
  rt = await startAgentRuntime({ agents: [ann], dir, file, settings: { offlineAfterSeconds: 120 } });
  return { rt, first, second, before };
}

describe('after a restart, waiting customers are not told "no one is available" while the inboxes reconnect (newcomer s35 #3)', () => {
  it('Ann is back 4 s after the start: no line says no one is available, and none repeats the last one', async () => {
    const { rt, first, second, before } = await restartWithTwoWaiting();
    await ticks(rt, 8, 500); // 4 s, nobody online yet
    await online(rt, ann);
    await ticks(rt, 3, 300);
    expect(await waitLines(rt, first)).toEqual(before[0]);
    expect(await waitLines(rt, second)).toEqual(before[1]);
  });

  it('nobody comes back: the customers are told once the grace (the inactivity timeout) is over, not before', async () => {
    const { rt, first, second, before } = await restartWithTwoWaiting();
    await ticks(rt, 10, 10_000); // 100 s
    expect(await waitLines(rt, first)).toEqual(before[0]);
    await ticks(rt, 3, 10_000); // past 120 s
    // Session 46 (apisec, newcomer s46 N2): once the grace is over and nobody can take them, the waiting chats take the
    // takeover's No agent way (the shop flow's "Nobody is free right now; we will email you."), as a new customer's
    // does, instead of a queue line "no one is available right now" while still queued.
    for (const c of [first, second]) {
      const msgs = (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body as { mode: string; messages: Array<{ from: string; text: string }> };
      expect(msgs.messages.map((m) => m.text).join(' | ')).toMatch(/Nobody is free right now; we will email you\./);
      expect(msgs.mode).not.toBe('waiting');
    }
  });
});
