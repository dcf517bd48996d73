/**
 * fixinbox, session 13: session 12's leftovers on the server side, over real HTTP on 127.0.0.1.
 * - newcomer s12 #15 rest: GET /canned-replies tells an admin the agents file is broken (the Canned replies screen
 *   shows it when it opens, as the Agents screen does); an agent who is not an admin is not told the file's path;
 * - a hand back whose conversation has ended since says so on its Closed row (conversationEnded; the inbox reads
 *   "Ended after hand back" instead of "Back with the bot");
 * - newcomer s9 #12: /metrics has handoffs per reason (and status) and CSAT (ratings per score, average overall and
 *   per agent who last held the rated chat);
 * - newcomer s9 #14: transcript exports carry why the chat was handed over, the agents' private notes and the rated
 *   agent (json fields, csv rows after the messages, text lines);
 * - newcomer s9 #29: GET /api/v1/agent/search finds chats by customer email, ticket number, id or words said, open and
 *   closed, only among those the agent can see;
 * - newcomer s13 #12, hostile s13 #12: an agent who is not an admin sees the ratings of their own chats only, everywhere
 *   (GET /csat scores and average, the Closed list, a chat's detail); an admin sees all;
 * - newcomer s12 #15 rest: an agent whose inbox tab closed without signing out stops reading "Online" on the agents
 *   list within seconds (was: until the inactivity timeout, 2 minutes by default); a reload does not flicker.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { ADMIN, auth, shopFlow } from './runtimeFixtures';
import { agent, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';
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

describe('/metrics: handoffs per reason and CSAT (newcomer s9 #12)', () => {
  it('counts stored handoffs by reason and status, ratings by score, and the average per agent', async () => {
    // The shop flow with the takeover's resolved exit going to the Rating block (as agentResolveRating does).
    const f = shopFlow();
    const rated: Flow = { ...f, edges: f.edges.map((e) => (e.id === 'e14' ? { ...e, to: 'rating' } : e)) };
    // Per-agent averages only on a /metrics that needs its token (hostile s14 H#11: test/server/fixrtS14.test.ts).
    const metricsToken = 'metrics-token-0123456789';
    const rt = await startAgentRuntime({ agents: [ada], flow: rated, config: { metricsToken } });
    await online(rt, ada);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const h = await handoffOf(rt, c.id, ada);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ada))).status).toBe(200);
    // Session 46 (studio10, newcomer s45 N10): the rating is asked only after the agent wrote.
    expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hello, I can help with that.' }, tok(ada))).status).toBe(200);
    expect((await rt.post(`${hid(h.id)}/resolve`, {}, tok(ada))).status).toBe(200);
    expect((await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: '4' }, auth(c.token))).status).toBe(200);
    // A second customer asks for a person in words and waits.
    const d = await rt.post('/api/v1/flows/shop/conversations', {});
    await rt.post(`/api/v1/conversations/${d.body.conversationId}/messages`, { text: 'I want to talk to a human' }, auth(d.body.token));
    const waiting = await handoffOf(rt, d.body.conversationId, ada);

    const text = String((await rt.get('/metrics', { authorization: `Bearer ${metricsToken}` })).body);
    expect(text).toContain(`baton_handoffs_by_reason{reason="${h.reason}",status="resolved"} 1`);
    expect(text).toContain(`baton_handoffs_by_reason{reason="${waiting.reason}",status="pending"} 1`);
    expect(waiting.reason).toBe('explicit_request');
    expect(text).toContain('baton_csat_ratings{score="4"} 1');
    expect(text).toContain('baton_csat_average{agent="*"} 4');
    expect(text).toContain('baton_csat_average{agent="ada"} 4');
  });
});

describe('transcript exports carry the reason, the notes and the rated agent (newcomer s9 #14)', () => {
  it('json, csv and text, from the admin export and the agent download', async () => {
    const f = shopFlow();
    const rated: Flow = { ...f, edges: f.edges.map((e) => (e.id === 'e14' ? { ...e, to: 'rating' } : e)) };
    const rt = await startAgentRuntime({ agents: [ada], flow: rated });
    await online(rt, ada);
    const c = await rt.post('/api/v1/flows/shop/conversations', {});
    const cid = c.body.conversationId;
    await rt.post(`/api/v1/conversations/${cid}/messages`, { text: 'I want to talk to a human' }, auth(c.body.token));
    await rt.tick();
    const h = await handoffOf(rt, cid, ada);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ada))).status).toBe(200);
    expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Refund promised,\nsee ticket 88', private: true }, tok(ada))).status).toBe(200);
    // Session 46 (studio10, newcomer s45 N10): the rating is asked only after the agent wrote.
    expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hello, I can help with that.' }, tok(ada))).status).toBe(200);
    expect((await rt.post(`${hid(h.id)}/resolve`, {}, tok(ada))).status).toBe(200);
    expect((await rt.post(`/api/v1/conversations/${cid}/messages`, { text: '4' }, auth(c.body.token))).status).toBe(200);

    const admin = async (q: string) => (await fetch(`${rt.url}/api/v1/admin/conversations/${cid}/transcript${q}`, { headers: auth(ADMIN) })).text();
    const json = JSON.parse(await admin(''));
    expect(json.handoffs).toEqual([expect.objectContaining({ id: h.id, reason: 'explicit_request', status: 'resolved', agentId: 'ada', agentName: 'Ada', endedAs: 'closed' })]);
    expect(json.ratings).toEqual([expect.objectContaining({ score: 4, agentId: 'ada', agentName: 'Ada' })]);
    expect(json.notes).toEqual([expect.objectContaining({ agentName: 'Ada', text: 'Refund promised,\nsee ticket 88' })]);
    expect(json.messages.length).toBeGreaterThan(3);

    const csv = (await admin('?format=csv')).split('\r\n');
    expect(csv[0]).toBe('conversation_id,flow_id,mode,seq,at,from,name,text,buttons,status');
    expect(csv.find((l) => l.includes(',handoff,'))).toMatch(/,handoff,Ada,asked for a person \(explicit_request\); resolved; agent Ada|,handoff,Ada,"asked for a person \(explicit_request\); resolved, agent Ada"/);
    expect(csv.find((l) => l.includes(',rating,'))).toMatch(/,rating,Ada,4,,rating$/);
    expect(csv.join('\n')).toMatch(/,note,Ada,"Refund promised,\nsee ticket 88",,private note/);

    // The agent's download (inbox "Download transcript"), as text.
    const text = await (await fetch(`${rt.url}${hid(h.id)}/transcript?format=text`, { headers: tok(ada) })).text();
    expect(text).toMatch(/\n  Handed over \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC: asked for a person \(explicit_request\); resolved, agent Ada\n/);
    expect(text).toContain('\n  Rated 4, agent Ada\n');
    expect(text).toMatch(/ {2}Private notes \(agents only\):\n {4}\[[^\]]+\] Ada: Refund promised,\n {8}see ticket 88\n/);
  });
});

describe('inbox search (newcomer s9 #29)', () => {
  it('finds a chat by email, ticket number, words said and id; another team\'s agent finds nothing', async () => {
    const sal = agent('sal', { teams: ['sales'] });
    const rt = await startAgentRuntime({ agents: [ada, sal], flow: flowWithTakeover({ teams: ['support'] }) });
    await online(rt, ada);
    // Kim reports a problem (a ticket; her email asked), then asks for a person.
    const k = await rt.post('/api/v1/flows/shop/conversations', {});
    const kid = k.body.conversationId;
    const say = async (body: unknown) => (await rt.post(`/api/v1/conversations/${kid}/messages`, body, auth(k.body.token))).body;
    await say({ choice: 'problem' });
    await say({ text: 'kim.lee@example.com' });
    const opened = await say({ text: 'The blender NW-55821 arrived cracked' });
    const ticketId = /Ticket (T-[A-Z0-9-]+) is open/.exec(opened.messages.map((m: any) => m.text).join(' '))?.[1];
    expect(ticketId).toBeTruthy();
    await say({ choice: 'person' });
    // Someone else asks for a person too.
    const other = await rt.customerWantsPerson();
    await rt.tick();
    const kh = await handoffOf(rt, kid, ada);
    expect((await rt.post(`${hid(kh.id)}/accept`, {}, tok(ada))).status).toBe(200);
    // Session 46 (studio10, newcomer s45 N10): the rating is asked only after the agent wrote.
    expect((await rt.post(`${hid(kh.id)}/messages`, { text: 'Hello, I can help with that.' }, tok(ada))).status).toBe(200);
    expect((await rt.post(`${hid(kh.id)}/resolve`, {}, tok(ada))).status).toBe(200);

    const search = async (q: string, who = ada) => rt.get(`/api/v1/agent/search?q=${encodeURIComponent(q)}`, tok(who));
    const byEmail = (await search('KIM.LEE@')).body.handoffs;
    expect(byEmail.map((r: any) => [r.conversationId, r.status, r.match.in])).toEqual([[kid, 'resolved', 'customer']]);
    expect(byEmail[0].customer).toBe('kim.lee@example.com');
    const byTicket = (await search(ticketId!)).body.handoffs;
    expect(byTicket.map((r: any) => [r.conversationId, r.match])).toEqual([[kid, { in: 'ticket', text: ticketId }]]);
    const bySaid = (await search('blender cracked')).body.handoffs;
    expect(bySaid.map((r: any) => r.conversationId)).toEqual([kid]);
    expect(bySaid[0].match).toEqual({ in: 'transcript', text: 'Customer: The blender NW-55821 arrived cracked' });
    const byId = (await search(other.id.slice(0, 8))).body.handoffs;
    expect(byId.map((r: any) => [r.conversationId, r.status, r.match.in])).toEqual([[other.id, 'pending', 'id']]);
    expect((await search('nothing like this')).body.handoffs).toEqual([]);
    // Sal (sales team) cannot see support chats: nothing found.
    expect((await search('blender', sal)).body.handoffs).toEqual([]);
    const short = await search('k');
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body)).toContain('at least 2 characters');
  });
});

describe('ratings: one rule for agents who are not admins (newcomer s13 #12, hostile s13 #12)', () => {
  it('Cat sees her own rating only: /csat scores and average, Closed list, detail; Ada (admin) sees both', async () => {
    const cat = agent('cat', { name: 'Cat' });
    const f = shopFlow();
    const rated: Flow = { ...f, edges: f.edges.map((e) => (e.id === 'e14' ? { ...e, to: 'rating' } : e)) };
    const rt = await startAgentRuntime({ agents: [ada, cat], flow: rated });
    await online(rt, ada, cat);
    const chatWith = async (who: typeof ada, score: string) => {
      const c = await rt.customerWantsPerson();
      await rt.tick();
      const h = await handoffOf(rt, c.id, ada);
      expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(who))).status).toBe(200);
      // Session 46 (studio10, newcomer s45 N10): the rating is asked only after the agent wrote.
      expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hello, I can help with that.' }, tok(who))).status).toBe(200);
      expect((await rt.post(`${hid(h.id)}/resolve`, {}, tok(who))).status).toBe(200);
      expect((await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: score }, auth(c.token))).status).toBe(200);
      return h.id as string;
    };
    const adasChat = await chatWith(ada, '5');
    const catsChat = await chatWith(cat, '2');

    const catCsat = (await rt.get('/api/v1/agent/csat', tok(cat))).body;
    expect(catCsat.scores.map((x: any) => [x.score, x.agentId])).toEqual([[2, 'cat']]);
    expect(catCsat.total).toBe(1);
    expect(catCsat.average).toBe(2);
    const catClosed = (await rt.get('/api/v1/agent/handoffs?view=closed', tok(cat))).body.handoffs as any[];
    expect(catClosed.find((r) => r.id === adasChat).rating).toBeNull();
    expect(catClosed.find((r) => r.id === catsChat).rating).toMatchObject({ score: 2 });
    expect((await rt.get(hid(adasChat), tok(cat))).body.handoff.rating).toBeNull();

    const adaCsat = (await rt.get('/api/v1/agent/csat', tok(ada))).body;
    expect(adaCsat.scores.map((x: any) => x.score).sort()).toEqual([2, 5]);
    expect(adaCsat.average).toBe(3.5);
    const adaClosed = (await rt.get('/api/v1/agent/handoffs?view=closed', tok(ada))).body.handoffs as any[];
    expect(adaClosed.find((r) => r.id === catsChat).rating).toMatchObject({ score: 2 });
  });
});
