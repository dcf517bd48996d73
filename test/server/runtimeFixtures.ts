/**
 * A small flow exercising what the runtime carries out (buttons, HTTP request, notify webhook, human takeover
 * with a queue timeout, ticket, CSAT, end), and helpers to run `startRuntime` in-process on 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';
import { startRuntime, type RunningRuntime, type RuntimeOptions } from '../../runtime/serve/startRuntime';

/** A pino logger that keeps every line it logs (parsed), and its warnings (level 40), for tests that read the log. */
export function captureLogs() {
  const lines: any[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { logger, lines, warnings: () => lines.filter((l) => l.level === 40) };
}

export function shopFlow(opts: { apiUrl?: string; webhookUrl?: string; greeting?: string; queueTimeoutMinutes?: number; variables?: Array<{ name: string; type: string }>; notify?: { channel: 'email' | 'slack' | 'webhook'; to: string[] } } = {}): Flow {
  const doc = {
    version: 1,
    id: 'shop',
    name: 'Shop support',
    blocks: [
      { id: 'start', kind: 'start', data: {} },
      { id: 'welcome', kind: 'message', data: { text: opts.greeting ?? 'Welcome to the shop!' } },
      {
        id: 'menu',
        kind: 'buttons',
        data: {
          text: 'What do you need?',
          options: [
            { id: 'order', label: 'Order status' },
            { id: 'person', label: 'Talk to a person' },
            { id: 'rate', label: 'Rate us' },
            { id: 'problem', label: 'Report a problem' },
          ],
        },
      },
      {
        id: 'lookup',
        kind: 'http_request',
        data: {
          method: 'GET',
          url: opts.apiUrl ?? 'http://127.0.0.1:9/orders/1',
          headers: { Authorization: 'Bearer {{secrets.SHOP_KEY}}' },
          timeoutMs: 1000,
          responseMapping: [{ variable: 'orderStatus', path: 'status' }],
        },
      },
      { id: 'status', kind: 'message', data: { text: 'Your order is {{orderStatus}}.' } },
      { id: 'tell', kind: 'notify', data: { ...(opts.notify ?? { channel: 'webhook', to: [opts.webhookUrl ?? 'http://127.0.0.1:9/hook'] }), subject: 'Order looked up', text: 'Status {{orderStatus}}' } },
      { id: 'down', kind: 'message', data: { text: 'The order service is down, sorry.' } },
      { id: 'takeover', kind: 'human_takeover', data: { assignation: 'simple', queueTimeoutMinutes: opts.queueTimeoutMinutes ?? 1 } },
      { id: 'nobody', kind: 'message', data: { text: 'Nobody is free right now; we will email you.' } },
      { id: 'thanks', kind: 'message', data: { text: 'Glad we could help.' } },
      { id: 'rating', kind: 'csat', data: { text: 'How would you rate us, 1 to 5?', variable: 'csat', thanks: 'Thanks for rating!' } },
      { id: 'ticket', kind: 'ticket', data: { text: 'Ticket {{ticketId}} is open.', askEmail: true, askIssue: true, priority: 'normal' } },
      { id: 'bye', kind: 'end', data: { text: 'Bye!' } },
    ],
    edges: [
      { id: 'e1', from: 'start', exit: 'next', to: 'welcome' },
      { id: 'e2', from: 'welcome', exit: 'next', to: 'menu' },
      { id: 'e3', from: 'menu', exit: 'order', to: 'lookup' },
      { id: 'e4', from: 'menu', exit: 'person', to: 'takeover' },
      { id: 'e5', from: 'lookup', exit: 'success', to: 'status' },
      { id: 'e6', from: 'lookup', exit: 'error', to: 'down' },
      { id: 'e7', from: 'status', exit: 'next', to: 'tell' },
      { id: 'e8', from: 'tell', exit: 'next', to: 'menu' },
      { id: 'e9', from: 'down', exit: 'next', to: 'menu' },
      { id: 'e10', from: 'takeover', exit: 'timeout', to: 'nobody' },
      { id: 'e11', from: 'takeover', exit: 'no_agent', to: 'nobody' },
      { id: 'e12', from: 'takeover', exit: 'resolved', to: 'thanks' },
      { id: 'e13', from: 'nobody', exit: 'next', to: 'menu' },
      { id: 'e14', from: 'thanks', exit: 'next', to: 'menu' },
      { id: 'e15', from: 'menu', exit: 'rate', to: 'rating' },
      { id: 'e16', from: 'rating', exit: 'next', to: 'bye' },
      { id: 'e17', from: 'menu', exit: 'problem', to: 'ticket' },
      { id: 'e18', from: 'ticket', exit: 'next', to: 'menu' },
      { id: 'e19', from: 'menu', exit: 'fallback', to: 'menu' },
    ],
    escalation: { enabled: true, targetBlockId: 'takeover', mode: 'immediate' },
    variables: opts.variables ?? [],
  };
  const v = validateFlow(doc);
  if (!v.ok || !v.flow) throw new Error('test flow invalid: ' + JSON.stringify(v.problems.filter((p) => p.severity === 'error')));
  return v.flow as Flow;
}

/** The shop flow with the takeover's resolved exit going straight to the Rating block. */
export function ratedShopFlow(): Flow {
  const f = shopFlow();
  return { ...f, edges: f.edges.map((e) => (e.id === 'e14' ? { ...e, to: 'rating' } : e)) };
}

/** The shop flow, where an agent's hand back leads to the rating question (the Rasa channel's away-message tests). */
export function shopFlowRatingAfterHandback(): Flow {
  const f = shopFlow();
  return { ...f, edges: f.edges.map((e) => (e.from === 'takeover' && e.exit === 'resolved' ? { ...e, to: 'rating' } : e)) };
}

export const ADMIN = 'admin-token-for-tests-0123456789';

/**
 * The Rasa channel's token in tests (hostile s47 H1: the channel is off without one). Start with
 * `config: { rasa: { token: RASA_TOKEN } }` and post with `rasaPost`, which sends it as Rasa clients do (`?token=`).
 */
export const RASA_TOKEN = 'rasa-token-for-tests-0123456789';
export const rasaConfig = { rasa: { token: RASA_TOKEN } };
export const rasaPost = (rt: Pick<TestRuntime, 'post'>, sender: string, message: string) => rt.post(`/webhooks/rest/webhook?token=${RASA_TOKEN}`, { sender, message });

export interface TestRuntime extends RunningRuntime {
  dir: string;
  clock: { now: number };
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  stop(): Promise<void>;
}

/** Starts the runtime on 127.0.0.1 with a manual clock (advance `clock.now`, then `runner.tick()`). */
export async function startTestRuntime(opts: Partial<RuntimeOptions> & { flows?: Flow[]; dir?: string; clockStart?: number } = {}): Promise<TestRuntime> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'baton-runtime-'));
  // clockStart: where the manual clock starts (a restart on the same data folder goes on from the time it stopped).
  const clock = { now: opts.clockStart ?? Date.parse('2026-11-30T10:00:00Z') };
  const rt = await startRuntime({
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    logger: pino({ level: 'silent' }),
    now: () => clock.now,
    effectLoop: false, // tests call runner.tick() themselves
    env: { BATON_SECRET_SHOP_KEY: 'k-123' },
    // BATON_TEST_WORKERS=N runs a suite against `baton serve --workers N` (runtime/shard/); default: unsharded.
    ...(process.env.BATON_TEST_WORKERS && !opts.store ? { workers: Number(process.env.BATON_TEST_WORKERS) } : {}),
    ...opts,
    flows: opts.flows ?? [shopFlow()],
    config: { adminToken: ADMIN, ...opts.config },
  });
  const call = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(rt.url + path, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* keep text */
    }
    return { status: res.status, body: parsed as any, headers: res.headers };
  };
  return {
    ...rt,
    dir,
    clock,
    post: (path, body, headers) => call('POST', path, body, headers),
    get: (path, headers) => call('GET', path, undefined, headers),
    async stop() {
      await rt.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const auth = (token: string) => ({ authorization: `Bearer ${token}` });
