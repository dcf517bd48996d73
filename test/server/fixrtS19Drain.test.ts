/**
 * Hostile s18 #19: requests in flight when `baton serve` got SIGTERM got a connection reset, not the 503 "draining"
 * answer. A real process under real keep-alive HTTP traffic (40 customers each sending messages back to back on
 * their connection) is stopped with SIGTERM: every request is answered (200, or 503 draining with Retry-After) or, once
 * the server stopped listening, refused (ECONNREFUSED: nothing was sent); none is reset.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
let dir = '';
let child: ChildProcess | null = null;
afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function post(agent: http.Agent, url: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: string }> {
  const u = new URL(path, url);
  const data = JSON.stringify(body);
  return new Promise((ok, fail) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...(token ? { authorization: `Bearer ${token}` } : {}) } },
      (res) => {
        let b = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (b += d));
        res.on('end', () => ok({ status: res.statusCode!, body: b }));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(data);
  });
}

describe('SIGTERM under keep-alive traffic (hostile s18 #19)', () => {
  it('answers every request in flight or arriving on an open connection (200 or 503 draining); none is reset', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fixrt-s19-drain-'));
    const c = spawn(process.execPath, [join(root, 'bin/baton.js'), 'serve', join(root, 'flows/customer-support.json'), '--port', '0', '--data', join(dir, 'data')], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    let err = '';
    c.stderr!.on('data', (d) => (err += d));
    const url = await new Promise<string>((ok, fail) => {
      let out = '';
      const t = setTimeout(() => fail(new Error(`serve did not start: ${err}`)), 60_000);
      c.stdout!.on('data', (d) => {
        out += d;
        const m = /ready at (http:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(t);
          ok(m[1]);
        }
      });
    });
    const exited = new Promise<number | null>((ok) => c.on('exit', (code) => ok(code)));
    const outcomes = new Map<string, number>();
    const count = (k: string) => outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
    let stop = false;
    const customer = async (i: number) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const conv = await post(agent, url, '/api/v1/flows/customer-support/conversations', {});
        expect(conv.status).toBe(201);
        const { conversationId, token } = JSON.parse(conv.body) as { conversationId: string; token: string };
        let closedAfter503 = false;
        for (let n = 0; !stop; n++) {
          try {
            const r = await post(agent, url, `/api/v1/conversations/${conversationId}/messages`, { text: `hello ${i}.${n}` }, token);
            count(r.status === 503 ? `503 ${(JSON.parse(r.body) as { error: string }).error}` : String(r.status));
            closedAfter503 = r.status === 503;
          } catch (e) {
            const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
            // Session 48 (lead): a NEW connection opened right after the 503 (which closes its connection) can land in the
            // kernel's accept queue just as the listener closes, and the kernel resets it: nothing was read (hostile s47
            // L3's accept-queue race, README "Not finished"), unlike a request on an open connection, which this test is
            // about. Counted apart; a reset anywhere else still fails below.
            count(code === 'ECONNRESET' && closedAfter503 ? 'ECONNRESET on a reconnect after 503' : code);
            closedAfter503 = false;
            if (code === 'ECONNREFUSED') break;
          }
        }
      } finally {
        agent.destroy();
      }
    };
    const running = Array.from({ length: 40 }, (_, i) => customer(i));
    await new Promise((r) => setTimeout(r, 1500));
    c.kill('SIGTERM');
    expect(await exited).toBe(0);
    stop = true;
    await Promise.all(running);
    const seen = Object.fromEntries(outcomes);
    expect(seen['200'] ?? 0).toBeGreaterThan(0);
    // Only answers (429 too: each customer sends back to back, past the 60 a minute a conversation may send), the
    // draining 503, and refused connections once nothing listens.
    for (const k of Object.keys(seen)) expect(['200', '429', '503 draining', 'ECONNREFUSED', 'ECONNRESET on a reconnect after 503'], JSON.stringify(seen)).toContain(k);
    // At most one such reset per 503 (each customer reconnects once per 503).
    expect(seen['ECONNRESET on a reconnect after 503'] ?? 0).toBeLessThanOrEqual(seen['503 draining'] ?? 0);
    expect(err).toContain('SIGTERM: draining');
  }, 90_000);
});
