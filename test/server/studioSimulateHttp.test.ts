/**
 * POST /api/simulate/http: the studio server calls a real URL for the simulator's HTTP Request blocks
 * (runtime/studio/simulateHttp.ts). A local HTTP server on 127.0.0.1 plays the API.
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudioServer } from '../../runtime/studio/startStudioServer';
import { simulateHttp } from '../../runtime/studio/simulateHttp';

type Studio = Awaited<ReturnType<typeof startStudioServer>>;
let home: string;
let studio: Studio;
let api: Server;
let apiUrl: string;
const seen: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  api = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const path = req.url!.split('?')[0];
      if (path === '/json') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ order: 42, status: 'shipped' }));
      if (path === '/text') return res.writeHead(200, { 'content-type': 'text/plain' }).end('plain words');
      if (path === '/fail') return res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"db down"}');
      if (path === '/slow') return void setTimeout(() => res.writeHead(200).end('late'), 3000);
      if (path === '/big') return res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(1024 * 1024 + 10));
      if (path === '/bigchunked') {
        // No content-length: the cap must count the bytes as they arrive.
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 40; i++) res.write('y'.repeat(64 * 1024));
        return res.end();
      }
      if (path === '/echo') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ auth: req.headers.authorization ?? null, body }));
      if (path === '/to-ftp') return res.writeHead(302, { location: 'ftp://127.0.0.1/file' }).end();
      if (path === '/to-json') return res.writeHead(302, { location: '/json' }).end();
      res.writeHead(404).end('no');
    });
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  const a = api.address();
  apiUrl = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  home = await mkdtemp(join(tmpdir(), 'baton-simhttp-'));
  studio = await startStudioServer({ home, port: 0 });
});

afterAll(async () => {
  await studio?.close();
  api?.closeAllConnections();
  await new Promise((r) => api?.close(r));
  await rm(home, { recursive: true, force: true });
});

async function call(body: unknown, secret: string | null = studio.secret) {
  const res = await fetch(`${studio.origin}/api/simulate/http`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret !== null ? { 'x-baton-secret': secret } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: res.status, json: (await res.json()) as any };
}

describe('POST /api/simulate/http', () => {
  it('answers a JSON API with the parsed body, the status and the time', async () => {
    const r = await call({ method: 'GET', url: `${apiUrl}/json`, headers: {}, body: '', timeoutMs: 5000 });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ ok: true, status: 200, body: { order: 42, status: 'shipped' } });
    expect(typeof r.json.ms).toBe('number');
    expect(r.json.error).toBeUndefined();
  });

  it('keeps a text answer as text, and sends a JSON body with its content type', async () => {
    const t = await call({ method: 'GET', url: `${apiUrl}/text`, timeoutMs: 5000 });
    expect(t.json).toMatchObject({ ok: true, status: 200, body: 'plain words' });
    const p = await call({ method: 'post', url: `${apiUrl}/echo`, body: '{"a":1}', bodyFormat: 'json', timeoutMs: 5000 });
    expect(p.json.body).toEqual({ auth: null, body: '{"a":1}' });
    expect(seen.at(-1)).toMatchObject({ method: 'POST' });
    expect(seen.at(-1)!.headers['content-type']).toBe('application/json');
  });

  it('a 500 is ok:false with its status and body (the error exit, as the runtime)', async () => {
    const r = await call({ method: 'GET', url: `${apiUrl}/fail`, timeoutMs: 5000 });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ ok: false, status: 500, body: { error: 'db down' } });
  });

  it("the block's timeout: no answer in time is ok:false status 0 with the reason", async () => {
    const r = await call({ method: 'GET', url: `${apiUrl}/slow`, timeoutMs: 300 });
    expect(r.json).toMatchObject({ ok: false, status: 0, error: 'no answer within 300 ms', body: { error: 'no answer within 300 ms' } });
    expect(r.json.ms).toBeGreaterThanOrEqual(250);
    expect(r.json.ms).toBeLessThan(2500);
  });

  it('a timeout above 30 s is capped (direct call with a small cap)', async () => {
    const r = await simulateHttp({ method: 'GET', url: `${apiUrl}/slow`, timeoutMs: 600_000 }, { maxTimeoutMs: 200 });
    expect(r).toMatchObject({ ok: false, status: 0, error: 'no answer within 200 ms' });
  });

  it('an answer over 1 MB is refused with a clear error (with and without content-length)', async () => {
    for (const path of ['/big', '/bigchunked']) {
      const r = await call({ method: 'GET', url: `${apiUrl}${path}`, timeoutMs: 5000 });
      expect(r.json.ok).toBe(false);
      expect(r.json.status).toBe(0);
      expect(r.json.error).toMatch(/larger than 1024 KB/);
    }
  });

  it('fills {{secrets.NAME}} from BATON_SECRET_NAME only, never sends it back, and refuses a missing one', async () => {
    process.env.BATON_SECRET_SIMTOKEN = 'tok-123-abc';
    try {
      const r = await call({ method: 'POST', url: `${apiUrl}/echo?key={{secrets.SIMTOKEN}}`, headers: { Authorization: 'Bearer {{secrets.SIMTOKEN}}' }, body: 'x', timeoutMs: 5000 });
      expect(seen.at(-1)!.headers.authorization).toBe('Bearer tok-123-abc');
      expect(seen.at(-1)!.url).toBe('/echo?key=tok-123-abc');
      expect(r.json.ok).toBe(true);
      expect(JSON.stringify(r.json)).not.toContain('tok-123-abc');
      expect(r.json.body.auth).toBe('Bearer [secret]');
    } finally {
      delete process.env.BATON_SECRET_SIMTOKEN;
    }
    // The bare NAME is NOT read (an imported flow must not reach any environment variable): only BATON_SECRET_NAME.
    process.env.SIMHTTP_BARE_ONLY = 'bare-value-xyz';
    try {
      const bare = await call({ method: 'GET', url: `${apiUrl}/json?k={{secrets.SIMHTTP_BARE_ONLY}}`, timeoutMs: 5000 });
      expect(bare.json).toMatchObject({ ok: false, status: 0, error: 'secret SIMHTTP_BARE_ONLY is not set: export BATON_SECRET_SIMHTTP_BARE_ONLY=... before starting the studio' });
    } finally {
      delete process.env.SIMHTTP_BARE_ONLY;
    }
    const before = seen.length;
    const m = await call({ method: 'GET', url: `${apiUrl}/json`, headers: { Authorization: 'Bearer {{secrets.NOPE_NOT_SET}}' }, timeoutMs: 5000 });
    expect(m.json).toMatchObject({ ok: false, status: 0, error: 'secret NOPE_NOT_SET is not set: export BATON_SECRET_NOPE_NOT_SET=... before starting the studio' });
    expect(seen.length).toBe(before); // nothing was sent
  });

  it('only http and https, also after a redirect; a redirect to http is followed', async () => {
    const f = await call({ method: 'GET', url: 'file:///etc/passwd', timeoutMs: 1000 });
    expect(f.json).toMatchObject({ ok: false, status: 0 });
    expect(f.json.error).toMatch(/only http:\/\/ and https:\/\//);
    const r = await call({ method: 'GET', url: `${apiUrl}/to-ftp`, timeoutMs: 1000 });
    expect(r.json).toMatchObject({ ok: false, status: 0 });
    expect(r.json.error).toMatch(/redirected to a ftp:\/\/ address/);
    const ok = await call({ method: 'GET', url: `${apiUrl}/to-json`, timeoutMs: 1000 });
    expect(ok.json).toMatchObject({ ok: true, status: 200, body: { order: 42 } });
  });

  it('a refused connection is ok:false status 0 in words', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    const r = await call({ method: 'GET', url: `http://127.0.0.1:${port}/x`, timeoutMs: 2000 });
    expect(r.json).toMatchObject({ ok: false, status: 0, error: 'the connection was refused (nothing listens on that port)' });
  });

  it('DNS and TLS failures are ok:false status 0 in words', async () => {
    const dns = await call({ method: 'GET', url: 'http://no-such-host.invalid/x', timeoutMs: 5000 });
    expect(dns.json).toMatchObject({ ok: false, status: 0, error: 'the host name could not be resolved (DNS)' });
    // https:// to a plain HTTP server: the handshake fails.
    const tls = await call({ method: 'GET', url: `${apiUrl.replace('http:', 'https:')}/json`, timeoutMs: 5000 });
    expect(tls.json).toMatchObject({ ok: false, status: 0 });
    expect(tls.json.error).toMatch(/^the TLS handshake failed \(/);
  });

  it('a malformed call is a 400 with what to send; no studio secret is a 401', async () => {
    const bad = await call({ method: 'GET' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/"url" must be a non-empty string/);
    const badMethod = await call({ method: 'TRACE', url: `${apiUrl}/json` });
    expect(badMethod.status).toBe(400);
    const before = seen.length;
    const none = await call({ method: 'GET', url: `${apiUrl}/json` }, null);
    expect(none.status).toBe(401);
    const wrong = await call({ method: 'GET', url: `${apiUrl}/json` }, 'not-the-secret');
    expect(wrong.status).toBe(401);
    expect(seen.length).toBe(before);
  });
});
