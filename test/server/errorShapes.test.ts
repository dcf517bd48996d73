/**
 * One error shape everywhere (hostile s5 #12), over real HTTP on 127.0.0.1: errors Fastify raises before any hook
 * (a broken %-escape in the path), the 503s while draining, and JSON sent as text/plain (415, as docs/runtime.md
 * says) all answer { error, message, field? }, never Fastify's { statusCode, code, error: "Bad Request" }.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from './runtimeFixtures';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.stop().catch(() => undefined);
  rt = null;
});

/** Reads one raw HTTP response (status line, headers, body) from a socket. */
function readResponse(sock: Socket): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (d: Buffer) => {
      buf += d.toString('utf8');
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buf.slice(0, end);
      const len = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? NaN);
      const body = buf.slice(end + 4);
      if (Number.isNaN(len) || Buffer.byteLength(body) < len) return;
      sock.off('data', onData);
      resolve({ status: Number(head.split(' ')[1]), headers: head, body });
    };
    sock.on('data', onData);
    sock.once('error', reject);
  });
}

const shape = (body: any) => {
  expect(typeof body.error).toBe('string');
  expect(typeof body.message).toBe('string');
  expect(body.statusCode).toBeUndefined();
  expect(body.code).toBeUndefined();
};

describe('error shape', () => {
  it('a broken percent-escape in the path is 400 bad_url in the API shape', async () => {
    rt = await startTestRuntime();
    for (const path of ['/api/v1/agent/tickets/%E0%A4%A', '/api/v1/conversations/%E0%A4%A/messages', '/api/v1/flows/%/conversations']) {
      const r = await fetch(rt.url + path, { method: path.endsWith('tickets/%E0%A4%A') ? 'GET' : 'POST', headers: { 'content-type': 'application/json' }, body: path.endsWith('tickets/%E0%A4%A') ? undefined : '{}' });
      expect(r.status).toBe(400);
      const body = (await r.json()) as any;
      shape(body);
      expect(body.error).toBe('bad_url');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('JSON sent as text/plain is 415 unsupported_media_type, as the API docs say', async () => {
    rt = await startTestRuntime();
    const r = await fetch(`${rt.url}/api/v1/flows/shop/conversations`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(r.status).toBe(415);
    const body = (await r.json()) as any;
    shape(body);
    expect(body.error).toBe('unsupported_media_type');
  });

  it('a request that arrives while the server drains is 503 draining in the API shape, with Retry-After', async () => {
    rt = await startTestRuntime();
    const { port } = new URL(rt.url);
    // Socket A: a request in progress (its body not all sent) keeps the drain going.
    const a = connect(Number(port), '127.0.0.1');
    await new Promise((r) => a.once('connect', r));
    a.write(`POST /api/v1/flows/shop/conversations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{`);
    // Socket B: a request whose headers are only half sent when the drain starts.
    const b = connect(Number(port), '127.0.0.1');
    await new Promise((r) => b.once('connect', r));
    b.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await new Promise((r) => setTimeout(r, 100));
    const stopping = rt.stop();
    await new Promise((r) => setTimeout(r, 200));
    const answer = readResponse(b);
    b.write('\r\n');
    const r = await answer;
    expect(r.status).toBe(503);
    expect(r.headers).toMatch(/retry-after: 1/i);
    const body = JSON.parse(r.body);
    shape(body);
    expect(body.error).toBe('draining');
    // The request in progress still finishes.
    const done = readResponse(a);
    a.write('}');
    expect((await done).status).toBe(201);
    a.destroy();
    b.destroy();
    await stopping;
    rt = null;
  });
});
