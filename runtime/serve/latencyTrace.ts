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
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { isMainThread, threadId } from 'node:worker_threads';

export const MARK = { accept: 1, answered: 2, read: 10, commit: 11, txn: 12, committed: 13, durable: 14 } as const;

const STALL_TICK_MS = 2;
const STALL_MIN_MS = 8;

export class LatencyTrace {
  private ids = new Map<string, number>();
  readonly names: string[] = [];
  /** [code, conversation index, epoch ms] triples. */
  readonly marks: number[] = [];
  /** [start, duration ms, kind] */
  readonly gc: number[] = [];
  /** [start, length ms]: the event loop ran nothing else for that long. */
  readonly stalls: number[] = [];
  /** [start, end] of each lmdb transaction callback (a write plan run in a group commit). */
  readonly txns: number[] = [];
  private dumped = false;
  private timer: NodeJS.Timeout;
  private observer: PerformanceObserver;

  constructor(private readonly dir: string) {
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
    writeFileSync(file, JSON.stringify({ thread: isMainThread ? 'main' : `worker${threadId}`, names: this.names, marks: this.marks, gc: this.gc, stalls: this.stalls, txns: this.txns }));
  }
}

const dir = process.env.BATON_LATENCY_TRACE;
/** This thread's trace, or null (the default: nothing is recorded). */
export const trace: LatencyTrace | null = dir ? new LatencyTrace(dir) : null;
