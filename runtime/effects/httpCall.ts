/**
 * One HTTP Request block call, as the runtime and the studio's simulator ("Call for real") both make it: headers
 * without line breaks, the body's content type from the block's body format, http(s) only (also after a redirect),
 * at most `maxRedirects` redirects followed as fetch does (303 -> GET, Authorization not carried to another origin),
 * an answer larger than `maxBytes` refused, the reply parsed as JSON when it is JSON. Network failures come back as
 * `{ok: false, status: 0, error}` in plain words, so the flow takes its error exit; this never throws.
 */
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

/** A failed fetch in words a designer can act on. */
export function networkError(err: unknown, timeoutMs: number): string {
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

  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(e.headers)) headers[headerSafe(k)] = headerSafe(v);
  let method = e.method.toUpperCase();
  let body: string | undefined = method === 'GET' || method === 'HEAD' || !e.body ? undefined : e.body;
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = e.bodyFormat === 'json' ? 'application/json' : e.bodyFormat === 'form' ? 'application/x-www-form-urlencoded' : 'text/plain; charset=utf-8';
  }
  const signal = AbortSignal.timeout(o.timeoutMs);
  try {
    let res: Response;
    for (let hop = 0; ; hop++) {
      res = await fetch(url, { method, headers, body, signal, redirect: 'manual' });
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || res.status === 304 || !location) break;
      await res.body?.cancel().catch(() => null);
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
    const buf = await readCapped(res, o.maxBytes);
    if (buf === null) return failed(o.tooLarge ? o.tooLarge(bareUrl(url), o.maxBytes) : `the answer of ${bareUrl(url)} is larger than ${Math.round(o.maxBytes / 1024)} KB`);
    const raw = buf.toString('utf8');
    const text = o.mapText ? o.mapText(raw) : raw;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { ok: res.ok, status: res.status, body: parsed };
  } catch (err) {
    return failed(networkError(err, o.timeoutMs));
  }
}
