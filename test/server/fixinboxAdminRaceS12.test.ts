/**
 * Hostile s12 #9 (HIGH): two admins saving the canned replies at the same time with the same ?revision= both got 200
 * and one admin's replies were lost (10 of 10 rounds): the revision check and the write were not one step. Now admin
 * saves run one at a time from check to write: the second is refused 409 agents_file_changed and nothing is lost.
 * The same for two agent saves with one revision. Real HTTP on 127.0.0.1, a real agents file (the hostile's repro).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agent, tok } from './agentFixtures';
import { startTestRuntime } from './runtimeFixtures';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function start() {
  const ann = agent('ann', { admin: true });
  const bob = agent('bob', { admin: true });
  const dir = mkdtempSync(join(tmpdir(), 'fixinbox-race-'));
  const file = join(dir, 'agents.json');
  const canned = [{ shortcut: 'hello', text: 'Hi!' }];
  writeFileSync(file, JSON.stringify({ agents: [ann, bob], cannedReplies: canned }, null, 2));
  const rt = await startTestRuntime({ agents: { agents: [ann, bob], file, cannedReplies: canned } });
  cleanups.push(async () => {
    await rt.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return { rt, ann, bob, file };
}

describe('two admin saves at once with one revision (hostile s12 #9)', () => {
  it('canned replies: one 200, the other 409, and the file holds the saved one whole; 10 rounds', async () => {
    const { rt, ann, bob, file } = await start();
    for (let round = 0; round < 10; round++) {
      const g = await rt.get('/api/v1/agent/canned-replies', tok(ann));
      const rev = g.body.revision;
      const base = g.body.replies;
      const put = (who: typeof ann, sc: string) =>
        fetch(`${rt.url}/api/v1/agent/canned-replies?revision=${rev}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...tok(who) }, body: JSON.stringify({ replies: [...base, { shortcut: sc, text: sc }] }) }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error?: string } }));
      const [a, b] = await Promise.all([put(ann, `a${round}`), put(bob, `b${round}`)]);
      expect([a.status, b.status].sort(), `round ${round}`).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body.error).toBe('agents_file_changed');
      const won = a.status === 200 ? `a${round}` : `b${round}`;
      const onDisk = (JSON.parse(readFileSync(file, 'utf8')).cannedReplies as Array<{ shortcut: string }>).map((c) => c.shortcut);
      expect(onDisk).toEqual([...base.map((c: { shortcut: string }) => c.shortcut), won]);
    }
  });

  it('an agent: two saves with one revision, one refused', async () => {
    const { rt, ann, bob } = await start();
    const list = (await rt.get('/api/v1/agent/agents', tok(ann))).body.agents;
    const b = list.find((x: { id: string }) => x.id === 'bob');
    const body = (maxChats: number) => JSON.stringify({ name: b.name, email: b.email, teams: b.teams, skills: b.skills, languages: b.languages, maxChats, admin: b.admin });
    const put = (who: typeof ann, maxChats: number) => fetch(`${rt.url}/api/v1/agent/agents/bob?revision=${b.revision}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...tok(who) }, body: body(maxChats) }).then((r) => r.status);
    const statuses = await Promise.all([put(ann, 5), put(bob, 7)]);
    expect([...statuses].sort()).toEqual([200, 409]);
    const after = (await rt.get('/api/v1/agent/agents', tok(ann))).body.agents.find((x: { id: string }) => x.id === 'bob');
    expect(after.maxChats).toBe(statuses[0] === 200 ? 5 : 7);
  });
});
