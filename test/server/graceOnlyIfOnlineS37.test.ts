/**
 * Session 37: the hub's start-up grace (agentHub graceLeftNow), from both sides.
 * - Review of session 36: it applied after every start with nobody online, even when nobody had been online before it:
 *   a customer who asked for a person was queued for the inactivity timeout (120 s), then told nobody is available.
 *   Now who is online is kept next to the agents file (with the sessions) and the grace applies only when someone was
 *   online before the start (their inbox is reconnecting). Unknown (no agents file, or one kept by an older version):
 *   as before.
 * - Newcomer s35 (the `--workers` rest): with shards, a new customer who asked for a person in the grace was still told
 *   at once that nobody is available (the shards' engines read presenceForEstimate). They now get the same "not known"
 *   as unsharded, and are told when the grace ends.
 * Real HTTP on 127.0.0.1, a manual clock, an agents file in a data folder kept over the restart.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadAgentsFile } from '../../runtime/agents/agentDirectory';
import { auth } from './runtimeFixtures';
import { agent, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

const ann = agent('ann');
const NOBODY = /no one (from our team )?is available|nobody/i;
const dirs: string[] = [];
afterEach(async () => {
  await stopAgentRuntimes();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function lines(rt: AgentRuntime, c: { id: string; token: string }): Promise<string> {
  const msgs = (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages as Array<{ from: string; text: string }>;
  return msgs.filter((m) => m.from === 'bot' || m.from === 'system').map((m) => m.text).join(' | ');
}
async function ticks(rt: AgentRuntime, n: number, stepMs: number) {
  for (let i = 0; i < n; i++) {
    rt.clock.now += stepMs;
    await rt.tick();
  }
}

/** A runtime on an agents file (Ann, static token) in a data folder kept over restarts. */
function withAgentsFile(workers?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'baton-grace-online-'));
  dirs.push(dir);
  const file = join(dir, 'agents.json');
  writeFileSync(file, JSON.stringify({ agents: [ann], settings: { offlineAfterSeconds: 120 } }));
  const start = async (clockStart?: number) => {
    const loaded = await loadAgentsFile(file);
    return startAgentRuntime({ agents: loaded.agents, settings: loaded.settings, file, dir, ...(workers !== undefined ? { workers } : {}), ...(clockStart !== undefined ? { clockStart } : {}) });
  };
  return { start, file };
}

/** Ann online, then the runtime stops (a deploy, a crash) and starts again on the same files. */
async function restartAfterAnnWasOnline(workers?: number) {
  const { start, file } = withAgentsFile(workers);
  const rt = await start();
  await online(rt, ann);
  await ticks(rt, 2, 500);
  await rt.stop();
  expect(JSON.parse(readFileSync(`${file}.sessions.json`, 'utf8')).online).toEqual(['ann']);
  return { rt: await start(rt.clock.now + 10_000), file };
}

describe('the start-up grace applies only when someone was online before the start (session 37)', () => {
  it('nobody was ever online (a first start): a customer asking for a person is told at once, not after 120 s', async () => {
    const { start } = withAgentsFile();
    const rt = await start();
    const c = await rt.customerWantsPerson();
    expect(c.reply.mode).not.toBe('waiting');
    expect(await lines(rt, c)).toMatch(NOBODY);
  });

  it('Ann was online before the restart: a new customer is queued and Ann gets the chat when her inbox is back', async () => {
    const { rt } = await restartAfterAnnWasOnline();
    const c = await rt.customerWantsPerson();
    expect(c.reply.mode).toBe('waiting');
    await ticks(rt, 8, 500);
    expect(await lines(rt, c)).not.toMatch(NOBODY);
    await online(rt, ann);
    await ticks(rt, 3, 300);
    const h = (await rt.get('/api/v1/agent/handoffs?view=unassigned', tok(ann))).body.handoffs;
    expect(h.map((x: { conversationId: string }) => x.conversationId)).toContain(c.id);
  });

  it('Ann went offline before the restart: no grace after it', async () => {
    const { start, file } = withAgentsFile();
    let rt = await start();
    await online(rt, ann);
    await ticks(rt, 2, 500);
    expect((await rt.post('/api/v1/agent/presence', { status: 'offline' }, tok(ann))).status).toBe(200);
    await ticks(rt, 2, 500);
    await rt.stop();
    expect(JSON.parse(readFileSync(`${file}.sessions.json`, 'utf8')).online).toEqual([]);
    rt = await start(rt.clock.now + 10_000);
    const c = await rt.customerWantsPerson();
    expect(c.reply.mode).not.toBe('waiting');
    expect(await lines(rt, c)).toMatch(NOBODY);
  });

  it('a restart within the grace (nobody back yet) keeps "someone was online": the inboxes are still reconnecting', async () => {
    const { rt, file } = await restartAfterAnnWasOnline();
    await ticks(rt, 4, 500); // 2 s, nobody back yet: the empty presence is not written over "Ann was online"
    await rt.stop();
    expect(JSON.parse(readFileSync(`${file}.sessions.json`, 'utf8')).online).toEqual(['ann']);
  });
});

describe('--workers 2: a new customer in the start-up grace is queued, as unsharded (newcomer s35, the --workers rest)', () => {
  it('queued while Ann reconnects; once the grace is over with nobody back, the next customer is told at once', async () => {
    const { rt } = await restartAfterAnnWasOnline(2);
    const c = await rt.customerWantsPerson();
    expect(c.reply.mode).toBe('waiting');
    expect(await lines(rt, c)).not.toMatch(NOBODY);
    await ticks(rt, 13, 10_000); // past 120 s: nobody came back
    expect(await lines(rt, c)).toMatch(NOBODY);
    const late = await rt.customerWantsPerson();
    expect(late.reply.mode).not.toBe('waiting');
    expect(await lines(rt, late)).toMatch(NOBODY);
  }, 60_000);
});
