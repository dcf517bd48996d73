/**
 * "Publish" (newcomer s9 #11: there was no way from the studio to a running server): the studio server sends the flow's
 * export (logic only, secrets replaced by {{secrets.NAME}} placeholders, exactly what Export writes) to a running
 * baton serve through its admin API, `POST /api/v1/admin/flows` with the admin token. The runtime validates it again,
 * keeps live conversations on the revision they started on and serves the new one to new conversations.
 *
 * The studio server makes the call (not the page): the runtime need not allow the studio's origin, and the token
 * never reaches a page the runtime serves. Every failure is said in the designer's words with what to do.
 */
import type { FlowProblem } from '../../shared/flow/flowProblem';
import { StudioError } from './flowStore';

export interface PublishResult {
  flowId: string;
  /** The revision the server now serves to new conversations (a digest of the flow). */
  revision: string;
  /** false when the server already served exactly this flow (nothing new deployed). */
  changed: boolean;
  /** The server's base address as used. */
  serverUrl: string;
  /** The customer chat page for this flow on that server. */
  chatUrl: string;
}

const TIMEOUT_MS = 15_000;

/** The server's base address from what the designer typed: http(s) only, no credentials, no query; a trailing slash or a pasted API path is dropped. */
export function serverBase(typed: unknown): string {
  if (typeof typed !== 'string' || typed.trim() === '') {
    throw new StudioError(400, 'publish_bad_url', 'Type the address of the running server, e.g. http://localhost:3000.', 'It is the URL baton serve printed when it started ("ready at http://…").');
  }
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(typed.trim()) ? typed.trim() : `http://${typed.trim()}`);
  } catch {
    throw new StudioError(400, 'publish_bad_url', `"${typed.slice(0, 200)}" is not a web address.`, 'Type it like http://localhost:3000 or https://chat.example.com.');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new StudioError(400, 'publish_bad_url', `${u.protocol} addresses cannot be published to; use http:// or https://.`, 'Type the URL baton serve printed when it started.');
  }
  if (u.username || u.password) {
    throw new StudioError(400, 'publish_bad_url', 'Put the admin token in the token field, not in the address.', 'Type the address alone, e.g. https://chat.example.com.');
  }
  // Review s19 R13: the admin token goes in a header; over plain http it would cross the network readable by anyone on
  // the way. Plain http is for this machine only.
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1';
  if (u.protocol === 'http:' && !loopback) {
    throw new StudioError(
      400,
      'publish_insecure',
      `http://${u.host} is not encrypted: the admin token would cross the network readable. Nothing was published.`,
      `Use https://${u.host} (baton serve behind a TLS proxy), or publish from the server's own machine to http://127.0.0.1.`,
    );
  }
  const path = u.pathname.replace(/\/api(\/.*)?$/, '').replace(/\/+$/, '');
  return `${u.protocol}//${u.host}${path}`;
}

interface RuntimeAnswer {
  error?: string;
  message?: string;
  problems?: FlowProblem[];
  flowId?: string;
  revision?: string;
  changed?: boolean;
}

/** Publishes `flow` (an exported document) to the server at `url` with the admin `token`. */
export async function publishFlow(flow: { id: string }, url: unknown, token: unknown, f: typeof fetch = fetch): Promise<PublishResult> {
  const base = serverBase(url);
  if (typeof token !== 'string' || token.trim() === '') {
    throw new StudioError(400, 'publish_no_token', 'Type the server\'s admin token.', 'It is "adminToken" in the server\'s --config file, or its BATON_ADMIN_TOKEN environment variable.');
  }
  let res: Response;
  try {
    res = await f(`${base}/api/v1/admin/flows`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.trim()}` },
      body: JSON.stringify({ flow }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause?.code ?? (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).name;
    const why =
      cause === 'bad port' ? `fetch does not connect to port ${new URL(base).port} (a port browsers block); serve on another port`
      : cause === 'ECONNREFUSED' ? 'nothing answers there (connection refused)'
      : cause === 'ENOTFOUND' || cause === 'EAI_AGAIN' ? 'that host name is not known'
      : cause === 'TimeoutError' ? `no answer in ${TIMEOUT_MS / 1000} s`
      : cause === 'CERT_HAS_EXPIRED' || /CERT|SSL|TLS/.test(String(cause)) ? `its TLS certificate was refused (${cause})`
      : `the connection failed (${cause})`;
    throw new StudioError(502, 'publish_unreachable', `Cannot reach ${base}: ${why}. Nothing was published.`, 'Check that baton serve runs there and that the address is the one it printed.');
  }
  const text = await res.text().catch(() => '');
  let body: RuntimeAnswer | null = null;
  try {
    body = JSON.parse(text) as RuntimeAnswer;
  } catch {
    body = null;
  }
  if (res.status === 401) {
    throw new StudioError(400, 'publish_refused', `${base} refused the admin token. Nothing was published.`, 'Use the "adminToken" of that server\'s --config file (or its BATON_ADMIN_TOKEN).');
  }
  if (res.status === 403 && body?.error === 'admin_disabled') {
    throw new StudioError(400, 'publish_refused', `${base} has its admin API turned off. Nothing was published.`, 'Start it with "adminToken" in its --config file or with BATON_ADMIN_TOKEN set, then publish again.');
  }
  if (res.status === 422 && body?.error === 'invalid_flow') {
    throw new StudioError(422, 'publish_invalid', `${base} refused the flow: it has errors. Nothing was published.`, 'Fix the problems listed (the problems list on the canvas shows them too).', body.problems ?? []);
  }
  if (res.ok && body && typeof body.flowId === 'string') {
    return { flowId: body.flowId, revision: String(body.revision ?? ''), changed: body.changed !== false, serverUrl: base, chatUrl: `${base}/chat/${encodeURIComponent(body.flowId)}` };
  }
  const said = body?.message ? `: ${String(body.message).slice(0, 300)}` : '';
  const notBaton = body === null || (!body.error && body.flowId === undefined);
  throw new StudioError(
    502,
    'publish_failed',
    `${base} answered ${res.status}${said}. Nothing was published.`,
    notBaton ? 'Is this the address of baton serve? Its admin API is at /api/v1/admin/flows.' : 'Try again; the server\'s log says more.',
  );
}
