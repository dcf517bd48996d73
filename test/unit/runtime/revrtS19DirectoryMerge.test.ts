/**
 * revrt, session 19 (review of session 18's aeac09f, --redis revisions): AgentDirectory.adopt replaced the whole
 * directory, revisions included, with the document another instance sent. Two admins saving on two instances at about
 * the same time (each passed its own instance's check) left each instance with the OTHER's edit only, for good, and
 * a late document took revisions back. Two directories with their own agents files stand for two `baton serve
 * --redis` instances; what redis carries (onSaved -> adopt) is delivered by hand, in the order a race gives.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentDirectory, agentSettingsSchema, hashPassword, type Agent, type SharedDirectoryDoc } from '../../../runtime/agents/agentDirectory';

const HASH = hashPassword('correct horse battery staple');
const agent = (id: string, over: Partial<Agent> = {}): Agent => ({
  id,
  name: id[0].toUpperCase() + id.slice(1),
  email: `${id}@example.com`,
  passwordHash: HASH,
  teams: ['support'],
  skills: [],
  languages: ['en'],
  maxChats: 3,
  admin: false,
  ...over,
});

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** One instance: its own agents file, and the documents it sent to the others (not delivered yet). */
function instance(agents: Agent[]) {
  const d = mkdtempSync(join(tmpdir(), 'revrt-dir-'));
  dirs.push(d);
  const file = join(d, 'agents.json');
  writeFileSync(file, JSON.stringify({ agents }, null, 2));
  const sent: SharedDirectoryDoc[] = [];
  const dir = new AgentDirectory(agents, agentSettingsSchema.parse({}), { file, now: () => Date.now(), onSaved: (doc) => sent.push(structuredClone(doc)) });
  const onDisk = () => (JSON.parse(readFileSync(file, 'utf8')) as { agents: Agent[] }).agents;
  return { dir, sent, onDisk };
}

const team = () => [agent('ann'), agent('bob'), agent('cy')];

describe('admin edits on two --redis instances at once (revrt #2)', () => {
  it('Ann renamed on A while Bob is given team billing on B: both instances end with both edits, same revisions', async () => {
    const a = instance(team());
    const b = instance(team());
    // Both admins opened the list (revision 0) and save at once, each on their instance.
    await Promise.all([a.dir.upsert(agent('ann', { name: 'Ann Lee' }), { revision: 0 }), b.dir.upsert(agent('bob', { teams: ['billing'] }), { revision: 0 })]);
    // Then redis delivers each document to the other instance.
    await Promise.all([b.dir.adopt(a.sent[0]), a.dir.adopt(b.sent[0])]);
    for (const side of [a, b]) {
      expect(side.dir.get('ann')?.name).toBe('Ann Lee');
      expect(side.dir.get('bob')?.teams).toEqual(['billing']);
      expect(side.dir.list().map((x) => x.id).sort()).toEqual(['ann', 'bob', 'cy']);
      expect(side.onDisk().find((x) => x.id === 'bob')?.teams).toEqual(['billing']);
      expect(side.onDisk().find((x) => x.id === 'ann')?.name).toBe('Ann Lee');
    }
    expect([a.dir.revisionOf('ann'), a.dir.revisionOf('bob')]).toEqual([b.dir.revisionOf('ann'), b.dir.revisionOf('bob')]);
  });

  it('a removal on A and an edit of another agent on B at once: the agent stays removed everywhere, the edit kept', async () => {
    const a = instance(team());
    const b = instance(team());
    await Promise.all([a.dir.remove('cy', { revision: 0 }), b.dir.upsert(agent('ann', { maxChats: 5 }), { revision: 0 })]);
    await Promise.all([b.dir.adopt(a.sent[0]), a.dir.adopt(b.sent[0])]);
    for (const side of [a, b]) {
      expect(side.dir.get('cy')).toBeUndefined();
      expect(side.dir.get('ann')?.maxChats).toBe(5);
    }
  });

  it('a document that arrives late does not undo a newer edit, nor take its revision back', async () => {
    const a = instance(team());
    const b = instance(team());
    await b.dir.upsert(agent('ann', { name: 'Ann One' }), { revision: 0 });
    await a.dir.adopt(b.sent[0]);
    const r1 = a.dir.revisionOf('ann');
    await a.dir.upsert(agent('ann', { name: 'Ann Two' }), { revision: r1 });
    const r2 = a.dir.revisionOf('ann');
    expect(r2).toBeGreaterThan(r1);
    // B's first document again (redis redelivery, or a slow subscriber): older than A's edit.
    await a.dir.adopt(b.sent[0]);
    expect(a.dir.get('ann')?.name).toBe('Ann Two');
    expect(a.dir.revisionOf('ann')).toBe(r2);
    // And a save on the revision before A's edit is still refused on A.
    await expect(a.dir.upsert(agent('ann', { name: 'Stale' }), { revision: r1 })).rejects.toThrow(/changed by another admin/);
  });

  it('canned replies saved on both at once with the same revision (hostile s19 #20): both instances serve the same list', async () => {
    const a = instance(team());
    const b = instance(team());
    await Promise.all([
      a.dir.setCannedReplies([{ shortcut: 'hi', text: 'Hello from A' }], { revision: 0 }),
      b.dir.setCannedReplies([{ shortcut: 'hi', text: 'Hello from B' }], { revision: 0 }),
    ]);
    await Promise.all([b.dir.adopt(a.sent[0]), a.dir.adopt(b.sent[0])]);
    expect(a.dir.cannedReplies()).toEqual(b.dir.cannedReplies());
    expect(a.dir.revisionOf('#canned')).toBe(b.dir.revisionOf('#canned'));
  });

  it('both edit the same agent at once: every instance ends with the same one of the two', async () => {
    const a = instance(team());
    const b = instance(team());
    await Promise.all([a.dir.upsert(agent('bob', { name: 'Bob A' }), { revision: 0 }), b.dir.upsert(agent('bob', { name: 'Bob B' }), { revision: 0 })]);
    await Promise.all([b.dir.adopt(a.sent[0]), a.dir.adopt(b.sent[0])]);
    expect(a.dir.get('bob')?.name).toBe(b.dir.get('bob')?.name);
  });
});
