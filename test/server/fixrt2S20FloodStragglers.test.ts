/**
 * Session 20 (CI under load: fixrtS19Flood saw flood connections still open after 10 s): under pressure (3/4 of the
 * connection cap) the guard closes idle and half-sent connections after 2 s, but only while the count stays at 3/4 of
 * the cap. Connections whose request the server read a moment later (their clock reset) survived the round that
 * closed the rest, and then the count was under 3/4, so they stayed open until the 30 s request timeout. Now pressure
 * lasts PRESSURE_LINGER_MS after the count last reached 3/4: the stragglers are closed within seconds too. Real TCP.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from './runtimeFixtures';

const KEYS = ['BATON_MAX_CONNECTIONS', 'BATON_MAX_CONNECTIONS_PER_ADDRESS', 'BATON_REQUEST_TIMEOUT_MS'] as const;
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

function connectFrom(url: string, from: string): Promise<{ s: net.Socket; closed: () => boolean }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    let closed = false;
    const s = net.connect({ host: '127.0.0.1', port: Number(port), localAddress: from }, () => resolve({ s, closed: () => closed }));
    open.push(s);
    s.on('error', () => undefined);
    s.once('close', () => (closed = true));
    s.once('error', reject);
  });
}

describe('a flood\'s stragglers under pressure', () => {
  it('connections whose request arrives after the first round are closed within seconds, not at the request timeout', async () => {
    process.env.BATON_MAX_CONNECTIONS = '40';
    process.env.BATON_REQUEST_TIMEOUT_MS = '30000';
    rt = await startTestRuntime();
    const conv = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    // 30 idle connections (pressure: 3/4 of 40) and 6 stragglers, from 12 addresses.
    const flood: Array<{ s: net.Socket; closed: () => boolean }> = [];
    for (let i = 0; i < 36; i++) flood.push(await connectFrom(rt.url, `127.0.3.${(i % 12) + 1}`));
    const stragglers = flood.slice(30);
    const t0 = Date.now();
    // After the guard's first look, the stragglers send a request's headers and not its body: their state changes, so
    // they are not closed with the idle ones.
    await pause(1200);
    for (const f of stragglers) f.s.write(`POST /api/v1/conversations/${conv.conversationId}/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${conv.token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`);
    while (flood.slice(0, 30).some((f) => !f.closed()) && Date.now() - t0 < 10_000) await pause(100);
    expect(flood.slice(0, 30).every((f) => f.closed())).toBe(true);
    while (stragglers.some((f) => !f.closed()) && Date.now() - t0 < 15_000) await pause(100);
    expect(stragglers.filter((f) => !f.closed()).length, 'stragglers still open').toBe(0);
    expect(Date.now() - t0).toBeLessThan(15_000);
  }, 40_000);
});
