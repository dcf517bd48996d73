/**
 * The agent API over real HTTP on 127.0.0.1: sign-in, tokens, team visibility, views with counts, accept (409 for
 * the second agent), messages and private notes, crossover (the bot stays silent while an agent holds the chat),
 * handback, resolve, transfer, reject, variables, no agent online, malicious text, agents file validation.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agentCoverageWarnings, AgentsFileError, DEFAULT_CANNED_REPLIES, loadAgentsFile, parseAgentsFile } from '../../runtime/agents/agentDirectory';
import { shopFlow } from './runtimeFixtures';
import { auth } from './runtimeFixtures';
import { agent, flowWithTakeover, PASSWORD, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

let rt: AgentRuntime | null = null;
afterEach(stopAgentRuntimes);

const ann = agent('ann');
const bob = agent('bob');
const sales = agent('sal', { teams: ['sales'] });
const boss = agent('boss', { teams: [], admin: true });
const hid = (rtx: AgentRuntime, id: string) => `/api/v1/agent/handoffs/${encodeURIComponent(id)}`;

describe('agent API', () => {
  it('refuses calls without a valid token (401), signs in with a password, and signs out', async () => {
    rt = await startAgentRuntime({ agents: [ann] });
    expect((await rt.get('/api/v1/agent/handoffs')).status).toBe(401);
    const bad = await rt.get('/api/v1/agent/handoffs', auth('not-a-token'));
    expect(bad.status).toBe(401);
    expect(bad.body.error).toBe('invalid_agent_token');
    expect((await rt.post('/api/v1/agent/session', { login: 'ann@example.com', password: 'wrong' })).status).toBe(401);
    const s = await rt.post('/api/v1/agent/session', { login: 'ANN@example.com', password: PASSWORD });
    expect(s.status).toBe(200);
    expect(s.body.agent).toMatchObject({ id: 'ann', name: 'Ann' });
    expect(JSON.stringify(s.body)).not.toContain('scrypt');
    const me = await rt.get('/api/v1/agent/me', auth(s.body.token));
    expect(me.body).toMatchObject({ agent: { id: 'ann' }, status: 'offline', activeChats: 0 });
    const out = await fetch(rt.url + '/api/v1/agent/session', { method: 'DELETE', headers: auth(s.body.token) });
    expect(out.status).toBe(204);
    expect((await rt.get('/api/v1/agent/me', auth(s.body.token))).status).toBe(401);
    // Bad bodies name the field.
    const wrong = await rt.post('/api/v1/agent/presence', { status: 'sleeping' }, tok(ann));
    expect(wrong.status).toBe(400);
    expect(wrong.body.field).toContain('status');
  });

  it('simple mode: team visibility, views with counts, accept once (409 for the second), messages, notes, no crossover, handback', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob, sales, boss], flow: flowWithTakeover({ teams: ['support'] }) });
    for (const a of [ann, bob]) expect((await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(a))).body.status).toBe('online');
    const c = await rt.customerWantsPerson();
    expect(c.reply.mode).toBe('waiting');
    await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: 'My parcel <img src=x onerror=alert(1)> {{constructor}} never came' }, auth(c.token));

    const list = await rt.get('/api/v1/agent/handoffs?view=unassigned', tok(ann));
    expect(list.status).toBe(200);
    expect(list.body.counts).toEqual({ unassigned: 1, mine: 0, all: 1, closed: 0 });
    const h = list.body.handoffs[0];
    expect(h).toMatchObject({ conversationId: c.id, status: 'pending', flowId: 'shop' });
    // Another team does not see it (not even by id); the admin does.
    expect((await rt.get('/api/v1/agent/handoffs?view=all', tok(sales))).body.counts.all).toBe(0);
    expect((await rt.get(hid(rt, h.id), tok(sales))).status).toBe(404);
    expect((await rt.get('/api/v1/agent/handoffs?view=all', tok(boss))).body.counts.all).toBe(1);

    // Context and the full transcript, bot turns included; the customer's hostile text is returned as plain text.
    const detail = await rt.get(hid(rt, h.id), tok(ann));
    expect(detail.status).toBe(200);
    expect(detail.headers.get('content-type')).toContain('application/json');
    expect(detail.body.transcript.some((m: any) => m.from === 'bot' && m.text.includes('Welcome to the shop'))).toBe(true);
    expect(detail.body.transcript.some((m: any) => m.from === 'customer' && m.text === 'My parcel <img src=x onerror=alert(1)> {{constructor}} never came')).toBe(true);
    expect(detail.body.context).toMatchObject({ reason: expect.any(String), summary: expect.any(String) });
    expect(detail.body.variables).toBeTypeOf('object');
    // Bob opens it too: each is told the other is viewing.
    expect((await rt.get(hid(rt, h.id), tok(bob))).body.alsoViewing).toEqual(['ann']);

    // Ann and Bob accept at the same moment: exactly one wins, the other gets a clear 409.
    const [ra, rb] = await Promise.all([rt.post(`${hid(rt, h.id)}/accept`, {}, tok(ann)), rt.post(`${hid(rt, h.id)}/accept`, {}, tok(bob))]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const loser = ra.status === 409 ? ra : rb;
    const winner = ra.status === 200 ? ann : bob;
    const other = winner === ann ? bob : ann;
    expect(loser.body.error).toBe('handoff_conflict');
    expect(loser.body.message).toBe(`${winner.name} took this chat first.`);
    expect((await rt.get('/api/v1/agent/handoffs?view=mine', tok(winner))).body.counts.mine).toBe(1);

    // The other agent cannot write in it; the winner can; a private note never reaches the customer.
    expect((await rt.post(`${hid(rt, h.id)}/messages`, { text: 'hi' }, tok(other))).status).toBe(409);
    const said = await rt.post(`${hid(rt, h.id)}/messages`, { text: `Hi, ${winner.name} here.` }, tok(winner));
    expect(said.status).toBe(200);
    const note = await rt.post(`${hid(rt, h.id)}/messages`, { text: 'VIP customer, be nice', private: true }, tok(other));
    expect(note.status).toBe(200);
    const log = (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages;
    expect(log.some((m: any) => m.from === 'agent' && m.name === winner.name && m.text === `Hi, ${winner.name} here.`)).toBe(true);
    expect(JSON.stringify(log)).not.toContain('VIP customer');
    expect((await rt.get(hid(rt, h.id), tok(winner))).body.notes.map((n: any) => n.text)).toEqual(['VIP customer, be nice']);

    // Crossover: while the agent holds the chat, the bot never answers the customer.
    const quiet = await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: 'where is my order? I want a refund, help' }, auth(c.token));
    expect(quiet.status).toBe(200);
    expect(quiet.body.mode).toBe('agent');
    expect(quiet.body.messages.filter((m: any) => m.from === 'bot')).toEqual([]);

    // Hand back: the bot resumes at the takeover's resolved exit.
    const back = await rt.post(`${hid(rt, h.id)}/handback`, {}, tok(winner));
    expect(back.status).toBe(200);
    expect(back.body.mode).toBe('bot');
    expect(back.body.messages.some((m: any) => m.from === 'bot' && m.text === 'Glad we could help.')).toBe(true);
    expect((await rt.get('/api/v1/agent/handoffs?view=closed', tok(winner))).body.counts).toMatchObject({ closed: 1, all: 0 });
    // Acting on a closed handoff is a 409 that says so: session 43 (hostq, hostile s43 L4, changed on purpose) in what
    // happened (handed back to the bot), not "it is closed (resolved) ... start a new conversation".
    const late = await rt.post(`${hid(rt, h.id)}/resolve`, {}, tok(winner));
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('handoff_closed');
    expect(late.body.message).toMatch(/^You cannot resolve this chat: you handed it back to the bot, /);
    expect(late.body.message).not.toContain('Accept it first');
    const lateAccept = await rt.post(`${hid(rt, h.id)}/accept`, {}, tok(winner));
    expect(lateAccept.status).toBe(409);
    expect(lateAccept.body.error).toBe('handoff_closed');
  });

  it('resolve closes the conversation; transfer to an agent and to a team; reject requeues', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob, sales] });
    for (const a of [ann, bob, sales]) await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(a));
    const c1 = await rt.customerWantsPerson();
    const h1 = (await rt.get('/api/v1/agent/handoffs', tok(ann))).body.handoffs[0];
    expect((await rt.post(`${hid(rt, h1.id)}/accept`, {}, tok(ann))).status).toBe(200);
    // Transfer to Bob: Bob holds it now.
    const bad = await rt.post(`${hid(rt, h1.id)}/transfer`, { agentId: 'nobody' }, tok(ann));
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('body.agentId');
    expect((await rt.post(`${hid(rt, h1.id)}/transfer`, {}, tok(ann))).status).toBe(400);
    const t = await rt.post(`${hid(rt, h1.id)}/transfer`, { agentId: 'bob' }, tok(ann));
    expect(t.status).toBe(200);
    expect(t.body.handoff).toMatchObject({ status: 'assigned', agentId: 'bob', agentName: 'Bob' });
    // Bob transfers to the sales team: pending again, now visible to sales and not to support agents.
    const toSales = await rt.post(`${hid(rt, h1.id)}/transfer`, { team: 'sales' }, tok(bob));
    expect(toSales.status).toBe(200);
    expect(toSales.body.handoff).toMatchObject({ status: 'pending', teams: ['sales'] });
    expect((await rt.get('/api/v1/agent/handoffs', tok(sales))).body.counts.unassigned).toBe(1);
    expect((await rt.get('/api/v1/agent/handoffs', tok(ann))).body.counts.unassigned).toBe(0);
    expect((await rt.post(`${hid(rt, h1.id)}/accept`, {}, tok(sales))).status).toBe(200);
    // Sales rejects: back in the queue.
    const rej = await rt.post(`${hid(rt, h1.id)}/reject`, { note: 'not for me' }, tok(sales));
    expect(rej.status).toBe(200);
    expect(rej.body.handoff.status).toBe('pending');
    const log1 = (await rt.get(`/api/v1/conversations/${c1.id}`, auth(c1.token))).body;
    expect(log1.mode).toBe('waiting');
    // Accept again and resolve: the conversation is closed.
    await rt.post(`${hid(rt, h1.id)}/accept`, {}, tok(sales));
    const res = await rt.post(`${hid(rt, h1.id)}/resolve`, {}, tok(sales));
    expect(res.status).toBe(200);
    expect(res.body.mode).toBe('closed');
    expect((await rt.get(`/api/v1/conversations/${c1.id}`, auth(c1.token))).body.mode).toBe('closed');
    // A closed conversation's variables can no longer be changed.
    const late = await rt.patch(`/api/v1/agent/conversations/${c1.id}/variables`, { variables: { customerEmail: 'after@close.com' } }, tok(sales));
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('conversation_closed');
    // Session 45 (ui9, retest s44 #3): the inbox shows this message to the agent: no internal id in it.
    expect(late.body.message).toBe('This chat is closed: its variables can no longer be changed.');
    expect(late.body.message).not.toContain(c1.id);
  });

  it('fixes variables (type-checked, unknown names refused) and refuses taking over a waiting chat clearly', async () => {
    rt = await startAgentRuntime({ agents: [ann] });
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
    const c = await rt.customerWantsPerson();
    const hp = (await rt.get('/api/v1/agent/handoffs', tok(ann))).body.handoffs[0];
    // Nobody holds the chat yet: only the holder (or an admin) changes variables.
    const early = await rt.patch(`/api/v1/agent/conversations/${c.id}/variables`, { variables: { customerEmail: 'ada@example.com' } }, tok(ann));
    expect(early.status).toBe(409);
    expect(early.body.error).toBe('not_your_handoff');
    expect(early.body.message).toContain('accept it first');
    expect((await rt.post(`${hid(rt, hp.id)}/accept`, {}, tok(ann))).status).toBe(200);
    const ok = await rt.patch(`/api/v1/agent/conversations/${c.id}/variables`, { variables: { customerEmail: 'ada@example.com' } }, tok(ann));
    expect(ok.status).toBe(200);
    expect(ok.body.variables.customerEmail).toBe('ada@example.com');
    expect((await rt.get(hid(rt, hp.id), tok(ann))).body.variables.customerEmail).toBe('ada@example.com');
    const unknown = await rt.patch(`/api/v1/agent/conversations/${c.id}/variables`, { variables: { nope: 1 } }, tok(ann));
    expect(unknown.status).toBe(400);
    expect(unknown.body.field).toBe('body.variables.nope');
    const c2 = await rt.customerWantsPerson();
    const take = await rt.post(`/api/v1/agent/conversations/${c2.id}/takeover`, {}, tok(ann));
    // The customer already waits for a person: taking over is refused with the reason (test/server/agentTakeover.test.ts
    // covers taking over a live bot conversation).
    expect(take.status).toBe(409);
    expect(take.body.error).toBe('takeover_refused');
    expect(take.body.message).toContain('accept that handoff instead');
  });

  it('hostile pass findings: holder-only variables, other team takeover 404, idempotent accept, auth before body', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob, sales, boss], flow: flowWithTakeover({ teams: ['support'] }) });
    for (const a of [ann, bob, sales]) await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(a));
    const c = await rt.customerWantsPerson();
    const h = (await rt.get('/api/v1/agent/handoffs', tok(ann))).body.handoffs[0];
    const first = await rt.post(`${hid(rt, h.id)}/accept`, {}, tok(ann));
    expect(first.status).toBe(200);
    expect(first.body.alreadyYours).toBe(false);
    // Accepting a chat you already hold is a harmless 200 (double click, second tab); twice at once too.
    const again = await Promise.all([rt.post(`${hid(rt, h.id)}/accept`, {}, tok(ann)), rt.post(`${hid(rt, h.id)}/accept`, {}, tok(ann))]);
    for (const r of again) {
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ alreadyYours: true, handoff: { status: 'assigned', agentId: 'ann' } });
    }
    // Someone else still gets the 409 naming the holder.
    const other = await rt.post(`${hid(rt, h.id)}/accept`, {}, tok(bob));
    expect(other.status).toBe(409);
    expect(other.body.message).toContain('Ann');

    // Bob sees the chat (same team) but does not hold it: he cannot change its variables; Ann and the admin can.
    const vars = (who: typeof ann, email: string) => rt!.patch(`/api/v1/agent/conversations/${c.id}/variables`, { variables: { customerEmail: email } }, tok(who));
    const byBob = await vars(bob, 'pwn@example.com');
    expect(byBob.status).toBe(409);
    expect(byBob.body).toMatchObject({ error: 'not_your_handoff' });
    expect(byBob.body.message).toContain('Ann holds this chat');
    expect((await vars(sales, 'pwn@example.com')).status).toBe(404); // another team: not even confirmed
    expect((await vars(ann, 'ann@fix.example')).status).toBe(200);
    const byBoss = await vars(boss, 'boss@fix.example');
    expect(byBoss.status).toBe(200);
    expect(byBoss.body.variables.customerEmail).toBe('boss@fix.example');

    // A conversation waiting in the sales queue: a support agent taking it over gets 404 like its handoff, not 409.
    const c2 = await rt.customerWantsPerson();
    const h2 = (await rt.get('/api/v1/agent/handoffs', tok(ann))).body.handoffs.find((x: any) => x.conversationId === c2.id);
    expect((await rt.post(`${hid(rt, h2.id)}/accept`, {}, tok(bob))).status).toBe(200);
    expect((await rt.post(`${hid(rt, h2.id)}/transfer`, { team: 'sales' }, tok(bob))).status).toBe(200);
    const hidden = await rt.post(`/api/v1/agent/conversations/${c2.id}/takeover`, {}, tok(ann));
    expect(hidden.status).toBe(404);
    expect(hidden.body.error).toBe('conversation_not_found');
    expect(JSON.stringify(hidden.body)).not.toContain(h2.id);
    // The admin can see it: still the 409 with the reason.
    const visibleTake = await rt.post(`/api/v1/agent/conversations/${c2.id}/takeover`, {}, tok(boss));
    expect(visibleTake.status).toBe(409);
    expect(visibleTake.body.error).toBe('takeover_refused');

    // Authorization runs before the body is read: non-admin DELETE/PUT with an empty or broken JSON body -> 403, not 400.
    const raw = (method: string, path: string, headers: Record<string, string>, body?: string) => fetch(rt!.url + path, { method, headers, ...(body === undefined ? {} : { body }) });
    const del = await raw('DELETE', '/api/v1/agent/agents/ann', { 'content-type': 'application/json', ...tok(bob) });
    expect(del.status).toBe(403);
    expect(((await del.json()) as { error: string }).error).toBe('admin_only');
    expect((await raw('PUT', '/api/v1/agent/agents/zed', { 'content-type': 'application/json', ...tok(bob) }, '{broken')).status).toBe(403);
    // Without a token: 401 before the body too.
    expect((await raw('POST', `${hid(rt, h.id)}/messages`, { 'content-type': 'application/json' }, '{broken')).status).toBe(401);
    // The admin with an empty body still gets the clear 400, and the agent is still there.
    const adminEmpty = await raw('DELETE', '/api/v1/agent/agents/ann', { 'content-type': 'application/json', ...tok(boss) });
    expect(adminEmpty.status).toBe(400);
    expect((await rt.get('/api/v1/agent/me', tok(ann))).status).toBe(200);
  });

  it('nobody online: the takeover block leaves by no_agent at once', async () => {
    rt = await startAgentRuntime({ agents: [ann], settings: { offlineAfterSeconds: 60 } });
    // Session 36: not in the start-up grace (the first offlineAfterSeconds, while the inboxes may be reconnecting: the
    // engine is then not told who is online, test/server/newCustomerGraceS36).
    rt.clock.now += 61_000;
    const c = await rt.customerWantsPerson();
    expect(c.reply.mode).toBe('bot');
    expect(c.reply.messages.some((m: any) => m.text === 'Nobody is free right now; we will email you.')).toBe(true);
  });

  it('admin edits agents (persisted to the file); others may not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-agents-'));
    const file = join(dir, 'agents.json');
    writeFileSync(file, JSON.stringify([boss, ann]));
    try {
      const loaded = await loadAgentsFile(file);
      rt = await startAgentRuntime({ agents: loaded.agents, file });
      const body = { name: 'Cy', email: 'cy@example.com', teams: ['support'], skills: ['billing'], languages: ['fr'], maxChats: 2, admin: false, password: 'a-long-password' };
      expect((await rt.patch('/api/v1/agent/agents/cy', body, tok(ann))).status).toBe(404); // PATCH is not a route
      const forbidden = await fetch(rt.url + '/api/v1/agent/agents/cy', { method: 'PUT', headers: { 'content-type': 'application/json', ...tok(ann) }, body: JSON.stringify(body) });
      expect(forbidden.status).toBe(403);
      const put = await fetch(rt.url + '/api/v1/agent/agents/cy', { method: 'PUT', headers: { 'content-type': 'application/json', ...tok(boss) }, body: JSON.stringify(body) });
      expect(put.status).toBe(200);
      const saved = JSON.parse(readFileSync(file, 'utf8'));
      const cy = saved.agents.find((a: any) => a.id === 'cy');
      expect(cy).toMatchObject({ name: 'Cy', skills: ['billing'] });
      expect(cy.password).toBeUndefined();
      expect(cy.passwordHash).toMatch(/^scrypt\$/);
      expect(parseAgentsFile(saved).agents.map((a) => a.id)).toEqual(['boss', 'ann', 'cy']);
      const s = await rt.post('/api/v1/agent/session', { login: 'cy', password: 'a-long-password' });
      expect(s.status).toBe(200);
      // An edit without a token or password keeps both (the API never returns them, so the screen cannot echo them).
      const { password: _pw, ...noSecrets } = body;
      const withToken = await fetch(rt.url + '/api/v1/agent/agents/ann', { method: 'PUT', headers: { 'content-type': 'application/json', ...tok(boss) }, body: JSON.stringify({ ...noSecrets, email: 'ann@example.com', name: 'Ann Renamed' }) });
      expect(withToken.status).toBe(200);
      expect((await rt.get('/api/v1/agent/me', tok(ann))).body.agent.name).toBe('Ann Renamed');
      expect((await rt.post('/api/v1/agent/session', { login: 'ann', password: PASSWORD })).status).toBe(200);
      const del = await fetch(rt.url + '/api/v1/agent/agents/cy', { method: 'DELETE', headers: tok(boss) });
      expect(del.status).toBe(204);
      expect((await rt.get('/api/v1/agent/me', auth(s.body.token))).status).toBe(401);
    } finally {
      await rt?.stop();
      rt = null;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an invalid agents file is refused with the path of the problem', () => {
    expect(() => parseAgentsFile([{ id: 'x', name: 'X', email: 'not-an-email', token: 't'.repeat(20) }])).toThrow(/0\.email/);
    expect(() => parseAgentsFile({ agents: [agent('a'), agent('a', { email: 'b@example.com' })] })).toThrow(/agents\.1\.id: "a" is used twice/);
    expect(() => parseAgentsFile([{ ...agent('a'), token: undefined, passwordHash: undefined }])).toThrow(/give a "token" or a "passwordHash"/);
    expect(() => parseAgentsFile({ agents: [], settings: { offlineAfterSeconds: -1 } })).toThrow(AgentsFileError);
    expect(() => parseAgentsFile([{ ...agent('a'), extra: 1 }])).toThrow(/extra|Unrecognized/);
  });

  it('agents with no languages take chats of a block that asks for one; startup warnings name real mismatches', async () => {
    const plain = agent('pat', { languages: [] });
    rt = await startAgentRuntime({ agents: [plain], flow: flowWithTakeover({ language: 'en' }) });
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(plain));
    const c = await rt.customerWantsPerson();
    expect(c.reply.mode).toBe('waiting'); // was: "Nobody is free right now" although Pat was online
    expect((await rt.get('/api/v1/agent/handoffs', tok(plain))).body.counts.unassigned).toBe(1);

    const fr = agent('fra', { languages: ['fr'] });
    const en = flowWithTakeover({ language: 'en', skill: 'billing', teams: ['support'] });
    const warn = agentCoverageWarnings([fr], [en]);
    expect(warn).toHaveLength(2);
    expect(warn[0]).toContain('asks for language "en" but none of its agents speaks it: fra (fr)');
    expect(warn[1]).toContain('asks for skill "billing"');
    expect(agentCoverageWarnings([fr, plain], [flowWithTakeover({ language: 'en' })])).toEqual([]);
    expect(agentCoverageWarnings([fr], [flowWithTakeover({ teams: ['sales'] })])[0]).toContain('no agent in the agents file is allowed');
    expect(agentCoverageWarnings([fr], [shopFlow()])).toEqual([]);
  });

  it('canned replies: shared by all agents, edited by an admin only, validated, saved to the agents file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-canned-'));
    const file = join(dir, 'agents.json');
    writeFileSync(file, JSON.stringify([boss, ann]));
    try {
      rt = await startAgentRuntime({ agents: (await loadAgentsFile(file)).agents, file });
      const first = await rt.get('/api/v1/agent/canned-replies', tok(ann));
      expect(first.status).toBe(200);
      expect(first.body.replies).toEqual(DEFAULT_CANNED_REPLIES);
      expect((await rt.get('/api/v1/agent/canned-replies')).status).toBe(401);
      const put = async (who: typeof ann, body: unknown) => {
        const res = await fetch(rt!.url + '/api/v1/agent/canned-replies', { method: 'PUT', headers: { 'content-type': 'application/json', ...tok(who) }, body: JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as any };
      };
      const replies = [{ shortcut: 'refund', text: 'Your refund is on its way: 3 to 5 working days.' }];
      expect((await put(ann, { replies })).status).toBe(403);
      const bad = await put(boss, { replies: [{ shortcut: 'two words', text: 'x' }] });
      expect(bad.status).toBe(400);
      expect(bad.body.field).toContain('shortcut');
      const dup = await put(boss, { replies: [...replies, { shortcut: 'REFUND', text: 'again' }] });
      expect(dup.status).toBe(400);
      expect(dup.body).toMatchObject({ error: 'duplicate_shortcut', field: 'body.replies.1.shortcut' });
      const ok = await put(boss, { replies });
      expect(ok.status).toBe(200);
      expect((await rt.get('/api/v1/agent/canned-replies', tok(ann))).body.replies).toEqual(replies);
      const saved = JSON.parse(readFileSync(file, 'utf8'));
      expect(saved.cannedReplies).toEqual(replies);
      // The file still loads, and a restart reads the list back.
      const again = await loadAgentsFile(file);
      expect(again.cannedReplies).toEqual(replies);
      await rt.stop();
      rt = await startAgentRuntime({ agents: again.agents, file, cannedReplies: again.cannedReplies });
      expect((await rt.get('/api/v1/agent/canned-replies', tok(ann))).body.replies).toEqual(replies);
    } finally {
      await rt?.stop();
      rt = null;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // The customer sees the holding agent typing by push: test/server/agentTypingPush.test.ts.

  it('an admin can move a chat another agent holds (agent gone, chat stuck); others cannot; wording of a lost accept race', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob, boss] });
    for (const a of [ann, bob, boss]) await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(a));
    const c = await rt.customerWantsPerson();
    const h = (await rt.get('/api/v1/agent/handoffs', tok(ann))).body.handoffs[0];
    expect(h.customer).toMatch(/^Visitor [A-Za-z0-9]{1,6}$/);
    expect((await rt.post(`${hid(rt, h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    const lost = await rt.post(`${hid(rt, h.id)}/accept`, {}, tok(bob));
    expect(lost.body.message).toBe('Ann took this chat first.');
    await rt.post(`${hid(rt, h.id)}/messages`, { text: 'One moment please' }, tok(ann));
    // Bob (not admin, not holder) cannot move it.
    const notAdmin = await rt.post(`${hid(rt, h.id)}/transfer`, { agentId: 'bob' }, tok(bob));
    expect(notAdmin.status).toBe(409);
    expect(notAdmin.body.error).toBe('not_your_handoff');
    // The admin can: to himself ...
    const mine = await rt.post(`${hid(rt, h.id)}/transfer`, { agentId: 'boss' }, tok(boss));
    expect(mine.status).toBe(200);
    expect(mine.body.handoff).toMatchObject({ status: 'assigned', agentId: 'boss' });
    expect(mine.body.handoff.agentName).toBe('Boss');
    // ... and on to Bob; moving it to its current holder is refused clearly.
    expect((await rt.post(`${hid(rt, h.id)}/transfer`, { agentId: 'bob' }, tok(boss))).body.handoff).toMatchObject({ agentId: 'bob' });
    const same = await rt.post(`${hid(rt, h.id)}/transfer`, { agentId: 'bob' }, tok(boss));
    expect(same.status).toBe(400);
    expect(same.body.message).toContain('Bob already holds this chat');
    const log = (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages;
    expect(log.filter((m: any) => m.from === 'agent').map((m: any) => m.text)).toEqual(['One moment please']);
  });

  it('sign-in sessions survive a restart (hashes kept next to the agents file); sign-out and removal end them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-sessions-'));
    const file = join(dir, 'agents.json');
    writeFileSync(file, JSON.stringify([boss, ann, bob]));
    try {
      rt = await startAgentRuntime({ agents: (await loadAgentsFile(file)).agents, file });
      const sa = (await rt.post('/api/v1/agent/session', { login: 'ann', password: PASSWORD })).body.token as string;
      const sb = (await rt.post('/api/v1/agent/session', { login: 'bob', password: PASSWORD })).body.token as string;
      expect((await fetch(rt.url + '/api/v1/agent/session', { method: 'DELETE', headers: auth(sb) })).status).toBe(204);
      await rt.stop();
      const stored = readFileSync(`${file}.sessions.json`, 'utf8');
      expect(stored).not.toContain(sa); // only hashes
      rt = await startAgentRuntime({ agents: (await loadAgentsFile(file)).agents, file });
      expect((await rt.get('/api/v1/agent/me', auth(sa))).status).toBe(200);
      expect((await rt.get('/api/v1/agent/me', auth(sb))).status).toBe(401); // signed out before the restart
      // Removing the agent ends its sessions, also after the next restart.
      expect((await fetch(rt.url + '/api/v1/agent/agents/ann', { method: 'DELETE', headers: tok(boss) })).status).toBe(204);
      await rt.stop();
      writeFileSync(`${file}.sessions.json`, '{ damaged');
      rt = await startAgentRuntime({ agents: (await loadAgentsFile(file)).agents, file });
      expect((await rt.get('/api/v1/agent/me', auth(sa))).status).toBe(401);
      expect((await rt.get('/api/v1/agent/me', tok(boss))).status).toBe(200); // a damaged sessions file is ignored
    } finally {
      await rt?.stop();
      rt = null;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sign-in: after 10 wrong passwords a login is refused for 15 minutes (429), other logins are not; customer typing is throttled', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob] });
    for (let i = 0; i < 10; i++) expect((await rt.post('/api/v1/agent/session', { login: 'ann', password: `wrong-${i}` })).status).toBe(401);
    const locked = await rt.post('/api/v1/agent/session', { login: 'ANN', password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.error).toBe('too_many_attempts');
    expect((await rt.post('/api/v1/agent/session', { login: 'bob', password: PASSWORD })).status).toBe(200);
    rt.clock.now += 16 * 60_000;
    expect((await rt.post('/api/v1/agent/session', { login: 'ann', password: PASSWORD })).status).toBe(200);
    // Typing: the first one goes out, the next within 1 s is dropped.
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
    const c = await rt.customerWantsPerson();
    await rt.tick();
    expect((await rt.post(`/api/v1/conversations/${c.id}/typing`, {}, auth(c.token))).body).toEqual({ ok: true });
    expect((await rt.post(`/api/v1/conversations/${c.id}/typing`, {}, auth(c.token))).body).toEqual({ ok: true, throttled: true });
    rt.clock.now += 1100;
    expect((await rt.post(`/api/v1/conversations/${c.id}/typing`, {}, auth(c.token))).body.throttled).toBeUndefined();
  });
});
