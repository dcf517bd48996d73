/**
 * PROTOTYPE (session 6, helper shard): is it worth spreading conversations over worker threads, each owning its
 * conversations' runtime (engine, service, store), with only small messages crossing? One server process per
 * variant, the same main-thread HTTP code in all of them:
 *   workers=0  the runtime on the main thread (as baton serve does today);
 *   workers=N  N worker threads, each with its own runtime and data folder (prototype: no cross-shard features);
 *              the main thread parses HTTP, checks the body and posts {id, token, text}; the worker answers the
 *              response's JSON text.
 * Measures CPU per message (all threads, main thread), msgs/s and p99 at 100 connections, alternating rounds.
 *
 *   npx tsx test/bench/shardProto.ts        (PROTO_VARIANTS=0,1,2 PROTO_ROUNDS=3 PROTO_SECONDS=6)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import pino from 'pino';
import type { Flow } from '../../shared/flow/schema';

const here = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('../../', import.meta.url));

async function startLocalRuntime(dataDir: string, apiUrl: string) {
  const { startRuntime } = await import('../../runtime/serve/startRuntime');
  const { readFlowFile } = await import('../../runtime/cli/readFlowFile');
  const r = await readFlowFile(join(root, 'flows/customer-support.json'));
  if (r.status !== 'ok') throw new Error('flow did not load');
  const flow = JSON.parse(JSON.stringify(r.flow).replaceAll('https://api.northwind.example', apiUrl)) as Flow;
  return startRuntime({
    flows: [flow],
    port: 0,
    dataDir,
    logger: pino({ level: 'error' }),
    config: { rateLimit: { perAddressPerMinute: 1e9, perConversationPerMinute: 1e9 }, retentionDays: 0 } as never,
  });
}

type Rt = Awaited<ReturnType<typeof startLocalRuntime>>;
type Req = { n: number; t: 'create' } | { n: number; t: 'send'; id: string; token: string; text: string };
type Res = { n: number; s: number; j: string; id?: string };

async function handle(rt: Rt, q: Req): Promise<Res> {
  try {
    if (q.t === 'create') {
      const c = await rt.service.create('customer-support');
      return { n: q.n, s: 201, j: JSON.stringify(c), id: c.conversationId };
    }
    await rt.service.getAuthorized(q.id, q.token);
    const out = await rt.service.send(q.id, { type: 'text', text: q.text });
    return { n: q.n, s: 200, j: JSON.stringify(out) };
  } catch (err) {
    const e = err as { statusCode?: number; message: string };
    return { n: q.n, s: e.statusCode ?? 500, j: JSON.stringify({ error: e.message }) };
  }
}

/* ---------------------------------------------------------------- worker (a shard) */
if (!isMainThread && (workerData as { shardProto?: boolean })?.shardProto) {
  const wd = workerData as { dataDir: string; apiUrl: string };
  const rt = await startLocalRuntime(wd.dataDir, wd.apiUrl);
  let out: Res[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const b = out;
    out = [];
    parentPort!.postMessage(b);
  };
  parentPort!.on('message', (batch: Req[]) => {
    for (const q of batch)
      void handle(rt, q).then((r) => {
        out.push(r);
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
  });
  parentPort!.postMessage('ready');
}

/* ---------------------------------------------------------------- server process */
async function server(workers: number, dir: string, apiUrl: string) {
  const { sendMessageBody } = await import('../../runtime/server/schemas');
  let call: (shardOf: string | null, q: Req) => Promise<Res>;
  const owner = new Map<string, number>();
  if (workers === 0) {
    const rt = await startLocalRuntime(join(dir, 'data'), apiUrl);
    call = (_s, q) => handle(rt, q);
  } else {
    const shards = await Promise.all(
      Array.from({ length: workers }, async (_, k) => {
        const w = new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(new URL(import.meta.url).href)}); })`, { eval: true, workerData: { shardProto: true, dataDir: join(dir, `shard-${k}`), apiUrl } });
        await new Promise<void>((r) => w.once('message', () => r()));
        const waiting = new Map<number, (r: Res) => void>();
        let pending: Req[] = [];
        let scheduled = false;
        w.on('message', (batch: Res[]) => {
          for (const r of batch) {
            const f = waiting.get(r.n)!;
            waiting.delete(r.n);
            f(r);
          }
        });
        let next = 1;
        return (q: Req) =>
          new Promise<Res>((resolve) => {
            q.n = next++;
            waiting.set(q.n, resolve);
            pending.push(q);
            if (!scheduled) {
              scheduled = true;
              setImmediate(() => {
                scheduled = false;
                const b = pending;
                pending = [];
                w.postMessage(b);
              });
            }
          });
      }),
    );
    let rr = 0;
    call = async (id, q) => {
      const k = id === null ? rr++ % workers : owner.get(id);
      if (k === undefined) return { n: 0, s: 404, j: '{"error":"not found"}' };
      const r = await shards[k](q);
      if (r.id) owner.set(r.id, k);
      return r;
    };
  }
  const PATH = /^\/api\/v1\/conversations\/([A-Za-z0-9_.~-]{1,500})\/messages$/;
  const srv = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (r: Res) => {
        res.writeHead(r.s, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(r.j)) });
        res.end(r.j);
      };
      if (req.url === '/api/v1/flows/customer-support/conversations') return void call(null, { n: 0, t: 'create' }).then(answer);
      const m = PATH.exec(req.url ?? '');
      if (!m) return answer({ n: 0, s: 404, j: '{}' });
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return answer({ n: 0, s: 400, j: '{}' });
      }
      const b = sendMessageBody.safeParse(body);
      if (!b.success) return answer({ n: 0, s: 400, j: '{}' });
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      void call(m[1], { n: 0, t: 'send', id: m[1], token, text: (b.data as { text: string }).text }).then(answer);
    });
  });
  srv.listen(0, '127.0.0.1', () => console.log(`proto ready at http://127.0.0.1:${(srv.address() as { port: number }).port} `));
}

if (isMainThread && process.env.PROTO_ROLE === 'server') {
  await server(Number(process.env.PROTO_WORKERS), process.env.PROTO_DIR!, process.env.PROTO_API!);
}

/* ---------------------------------------------------------------- driver */
if (isMainThread && !process.env.PROTO_ROLE && process.argv[1] === here) {
  const { startBare, createConversations, load } = await import('./runtime');
  const { cpuMs, mainThreadCpuMs } = await import('./runtimeCpu');
  const variants = (process.env.PROTO_VARIANTS ?? '0,1,2').split(',');
  const ROUNDS = Number(process.env.PROTO_ROUNDS ?? 3);
  const SECONDS = Number(process.env.PROTO_SECONDS ?? 6);
  const dir = mkdtempSync(join(tmpdir(), 'baton-shardproto-'));
  const bare = await startBare();
  const targets: Array<{ name: string; child: ChildProcess; url: string; path: (i: number) => string; headers: (i: number) => Record<string, string>; runs: Array<{ ok: number; perSec: number; p99: number; cpu: number; main: number }> }> = [];
  try {
    for (const v of variants) {
      const [w, extra] = v.split(':');
      const child = spawn(process.execPath, ['--import', 'tsx', here], {
        env: { ...process.env, PROTO_ROLE: 'server', PROTO_WORKERS: w, PROTO_DIR: mkdtempSync(join(dir, 'v-')), PROTO_API: bare.url, ...(extra ? Object.fromEntries([extra.split('=')]) : {}) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const url = await new Promise<string>((resolve) => {
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d;
          const m = /ready at (\S+) /.exec(out);
          if (m) resolve(m[1]);
        });
      });
      const convs = await createConversations(url, 1000);
      targets.push({ name: `workers=${v}`, child, url, path: (i) => `/api/v1/conversations/${convs[i % 1000].id}/messages`, headers: (i) => ({ authorization: `Bearer ${convs[i % 1000].token}` }), runs: [] });
    }
    for (const t of targets) await load(t.url, 100, t.path, t.headers, Number(process.env.PROTO_WARMUP ?? 10), 1000);
    const l0 = os.loadavg()[0];
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of round % 2 ? [...targets].reverse() : targets) {
        const c0 = cpuMs(t.child.pid!);
        const m0 = mainThreadCpuMs(t.child.pid!);
        const r = await load(t.url, 100, t.path, t.headers, SECONDS, 1000);
        t.runs.push({ ok: r.ok, perSec: r.perSec, p99: r.p99, cpu: cpuMs(t.child.pid!) - c0, main: mainThreadCpuMs(t.child.pid!) - m0 });
      }
    }
    const l1 = os.loadavg()[0];
    console.log(`\nshard prototype (tsx), 100 connections, load ${l0.toFixed(1)} -> ${l1.toFixed(1)}`);
    for (const t of targets) {
      console.log(
        `${t.name}: cpu ms/msg ${t.runs.map((r) => (r.cpu / r.ok).toFixed(3)).join(' / ')}; main ${t.runs.map((r) => (r.main / r.ok).toFixed(3)).join(' / ')}; msgs/s ${t.runs.map((r) => r.perSec.toFixed(0)).join(' / ')}; p99 ${t.runs.map((r) => r.p99).join(' / ')}`,
      );
    }
  } finally {
    for (const t of targets) t.child.kill('SIGKILL');
    bare.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
  void readFileSync;
}
