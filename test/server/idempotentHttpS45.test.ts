/**
 * Hostile s45 M9: retries with one Idempotency-Key sent while the first request still waits for an HTTP request block
 * were answered at once with the step's part only (`messages: []`). Now a retry waits for the first request's whole
 * answer (one instance), and a stored answer still waiting on another instance is marked pending (409 + Retry-After).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { auth, shopFlow, startTestRuntime, type TestRuntime } from './runtimeFixtures';

let rt: TestRuntime | null = null;
let api: Server | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
  api?.closeAllConnections();
  await new Promise<void>((r) => (api ? api.close(() => r()) : r()));
  api = null;
});

/** An order API that answers after `delayMs`, counting its calls. */
async function slowApi(delayMs: number): Promise<{ url: string; calls: () => number }> {
  let calls = 0;
  api = createServer((_req, res) => {
    calls++;
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'shipped' }));
    }, delayMs);
  });
  await new Promise<void>((r) => api!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(api.address() as AddressInfo).port}/orders/1`, calls: () => calls };
}

describe('idempotent retries while an HTTP request block is called', () => {
  it('three concurrent requests with one key: each gets the whole first answer, the API is called once', async () => {
    const orders = await slowApi(400);
    rt = await startTestRuntime({ flows: [shopFlow({ apiUrl: orders.url })] });
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    const send = () => rt!.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'order' }, { ...auth(c.token), 'Idempotency-Key': 'k2' });
    const answers = await Promise.all([send(), send(), send()]);
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.body.messages.map((m: { text: string }) => m.text)).toContain('Your order is shipped.');
    }
    expect(new Set(answers.map((a) => JSON.stringify(a.body.messages)))).toHaveProperty('size', 1);
    expect(orders.calls()).toBe(1);
    // A later replay reads the stored whole answer (not pending).
    const later = await send();
    expect(later.body.messages).toEqual(answers[0].body.messages);
    const log = (await rt.get(`/api/v1/conversations/${c.conversationId}?after=0`, auth(c.token))).body.messages;
    expect(log.filter((m: { text: string }) => m.text === 'Your order is shipped.')).toHaveLength(1);
  });

  it('the step part stored while the HTTP block runs is marked pending; the whole answer replaces it', async () => {
    const orders = await slowApi(300);
    rt = await startTestRuntime({ flows: [shopFlow({ apiUrl: orders.url })] });
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    const first = rt.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'order' }, { ...auth(c.token), 'Idempotency-Key': 'k3' });
    const key = `${c.conversationId}:k3`;
    let during = await rt.store.getIdempotency(key);
    for (let i = 0; i < 100 && !during; i++) {
      await new Promise((r) => setTimeout(r, 10));
      during = await rt.store.getIdempotency(key);
    }
    expect(during?.pending).toBe(true);
    await first;
    const after = await rt.store.getIdempotency(key);
    expect(after?.pending).toBeUndefined();
    expect(JSON.stringify(after?.response)).toContain('Your order is shipped.');
  });

  it('a pending answer stored by another instance: a retry is asked to wait (409, Retry-After), after 130 s it gets the stored part', async () => {
    rt = await startTestRuntime({ flows: [shopFlow()] });
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    const rec = await rt.store.getConversation(c.conversationId);
    const body = { choice: 'order' };
    const { hashBody } = await import('../../runtime/server/conversationService');
    const part = { mode: 'bot', messages: [], handoff: null, lastSeq: rec!.lastSeq };
    await rt.store.commit({ conversation: rec!, idempotency: { key: `${c.conversationId}:k4`, requestHash: hashBody(body), response: part, at: rt.clock.now, pending: true } });
    const retry = () => rt!.post(`/api/v1/conversations/${c.conversationId}/messages`, body, { ...auth(c.token), 'Idempotency-Key': 'k4' });
    const wait = await retry();
    expect(wait.status).toBe(409);
    expect(wait.body.error).toBe('idempotency_in_progress');
    expect(wait.headers.get('retry-after')).toBe('1');
    rt.clock.now += 131_000;
    const late = await retry();
    expect(late.status).toBe(200);
    expect(late.body).toEqual(part);
  });
});
