/**
 * Gives a thread's garbage back when it goes idle (session 8, issue 8: 10,000 idle conversations < 300 MB).
 *
 * Measured (10,000 conversations created, then idle): V8 leaves what a burst of requests promoted to the old
 * generation in the heap until the NEXT allocations make it collect, and Node never tells V8 that the process is idle
 * (V8's own memory reducer did not run within 18 s). `baton serve` (main thread + one worker thread) stayed at
 * 268-343 MB RSS for as long as it was idle; one full collection in each thread brought the same server to 199 MB:
 * the main thread's old generation held 58-80 MB of request garbage, live data ~27 MB.
 *
 * So each thread (the main one and every shard) looks at its event loop four times a second: when it was idle for
 * the last second (four looks in a row under 5% busy: FIRST_AFTER), worked since our last collection, and its heap is
 * at least `minGarbageMb` above what
 * that collection left (or V8 holds that much more memory than the heap uses), it runs
 * a full collection, and more while it stays idle (0.25, 0.5, 1 and 30 s later: see FOLLOW_UPS). Under load the
 * event loop is busy at every look, so nothing runs; an idle thread is collected at most five times per burst of work
 * (each ~5-30 ms on these heaps). `BATON_IDLE_GC=0` turns it off.
 *
 * Session 12 (hostile s12 #13): the first collection used to run at the first idle look, so traffic in bursts with
 * pauses of 0.3-1 s got one blocking full collection in EVERY pause (a `gc()` is synchronous: the next burst's first
 * messages waited for it; 10 collections and 27% of the wall time in them over 20 s of 1 s on / 1 s off, worst 1 s,
 * at load 12). Now a pause shorter than a second collects nothing; an idle server is collected ~1 s after its last
 * work instead of ~0.25 s, with its follow-ups at 1.25, 1.5 and 2 s.
 */
import { envSwitchOff } from './envCheck';
import v8 from 'node:v8';
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';

export interface IdleGcOptions {
  /** How often the heap is looked at, ms (the follow-up collections are counted in checks: 250 ms each). */
  checkMs?: number;
  /** Collect only when the used heap grew at least this much since the last full collection, MB. */
  minGarbageMb?: number;
  /** Below this share of the time between two checks spent working, the thread counts as idle. */
  idleBelow?: number;
  /** Idle checks in a row before a first collection (default FIRST_AFTER). */
  firstAfter?: number;
  /** Tests: the heap's reading, and the collection. */
  heap?: () => HeapReading;
  collect?: () => void;
  /**
   * The first collection of each idle spell is V8's memory-reducing one (memoryReducingCollection: it also shrinks
   * the young generation to its floor and gives its pages back), at most once per `reduceEvery` checks (else at the
   * spell's 30 s follow-up); the other follow-ups stay plain. Shards (shardWorker.ts; by default since session 18, `BATON_IDLE_RELEASE=0`: off),
   * whose floor is their young generation's full size; not the main thread, whose young generation would shrink to
   * V8's 1 MB.
   */
  reduce?: boolean | (() => void);
  /** At most one memory-reducing collection per this many checks (default REDUCE_EVERY; 0: every idle spell). */
  reduceEvery?: number;
}

let exposed: (() => void) | null | undefined;

/**
 * V8's full collection as a function, without starting node with --expose-gc: the flag is set for the moment it
 * takes to make a new context, whose `gc` is the isolate's (the context itself is then dropped; nothing else sees
 * the flag). Null if this V8 refuses.
 */
export function fullCollection(): (() => void) | null {
  if (exposed !== undefined) return exposed;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    exposed = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    exposed = null;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
  return exposed;
}

let reducing: (() => void) | null | undefined;

/**
 * V8's memory-reducing collection (what V8 runs on a low-memory notification: full collections that also shrink the
 * young generation to its initial size and give the emptied pages back), as a function. Node has no API for it; an
 * in-process inspector session's `HeapProfiler.collectGarbage` runs exactly that on this thread's isolate (no port is
 * opened, nothing is sent anywhere; the session only exists in this thread). Null where node has no inspector.
 *
 * Session 17 (issue 8, 10,000 idle conversations < 300 MB in every run): a plain full collection leaves the young
 * generation at the size a burst grew it to, and it stays resident though empty. After 10,000 conversations were
 * created a shard's held 64 MB, 52 MB of it resident, for 30 s (FOLLOW_UPS' last one, where V8 shrinks it by itself);
 * this collection takes it to ~0.7 MB resident. A shard's semi-space floor is its full size (shardPool.ts
 * shardSemiFloorMb), so the collection keeps the size and only gives the pages back: the next burst does not start on
 * a 1 MB young generation (session 11's problem with shrinking early), it touches the pages again.
 */
export function memoryReducingCollection(): (() => void) | null {
  if (reducing !== undefined) return reducing;
  reducing = null;
  try {
    // createRequire: the bundle is ESM and node:inspector is loaded only here, when asked for.
    const inspector = createRequire(import.meta.url)('node:inspector') as typeof import('node:inspector');
    if (typeof inspector.Session !== 'function') return null;
    const session = new inspector.Session();
    session.connect();
    reducing = () => session.post('HeapProfiler.collectGarbage');
  } catch {
    reducing = null;
  }
  return reducing;
}

/**
 * Collections after the first one, counted in checks after it, while the thread stays idle. V8 gives the pages a
 * collection emptied back to the system lazily, mostly at the next collection (measured: a process at 256 MB was
 * still 256 MB right after a full collection, 203 MB half a second later, 114 MB after a second one); and it shrinks
 * the young generation (32 MB per thread after a burst) only in a collection that sees the allocation rate of the
 * last 5 s low (measured: at the collection 5.5 s after the burst, -33 MB).
 *
 * That shrink is why the last follow-up waits 30 s of idleness (session 11, issue 8), not 6 s as it did: it leaves the
 * young generation at its initial 1 MB semi-space, and V8 grows it back only by doubling, one scavenge at a time,
 * when more survives than it holds. So a burst after a pause ran its first second with a tiny young generation:
 * scavenged many times, promoted the conversations' states, and left them to full collections (measured: a
 * shard-like worker with a 64 MB young generation, 5,000 messages after an idle spell: 27 scavenges after the 6 s
 * follow-up, 3-4 without it; test/bench/idleYoung.ts). Traffic that pauses for less than 30 s keeps its young
 * generation; an idle server still gives it back. The collections at 0.5 s and 1 s give back what the first ones
 * emptied (V8 unmaps freed pages lazily, at the next collection) and see the burst's allocation rate, so they leave
 * the young generation as it is: 10,000 idle conversations read 2 s after their creation (test/bench/runtime.ts
 * idleMemory, the issue's figure) are not held at the young generation's full size.
 */
export const FOLLOW_UPS = [1, 2, 4, 120];

/**
 * Idle looks in a row before a first collection (250 ms each: 1 s of idleness). Pauses between bursts of traffic are
 * shorter, and a full collection in one of them is paid by the next burst (hostile s12 #13).
 */
export const FIRST_AFTER = 4;

/**
 * The main thread's threshold (MB) when it runs conversations on shards (session 17): it keeps ~2 MB per 10,000
 * conversations, so what a burst leaves above the floor is garbage (HTTP requests and answers). 24 MB, the default,
 * let 10,000 conversation starts leave ~20 MB of it (measured: 62 MB used, 37-40 MB after a collection, ~24 MB above
 * the true floor). Not lower: on a host so loaded that the server answers only a few hundred messages a second, the
 * main thread's event loop is under idleGc's 5% busy mark even during the load, and each threshold's worth of
 * garbage then costs a full collection (8 MB looked costlier in one such run at load 25: main thread 0.096 against
 * 0.078 ms per message; not conclusive).
 */
export const MAIN_MIN_GARBAGE_MB = 16;

/**
 * Session 18 (issue 8, the young-generation release by default): the first collection of an idle spell is the
 * memory-reducing one (IdleGcOptions.reduce) only when the last one was at least this many checks ago (240: a minute);
 * otherwise it is a plain one and the release waits for the spell's last follow-up (FOLLOW_UPS: 30 s of idleness).
 * The release costs the NEXT burst: it touches the young generation's pages again (~16,000 minor faults for a shard's
 * 64 MB) and, measured in runtimeCpu's alternating rounds on a loaded host, ~0.15-0.4 s of CPU per idle spell in all.
 * Traffic that pauses for a second or two, again and again, so pays it at most once a minute (or once per 30 s of
 * real idleness), while a server that goes idle still gives its memory back 1 s after (if it has not in the last
 * minute) or 30 s after.
 */
export const REDUCE_EVERY = 240;

/** What a check reads: the heap's live-or-garbage bytes and the bytes V8 holds for it (what RSS sees). */
export interface HeapReading {
  used: number;
  committed: number;
}

/** The decision, apart from timers and V8 (tested directly). */
export class IdleGc {
  /** The used heap as our last collection (or the start) left it, or lower when seen lower since. */
  private floor: number;
  /**
   * The memory V8 held for the heap when our last collection (or the start) left it, or lower when seen lower since.
   * Session 11: V8 keeps a young generation committed at its full size (a shard's is 64 MB) when it is empty, so
   * `committed - used` alone stayed above `minGarbage` after every collection; with any work in between (V8's own
   * sweeping after the collection was enough on a loaded machine) an idle shard collected every ~0.5 s for as long
   * as it stayed idle, until V8's memory reducer shrank its young generation to 1 MB (see FOLLOW_UPS).
   */
  private committedFloor: number;
  /** Work happened since our last collection: an idle spell may collect again. */
  private armed = true;
  /** Checks since the first collection of this idle spell, and the follow-ups still due. */
  private since = 0;
  private due: number[] = [];
  /** Idle checks in a row (work resets it). */
  private idleRun = 0;
  /** Full collections run so far. */
  collections = 0;
  /** Memory-reducing ones among them (`first` when it differs from `collect`). */
  reductions = 0;
  /** Checks so far (idle or not), and the check of the last memory-reducing collection (-Infinity: none yet). */
  private ticks = 0;
  private lastReduce = Number.NEGATIVE_INFINITY;
  /** This idle spell's first collection was a plain one because of `reduceEvery`: the last follow-up reduces. */
  private reduceOwed = false;
  constructor(
    private readonly heap: () => HeapReading,
    private readonly collect: () => void,
    private readonly minGarbage: number,
    /** Idle checks in a row before a first collection (see FIRST_AFTER; 1: at the first idle check). */
    private readonly firstAfter = 1,
    /** The first collection of an idle spell, when it differs from `collect` (IdleGcOptions.reduce). */
    private readonly first: () => void = collect,
    /** At most one `first` per this many checks; one owed runs at the idle spell's last follow-up (REDUCE_EVERY). */
    private readonly reduceEvery = 0,
  ) {
    const h = heap();
    this.floor = h.used;
    this.committedFloor = h.committed;
  }

  /**
   * One check; `idle`: the thread's event loop did (almost) nothing since the previous check. An idle thread that
   * worked since our last collection collects when its heap holds at least `minGarbage` more than that collection
   * left, or V8 holds at least that much more memory than the heap uses AND than that collection left it holding
   * (V8's own collections during a burst leave the heap small but keep the memory); then again at the follow-ups while it stays idle. Work in between cancels
   * the follow-ups and lets the next idle spell collect. The heap is read only when idle.
   */
  check(idle: boolean): boolean {
    this.ticks++;
    if (!idle) {
      this.armed = true;
      this.due = [];
      this.idleRun = 0;
      this.reduceOwed = false;
      return false;
    }
    this.since++;
    this.idleRun++;
    const followUp = this.due.length > 0 && this.since >= this.due[0];
    if (followUp) this.due.shift();
    else if (!this.armed || this.idleRun < this.firstAfter) return false;
    else {
      const h = this.heap();
      if (h.used < this.floor) this.floor = h.used;
      if (h.committed < this.committedFloor) this.committedFloor = h.committed;
      const held = h.committed - h.used >= this.minGarbage && h.committed - this.committedFloor >= this.minGarbage;
      if (h.used - this.floor < this.minGarbage && !held) return false;
      this.armed = false;
      this.due = [...FOLLOW_UPS];
      this.since = 0;
    }
    const reducing = this.first !== this.collect;
    if (followUp) {
      if (this.reduceOwed && this.due.length === 0) this.reduce();
      else this.collect();
    } else if (reducing && this.ticks - this.lastReduce < this.reduceEvery) {
      // Released less than `reduceEvery` checks ago: plain now, the release at the last follow-up if still idle.
      this.collect();
      this.reduceOwed = true;
    } else if (reducing) this.reduce();
    else this.collect();
    this.collections++;
    const after = this.heap();
    this.floor = after.used;
    this.committedFloor = after.committed;
    return true;
  }

  private reduce(): void {
    this.first();
    this.reductions++;
    this.lastReduce = this.ticks;
    this.reduceOwed = false;
  }
}

function readHeap(): HeapReading {
  const s = v8.getHeapStatistics();
  return { used: s.used_heap_size, committed: s.total_heap_size };
}

/** Whether BATON_IDLE_GC leaves the collection while idle on: "0", " 0" too (as envCheck reads it: review s19 R10), is off. */
export function idleGcOn(env: Record<string, string | undefined>): boolean {
  return !envSwitchOff(env.BATON_IDLE_GC);
}

/** Starts the checks on this thread (an unref'd timer: it never keeps the process alive). Returns a stop function. */
export function startIdleGc(o: IdleGcOptions = {}): () => void {
  if (!idleGcOn(process.env)) return () => undefined;
  const collect = o.collect ?? fullCollection();
  if (!collect) return () => undefined;
  const first = typeof o.reduce === 'function' ? o.reduce : o.reduce ? (memoryReducingCollection() ?? collect) : collect;
  const MB = 1024 * 1024;
  const gc = new IdleGc(o.heap ?? readHeap, collect, (o.minGarbageMb ?? 24) * MB, o.firstAfter ?? FIRST_AFTER, first, o.reduceEvery ?? REDUCE_EVERY);
  // Idle = the event loop's utilisation since the last check (cheap: libuv's counters); the heap is read only then
  // (v8.getHeapStatistics took ~1 ms per call in a loaded worker thread).
  const idleBelow = o.idleBelow ?? 0.05;
  let elu = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, elu).utilization;
    // Read after the check: a collection's own time (60-300 ms on a loaded machine, inside this callback) is not
    // work. Counted, it made the next check see a busy thread, which re-armed the collection: an idle thread
    // collected every other check for as long as it stayed idle (session 11).
    gc.check(busy < idleBelow);
    elu = performance.eventLoopUtilization();
  }, o.checkMs ?? 250);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Creates a worker thread whose semi-space has a floor of `floorMb` (shards: shardPool.ts shardSemiFloorMb).
 * V8 reads --min-semi-space-size when a new isolate sets its heap up, from a process-wide flag: it is set while the
 * worker is being created (until the worker is online, i.e. its isolate exists) and put back to V8's default
 * after, so no other isolate (the embedded writer's, or a test runner's workers) gets the floor.
 */
let floorsPending = 0;
export function withSemiFloor<W extends Worker>(floorMb: number, create: () => W): W {
  if (floorMb <= 0) return create();
  v8.setFlagsFromString(`--min-semi-space-size=${floorMb}`);
  floorsPending++;
  let w: W;
  try {
    w = create();
  } catch (err) {
    if (--floorsPending === 0) v8.setFlagsFromString('--min-semi-space-size=0');
    throw err;
  }
  let done = false;
  const release = () => {
    if (done) return;
    done = true;
    if (--floorsPending === 0) v8.setFlagsFromString('--min-semi-space-size=0');
  };
  w.once('online', release);
  w.once('error', release);
  w.once('exit', release);
  return w;
}
