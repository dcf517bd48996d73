/**
 * Session 20 (fixrt2): what the runtime lets through that a person reads as nothing, or as a forged line.
 * - hostile s19 #14: a customer message of only Hangul fillers, braille blanks, variation selectors, tag characters,
 *   C1 controls or combining marks with no letter passed the "nothing visible" door (stored as empty bubbles, "\u3164"
 *   kept as the customer's name). Now 400 body.text, nothing stored.
 * - hostile s19 #24: the Rasa channel took any invisible-only text as a turn (the fallback, counted toward handover)
 *   and "\u200b" as a sender. Now no turn, nothing stored; an invisible sender is a 400 on body.sender.
 * - hostile s19 #17 (first half): an agent's message with nothing visible reached the customer as an empty bubble
 *   (inbox route and the integrations route). Now 400 body.text.
 * - hostile s19 #15, #22: agent ids / names with line breaks, bidi controls or nothing visible were accepted by the
 *   integrations route and the agents admin ("Ann\nSystem: your order is cancelled from ... has joined the chat").
 *   Now 400 naming the field; an agents file that holds one is named in a warning at start. Real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, auth, rasaConfig, rasaPost, startTestRuntime, type TestRuntime } from './runtimeFixtures';
import { agent, flowWithTakeover, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';
import { AgentDirectory, agentNameWarnings, loadAgentsFile } from '../../runtime/agents/agentDirectory';
import { nameProblem, nothingVisible } from '../../runtime/visibleText';

const started: TestRuntime[] = [];
afterEach(async () => {
  for (const r of started.splice(0)) await r.stop();
  await stopAgentRuntimes();
});

/** Texts hostile s19 #14 sent: each shows nothing. */
const INVISIBLE = ['\u3164', '\u115f\u1160', '\u2800', '\ufe0f\ufe0e', '\udb40\udc20\udb40\udc7f', '\u061c\u180e', '\u0301\u0301', '\ufff9\ufffa\ufffb', '\u17b4\u17b5', '\u0085\u0085', '\u0080\u009f', '\ud800', ' \u3164\u200b '];

describe('nothingVisible / nameProblem', () => {
  it('invisible-only texts show nothing; ordinary short texts do', () => {
    for (const t of INVISIBLE) expect(nothingVisible(t), JSON.stringify(t)).toBe(true);
    for (const t of ['é', 'e\u0301', '👍', '👍🏽', '👨‍👩‍👧', 'ㅋ', '…', '.', '1', 'نعم', '\u0645\u0650']) expect(nothingVisible(t), JSON.stringify(t)).toBe(false);
  });
  it('a name with a line break, a bidi control, a control character or nothing visible has a problem; ordinary names none', () => {
    expect(nameProblem('Ann\nSystem: your order is cancelled')).toMatch(/line break \(U\+000A\)/);
    expect(nameProblem('Ann\u2028System')).toMatch(/line break/);
    expect(nameProblem('\u202eann')).toMatch(/bidirectional control character \(U\+202E\)/);
    expect(nameProblem('Ann\u0007')).toMatch(/control character \(U\+0007\)/);
    for (const n of ['', '   ', '\u200b', '\u3164', '\u0000']) expect(nameProblem(n), JSON.stringify(n)).toMatch(/nothing visible/);
    for (const n of ['Ann', 'Zoë Müller', 'José', 'محمد', 'می‌خواهم', '李雷', 'Ann 👩‍💻', 'O\'Brien-Smith']) expect(nameProblem(n), n).toBeNull();
  });
});

describe('customer doors', () => {
  it('customer route: invisible-only messages are 400 body.text and not stored', async () => {
    const rt = await startTestRuntime();
    started.push(rt);
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    const send = (text: string) => rt.post(`/api/v1/conversations/${c.conversationId}/messages`, { text }, auth(c.token));
    const before = (await rt.get(`/api/v1/conversations/${c.conversationId}`, auth(c.token))).body.messages.length;
    for (const text of INVISIBLE) {
      const r = await send(text);
      expect(r.status, JSON.stringify(text)).toBe(400);
      expect(r.body.field).toBe('body.text');
      expect(r.body.message).toMatch(/nothing visible/);
    }
    expect((await rt.get(`/api/v1/conversations/${c.conversationId}`, auth(c.token))).body.messages.length).toBe(before);
    expect((await send('e\u0301')).status).toBe(200); // an accented letter written with a combining mark is text
  });

  it('Rasa channel: an invisible-only message is no turn (nothing stored, no fallback); an invisible sender is 400', async () => {
    const rt = await startTestRuntime({ config: rasaConfig });
    started.push(rt);
    const hook = (sender: string, message: string) => rasaPost(rt, sender, message);
    expect((await hook('hx1', 'hi')).status).toBe(200);
    for (const message of ['\u200b\u200b', '\ud800', '\u3164', '\u0301']) {
      const r = await hook('hx1', message);
      expect(r.status, JSON.stringify(message)).toBe(200);
      expect(JSON.stringify(r.body), JSON.stringify(message)).not.toMatch(/didn't get that|offline|person/i);
      expect(r.body).toEqual([]);
    }
    // The next real message is the customer's first miss at most: the invisible ones did not count.
    const real = await hook('hx1', 'asdkjh qwpoe');
    expect(real.status).toBe(200);
    expect(JSON.stringify(real.body)).not.toMatch(/offline|Our team/i);
    const bad = await hook('\u200b', 'hello');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('body.sender');
  });
});

describe('agent doors', () => {
  it('integrations route: agentId / agentName with a line break, bidi control or nothing visible are 400 naming the field; an invisible message too', async () => {
    const rt = await startTestRuntime();
    started.push(rt);
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    expect((await rt.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'person' }, auth(c.token))).body.mode).toBe('waiting');
    const h = (await rt.get('/api/v1/admin/handoffs?status=pending', auth(ADMIN))).body.handoffs.find((x: any) => x.conversationId === c.conversationId);
    const ev = (body: unknown) => rt.post(`/api/v1/admin/handoffs/${encodeURIComponent(h.id)}/events`, body, auth(ADMIN));
    for (const agentId of ['\u0000', '   ', '\u200b', 'a\nb', '\u202eann']) {
      const r = await ev({ type: 'accepted', agentId });
      expect(r.status, JSON.stringify(agentId)).toBe(400);
      expect(r.body.field).toBe('body.agentId');
    }
    for (const agentName of ['', '\u202eEvil', '\u200b', 'Ann\nSystem: your order is cancelled']) {
      const r = await ev({ type: 'accepted', agentId: 'ext-1', agentName });
      expect(r.status, JSON.stringify(agentName)).toBe(400);
      expect(r.body.field).toBe('body.agentName');
      expect(r.body.message).toMatch(/shown to the customer/);
    }
    // Nothing was applied: the handoff is still pending, and the customer read no join line.
    const msgs = (await rt.get(`/api/v1/conversations/${c.conversationId}`, auth(c.token))).body.messages;
    expect(JSON.stringify(msgs)).not.toMatch(/has joined/);
    expect((await ev({ type: 'accepted', agentId: 'ext-1', agentName: 'Ann' })).status).toBe(200);
    for (const text of ['\u3164', '\u200b', '\u202e\u0000']) {
      const r = await ev({ type: 'message', agentId: 'ext-1', text });
      expect(r.status, JSON.stringify(text)).toBe(400);
      expect(r.body.field).toBe('body.text');
    }
    expect((await ev({ type: 'message', agentId: 'ext-1', text: 'Hello!' })).status).toBe(200);
  });

  it('inbox: an invisible-only message or note is 400; the agents admin refuses a forged / invisible name', async () => {
    const ann = agent('ann');
    const boss = agent('boss', { admin: true });
    const rt = await startAgentRuntime({ agents: [ann, boss], flow: flowWithTakeover({ teams: ['support'] }) });
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
    const c = await rt.customerWantsPerson();
    const h = (await rt.get('/api/v1/agent/handoffs?view=unassigned', tok(ann))).body.handoffs[0];
    const hp = `/api/v1/agent/handoffs/${encodeURIComponent(h.id)}`;
    expect((await rt.post(`${hp}/accept`, {}, tok(ann))).status).toBe(200);
    const before = (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages.length;
    for (const text of ['\u3164', '\u200b', '\u202e\u0000', '\u2800']) {
      for (const priv of [false, true]) {
        const r = await rt.post(`${hp}/messages`, { text, private: priv }, tok(ann));
        expect(r.status, JSON.stringify(text)).toBe(400);
        expect(r.body.message).toMatch(/nothing visible/);
      }
    }
    expect((await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages.length).toBe(before);
    expect((await rt.post(`${hp}/messages`, { text: 'Hi, Ann here' }, tok(ann))).status).toBe(200);

    const put = (name: string) =>
      fetch(rt.url + '/api/v1/agent/agents/dan', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...tok(boss) },
        body: JSON.stringify({ name, email: 'dan@example.com', teams: ['support'], skills: [], languages: ['en'], maxChats: 2, admin: false, password: 'a-long-password' }),
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    for (const name of ['Dan\nSystem: refund approved', '\u202eDan', '\u200b', '   ', 'Dan\r']) {
      const r = await put(name);
      expect(r.status, JSON.stringify(name)).toBe(400);
      expect(JSON.stringify(r.body), JSON.stringify(name)).toMatch(/name/);
      expect(JSON.stringify(r.body)).toMatch(/shown to customers/);
    }
    expect((await rt.get('/api/v1/agent/agents', tok(boss))).body.agents.map((a: any) => a.id)).not.toContain('dan');
    expect((await put('Dan Ødegård')).status).toBe(200);
  });

  it('an agents file that already holds such a name loads, and a warning names the agent and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fixrt2-names-'));
    try {
      const file = join(dir, 'agents.json');
      writeFileSync(file, JSON.stringify([agent('ann', { name: 'Ann\nSystem: your order is cancelled' }), agent('bob'), agent('cy', { name: '\u202eCy' })]));
      const loaded = await loadAgentsFile(file);
      const w = agentNameWarnings(loaded.agents);
      expect(w).toHaveLength(2);
      expect(w[0]).toMatch(/^agents\.0\.name \(ann\) holds a line break/);
      expect(w[1]).toMatch(/^agents\.2\.name \(cy\) holds a bidirectional control/);
      // A hand edit while the server runs that gives bob such a name is said too (only the agents it changed).
      const directory = new AgentDirectory(loaded.agents, loaded.settings, { file, now: () => Date.now() });
      directory.takeFileReports();
      writeFileSync(file, JSON.stringify([agent('ann', { name: 'Ann\nSystem: your order is cancelled' }), agent('bob', { name: 'Bob\u2028Refund approved' }), agent('cy', { name: '\u202eCy' })]));
      await directory.syncWithFile('read');
      const warned = directory.takeFileReports().filter((r) => r.level === 'warn');
      expect(warned.map((r) => r.msg)).toEqual([expect.stringMatching(/^agents file edited on disk: agents\.1\.name \(bob\) holds a line break \(U\+2028\)/)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
