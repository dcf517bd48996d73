/**
 * Session 48 (apisec3, hostile s47 L3 rest): SIGTERM while 60 customers send messages back to back, each message on a
 * new connection (the hostile pass: 200 parallel curl requests). Counts only, no timing: every request ends as an answer
 * (200, 503 draining), a refused connection (ECONNREFUSED: nothing sent) or a reset (ECONNRESET / socket hang up), and
 * the test checks what a client must be able to rely on whatever the load: a request that was not answered 200 was not
 * committed (its message is not in the conversation, so a retry is safe), and every 200 was. The counts are printed
 * (`drain outcomes`) for the history's figures; resets are reported, not asserted to be zero, because how many
 * connections still wait in the kernel's accept queue when the listener closes depends on the machine's load.
 * Two kinds of clients: ones that reconnect at once after the 503 (they keep the listener busy up to half the grace,
 * and those in the queue at its close are reset) and ones that honour Retry-After (1 s). Session 48's runs at load
 * 23-26 (single runs, noisy): reconnect at once 33, 0, 0 resets; Retry-After 0, 13. It tried judging the drain's "no
 * new connection for 100 ms" only after the event loop's accept phase (setImmediate): 53, 47 and 0, 0: no evidence of
 * fewer, not kept (docs/history.md "Session 48 (apisec3)"). Session 50 (rt5): the drain's first act cuts the kernel's
 * accept queue to its least (listen() again with backlog 0): resets with clients reconnecting at once 23, 15, 59 ->
 * 0, 0, 1 at load 13-17; now bounded (at most 5) for those clients (docs/history.md "Session 50 (rt5)").
 */
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../runtime/store/embeddedStore';
import { startServe } from '../support/runtimeHarness';

const root = fileURLToPath(new URL('../../', import.meta.url));
let dir = '';
let child: ChildProcess | null = null;
afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function post(url: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: string; retryAfter?: string }> {
  const u = new URL(path, url);
  const data = JSON.stringify(body);
  return new Promise((ok, fail) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), connection: 'close', ...(token ? { authorization: `Bearer ${token}` } : {}) } },
      (res) => {
        let b = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (b += d));
        res.on('end', () => ok({ status: res.statusCode!, body: b, retryAfter: res.headers['retry-after'] }));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(data);
  });
}

async function drainRun(clients: 'at once' | 'retry-after'): Promise<Record<string, number>> {
  {
    // (A first version sent 200 messages at once and sent SIGTERM at the first answer or before any: all 200 were 200,
    // or all 503: the queue was read before the drain closed the listener. Connections must keep arriving to see L3.)
    dir = mkdtempSync(join(tmpdir(), 'apisec3-drain-'));
    const data = join(dir, 'data');
    const { url, child: c } = await startServe([join(root, 'flows/customer-support.json'), '--data', data], 'apisec3-drain-admin');
    child = c;
    const exited = new Promise<number | null>((ok) => c.on('exit', (code) => ok(code)));
    const convs: Array<{ conversationId: string; token: string }> = [];
    for (let i = 0; i < 60; i += 20) {
      const batch = await Promise.all(Array.from({ length: 20 }, () => post(url, '/api/v1/flows/customer-support/conversations', {})));
      for (const b of batch) convs.push(JSON.parse(b.body));
    }
    // Each customer sends message after message, each on a new connection (as curl does), until the server refuses
    // connections; SIGTERM at the 200th answer (an event, not a set time), so new connections keep arriving while the
    // server drains: the ones in its accept queue when the listener closes are what hostile s47 L3 saw reset.
    const outcomes = new Map<string, string>(); // `${conversation index}.${n}` -> outcome
    let answers = 0;
    let termed = false;
    const customer = async (i: number) => {
      const cv = convs[i];
      for (let n = 0; n < 200; n++) {
        const key = `${i}.${n}`;
        try {
          const r = await post(url, `/api/v1/conversations/${cv.conversationId}/messages`, { text: `drain message ${key}` }, cv.token);
          outcomes.set(key, r.status === 503 ? `503 ${(JSON.parse(r.body) as { error: string }).error}` : String(r.status));
          // A client that honours Retry-After (1 s while draining) waits before its next try.
          if (r.status === 503 && clients === 'retry-after') await new Promise((ok) => setTimeout(ok, Number(r.retryAfter ?? '1') * 1000));
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
          outcomes.set(key, code);
          if (code === 'ECONNREFUSED') return;
        }
        if (++answers === 200 && !termed) {
          termed = true;
          c.kill('SIGTERM');
        }
      }
    };
    await Promise.all(convs.map((_, i) => customer(i)));
    expect(await exited).toBe(0);
    const counts: Record<string, number> = {};
    for (const o of outcomes.values()) counts[o] = (counts[o] ?? 0) + 1;
    console.log(`drain outcomes (clients ${clients}): ${JSON.stringify(counts)}`);
    for (const k of Object.keys(counts)) expect(['200', '429', '503 draining', 'ECONNREFUSED', 'ECONNRESET', 'socket hang up', 'EPIPE'], JSON.stringify(counts)).toContain(k);
    expect(termed).toBe(true);
    // What a client relies on: a 200 was committed, anything else was not (a retry is safe).
    const store = new EmbeddedStore({ dir: data, writer: 'inline' });
    try {
      for (let i = 0; i < convs.length; i++) {
        const texts = new Set((await store.readLog(convs[i].conversationId, 0, 1000)).filter((e) => e.from === 'customer').map((e) => e.text));
        for (const [key, outcome] of outcomes) {
          if (!key.startsWith(`${i}.`)) continue;
          expect(texts.has(`drain message ${key}`), `message ${key}: ${outcome}`).toBe(outcome === '200');
        }
      }
    } finally {
      await store.close();
    }
    return counts;
  }
}

describe('SIGTERM while 60 customers send messages back to back, one connection each (hostile s47 L3)', () => {
  it('clients that reconnect at once: counted; nothing unanswered was committed, every 200 was; (almost) no resets', async () => {
    const counts = await drainRun('at once');
    expect(counts['200'] ?? 0).toBeGreaterThan(0);
    // Session 50 (rt5): the drain cuts the listener's accept queue to its least (leanRoute.ts shrinkBacklog), so new
    // connections are refused instead of queued and reset at the close. Load 13-17, three runs each: before 23, 15, 59
    // resets; after 0, 0, 1 (a connection in the one place left, or mid-handshake). A bound, not zero.
    const resets = (counts.ECONNRESET ?? 0) + (counts['socket hang up'] ?? 0) + (counts.EPIPE ?? 0);
    expect(resets, JSON.stringify(counts)).toBeLessThanOrEqual(5);
  }, 180_000);

  it('clients that honour Retry-After: counted; nothing unanswered was committed, every 200 was', async () => {
    const counts = await drainRun('retry-after');
    expect(counts['200'] ?? 0).toBeGreaterThan(0);
  }, 180_000);
});
