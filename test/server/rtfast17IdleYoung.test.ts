import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const MB = 1024 * 1024;
const IDLE_GC = require.resolve('../../runtime/serve/idleGc.ts');

interface Spell {
  /** The new space's size (V8's space_size) and resident bytes at the worker's start, after a burst, after idling. */
  start: { size: number; phys: number };
  afterBurst: { size: number; phys: number };
  afterIdle: { size: number; phys: number };
  collections: number;
  /** Scavenges and old-generation growth (MB) during the burst after the idle spell. */
  nextScavenges: number;
  nextOldMb: number;
  /** The new space's size in a worker created after the first one was online (the floor flag put back). */
  laterWorkerStart: number;
}

/**
 * A shard-like worker (64 MB young generation, as shardPool.ts gives a shard, created through withSemiFloor with
 * `floor` MB) keeps ~3 KB for each of 1,000 conversations and allocates ~20 KB of garbage per "message" (as
 * test/bench/idleYoung.ts), under startIdleGc (100 ms checks: the first collection 0.4 s into the idle spell), idles 1.5 s, then
 * takes the same burst again. Run in its own node process: the floor is a process-wide V8 flag.
 */
function spell(reduce: boolean, floor: number): Spell {
  const worker = `
    require('tsx/cjs/api').register();
    const v8 = require('node:v8');
    const { parentPort, workerData } = require('node:worker_threads');
    const { PerformanceObserver } = require('node:perf_hooks');
    const { startIdleGc } = require(${JSON.stringify(IDLE_GC)});
    const ns = () => { const s = v8.getHeapSpaceStatistics().find((x) => x.space_name === 'new_space'); return { size: s.space_size, phys: s.physical_space_size }; };
    const old = () => v8.getHeapSpaceStatistics().find((x) => x.space_name === 'old_space').space_used_size;
    const start = ns();
    let scavenges = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.detail?.kind === 1) scavenges++; }).observe({ entryTypes: ['gc'] });
    const states = new Array(1000);
    const burst = (n) => { for (let i = 0; i < n; i++) { const junk = []; for (let j = 0; j < 40; j++) junk.push({ t: 'x'.repeat(300) + i + j }); states[i % 1000] = { seq: i, vars: junk.slice(0, 6).map((o) => o.t.slice(0, 400)) }; } };
    let collections = 0;
    const { fullCollection, memoryReducingCollection } = require(${JSON.stringify(IDLE_GC)});
    const full = fullCollection();
    const reducing = memoryReducingCollection();
    const stop = startIdleGc({ checkMs: 100, collect: () => { collections++; full(); }, reduce: workerData.reduce ? () => { collections++; reducing(); } : false });
    burst(20000);
    const afterBurst = ns();
    setTimeout(() => {
      stop();
      const afterIdle = ns();
      const old0 = old();
      scavenges = 0;
      burst(5000);
      setTimeout(() => parentPort.postMessage({ start, afterBurst, afterIdle, collections, nextScavenges: scavenges, nextOldMb: (old() - old0) / 1048576 }), 50);
    }, 1500);
  `;
  const script = `
    const { Worker } = require('node:worker_threads');
    const v8 = require('node:v8');
    const { withSemiFloor } = require(${JSON.stringify(IDLE_GC)});
    const w = withSemiFloor(${floor}, () => new Worker(${JSON.stringify(worker)}, { eval: true, workerData: { reduce: ${reduce} }, resourceLimits: { maxYoungGenerationSizeMb: 64 } }));
    w.once('online', () => {
      const probe = new Worker("require('node:worker_threads').parentPort.postMessage(require('node:v8').getHeapSpaceStatistics().find((x) => x.space_name === 'new_space').space_size)", { eval: true });
      probe.once('message', (laterWorkerStart) => {
        void probe.terminate();
        w.once('message', (m) => { console.log(JSON.stringify({ ...m, laterWorkerStart })); void w.terminate(); });
      });
    });
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', BATON_IDLE_GC: '' } });
  return JSON.parse(out.trim().split('\n').pop()!) as Spell;
}

describe('an idle shard gives the pages of its young generation back, keeping its size (rtfast s17, issue 8 idle memory)', () => {
  it('the first idle collection leaves the young generation a burst grew almost not resident, at the same size, and the next burst collects as often', () => {
    const released = spell(true, 32); // shardPool.ts shardSemiFloorMb(64)
    const kept = spell(false, 32);
    // The burst grew the young generation to the shard's 64 MB in both.
    expect(released.afterBurst.size).toBeGreaterThanOrEqual(48 * MB);
    expect(kept.afterBurst.size).toBeGreaterThanOrEqual(48 * MB);
    // Before session 17 (a plain full collection) it stays resident though empty ...
    expect(kept.afterIdle.phys).toBeGreaterThan(24 * MB);
    // ... the memory-reducing one gives its pages back; the semi-space stays at its full 32 MB (the floor), not V8's 1 MB.
    expect(released.collections).toBeGreaterThanOrEqual(1);
    expect(released.afterIdle.phys).toBeLessThan(4 * MB);
    expect(released.afterIdle.size).toBeGreaterThanOrEqual(32 * MB);
    // The next 5,000 messages: scavenges and promotion as with the kept young generation, give or take (counts, so the
    // machine's load does not blur them; shrunk to V8's 1 MB, idleYoung.ts measured 28 scavenges and +5 MB old).
    expect(released.nextScavenges).toBeLessThanOrEqual(kept.nextScavenges + 2);
    expect(released.nextOldMb).toBeLessThan(kept.nextOldMb + 2);
    // The floor is set only while that worker is created: a worker created after it starts at V8's default (1 MB).
    expect(released.start.size).toBe(32 * MB);
    expect(released.laterWorkerStart).toBeLessThan(16 * MB);
  }, 60_000);
});
