/**
 * Real HTTP:
 * - Hostile s17 H#5: an integration's agent (POST /api/v1/admin/handoffs/:handoffId/events, no agents file) wrote card
 *   numbers and passwords verbatim, in the message text and in agentName ("Card 4012 ... has joined the chat"): s16
 *   H#2's masking covered the inbox's hub only. Now both go through runtime/agents/agentWords.ts agentWordsMasked.
 * - Hostile s16 H#16 rest: NUL and lone surrogates a client sends in a customer's or an agent's text were stored and
 *   exported as sent. Now cleaned before anything stores them (shared/simulator/utf8.ts cleanTypedText: NUL and other
 *   control characters dropped, tab / line feed kept, a lone surrogate -> U+FFFD), never refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agent, hid, handoffOf, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';
import { ADMIN, auth, startTestRuntime, type TestRuntime } from './runtimeFixtures';

afterEach(stopAgentRuntimes);
const started: TestRuntime[] = [];
afterEach(async () => {
  for (const r of started.splice(0)) await r.stop();
});

const SECRETS = ['5555 5555 5555 4444', '5555555555554444', 'Zebra!Zebra99', '4012 8888 8888 1881'];
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** POSTs a raw JSON text (so escapes such as \u0000 and \ud800 reach the server as written). */
async function postRaw(url: string, json: string, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: json });
  return { status: res.status, body: (await res.json()) as any };
}

describe('hostile s17 H#5: the integrations route masks the agent\'s words', () => {
  it('message text and agentName: not in the customer view or the admin export', async () => {
    const rt = await startTestRuntime();
    started.push(rt);
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    expect((await rt.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'person' }, auth(c.token))).body.mode).toBe('waiting');
    const h = (await rt.get('/api/v1/admin/handoffs?status=pending', auth(ADMIN))).body.handoffs.find((x: any) => x.conversationId === c.conversationId);
    const ev = (body: unknown) => rt.post(`/api/v1/admin/handoffs/${encodeURIComponent(h.id)}/events`, body, auth(ADMIN));
    expect((await ev({ type: 'accepted', agentId: 'ext1', agentName: 'Card 4012 8888 8888 1881' })).status).toBe(200);
    expect((await ev({ type: 'message', agentId: 'ext1', text: 'I see card 5555 5555 5555 4444 on file; your new password is Zebra!Zebra99' })).status).toBe(200);
    const views = {
      customer: JSON.stringify((await rt.get(`/api/v1/conversations/${c.conversationId}`, auth(c.token))).body),
      adminExport: await (await fetch(`${rt.url}/api/v1/admin/conversations/${c.conversationId}/transcript`, { headers: auth(ADMIN) })).text(),
    };
    for (const [where, text] of Object.entries(views)) for (const secret of SECRETS) expect(text.includes(secret), `${where} holds ${secret}`).toBe(false);
    expect(views.adminExport).toMatch(/I see card \S*•+ ?4444 on file; your new password is \[hidden\]/);
    // An ordinary name and message are unchanged.
    expect((await ev({ type: 'message', agentId: 'ext1', agentName: 'Dana', text: 'Your order NW-104233 ships on 12 December.' })).status).toBe(200);
    expect(JSON.stringify((await rt.get(`/api/v1/conversations/${c.conversationId}`, auth(c.token))).body)).toContain('Your order NW-104233 ships on 12 December.');
  });
});

describe('hostile s16 H#16 rest: NUL and lone surrogates at the API', () => {
  it("a customer's message: cleaned before it is stored (not refused); the rest of the text kept", async () => {
    const rt = await startTestRuntime();
    started.push(rt);
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    const sent = await postRaw(`${rt.url}/api/v1/conversations/${c.conversationId}/messages`, '{"text":"where is \\ud800\\udfff\\udc00 my order\\u0000 NW-1\\tnow"}', auth(c.token));
    expect(sent.status).toBe(200);
    const log = (await rt.get(`/api/v1/conversations/${c.conversationId}`, auth(c.token))).body.messages as Array<{ from: string; text: string }>;
    const mine = log.filter((m) => m.from === 'customer').map((m) => m.text);
    expect(mine).toEqual(['where is \ud800\udfff\ufffd my order NW-1\tnow']);
    const exported = await (await fetch(`${rt.url}/api/v1/admin/conversations/${c.conversationId}/transcript`, { headers: auth(ADMIN) })).text();
    expect(exported).not.toMatch(/\\u0000|\\udc00/i);
    expect(LONE.test(exported)).toBe(false);
  });

  it("an agent's message and private note: cleaned, and a card in them still masked and reported once", async () => {
    const ann = agent('ann', { name: 'Ann' });
    const rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const h = await handoffOf(rt, c.id, ann);
    if (h.status !== 'assigned') expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    const msg = await postRaw(`${rt.url}${hid(h.id)}/messages`, '{"text":"on its way\\u0000 \\udc00 card 5555 5555 5555 4444"}', tok(ann));
    expect(msg.status).toBe(200);
    expect(msg.body.secretsHidden).toEqual(['card']);
    const note = await postRaw(`${rt.url}${hid(h.id)}/messages`, '{"text":"note\\u0007 \\ud800 here","private":true}', tok(ann));
    expect(note.status).toBe(200);
    expect(note.body.note.text).toBe('note \ufffd here');
    expect(note.body.secretsHidden).toBeUndefined();
    const log = (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages as Array<{ from: string; text: string }>;
    const fromAnn = log.filter((m) => m.from === 'agent').map((m) => m.text);
    expect(fromAnn).toHaveLength(1);
    expect(fromAnn[0]).toMatch(/^on its way \ufffd card \S*•+ ?4444$/);
  });
});
