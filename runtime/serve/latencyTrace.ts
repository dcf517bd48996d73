/**
 * Where a customer message's time goes, per thread (session 9, issue 8: the 1% of messages over 50 ms at 5,000
 * msgs/s). Off unless the environment variable BATON_LATENCY_TRACE names a folder; then every thread that opens an
 * embedded store (the main thread, each shard) records, in memory:
 *
 * - marks per conversation: main thread: the lean route took the message (`accept`), had the answer (`answered`);
 *   shard thread: the store read the conversation (`read`: the token check, i.e. the shard picked the message up),
 *   the commit was asked for (`commit`), its lmdb transaction callback ran (`txn`), lmdb reported it committed
 *   (`committed`) and flushed to disk (`durable`);
 * - GC pauses (PerformanceObserver 'gc': start, duration, kind);
 * - event-loop stalls: a 2 ms interval timer that fired more than 8 ms late (start, length);
 * - lmdb batches: each transaction callback's start and end, so the commit and flush of a group can be told apart.
 *
 * The thread writes it all as JSON to `<folder>/trace-<pid>-<threadId>.json` when its store closes (SIGTERM's
 * drain) or the process exits. Times are epoch milliseconds (performance.timeOrigin + now), comparable between the
 * threads and the load generator. test/bench/latencyTrace.ts reads the files and attributes each slow message.
 * When the variable is unset `trace` is null and every call site is one null check.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { isMainThread, threadId } from 'node:worker_threads';

export const MARK = { accept: 1, answered: 2, read: 10, commit: 11, txn: 12, committed: 13, durable: 14 } as const;

/**
 * Numbers kept in fixed 64 K-entry Float64Array chunks: a growing JS array would copy itself at each doubling (a
 * several-MB copy inside the thread being measured, late in a run); a chunk is allocated once, off the heap's young
 * generation, and holds its numbers unboxed.
 */
class Numbers {
  /**
   * Hostile s9 #6: a traced server must not grow without bound (nor build a dump too big to write). Past MAX_CHUNKS
   * (8 M numbers, 64 MB: ~400,000 traced messages, minutes at the fixed-rate bench's 5,000/s) nothing more is kept
   * and the dump says `truncated`. This is a benchmark switch, not for production.
   */
  static readonly MAX_CHUNKS = 128;
  truncated = false;
  private chunks: Float64Array[] = [];
  /** Entries used in each full chunk (a record never spans two chunks). */
  private lengths: number[] = [];
  private last: Float64Array = new Float64Array(0);
  private used = 0;
  push(a: number, b: number, c?: number): void {
    const n = c === undefined ? 2 : 3;
    if (this.used + n > this.last.length) {
      if (this.chunks.length >= Numbers.MAX_CHUNKS) {
        this.truncated = true;
        return;
      }
      if (this.chunks.length > 0) this.lengths.push(this.used);
      this.last = new Float64Array(65_536);
      this.chunks.push(this.last);
      this.used = 0;
    }
    this.last[this.used++] = a;
    this.last[this.used++] = b;
    if (c !== undefined) this.last[this.used++] = c;
  }
  toArray(): number[] {
    const out: number[] = [];
    this.chunks.forEach((ch, i) => {
      const end = i < this.lengths.length ? this.lengths[i] : this.used;
      for (let j = 0; j < end; j++) out.push(ch[j]);
    });
    return out;
  }
}

const STALL_TICK_MS = 2;
const STALL_MIN_MS = 8;

export class LatencyTrace {
  private ids = new Map<string, number>();
  readonly names: string[] = [];
  /** [code, conversation index, epoch ms] triples. */
  private readonly marks = new Numbers();
  /** [start, duration ms, kind] */
  private readonly gc = new Numbers();
  /** [start, length ms]: the event loop ran nothing else for that long. */
  private readonly stalls = new Numbers();
  /** [start, end] of each lmdb transaction callback (a write plan run in a group commit). */
  private readonly txns = new Numbers();
  private dumped = false;
  private timer: NodeJS.Timeout;
  private observer: PerformanceObserver;

  constructor(private readonly dir: string) {
    // A folder that does not exist yet is made (hostile s9 #6: a missing folder failed every stop and lost the trace).
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      process.stderr.write(`baton serve: BATON_LATENCY_TRACE folder ${dir} cannot be made (${(err as Error).message}); the trace will not be written\n`);
    }
    const origin = performance.timeOrigin;
    this.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) this.gc.push(origin + e.startTime, e.duration, (e as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0);
    });
    this.observer.observe({ entryTypes: ['gc'] });
    let last = performance.now();
    this.timer = setInterval(() => {
      const t = performance.now();
      if (t - last > STALL_MIN_MS) this.stalls.push(origin + last, t - last);
      last = t;
    }, STALL_TICK_MS);
    this.timer.unref();
    if (isMainThread) process.once('exit', () => this.dump());
  }

  now(): number {
    return performance.timeOrigin + performance.now();
  }

  mark(code: number, id: string): void {
    let k = this.ids.get(id);
    if (k === undefined) {
      k = this.names.length;
      this.names.push(id);
      this.ids.set(id, k);
    }
    this.marks.push(code, k, this.now());
  }

  txn(start: number): void {
    this.txns.push(start, this.now());
  }

  dump(): void {
    if (this.dumped) return;
    this.dumped = true;
    clearInterval(this.timer);
    this.observer.disconnect();
    const file = join(this.dir, `trace-${process.pid}-${threadId}.json`);
    const truncated = [this.marks, this.gc, this.stalls, this.txns].some((n) => n.truncated);
    try {
      writeFileSync(
        file,
        JSON.stringify({ thread: isMainThread ? 'main' : `worker${threadId}`, truncated, names: this.names, marks: this.marks.toArray(), gc: this.gc.toArray(), stalls: this.stalls.toArray(), txns: this.txns.toArray() }),
      );
    } catch (err) {
      // The trace is a measurement aid: failing to write it must not fail the server's stop.
      process.stderr.write(`baton serve: the latency trace could not be written to ${file} (${(err as Error).message})\n`);
    }
  }
}

const dir = process.env.BATON_LATENCY_TRACE;
/** This thread's trace, or null (the default: nothing is recorded). */
export const trace: LatencyTrace | null = dir ? new LatencyTrace(dir) : null;
