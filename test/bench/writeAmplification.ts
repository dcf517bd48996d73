/**
 * Write amplification of the embedded store (issue 8, session 5): how many bytes, syscalls and how much
 * system CPU one customer message costs inside lmdb and the kernel, per store variant. The same captured writes
 * as test/bench/storeCommitBench.ts (the real runtime driven in process, its writes kept and replayed against a
 * fresh store of each variant, 100 conversations at once); rounds alternate the variants; medians shown.
 *
 *   npx tsx test/bench/writeAmplification.ts
 *   BENCH_BEFORE_ROOT=/tmp/before npx tsx test/bench/writeAmplification.ts     (+ that checkout's store)
 *   STORE_VARIANTS='name=/abs/path/embeddedStore.ts,...'                      (extra store modules)
 *   BENCH_CONVERSATIONS=300 BENCH_MESSAGES=12 BENCH_ROUNDS=5 BENCH_PARALLEL=100
 *
 * Columns, per customer message: user and system CPU of the whole process (all threads), split by thread kind
 * (/proc/self/task/* /stat: the JavaScript thread, libuv's pool = lmdb's flushes and fsyncs, V8's helpers, lmdb's
 * own threads); lmdb's writes to its data file (bytes, calls, fdatasyncs: kernel tracepoints via `perf record`, 'n/a'
 * without perf); all write syscalls of the process (/proc/self/io wchar); page cache dirtied (write_bytes: counted
 * per page-cache folio, and ext4 on this kernel uses large folios, so it is several times the bytes lmdb writes and
 * NOT what reaches the disk); pages of the data file's B-trees after the run (each sub-database's leaf, branch and
 * overflow pages). Linux only (/proc). Prints tables; never pass/fail.
 *
 *   WA_SERVE=1 npx tsx test/bench/writeAmplification.ts     the same figures for a real `baton serve` under load
 *      (100 connections, 1,000 conversations; BENCH_BEFORE_ROOT adds an older checkout, alternating)
 */
import { mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import { EmbeddedStore } from '../../runtime/store/embeddedStore';
import type { RuntimeStore } from '../../runtime/store/types';
import { capture, replay, type Captured } from './storeCommitBench';
import { createConversations, ensureRuntimeBundle, load, startBare, startBaton } from './runtime';
import { table } from './benchTable';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TICK_US = 1e6 / 100; // USER_HZ is 100 on Linux
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

type StoreCtor = new (o: { dir: string }) => RuntimeStore;

function procIo(pid: number | 'self' = 'self'): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of readFileSync(`/proc/${pid}/io`, 'utf8').split('\n')) {
    const [k, v] = line.split(':');
    if (v !== undefined) out[k.trim()] = Number(v.trim());
  }
  return out;
}

/**
 * The kind of a thread. Node 20 names every thread "node", so kinds come from creation order (tids ascending),
 * checked on this machine: the JavaScript thread (tid = pid), V8's platform (its delayed-task scheduler and 4
 * workers: GC, JIT), the inspector's signal thread, then libuv's 4 pool threads (created on first use: lmdb's
 * commits, writes and fdatasync run there), then anything later: the store's writer thread (worker_threads, session
 * 5) and tsx's loader thread (idle while measuring).
 * Newer Node names the pool threads "libuv-worker": that name wins when present.
 */
function kind(comm: string, index: number): string {
  if (/^libuv-worker/.test(comm)) return 'uvpool';
  if (index === 0) return 'js';
  if (index <= 5) return 'v8';
  if (index >= 7 && index <= 10) return 'uvpool';
  return 'later';
}

/** CPU (user, system µs) of every thread of this process, by thread kind. */
function threads(pid: number | 'self' = 'self'): Map<string, { user: number; sys: number }> {
  const out = new Map<string, { user: number; sys: number }>();
  const tids = readdirSync(`/proc/${pid}/task`).map(Number).sort((a, b) => a - b);
  for (const [index, t] of tids.entries()) {
    let stat: string;
    let comm: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
      comm = readFileSync(`/proc/${pid}/task/${t}/comm`, 'utf8').trim();
    } catch {
      continue; // thread ended meanwhile
    }
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const k = kind(comm, index);
    const a = out.get(k) ?? { user: 0, sys: 0 };
    a.user += Number(f[11]) * TICK_US; // utime (field 14)
    a.sys += Number(f[12]) * TICK_US; // stime (field 15)
    out.set(k, a);
  }
  return out;
}

/** Sum of B-tree pages over the root and its sub-databases (lmdb getStats). */
function pages(store: RuntimeStore): { pages: number; depthMax: number; perDb: Record<string, number> } {
  const perDb: Record<string, number> = {};
  let total = 0;
  let depthMax = 0;
  for (const [name, db] of Object.entries(store as object)) {
    if (!db || typeof db !== 'object' || typeof (db as { getStats?: unknown }).getStats !== 'function') continue;
    const s = (db as { getStats(): Record<string, number> }).getStats();
    const p = (s.treeBranchPageCount ?? 0) + (s.treeLeafPageCount ?? 0) + (s.overflowPages ?? 0);
    if (name === 'root') {
      perDb.root_free = s.freelistEntryCount ?? 0;
    }
    perDb[name] = p;
    total += p;
    depthMax = Math.max(depthMax, s.treeDepth ?? 0);
  }
  return { pages: total, depthMax, perDb };
}

/** Sectors written by the machine's disk holding the data folder (all processes: noisy on a shared machine), in bytes. */
function deviceWrittenBytes(): number {
  try {
    for (const dev of readdirSync('/sys/block')) {
      if (dev.startsWith('loop') || dev.startsWith('ram')) continue;
      const f = readFileSync(`/sys/block/${dev}/stat`, 'utf8').trim().split(/\s+/);
      return Number(f[6]) * 512; // the first real disk (this machine has one: vda)
    }
  } catch {
    /* no sysfs */
  }
  return NaN;
}

interface Stats {
  user: number;
  sys: number;
  byThread: Map<string, { user: number; sys: number }>;
  wchar: number;
  writeBytes: number;
  syscw: number;
  lmdb: LmdbWrites | null;
  fileBytes: number;
  pages: number;
  perDb: Record<string, number>;
}

async function measure(Ctor: StoreCtor, cap: Captured): Promise<Stats> {
  const dir = mkdtempSync(join(tmpdir(), 'perf6-wa-'));
  const store = new Ctor({ dir });
  try {
    await replay(cap.setup, store);
    if (global.gc) global.gc();
    const trace = await traceLmdbWrites(process.pid);
    const io0 = procIo();
    const th0 = threads();
    const c0 = process.cpuUsage();
    await replay(cap.messages, store);
    const c = process.cpuUsage(c0);
    const th1 = threads();
    const io1 = procIo();
    const lw = trace ? await trace.stop() : null;
    const byThread = new Map<string, { user: number; sys: number }>();
    for (const [k, v] of th1) {
      const b = th0.get(k) ?? { user: 0, sys: 0 };
      byThread.set(k, { user: v.user - b.user, sys: v.sys - b.sys });
    }
    const pg = pages(store);
    await store.close();
    let fileBytes = 0;
    for (const f of readdirSync(dir)) {
      try {
        const st = statSync(join(dir, f));
        if (st.isFile() && !f.endsWith('.lock')) fileBytes += st.blocks * 512; // allocated, not apparent size
      } catch {
        /* gone */
      }
    }
    return {
      user: c.user,
      sys: c.system,
      byThread,
      wchar: io1.wchar - io0.wchar,
      writeBytes: io1.write_bytes - io0.write_bytes,
      syscw: io1.syscw - io0.syscw,
      lmdb: lw,
      fileBytes,
      pages: pg.pages,
      perDb: pg.perDb,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function writeAmplification(): Promise<void> {
  const variants: Array<{ name: string; Ctor: StoreCtor }> = [];
  if (process.env.BENCH_BEFORE_ROOT) {
    const mod = await import(pathToFileURL(join(resolve(process.env.BENCH_BEFORE_ROOT), 'runtime/store/embeddedStore.ts')).href);
    variants.push({ name: 'before', Ctor: mod.EmbeddedStore });
  }
  variants.push({ name: 'this checkout', Ctor: EmbeddedStore as unknown as StoreCtor });
  for (const spec of (process.env.STORE_VARIANTS ?? '').split(',').filter(Boolean)) {
    const [name, path] = spec.split('=');
    const mod = await import(pathToFileURL(resolve(path)).href);
    variants.push({ name, Ctor: mod.EmbeddedStore });
  }
  const cap = await capture();
  const n = cap.customerMessages;
  console.log(`captured: ${cap.customerMessages} customer messages -> ${cap.messages.length} writes`);
  const results = variants.map(() => [] as Stats[]);
  for (const v of variants) await measure(v.Ctor, cap); // warm-up (JIT), not counted
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? [...variants.keys()].reverse() : [...variants.keys()];
    for (const i of order) results[i].push(await measure(variants[i].Ctor, cap));
  }
  const kinds = ['js', 'uvpool', 'v8', 'later'];
  const rows = [
    [
      'store',
      'CPU µs/msg',
      'user',
      'system',
      ...kinds.map((k) => `${k} u+s`),
      'lmdb writes KB/msg',
      'lmdb write calls/msg',
      'msgs/fdatasync',
      'KB/fdatasync',
      'all write syscalls KB/msg',
      'page cache dirtied KB/msg',
      'B-tree pages',
      'file MB',
    ],
  ];
  variants.forEach((v, i) => {
    const rs = results[i];
    const m = (f: (s: Stats) => number, d = 1) => fmt(median(rs.map(f)), d);
    rows.push([
      v.name,
      m((s) => (s.user + s.sys) / n),
      m((s) => s.user / n),
      m((s) => s.sys / n),
      ...kinds.map((k) => {
        const u = median(rs.map((s) => s.byThread.get(k)?.user ?? 0)) / n;
        const y = median(rs.map((s) => s.byThread.get(k)?.sys ?? 0)) / n;
        return `${fmt(u, 0)}+${fmt(y, 0)}`;
      }),
      rs[0].lmdb ? m((s) => (s.lmdb?.bytes ?? 0) / n / 1024, 2) : 'n/a',
      rs[0].lmdb ? m((s) => ((s.lmdb?.pwrites ?? 0) + (s.lmdb?.writevs ?? 0)) / n, 2) : 'n/a',
      rs[0].lmdb ? m((s) => n / Math.max(1, s.lmdb?.fdatasyncs ?? 0), 1) : 'n/a',
      rs[0].lmdb ? m((s) => (s.lmdb?.bytes ?? 0) / Math.max(1, s.lmdb?.fdatasyncs ?? 0) / 1024, 0) : 'n/a',
      m((s) => s.wchar / n / 1024, 2),
      m((s) => s.writeBytes / n / 1024, 2),
      m((s) => s.pages, 0),
      m((s) => s.fileBytes / 1e6, 1),
    ]);
  });
  table(`Write amplification per customer message (${n} messages replayed, median of ${ROUNDS} alternating rounds; thread CPU in µs, 10 ms ticks)`, rows);
  const dbs = [...new Set(results.flatMap((rs) => Object.keys(rs[0].perDb)))];
  const dbRows = [['store', ...dbs]];
  variants.forEach((v, i) => dbRows.push([v.name, ...dbs.map((d) => fmt(results[i][0].perDb[d] ?? 0))]));
  table('B-tree pages per database after the run (first round)', dbRows);
}

type LmdbWrites = { bytes: number; pwrites: number; writevs: number; fdatasyncs: number };

/**
 * Starts recording lmdb's writes to its data file in process `pid` from kernel tracepoints (`perf record`, filtered on
 * the data file's descriptors); `stop()` ends the recording and sums it: bytes written (pwrite64 counts + 4 KB per
 * writev vector: lmdb writes whole pages), write calls, fdatasync calls. Null when perf cannot run here.
 */
async function traceLmdbWrites(pid: number, dataFile = 'baton.lmdb'): Promise<{ stop(): Promise<LmdbWrites | null> } | null> {
  const fds: number[] = [];
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`).endsWith('/' + dataFile)) fds.push(Number(fd));
    } catch {
      /* closed meanwhile */
    }
  }
  if (fds.length === 0) return null;
  const filter = fds.map((fd) => `fd == ${fd}`).join(' || ');
  const out = join(mkdtempSync(join(tmpdir(), 'perf6-trace-')), 'perf.data');
  const events = ['pwrite64', 'writev', 'fdatasync'].flatMap((e) => ['-e', `syscalls:sys_enter_${e}`, '--filter', filter]);
  const child = spawn('perf', ['record', '-q', '-o', out, ...events, '-p', String(pid)], { stdio: 'ignore' });
  const exited = new Promise<boolean>((done) => {
    child.on('error', () => done(false));
    child.on('exit', (code, signal) => done(code === 0 || signal === 'SIGINT'));
  });
  await new Promise((r) => setTimeout(r, 300)); // perf attaches
  return {
    async stop() {
      child.kill('SIGINT');
      const ok = await exited;
      const script = ok ? spawnSync('perf', ['script', '-i', out, '-F', 'event,trace'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }) : null;
      rmSync(dirname(out), { recursive: true, force: true });
      if (!script || script.status !== 0) return null;
      const r = { bytes: 0, pwrites: 0, writevs: 0, fdatasyncs: 0 };
      for (const line of script.stdout.split('\n')) {
        if (line.includes('sys_enter_pwrite64')) {
          r.pwrites++;
          r.bytes += parseInt(/count: (0x[0-9a-f]+)/.exec(line)?.[1] ?? '0', 16);
        } else if (line.includes('sys_enter_writev')) {
          r.writevs++;
          r.bytes += 4096 * parseInt(/vlen: (0x[0-9a-f]+)/.exec(line)?.[1] ?? '0', 16);
        } else if (line.includes('sys_enter_fdatasync')) r.fdatasyncs++;
      }
      return r;
    },
  };
}

/**
 * The same figures for a real `baton serve` (bundle) under load: 100 connections, 1,000 conversations, warm-up, then
 * rounds of BENCH_SECONDS (default 6) per server, alternating when BENCH_BEFORE_ROOT adds an older checkout. Disk
 * bytes are /proc/<pid>/io write_bytes (wchar would count the HTTP answers too); lmdb's syscalls are counted with
 * `perf stat` tracepoints when perf runs here (writev also counts socket writes).
 */
export async function serveWriteAmplification(): Promise<void> {
  const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
  const dir = mkdtempSync(join(tmpdir(), 'perf6-serve-'));
  const bare = await startBare(); // the flow's HTTP request block calls it
  const roots: Array<[string, string | undefined]> = [['this checkout', undefined]];
  if (process.env.BENCH_BEFORE_ROOT) roots.unshift(['before', resolve(process.env.BENCH_BEFORE_ROOT)]);
  const servers: Array<{ name: string; url: string; pid: number; child: ReturnType<typeof spawn>; convs: Array<{ id: string; token: string }>; runs: Array<{ ok: number; perSec: number; p99: number; writeBytes: number; device: number; cpu: number; byThread: Map<string, { user: number; sys: number }>; sc: LmdbWrites | null }> }> = [];
  try {
    for (const [name, batonRoot] of roots) {
      ensureRuntimeBundle(batonRoot);
      const b = await startBaton(mkdtempSync(join(dir, 'b-')), bare.url, undefined, [], batonRoot);
      const convs = await createConversations(b.url, 1000);
      servers.push({ name, url: b.url, pid: b.child.pid!, child: b.child as never, convs, runs: [] });
    }
    const path = (s: (typeof servers)[number]) => (i: number) => `/api/v1/conversations/${s.convs[i % 1000].id}/messages`;
    const headers = (s: (typeof servers)[number]) => (i: number) => ({ authorization: `Bearer ${s.convs[i % 1000].token}` });
    for (const s of servers) await load(s.url, 100, path(s), headers(s), Number(process.env.BENCH_WARMUP_SECONDS ?? 8), 1000);
    const l0 = os.loadavg()[0];
    for (let r = 0; r < ROUNDS; r++) {
      for (const s of r % 2 ? [...servers].reverse() : servers) {
        const io0 = procIo(s.pid);
        const th0 = threads(s.pid);
        const d0 = deviceWrittenBytes();
        const trace = await traceLmdbWrites(s.pid);
        const res = await load(s.url, 100, path(s), headers(s), SECONDS, 1000);
        const scP = trace ? trace.stop() : Promise.resolve(null);
        const th1 = threads(s.pid);
        const io1 = procIo(s.pid);
        const device = deviceWrittenBytes() - d0;
        const sc = await scP;
        const byThread = new Map<string, { user: number; sys: number }>();
        let cpu = 0;
        for (const [k, v] of th1) {
          const b = th0.get(k) ?? { user: 0, sys: 0 };
          byThread.set(k, { user: v.user - b.user, sys: v.sys - b.sys });
          cpu += v.user - b.user + v.sys - b.sys;
        }
        s.runs.push({ ok: res.ok, perSec: res.perSec, p99: res.p99, writeBytes: io1.write_bytes - io0.write_bytes, device, cpu, byThread, sc });
      }
    }
    const l1 = os.loadavg()[0];
    const kinds = ['js', 'uvpool', 'v8', 'later'];
    const rows = [['server', 'CPU µs/msg', ...kinds.map((k) => `${k} u+s`), 'lmdb writes KB/msg', 'page cache dirtied KB/msg', 'disk (whole machine) KB/msg', 'fdatasync/s', 'msgs/fdatasync', 'write calls/msg', 'msgs/s per round', 'p99 ms per round']];
    for (const s of servers) {
      const m = (f: (x: (typeof s.runs)[number]) => number, d = 1) => fmt(median(s.runs.map(f)), d);
      rows.push([
        s.name,
        m((x) => x.cpu / x.ok),
        ...kinds.map((k) => `${fmt(median(s.runs.map((x) => (x.byThread.get(k)?.user ?? 0) / x.ok)), 0)}+${fmt(median(s.runs.map((x) => (x.byThread.get(k)?.sys ?? 0) / x.ok)), 0)}`),
        s.runs[0].sc ? m((x) => (x.sc?.bytes ?? 0) / x.ok / 1024, 2) : 'n/a',
        m((x) => x.writeBytes / x.ok / 1024, 2),
        m((x) => x.device / x.ok / 1024, 2),
        s.runs[0].sc ? m((x) => (x.sc?.fdatasyncs ?? 0) / SECONDS, 0) : 'n/a',
        s.runs[0].sc ? m((x) => x.ok / Math.max(1, x.sc?.fdatasyncs ?? 0), 1) : 'n/a',
        s.runs[0].sc ? m((x) => ((x.sc?.pwrites ?? 0) + (x.sc?.writevs ?? 0)) / x.ok, 2) : 'n/a',
        s.runs.map((x) => fmt(x.perSec)).join(' / '),
        s.runs.map((x) => fmt(x.p99)).join(' / '),
      ]);
    }
    table(`baton serve (bundle), 100 connections, 1,000 conversations, median of ${ROUNDS} alternating ${SECONDS} s rounds; CPU in µs per message (10 ms ticks); load average ${fmt(l0, 1)} -> ${fmt(l1, 1)}`, rows);
  } finally {
    for (const s of servers) {
      s.child.kill('SIGTERM');
      await new Promise((r) => s.child.on('exit', r));
    }
    bare.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  (process.env.WA_SERVE ? serveWriteAmplification() : writeAmplification()).then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
