/**
 * The hot route `POST /api/v1/conversations/:id/messages` is answered in front of Fastify
 * (runtime/server/leanRoute.ts). Every request here is sent twice to the same server: plain (answered by the
 * lean route, checked with its counter) and with a query string (which sends it to Fastify's route): status,
 * body and the headers a client can see must be the same, for good requests and for every kind of bad one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leanRouteStats } from '../../runtime/server/leanRoute';
import { startTestRuntime, type TestRuntime } from './runtimeFixtures';

const IGNORED = new Set(['date', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after', 'keep-alive', 'connection', 'vary', 'access-control-allow-origin']);

describe('lean message route = Fastify route', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime({ config: { rateLimit: { perAddressPerMinute: 1000, perConversationPerMinute: 1000 } } as never });
  });
  afterAll(async () => rt?.stop());

  async function send(path: string, body: string | null, headers: Record<string, string>) {
    const res = await fetch(rt!.url + path, { method: 'POST', headers, ...(body === null ? {} : { body }) });
    const text = await res.text();
    const h: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      if (!IGNORED.has(k)) h[k] = v;
    });
    return { status: res.status, text, headers: h };
  }

  /** Sends one request to each route; returns both answers after checking which route answered. */
  async function both(path: string, body: string | null, headers: Record<string, string> = {}, lean = true) {
    const before = leanRouteStats.answered;
    const a = await send(path, body, headers);
    expect(leanRouteStats.answered - before).toBe(lean ? 1 : 0);
    const b = await send(path + (path.includes('?') ? '&' : '?') + 'via=fastify', body, headers);
    expect(leanRouteStats.answered - before).toBe(lean ? 1 : 0);
    return [a, b];
  }

  it('answers good and bad requests exactly like the Fastify route', async () => {
    const created = await rt.post('/api/v1/flows/shop/conversations', {});
    const { conversationId: id, token } = created.body;
    const path = `/api/v1/conversations/${id}/messages`;
    const json = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const cases: Array<[string, string | null, Record<string, string>]> = [
      ['bad JSON', '{"text": ', json],
      ['proto poisoning', '{"text":"hi","__proto__":{"x":1}}', json],
      ['constructor poisoning', '{"text":"hi","constructor":{"prototype":{"x":1}}}', json],
      ['not an object', '"hello"', json],
      ['empty text', '{"text":""}', json],
      ['text and choice', '{"text":"a","choice":"b"}', json],
      ['neither', '{}', json],
      ['unknown field', '{"text":"a","extra":1}', json],
      ['too long', JSON.stringify({ text: 'x'.repeat(4001) }), json],
      ['no token', '{"text":"hi"}', { 'content-type': 'application/json' }],
      ['wrong token', '{"text":"hi"}', { ...json, authorization: 'Bearer nope' }],
      ['empty idempotency key', '{"text":"hi"}', { ...json, 'idempotency-key': '' }],
      ['unknown button', '{"choice":"nope"}', json],
    ];
    for (const [name, body, headers] of cases) {
      const [lean, fastify] = await both(path, body, headers);
      expect({ name, ...lean }).toEqual({ name, ...fastify });
      expect(lean.status, name).toBeGreaterThanOrEqual(400);
      expect(lean.status, name).toBeLessThan(500);
    }
    // Unknown conversation and an id the schema refuses.
    for (const p of ['/api/v1/conversations/00000000-0000-0000-0000-000000000000/messages', `/api/v1/conversations/${'a'.repeat(150)}/messages`]) {
      const [lean, fastify] = await both(p, '{"text":"hi"}', json);
      expect(lean).toEqual(fastify);
      expect([400, 404]).toContain(lean.status);
    }
    // A good message (its HTTP request block fails and the bot says so), then its retry with the same
    // Idempotency-Key: the same whole answer from both routes.
    const [first, replay] = await both(path, '{"text":"order status"}', { ...json, 'idempotency-key': 'k1' });
    expect(first.status).toBe(200);
    expect(first).toEqual(replay);
    expect(JSON.parse(first.text).messages.length).toBeGreaterThan(0);
    expect(first.headers['content-security-policy']).toContain("default-src 'none'");
    expect(first.headers['x-ratelimit-limit']).toBe('1000');
    // Reused key with another body: 422 from both.
    const [reused, reused2] = await both(path, '{"text":"something else"}', { ...json, 'idempotency-key': 'k1' });
    expect(reused.status).toBe(422);
    expect(reused).toEqual(reused2);
  });

  it('leaves unusual requests to Fastify (other media type, query string, empty body)', async () => {
    const created = await rt.post('/api/v1/flows/shop/conversations', {});
    const { conversationId: id, token } = created.body;
    const path = `/api/v1/conversations/${id}/messages`;
    const [text] = await both(path, 'hi', { 'content-type': 'text/plain', authorization: `Bearer ${token}` }, false);
    expect(text.status).toBe(415); // not JSON: 415 like any other media type (hostile s5 #12; was a 400 from the schema)
    const [xml] = await both(path, '<text>hi</text>', { 'content-type': 'application/xml', authorization: `Bearer ${token}` }, false);
    expect(xml.status).toBe(415);
    const [query] = await both(path + '?x=1', '{"text":"hi"}', { 'content-type': 'application/json', authorization: `Bearer ${token}` }, false);
    expect(query.status).toBe(200);
    // With no CORS origins configured, @fastify/cors adds nothing: a browser's Origin header stays on the lean route.
    const [origin, viaFastify] = await both(path, '{"text":"hi"}', { 'content-type': 'application/json', authorization: `Bearer ${token}`, origin: 'https://shop.example' });
    expect(origin.status).toBe(200);
    expect(origin.headers['access-control-allow-origin']).toBeUndefined();
    expect(JSON.parse(origin.text).mode).toBe(JSON.parse(viaFastify.text).mode);
    const [empty] = await both(path, '', { 'content-type': 'application/json', authorization: `Bearer ${token}` }, false);
    expect(empty.status).toBe(400);
  });
});

describe('lean route and the per-address limit share one counter', () => {
  let rt: TestRuntime;
  afterAll(async () => rt?.stop());
  it('counts lean and Fastify requests together and answers 429 with Retry-After from both', async () => {
    rt = await startTestRuntime({ config: { rateLimit: { perAddressPerMinute: 6, perConversationPerMinute: 1000 } } as never });
    const created = await rt.post('/api/v1/flows/shop/conversations', {}); // 1
    const { conversationId: id, token } = created.body;
    const path = `/api/v1/conversations/${id}/messages`;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await fetch(rt.url + path, { method: 'POST', headers, body: '{"text":"hi"}' })).status); // lean
      statuses.push((await fetch(rt.url + path + '?via=fastify', { method: 'POST', headers, body: '{"text":"hi"}' })).status); // Fastify
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const lean = await fetch(rt.url + path, { method: 'POST', headers, body: '{"text":"hi"}' });
    expect(lean.status).toBe(429);
    expect(Number(lean.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await lean.json()).toMatchObject({ error: 'rate_limited' });
  });
});

describe('lean route with CORS origins configured', () => {
  let rt: TestRuntime;
  afterAll(async () => rt?.stop());
  it('leaves requests with an Origin header to Fastify (@fastify/cors answers them), and keeps plain ones', async () => {
    rt = await startTestRuntime({ config: { corsOrigins: ['https://shop.example'] } as never });
    const created = await rt.post('/api/v1/flows/shop/conversations', {});
    const { conversationId: id, token } = created.body;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const before = leanRouteStats.answered;
    const allowed = await fetch(`${rt.url}/api/v1/conversations/${id}/messages`, { method: 'POST', headers: { ...headers, origin: 'https://shop.example' }, body: '{"text":"hi"}' });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const other = await fetch(`${rt.url}/api/v1/conversations/${id}/messages`, { method: 'POST', headers: { ...headers, origin: 'https://evil.example' }, body: '{"text":"hi"}' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(leanRouteStats.answered).toBe(before);
    const plain = await fetch(`${rt.url}/api/v1/conversations/${id}/messages`, { method: 'POST', headers, body: '{"text":"hi"}' });
    expect(plain.status).toBe(200);
    expect(leanRouteStats.answered).toBe(before + 1);
  });
});
