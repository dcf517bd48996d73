/**
 * Hostile s9 #14: `baton serve --workers 0` took ~45 s to stop after 300 HTTP-block calls to a host whose DNS
 * answered slowly: every call queued its own getaddrinfo on libuv's 4 threads (it cannot be cancelled), the calls
 * timed out behind the queue, and the queue kept the process alive after SIGTERM. Calls waiting on one host name now
 * share one lookup: all of them get the DNS answer at once, and nothing is left running when they have ended.
 */
import dns from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callHttp, lookupsInFlight, type HttpRequestEffect } from '../../runtime/effects/httpCall';

const call = (url: string): HttpRequestEffect => ({ type: 'http_request', requestId: 'r', blockId: 'b', method: 'GET', url, headers: {}, body: '', bodyFormat: 'json', timeoutMs: 8000 }) as unknown as HttpRequestEffect;
const OPTS = { timeoutMs: 8000, maxBytes: 1024 * 1024, maxRedirects: 5 };

let server: Server | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});

describe('HTTP Request calls to one host share its DNS lookup (hostile s9 #14)', () => {
  it('250 calls to a host whose DNS answers slowly: one lookup, every call gets the DNS error, nothing left running', async () => {
    let asked = 0;
    // A DNS server that takes 300 ms to say the name does not exist.
    vi.spyOn(dns, 'lookup').mockImplementation(((_host: string, _opts: unknown, cb: (err: NodeJS.ErrnoException) => void) => {
      asked++;
      setTimeout(() => cb(Object.assign(new Error('getaddrinfo ENOTFOUND api.northwind.example'), { code: 'ENOTFOUND' })), 300);
    }) as never);
    const results = await Promise.all(Array.from({ length: 250 }, (_, i) => callHttp(call(`https://api.northwind.example/orders/NW-${10423 + i}`), OPTS)));
    expect(asked).toBe(1);
    expect(results.every((r) => !r.ok && r.error === 'the host name could not be resolved (DNS)')).toBe(true);
    expect(lookupsInFlight()).toBe(0);
    // The next call asks again (no cache: a DNS change is seen).
    await callHttp(call('https://api.northwind.example/orders/NW-1'), OPTS);
    expect(asked).toBe(2);
  });

  it('calls to a host that resolves still reach it, each with its own answer', async () => {
    server = createServer((req, res) => res.end(JSON.stringify({ path: req.url })));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => callHttp(call(`http://localhost:${port}/orders/${i}`), OPTS)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(results.map((r) => (r.body as { path: string }).path)).toEqual(Array.from({ length: 20 }, (_, i) => `/orders/${i}`));
    expect(lookupsInFlight()).toBe(0);
  });
});
