/**
 * The customer API of `baton serve` over real HTTP on 127.0.0.1: conversations, messages, reading since a seq,
 * token isolation, idempotent retries, rate limits, revision pinning across a redeploy, admin lists, health,
 * metrics, OpenAPI and security headers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, auth, shopFlow, startTestRuntime, type TestRuntime } from './runtimeFixtures';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
});

async function start(opts: Parameters<typeof startTestRuntime>[0] = {}) {
  rt = await startTestRuntime(opts);
  return rt;
}

async function newConversation(r: TestRuntime, flowId = 'shop', body: unknown = {}) {
  const res = await r.post(`/api/v1/flows/${flowId}/conversations`, body);
  expect(res.status).toBe(201);
  return res.body as { conversationId: string; token: string; mode: string; messages: any[] };
}

describe('customer API', () => {
  it('starts a conversation, answers messages and clicks, and reads what happened since a seq', async () => {
    const r = await start();
    const c = await newConversation(r);
    expect(c.mode).toBe('bot');
    expect(c.token.length).toBeGreaterThanOrEqual(32);
    expect(c.messages.map((m) => [m.seq, m.from, m.text])).toEqual([
      [1, 'bot', 'Welcome to the shop!'],
      [2, 'bot', 'What do you need?'],
    ]);
    expect(c.messages[1].buttons.map((b: any) => b.id)).toEqual(['order', 'person', 'rate', 'problem']);
    expect(c.messages[0].id).toBe(`${c.conversationId}:1`);

    const click = await r.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'person' }, auth(c.token));
    expect(click.status).toBe(200);
    expect(click.body.mode).toBe('waiting');
    expect(click.body.handoff).toMatchObject({ status: 'pending', reason: 'flow' });
    expect(click.body.messages.some((m: any) => m.status?.mode === 'waiting')).toBe(true);

    const text = await r.post(`/api/v1/conversations/${c.conversationId}/messages`, { text: 'are you there?' }, auth(c.token));
    expect(text.body.mode).toBe('waiting');
    expect(text.body.messages).toEqual([]); // the bot is quiet while a person is awaited

    const since = await r.get(`/api/v1/conversations/${c.conversationId}?after=2`, auth(c.token));
    expect(since.status).toBe(200);
    expect(since.body.messages[0]).toMatchObject({ seq: 3, from: 'customer', text: 'Talk to a person' });
    expect(since.body.messages.at(-1)).toMatchObject({ from: 'customer', text: 'are you there?' });
    const seqs = since.body.messages.map((m: any) => m.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => 3 + i));
  });

  it('fills declared variables and the profile before the first message', async () => {
    const flow = shopFlow({ greeting: 'Hello {{customerName}}, plan {{plan}}!', variables: [{ name: 'plan', type: 'string' }] });
    const r = await start({ flows: [flow] });
    const c = await newConversation(r, 'shop', { variables: { plan: 'gold' }, profile: { name: 'Ada' } });
    expect(c.messages[0].text).toBe('Hello Ada, plan gold!');
    const next = await r.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'rate' }, auth(c.token));
    expect(next.body.messages.map((m: any) => m.text)).toEqual(['How would you rate us, 1 to 5?']); // no redeploy recovery
    const bad = await r.post('/api/v1/flows/shop/conversations', { variables: { nope: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('variables.nope');
  });

  it('keeps each token to its own conversation, and says 404 for what does not exist', async () => {
    const r = await start();
    const a = await newConversation(r);
    const b = await newConversation(r);
    for (const [path, send] of [
      [`/api/v1/conversations/${a.conversationId}`, false],
      [`/api/v1/conversations/${a.conversationId}/messages`, true],
    ] as const) {
      const wrong = send ? await r.post(path, { text: 'hi' }, auth(b.token)) : await r.get(path, auth(b.token));
      expect(wrong.status).toBe(401);
      expect(wrong.body.error).toBe('invalid_token');
      const none = send ? await r.post(path, { text: 'hi' }) : await r.get(path);
      expect(none.status).toBe(401);
    }
    expect((await r.get(`/api/v1/conversations/${a.conversationId}`, auth(a.token))).status).toBe(200);
    expect((await r.get(`/api/v1/conversations/${a.conversationId}`, auth(a.token + 'x'))).status).toBe(401);
    expect((await r.get('/api/v1/conversations/00000000-0000-0000-0000-000000000000', auth(a.token))).status).toBe(404);
    const noFlow = await r.post('/api/v1/flows/nope/conversations', {});
    expect(noFlow.status).toBe(404);
    expect(noFlow.body.message).toContain('shop');
  });

  it('does not process a retried message twice (Idempotency-Key), and refuses a reused key with another body', async () => {
    const r = await start();
    const c = await newConversation(r);
    const send = (body: unknown, key: string) => r.post(`/api/v1/conversations/${c.conversationId}/messages`, body, { ...auth(c.token), 'idempotency-key': key });
    const first = await send({ choice: 'rate' }, 'k1');
    const retries = await Promise.all([send({ choice: 'rate' }, 'k1'), send({ choice: 'rate' }, 'k1')]);
    for (const again of retries) expect(again.body).toEqual(first.body);
    const log = await r.get(`/api/v1/conversations/${c.conversationId}`, auth(c.token));
    expect(log.body.messages.filter((m: any) => m.from === 'customer')).toHaveLength(1);
    const reused = await send({ text: '5' }, 'k1');
    expect(reused.status).toBe(422);
    expect(reused.body.field).toBe('idempotency-key');
    const next = await send({ text: '5' }, 'k2');
    expect(next.body.messages.map((m: any) => m.text)).toContain('Thanks for rating!');
  });

  it('limits messages per conversation and requests per address with 429 and Retry-After', async () => {
    const r = await start({ config: { rateLimit: { perConversationPerMinute: 3, perAddressPerMinute: 1000 } } });
    const c = await newConversation(r);
    const codes: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res = await r.post(`/api/v1/conversations/${c.conversationId}/messages`, { text: 'hello ' + i }, auth(c.token));
      codes.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const other = await newConversation(r); // another conversation is not affected
    expect((await r.post(`/api/v1/conversations/${other.conversationId}/messages`, { text: 'hi' }, auth(other.token))).status).toBe(200);
    await r.stop();

    const r2 = await start({ config: { rateLimit: { perAddressPerMinute: 4, perConversationPerMinute: 60 } } });
    const statuses: number[] = [];
    let last: any = null;
    for (let i = 0; i < 6; i++) {
      last = await r2.post('/api/v1/flows/shop/conversations', {});
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 4)).toEqual([201, 201, 201, 201]);
    expect(statuses.slice(4)).toEqual([429, 429]);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last.body.message).toMatch(/at most 4 a minute/);
    expect((await r2.get('/healthz')).status).toBe(200); // health checks are never limited
  });
});

describe('revision pinning', () => {
  it('keeps a live conversation on the revision it started on after a redeploy; new ones get the new revision', async () => {
    const r = await start();
    const old = await newConversation(r);
    const v2 = shopFlow({ greeting: 'Welcome to the NEW shop!' });
    (v2.blocks.find((b) => b.id === 'nobody')!.data as { text: string }).text = 'v2: nobody is free.';
    const denied = await r.post('/api/v1/admin/flows', { flow: v2 }, auth('wrong-token-wrong-token'));
    expect(denied.status).toBe(401);
    const dep = await r.post('/api/v1/admin/flows', { flow: v2 }, auth(ADMIN));
    expect(dep.status).toBe(201);
    expect(dep.body.changed).toBe(true);
    const same = await r.post('/api/v1/admin/flows', { flow: v2 }, auth(ADMIN));
    expect(same.body).toMatchObject({ changed: false, revision: dep.body.revision });

    const fresh = await newConversation(r);
    expect(fresh.messages[0].text).toBe('Welcome to the NEW shop!');
    // the old conversation continues on v1: its queue timeout says v1's words
    await r.post(`/api/v1/conversations/${old.conversationId}/messages`, { choice: 'person' }, auth(old.token));
    await r.post(`/api/v1/conversations/${fresh.conversationId}/messages`, { choice: 'person' }, auth(fresh.token));
    r.clock.now += 61_000;
    await r.runner.tick();
    const oldLog = await r.get(`/api/v1/conversations/${old.conversationId}`, auth(old.token));
    const newLog = await r.get(`/api/v1/conversations/${fresh.conversationId}`, auth(fresh.token));
    expect(oldLog.body.messages.map((m: any) => m.text)).toContain('Nobody is free right now; we will email you.');
    expect(newLog.body.messages.map((m: any) => m.text)).toContain('v2: nobody is free.');

    const invalid = await r.post('/api/v1/admin/flows', { flow: { version: 1, id: 'shop', blocks: [] } }, auth(ADMIN));
    expect(invalid.status).toBe(422);
    expect(invalid.body.problems.length).toBeGreaterThan(0);
    expect((await newConversation(r)).messages[0].text).toBe('Welcome to the NEW shop!'); // nothing broke
  });

  it('keeps pinning across a restart with a changed flow file', async () => {
    const r = await start();
    const c = await newConversation(r);
    await r.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'person' }, auth(c.token));
    const dir = r.dir;
    await r.close();
    const v2 = shopFlow({ greeting: 'v2 hello' });
    (v2.blocks.find((b) => b.id === 'nobody')!.data as { text: string }).text = 'v2: nobody is free.';
    const r2 = await startTestRuntime({ dir, flows: [v2] });
    rt = r2;
    r2.clock.now += 61_000;
    await r2.runner.tick();
    const log = await r2.get(`/api/v1/conversations/${c.conversationId}`, auth(c.token));
    expect(log.body.messages.map((m: any) => m.text)).toContain('Nobody is free right now; we will email you.');
    expect((await newConversation(r2)).messages[0].text).toBe('v2 hello');
  });
});

describe('admin, operations and headers', () => {
  it('lists handoffs, tickets and CSAT, exports transcripts; refuses without the admin token', async () => {
    const r = await start();
    const c = await newConversation(r);
    const say = (body: unknown) => r.post(`/api/v1/conversations/${c.conversationId}/messages`, body, auth(c.token));
    await say({ choice: 'problem' });
    await say({ text: 'ada@example.com' });
    await say({ text: 'The blender arrived broken' });
    await say({ choice: 'rate' });
    const ended = await say({ text: '4' });
    expect(ended.body.mode).toBe('closed');
    const back = await say({ text: 'hello again' }); // a closed conversation starts over, it is not refused
    expect(back.status).toBe(200);
    expect(back.body.mode).toBe('bot');
    expect(back.body.messages.map((m: any) => m.text)).toContain('Welcome back!');
    const tickets = await r.get('/api/v1/admin/tickets', auth(ADMIN));
    expect(tickets.body.tickets).toHaveLength(1);
    expect(tickets.body.tickets[0].data.contact.email).toBe('ada@example.com');
    const csat = await r.get('/api/v1/admin/csat', auth(ADMIN));
    expect(csat.body.csat.map((x: any) => x.data.score)).toEqual([4]);
    const d = await newConversation(r);
    await r.post(`/api/v1/conversations/${d.conversationId}/messages`, { choice: 'person' }, auth(d.token));
    const pending = await r.get('/api/v1/admin/handoffs?status=pending', auth(ADMIN));
    expect(pending.body.handoffs.map((h: any) => h.conversationId)).toEqual([d.conversationId]);
    const t = await r.get(`/api/v1/admin/conversations/${c.conversationId}/transcript`, auth(ADMIN));
    expect(t.body.messages.map((m: any) => m.seq)).toEqual(t.body.messages.map((_: unknown, i: number) => i + 1));
    expect((await r.get('/api/v1/admin/tickets')).status).toBe(401);
    expect((await r.get('/api/v1/admin/tickets', auth(ADMIN + 'x'))).status).toBe(401);
  });

  it('serves health, readiness, Prometheus metrics, an OpenAPI document and security headers', async () => {
    const r = await start({ config: { corsOrigins: ['https://shop.example'] } });
    const c = await newConversation(r);
    await r.post(`/api/v1/conversations/${c.conversationId}/messages`, { text: 'I want to talk to a human' }, auth(c.token));
    expect((await r.get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await r.get('/readyz')).body.status).toBe('ready');
    const metrics = await r.get('/metrics');
    expect(metrics.body).toMatch(/baton_messages_total\{from="customer"\} 1/);
    expect(metrics.body).toMatch(/baton_escalations_total\{reason="explicit_request"\} 1/);
    expect(metrics.body).toMatch(/baton_handoffs_total\{status="pending"\} 1/);
    expect(metrics.body).toMatch(/baton_active_conversations 1/);
    const api = await r.get('/openapi.json');
    expect(api.body.openapi).toBe('3.1.0');
    const post = api.body.paths['/api/v1/conversations/{id}/messages'].post;
    expect(Object.keys(post.requestBody.content['application/json'].schema.properties)).toEqual(['text', 'choice']);
    expect(api.body.paths['/webhooks/rest/webhook']).toBeDefined();
    const h = (await r.get('/healthz')).headers;
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('content-security-policy')).toContain("default-src 'none'");
    expect(h.get('strict-transport-security')).toBeTruthy();
    const allowed = await fetch(r.url + '/healthz', { headers: { origin: 'https://shop.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const denied = await fetch(r.url + '/healthz', { headers: { origin: 'https://evil.example' } });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });
});
