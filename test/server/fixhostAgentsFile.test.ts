/**
 * Hostile s11 #4, #3, #17, #22: the agents file, edited (or broken) by hand while `baton serve` runs. Over real HTTP
 * on 127.0.0.1 with a real agents file.
 * - #4 (HIGH): a named pipe put at the agents path froze sign-in and the agent loop for good (readFile on a FIFO
 *   never returns and every look, sign-in and save waited behind it); stopping the server hung.
 * - #3: an agent copied by hand with another agent's token was taken in; the token then signed in as the copy (an admin).
 * - #17: canned replies added to the file by hand were deleted by the next inbox save (PUT sent no revision).
 * - #22: a UTF-8 file with a byte order mark was refused as "Unexpected token".
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentsFileError, parseAgentsFile, type Agent } from '../../runtime/agents/agentDirectory';
import { agent, PASSWORD, tok } from './agentFixtures';
import { captureLogs, startTestRuntime, type TestRuntime } from './runtimeFixtures';

const ann = agent('ann', { admin: true });
const cat = agent('cat');
const dirs: string[] = [];
const runtimes: TestRuntime[] = [];

afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.stop()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function agentsFile(doc: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-fixhost-'));
  dirs.push(dir);
  const file = join(dir, 'agents.json');
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}

function editByHand(file: string, edit: (doc: { agents: Agent[]; cannedReplies?: Array<{ shortcut: string; text: string }> }) => void) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  edit(doc);
  writeFileSync(`${file}.swp`, JSON.stringify(doc, null, 2));
  renameSync(`${file}.swp`, file);
}

async function start(file: string, agents: Agent[] = [ann, cat]) {
  const logs = captureLogs();
  const { cannedReplies } = JSON.parse(readFileSync(file, 'utf8'));
  const rt = await startTestRuntime({ agents: { agents, file, ...(cannedReplies ? { cannedReplies } : {}) }, logger: logs.logger });
  runtimes.push(rt);
  return { rt, logs };
}

/** Rejects when `p` takes longer than `ms` (what a user would see as a hang). */
const within = <T,>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))]);

const put = async (rt: TestRuntime, path: string, body: unknown, headers: Record<string, string>) => {
  const res = await fetch(rt.url + path, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
};

describe('a named pipe at the agents path (hostile s11 #4)', () => {
  it('sign-in and the agent loop keep working, saves are refused saying why, and the server stops at once; the restored file works again', async () => {
    const file = agentsFile({ agents: [ann, cat] });
    const good = readFileSync(file, 'utf8');
    const { rt, logs } = await start(file);
    rmSync(file);
    execFileSync('mkfifo', [file]);

    // Sign-in looks at the file first: it answers (it hung for good before).
    const signIn = await within(rt.post('/api/v1/agent/session', { login: 'cat@example.com', password: PASSWORD }), 5000, 'sign-in');
    expect(signIn.status).toBe(200);
    expect(signIn.body.agent.id).toBe('cat');
    // The agent loop runs (it awaited the look before every pass).
    await within(rt.agentHub!.tick(), 5000, 'agent loop');
    expect(logs.warnings().some((l) => /not a regular file/.test(l.msg) && l.msg.includes(file))).toBe(true);
    // The agents as they were are kept.
    const list = await within(rt.get('/api/v1/agent/agents', tok(ann)), 5000, 'agents list');
    expect(list.body.agents.map((a: Agent) => a.id).sort()).toEqual(['ann', 'cat']);
    expect(list.body.fileProblem).toMatch(/not a regular file/);
    // A save would replace the pipe with the directory's copy: refused, saying what is wrong.
    const saved = await within(put(rt, '/api/v1/agent/canned-replies', { replies: [{ shortcut: 'x', text: 'y' }] }, tok(ann)), 5000, 'canned save');
    expect(saved.status).toBe(409);
    expect(saved.body.message).toMatch(/not a regular file/);

    // The file put back: taken in again, saves work.
    rmSync(file);
    writeFileSync(file, good);
    const dan = await within(put(rt, '/api/v1/agent/agents/dan?revision=new', { name: 'Dan', email: 'dan@example.com', teams: ['support'], skills: [], languages: [], maxChats: 2, admin: false, password: 'dans-password-1' }, tok(ann)), 5000, 'admin save');
    expect(dan.status).toBe(200);
    expect((JSON.parse(readFileSync(file, 'utf8')).agents as Agent[]).map((a) => a.id)).toEqual(['ann', 'cat', 'dan']);

    // And SIGTERM's close finishes (it hung behind the look before).
    rmSync(file);
    execFileSync('mkfifo', [file]);
    expect((await within(rt.post('/api/v1/agent/session', { login: 'ann@example.com', password: PASSWORD }), 5000, 'sign-in')).status).toBe(200);
    await within(runtimes.pop()!.stop(), 5000, 'stop');
  });

  it('a folder at the agents path: saves are refused with what to do (not an endless "try again")', async () => {
    const file = agentsFile({ agents: [ann, cat] });
    const { rt } = await start(file);
    rmSync(file);
    execFileSync('mkdir', [file]);
    const saved = await put(rt, '/api/v1/agent/canned-replies', { replies: [{ shortcut: 'x', text: 'y' }] }, tok(ann));
    expect(saved.status).toBe(409);
    expect(saved.body.message).toMatch(/is a folder, not an agents file: put the agents file back/);
    expect(saved.body.message).not.toMatch(/try again/);
  });
});

describe('two agents with one token, or ids differing only in case (hostile s11 #3)', () => {
  it('a hand copy of Cat as admin Dora with Cat\'s token is refused naming both; Cat\'s token still signs in as Cat', async () => {
    const file = agentsFile({ agents: [ann, cat] });
    const { rt, logs } = await start(file);
    editByHand(file, (doc) => doc.agents.push({ ...cat, id: 'dora', name: 'Dora', email: 'dora@example.com', admin: true }));

    const me = await rt.get('/api/v1/agent/me', tok(cat));
    expect(me.status).toBe(200);
    expect(me.body.agent).toMatchObject({ id: 'cat', admin: false });
    const list = await rt.get('/api/v1/agent/agents', tok(ann));
    expect(list.body.agents.map((a: Agent) => a.id).sort()).toEqual(['ann', 'cat']);
    expect(list.body.fileProblem).toMatch(/agents\.2\.token: the same token as agents\.1 \(cat\)/);
    await rt.agentHub!.tick(); // the loop logs what the directory noticed
    expect(logs.warnings().some((l) => /agents\.2\.token: the same token as agents\.1 \(cat\); each agent needs their own token/.test(l.msg))).toBe(true);
  });

  it('at start: "px" and "PX" are refused naming both entries', () => {
    const doc = { agents: [agent('px'), agent('PX', { email: 'other@example.com', token: 'another-token-0123456789' })] };
    expect(() => parseAgentsFile(doc, 'agents.json')).toThrow(AgentsFileError);
    expect(() => parseAgentsFile(doc, 'agents.json')).toThrow(/agents\.1\.id: "PX" is the same id as "px" \(ids are compared without case\), the id of agents\.0/);
  });

  it('an admin cannot create "ANN" next to "ann", nor give a second agent an existing token', async () => {
    const file = agentsFile({ agents: [ann, cat] });
    const { rt } = await start(file);
    const body = { name: 'X', email: 'x@example.com', teams: [], skills: [], languages: [], maxChats: 2, admin: false };
    const upper = await put(rt, '/api/v1/agent/agents/ANN?revision=new', { ...body, password: 'long-enough-1' }, tok(ann));
    expect(upper.status).toBe(400);
    expect(upper.body.message).toMatch(/same id as the agent "ann"/);
    const sameToken = await put(rt, '/api/v1/agent/agents/xena?revision=new', { ...body, token: cat.token }, tok(ann));
    expect(sameToken.status).toBe(400);
    expect(sameToken.body.message).toMatch(/same token as the agent "cat"/);
    expect((JSON.parse(readFileSync(file, 'utf8')).agents as Agent[]).map((a) => a.id)).toEqual(['ann', 'cat']);
  });
});

describe('canned replies added by hand (hostile s11 #17)', () => {
  it('an inbox save without a revision that would delete them is refused naming them; with the reloaded list (or its revision) it saves', async () => {
    const start1 = [{ shortcut: 'hello', text: 'Hi!' }];
    const file = agentsFile({ agents: [ann, cat], cannedReplies: start1 });
    const { rt } = await start(file);
    const opened = await rt.get('/api/v1/agent/canned-replies', tok(ann)); // the admin opens the screen
    editByHand(file, (doc) => doc.cannedReplies!.push({ shortcut: 'refund', text: 'Refunds take 5 days.' }));
    await rt.get('/api/v1/agent/canned-replies', tok(cat)); // Cat's composer loads them: the hand edit is taken in

    // The admin adds a reply to the list they opened (before the hand edit), without a revision (as the inbox does).
    const stale = await put(rt, '/api/v1/agent/canned-replies', { replies: [...opened.body.replies, { shortcut: 'bye', text: 'Bye!' }] }, tok(ann));
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/\/refund was added or changed in the agents file on disk \(by hand\)/);
    expect(JSON.parse(readFileSync(file, 'utf8')).cannedReplies.map((c: { shortcut: string }) => c.shortcut)).toEqual(['hello', 'refund']);

    // A stale revision: refused too.
    const old = await put(rt, `/api/v1/agent/canned-replies?revision=${opened.body.revision}`, { replies: opened.body.replies }, tok(ann));
    expect(old.status).toBe(409);

    // Reloaded: saving the list with the hand-added reply in it works, and deleting it after reloading works too.
    const reloaded = await rt.get('/api/v1/agent/canned-replies', tok(ann));
    expect(reloaded.body.replies.map((c: { shortcut: string }) => c.shortcut)).toEqual(['hello', 'refund']);
    const ok = await put(rt, '/api/v1/agent/canned-replies', { replies: [...reloaded.body.replies, { shortcut: 'bye', text: 'Bye!' }] }, tok(ann));
    expect(ok.status).toBe(200);
    const del = await put(rt, `/api/v1/agent/canned-replies?revision=${ok.body.revision}`, { replies: [{ shortcut: 'hello', text: 'Hi!' }] }, tok(ann));
    expect(del.status).toBe(200);
    expect(JSON.parse(readFileSync(file, 'utf8')).cannedReplies.map((c: { shortcut: string }) => c.shortcut)).toEqual(['hello']);
  });
});

describe('encodings (hostile s11 #22)', () => {
  it('a UTF-8 file with a byte order mark is read; a UTF-16 file is refused saying to save it as UTF-8', async () => {
    const file = agentsFile({ agents: [ann, cat] });
    const { rt, logs } = await start(file);
    const dan = agent('dan');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, '\ufeff' + JSON.stringify({ ...doc, agents: [...doc.agents, dan] }, null, 2));
    const withDan = await rt.get('/api/v1/agent/agents', tok(ann));
    expect(withDan.body.fileProblem).toBeUndefined();
    expect(withDan.body.agents.map((a: Agent) => a.id).sort()).toEqual(['ann', 'cat', 'dan']);

    writeFileSync(file, Buffer.from('\ufeff' + JSON.stringify(doc), 'utf16le'));
    const list = await rt.get('/api/v1/agent/agents', tok(ann));
    expect(list.body.fileProblem).toMatch(/saved as UTF-16, not UTF-8/);
    await rt.agentHub!.tick();
    expect(logs.warnings().some((l) => /saved as UTF-16/.test(l.msg))).toBe(true);
  });
});
