/**
 * Hostile s18 #7 (session 19): a masked value ("•") or any non-Latin-1 text in an HTTP Request block's header made
 * node:http throw and the block take its error exit with "Invalid character in header content". Now a masked secret
 * is refused in words (no request is sent), other text is sent as its UTF-8 bytes. Real HTTP on a local port.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callHttp, type HttpRequestEffect } from '../../runtime/effects/httpCall';

let server: Server;
const seen: IncomingMessage[] = [];
const PORT = 4631;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ name: Buffer.from(String(req.headers['x-name'] ?? ''), 'latin1').toString('utf8') }));
  });
  await new Promise<void>((r) => server.listen(PORT, '127.0.0.1', r));
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const call = (headers: Record<string, string>) =>
  callHttp({ type: 'http_request', requestId: 'r1', method: 'GET', url: `http://127.0.0.1:${PORT}/orders`, headers, bodyFormat: 'json', timeoutMs: 3000 } as unknown as HttpRequestEffect, {
    timeoutMs: 3000,
    maxBytes: 100_000,
    maxRedirects: 2,
  });

describe('hostile s18 #7: HTTP Request headers', () => {
  it('text beyond Latin-1 is sent (as UTF-8 bytes) and the call succeeds', async () => {
    const r = await call({ 'X-Name': 'Zoë 李小龍 😀' });
    expect(r.ok).toBe(true);
    expect(r.body).toEqual({ name: 'Zoë 李小龍 😀' });
  });

  it('a masked card number or "[hidden]" password is not sent; the error says why in words', async () => {
    const before = seen.length;
    for (const v of ['•••• 1111', 'Bearer [hidden]', 'pin •••']) {
      const r = await call({ 'X-Card': v });
      expect(r.ok).toBe(false);
      expect(r.error).toMatch(/the header X-Card holds a masked secret .*never keeps them.*the call was not made/);
    }
    expect(seen.length).toBe(before);
  });

  it('a header name that is no HTTP token is refused in words; line breaks in a value are taken out', async () => {
    const bad = await call({ 'X Name': 'a' });
    expect(bad.error).toMatch(/the header name "X Name" cannot be sent/);
    const ok = await call({ 'X-Name': 'a\r\nInjected: yes' });
    expect(ok.ok).toBe(true);
    expect(seen.at(-1)!.headers.injected).toBeUndefined();
  });
});
