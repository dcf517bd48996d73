/**
 * Agent sessions and the agents file under attack and on a full disk (hostile s5 #4, #5, #8, #9, #13), over real
 * HTTP on 127.0.0.1 except the lock-eviction and restart checks, which drive AgentDirectory directly.
 *  - a write of the agents file or its sessions file that fails answers 507 storage_full, never a pretended success;
 *  - an admin's new password for an agent ends that agent's sessions and push streams (and stays ended after a restart);
 *  - a spray of made-up logins cannot reset a lock on a real login, and the failure records stay bounded;
 *  - a static agents-file token cannot be "signed out": 409 saying what to do.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Disk-full injection: writeFileAtomic fails with ENOSPC for paths matching `failWrites`.
const failWrites: { pattern: RegExp | null } = { pattern: null };
vi.mock('../../runtime/studio/writeFileAtomic', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../runtime/studio/writeFileAtomic')>();
  return {
    ...orig,
    writeFileAtomic: async (path: string, data: string) => {
      if (failWrites.pattern?.test(path)) throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC' });
      return orig.writeFileAtomic(path, data);
    },
  };
});

const { AgentDirectory, agentSettingsSchema, hashPassword, MAX_FAILED_SIGNINS } = await import('../../runtime/agents/agentDirectory');
const { agent, PASSWORD, startAgentRuntime, stopAgentRuntimes, tok } = await import('./agentFixtures');
const { auth } = await import('./runtimeFixtures');
const { openStream } = await import('./agentSse');

const dirs: string[] = [];
afterEach(async () => {
  failWrites.pattern = null;
  await stopAgentRuntimes();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const boss = agent('boss', { admin: true, token: undefined });
const ann = agent('ann', { token: undefined });
const sam = agent('sam'); // has a static token

function agentsFile(agents: unknown[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-agents-hard-'));
  dirs.push(dir);
  const file = join(dir, 'agents.json');
  writeFileSync(file, JSON.stringify({ agents }));
  return file;
}

const req = (url: string, method: string, headers: Record<string, string>, body?: unknown) =>
  fetch(url, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
const publicBody = (a: ReturnType<typeof agent>) => ({ name: a.name, email: a.email, teams: a.teams, skills: a.skills, languages: a.languages, maxChats: a.maxChats, admin: a.admin });

describe('full disk: agent writes answer 507, nothing pretends (hostile s5 #4, #9)', () => {
  it('sign-in gives no token, sign-out says it was not saved, agent and canned-reply edits are 507 and not kept', async () => {
    const file = agentsFile([boss, ann]);
    const rt = await startAgentRuntime({ agents: [boss, ann], file });
    const bossSession = (await rt.post('/api/v1/agent/session', { login: 'boss', password: PASSWORD })).body.token as string;
    const annSession = (await rt.post('/api/v1/agent/session', { login: 'ann', password: PASSWORD })).body.token as string;
    expect(annSession).toBeTruthy();
    const sessionsBefore = readFileSync(`${file}.sessions.json`, 'utf8');
    const agentsBefore = readFileSync(file, 'utf8');

    failWrites.pattern = /agents\.json/;
    const signIn = await rt.post('/api/v1/agent/session', { login: 'ann', password: PASSWORD });
    expect(signIn.status).toBe(507);
    expect(signIn.body.error).toBe('storage_full');
    expect(signIn.body.message).toContain('not signed in');
    expect(signIn.body.token).toBeUndefined();

    const out = await req(`${rt.url}/api/v1/agent/session`, 'DELETE', auth(annSession));
    expect(out.status).toBe(507);
    const outBody = (await out.json()) as { error: string; message: string };
    expect(outBody.error).toBe('storage_full');
    expect(outBody.message).toContain('could not be saved');
    // Refused here at once all the same.
    expect((await rt.get('/api/v1/agent/me', auth(annSession))).status).toBe(401);

    const canned = await req(`${rt.url}/api/v1/agent/canned-replies`, 'PUT', auth(bossSession), { replies: [{ shortcut: 'hi', text: 'Hello!' }] });
    expect(canned.status).toBe(507);
    expect(((await canned.json()) as { error: string }).error).toBe('storage_full');
    const cannedNow = (await rt.get('/api/v1/agent/canned-replies', auth(bossSession))).body.replies;
    expect(cannedNow.some((r: { shortcut: string }) => r.shortcut === 'hi')).toBe(false);

    const zed = await req(`${rt.url}/api/v1/agent/agents/zed`, 'PUT', auth(bossSession), { ...publicBody(agent('zed')), password: 'a-long-password' });
    expect(zed.status).toBe(507);
    const zedBody = (await zed.json()) as { error: string; message: string };
    expect(zedBody.error).toBe('storage_full');
    expect(zedBody.message).not.toContain('ENOSPC');
    const list = (await rt.get('/api/v1/agent/agents', auth(bossSession))).body.agents.map((a: { id: string }) => a.id);
    expect(list).not.toContain('zed');
    const renamed = await req(`${rt.url}/api/v1/agent/agents/ann`, 'PUT', auth(bossSession), { ...publicBody(ann), name: 'Ann Renamed' });
    expect(renamed.status).toBe(507);
    expect((await rt.get('/api/v1/agent/agents', auth(bossSession))).body.agents.find((a: { id: string }) => a.id === 'ann').name).toBe('Ann');
    const removed = await req(`${rt.url}/api/v1/agent/agents/ann`, 'DELETE', auth(bossSession));
    expect(removed.status).toBe(507);
    expect((await rt.get('/api/v1/agent/agents', auth(bossSession))).body.agents.map((a: { id: string }) => a.id)).toContain('ann');
    expect(readFileSync(file, 'utf8')).toBe(agentsBefore);
    expect(readFileSync(`${file}.sessions.json`, 'utf8')).toBe(sessionsBefore);

    // Space again: the next sessions write records the earlier sign-out too.
    failWrites.pattern = null;
    const again = await rt.post('/api/v1/agent/session', { login: 'ann', password: PASSWORD });
    expect(again.status).toBe(200);
    const hashes = (JSON.parse(readFileSync(`${file}.sessions.json`, 'utf8')) as { sessions: Array<{ agentId: string }> }).sessions.filter((s) => s.agentId === 'ann');
    expect(hashes).toHaveLength(1);
  });
});

describe('a new password ends the old sessions (hostile s5 #5)', () => {
  it("an admin's new password for ann ends her session and push stream; her static-token colleague and the admin are untouched", async () => {
    const file = agentsFile([boss, ann, sam]);
    const rt = await startAgentRuntime({ agents: [boss, ann, sam], file });
    const bossSession = (await rt.post('/api/v1/agent/session', { login: 'boss', password: PASSWORD })).body.token as string;
    const annSession = (await rt.post('/api/v1/agent/session', { login: 'ann', password: PASSWORD })).body.token as string;
    const stream = await openStream(`${rt.url}/api/v1/agent/events`, auth(annSession));
    try {
      // An edit that keeps the password keeps the session.
      expect((await req(`${rt.url}/api/v1/agent/agents/ann`, 'PUT', auth(bossSession), { ...publicBody(ann), name: 'Ann B.' })).status).toBe(200);
      expect((await rt.get('/api/v1/agent/me', auth(annSession))).status).toBe(200);

      expect((await req(`${rt.url}/api/v1/agent/agents/ann`, 'PUT', auth(bossSession), { ...publicBody(ann), password: 'new-password-2' })).status).toBe(200);
      expect((await rt.get('/api/v1/agent/me', auth(annSession))).status).toBe(401);
      const end = await stream.until((f) => f.event === 'signed_out', 'signed_out');
      expect(end.data.reason).toContain('Sign in again');
      expect((await rt.post('/api/v1/agent/session', { login: 'ann', password: 'new-password-2' })).status).toBe(200);
      expect((await rt.get('/api/v1/agent/me', auth(bossSession))).status).toBe(200);
      expect((await rt.get('/api/v1/agent/me', tok(sam))).status).toBe(200);

      // The admin changing their own password keeps the session making the request, ends the others.
      const bossOther = (await rt.post('/api/v1/agent/session', { login: 'boss', password: PASSWORD })).body.token as string;
      expect((await req(`${rt.url}/api/v1/agent/agents/boss`, 'PUT', auth(bossSession), { ...publicBody(boss), password: 'boss-password-2' })).status).toBe(200);
      expect((await rt.get('/api/v1/agent/me', auth(bossSession))).status).toBe(200);
      expect((await rt.get('/api/v1/agent/me', auth(bossOther))).status).toBe(401);
    } finally {
      stream.close();
    }
  });

  it('a session opened with an old password stays ended after a restart, even if the sessions file still lists it', async () => {
    const file = agentsFile([ann]);
    const settings = agentSettingsSchema.parse({});
    const before = new AgentDirectory([ann], settings, { file, now: Date.now });
    const s = await before.signIn('ann', PASSWORD);
    if (!s || s === 'locked') throw new Error('sign-in failed');
    await before.flush();
    // The password was changed in the agents file (by hand, or by an admin whose sessions write failed).
    const after = new AgentDirectory([{ ...ann, passwordHash: hashPassword('new-password-2') }], settings, { file, now: Date.now });
    expect(after.authenticate(s.token)).toBeNull();
    // Same password: the session survives a restart as before.
    const same = new AgentDirectory([ann], settings, { file, now: Date.now });
    expect(same.authenticate(s.token)?.id).toBe('ann');
  });
});

describe('sign-in lock (hostile s5 #8)', () => {
  it('a spray of made-up logins past the bound does not unlock a locked real login; the records stay bounded', async () => {
    const settings = agentSettingsSchema.parse({});
    const dir = new AgentDirectory([ann], settings, { now: Date.now, maxFailureRecords: 20 });
    for (let i = 0; i < MAX_FAILED_SIGNINS; i++) expect(await dir.signIn('ann', 'wrong password')).toBeNull();
    expect(await dir.signIn('ann', PASSWORD)).toBe('locked');
    for (let i = 0; i < 45; i++) expect(await dir.signIn(`nobody-${i}@example.com`, 'x')).toBeNull();
    expect(await dir.signIn('ann', PASSWORD)).toBe('locked');
    expect(dir.failureRecords()).toBeLessThanOrEqual(20);
  }, 60_000);
});

describe('static tokens (hostile s5 #13)', () => {
  it('signing out with an agents-file token is a 409 saying what to do, and the token is unchanged', async () => {
    const rt = await startAgentRuntime({ agents: [boss, sam] });
    const r = await req(`${rt.url}/api/v1/agent/session`, 'DELETE', tok(sam));
    expect(r.status).toBe(409);
    const body = (await r.json()) as { error: string; message: string };
    expect(body.error).toBe('static_token');
    expect(body.message).toContain('agents file');
    expect((await rt.get('/api/v1/agent/me', tok(sam))).status).toBe(200);
  });
});
