/**
 * One JSON call to the studio server's API with its per-launch secret, for the server tests
 * (test/server/studio*.test.ts): `const api = studioApi(() => studio)`. `body` is sent as JSON, `raw` as it is
 * (both with content-type application/json); the answer's text is kept and parsed when it is JSON.
 */
export interface StudioCallInit {
  method?: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface StudioCallResult {
  status: number;
  json: any;
  text: string;
  headers: Headers;
}

export function studioApi(studio: () => { origin: string; secret: string }) {
  return async function api(path: string, init: StudioCallInit = {}): Promise<StudioCallResult> {
    const s = studio();
    const res = await fetch(s.origin + path, {
      method: init.method ?? 'GET',
      headers: { 'x-baton-secret': s.secret, ...(init.body !== undefined || init.raw !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
      signal: AbortSignal.timeout(init.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, json, text, headers: res.headers };
  };
}
