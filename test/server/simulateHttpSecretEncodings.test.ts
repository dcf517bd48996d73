/**
 * The studio's "Call for real" and `baton chat --http live` (both runtime/studio/simulateHttp.ts) never hand a secret
 * back, whatever encoding the remote echoes it in: the hostile tester's session-5 repro (an echo server answering
 * PHP-style JSON, every character as \uXXXX, the URL percent-encoded, a JSON text inside a JSON string, a redirect, a
 * 500 text error) and a secret in the host name (the invalid-URL error quoted the filled URL). Also the chat command
 * end to end: printed output and the saved scenario file. Real HTTP on 127.0.0.1.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateHttp } from '../../runtime/studio/simulateHttp';
import { chatCommand } from '../../runtime/cli/chatCommand';
import { readFlowFile } from '../../runtime/cli/readFlowFile';

const SECRET = 's3cr3t/Pa55+é"xyz';
const env = { BATON_SECRET_KEY: SECRET };
const leaks = (text: string) =>
  [SECRET, encodeURIComponent(SECRET), JSON.stringify(SECRET).slice(1, -1), 's3cr3t', 'Pa55'].filter((form) => text.includes(form));

let server: Server;
let base: string;
const dir = mkdtempSync(join(tmpdir(), 'baton-mask-'));

beforeAll(async () => {
  server = createServer((req, res) => {
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const key = String(req.headers['x-api-key'] ?? '');
      const mode = u.pathname.split('/')[1];
      res.setHeader('content-type', 'application/json');
      if (mode === 'php') {
        const s = JSON.stringify({ status: key, eta: u.searchParams.get('k') ?? '' })
          .replace(/\//g, '\\/')
          .replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
        return res.end(s);
      }
      if (mode === 'unicode') return res.end('{"status":"' + [...key].map((c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')).join('') + '","eta":"x"}');
      if (mode === 'raw') return res.end(JSON.stringify({ status: req.url, eta: JSON.stringify(req.headers), body: b }));
      if (mode === 'redir') {
        res.writeHead(302, { location: `${base}/raw/after` });
        return res.end();
      }
      if (mode === 'err') {
        res.writeHead(500, { 'content-type': 'text/plain' });
        return res.end('error for ' + req.url + ' with ' + Buffer.from(`user:${key}`).toString('base64'));
      }
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const call = (path: string, extra: { body?: string; bodyFormat?: 'json' | 'form' | 'text'; method?: string } = {}) =>
  simulateHttp(
    { method: extra.method ?? 'GET', url: `${base}/${path}?k={{secrets.KEY}}`, headers: { 'X-Api-Key': '{{secrets.KEY}}' }, body: extra.body, bodyFormat: extra.bodyFormat },
    { env },
  );

describe('Call for real masks a secret in every encoding the remote echoes', () => {
  it.each(['php', 'unicode', 'raw', 'redir', 'err'])('echo mode %s', async (mode) => {
    const r = await call(`${mode}/NW-1`);
    const text = JSON.stringify(r);
    expect(r.status, text).toBeGreaterThan(0);
    expect(leaks(text), text).toEqual([]);
    expect(text).toContain('[secret]');
  });

  it('a JSON body and a form body echoed back', async () => {
    for (const bodyFormat of ['json', 'form'] as const) {
      const body = bodyFormat === 'json' ? '{"key":"{{secrets.KEY}}"}' : 'key={{secrets.KEY}}&x=1';
      const r = await call('raw/post', { method: 'POST', body, bodyFormat });
      const text = JSON.stringify(r);
      expect(leaks(text), text).toEqual([]);
      expect((r.body as { body: string }).body).toContain('[secret]');
    }
  });

  it('a secret in the host name: the invalid-URL error does not quote it', async () => {
    const r = await simulateHttp({ method: 'GET', url: 'http://{{secrets.KEY}}.invalid/NW-1', headers: {} }, { env });
    const text = JSON.stringify(r);
    expect(r.ok).toBe(false);
    expect(r.error).toContain('[secret]');
    expect(leaks(text), text).toEqual([]);
  });
});

describe('baton chat --http live prints and saves no encoded secret', () => {
  it('PHP-style JSON echo: output and scenarios file clean', async () => {
    const flow = JSON.parse(readFileSync('flows/customer-support.json', 'utf8'));
    const block = flow.blocks.find((b: { id: string }) => b.id === 'get_order');
    block.data.url = `${base}/php/{{orderNumber}}?k={{secrets.KEY}}`;
    block.data.headers = { Accept: 'application/json', 'X-Api-Key': '{{secrets.KEY}}' };
    const flowFile = join(dir, 'php.json');
    writeFileSync(flowFile, JSON.stringify(flow));
    const loaded = await readFlowFile(flowFile);
    if (loaded.status !== 'ok') throw new Error(`flow does not load: ${JSON.stringify(loaded)}`);
    let out = '';
    await chatCommand(flowFile, loaded.flow, {
      now: Date.parse('2026-03-02T10:00:00Z'),
      http: 'live',
      color: false,
      input: Readable.from(['Track my order\n', 'NW-104233\n', '/save leak\n']),
      interactive: false,
      write: (t) => void (out += t),
      env,
    });
    expect(out).toContain('saved scenario "leak"');
    expect(leaks(out), out).toEqual([]);
    const saved = readFileSync(join(dir, 'php.scenarios.json'), 'utf8');
    expect(saved).toContain('[secret]');
    expect(leaks(saved), saved).toEqual([]);
  });
});
