/**
 * Where the servers' pino logs go: stdout, written synchronously.
 *
 * Why not pino's default (an asynchronous SonicBoom on fd 1): that destination registers an exit hook that
 * flushes its buffer with SonicBoom.flushSync(), which retries EVERY write error (not only EAGAIN) forever with
 * Atomics.wait. When the reader of stdout is gone (`baton serve ... | head -1`), a buffered log line made the
 * process loop in that hook on exit: it held the port and the data folder and ignored SIGTERM (hostile s5 #1).
 * A synchronous destination has no exit hook and nothing buffered; on EPIPE pino turns its writes into no-ops, so
 * the server keeps serving without logs. Logs are a few lines (requests are not logged by default), so one write
 * per line costs nothing measurable.
 */
import pino, { type DestinationStream } from 'pino';

export function stdoutLogDestination(): DestinationStream {
  return pino.destination({ dest: process.stdout.fd ?? 1, sync: true });
}
