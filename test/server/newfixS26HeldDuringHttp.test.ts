/**
 * Session 26 (newfix), newcomer s26 F7 over `baton serve`'s API: a customer message posted while the bot waits on an
 * HTTP request block (the order lookup is slow) is not lost: it is read when the call returns, the escalation policy
 * included (an angry message goes to a person), and the customer sees the answer.
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

async function slowApi(ms: number): Promise<string> {
  api = createServer((_req, res) =>
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'shipped' }));
    }, ms),
  );
  await new Promise<void>((r) => api!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(api.address() as AddressInfo).port}/orders/1`;
}

const ANGRY = 'this is ridiculous, I have been waiting for three weeks and nobody answers my emails';

describe('a message posted while the bot waits on an HTTP call (baton serve)', () => {
  it('is read when the call returns: the angry message is handed to a person', async () => {
    const flow = shopFlow({ apiUrl: await slowApi(600) });
    flow.blocks.find((b) => b.id === 'lookup')!.data = { ...(flow.blocks.find((b) => b.id === 'lookup')!.data as object), timeoutMs: 5000 } as never;
    rt = await startTestRuntime({ flows: [flow] });
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    const first = rt.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'order' }, auth(c.token));
    await new Promise((r) => setTimeout(r, 150));
    const second = await rt.post(`/api/v1/conversations/${c.conversationId}/messages`, { text: ANGRY }, auth(c.token));
    const firstRes = await first;
    expect(firstRes.status).toBe(200);
    expect(second.status).toBe(200);
    const all = [...firstRes.body.messages, ...second.body.messages].map((m: any) => m.text);
    expect(all).toContain('Your order is shipped.');
    const state = await rt.get(`/api/v1/conversations/${c.conversationId}`, auth(c.token));
    // Handed over (waiting for a person), not back at the menu as if nothing had been said.
    expect(state.body.mode).toBe('waiting');
    expect(state.body.handoff).not.toBeNull();
  });
});
