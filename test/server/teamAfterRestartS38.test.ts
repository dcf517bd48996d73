/**
 * Session 38 (README "Not finished", newcomer s35 rest: "after a restart with the embedded store, a chat transferred to
 * a team may lose that team", seen in the code by session 37's hub helper): the team a chat was transferred to was kept
 * in the hub's memory only (meta.team; Redis keeps it, the embedded store did not), so after a restart the chat went
 * back to the block's teams: the old team saw it again and automatic assignment could give it to them. The team is now
 * stored on the transfer's transition (`team`) and read back from it (agentHub transferTeamOf).
 * Real HTTP on 127.0.0.1, a manual clock, the same data folder across the restart; embedded store and `--workers 2`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agent, autoAssign, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
afterEach(stopAgentRuntimes); // runs first (hooks run in reverse): the servers stop before their folders go

const STAY = { offlineAfterSeconds: 3600 };
const ann = agent('ann', { name: 'Ann', teams: ['support'] });
const cy = agent('cy', { name: 'Cy', teams: ['support'] });
const bea = agent('bea', { name: 'Bea', teams: ['billing'] });
const boss = agent('boss', { name: 'Boss', admin: true, teams: [] });
const flow = () => flowWithTakeover({ ...autoAssign('least_busy', 3), teams: ['support'], queueTimeoutMinutes: 60 });

async function ticks(rt: AgentRuntime, n: number) {
  for (let i = 0; i < n; i++) {
    rt.clock.now += 1_000;
    await rt.tick();
  }
}

async function teamKeptOverARestart(workers?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'baton-team-restart-'));
  dirs.push(dir);
  const start = (clockStart?: number) =>
    startAgentRuntime({ agents: [ann, cy, bea, boss], settings: STAY, flow: flow(), dir, ...(workers !== undefined ? { workers } : {}), ...(clockStart !== undefined ? { clockStart } : {}) });
  let rt = await start();
  await online(rt, ann);
  // Bea is signed in but busy: the transfer to billing is allowed, and nothing is given to her automatically yet.
  expect((await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(bea))).status).toBe(200);
  const sam = await rt.customerWantsPerson();
  await ticks(rt, 2);
  const h = await handoffOf(rt, sam.id, boss);
  expect(h).toMatchObject({ status: 'assigned', agentId: 'ann', teams: ['support'] });
  const moved = await rt.post(`${hid(h.id)}/transfer`, { team: 'billing', note: 'refund question' }, tok(ann));
  expect(moved.status).toBe(200);
  expect(moved.body.handoff).toMatchObject({ status: 'pending', teams: ['billing'] });
  await ticks(rt, 2);
  expect(await handoffOf(rt, sam.id, cy)).toBeUndefined(); // support no longer sees it
  const at = rt.clock.now;
  await rt.stop();

  rt = await start(at + 5_000);
  // After the restart: still billing's. Cy (support, online, idle) neither sees it nor is given it.
  expect(await handoffOf(rt, sam.id, boss)).toMatchObject({ status: 'pending', teams: ['billing'], transfer: { byId: 'ann', note: 'refund question' } });
  await online(rt, cy);
  await ticks(rt, 5);
  expect(await handoffOf(rt, sam.id, cy)).toBeUndefined();
  expect(await handoffOf(rt, sam.id, boss)).toMatchObject({ status: 'pending', agentId: null, teams: ['billing'] });
  expect(await handoffOf(rt, sam.id, bea)).toMatchObject({ status: 'pending' });
  // Bea comes online: the chat is hers.
  await online(rt, bea);
  await ticks(rt, 5);
  expect(await handoffOf(rt, sam.id, boss)).toMatchObject({ status: 'assigned', agentId: 'bea', teams: ['billing'] });
}

describe('a chat transferred to a team keeps that team over a restart (session 38)', () => {
  it('embedded store', async () => {
    await teamKeptOverARestart();
  }, 30_000);

  it('--workers 2 (shards)', async () => {
    await teamKeptOverARestart(2);
  }, 60_000);
});
