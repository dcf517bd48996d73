/**
 * Idle cost of the agent hub (README "Not finished", session 7: an idle server with 1,000 waiting chats spent 5-14%
 * of a core): `baton serve --agents` in-process (embedded lmdb, unsharded), one agent online holding 3 auto-assigned
 * chats and N more waiting, then nothing happens for a while. Prints the process CPU per second of idle time and the
 * hub's work counters (handoff list reads, records decoded, queue and assignment passes) for this checkout and, in
 * the same run, for an older one (BENCH_BEFORE_ROOT, a worktree with node_modules linked), rounds alternating.
 *
 *   npx tsx test/bench/agentIdle.ts
 *   BENCH_BEFORE_ROOT=/tmp/rtfix/before BENCH_WAITING=0,1000 BENCH_IDLE_SECONDS=10 BENCH_ROUNDS=2 npx tsx test/bench/agentIdle.ts
 *
 * One checkout per child process (`agentIdle.ts child <root>`), so the two never share a heap or an event loop.
 * Never pass/fail.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(import.meta.url);
/** Waiting chats per row (a list: 0 gives the floor, the runtime idle with no queue, in the same run). */
const WAITINGS = (process.env.BENCH_WAITING ?? '0,1000').split(',').map(Number);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

async function child(root: string, WAITING: number) {
  const imp = (p: string) => import(pathToFileURL(join(root, p)).href);
  const { startRuntime } = await imp('runtime/serve/startRuntime.ts');
  const { shopFlow } = await imp('test/server/runtimeFixtures.ts');
  const { hashPassword } = await imp('runtime/agents/agentDirectory.ts').catch(() => ({ hashPassword: undefined }));
  void hashPassword;
  const pino = (await import('pino')).default;
  const base = shopFlow({ queueTimeoutMinutes: 600 });
  const flow = { ...base, blocks: base.blocks.map((b: { id: string; data: object }) => (b.id === 'takeover' ? { ...b, data: { ...b.data, assignation: 'custom', autoAssign: { enabled: true, strategy: 'round_robin', maxChatsPerAgent: 3 } } } : b)) };
  const dir = mkdtempSync(join(tmpdir(), 'baton-agent-idle-'));
  const ann = { id: 'ann', name: 'Ann', email: 'ann@example.com', teams: ['support'], skills: [], languages: [], maxChats: 3, admin: false, token: 'ann-token-0123456789abcdef' };
  const rt = await startRuntime({ port: 0, host: '127.0.0.1', dataDir: dir, logger: pino({ level: 'silent' }), flows: [flow], workers: 0, agents: { agents: [ann] }, config: { rateLimit: { perAddressPerMinute: 1_000_000, perConversationPerMinute: 60 } } });
  const call = async (path: string, body: unknown, token?: string): Promise<any> => {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(rt.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
        return await res.json();
      } catch (err) {
        if (attempt >= 3) throw err; // a kept-alive socket the server closed meanwhile: once more on a new one
      }
    }
  };
  await call('/api/v1/agent/presence', { status: 'online' }, ann.token);
  for (let i = 0; i < WAITING + 3; i++) {
    const c = await call('/api/v1/flows/shop/conversations', {});
    await call(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'person' }, c.token);
  }
  // Settle: the hub assigns, announces queue places, and then has nothing left to do.
  await new Promise((r) => setTimeout(r, 3000));
  const hub = rt.agentHub as { work?: Record<string, number>; handoffList(): Array<{ status: string }> };
  const pending = hub.handoffList().filter((h) => h.status === 'pending').length;
  // Keep Ann signed in (her inbox would poll or hold a stream): a heartbeat every 10 s, as presence.
  const w0 = { ...(hub.work ?? {}) };
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const beat = setInterval(() => void call('/api/v1/agent/presence', { status: 'online' }, ann.token).catch(() => undefined), 10_000);
  await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
  clearInterval(beat);
  const c1 = process.cpuUsage(c0);
  const secs = (performance.now() - t0) / 1000;
  const w1 = hub.work ?? {};
  const perSec = Object.fromEntries(Object.keys(w1).map((k) => [k, (w1[k] - (w0[k] ?? 0)) / secs]));
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ pending, cpuPct: ((c1.user + c1.system) / 1000 / secs / 1000) * 100, perSec }) + '\n');
}

if (process.argv[2] === 'child') {
  await child(resolve(process.argv[3]), Number(process.argv[4]));
  process.exit(0);
}

const checkouts: Array<[string, string]> = [['this checkout', resolve(here, '../../..')]];
if (process.env.BENCH_BEFORE_ROOT) checkouts.push(['before (' + process.env.BENCH_BEFORE_ROOT + ')', resolve(process.env.BENCH_BEFORE_ROOT)]);
const roots: Array<[string, string, number]> = checkouts.flatMap(([name, root]) => WAITINGS.map((w) => [`${name}, ${w} waiting`, root, w] as [string, string, number]));
const rows: Record<string, Array<{ pending: number; cpuPct: number; perSec: Record<string, number> }>> = {};
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, root, waiting] of round % 2 === 0 ? roots : [...roots].reverse()) {
    const out = spawnSync(process.execPath, ['--import', 'tsx', here, 'child', root, String(waiting)], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
    const line = out.stdout.trim().split('\n').pop() ?? '';
    if (out.status !== 0 || !line.startsWith('{')) {
      console.error(`${name}: failed\n${out.stderr}`);
      continue;
    }
    (rows[name] ??= []).push(JSON.parse(line));
  }
}
const f = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(`\nAgent hub idle cost: ${WAITINGS.join(' / ')} waiting chats (+3 held), ${IDLE_SECONDS} s idle per round, ${ROUNDS} rounds alternating; load ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
console.log('| checkout, queue | waiting (seen) | CPU % of a core while idle (each round) | handoff list reads/s | records decoded/s | queue passes/s | assignment passes/s |');
console.log('|---|---|---|---|---|---|---|');
for (const [name] of roots) {
  const rs = rows[name] ?? [];
  const avg = (k: string) => (rs.length && rs[0].perSec[k] !== undefined ? f(rs.reduce((s, r) => s + r.perSec[k], 0) / rs.length) : 'not counted');
  console.log(`| ${name} | ${rs[0]?.pending ?? '-'} | ${rs.map((r) => f(r.cpuPct, 2)).join(', ')} | ${avg('handoffReads')} | ${avg('handoffsRead')} | ${avg('queuePasses')} | ${avg('assignPasses')} |`);
}
