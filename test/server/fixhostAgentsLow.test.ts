/**
 * Hostile s11 LOW entries in runtime/agents, over real HTTP where the behaviour is the server's:
 * - #21: an agent removed from agents.json by hand kept their chats (a ghost) until presence expired (120 s default).
 * - #18: one agent toggling Online/Offline queued one sessions-file write + fsync per click, ahead of every sign-in.
 * - #5: a hand edit adding 20,000 agents logged one line naming every id.
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgentDirectory, agentSettingsSchema, type Agent } from '../../runtime/agents/agentDirectory';
import { agent, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

const writes: string[] = [];
vi.mock('../../runtime/studio/writeFileAtomic', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../runtime/studio/writeFileAtomic')>();
  return { ...real, writeFileAtomic: (path: string, data: string, o?: Parameters<typeof real.writeFileAtomic>[2]) => (writes.push(path), real.writeFileAtomic(path, data, o)) };
});

const dirs: string[] = [];
afterEach(async () => {
  await stopAgentRuntimes();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function agentsFile(agents: Agent[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-fixhost-low-'));
  dirs.push(dir);
  const file = join(dir, 'agents.json');
  writeFileSync(file, JSON.stringify({ agents }, null, 2));
  return file;
}
function editByHand(file: string, edit: (doc: { agents: Agent[] }) => void) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  edit(doc);
  writeFileSync(`${file}.swp`, JSON.stringify(doc, null, 2));
  renameSync(`${file}.swp`, file);
}

const ann = agent('ann', { admin: true });
const bob = agent('bob');

describe('hostile s11 LOW (agents)', () => {
  it('#21: the chats of an agent removed from the file by hand go back to the queue within seconds, not after the inactivity timeout', async () => {
    const file = agentsFile([ann, bob]);
    const rt = await startAgentRuntime({ agents: [ann, bob], file, flow: flowWithTakeover({ queueTimeoutMinutes: 30 }) });
    await online(rt, bob);
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(bob))).status).toBe(200);
    expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hi, Bob here.' }, tok(bob))).status).toBe(200);

    editByHand(file, (doc) => (doc.agents = doc.agents.filter((a) => a.id !== 'bob')));
    expect((await rt.get('/api/v1/agent/agents', tok(ann))).body.agents.map((a: Agent) => a.id)).toEqual(['ann']); // taken in
    await rt.tick();
    expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'assigned', agentId: 'bob' }); // not at once (grace)
    rt.clock.now += 6_000; // far below the 120 s inactivity timeout
    await rt.tick();
    await vi.waitFor(async () => expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'pending' }));
  });

  it('#18: a burst of chosen-Offline changes is written in a few sessions-file writes, the last state kept', async () => {
    const file = agentsFile([ann, bob]);
    const dir = new AgentDirectory([ann, bob], agentSettingsSchema.parse({}), { file, now: () => Date.now() });
    writes.length = 0;
    const all: Promise<void>[] = [];
    for (let i = 0; i < 100; i++) all.push(dir.saveOfflineChosen(i % 2 === 0 ? ['bob'] : []));
    all.push(dir.saveOfflineChosen(['bob', 'ann']));
    await Promise.all(all);
    const sessionWrites = writes.filter((w) => w.endsWith('.sessions.json')).length;
    expect(sessionWrites).toBeLessThanOrEqual(2); // was 101
    expect(JSON.parse(readFileSync(`${file}.sessions.json`, 'utf8')).offlineChosen.sort()).toEqual(['ann', 'bob']);
  });

  it('#5: a hand edit adding many agents names the first 20 and how many more', async () => {
    const file = agentsFile([ann]);
    const dir = new AgentDirectory([ann], agentSettingsSchema.parse({}), { file, now: () => Date.now() });
    const many = Array.from({ length: 45 }, (_, i) => agent(`bulk${i}`, { token: `token-of-bulk${i}-0123456789abcdef` }));
    editByHand(file, (doc) => doc.agents.push(...many));
    await dir.syncWithFile('stat');
    const [report] = dir.takeFileReports();
    expect(report.msg).toMatch(/added bulk0, bulk1, .*bulk19 and 25 more\)$/);
    expect(report.msg).not.toContain('bulk20');
    expect(dir.list()).toHaveLength(46);
  });
});

describe('hostile s11 #4: a read of the agents file that never ends (a stalled network disk)', () => {
  it('is given up after the timeout: the agents are kept, the problem is reported, sign-in works, writes are not blocked', async () => {
    const file = agentsFile([ann, bob]);
    let reads = 0;
    const dir = new AgentDirectory([ann, bob], agentSettingsSchema.parse({}), { file, now: () => Date.now(), fileLookTimeoutMs: 200, readText: () => (reads++, new Promise<string>(() => undefined)) });
    editByHand(file, (doc) => doc.agents.push(agent('dan')));
    const t = Date.now();
    const r = await dir.syncWithFile('stat');
    expect(Date.now() - t).toBeLessThan(2000);
    expect(r.problem).toMatch(/did not finish within 0.2 s/);
    expect(dir.takeFileReports()[0].msg).toMatch(/cannot be used: reading .* did not finish/);
    // Later looks do not start another read while that one hangs; sign-in and the write chain go on.
    expect((await dir.signIn('bob@example.com', 'correct horse battery staple')) as { agent: Agent }).toMatchObject({ agent: { id: 'bob' } });
    await dir.syncWithFile('read');
    expect(reads).toBe(1);
    await expect(dir.flush()).resolves.toBeUndefined();
    expect(dir.list().map((a) => a.id)).toEqual(['ann', 'bob']);
  });
});
