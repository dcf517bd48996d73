/**
 * fixinbox, session 13: session 12's leftovers on the server side, over real HTTP on 127.0.0.1.
 * - newcomer s12 #15 rest: GET /canned-replies tells an admin the agents file is broken (the Canned replies screen
 *   shows it when it opens, as the Agents screen does); an agent who is not an admin is not told the file's path;
 * - a hand back whose conversation has ended since says so on its Closed row (conversationEnded; the inbox reads
 *   "Ended after hand back" instead of "Back with the bot");
 * - newcomer s12 #15 rest: an agent whose inbox tab closed without signing out stops reading "Online" on the agents
 *   list within seconds (was: until the inactivity timeout, 2 minutes by default); a reload does not flicker.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';
import { openStream } from './agentSse';

const dirs: string[] = [];
afterEach(async () => {
  await stopAgentRuntimes();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const ada = agent('ada', { name: 'Ada', admin: true });
const eve = agent('eve');

const until = async (ok: () => Promise<boolean> | boolean) => {
  for (let i = 0; i < 100 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 20));
};

const row = async (rt: AgentRuntime, id: string) => ((await rt.get('/api/v1/agent/agents', tok(ada))).body.agents as any[]).find((a) => a.id === id);

describe('the Canned replies screen learns that the agents file is broken (newcomer s12 #15)', () => {
  it('GET /canned-replies answers fileProblem to an admin while the file does not parse, and not once fixed', async () => {
    const d = mkdtempSync(join(tmpdir(), 'fixinbox-s13-'));
    dirs.push(d);
    const file = join(d, 'agents.json');
    const canned = [{ shortcut: 'hello', text: 'Hi there!' }];
    const good = JSON.stringify({ agents: [ada, eve], cannedReplies: canned }, null, 2);
    writeFileSync(file, good);
    const rt = await startAgentRuntime({ agents: [ada, eve], file, cannedReplies: canned });
    expect((await rt.get('/api/v1/agent/canned-replies', tok(ada))).body.fileProblem).toBeUndefined();

    writeFileSync(file, good.replace('"name": "Ada",', '"name": "Ada"'));
    const broken = await rt.get('/api/v1/agent/canned-replies', tok(ada));
    expect(broken.status).toBe(200);
    expect(broken.body.fileProblem).toMatch(/not valid JSON/);
    // The replies as they were are still served (agents keep using them).
    expect(broken.body.replies).toEqual(canned);
    // Not an admin: the list, without the file's path and problem.
    const asEve = await rt.get('/api/v1/agent/canned-replies', tok(eve));
    expect(asEve.body.replies).toEqual(canned);
    expect(asEve.body.fileProblem).toBeUndefined();

    writeFileSync(file, good);
    await until(async () => (await rt.get('/api/v1/agent/canned-replies', tok(ada))).body.fileProblem === undefined);
    expect((await rt.get('/api/v1/agent/canned-replies', tok(ada))).body.fileProblem).toBeUndefined();
  });
});

describe('an agent whose inbox tab closed stops reading "Online" (newcomer s12 #15)', () => {
  it('offline with inboxClosedAt 3 s after the last inbox closed; online again when an inbox opens', async () => {
    const rt = await startAgentRuntime({ agents: [ada, eve] });
    const stream = await openStream(`${rt.url}/api/v1/agent/events`, tok(eve));
    await online(rt, eve);
    expect(await row(rt, 'eve')).toMatchObject({ status: 'online' });
    expect((await row(rt, 'eve')).inboxClosedAt).toBeUndefined();

    const closedAt = rt.clock.now;
    stream.close();
    await until(() => !rt.agentHub!.connected('eve'));
    // A reload reopens the stream within a second or two: no flicker to offline meanwhile.
    rt.clock.now += 1000;
    expect(await row(rt, 'eve')).toMatchObject({ status: 'online' });

    // Three seconds, far inside the inactivity timeout (settings default 120 s): no longer "Online".
    rt.clock.now += 2500;
    const gone = await row(rt, 'eve');
    expect(gone.status).toBe('offline');
    expect(gone.inboxClosedAt).toBe(closedAt);
    // The hub still counts her presence as before (her chats stay hers during the grace).
    expect(rt.agentHub!.status('eve')).toBe('online');

    // Her inbox is back: Online again.
    const again = await openStream(`${rt.url}/api/v1/agent/events`, tok(eve));
    await until(() => rt.agentHub!.connected('eve'));
    const back = await row(rt, 'eve');
    expect(back.status).toBe('online');
    expect(back.inboxClosedAt).toBeUndefined();
    again.close();
  });
});

describe('a hand back whose conversation has ended (session 12 leftover)', () => {
  it('its Closed row carries conversationEnded: false while the bot talks, true once the conversation closed', async () => {
    const rt = await startAgentRuntime({ agents: [ada] });
    await online(rt, ada);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const h = await handoffOf(rt, c.id, ada);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ada))).status).toBe(200);
    expect((await rt.post(`${hid(h.id)}/handback`, {}, tok(ada))).status).toBe(200);
    const closedRow = async () => ((await rt.get('/api/v1/agent/handoffs?view=closed', tok(ada))).body.handoffs as any[]).find((r) => r.id === h.id);
    expect(await closedRow()).toMatchObject({ endedAs: 'handback', conversationEnded: false });

    // The customer rates with the bot; the flow ends the conversation after its thanks.
    expect((await rt.post(`/api/v1/conversations/${c.id}/messages`, { choice: 'rate' }, auth(c.token))).status).toBe(200);
    const last = await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: '5' }, auth(c.token));
    expect(last.status).toBe(200);
    expect((await rt.get(hid(h.id), tok(ada))).body.conversation.mode).toBe('closed');
    expect(await closedRow()).toMatchObject({ endedAs: 'handback', conversationEnded: true });
  });
});
