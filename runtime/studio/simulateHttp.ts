/**
 * `POST /api/simulate/http`: the studio simulator's HTTP Request blocks "calling for real". The page cannot
 * call most APIs itself (CORS) and must not hold secrets, so the studio server (loopback, per-launch secret)
 * makes the call from Node and answers what the runtime would hand the engine as `http_result`:
 *
 *   { ok, status, body, ms, error? }   body: parsed JSON, else the text; errors: ok false, status 0
 *
 * Mirrors runtime/effects/effectRunner.ts performHttp (same secret filling with shared/engine/secrets.ts, same
 * header cleaning, default Content-Type, JSON-or-text body, `{ ok: false, status: 0, body: { error } }` on a
 * network error, a timeout or a missing secret, so the flow takes its error exit exactly as the runtime would),
 * plus what a tester's desk needs: a timeout capped at 30 s, http(s) only (also after a redirect), a 1 MB
 * response cap, and secrets that never come back to the page (they are filled here from the studio process's
 * environment variable BATON_SECRET_NAME only, and any secret value the answer echoes is masked).
 */
import type { FastifyInstance } from 'fastify';
import type { Effect } from '../../shared/engine/types';
import { fillSecrets } from '../../shared/engine/secrets';

export type HttpRequestEffect = Extract<Effect, { type: 'http_request' }>;

export interface SimulateHttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  bodyFormat?: 'json' | 'form' | 'text';
  timeoutMs?: number;
}

export interface SimulateHttpResult {
  ok: boolean;
  status: number;
  body: unknown;
  /** Time from sending to the whole answer read, in milliseconds. */
  ms: number;
  /** Why the call failed (network, timeout, size, secret, scheme), in words; no secret value in it. */
  error?: string;
}

export interface SimulateHttpOptions {
  env?: NodeJS.ProcessEnv;
  /** Default 30 s: the block's own timeout is used up to this. */
  maxTimeoutMs?: number;
  /** Default 1 MB. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  now?: () => number;
}

export const SIMULATE_MAX_TIMEOUT_MS = 30_000;
export const SIMULATE_MAX_BYTES = 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000; // the runtime's default when a block says 0
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const SECRET_REF = /\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g;
const headerSafe = (v: string) => v.replace(/[\r\n]/g, '');

/** A request the page sent that cannot even be tried (not a flow's error exit: a wrong API call). */
export class SimulateHttpBadRequest extends Error {}

function secretRefs(...texts: string[]): string[] {
  const names = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(SECRET_REF)) names.add(m[1]);
  return [...names];
}

/** Checks the shape of the page's request; throws SimulateHttpBadRequest with what to send instead. */
export function readSimulateRequest(raw: unknown): SimulateHttpRequest {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new SimulateHttpBadRequest('send a JSON object { method, url, headers, body, timeoutMs }');
  const r = raw as Record<string, unknown>;
  if (typeof r.url !== 'string' || !r.url.trim()) throw new SimulateHttpBadRequest('"url" must be a non-empty string');
  if (r.url.length > 8192) throw new SimulateHttpBadRequest('"url" is longer than 8192 characters');
  if (typeof r.method !== 'string' || !METHODS.has(r.method.toUpperCase())) throw new SimulateHttpBadRequest(`"method" must be one of ${[...METHODS].join(', ')}`);
  const headers: Record<string, string> = {};
  if (r.headers !== undefined && r.headers !== null) {
    if (typeof r.headers !== 'object' || Array.isArray(r.headers)) throw new SimulateHttpBadRequest('"headers" must be an object of strings');
    for (const [k, v] of Object.entries(r.headers as Record<string, unknown>)) {
      if (typeof v !== 'string') throw new SimulateHttpBadRequest(`header "${k.slice(0, 60)}" must be a string`);
      headers[k] = v;
    }
  }
  if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') throw new SimulateHttpBadRequest('"body" must be a string (the block\'s built body)');
  const bodyFormat = r.bodyFormat === 'json' || r.bodyFormat === 'form' || r.bodyFormat === 'text' ? r.bodyFormat : 'text';
  const timeoutMs = typeof r.timeoutMs === 'number' && Number.isFinite(r.timeoutMs) && r.timeoutMs >= 0 ? r.timeoutMs : 0;
  return { method: r.method.toUpperCase(), url: r.url, headers, body: (r.body as string | undefined) ?? '', bodyFormat, timeoutMs };
}

/** The URL with its query string and credentials taken out (what error messages may show). */
function bareUrl(u: URL): string {
  return `${u.protocol}//${u.host}${u.pathname}`;
}

function networkError(err: unknown, timeoutMs: number): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const code = e.cause?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name could not be resolved (DNS)';
  if (code === 'ECONNREFUSED') return 'the connection was refused (nothing listens on that port)';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was closed by the other side';
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|HOSTNAME|ALTNAME/i.test(code)) return `the TLS certificate was refused (${code})`;
  if (code && /SSL|TLS|EPROTO/i.test(code)) return `the TLS handshake failed (${code}); is it really an https:// address?`;
  return e.cause?.message ? `${e.message}: ${e.cause.message}` : e.message;
}

/** Reads a body up to `max` bytes; null when larger (the rest is cancelled). */
async function readCapped(res: Response, max: number): Promise<Buffer | null> {
  const len = Number(res.headers.get('content-length'));
  if (Number.isFinite(len) && len > max) {
    await res.body?.cancel().catch(() => null);
    return null;
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => null);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Performs one simulated HTTP Request block call. Never throws for a flow-level failure (those are
 * `{ ok: false, status: 0, error }`); throws SimulateHttpBadRequest for a malformed request.
 */
export async function simulateHttp(raw: unknown, opts: SimulateHttpOptions = {}): Promise<SimulateHttpResult> {
  const req = readSimulateRequest(raw);
  const env = opts.env ?? process.env;
  const now = opts.now ?? (() => performance.now());
  const maxTimeout = opts.maxTimeoutMs ?? SIMULATE_MAX_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? SIMULATE_MAX_BYTES;
  const maxRedirects = opts.maxRedirects ?? 5;
  const timeoutMs = Math.min(req.timeoutMs && req.timeoutMs > 0 ? req.timeoutMs : DEFAULT_TIMEOUT_MS, maxTimeout);
  const started = now();
  const fail = (error: string): SimulateHttpResult => ({ ok: false, status: 0, body: { error }, ms: Math.round(now() - started), error });

  const effect: HttpRequestEffect = {
    type: 'http_request',
    requestId: 'simulate',
    idempotencyKey: 'simulate',
    method: req.method,
    url: req.url,
    headers: req.headers ?? {},
    body: req.body ?? '',
    bodyFormat: req.bodyFormat ?? 'text',
    timeoutMs,
    secretRefs: secretRefs(req.url, req.body ?? '', ...Object.values(req.headers ?? {})),
  };
  const used: string[] = [];
  // Only BATON_SECRET_NAME, not the bare NAME the runtime also accepts: a flow imported from someone else could
  // otherwise send any variable of the tester's environment (AWS_SECRET_ACCESS_KEY, GITHUB_TOKEN...) to its URL.
  const lookup = (name: string) => {
    const v = env[`BATON_SECRET_${name}`];
    if (v !== undefined && v !== '') used.push(v);
    return v === '' ? undefined : v;
  };
  const filled = fillSecrets(effect, lookup);
  if (!filled.ok) {
    const n = filled.missing[0];
    return fail(`secret ${n} is not set: export BATON_SECRET_${n}=... before starting the studio${filled.missing.length > 1 ? ` (also missing: ${filled.missing.slice(1).join(', ')})` : ''}`);
  }
  // Any secret value that comes back (an echoing API, an error naming the URL) is masked before the page sees it.
  const secrets = used.filter((v) => v.length >= 3).sort((a, b) => b.length - a.length);
  const mask = (text: string) => secrets.reduce((t, s) => t.split(s).join('[secret]'), text);
  const maskedFail = (error: string) => fail(mask(error));
  const e = filled.effect;

  let url: URL;
  try {
    url = new URL(e.url);
  } catch {
    return maskedFail(`"${e.url.slice(0, 200)}" is not a valid URL; an HTTP Request block needs a full address such as https://api.example.com/orders`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return maskedFail(`only http:// and https:// addresses can be called, not ${url.protocol}//`);

  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(e.headers)) headers[headerSafe(k)] = headerSafe(v);
  let method = e.method.toUpperCase();
  let body: string | undefined = method === 'GET' || method === 'HEAD' || !e.body ? undefined : e.body;
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = e.bodyFormat === 'json' ? 'application/json' : e.bodyFormat === 'form' ? 'application/x-www-form-urlencoded' : 'text/plain; charset=utf-8';
  }
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    let res: Response;
    for (let hop = 0; ; hop++) {
      res = await fetch(url, { method, headers, body, signal, redirect: 'manual' });
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || res.status === 304 || !location) break;
      await res.body?.cancel().catch(() => null);
      if (hop >= maxRedirects) return maskedFail(`more than ${maxRedirects} redirects (last to ${bareUrl(url)})`);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        return maskedFail(`${bareUrl(url)} redirected to an invalid address`);
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') return maskedFail(`${bareUrl(url)} redirected to a ${next.protocol}// address; only http(s) is followed`);
      // As fetch's "follow": 303, and 301/302 after a POST, continue as a GET without a body.
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        for (const h of Object.keys(headers)) if (h.toLowerCase() === 'content-type') delete headers[h];
      }
      // A header such as Authorization is not carried to another origin (fetch's rule).
      if (next.origin !== url.origin) for (const h of Object.keys(headers)) if (h.toLowerCase() === 'authorization') delete headers[h];
      url = next;
    }
    const buf = await readCapped(res, maxBytes);
    if (buf === null) return maskedFail(`the answer of ${bareUrl(url)} is larger than ${Math.round(maxBytes / 1024)} KB, the simulator's limit; answer this request by hand ("ask me") with a smaller body`);
    const text = mask(buf.toString('utf8'));
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { ok: res.ok, status: res.status, body: parsed, ms: Math.round(now() - started) };
  } catch (err) {
    return maskedFail(networkError(err, timeoutMs));
  }
}

/** Registers POST /api/simulate/http on the studio server (behind its secret check, like every /api/ route). */
export function registerSimulateHttpRoute(app: FastifyInstance, opts: SimulateHttpOptions = {}, maxInFlight = 8): void {
  let inFlight = 0;
  app.post('/api/simulate/http', async (req, reply) => {
    if (inFlight >= maxInFlight) {
      return reply.code(429).send({ error: { code: 'too_many_calls', message: `${maxInFlight} simulated HTTP calls are already running.`, hint: 'Wait for them to finish, then try again.' } });
    }
    inFlight++;
    try {
      return await simulateHttp(req.body, opts);
    } catch (err) {
      if (err instanceof SimulateHttpBadRequest) {
        return reply.code(400).send({ error: { code: 'bad_http_request', message: `This simulated HTTP call cannot be made: ${err.message}.`, hint: 'The simulator sends the waiting HTTP Request block as { method, url, headers, body, bodyFormat, timeoutMs }.' } });
      }
      throw err;
    } finally {
      inFlight--;
    }
  });
}
