/**
 * Where the servers' pino logs go: stdout, never blocking the server, a bounded buffer, flushed on exit.
 *
 * Why not pino's destinations (SonicBoom): in `sync` mode a write to a pipe whose reader stopped reading without
 * closing it (a stuck log shipper, `baton serve | less` left on a page) gets EAGAIN (baton's stdout pipe is
 * non-blocking) and SonicBoom retries it in a busy loop: the whole server stops answering until the reader reads. In
 * async mode its exit hook (flushSync) retries EVERY write error (EPIPE too) forever, so `baton serve ... | head -1`
 * looped on exit holding the port and the data folder (hostile s5 #1).
 *
 * This destination writes each line at once when the pipe takes it (the usual case: same order, no delay). When the
 * pipe is full (EAGAIN, or a part written), lines wait in a buffer of at most `maxBufferBytes` (1 MB; env
 * BATON_LOG_BUFFER_BYTES), retried every
 * 50 ms by an unref'd timer; past that bound a line is DROPPED and counted (`dropped`, /metrics
 * baton_log_lines_dropped_total), and once the reader catches up one warning line says how many were dropped. A
 * closed pipe (EPIPE) drops everything after it (the CLI prints one line on stderr). On exit, what is buffered is
 * written once more without waiting (no retry), so a reader that is reading gets the last lines.
 */
import { writeSync } from 'node:fs';
import type { DestinationStream } from 'pino';

const RETRY_MS = 50;

export interface LogDestinationOptions {
  fd?: number;
  maxBufferBytes?: number;
  /** Test hook: the write system call (node:fs writeSync). */
  write?: (fd: number, buf: Buffer) => number;
  /** Test hook: the time of the dropped-lines note. */
  now?: () => number;
}

export class NonBlockingLog implements DestinationStream {
  /** Lines dropped since this destination was made (buffer full, or the pipe closed). */
  dropped = 0;
  private queue: Buffer[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | null = null;
  private broken = false;
  private droppedSinceNote = 0;
  private readonly fd: number;
  private readonly max: number;
  private readonly sys: (fd: number, buf: Buffer) => number;
  private readonly now: () => number;

  constructor(o: LogDestinationOptions = {}) {
    this.fd = o.fd ?? 1;
    this.max = o.maxBufferBytes ?? 1024 * 1024;
    this.sys = o.write ?? ((fd, buf) => writeSync(fd, buf));
    this.now = o.now ?? Date.now;
  }

  write(line: string): boolean {
    if (this.broken) {
      this.dropped++;
      return true;
    }
    const buf = Buffer.from(line);
    if (this.queue.length > 0) {
      this.enqueue(buf);
      return true;
    }
    const rest = this.writeSome(buf);
    if (rest) this.enqueue(rest, true);
    return true;
  }

  /** pino's `logger.flush(cb)`: one more try at the buffer, without waiting. */
  flush(cb?: (err?: Error) => void) {
    this.drain(false);
    cb?.();
  }

  /** On exit: one try at what is buffered, never waiting for the reader. */
  flushSync() {
    this.drain(false);
  }

  /** Bytes waiting for the reader. */
  get buffered() {
    return this.queued;
  }

  /** Writes what the pipe takes now; returns the part left (null: all written, or dropped on a closed pipe). */
  private writeSome(buf: Buffer): Buffer | null {
    let off = 0;
    while (off < buf.length) {
      let n: number;
      try {
        n = this.sys(this.fd, off === 0 ? buf : buf.subarray(off));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN' || code === 'EWOULDBLOCK' || code === 'EINTR') return buf.subarray(off);
        // EPIPE (the reader closed it) or worse: logs are dropped from now on; the server keeps serving.
        this.broken = true;
        this.dropped += 1 + this.queue.length;
        this.queue = [];
        this.queued = 0;
        return null;
      }
      if (n <= 0) return buf.subarray(off);
      off += n;
    }
    return null;
  }

  /** `partial`: the rest of a line already partly written: kept whatever the bound (or the line would be cut). */
  private enqueue(buf: Buffer, partial = false) {
    if (!partial && this.queued + buf.length > this.max) {
      this.dropped++;
      this.droppedSinceNote++;
      this.schedule();
      return;
    }
    this.queue.push(buf);
    this.queued += buf.length;
    this.schedule();
  }

  private schedule() {
    if (this.timer || this.broken) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.drain(true);
    }, RETRY_MS);
    this.timer.unref();
  }

  private drain(retry: boolean) {
    while (this.queue.length > 0 && !this.broken) {
      const head = this.queue[0];
      const rest = this.writeSome(head);
      if (this.broken) return;
      if (rest) {
        this.queued -= head.length - rest.length;
        this.queue[0] = rest;
        if (retry) this.schedule();
        return;
      }
      this.queue.shift();
      this.queued -= head.length;
    }
    if (this.droppedSinceNote > 0 && !this.broken) {
      const n = this.droppedSinceNote;
      this.droppedSinceNote = 0;
      const note = JSON.stringify({
        level: 40,
        time: this.now(),
        service: 'baton-serve',
        droppedLogLines: n,
        msg: `${n} log line${n === 1 ? ' was' : 's were'} dropped: the log reader stopped reading stdout (the server did not wait for it)`,
      });
      const rest = this.writeSome(Buffer.from(note + '\n'));
      if (rest) this.enqueue(rest, true);
    }
  }
}

let shared: NonBlockingLog | null = null;

/**
 * The process's (or worker thread's) stdout log destination: one per thread, flushed once more on exit. Touching
 * process.stdout first makes a pipe on fd 1 non-blocking (libuv), so a write never waits for the reader.
 */
export function stdoutLogDestination(): NonBlockingLog {
  if (shared) return shared;
  void process.stdout; // eslint-disable-line @typescript-eslint/no-unused-expressions
  const env = Number(process.env.BATON_LOG_BUFFER_BYTES);
  const d = new NonBlockingLog({ fd: process.stdout.fd ?? 1, ...(Number.isInteger(env) && env > 0 ? { maxBufferBytes: env } : {}) });
  process.once('exit', () => d.flushSync());
  shared = d;
  return d;
}

/** Lines the stdout log dropped in this thread so far (0 when it was never used). */
export function droppedLogLines(): number {
  return shared?.dropped ?? 0;
}
