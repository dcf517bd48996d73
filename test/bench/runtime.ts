/**
 * Runtime load test on loopback: `baton serve flows/customer-support.json` (embedded lmdb store, its own
 * process) under 1,000 concurrent conversations sending customer messages, next to a bare node:http server
 * (also its own process) that parses the same JSON body and answers a reply of the same shape, measured in the
 * same run. Then the memory of 10,000 idle conversations. Prints tables; never pass/fail.
 *
 *   npx tsx test/bench/runtime.ts            (alone)
 *   npm run bench                            (with the other sections)
 *   BENCH_RATE=5000 BENCH_RATE_CONNECTIONS=1000 (session 7, default): also each server at a FIXED overall rate (open
 *        loop, test/bench/fixedRate.ts): 1,000 conversations on 1,000 connections, latency counted from when each
 *        message was due; the issue's "p99 under 50 ms" is read on this row. BENCH_RATE=0 leaves it out.
 *        Since session 7 `baton serve` runs one worker thread by default: BENCH_WORKERS=0 adds the unsharded server.
 *   BENCH_WORKERS=2 npx tsx test/bench/runtime.ts   (session 6: also `baton serve --workers 2` -- conversations on
 *        worker threads -- in the same alternating rounds, its own rows and targets, and its idle memory; a comma
 *        list such as 1,2 adds one server per count)
 *
 *   BENCH_HOURS=closed|open|clock (session 31, default closed): the flow's takeover never open, always open, or as
 *        shipped (Mon-Fri 08-20, Sat 09-13 London). With no agent signed in, the path (queue in hours, the follow-up
 *        ticket's email question out of hours) and the CPU per message depend on it: see benchHours.ts. Also for
 *        runtimeCpu.ts and rateCompare.ts (they start the server through startBaton).
 *   BENCH_TEXTS=distinct|pool (session 35, default distinct): the customers' texts: 50,000 generated, nearly all
 *        different (the engine's per-text memories hit as little as on real traffic), or the 30 texts of `messagePool`
 *        over and over (sessions 4-34's figures). Also for the benches that use `load` / `loadFixedRate` below.
 *
 * Load generator: autocannon, in this process; the servers run in child processes, so on a 2-core machine the
 * server under test gets about one core and the load generator the other.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { benchTexts } from './conversationGenerator';
import { startTestRedis, type TestRedis } from '../server/redisServer';
import { loadAtRate, type RateLoad } from './fixedRate';
import { benchHours, benchHoursText } from './benchHours';
import { existsSync } from 'node:fs';
import { table } from './benchTable';

/** BENCH_BATON_ROOT: serve from another checkout (e.g. a `git worktree` of an older commit, for before/after runs). */
const root = process.env.BENCH_BATON_ROOT ?? fileURLToPath(new URL('../../', import.meta.url));
/** 1,000 conversations, driven over two connection counts: 100 keep-alive connections (a proxy's pool; each
 * request goes to the next conversation) and 1,000 (one connection per conversation). */
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 1000);
const CONNECTION_COUNTS = (process.env.BENCH_CONNECTIONS ?? '100,1000').split(',').map(Number);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
/** BENCH_IDLE_TSX=0 skips the tsx baseline of the idle-memory rows (two more 10,000-conversation servers each). */
const IDLE_COMPARE_TSX = process.env.BENCH_IDLE_TSX !== '0';
const IDLE = Number(process.env.BENCH_IDLE ?? 10_000);
/** Session 7: the fixed-rate row (messages/s over all connections; 0 = no such row) and its connection count. */
const RATE = Number(process.env.BENCH_RATE ?? 5000);
const RATE_CONNECTIONS = Number(process.env.BENCH_RATE_CONNECTIONS ?? 1000);
/**
 * BENCH_IDEM=1 (session 19): the closed-loop load (`load`: runtime.ts and runtimeCpu.ts) sends each message with its own
 * Idempotency-Key, as the web widget does (renderer/widget/chatClient.ts): the service then also stores each answer for
 * a retry, a path the bare API's messages do not take. The bare server ignores the header.
 */
const IDEM = process.env.BENCH_IDEM === '1';
let idemSeq = 0; // keys stay unique across rounds on the same server
/** BENCH_TEXTS: what the customers type (see the header). */
const TEXTS = benchTexts();

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/**
 * Builds dist/runtime (scripts/build-runtime.mjs, ~0.5 s) in `batonRoot` when that checkout has the script, so the
 * bench measures what `baton serve` runs after `npm run build`: the bundle, not tsx. Older checkouts (before/after
 * runs) have no script and run tsx, as they always did.
 */
export function ensureRuntimeBundle(batonRoot = root): void {
  const script = join(batonRoot, 'scripts/build-runtime.mjs');
  if (!existsSync(script)) return;
  const r = spawnSync(process.execPath, [script], { cwd: batonRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${script} failed (exit ${r.status}): the bench would measure tsx instead of the bundle`);
}

/** RSS of an empty `baton serve` and of the same server holding `count` idle conversations. */
export async function idleMemory(apiUrl: string, count: number, extraEnv: Record<string, string> = {}): Promise<{ empty: number; idle: number; anon: number; file: number; createMs: number; startMs: number }> {
  const t00 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-idle-'));
  const s = await startBaton(dir, apiUrl, undefined, [], root, extraEnv);
  const startMs = performance.now() - t00;
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const empty = rssMb(s.child.pid!);
    const t0 = performance.now();
    await createConversations(s.url, count, 100);
    const createMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 2000));
    return { empty, idle: rssMb(s.child.pid!), anon: rssMb(s.child.pid!, 'RssAnon'), file: rssMb(s.child.pid!, 'RssFile'), createMs, startMs };
  } finally {
    s.child.kill('SIGTERM');
    await new Promise((r) => s.child.on('exit', r));
    rmSync(dir, { recursive: true, force: true }); // ~35 MB of lmdb data per run
  }
}

function rssMb(pid: number, field = 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(field + ':\\s+(\\d+)').exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function waitForLine(child: ChildProcess, re: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    // BENCH_START_S (session 45): how long a server may take to start (60 s; on a machine at load 30 that was too short).
    const timer = setTimeout(() => reject(new Error('server did not start\n' + out + err)), Number(process.env.BENCH_START_S ?? 60) * 1000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = re.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}\n${out}${err}`)));
  });
}

/**
 * The customer-support flow with its HTTP request block pointed at `apiUrl` (a local mock answering at once): the
 * real flow calls api.northwind.example, which does not resolve here, and every failed DNS lookup would hold a
 * libuv thread for ~0.3 s and the customer's request with it. Its takeover's opening hours are pinned by BENCH_HOURS
 * (benchHours.ts, session 31: default closed), so the path measured does not depend on the time of day.
 */
function benchFlow(dir: string, apiUrl: string, batonRoot = root): string {
  const file = join(dir, 'customer-support.json');
  const text = readFileSync(join(batonRoot, 'flows/customer-support.json'), 'utf8').replaceAll('https://api.northwind.example', apiUrl);
  writeFileSync(file, benchHoursText(text, benchHours()));
  return file;
}

export async function startBaton(dir: string, apiUrl: string, redisUrl?: string, nodeFlags: string[] = [], batonRoot = root, extraEnv: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ logLevel: 'warn', rateLimit: { perAddressPerMinute: 1e9, perConversationPerMinute: 1e9 }, retentionDays: 0 }));
  const child = spawn(process.execPath, [...nodeFlags, join(batonRoot, 'bin/baton.js'), 'serve', benchFlow(dir, apiUrl, batonRoot), '--port', '0', '--data', join(dir, 'data'), '--config', config, ...(redisUrl ? ['--redis', redisUrl] : [])], {
    cwd: batonRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', ...extraEnv },
  });
  const m = await waitForLine(child, /ready at (http:\/\/\S+) /);
  return { url: m[1], child };
}

// The bare server listens with the same accept backlog as `baton serve` (4,096, rtfast s16 4d49744): with node's
// default 511 the fixed-rate driver's 1,000 simultaneous connects overflow the kernel's accept queue and the dropped
// SYNs retry after 1 s, which is the kernel's doing, not either server's.
const BARE = `
const http = require('node:http');
let seq = 0;
http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.method === 'GET') {
      // Also the order API of the customer-support flow's HTTP request block during the baton run.
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ status: 'shipped', eta: 'Friday' }));
    }
    let text = '';
    try { text = JSON.parse(body).text; } catch { res.writeHead(400); return res.end(); }
    seq += 2;
    const reply = { mode: 'bot', messages: [{ id: 'c:' + seq, seq, from: 'bot', text: 'You said: ' + text, at: Date.now() }], handoff: null, lastSeq: seq };
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(reply));
  });
}).listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, function () { console.log('bare ready at http://127.0.0.1:' + this.address().port + ' '); });
`;

export async function startBare(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', BARE], { stdio: ['ignore', 'pipe', 'pipe'] });
  const m = await waitForLine(child, /ready at (http:\/\/\S+) /);
  return { url: m[1], child };
}

/**
 * Session 40 (perf): opens each conversation's push stream as the web widget does (GET .../events?token=...), so a load
 * includes the push fan-out (BENCH_PUSH=1 in threadsCpu.ts and runtimeCpu.ts); counts the `message` events received.
 */
export function openPushStreams(url: string, convs: Array<{ id: string; token: string }>): { events: () => number; close: () => void } {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const reqs: http.ClientRequest[] = [];
  let events = 0;
  for (const c of convs) {
    const req = http.get(`${url}/api/v1/conversations/${c.id}/events?token=${encodeURIComponent(c.token)}`, { agent }, (res) => {
      if (res.statusCode !== 200) throw new Error(`push stream of ${c.id}: HTTP ${res.statusCode}`);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        for (let i = chunk.indexOf('event: message'); i >= 0; i = chunk.indexOf('event: message', i + 1)) events++;
      });
    });
    req.on('error', () => undefined); // closed by `close` below
    reqs.push(req);
  }
  return { events: () => events, close: () => reqs.forEach((r) => r.destroy()) };
}

export async function createConversations(url: string, n: number, concurrency = 50): Promise<Array<{ id: string; token: string }>> {
  const out: Array<{ id: string; token: string }> = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        next++;
        const res = await fetch(`${url}/api/v1/flows/customer-support/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        const body = (await res.json()) as { conversationId: string; token: string };
        out.push({ id: body.conversationId, token: body.token });
      }
    }),
  );
  return out;
}

export interface Load {
  ok: number;
  non2xx: number;
  errors: number;
  perSec: number;
  p50: number;
  p99: number;
}

/** Each request goes to the next of the conversations (`pathFor(i)`, `headersFor(i)`), round robin. */
export async function load(url: string, connections: number, pathFor: (i: number) => string, headersFor: (i: number) => Record<string, string>, seconds: number, conversations = CONVERSATIONS): Promise<Load> {
  let next = 0;
  let msg = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    pipelining: 1,
    requests: [
      {
        setupRequest: (req: any) => {
          const i = next++ % conversations;
          const text = TEXTS.texts[msg++ % TEXTS.texts.length];
          const headers: Record<string, string> = { 'content-type': 'application/json', ...headersFor(i) };
          if (IDEM) headers['idempotency-key'] = `bench-${process.pid}-${++idemSeq}`;
          return { ...req, method: 'POST', path: pathFor(i), headers, body: JSON.stringify({ text }) };
        },
      },
    ],
  } as any);
  const ok = result['2xx'];
  return { ok, non2xx: result.non2xx, errors: result.errors + result.timeouts, perSec: ok / seconds, p50: result.latency.p50, p99: result.latency.p99 };
}

/** The fixed-rate row's load (see test/bench/fixedRate.ts): RATE messages/s, conversation i on connection i. */
export function loadFixedRate(url: string, pathFor: (i: number) => string, headersFor: (i: number) => Record<string, string>, seconds = DURATION_S, rate = RATE): Promise<RateLoad> {
  return loadAtRate(url, { connections: RATE_CONNECTIONS, rate, seconds, conversations: CONVERSATIONS }, pathFor, headersFor, (k) => JSON.stringify({ text: TEXTS.texts[k % TEXTS.texts.length] }));
}

export async function runtimeBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-runtime-'));
  const children: ChildProcess[] = [];
  let redis: TestRedis | null = null;
  try {
    ensureRuntimeBundle();
    const load0 = os.loadavg()[0];
    // Both servers stay up; rows alternate bare / baton and each figure is the best of ROUNDS runs, so a burst of
    // other work on a shared machine does not land on one server only.
    const bare = await startBare();
    children.push(bare.child);
    const baton = await startBaton(dir, bare.url); // the bare server is also the flow's order API
    children.push(baton.child);
    const convs = await createConversations(baton.url, CONVERSATIONS);
    const path = (i: number) => `/api/v1/conversations/${convs[i % convs.length].id}/messages`;
    const headers = (i: number) => ({ authorization: `Bearer ${convs[i % convs.length].token}` });
    // The same driver against `baton serve --redis` (one instance, a local redis-server with appendonly yes and
    // appendfsync always: every acknowledged message fsynced, as with lmdb). Skipped when redis-server is missing.
    let viaRedis: { url: string; child: ChildProcess; path: (i: number) => string; headers: (i: number) => Record<string, string> } | null = null;
    if (existsSync('/usr/bin/redis-server')) {
      redis = await startTestRedis();
      const r = await startBaton(mkdtempSync(join(dir, 'redis-')), bare.url, redis.url);
      children.push(r.child);
      const rc = await createConversations(r.url, CONVERSATIONS);
      viaRedis = {
        ...r,
        path: (i) => `/api/v1/conversations/${rc[i % rc.length].id}/messages`,
        headers: (i) => ({ authorization: `Bearer ${rc[i % rc.length].token}` }),
      };
      await load(r.url, 100, viaRedis.path, viaRedis.headers, 3); // warm-up
    } else {
      console.log('\nRuntime bench: /usr/bin/redis-server is missing (apt-get install redis-server): the Redis row is skipped.');
    }
    // BENCH_WORKERS=2[,N]: the same checkout with `--workers N` (BATON_WORKERS), measured in the same rounds.
    const sharded: Array<{ workers: number; url: string; child: ChildProcess; path: (i: number) => string; headers: (i: number) => Record<string, string>; runs: Map<number, Load> }> = [];
    for (const w of (process.env.BENCH_WORKERS ?? '').split(',').filter(Boolean).map(Number)) {
      const s = await startBaton(mkdtempSync(join(dir, `workers${w}-`)), bare.url, undefined, [], root, { BATON_WORKERS: String(w) });
      children.push(s.child);
      const sc = await createConversations(s.url, CONVERSATIONS);
      sharded.push({ workers: w, ...s, path: (i) => `/api/v1/conversations/${sc[i % sc.length].id}/messages`, headers: (i) => ({ authorization: `Bearer ${sc[i % sc.length].token}` }), runs: new Map() });
      await load(s.url, 100, sharded.at(-1)!.path, sharded.at(-1)!.headers, 3); // warm-up
    }
    await load(bare.url, 100, () => '/m', () => ({}), 2); // warm-up
    await load(baton.url, 100, path, headers, 3); // warm-up (JIT, lmdb pages)
    const bareRuns = new Map<number, Load>();
    const batonRuns = new Map<number, Load>();
    const redisRuns = new Map<number, Load>();
    const better = (a: Load | undefined, b: Load) => (a && a.perSec >= b.perSec ? a : b);
    // The fixed-rate row: each server's run with the lowest p99 among the rounds (all at the same offered rate).
    const rateRuns = new Map<string, RateLoad>();
    const steadier = (key: string, r: RateLoad) => {
      const a = rateRuns.get(key);
      if (!a || r.p99 < a.p99 || Number.isNaN(a.p99)) rateRuns.set(key, r);
    };
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of CONNECTION_COUNTS) {
        bareRuns.set(c, better(bareRuns.get(c), await load(bare.url, c, () => '/m', () => ({}), DURATION_S)));
        batonRuns.set(c, better(batonRuns.get(c), await load(baton.url, c, path, headers, DURATION_S)));
        if (viaRedis) redisRuns.set(c, better(redisRuns.get(c), await load(viaRedis.url, c, viaRedis.path, viaRedis.headers, DURATION_S)));
        for (const sh of sharded) sh.runs.set(c, better(sh.runs.get(c), await load(sh.url, c, sh.path, sh.headers, DURATION_S)));
      }
      if (RATE > 0) {
        steadier('bare', await loadFixedRate(bare.url, () => '/m', () => ({})));
        steadier('baton', await loadFixedRate(baton.url, path, headers));
        if (viaRedis) steadier('redis', await loadFixedRate(viaRedis.url, viaRedis.path, viaRedis.headers));
        for (const sh of sharded) steadier(`workers${sh.workers}`, await loadFixedRate(sh.url, sh.path, sh.headers));
      }
    }
    const shardedRss = sharded.map((sh) => rssMb(sh.child.pid!));
    for (const sh of sharded) sh.child.kill('SIGTERM');
    const bareRss = rssMb(bare.child.pid!);
    const batonRss = rssMb(baton.child.pid!);
    const redisBatonRss = viaRedis ? rssMb(viaRedis.child.pid!) : 0;
    if (viaRedis) viaRedis.child.kill('SIGTERM');
    baton.child.kill('SIGTERM');
    await new Promise((r) => baton.child.on('exit', r));

    // 10,000 idle conversations on a fresh server: what users run (the bundle), then the same through tsx (the
    // baseline: what bin/baton.js runs when there is no up-to-date build).
    const idleRuns = IDLE_COMPARE_TSX ? [['bundle', 'bundle'], ['tsx', 'tsx'], ['bundle', 'bundle'], ['tsx', 'tsx']] : [['bundle', 'bundle']];
    const idleBy = new Map<string, Awaited<ReturnType<typeof idleMemory>>[]>();
    for (const [label, mode] of idleRuns) {
      const m = await idleMemory(bare.url, IDLE, { BATON_RUNTIME: mode });
      idleBy.set(label, [...(idleBy.get(label) ?? []), m]);
    }
    const idleSharded = new Map<number, Awaited<ReturnType<typeof idleMemory>>>();
    for (const sh of sharded) idleSharded.set(sh.workers, await idleMemory(bare.url, IDLE, { BATON_RUNTIME: 'bundle', BATON_WORKERS: String(sh.workers) }));
    const idleMin = (label: string) => [...idleBy.get(label)!].sort((a, b) => a.idle - b.idle)[0];
    const { empty: rssBefore, idle: rssIdle, anon: anonIdle, file: fileIdle, createMs } = idleMin('bundle');
    bare.child.kill('SIGKILL');
    const load1 = os.loadavg()[0];

    const met = (ok: boolean) => (ok ? 'met' : 'NOT MET');
    const rows = [['server', 'connections', 'customer msgs/s (2xx)', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'x bare']];
    for (const c of CONNECTION_COUNTS) {
      const b = bareRuns.get(c)!;
      rows.push(['bare node:http (parse JSON, answer JSON)', fmt(c), fmt(b.perSec), fmt(b.p50, 1), fmt(b.p99, 1), fmt(b.non2xx), fmt(b.errors), '1.00']);
    }
    for (const c of CONNECTION_COUNTS) {
      const r = batonRuns.get(c)!;
      const b = bareRuns.get(c)!;
      rows.push(['baton serve, embedded lmdb (engine step + durable commit)', fmt(c), fmt(r.perSec), fmt(r.p50, 1), fmt(r.p99, 1), fmt(r.non2xx), fmt(r.errors), fmt(r.perSec / b.perSec, 2)]);
    }
    for (const sh of sharded) {
      for (const c of CONNECTION_COUNTS) {
        const r = sh.runs.get(c)!;
        const b = bareRuns.get(c)!;
        rows.push([`baton serve --workers ${sh.workers}, embedded lmdb (${sh.workers === 0 ? 'everything on the main thread' : 'conversations on worker threads'})`, fmt(c), fmt(r.perSec), fmt(r.p50, 1), fmt(r.p99, 1), fmt(r.non2xx), fmt(r.errors), fmt(r.perSec / b.perSec, 2)]);
      }
    }
    for (const c of CONNECTION_COUNTS) {
      const r = redisRuns.get(c);
      const b = bareRuns.get(c)!;
      if (r) rows.push(['baton serve --redis (appendfsync always; lock + Lua commit)', fmt(c), fmt(r.perSec), fmt(r.p50, 1), fmt(r.p99, 1), fmt(r.non2xx), fmt(r.errors), fmt(r.perSec / b.perSec, 2)]);
    }
    table(
      `Runtime on loopback: ${fmt(CONVERSATIONS)} conversations (texts: ${TEXTS.name}), best of ${ROUNDS} alternating ${DURATION_S} s runs per row (autocannon; servers in their own processes; ` +
        `load average ${fmt(load0, 1)} -> ${fmt(load1, 1)} on ${os.cpus().length} cores; RSS after load: bare ${fmt(bareRss)} MB, baton ${fmt(batonRss)} MB${sharded.map((sh, i) => `, baton --workers ${sh.workers} ${fmt(shardedRss[i])} MB`).join('')}${viaRedis ? `, baton --redis ${fmt(redisBatonRss)} MB` : ''})`,
      rows,
    );
    if (RATE > 0) {
      const rateRows = [['server', 'offered msgs/s', 'achieved msgs/s (2xx in the window)', 'p50 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors / unanswered']];
      const rateRow = (name: string, r: RateLoad | undefined) => {
        if (r) rateRows.push([name, fmt(RATE), fmt(r.perSec), fmt(r.p50, 1), fmt(r.p99, 1), fmt(r.max), fmt(r.non2xx), fmt(r.errors)]);
      };
      rateRow('bare node:http (parse JSON, answer JSON)', rateRuns.get('bare'));
      rateRow('baton serve, embedded lmdb', rateRuns.get('baton'));
      for (const sh of sharded) rateRow(`baton serve --workers ${sh.workers}, embedded lmdb`, rateRuns.get(`workers${sh.workers}`));
      rateRow('baton serve --redis', rateRuns.get('redis'));
      table(
        `Runtime latency at a fixed load: ${fmt(RATE)} msgs/s offered over ${fmt(RATE_CONNECTIONS)} connections (conversation i on connection i, open loop: ` +
          `latency from when each message was due), ${DURATION_S} s, lowest-p99 run of ${ROUNDS} per server, same run as above`,
        rateRows,
      );
    }
    if (IDLE_COMPARE_TSX) {
      const memRows = [['baton serve runs', 'empty server RSS MB (per run)', `${fmt(IDLE)} idle conversations RSS MB (per run)`, 'heap/anon + mapped files MB (lowest run)', 'start to ready s (per run)']];
      for (const label of ['bundle', 'tsx']) {
        const runs = idleBy.get(label)!;
        const lo = idleMin(label);
        memRows.push([
          label === 'bundle' ? 'dist/runtime/main.mjs (esbuild bundle, `npm run build`)' : 'TypeScript through tsx (no build; baseline)',
          runs.map((r) => fmt(r.empty)).join(' / '),
          runs.map((r) => fmt(r.idle)).join(' / '),
          `${fmt(lo.anon)} + ${fmt(lo.file)}`,
          runs.map((r) => fmt(r.startMs / 1000, 1)).join(' / '),
        ]);
      }
      table(`Runtime memory: bundle vs tsx, alternating runs, each a fresh server (same run)`, memRows);
    }
    // The issue's latency target read at the target load (1,000 conversations at 5,000 msgs/s): met when the server
    // kept up (achieved >= 98% of offered, nothing lost) with p99 under 50 ms.
    const rateTarget = (r: RateLoad | undefined): string[][] =>
      r
        ? [[`p99 < 50 ms at ${fmt(RATE)} msgs/s offered (${fmt(RATE_CONNECTIONS)} connections, fixed rate)`, `p99 ${fmt(r.p99, 1)} ms, p50 ${fmt(r.p50, 1)} ms, achieved ${fmt(r.perSec)}/s${r.errors + r.non2xx ? `, ${fmt(r.errors + r.non2xx)} failed` : ''}`, met(r.p99 < 50 && r.perSec >= 0.98 * RATE && r.errors + r.non2xx === 0)]]
        : [];
    const best = [...batonRuns.entries()].sort((a, b) => b[1].perSec - a[1].perSec)[0];
    const bestRatio = best[1].perSec / bareRuns.get(best[0])!.perSec;
    table('Runtime targets (best row)', [
      ['target', 'measured', 'status'],
      ['>= 5,000 customer msgs/s', `${fmt(best[1].perSec)} (${best[0]} connections)`, met(best[1].perSec >= 5000)],
      ['>= 1/4 of bare node:http', fmt(bestRatio, 2), met(bestRatio >= 0.25)],
      ['p99 < 50 ms', `${fmt(best[1].p99, 1)} ms`, met(best[1].p99 < 50)],
      ...rateTarget(rateRuns.get('baton')),
      [
        `${fmt(IDLE)} idle conversations < 300 MB RSS`,
        `${fmt(rssIdle)} MB = ${fmt(anonIdle)} MB heap/anon + ${fmt(fileIdle)} MB mapped files (empty server ${fmt(rssBefore)} MB; created in ${fmt(createMs / 1000, 1)} s)`,
        met(rssIdle < 300),
      ],
    ]);
    for (const sh of sharded) {
      const bestW = [...sh.runs.entries()].sort((a, b) => b[1].perSec - a[1].perSec)[0];
      const ratioW = bestW[1].perSec / bareRuns.get(bestW[0])!.perSec;
      const idleW = idleSharded.get(sh.workers)!;
      table(`Runtime targets with --workers ${sh.workers} (best row; same run)`, [
        ['target', 'measured', 'status'],
        ['>= 5,000 customer msgs/s', `${fmt(bestW[1].perSec)} (${bestW[0]} connections)`, met(bestW[1].perSec >= 5000)],
        ['>= 1/4 of bare node:http', fmt(ratioW, 2), met(ratioW >= 0.25)],
        ['p99 < 50 ms', `${fmt(bestW[1].p99, 1)} ms`, met(bestW[1].p99 < 50)],
        ...rateTarget(rateRuns.get(`workers${sh.workers}`)),
        [`${fmt(IDLE)} idle conversations < 300 MB RSS`, `${fmt(idleW.idle)} MB = ${fmt(idleW.anon)} MB heap/anon + ${fmt(idleW.file)} MB mapped files (empty server ${fmt(idleW.empty)} MB)`, met(idleW.idle < 300)],
      ]);
    }
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runtimeBench();
}
