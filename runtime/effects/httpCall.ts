/**
 * One HTTP Request block call, as the runtime and the studio's simulator ("Call for real") both make it: headers
 * without line breaks, the body's content type from the block's body format, http(s) only (also after a redirect),
 * at most `maxRedirects` redirects followed as fetch does (303 -> GET, Authorization not carried to another origin),
 * an answer larger than `maxBytes` refused, the reply parsed as JSON when it is JSON. Network failures come back as
 * `{ok: false, status: 0, error}` in plain words, so the flow takes its error exit; this never throws.
 *
 * Made with node:http(s) and keep-alive agents, not fetch: in a profile of `baton serve` under load, fetch (undici's
 * WHATWG layer: streams, Headers, Response objects) was ~7% of the server's CPU for a flow calling an API on every
 * message; one connection per call also cost a TCP handshake each time.
 */
import dns from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Effect } from '../../shared/engine/types';

export type HttpRequestEffect = Extract<Effect, { type: 'http_request' }>;

export interface HttpCallOptions {
  /** Milliseconds before the call is abandoned. */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Applied to the answer's text before it is parsed (the simulator masks secret values). */
  mapText?: (text: string) => string;
  /** The error for an answer over `maxBytes` (who asked decides what to advise). */
  tooLarge?: (bareUrl: string, maxBytes: number) => string;
}

export type HttpCallResult = { ok: boolean; status: number; body: unknown; error?: undefined } | { ok: false; status: 0; body: { error: string }; error: string };

export const headerSafe = (v: string) => v.replace(/[\r\n]/g, '');

/** The URL with its query string and credentials taken out (what error messages may show). */
export function bareUrl(u: URL): string {
  return `${u.protocol}//${u.host}${u.pathname}`;
}

/**
 * A failed request in words a designer can act on: node:http errors (HTTP Request blocks, callHttp below) and
 * fetch/undici errors (webhook and Slack notifications, effectRunner's postJson: the code sits on `cause`).
 */
export function networkError(err: unknown, timeoutMs: number): string {
  const e = err as Error & { code?: string; cause?: { code?: string; message?: string; name?: string } };
  if (e.name === 'TimeoutError' || e.cause?.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const code = e.cause?.code ?? e.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name could not be resolved (DNS)';
  if (code === 'ECONNREFUSED') return 'the connection was refused (nothing listens on that port)';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was closed by the other side';
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|HOSTNAME|ALTNAME/i.test(code)) return `the TLS certificate was refused (${code})`;
  if (code && /SSL|TLS|EPROTO/i.test(code)) return `the TLS handshake failed (${code}); is it really an https:// address?`;
  return e.cause?.message ? `${e.message}: ${e.cause.message}` : e.message;
}

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 }),
};
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * Host name lookups shared by the calls waiting on the same name (hostile s9 #14). getaddrinfo runs on libuv's 4
 * threads and cannot be cancelled: 300 order lookups against a host whose DNS answers slowly queued 300 lookups, the
 * calls timed out one after the other behind them (245 'no answer within 8000 ms'), and after the calls had failed the
 * queue kept the process alive, so `baton serve --workers 0` took ~45 s to stop on SIGTERM. Now one lookup per name is
 * in flight and every call for that name gets its answer: no queue, nothing left running after the calls end.
 * (No cache: the next call after an answer asks again, so DNS changes are seen as before.)
 */
const lookups = new Map<string, Promise<unknown[]>>();
export function sharedLookup(hostname: string, options: dns.LookupOptions, callback: (...answer: unknown[]) => void): void {
  const key = `${hostname}\u0000${options.family ?? 0}\u0000${options.all ? 1 : 0}\u0000${options.hints ?? 0}\u0000${options.verbatim ?? ''}`;
  let pending = lookups.get(key);
  if (!pending) {
    pending = new Promise<unknown[]>((resolve) => dns.lookup(hostname, options, (...answer: unknown[]) => resolve(answer)));
    lookups.set(key, pending);
    void pending.then(() => lookups.delete(key));
  }
  void pending.then((answer) => callback(...answer));
}
/** How many host name lookups are in flight (tests). */
export const lookupsInFlight = () => lookups.size;

interface Answer {
  status: number;
  location: string | undefined;
  /** The body, or null when it is larger than `maxBytes` (the rest is not read); empty for a redirect. */
  body: Buffer | null;
}

class CallTimeout extends Error {
  override name = 'TimeoutError';
}

/**
 * One request, its answer read up to `maxBytes` (a redirect's body is skipped). Rejects on a network failure or
 * when `signal` fires. A request on a kept-alive connection the server had just closed is sent again once on a
 * fresh one, when its method is idempotent (as browsers and undici do).
 */
function send(url: URL, method: string, headers: Record<string, string>, body: string | undefined, signal: AbortSignal, maxBytes: number, retried = false): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    if (signal.aborted) return reject(new CallTimeout());
    const mod = url.protocol === 'https:' ? https : http;
    let req: http.ClientRequest;
    let settled = false;
    const done = (f: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      f();
    };
    const onAbort = () => {
      done(() => reject(new CallTimeout()));
      req?.destroy();
    };
    try {
      req = mod.request(url, { method, headers, agent: agents[url.protocol as 'http:' | 'https:'], lookup: sharedLookup as never });
    } catch (err) {
      return reject(err);
    }
    signal.addEventListener('abort', onAbort);
    let answered = false;
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (!answered && !retried && req.reusedSocket && err.code === 'ECONNRESET' && IDEMPOTENT.has(method)) {
        done(() => send(url, method, headers, body, signal, maxBytes, true).then(resolve, reject));
        return;
      }
      done(() => reject(err));
    });
    req.on('response', (res) => {
      answered = true;
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && status !== 304 && location) {
        res.resume();
        return done(() => resolve({ status, location, body: Buffer.alloc(0) }));
      }
      const len = Number(res.headers['content-length']);
      if (Number.isFinite(len) && len > maxBytes) {
        done(() => resolve({ status, location, body: null }));
        return res.destroy();
      }
      const chunks: Buffer[] = [];
      let total = 0;
      res.on('data', (c: Buffer) => {
        total += c.length;
        if (total > maxBytes) {
          done(() => resolve({ status, location, body: null }));
          res.destroy();
        } else chunks.push(c);
      });
      res.on('end', () => done(() => resolve({ status, location, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total) })));
      res.on('error', (err) => done(() => reject(err)));
      res.on('aborted', () => done(() => reject(Object.assign(new Error('the connection was closed by the other side'), { code: 'ECONNRESET' }))));
    });
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

/** A masked secret as the engine stores it (shared/engine/customerSecrets.ts: "•••• 1111", "pin •••", "[hidden]"). */
const MASKED_SECRET = /•|\[hidden\]/u;
/** A header name as HTTP allows it (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Session 19 (hostile s18 #7): the block's headers as they can be sent, or why the call is not made. Before, a header
 * holding a masked secret ("•") or any character beyond Latin-1 made node:http throw "Invalid character in header
 * content" and the block took its error exit with only that. Now: a value holding a masked secret is refused, in words
 * (the customer's card number, password or PIN was never kept: "•••• 1111" must not be sent as if it were the value);
 * a value with characters beyond Latin-1 ("Zoë 李") is sent as its UTF-8 bytes, as curl sends it; control characters
 * (line breaks, NUL) are taken out; a header name that is no HTTP token is refused, in words.
 */
export function requestHeaders(given: Record<string, string>): { headers: Record<string, string> } | { error: string } {
  const headers: Record<string, string> = {};
  for (const [k0, v0] of Object.entries(given)) {
    const name = headerSafe(k0).trim();
    // eslint-disable-next-line no-control-regex
    const value = v0.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '');
    if (!HEADER_NAME.test(name)) {
      return { error: `the header name "${name.slice(0, 60)}" cannot be sent: a header name is ASCII letters, digits and - _ . ! # $ % & ' * + ^ \` | ~ only (no spaces, colons or accents); rename it in the HTTP Request block` };
    }
    if (MASKED_SECRET.test(value)) {
      return {
        error: `the header ${name} holds a masked secret ("•••• 1234" or "[hidden]"): Baton hides the card numbers, passwords and PINs customers type and never keeps them, so the real value cannot be sent; the call was not made. Ask the customer for it in a form outside the chat, or take the header out`,
      };
    }
    headers[name] = /[^\t\x20-\xff]/.test(value) ? Buffer.from(value, 'utf8').toString('latin1') : value;
  }
  return { headers };
}

/**
 * The deepest JSON answer an HTTP Request block takes (objects and lists inside each other). Real APIs nest a dozen
 * levels at most; `baton chat` saves the answer into a scenario, whose file nests at most 64 levels
 * (shared/simulator/scenarioSchema.ts MAX_SCENARIO_DEPTH) with the answer 6 levels down, and recursive readers (secret
 * masking, state copies) must never meet an answer deep enough to overflow the stack.
 */
export const MAX_REPLY_DEPTH = 48;

/** Whether `value` nests objects and arrays more than `max` levels deep (walked with a stack, not recursion). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: Array<{ v: object; depth: number }> = [{ v: value, depth: 1 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push({ v: child, depth: depth + 1 });
  }
  return false;
}

function failed(error: string): HttpCallResult {
  return { ok: false, status: 0, body: { error }, error };
}

/** Performs `e` (secrets already filled in). */
export async function callHttp(e: HttpRequestEffect, o: HttpCallOptions): Promise<HttpCallResult> {
  let url: URL;
  try {
    url = new URL(e.url);
  } catch {
    return failed(`"${e.url.slice(0, 200)}" is not a valid URL; an HTTP Request block needs a full address such as https://api.example.com/orders`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return failed(`only http:// and https:// addresses can be called, not ${url.protocol}//`);

  const prepared = requestHeaders(e.headers);
  if ('error' in prepared) return failed(prepared.error);
  const headers = prepared.headers;
  let method = e.method.toUpperCase();
  let body: string | undefined = method === 'GET' || method === 'HEAD' || !e.body ? undefined : e.body;
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = e.bodyFormat === 'json' ? 'application/json' : e.bodyFormat === 'form' ? 'application/x-www-form-urlencoded' : 'text/plain; charset=utf-8';
  }
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'accept')) headers.Accept = '*/*';
  const signal = AbortSignal.timeout(o.timeoutMs);
  try {
    let res: Answer;
    for (let hop = 0; ; hop++) {
      const h = body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) };
      res = await send(url, method, h, body, signal, o.maxBytes);
      const location = res.location;
      if (res.status < 300 || res.status >= 400 || res.status === 304 || !location) break;
      if (hop >= o.maxRedirects) return failed(`more than ${o.maxRedirects} redirects (last to ${bareUrl(url)})`);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        return failed(`${bareUrl(url)} redirected to an invalid address`);
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') return failed(`${bareUrl(url)} redirected to a ${next.protocol}// address; only http(s) is followed`);
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
    const buf = res.body;
    if (buf === null) return failed(o.tooLarge ? o.tooLarge(bareUrl(url), o.maxBytes) : `the answer of ${bareUrl(url)} is larger than ${Math.round(o.maxBytes / 1024)} KB`);
    const raw = buf.toString('utf8');
    const text = o.mapText ? o.mapText(raw) : raw;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    // Session 50 (rt5, hostile s49 L3): a reply nested 5,000 levels deep took the error exit in `baton chat` (a recursive
    // reader overflowed the stack: "Maximum call stack size exceeded") and the success exit in `baton serve`. One rule for
    // every caller: deeper than MAX_REPLY_DEPTH is the error exit, said in words (the runtime logs it as any failed call).
    if (nestedDeeperThan(parsed, MAX_REPLY_DEPTH)) {
      return failed(`the answer of ${bareUrl(url)} nests objects and lists more than ${MAX_REPLY_DEPTH} levels deep; Baton reads API answers up to ${MAX_REPLY_DEPTH} levels (a saved scenario keeps the answer, and scenario files nest at most 64 levels)`);
    }
    return { ok: res.status >= 200 && res.status < 300, status: res.status, body: parsed };
  } catch (err) {
    return failed(networkError(err, o.timeoutMs));
  }
}
