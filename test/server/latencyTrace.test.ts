/**
 * BATON_LATENCY_TRACE (runtime/serve/latencyTrace.ts, session 9): `baton serve` (one worker thread, as users run it)
 * writes one trace per thread when it stops, and a customer message's marks follow its path in order: the main thread
 * took it, the shard read the conversation, asked for the commit, lmdb ran its transaction callback, committed and
 * flushed it, then the main thread had the answer. Without the variable nothing is written.
 * test/bench/latencyTrace.ts and rateCompare (BENCH_TRACE=1) read these files to attribute the fixed-rate tail.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { callJson } from '../support/runtimeHarness';
import { shopFlow } from './runtimeFixtures';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'baton-latency-trace-'));
const flowFile = join(dir, 'shop.json');
writeFileSync(flowFile, JSON.stringify(shopFlow()));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MARK = { accept: 1, answered: 2, read: 10, commit: 11, txn: 12, committed: 13, durable: 14 };

/** Starts `baton serve`, sends one customer message, stops it with SIGTERM (its drain), answers the message's status. */
async function serveOneMessage(data: string, env: Record<string, string>): Promise<{ conversationId: string; status: number }> {
  const { BATON_WORKERS: _w, BATON_LATENCY_TRACE: _t, ...base } = process.env;
  const child = spawn(process.execPath, [join(root, 'bin/baton.js'), 'serve', flowFile, '--port', '0', '--data', data], { cwd: dir, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line in 60 s: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /ready at (http:\/\/[^\s]+) /.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d));
  });
  try {
    const c = await callJson(`${url}/api/v1/flows/shop/conversations`, 'POST', {});
    const sent = await callJson(`${url}/api/v1/conversations/${c.body.conversationId}/messages`, 'POST', { text: 'hello' }, c.body.token);
    return { conversationId: c.body.conversationId, status: sent.status };
  } finally {
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

async function tracedMessageInOrder(name: string, env: Record<string, string> = {}, makeFolder = true) {
  const traceDir = join(dir, `traced-${name}`, makeFolder ? '' : 'not/made/yet');
  if (makeFolder) mkdirSync(traceDir);
  const { conversationId, status } = await serveOneMessage(join(dir, name), { ...env, BATON_LATENCY_TRACE: traceDir });
  expect(status).toBe(200);
  const traces = readdirSync(traceDir).map((f) => JSON.parse(readFileSync(join(traceDir, f), 'utf8')) as { thread: string; names: string[]; marks: number[]; txns: number[] });
  expect(traces.map((t) => t.thread).sort()).toEqual(['main', expect.stringMatching(/^worker\d+$/)]);
  // The message's marks across both threads, by code (the conversation's creation commits too: take the last of each).
  const at = new Map<number, number>();
  for (const t of traces) {
    const k = t.names.indexOf(conversationId);
    if (k < 0) continue;
    for (let j = 0; j < t.marks.length; j += 3) if (t.marks[j + 1] === k) at.set(t.marks[j], t.marks[j + 2]);
  }
  const order = [MARK.accept, MARK.read, MARK.commit, MARK.txn, MARK.committed, MARK.durable, MARK.answered].map((code) => at.get(code));
  for (const t of order) expect(t).toBeTypeOf('number');
  for (let i = 1; i < order.length; i++) expect(order[i]!).toBeGreaterThanOrEqual(order[i - 1]!);
  // Times are epoch milliseconds (comparable with the load generator's).
  expect(Math.abs(order[0]! - Date.now())).toBeLessThan(120_000);
  return traces;
}

describe('BATON_LATENCY_TRACE', () => {
  it('makes a folder that does not exist yet (hostile s9 #6: every stop failed and the trace was lost)', async () => {
    const traces = await tracedMessageInOrder('missing', {}, false);
    expect(traces.every((t) => (t as unknown as { truncated: boolean }).truncated === false)).toBe(true);
  }, 120_000);
  it("writes each thread's trace at stop, with one message's marks in path order", async () => {
    const traces = await tracedMessageInOrder('d1');
    expect(traces.find((t) => t.thread !== 'main')!.txns.length).toBeGreaterThan(0);
  }, 120_000);

  it('writes nothing without the variable', async () => {
    const d = join(dir, 'd2');
    const { status } = await serveOneMessage(d, {});
    expect(status).toBe(200);
    expect(readdirSync(d).filter((f) => f.startsWith('trace-'))).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.startsWith('trace-'))).toEqual([]);
  }, 120_000);
});
