/**
 * Hostile s11 #2: an admin save racing a hand edit of agents.json deleted the hand-added agent, silently (1 in 40-60
 * over HTTP): the save compared the file's stat, then wrote a temp file, fsynced it (milliseconds) and renamed it over
 * the file; a hand edit landing in the fsync was overwritten. Here the hand edit is made to land exactly there (the
 * temp file's fsync runs it), over real HTTP: the save is refused (409, nothing written) and the hand edit stays.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Agent } from '../../runtime/agents/agentDirectory';
import { agent, tok } from './agentFixtures';
import { startTestRuntime, type TestRuntime } from './runtimeFixtures';

/** Run once by the next fsync of a temp file of agents.json (the hand edit landing mid-save). */
const during: { fsync: (() => void) | null } = { fsync: null };

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof real.open = async (...args: Parameters<typeof real.open>) => {
    const fh = await real.open(...args);
    const path = String(args[0]);
    if (/agents\.json\.[0-9]+\.[0-9a-f]+\.tmp$/.test(path)) {
      const sync = fh.sync.bind(fh);
      fh.sync = async () => {
        const f = during.fsync;
        during.fsync = null;
        f?.();
        return sync();
      };
    }
    return fh;
  };
  return { ...real, open, default: { ...real, open } };
});

const ann = agent('ann', { admin: true });
const dirs: string[] = [];
const runtimes: TestRuntime[] = [];
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.stop()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('admin save racing a hand edit (hostile s11 #2)', () => {
  it('a hand edit landing while the save is being written is not overwritten: the save answers 409 and the file keeps the hand-added agent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-fixhost-race-'));
    dirs.push(dir);
    const file = join(dir, 'agents.json');
    writeFileSync(file, JSON.stringify({ agents: [ann] }, null, 2));
    const rt = await startTestRuntime({ agents: { agents: [ann], file } });
    runtimes.push(rt);

    // In place, as `read, push, writeFileSync` (the hostile's script) or an editor that truncates and writes.
    during.fsync = () => {
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      doc.agents.push(agent('dora'));
      writeFileSync(file, JSON.stringify(doc, null, 2));
    };
    const body = { name: 'Eve', email: 'eve@example.com', teams: ['support'], skills: [], languages: [], maxChats: 2, admin: false, password: 'eves-password-1' };
    const res = await fetch(`${rt.url}/api/v1/agent/agents/eve?revision=new`, { method: 'PUT', headers: { 'content-type': 'application/json', ...tok(ann) }, body: JSON.stringify(body) });
    expect(during.fsync).toBeNull(); // the hand edit ran mid-save
    expect(res.status).toBe(409);
    expect(((await res.json()) as { message: string }).message).toMatch(/changed on disk just now\. Nothing was saved and the file was not overwritten/);
    expect((JSON.parse(readFileSync(file, 'utf8')).agents as Agent[]).map((a) => a.id)).toEqual(['ann', 'dora']);

    // Saving again: Dora is taken in and kept, Eve is added.
    const again = await fetch(`${rt.url}/api/v1/agent/agents/eve?revision=new`, { method: 'PUT', headers: { 'content-type': 'application/json', ...tok(ann) }, body: JSON.stringify(body) });
    expect(again.status).toBe(200);
    expect((JSON.parse(readFileSync(file, 'utf8')).agents as Agent[]).map((a) => a.id)).toEqual(['ann', 'dora', 'eve']);
  });
});
