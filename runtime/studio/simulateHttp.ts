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
import { fillSecrets } from '../../shared/engine/secrets';
import { maskDeep, secretMasker } from '../../shared/engine/maskSecrets';
import { secretNames } from '../../shared/flow/template';
import { callHttp, type HttpRequestEffect } from '../effects/httpCall';

export type { HttpRequestEffect } from '../effects/httpCall';

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
  /** When the secret must be exported, in the missing-secret error (default "before starting the studio"). */
  secretWhen?: string;
  /** What to do about an answer over maxBytes (default: answer by hand with "ask me"). */
  tooLargeAdvice?: string;
}

export const SIMULATE_MAX_TIMEOUT_MS = 30_000;
export const SIMULATE_MAX_BYTES = 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000; // the runtime's default when a block says 0
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A request the page sent that cannot even be tried (not a flow's error exit: a wrong API call). */
export class SimulateHttpBadRequest extends Error {}

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
    secretRefs: secretNames(req.url, req.body ?? '', ...Object.values(req.headers ?? {})),
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
    return fail(`secret ${n} is not set: export BATON_SECRET_${n}=... ${opts.secretWhen ?? 'before starting the studio'}${filled.missing.length > 1 ? ` (also missing: ${filled.missing.slice(1).join(', ')})` : ''}`);
  }
  // Any secret value that comes back (an echoing API, an error naming the URL) is masked before the page sees it.
  // In any encoding it may come back in (JSON-escaped, URL-encoded, base64...): shared/engine/maskSecrets.ts.
  const mask = secretMasker(used);
  const maskedFail = (error: string) => fail(mask(error));
  const e = filled.effect;

  const r = await callHttp(e, {
    timeoutMs,
    maxBytes,
    maxRedirects,
    mapText: mask,
    tooLarge: (url, max) => `the answer of ${url} is larger than ${Math.round(max / 1024)} KB, the simulator's limit; ${opts.tooLargeAdvice ?? 'answer this request by hand ("ask me") with a smaller body'}`,
  });
  if (r.error !== undefined) return maskedFail(r.error);
  // The text was masked before parsing; the parsed strings again, in case JSON escapes rebuilt a secret.
  return { ok: r.ok, status: r.status, body: maskDeep(r.body, mask), ms: Math.round(now() - started) };
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
