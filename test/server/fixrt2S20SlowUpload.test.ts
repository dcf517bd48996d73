/**
 * Review s19 R19 (runtime/server/leanRoute.ts connectionGuard): under pressure (3/4 of the connection cap), a request
 * whose body took more than 2 s to arrive was closed mid-send with no answer, though data kept coming (an admin flow
 * upload or a studio Publish of a large flow over a slow link). Now a request still arriving is kept while at least
 * PRESSURE_MIN_PROGRESS_BYTES come in per PRESSURE_IDLE_MS; a flood dripping a byte a second is still closed (as
 * fixrtS19Flood checks too). Real TCP; BATON_MAX_CONNECTIONS=8 (pressure from 6), five push streams hold the pressure.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from './runtimeFixtures';

const KEYS = ['BATON_MAX_CONNECTIONS', 'BATON_MAX_CONNECTIONS_PER_ADDRESS'] as const;
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
let rt: TestRuntime | null = null;
const open: net.Socket[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) s.destroy();
  await rt?.stop();
  rt = null;
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function connect(url: string): Promise<{ s: net.Socket; closed: () => boolean; got: () => string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    let closed = false;
    let got = '';
    const s = net.connect({ host: '127.0.0.1', port: Number(port) }, () => resolve({ s, closed: () => closed, got: () => got }));
    open.push(s);
    s.on('data', (d) => (got += d));
    s.on('error', () => undefined);
    s.once('close', () => (closed = true));
    s.once('error', reject);
  });
}

describe('review s19 R19: a slow but progressing upload under pressure', () => {
  it('is answered; a request dripping a byte a second is still closed', async () => {
    process.env.BATON_MAX_CONNECTIONS = '8';
    rt = await startTestRuntime();
    // Five customers' push streams, answered throughout: the server stays under pressure (6 of 8 with the two below).
    for (let i = 0; i < 5; i++) {
      const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
      const p = await connect(rt.url);
      p.s.write(`GET /api/v1/conversations/${c.conversationId}/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${c.token}\r\nAccept: text/event-stream\r\n\r\n`);
    }
    await pause(300);
    // An upload of 6,000 bytes at ~1.2 KB/s (5 s), and a dripper at a byte a second.
    const body = JSON.stringify({ flow: { note: 'x'.repeat(5980) } });
    const up = await connect(rt.url);
    up.s.write(`POST /api/v1/admin/flows HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`);
    const drip = await connect(rt.url);
    drip.s.write(`POST /api/v1/admin/flows HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`);
    const t0 = Date.now();
    let sent = 0;
    while (sent < body.length && !up.closed()) {
      up.s.write(body.slice(sent, sent + 300));
      sent += 300;
      if (!drip.closed()) drip.s.write(' ');
      await pause(250);
    }
    for (const until = Date.now() + 5000; !up.closed() && Date.now() < until; ) await pause(100);
    expect(Date.now() - t0).toBeGreaterThan(4000); // the upload did take longer than PRESSURE_IDLE_MS twice over
    expect(up.got(), 'the slow upload got no answer').toMatch(/^HTTP\/1\.1 \d{3}/);
    expect(drip.closed()).toBe(true);
    expect(drip.got()).toBe('');
  }, 30_000);
});
