/**
 * The hot customer route, `POST /api/v1/conversations/:id/messages`, answered straight from node:http in front of
 * Fastify: same checks, same answers, less work per message. In a CPU profile under load, Fastify's per-request
 * machinery (request/reply objects, hook runner, async rate-limit hook, content-type parser, the promise chain
 * around the handler, onSend) was about a third of `baton serve`'s CPU per customer message.
 *
 * What it keeps, in Fastify's order: the security headers, the per-address rate limit (the SAME counters as
 * @fastify/rate-limit: `AddressLimitStore` is that plugin's store, with the same x-ratelimit-* headers and 429),
 * the JSON body parser (Fastify's own, with its prototype-poisoning checks and errors), the route's zod schemas
 * for params, body and headers (the same validator as the Fastify route, so the same 400 bodies), then the
 * route's handler (token, per-conversation limit, idempotency key) and the one error mapping (`errorResponse`)
 * that Fastify's error handler also uses.
 *
 * Anything unusual is passed to Fastify untouched, before a byte of the body is read: another method or URL, a
 * query string or an escaped id, a body that is not `application/json` with a Content-Length within the limit, a
 * request with an Origin header when CORS origins are configured (@fastify/cors answers those; with CORS off it adds
 * nothing, so they stay here), an address other than plain IPv4, a per-address limit kept in Redis, or a server
 * that is closing. The Fastify route stays registered: it serves those requests and documents the route
 * in /openapi.json.
 */
import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type Socket } from 'node:net';
import type { FastifyError, FastifyServerOptions } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { ApiError } from './conversationService';
import { MARK, trace } from '../serve/latencyTrace';

/**
 * A route's answer already serialised as JSON text (sharded serving: the shard that stepped the conversation made
 * it): written as it is, never parsed and stringified again.
 */
export class RawJson {
  constructor(readonly text: string) {}
  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** The JSON text of a route's answer. */
export const jsonText = (out: unknown): string => (out instanceof RawJson ? out.text : JSON.stringify(out));

/* ------------------------------------------------------------ error answers */

/** Where unexpected errors are logged (pino, or Fastify's request logger). */
export interface ErrorLog {
  error(obj: object, msg: string): void;
}

export interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: { error: string; message: string; field?: string; issues?: Array<{ field: string; message: string }> };
}

/**
 * The one mapping from an error to the HTTP answer (Fastify's error handler and the lean route both use it):
 * schema validation, ApiError, body parser errors, rate limits, storage failures; anything else is logged and
 * answered 500 without details.
 */
/** "data folder write failed" is logged at most this often (the lines in between are counted). */
const WRITE_FAIL_LOG_MS = 60_000;
const writeFailLogged = { at: Number.NEGATIVE_INFINITY, since: 0 };

export function errorResponse(err: FastifyError & { validation?: unknown; validationContext?: string }, opts: { bodyLimitBytes: number; log: ErrorLog }): ErrorAnswer {
  const validation = err.validation as Array<{ instancePath: string; message?: string; params: unknown }> | undefined;
  if (Array.isArray(validation) && validation.length > 0) {
    const issues = validation.map((v) => {
      const keys = (v.params as { keys?: string[] }).keys;
      const path = [v.instancePath.replace(/^\//, '').replace(/\//g, '.'), keys?.length ? keys[0] : ''].filter(Boolean).join('.');
      const where = `${err.validationContext ?? 'body'}${path ? '.' + path : ''}`;
      return { field: where, message: v.message ?? 'invalid' };
    });
    const first = issues[0];
    return { status: 400, headers: {}, body: { error: 'invalid_request', message: issues.map((i) => `${i.field}: ${i.message}`).join('; '), field: first.field, issues } };
  }
  if (err instanceof ApiError) {
    return { status: err.statusCode, headers: err.headers, body: { error: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } };
  }
  const code = err.code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { status: 413, headers: {}, body: { error: 'body_too_large', message: `The request body is larger than ${opts.bodyLimitBytes} bytes.`, field: 'body' } };
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return { status: 415, headers: {}, body: { error: 'unsupported_media_type', message: 'Send the body as JSON with "Content-Type: application/json".', field: 'content-type' } };
  }
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return { status: 400, headers: {}, body: { error: 'invalid_request', message: 'The body is empty; send a JSON object.', field: 'body' } };
  }
  // A SyntaxError is the BODY's fault only when a body parser threw it (Fastify marks those 400). Thrown by our own
  // code (a regular expression built from the flow: "Invalid regular expression ... too large"), it is not the
  // customer's doing: it falls through to the 500 below, logged, and its message (internals) is not sent.
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err.name === 'SyntaxError' && err.statusCode === 400) || code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
    return { status: 400, headers: {}, body: { error: 'invalid_json', message: `The body is not valid JSON (${err.message}).`, field: 'body' } };
  }
  if (err.statusCode === 429) {
    return { status: 429, headers: {}, body: { error: 'rate_limited', message: err.message } };
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return { status: err.statusCode, headers: {}, body: { error: 'bad_request', message: err.message } };
  }
  if (err.name === 'StoreWriteError' && (err.statusCode === 507 || err.statusCode === 503)) {
    // The data folder refused a write (disk full, I/O error): say so, nothing was applied; reads keep working.
    // Once, then at most once a minute with how many were refused since (hostile s15 H#15: a line per refused
    // request on a full disk, ~340 bytes each, while the disk the log may share is full).
    const now = Date.now();
    if (now - writeFailLogged.at >= WRITE_FAIL_LOG_MS) {
      opts.log.error({ err: { message: err.message }, ...(writeFailLogged.since > 0 ? { refusedSinceLastLine: writeFailLogged.since } : {}) }, 'data folder write failed');
      writeFailLogged.at = now;
      writeFailLogged.since = 0;
    } else writeFailLogged.since++;
    const full = err.statusCode === 507;
    return { status: err.statusCode, headers: { 'Retry-After': '30' }, body: { error: full ? 'storage_full' : 'storage_unavailable', message: err.message } };
  }
  opts.log.error({ err }, 'unexpected error');
  return { status: 500, headers: {}, body: { error: 'internal', message: 'Something went wrong on our side; the request was not applied. Try again.' } };
}

/* ------------------------------------------------------------ per-address limit shared with @fastify/rate-limit */

type IncrCallback = (err: Error | null, res: { current: number; ttl: number }) => void;

/**
 * A fixed-window counter per address with @fastify/rate-limit's store interface (`incr`, `read`, `child`), given
 * to the plugin as its `store` so the plugin and the lean route count the same requests. Same semantics as the
 * plugin's LocalStore without its options we do not use (continueExceeding, exponential backoff); bounded like it.
 */
export class AddressLimitStore {
  private counters = new Map<string, { current: number; start: number }>();
  constructor(private readonly maxAddresses = 5000) {}
  incr(key: string, cb: IncrCallback, timeWindow: number): void {
    cb(null, this.take(key, timeWindow, Date.now()));
  }
  /** The same as `incr`, synchronously. */
  take(key: string, timeWindow: number, now: number): { current: number; ttl: number } {
    let c = this.counters.get(key);
    if (!c || c.start + timeWindow <= now) {
      c = { current: 0, start: now };
      if (this.counters.size >= this.maxAddresses) this.counters.delete(this.counters.keys().next().value as string);
    } else this.counters.delete(key); // most recently used last
    c.current += 1;
    this.counters.set(key, c);
    return { current: c.current, ttl: timeWindow - (now - c.start) };
  }
  read(key: string, cb: IncrCallback, timeWindow: number): void {
    const c = this.counters.get(key);
    const now = Date.now();
    if (!c || c.start + timeWindow <= now) cb(null, { current: 0, ttl: 0 });
    else cb(null, { current: c.current, ttl: timeWindow - (now - c.start) });
  }
  /** Route-level limits (none today) would get their own counters, as with the plugin's LocalStore. */
  child(): AddressLimitStore {
    return new AddressLimitStore(this.maxAddresses);
  }
}

/* ------------------------------------------------------------ the lean route */

export interface LeanRouteOptions {
  securityHeaders: Array<[string, string]>;
  /** True when no CORS origins are configured: @fastify/cors then adds nothing, so `Origin` requests stay here too. */
  corsOff: boolean;
  /** The plugin's store, or null when the limit is kept elsewhere (Redis): then every request goes to Fastify. */
  addressLimit: AddressLimitStore | null;
  perAddressPerMinute: number;
  bodyLimitBytes: number;
  jsonParser: (req: unknown, body: string, done: (err: Error | null, value?: unknown) => void) => void;
  schemas: { params: z.ZodType; body: z.ZodType; headers: z.ZodType };
  /** The route's handler after validation (the Fastify route calls the same function). */
  handle: (id: string, body: unknown, headers: IncomingMessage['headers']) => Promise<unknown>;
  log: Logger;
}

/** Requests the lean route answered in this process (tests check that it really answers). */
export const leanRouteStats = { answered: 0 };

const PATH = /^\/api\/v1\/conversations\/([A-Za-z0-9_.~-]{1,500})\/messages$/;
const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const WINDOW_MS = 60_000;

/**
 * `serverFactory` for Fastify: a node:http server whose request handler first offers each request to the lean
 * route (enabled once the app is built), then to Fastify.
 */
export function leanServer() {
  let lean: ((req: IncomingMessage, res: ServerResponse) => boolean) | null = null;
  let closing = false;
  let guard: ConnectionGuard | null = null;
  const serverFactory = (fastifyHandler: (req: IncomingMessage, res: ServerResponse) => void, opts: FastifyServerOptions) => {
    const limits = connectionLimits();
    let g: ConnectionGuard | null = null;
    const server = http.createServer({ connectionsCheckingInterval: limits.checkEveryMs, ...((opts as { http?: http.ServerOptions }).http ?? {}) }, (req, res) => {
      g!.request(req, res);
      if (closing) {
        res.shouldKeepAlive = false; // draining: answered 503, then this connection is closed
        fastifyHandler(req, res);
      } else if (lean === null || !lean(req, res)) fastifyHandler(req, res);
    });
    g = connectionGuard(server, limits);
    guard = g;
    // What Fastify does with its own server (lib/server.js).
    if (opts.keepAliveTimeout !== undefined) server.keepAliveTimeout = opts.keepAliveTimeout;
    // Fastify passes its own default, 0 (none: node then waited for a request forever), when nothing was set.
    server.requestTimeout = opts.requestTimeout || limits.requestTimeoutMs;
    server.headersTimeout = Math.min(server.headersTimeout, server.requestTimeout > 0 ? server.requestTimeout : Infinity);
    if (limits.maxConnections !== null) server.maxConnections = limits.maxConnections;
    server.setTimeout(opts.connectionTimeout ?? 0);
    if (opts.maxRequestsPerSocket && opts.maxRequestsPerSocket > 0) server.maxRequestsPerSocket = opts.maxRequestsPerSocket;
    return server;
  };
  return {
    serverFactory,
    enable(o: LeanRouteOptions) {
      lean = leanMessageRoute(o);
    },
    /**
     * The app is closing: Fastify answers everything from now on (503 to new requests, drain). Session 19 (hostile s18
     * #19): responses in progress close their connection when sent; until every connection is closed, or none took a
     * request for DRAIN_QUIET_MS, or `graceMs` passed, requests on open connections are answered (503) instead of
     * being reset by the server's close.
     */
    close(graceMs = 0): Promise<void> {
      closing = true;
      return guard ? guard.drain(graceMs) : Promise.resolve();
    },
  };
}

/**
 * Hostile s17 H#9: one client that opened ~20,000 connections, each sending a request's headers and one byte of its
 * body, took `baton serve` off the air. Nothing limited how long a request could take to arrive whole, so the
 * connections stayed (Fastify had set node's requestTimeout to 0: none); the process reached its open-file limit (ulimit -n 20,000), new customers got no answer, and
 * reading the data folder's lock failed (EMFILE).
 * - A request must arrive whole within REQUEST_TIMEOUT_MS (headers and body; the answer's time does not count, so a
 *   push stream or a slow step is not cut), checked every CHECK_EVERY_MS: such a connection is closed (408) within
 *   ~35 s instead of 300.
 * - At most the open-file limit minus FDS_KEPT connections at once (server.maxConnections: node closes the ones past
 *   it at once), so the data folder, its lock, logs and the flows' HTTP requests still get file descriptors.
 * No per-address cap: behind a proxy or load balancer every customer comes from its address.
 * `BATON_REQUEST_TIMEOUT_MS` / `BATON_MAX_CONNECTIONS` override them (tests; 0: node's defaults / no cap).
 */
export const REQUEST_TIMEOUT_MS = 30_000;
/** Under pressure (see `connectionGuard`): how long a connection may sit idle or half-sent before it is closed. */
export const PRESSURE_IDLE_MS = 2_000;
/**
 * Under pressure, a request still arriving is kept while at least this many bytes came in each PRESSURE_IDLE_MS (review
 * s19 R19: a slow but progressing upload, a studio Publish of a large flow over a poor link, was closed mid-send after
 * 2 s). 512 bytes per 2 s is 256 B/s, below any real link; a flood that drips a byte a second is still closed.
 */
export const PRESSURE_MIN_PROGRESS_BYTES = 512;
/**
 * Pressure lasts this long after the connections last reached `pressureAt` (session 20, CI under load: a flood's
 * connections whose request the server read late had their clock reset, and once the rest were closed the count was
 * under 3/4 of the cap, so those stayed open until the 30 s request timeout).
 */
export const PRESSURE_LINGER_MS = 10_000;
const CHECK_EVERY_MS = 5_000;
const FDS_KEPT = 1024;

export interface ConnectionLimits {
  requestTimeoutMs: number;
  checkEveryMs: number;
  maxConnections: number | null;
  /** Connections one address may hold at once (null: no cap); see `connectionGuard`. */
  perAddress: number | null;
  /** True when BATON_MAX_CONNECTIONS_PER_ADDRESS set it: then loopback and private addresses are capped too. */
  perAddressEverywhere: boolean;
  /** From this many connections on, idle and half-sent ones are closed after PRESSURE_IDLE_MS (null: never). */
  pressureAt: number | null;
}

export function connectionLimits(env: NodeJS.ProcessEnv = process.env): ConnectionLimits {
  const t = env.BATON_REQUEST_TIMEOUT_MS !== undefined && env.BATON_REQUEST_TIMEOUT_MS !== '' ? Number(env.BATON_REQUEST_TIMEOUT_MS) : REQUEST_TIMEOUT_MS;
  const requestTimeoutMs = Number.isFinite(t) && t >= 0 ? t : REQUEST_TIMEOUT_MS;
  const checkEveryMs = requestTimeoutMs > 0 ? Math.max(100, Math.min(CHECK_EVERY_MS, Math.floor(requestTimeoutMs / 3))) : 30_000;
  let maxConnections: number | null = null;
  const m = env.BATON_MAX_CONNECTIONS;
  if (m !== undefined && m !== '') {
    const n = Number(m);
    maxConnections = Number.isInteger(n) && n > 0 ? n : null;
  } else {
    const fds = openFileLimit();
    if (fds !== null) maxConnections = Math.max(64, fds - Math.min(FDS_KEPT, Math.floor(fds / 4)));
  }
  // Session 19 (hostile s18 #12): one address at most half the connections (BATON_MAX_CONNECTIONS_PER_ADDRESS; 0: no
  // cap), so a flood from one client always leaves the other half to everyone else.
  let perAddress: number | null = maxConnections !== null ? Math.max(1, Math.floor(maxConnections / 2)) : null;
  let perAddressEverywhere = false;
  const pa = env.BATON_MAX_CONNECTIONS_PER_ADDRESS;
  if (pa !== undefined && pa.trim() !== '') {
    const n = Number(pa);
    perAddress = Number.isInteger(n) && n > 0 ? n : null;
    perAddressEverywhere = true;
  }
  const pressureAt = maxConnections !== null ? Math.max(1, Math.floor((maxConnections * 3) / 4)) : null;
  return { requestTimeoutMs, checkEveryMs, maxConnections, perAddress, perAddressEverywhere, pressureAt };
}

/**
 * Loopback, private and link-local addresses (IPv4, IPv6, IPv4-mapped), and 100.64/10 (carrier-grade NAT, some cloud
 * load balancers): where a proxy or load balancer in front of the server connects from. Review s19 R6: the default
 * per-address cap does not apply to them (behind a proxy every customer comes from its address).
 */
export function isProxyAddress(address: string): boolean {
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  const m = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(a);
  if (m) {
    const x = Number(m[1]);
    const y = Number(m[2]);
    return x === 127 || x === 10 || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168) || (x === 169 && y === 254) || (x === 100 && y >= 64 && y <= 127);
  }
  const l = a.toLowerCase();
  return l === '::1' || /^f[cd][0-9a-f]{0,2}:/.test(l) || /^fe[89ab][0-9a-f]?:/.test(l);
}

/** Refused connections are said at most once a minute (stderr, JSON like the log), with what to do behind a proxy. */
const REFUSED_SAY_MS = 60_000;

/** What the connection guard did (tests, /metrics). */
export const connectionGuardStats = { refusedPerAddress: 0, closedUnderPressure: 0 };

interface Tracked {
  address: string;
  req: IncomingMessage | null;
  res: ServerResponse | null;
  /** What the last sweep saw: the request and its phase, and since when (see `connectionGuard`). */
  seenReq: IncomingMessage | null;
  seenPhase: number;
  seenAt: number;
  /** The socket's bytesRead at seenAt: a request arriving is judged by what came in since (review s19 R19). */
  seenBytes: number;
}

interface ConnectionGuard {
  request(req: IncomingMessage, res: ServerResponse): void;
  drain(graceMs: number): Promise<void>;
}

/** While draining: once no open connection took a request for this long, the rest are closed (see `leanServer.close`). */
const DRAIN_QUIET_MS = 300;
/** While draining: the listener is closed once no connection arrived for this long (hostile s47 L3; see `drain`). */
const ACCEPT_QUIET_MS = 100;

/**
 * Session 19 (fixrt; hostile s18 #12, s17 #9 rest): one client's connection flood kept everyone out, 30 s at a time and
 * renewably: its connections took every slot under server.maxConnections until the request timeout closed them, and it
 * opened them again. Now:
 * - one address holds at most `perAddress` connections at once (default half the cap): the ones past it are closed at
 *   once (said on stderr at most once a minute), so other addresses always find slots. By default not for loopback
 *   and private addresses (`isProxyAddress`: where a proxy or load balancer connects from; review s19 R6); with
 *   BATON_MAX_CONNECTIONS_PER_ADDRESS set, for every address (0: for none).
 * - under pressure (from `pressureAt` connections on, 3/4 of the cap), a check every second closes connections that
 *   have been idle (no request yet, or between requests) or have been sending one request without finishing it for
 *   PRESSURE_IDLE_MS, instead of the 30 s request timeout; a request being answered (a push stream, a slow step) is
 *   never closed here, nor one whose body keeps arriving at PRESSURE_MIN_PROGRESS_BYTES per PRESSURE_IDLE_MS or more.
 *   Pressure lasts PRESSURE_LINGER_MS after the count last reached `pressureAt`, so a flood's stragglers go too.
 */
function connectionGuard(server: http.Server, limits: ConnectionLimits): ConnectionGuard {
  const { perAddress, pressureAt, perAddressEverywhere } = limits;
  let lastRequestAt = 0;
  let refusedSaidAt = 0;
  let refusedSince = 0;
  const sockets = new Map<Socket, Tracked>();
  const perIp = new Map<string, number>();
  let draining = false;
  let lastConnectionAt = 0;
  server.on('connection', (s: Socket) => {
    lastConnectionAt = Date.now();
    const address = s.remoteAddress ?? '';
    const n = (perIp.get(address) ?? 0) + 1;
    if (perAddress !== null && n > perAddress && (perAddressEverywhere || !isProxyAddress(address))) {
      connectionGuardStats.refusedPerAddress++;
      refusedSince++;
      const now = Date.now();
      if (now - refusedSaidAt >= REFUSED_SAY_MS) {
        const msg = `connections from ${address} refused: more than ${perAddress} at once from one address (${refusedSince} refused since the last such line). If a proxy or load balancer connects from this address, set BATON_MAX_CONNECTIONS_PER_ADDRESS=0 (or to BATON_MAX_CONNECTIONS)`;
        process.stderr.write(`${JSON.stringify({ level: 40, time: now, msg })}\n`);
        refusedSaidAt = now;
        refusedSince = 0;
      }
      s.destroy();
      return;
    }
    perIp.set(address, n);
    sockets.set(s, { address, req: null, res: null, seenReq: null, seenPhase: IDLE, seenAt: Date.now(), seenBytes: 0 });
    s.once('close', () => {
      sockets.delete(s);
      const left = (perIp.get(address) ?? 1) - 1;
      if (left > 0) perIp.set(address, left);
      else perIp.delete(address);
    });
  });
  let sweep: NodeJS.Timeout | null = null;
  if (pressureAt !== null) {
    let pressureSeenAt = Number.NEGATIVE_INFINITY;
    sweep = setInterval(() => {
      const now = Date.now();
      if (sockets.size >= pressureAt) pressureSeenAt = now;
      else if (now - pressureSeenAt > PRESSURE_LINGER_MS) return;
      for (const [s, t] of sockets) {
        const phase = t.req === null || (t.res !== null && t.res.writableFinished) ? IDLE : t.req.complete ? ANSWERING : ARRIVING;
        if (phase === ANSWERING) {
          t.seenPhase = ANSWERING;
          continue;
        }
        if (t.seenReq !== t.req || t.seenPhase !== phase) {
          t.seenReq = t.req;
          t.seenPhase = phase;
          t.seenAt = now;
          t.seenBytes = s.bytesRead;
          continue;
        }
        if (now - t.seenAt >= PRESSURE_IDLE_MS) {
          // Still coming in at a real link's pace: a new window (review s19 R19).
          if (phase === ARRIVING && s.bytesRead - t.seenBytes >= PRESSURE_MIN_PROGRESS_BYTES) {
            t.seenAt = now;
            t.seenBytes = s.bytesRead;
            continue;
          }
          connectionGuardStats.closedUnderPressure++;
          s.destroy();
        }
      }
    }, 1000);
    sweep.unref();
    server.once('close', () => clearInterval(sweep!));
  }
  return {
    request(req, res) {
      const t = sockets.get(req.socket);
      if (t !== undefined) {
        t.req = req;
        t.res = res;
      }
      if (draining) lastRequestAt = Date.now();
    },
    async drain(graceMs) {
      draining = true;
      lastRequestAt = Date.now();
      // Session 20 (CI failure of fixrtS19Drain): stop taking new connections now, not after the grace. A client
      // whose connection was closed after its 503 reconnected at once, so requests never quieted down; at the grace's
      // end Fastify's server.close() closed the connections just accepted, before their request was read, and those
      // clients saw ECONNRESET. Now they are refused (ECONNREFUSED: nothing was sent, safe to retry elsewhere); the
      // open connections drain. net's close, not http's: http's also closes the idle keep-alive connections at once
      // (a request about to arrive on one would be reset); Fastify's later server.close() closes what is left and
      // takes ERR_SERVER_NOT_RUNNING as done.
      // Session 47 (rtsec, hostile s47 L3): closing the listener at once reset every connection still waiting in the
      // kernel's accept queue (the client had connected and sent its request; ~15-30% of 200 parallel requests got
      // ECONNRESET under load). First the queue is taken in: the listener stays open until no connection arrived for
      // ACCEPT_QUIET_MS (at most the grace), and what arrives meanwhile is answered 503 draining + Retry-After
      // like any request during the drain; then the listener is closed (later connections are refused, not reset).
      for (const t of sockets.values()) if (t.res !== null && !t.res.headersSent) t.res.shouldKeepAlive = false;
      // Session 50 (rt5, hostile s47 L3's rest): connections still in the kernel's accept queue when the listener closes
      // are reset. With clients reconnecting at once the queue never empties, so whatever its length at the close was
      // reset (0-33 per run in session 48's test). The queue is cut to its least now (listen() again on the listening
      // socket only changes its backlog, Linux's documented behaviour): from here the kernel drops the SYNs of new
      // connections while one waits unaccepted, so the client's connect retries its SYN after ~1 s and meets the
      // closed listener: refused (nothing sent, safe to retry), not reset. Those already queued are taken in below.
      shrinkBacklog(server);
      // At most half the grace: clients that reconnect at once after their 503 would keep it open (session 20).
      const acceptUntil = Date.now() + graceMs / 2;
      lastConnectionAt = Date.now();
      while (server.listening && graceMs > 0 && Date.now() < acceptUntil && Date.now() - lastConnectionAt < ACCEPT_QUIET_MS) await new Promise((r) => setTimeout(r, 10));
      if (server.listening) net.Server.prototype.close.call(server);
      if (graceMs <= 0) return;
      // The connections taken in last get their turn to send their request and be answered (the quiet wait below).
      lastRequestAt = Date.now();
      const until = Math.max(acceptUntil + graceMs / 2, Date.now() + 2 * DRAIN_QUIET_MS);
      while (sockets.size > 0 && Date.now() < until && Date.now() - lastRequestAt < DRAIN_QUIET_MS) await new Promise((r) => setTimeout(r, 50));
    },
  };
}
/**
 * Session 50 (rt5): the listening socket's accept queue set to its least (listen(fd, 0): one connection waiting at a
 * time on Linux) through the server's libuv handle; false where that handle is not there (a cluster worker's shared
 * handle, another runtime) or refuses: the drain then works as before.
 */
function shrinkBacklog(server: http.Server): boolean {
  const handle = (server as unknown as { _handle?: { listen?: (backlog: number) => number } | null })._handle;
  if (typeof handle?.listen !== 'function') return false;
  try {
    return handle.listen(0) === 0;
  } catch {
    return false;
  }
}
const IDLE = 0;
const ARRIVING = 1;
const ANSWERING = 2;

/** The process's soft limit of open files (Linux: /proc/self/limits), or null where it cannot be read or is unlimited. */
function openFileLimit(): number | null {
  try {
    const line = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    const n = line ? Number(line[1]) : NaN;
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

function leanMessageRoute(o: LeanRouteOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const validateParams = validatorCompiler({ schema: o.schemas.params } as never) as (d: unknown) => { error?: unknown; value?: unknown };
  const validateBody = validatorCompiler({ schema: o.schemas.body } as never) as (d: unknown) => { error?: unknown; value?: unknown };
  const validateHeaders = validatorCompiler({ schema: o.schemas.headers } as never) as (d: unknown) => { error?: unknown; value?: unknown };
  const limitStore = o.addressLimit;
  const max = o.perAddressPerMinute;
  const maxText = String(max);
  const securityFlat = o.securityHeaders.flat();

  return (req, res) => {
    if (req.method !== 'POST' || limitStore === null) return false;
    const m = PATH.exec(req.url ?? '');
    if (!m) return false;
    const h = req.headers;
    if ((h.origin !== undefined && !o.corsOff) || h['transfer-encoding'] !== undefined) return false;
    const type = h['content-type'];
    if (typeof type !== 'string' || type.split(';', 1)[0].trim().toLowerCase() !== 'application/json') return false;
    const length = Number(h['content-length']);
    if (!(length > 0 && length <= o.bodyLimitBytes)) return false;
    const ip = req.socket.remoteAddress;
    if (ip === undefined || !IPV4.test(ip)) return false;

    // From here on, this request is answered here.
    leanRouteStats.answered++;
    if (trace) trace.mark(MARK.accept, m[1]);
    const limit = limitStore.take(ip, WINDOW_MS, Date.now());
    const reset = String(Math.ceil(limit.ttl / 1000));
    if (limit.current > max) {
      for (const [name, value] of o.securityHeaders) res.setHeader(name, value);
      res.setHeader('x-ratelimit-limit', maxText);
      res.setHeader('x-ratelimit-remaining', '0');
      res.setHeader('x-ratelimit-reset', reset);
      res.setHeader('retry-after', reset);
      const err = Object.assign(new Error(`Too many requests from this address: at most ${max} a minute; retry after ${reset} s.`), { statusCode: 429 });
      answerError(res, err as FastifyError, o);
      req.resume();
      return true;
    }
    const remaining = String(Math.max(0, max - limit.current));
    // The headers every answer carries. The success answer writes them in one writeHead (a flat array: no
    // per-header setHeader bookkeeping); an error answer sets them first, then errorResponse's own.
    const fail = (err: FastifyError) => {
      for (const [name, value] of o.securityHeaders) res.setHeader(name, value);
      res.setHeader('x-ratelimit-limit', maxText);
      res.setHeader('x-ratelimit-remaining', remaining);
      res.setHeader('x-ratelimit-reset', reset);
      answerError(res, err, o);
    };

    const answer = (out: unknown) => {
      if (trace) trace.mark(MARK.answered, m[1]);
      const json = jsonText(out);
      const head = securityFlat.slice();
      head.push('x-ratelimit-limit', maxText, 'x-ratelimit-remaining', remaining, 'x-ratelimit-reset', reset);
      head.push('content-type', 'application/json; charset=utf-8', 'content-length', String(Buffer.byteLength(json)));
      res.writeHead(200, head);
      res.end(json);
    };

    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (c: Buffer) => {
      received += c.length;
      chunks.push(c);
    });
    req.on('error', () => undefined); // the client went away; node closes the socket
    req.on('end', () => {
      if (received !== length) {
        fail(Object.assign(new Error('Request body size did not match Content-Length'), { code: 'FST_ERR_CTP_INVALID_CONTENT_LENGTH', statusCode: 400 }) as FastifyError);
        return;
      }
      const text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks, received).toString('utf8');
      o.jsonParser(req, text, (err, body) => {
        if (err) return fail(err as FastifyError);
        if (plainSend(m[1], body, h['idempotency-key'])) {
          o.handle(m[1], body, h).then((out) => answer(out), (e) => fail(e as FastifyError));
          return;
        }
        const p = validateParams({ id: m[1] });
        if (p.error) return fail(validationError(p.error, 'params'));
        const b = validateBody(body);
        if (b.error) return fail(validationError(b.error, 'body'));
        const hd = validateHeaders(h);
        if (hd.error) return fail(validationError(hd.error, 'headers'));
        o.handle((p.value as { id: string }).id, b.value, h).then(
          (out) => answer(out),
          (e) => fail(e as FastifyError),
        );
      });
    });
    return true;
  };
}

/**
 * The common valid request, checked without zod (session 8: the three zod validations were ~3.5% of the main
 * thread's samples under load): a body of exactly {"text": 1-4,000 characters} or {"choice": 1-200 characters}, an id
 * of at most 100 characters, an Idempotency-Key of 1-200 characters or none. Anything else goes through the schemas
 * (runtime/server/schemas.ts sendMessageBody, conversationParams, idempotencyHeaders), so every 400 is zod's own.
 * It only ever accepts what those schemas accept (test/unit/leanFastPath.test.ts checks the boundaries against them).
 */
export function plainSend(id: string, body: unknown, key: unknown): boolean {
  if (id.length > 100 || (key !== undefined && (typeof key !== 'string' || key.length < 1 || key.length > 200))) return false;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
  const keys = Object.keys(body);
  if (keys.length !== 1) return false;
  const v = (body as Record<string, unknown>)[keys[0]];
  if (typeof v !== 'string' || v.length < 1) return false;
  return keys[0] === 'text' ? v.length <= 4000 : keys[0] === 'choice' && v.length <= 200;
}

function validationError(validation: unknown, context: string): FastifyError {
  return Object.assign(new Error(`${context} is invalid`), { validation, validationContext: context, statusCode: 400 }) as unknown as FastifyError;
}

function answerError(res: ServerResponse, err: FastifyError, o: LeanRouteOptions): void {
  const a = errorResponse(err, { bodyLimitBytes: o.bodyLimitBytes, log: o.log });
  const json = JSON.stringify(a.body);
  if (res.headersSent) return void res.destroy();
  for (const [k, v] of Object.entries(a.headers)) res.setHeader(k, v);
  res.writeHead(a.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}
