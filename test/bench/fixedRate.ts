/**
 * An open-loop load at a fixed overall rate (session 7, "latency at the target load"): request k is due at
 * t0 + k / rate whatever the server does, goes to conversation k mod N on its own keep-alive connection, and its
 * latency is counted from the moment it was DUE (not from when it could be written), so a server that falls
 * behind shows it in p99 instead of slowing the load down (no coordinated omission).
 *
 * Why not autocannon's `overallRate` (the driver for the saturation rows): autocannon 9 splits the rate
 * into a per-connection budget per second (lib/run.js `distributeNums`, lib/httpClient.js `reqsMadeThisSecond`),
 * reset by one `setInterval(1000)` per connection, all started together; within each second every connection sends
 * its budget back to back as fast as answers come, then waits for the next second. With 1,000 connections at
 * 5,000/s that is a burst of 1,000 concurrent requests at each second's start: a closed loop again for most of the
 * second, so its latency is again mostly ~1000 / rate. Its coordinated-omission correction also uses
 * `Math.ceil(1 / rate)` ms as the expected interval (1 ms for a budget of 5 a second instead of 200 ms), adding
 * made-up samples. Measured side by side on bare node:http in one run: see docs/runtime.md "Session 7: latency at
 * the target load".
 *
 * The client is raw sockets (one request in flight per connection, Content-Length or chunked answers), so it
 * costs about what autocannon's does, in this process.
 *
 * Connections are open before the clock starts. Until session 16 the clock started 300 ms after the 1,000 connects
 * were issued, open or not; a server whose accept queue overflowed in that burst (node's default backlog of 511,
 * Linux drops the SYNs past it) had those clients retry after their 1 s SYN timeout, so their first ~4 messages were
 * 100-700 ms late: connection setup counted as message latency, for bare node:http as for baton (measured at load
 * 10-16: bare p99 427-1,514 ms from 29-376 dropped SYNs per round). Since session 16 (helper rtfast) the clock starts
 * 300 ms after every connection is open (at most 5 s); how long that took and how many connections needed over
 * 900 ms (a SYN retried) are in `connect` and printed to stderr when any did. BENCH_RATE_CONNECT=race restores the
 * old start (300 ms after the connects were issued).
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';

/**
 * Linux's count of connections dropped because a listening socket's accept queue was full (/proc/net/netstat TcpExt
 * ListenOverflows; the whole machine's, so another process's overflow counts too), or null where there is no such file.
 */
export function listenOverflows(): number | null {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
    for (let i = 0; i + 1 < lines.length; i += 2) {
      if (!lines[i].startsWith('TcpExt:')) continue;
      const names = lines[i].split(' ');
      const at = names.indexOf('ListenOverflows');
      return at < 0 ? null : Number(lines[i + 1].split(' ')[at]);
    }
  } catch {
    /* not Linux */
  }
  return null;
}

export interface RateLoad {
  /** 2xx answers received within the window (requests due in the window only). */
  ok: number;
  non2xx: number;
  /** Connection errors, and requests due in the window still unanswered 5 s after it ended. */
  errors: number;
  /** Requests due in the window (rate x seconds). */
  due: number;
  /** 2xx answers that arrived within the window, per second: the achieved rate. */
  perSec: number;
  /** Latency from the time each request was due, ms (2xx only). */
  p50: number;
  p99: number;
  max: number;
  /**
   * p99 counted from when the generator's tick handed each request to its connection instead of its due time: the same
   * minus only the generator's own lateness (a request still waiting for its connection's previous answer counts in
   * both: that is the server's time). When this is much lower than p99, the generator was part of the tail.
   */
  p99FromHanded: number;
  /**
   * The generator's own honesty (it shares the cores with the server): how late its tick handed each request to its
   * connection after the request's due time (p99, max, ms: the generator's lateness, not the server's), and the generator's event-loop stalls over 8 ms (count, total ms). A request written
   * late, or an answer read late, counts as server latency in p50/p99 above; these say how much of it was ours.
   */
  sendLateP99: number;
  sendLateMax: number;
  stalls: number;
  stalledMs: number;
  /**
   * Per request k (index = k), epoch ms: due; handed to its connection by the generator's tick (late = the generator
   * was late); written (later than handed when the connection still waited for its previous answer); answered.
   * And its conversation index; the generator's stalls [start, length, ...].
   */
  trace: { due: Float64Array; handed: Float64Array; sent: Float64Array; done: Float64Array; conv: Int32Array; stalls: number[] };
  /**
   * Connection setup before the clock (not in the latencies above unless BENCH_RATE_CONNECT=race): ms from the first
   * connect issued until the last connection was open, connections that took over 900 ms (a SYN retried because the
   * server's accept queue was full; on a very loaded host also this process's own lateness), connections not open
   * after 5 s (counted in `errors` when they fail), and the machine's ListenOverflows while they opened (null: not
   * Linux; any process's overflow counts, so read it on a quiet machine).
   */
  connect: { lastMs: number; over900ms: number; notOpen: number; listenOverflows: number | null };
}

interface Pending {
  k: number;
  due: number;
  bytes: Buffer;
}

class Conn {
  private sock: net.Socket;
  private queue: Pending[] = [];
  private inFlight: Pending | null = null;
  private buf: Buffer = Buffer.alloc(0);
  broken = false;
  /** performance.now() when the socket connected (0: not yet). */
  connectedAt = 0;
  constructor(
    host: string,
    port: number,
    private readonly done: (p: Pending, status: number, at: number) => void,
    private readonly failed: (n: number) => void,
  ) {
    this.sock = net.connect({ host, port, noDelay: true });
    this.sock.once('connect', () => (this.connectedAt = performance.now()));
    this.sock.on('data', (d: Buffer) => this.onData(d));
    this.sock.on('error', () => this.fail());
    this.sock.on('close', () => this.fail());
  }
  send(p: Pending): void {
    if (this.broken) return void this.failed(1);
    if (this.inFlight) this.queue.push(p);
    else this.write(p);
  }
  close(): void {
    this.broken = true;
    this.sock.destroy();
  }
  /** When each request was written (performance.now()), by k. */
  static sentAt: Float64Array = new Float64Array(0);
  private write(p: Pending): void {
    Conn.sentAt[p.k] = performance.now();
    this.inFlight = p;
    this.sock.write(p.bytes);
  }
  private fail(): void {
    if (this.broken) return;
    this.broken = true;
    this.failed((this.inFlight ? 1 : 0) + this.queue.length);
    this.inFlight = null;
    this.queue = [];
  }
  private onData(d: Buffer): void {
    this.buf = this.buf.length === 0 ? d : Buffer.concat([this.buf, d]);
    for (;;) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buf.toString('latin1', 0, end);
      const status = Number(head.slice(9, 12));
      const cl = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      let total: number;
      if (cl) {
        total = end + 4 + Number(cl[1]);
        if (this.buf.length < total) return;
      } else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
        const last = this.buf.indexOf('\r\n0\r\n\r\n', end);
        if (last < 0) return;
        total = last + 7;
      } else total = end + 4;
      this.buf = this.buf.subarray(total);
      const p = this.inFlight;
      this.inFlight = null;
      if (p) this.done(p, status, performance.now());
      const next = this.queue.shift();
      if (next) this.write(next);
    }
  }
}

/**
 * `rate` requests a second for `seconds`, request k to conversation k mod `conversations` on connection
 * k mod `connections`. `pathFor(i)` / `headersFor(i)` name conversation i; `bodyFor(k)` is request k's JSON body.
 */
export async function loadAtRate(
  url: string,
  opts: { connections: number; rate: number; seconds: number; conversations: number },
  pathFor: (i: number) => string,
  headersFor: (i: number) => Record<string, string>,
  bodyFor: (k: number) => string,
): Promise<RateLoad> {
  const u = new URL(url);
  const host = u.hostname;
  const port = Number(u.port);
  const lat: number[] = [];
  const latHanded: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let answered = 0;
  let inWindow = 0;
  let tEnd = Infinity;
  const due = Math.round(opts.rate * opts.seconds);
  const conns: Conn[] = [];
  const origin = performance.timeOrigin;
  const tr = { due: new Float64Array(due), handed: new Float64Array(due), sent: new Float64Array(due), done: new Float64Array(due), conv: new Int32Array(due), stalls: [] as number[] };
  Conn.sentAt = tr.sent;
  const onDone = (p: Pending, status: number, at: number) => {
    answered++;
    if (p.k < due) tr.done[p.k] = origin + at;
    if (status >= 200 && status < 300) {
      ok++;
      if (at <= tEnd) inWindow++;
      lat.push(at - p.due);
      if (p.k < due) latHanded.push(origin + at - tr.handed[p.k]);
    } else non2xx++;
  };
  const onFail = (n: number) => {
    errors += n;
    answered += n;
  };
  const overflows0 = listenOverflows();
  const connectStart = performance.now();
  for (let c = 0; c < opts.connections; c++) conns.push(new Conn(host, port, onDone, onFail));
  // Connections open before the clock starts (see the header: a SYN dropped by a full accept queue is retried after 1 s).
  const race = process.env.BENCH_RATE_CONNECT === 'race';
  if (race) await new Promise((r) => setTimeout(r, 300));
  else {
    const deadline = connectStart + 5000;
    while (conns.some((c) => c.connectedAt === 0 && !c.broken) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  }
  const overflows1 = listenOverflows();
  const connect = { lastMs: 0, over900ms: 0, notOpen: 0, listenOverflows: overflows0 === null || overflows1 === null ? null : overflows1 - overflows0 };
  for (const c of conns) {
    if (c.connectedAt === 0) connect.notOpen++;
    else {
      connect.lastMs = Math.max(connect.lastMs, c.connectedAt - connectStart);
      if (c.connectedAt - connectStart > 900) connect.over900ms++;
    }
  }
  if (connect.over900ms + connect.notOpen + (connect.listenOverflows ?? 0) > 0)
    process.stderr.write(
      `fixedRate: ${connect.over900ms} of ${opts.connections} connections to ${url} took over 900 ms to open (a SYN retried after the server's accept queue was full, or this process was that late: compare /proc/net/netstat ListenOverflows), ${connect.notOpen} not open${race ? ' when the clock started' : ' after 5 s'}; last opened after ${connect.lastMs.toFixed(0)} ms; ListenOverflows +${connect.listenOverflows ?? '?'} meanwhile (any process's)\n`,
    );
  if (!race) await new Promise((r) => setTimeout(r, 300)); // the server takes the accepted connections before the clock starts
  // Each conversation's request line and headers are made once (the generator shares the cores with the server: the
  // less it spends per request, the less it is part of what it measures).
  const heads = new Map<number, string>();
  const request = (k: number): Buffer => {
    const i = k % opts.conversations;
    const body = bodyFor(k);
    let head = heads.get(i);
    if (head === undefined) {
      head = `POST ${pathFor(i)} HTTP/1.1\r\n`;
      for (const [k2, v] of Object.entries({ host: u.host, 'content-type': 'application/json', ...headersFor(i) })) head += `${k2}: ${v}\r\n`;
      heads.set(i, head);
    }
    return Buffer.from(`${head}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const t0 = performance.now();
  tEnd = t0 + opts.seconds * 1000;
  let lastTick = t0;
  const stallTimer = setInterval(() => {
    const t = performance.now();
    if (t - lastTick > 8) tr.stalls.push(origin + lastTick, t - lastTick);
    lastTick = t;
  }, 2);
  const interval = 1000 / opts.rate;
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const upTo = Math.min(due, Math.floor((now - t0) / interval) + 1);
      while (sent < upTo) {
        const k = sent++;
        tr.due[k] = origin + t0 + k * interval;
        tr.handed[k] = origin + now;
        tr.conv[k] = k % opts.conversations;
        conns[k % opts.connections].send({ k, due: t0 + k * interval, bytes: request(k) });
      }
      if (sent < due) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  // Wait for the answers to the requests of the window (at most 5 s more); what is still missing counts as errors.
  const deadline = performance.now() + 5000;
  while (answered < due && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  errors += due - answered;
  clearInterval(stallTimer);
  for (const c of conns) c.close();
  const late: number[] = [];
  for (let k = 0; k < due; k++) late.push(tr.handed[k] - tr.due[k]);
  late.sort((a, b) => a - b);
  for (let k = 0; k < due; k++) if (tr.sent[k] > 0) tr.sent[k] += origin;
  let stalledMs = 0;
  for (let j = 1; j < tr.stalls.length; j += 2) stalledMs += tr.stalls[j];
  lat.sort((a, b) => a - b);
  latHanded.sort((a, b) => a - b);
  const pct = (q: number) => (lat.length === 0 ? NaN : lat[Math.min(lat.length - 1, Math.floor(q * lat.length))]);
  return {
    ok,
    non2xx,
    errors,
    due,
    perSec: inWindow / opts.seconds,
    p50: pct(0.5),
    p99: pct(0.99),
    max: lat.length ? lat[lat.length - 1] : NaN,
    p99FromHanded: latHanded.length ? latHanded[Math.min(latHanded.length - 1, Math.floor(0.99 * latHanded.length))] : NaN,
    sendLateP99: late.length ? late[Math.floor(0.99 * late.length)] : NaN,
    sendLateMax: late.length ? late[late.length - 1] : NaN,
    stalls: tr.stalls.length / 2,
    stalledMs,
    trace: tr,
    connect,
  };
}
