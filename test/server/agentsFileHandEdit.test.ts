/**
 * newcomer s9 #24 [high]: the agents file edited by hand (an editor) while `baton serve` runs. Before: the new agent
 * could not sign in ("Wrong email or password", the file was never re-read), and the next admin save in the inbox
 * wrote the file from memory, deleting the hand-added agent without a word. Now the server takes hand edits in
 * (sign-in, the agents list, the agent loop, and before every save), refuses a save that would undo a hand edit
 * (409 agents_file_changed, nothing written), and never writes over a file it cannot read.
 * Over real HTTP with a real agents file.
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, type Agent } from '../../runtime/agents/agentDirectory';
import { agent, PASSWORD, tok } from './agentFixtures';
import { captureLogs, startTestRuntime, type TestRuntime } from './runtimeFixtures';

const ann = agent('ann', { admin: true });
const bob = agent('bob');
const dirs: string[] = [];
const runtimes: TestRuntime[] = [];

afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.stop()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function agentsFile(agents: Agent[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-agents-hand-'));
  dirs.push(dir);
  const file = join(dir, 'agents.json');
  writeFileSync(file, JSON.stringify({ agents }, null, 2));
  return file;
}

/** As an editor saves: a new file renamed over the old one (vim, VS Code...). */
function editByHand(file: string, edit: (doc: { agents: Agent[] }) => void) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  edit(doc);
  writeFileSync(`${file}.swp`, JSON.stringify(doc, null, 2));
  renameSync(`${file}.swp`, file);
}

const idsInFile = (file: string) => (JSON.parse(readFileSync(file, 'utf8')).agents as Agent[]).map((a) => a.id).sort();

async function start(file: string) {
  const logs = captureLogs();
  const rt = await startTestRuntime({ agents: { agents: [ann, bob], file }, logger: logs.logger });
  runtimes.push(rt);
  return { rt, logs };
}

const put = async (rt: TestRuntime, path: string, body: unknown, headers: Record<string, string>) => {
  const res = await fetch(rt.url + path, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
};
const fields = (a: Agent) => ({ name: a.name, email: a.email, teams: a.teams, skills: a.skills, languages: a.languages, maxChats: a.maxChats, admin: a.admin });

describe('agents file edited by hand while the server runs (newcomer s9 #24)', () => {
  it('an agent added with an editor can sign in, and an admin adding another agent in the inbox keeps them in the file', async () => {
    const file = agentsFile([ann, bob]);
    const { rt, logs } = await start(file);
    const dan = agent('dan', { token: undefined, passwordHash: hashPassword('dans-own-password') });
    editByHand(file, (doc) => doc.agents.push(dan));

    const signIn = await rt.post('/api/v1/agent/session', { login: 'dan@example.com', password: 'dans-own-password' });
    expect(signIn.status).toBe(200);
    expect(signIn.body.agent.name).toBe('Dan');

    // The admin's agents screen lists Dan too.
    const list = await rt.get('/api/v1/agent/agents', tok(ann));
    expect(list.body.agents.map((a: { id: string }) => a.id).sort()).toEqual(['ann', 'bob', 'dan']);

    // Ann adds Eve in the inbox: the file is written with Dan still in it.
    const eve = agent('eve');
    const saved = await put(rt, '/api/v1/agent/agents/eve?revision=new', { ...fields(eve), password: 'eves-password-1' }, tok(ann));
    expect(saved.status).toBe(200);
    expect(idsInFile(file)).toEqual(['ann', 'bob', 'dan', 'eve']);
    const inFile = (JSON.parse(readFileSync(file, 'utf8')).agents as Agent[]).find((a) => a.id === 'dan');
    expect(inFile?.passwordHash).toBe(dan.passwordHash);

    // The agent loop logs what it took in.
    await rt.agentHub!.tick();
    expect(logs.lines.some((l) => /agents file edited on disk: taken in \(added dan\)/.test(l.msg))).toBe(true);
  });

  it('an admin save made on an agent edited by hand since is refused with a clear message; the hand edit stays', async () => {
    const file = agentsFile([ann, bob]);
    const { rt } = await start(file);
    const before = (await rt.get('/api/v1/agent/agents', tok(ann))).body.agents.find((a: { id: string }) => a.id === 'bob');
    editByHand(file, (doc) => (doc.agents.find((a) => a.id === 'bob')!.maxChats = 7));

    // The admin's form was opened on the old Bob: saving it would put maxChats back to 3.
    const stale = await put(rt, `/api/v1/agent/agents/bob?revision=${before.revision}`, { ...fields(bob), name: 'Bobby' }, tok(ann));
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('agents_file_changed');
    expect(stale.body.message).toMatch(/Agent "bob" was not saved: it was changed in the agents file on disk \(by hand\) after you opened it/);
    const onDisk = (JSON.parse(readFileSync(file, 'utf8')).agents as Agent[]).find((a) => a.id === 'bob')!;
    expect(onDisk.maxChats).toBe(7);
    expect(onDisk.name).toBe('Bob');

    // The list now shows the hand edit; saved on that version, the admin's change goes through and keeps it.
    const now = (await rt.get('/api/v1/agent/agents', tok(ann))).body.agents.find((a: { id: string }) => a.id === 'bob');
    expect(now.maxChats).toBe(7);
    const ok = await put(rt, `/api/v1/agent/agents/bob?revision=${now.revision}`, { ...fields(bob), maxChats: now.maxChats, name: 'Bobby' }, tok(ann));
    expect(ok.status).toBe(200);
    const after = (JSON.parse(readFileSync(file, 'utf8')).agents as Agent[]).find((a) => a.id === 'bob')!;
    expect([after.name, after.maxChats]).toEqual(['Bobby', 7]);

    // "Add agent" with an id someone added by hand meanwhile: refused, not replaced.
    editByHand(file, (doc) => doc.agents.push(agent('cara')));
    const clash = await put(rt, '/api/v1/agent/agents/cara?revision=new', { ...fields(agent('cara')), name: 'Another Cara', email: 'other-cara@example.com', password: 'caras-password' }, tok(ann));
    expect(clash.status).toBe(409);
    expect(clash.body.message).toMatch(/an agent with the id "cara" already exists \(added to the agents file by hand\)/);
  });

  it('a hand edit that broke the file: saves are refused and the file is not overwritten; everyone can still sign in', async () => {
    const file = agentsFile([ann, bob]);
    const { rt, logs } = await start(file);
    const broken = readFileSync(file, 'utf8').replace('"bob"', '"bob",,');
    writeFileSync(file, broken);

    const res = await put(rt, '/api/v1/agent/agents/eve?revision=new', { ...fields(agent('eve')), password: 'eves-password-1' }, tok(ann));
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/cannot be read now .*not valid JSON.*Fix the file first; nothing was saved and the file was not overwritten/);
    expect(readFileSync(file, 'utf8')).toBe(broken);
    expect((await rt.post('/api/v1/agent/session', { login: 'bob', password: PASSWORD })).status).toBe(200);
    await rt.agentHub!.tick();
    expect(logs.warnings().some((l) => /agents file changed on disk but cannot be used/.test(l.msg))).toBe(true);
  });

  it('an agent removed from the file by hand can no longer sign in or use their token', async () => {
    const file = agentsFile([ann, bob]);
    const { rt } = await start(file);
    expect((await rt.get('/api/v1/agent/me', tok(bob))).status).toBe(200);
    editByHand(file, (doc) => (doc.agents = doc.agents.filter((a) => a.id !== 'bob')));
    await rt.agentHub!.tick();
    expect((await rt.get('/api/v1/agent/me', tok(bob))).status).toBe(401);
    expect((await rt.post('/api/v1/agent/session', { login: 'bob', password: PASSWORD })).status).toBe(401);
    expect(idsInFile(file)).toEqual(['ann']);
  });
});
