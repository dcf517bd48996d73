/**
 * Session 36 (newcomer s35 #3, the case session 35 left): right after a start or restart, before any inbox has
 * reconnected, a NEW customer who asked for a person was told at once "Sorry, no one from our team is available right
 * now" (the engine read everyone as offline: the hub's presence, not yet refreshed by the inboxes). Session 35 made the
 * hub's start-up grace (the inactivity timeout) hold back the no_agent exit and the queue's "nobody" lines for the
 * customers already waiting; the engine still decided alone. Now, during the grace, the runtime tells the engine that
 * who is online is not known yet (no presence list): the customer is queued, Ann gets the chat when her inbox is back,
 * and when nobody comes back the customer is told once the grace is over. Real HTTP on 127.0.0.1.
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

/**
 * Session 37: the grace applies only when someone was online before the start (kept next to the agents file), so
 * these cases are a restart after Ann was online; a first start has none (graceOnlyIfOnlineS37.test.ts).
 */
async function restartAfterAnnWasOnline(): Promise<AgentRuntime> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-new-customer-grace-'));
  dirs.push(dir);
  const file = agentsFileIn(dir, [ann], { offlineAfterSeconds: 120 });
  const before = await startAgentRuntime({ agents: [ann], settings: { offlineAfterSeconds: 120 }, dir, file });
  await online(before, ann);
  await before.tick();
  await before.stop();
  return startAgentRuntime({ agents: [ann], settings: { offlineAfterSeconds: 120 }, dir, file, clockStart: before.clock.now + 5_000 });
}

const NOBODY = /no one (from our team )?is available|nobody/i;
async function lines(rt: AgentRuntime, c: { id: string; token: string }): Promise<string[]> {
  const msgs = (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages as Array<{ from: string; text: string }>;
  // The bot's words and the queue's lines (the hub posts those as system lines).
  return msgs.filter((m) => m.from === 'bot' || m.from === 'system').map((m) => m.text);
}
async function ticks(rt: AgentRuntime, n: number, stepMs: number) {
  for (let i = 0; i < n; i++) {
    rt.clock.now += stepMs;
    await rt.tick();
  }
}

describe('a new customer asking for a person in the first seconds after a start (newcomer s35 #3 rest)', () => {
  it('is queued, not told nobody is available; Ann gets the chat when her inbox is back', async () => {
    const rt = await restartAfterAnnWasOnline();
    const c = await rt.customerWantsPerson();
    expect(c.reply.mode).toBe('waiting');
    expect((await lines(rt, c)).join(' | ')).not.toMatch(NOBODY);
    await ticks(rt, 8, 500); // 4 s, no inbox yet
    expect((await lines(rt, c)).join(' | ')).not.toMatch(NOBODY);
    await online(rt, ann);
    await ticks(rt, 3, 300);
    const h = (await rt.get('/api/v1/agent/handoffs?view=unassigned', { authorization: `Bearer ${ann.token}` })).body.handoffs;
    expect(h.map((x: { conversationId: string }) => x.conversationId)).toContain(c.id);
    expect((await lines(rt, c)).join(' | ')).not.toMatch(NOBODY);
  });

  it('nobody comes back: told once the grace is over, not before', async () => {
    const rt = await restartAfterAnnWasOnline();
    const c = await rt.customerWantsPerson();
    await ticks(rt, 10, 10_000); // 100 s
    expect((await lines(rt, c)).join(' | ')).not.toMatch(NOBODY);
    await ticks(rt, 4, 10_000); // past 120 s
    expect((await lines(rt, c)).join(' | ')).toMatch(NOBODY);
  });

  it('after the grace (or with an agent online) the engine decides at once, as before', async () => {
    const rt = await startAgentRuntime({ agents: [ann], settings: { offlineAfterSeconds: 120 } });
    await ticks(rt, 13, 10_000); // 130 s, nobody came
    const c = await rt.customerWantsPerson();
    expect(c.reply.mode).not.toBe('waiting');
    expect((await lines(rt, c)).join(' | ')).toMatch(NOBODY);
  });
});
