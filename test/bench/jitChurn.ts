/**
 * Session 12 (rtcpu): does V8 keep optimizing and deoptimizing the runtime's code under a steady load? Starts one
 * `baton serve` (this checkout's bundle) with --trace-opt --trace-deopt, drives the runtimeCpu load (100 connections,
 * 1,000 conversations) in consecutive windows, and prints per window: messages, CPU ms per message, compilations
 * started, deoptimizations, and the functions deoptimized most (all threads: V8's flags are per process).
 *
 *   npx tsx test/bench/jitChurn.ts        (JC_WINDOWS=8 JC_SECONDS=5 JC_NODE_FLAGS='...' extra node flags,
 *        JC_LOG=/tmp/jit.log keeps the server's whole V8 trace, e.g. with JC_NODE_FLAGS=--trace-deopt-verbose)
 * Linux only (/proc). Prints tables; never pass/fail.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConversations, ensureRuntimeBundle, load, startBare, startBaton } from './runtime';
import { cpuMs, threadCpuMs } from './runtimeCpu';

const WINDOWS = Number(process.env.JC_WINDOWS ?? 8);
const SECONDS = Number(process.env.JC_SECONDS ?? 5);
const extra = (process.env.JC_NODE_FLAGS ?? '').split(' ').filter(Boolean);

const dir = mkdtempSync(join(tmpdir(), 'baton-jit-'));
ensureRuntimeBundle();
const bare = await startBare();
const b = await startBaton(dir, bare.url, undefined, ['--trace-opt', '--trace-deopt', ...extra]);
let compiles = 0;
let deopts = 0;
let byFn = new Map<string, number>();
let buf = '';
b.child.stdout!.on('data', (c: Buffer) => {
  if (process.env.JC_LOG) appendFileSync(process.env.JC_LOG, c);
  buf += c.toString('latin1');
  let i: number;
  while ((i = buf.indexOf('\n')) >= 0) {
    const line = buf.slice(0, i);
    buf = buf.slice(i + 1);
    if (line.includes('[compiling method')) compiles++;
    else if (line.includes('[bailout (kind:')) {
      deopts++;
      const m = /<JSFunction ([^ >]*)/.exec(line);
      const reason = /reason: ([^)\]]*)/.exec(line)?.[1] ?? '';
      const k = `${m?.[1] ?? '?'} (${reason})`;
      byFn.set(k, (byFn.get(k) ?? 0) + 1);
    }
  }
});
b.child.stderr!.resume();
const convs = await createConversations(b.url, 1000);
const path = (i: number) => `/api/v1/conversations/${convs[i % convs.length].id}/messages`;
const headers = (i: number) => ({ authorization: `Bearer ${convs[i % convs.length].token}` });
console.log(`jitChurn: load ${os.loadavg()[0].toFixed(1)}`);
console.log('| window | msgs | CPU ms/msg | busiest other thread ms/msg | compilations | deopts | top deopts |');
console.log('|---|---|---|---|---|---|---|');
for (let w = 0; w < WINDOWS; w++) {
  compiles = 0;
  deopts = 0;
  byFn = new Map();
  const c0 = cpuMs(b.child.pid!);
  const t0 = threadCpuMs(b.child.pid!);
  const r = await load(b.url, 100, path, headers, SECONDS, 1000);
  const t1 = threadCpuMs(b.child.pid!);
  const d = [...t1].filter(([tid]) => tid !== String(b.child.pid)).map(([tid, ms]) => ms - (t0.get(tid) ?? 0)).sort((x, y) => y - x);
  const top = [...byFn].sort((x, y) => y[1] - x[1]).slice(0, 4).map(([k, n]) => `${k} x${n}`).join('; ');
  console.log(`| ${w + 1} | ${r.ok} | ${((cpuMs(b.child.pid!) - c0) / Math.max(1, r.ok)).toFixed(3)} | ${(d[0] / Math.max(1, r.ok)).toFixed(3)} (others ${d.slice(1).map((x) => (x / Math.max(1, r.ok)).toFixed(3)).join(', ')}) | ${compiles} | ${deopts} | ${top} |`);
}
b.child.kill('SIGTERM');
await new Promise((r) => b.child.on('exit', r));
bare.child.kill('SIGKILL');
rmSync(dir, { recursive: true, force: true });
