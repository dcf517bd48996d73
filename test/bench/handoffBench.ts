/**
 * Handoff path on loopback (in-process runtime, embedded lmdb store, 50 online agents, auto-assignment):
 * handoffs created, assigned and resolved per second, and push latency from a customer message to the agent's
 * push channel, next to baselines measured in the same run (a customer conversation with no handoff; the
 * customer's own push channel for the same messages). Prints tables; never pass/fail.
 *
 *   npx tsx test/bench/handoffBench.ts     (alone)      BENCH_HANDOFFS=200 BENCH_HANDOFF_CONCURRENCY=20
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { pathToFileURL } from 'node:url';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';
import { startRuntime } from '../../runtime/serve/startRuntime';
import type { Agent } from '../../runtime/agents/agentDirectory';
import { table } from './benchTable';

const N = Number(process.env.BENCH_HANDOFFS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_HANDOFF_CONCURRENCY ?? 20);
const AGENTS = 50;
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function benchFlow(): Flow {
  const v = validateFlow({
    version: 1,
    id: 'bench',
    name: 'Handoff bench',
    blocks: [
      { id: 'start', kind: 'start', data: {} },
      { id: 'menu', kind: 'buttons', data: { text: 'Hi! What do you need?', options: [{ id: 'person', label: 'A person' }, { id: 'faq', label: 'Opening hours' }] } },
      { id: 'faq', kind: 'message', data: { text: 'We are open 9 to 5.' } },
      { id: 'takeover', kind: 'human_takeover', data: { assignation: 'custom', autoAssign: { enabled: true, strategy: 'least_busy', maxChatsPerAgent: 100 }, queueTimeoutMinutes: 60 } },
      { id: 'thanks', kind: 'message', data: { text: 'Thanks!' } },
      { id: 'bye', kind: 'end', data: { text: 'Bye!' } },
    ],
    edges: [
      { id: 'e1', from: 'start', exit: 'next', to: 'menu' },
      { id: 'e2', from: 'menu', exit: 'person', to: 'takeover' },
      { id: 'e3', from: 'menu', exit: 'faq', to: 'faq' },
      { id: 'e4', from: 'faq', exit: 'next', to: 'menu' },
      { id: 'e5', from: 'takeover', exit: 'resolved', to: 'thanks' },
      { id: 'e6', from: 'takeover', exit: 'timeout', to: 'bye' },
      { id: 'e7', from: 'takeover', exit: 'no_agent', to: 'bye' },
      { id: 'e8', from: 'thanks', exit: 'next', to: 'bye' },
      { id: 'e9', from: 'menu', exit: 'fallback', to: 'menu' },
    ],
  });
  if (!v.ok || !v.flow) throw new Error('bench flow invalid: ' + JSON.stringify(v.problems.filter((p) => p.severity === 'error')));
  return v.flow as Flow;
}

async function pool<T>(items: T[], n: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  }));
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** Opens an SSE stream and calls `onEvent(event, data)` for each event; returns a closer. */
async function stream(url: string, headers: Record<string, string>, onEvent: (event: string, data: any) => void) {
  const ctrl = new AbortController();
  const res = await fetch(url, { headers, signal: ctrl.signal });
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += dec.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const chunk = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const ev = /^event: (.*)$/m.exec(chunk)?.[1];
          const data = /^data: (.*)$/m.exec(chunk)?.[1];
          if (ev && data) onEvent(ev, JSON.parse(data));
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return () => ctrl.abort();
}

export async function handoffBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-handoff-bench-'));
  const agents: Agent[] = Array.from({ length: AGENTS }, (_, i) => ({
    id: `a${i}`,
    name: `Agent ${i}`,
    email: `a${i}@example.com`,
    token: `bench-token-of-agent-${i}-0123456789`,
    teams: [],
    skills: [],
    languages: ['en'],
    maxChats: 100,
    admin: i === 0,
  }));
  const rt = await startRuntime({
    flows: [benchFlow()],
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    logger: pino({ level: 'silent' }),
    pollMs: 20,
    config: { rateLimit: { perAddressPerMinute: 1_000_000, perConversationPerMinute: 100_000 } },
    agents: { agents },
  });
  const H = (t: string) => ({ authorization: `Bearer ${t}`, 'content-type': 'application/json' });
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(rt.url + path, { method: 'POST', headers: token ? H(token) : { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const load0 = os.loadavg()[0];
  try {
    for (const a of agents) await post('/api/v1/agent/presence', { status: 'online' }, a.token);
    const ids = Array.from({ length: N }, (_, i) => i);

    // Baseline: the same customer calls without a handoff (start + one click answered by the bot).
    let t0 = performance.now();
    await pool(ids, CONCURRENCY, async () => {
      const c = await post('/api/v1/flows/bench/conversations', {});
      await post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'faq' }, c.token);
    });
    const baseline = N / ((performance.now() - t0) / 1000);

    // Handoffs: created (start + click "A person"), then assigned by the hub's loop.
    const convs: Array<{ id: string; token: string }> = [];
    const assignedAt = new Map<string, number>();
    const admin = agents[0].token!;
    const closeWatch = await stream(`${rt.url}/api/v1/agent/events`, { authorization: `Bearer ${admin}` }, (ev, data) => {
      if (ev === 'handoff' && data.handoff.status === 'assigned' && !assignedAt.has(data.handoff.id)) assignedAt.set(data.handoff.id, performance.now());
    });
    t0 = performance.now();
    await pool(ids, CONCURRENCY, async () => {
      const c = await post('/api/v1/flows/bench/conversations', {});
      await post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'person' }, c.token);
      convs.push({ id: c.conversationId, token: c.token });
    });
    const created = performance.now();
    const deadline = Date.now() + 120_000;
    while (assignedAt.size < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const allAssigned = Math.max(...assignedAt.values());
    const createdPerS = N / ((created - t0) / 1000);
    const assignedPerS = assignedAt.size / ((allAssigned - t0) / 1000);

    // Push latency: a customer message -> the agent's stream (and, as baseline, the customer's own stream).
    const list = (await (await fetch(`${rt.url}/api/v1/agent/handoffs?view=all`, { headers: H(admin) })).json()) as { handoffs: Array<{ id: string; conversationId: string; agentId: string }> };
    const byConv = new Map(list.handoffs.map((h) => [h.conversationId, h]));
    const sentAt = new Map<string, number>();
    const agentLat: number[] = [];
    const customerLat: number[] = [];
    const closeAgent = await stream(`${rt.url}/api/v1/agent/events`, { authorization: `Bearer ${admin}` }, (ev, data) => {
      if (ev === 'message' && data.message.from === 'customer' && sentAt.has(data.message.text)) agentLat.push(performance.now() - sentAt.get(data.message.text)!);
    });
    const sample = convs.slice(0, Math.min(100, convs.length));
    const closers: Array<() => void> = [closeAgent, closeWatch];
    for (const c of sample) {
      closers.push(
        await stream(`${rt.url}/api/v1/conversations/${c.id}/events?token=${encodeURIComponent(c.token)}`, {}, (ev, data) => {
          if (ev === 'message' && data.from === 'customer' && sentAt.has(data.text)) customerLat.push(performance.now() - sentAt.get(data.text)!);
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 300));
    await pool(sample, 10, async (c, i) => {
      const text = `bench message ${i} ${c.id}`;
      sentAt.set(text, performance.now());
      await post(`/api/v1/conversations/${c.id}/messages`, { text }, c.token);
    });
    const waitUntil = Date.now() + 10_000;
    while ((agentLat.length < sample.length || customerLat.length < sample.length) && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 20));
    for (const close of closers) close();

    // Resolve: each assigned agent closes its chats.
    t0 = performance.now();
    await pool(convs, CONCURRENCY, async (c) => {
      const h = byConv.get(c.id)!;
      const agent = agents.find((a) => a.id === h.agentId)!;
      await post(`/api/v1/agent/handoffs/${encodeURIComponent(h.id)}/resolve`, {}, agent.token);
    });
    const resolvedPerS = N / ((performance.now() - t0) / 1000);
    const load1 = os.loadavg()[0];

    table(
      `Handoffs on loopback: ${N} handoffs, ${AGENTS} online agents, ${CONCURRENCY} concurrent customers, in-process runtime (embedded lmdb), auto-assign least busy; load average ${fmt(load0, 1)} -> ${fmt(load1, 1)} on ${os.cpus().length} cores`,
      [
        ['path', 'per second', 'x baseline'],
        ['baseline: conversation start + 1 bot answer (no handoff)', fmt(baseline, 1), '1.00'],
        ['handoffs created (start + click "A person", durable)', fmt(createdPerS, 1), fmt(createdPerS / baseline, 2)],
        [`handoffs assigned (first request -> last assignment; ${assignedAt.size}/${N})`, fmt(assignedPerS, 1), fmt(assignedPerS / baseline, 2)],
        ['handoffs resolved (agent POST resolve)', fmt(resolvedPerS, 1), fmt(resolvedPerS / baseline, 2)],
      ],
    );
    table(`Push latency, customer message -> stream (${sample.length} messages, 10 at a time)`, [
      ['stream', 'received', 'p50 ms', 'p99 ms', 'max ms'],
      ["baseline: the customer's own push channel", `${customerLat.length}/${sample.length}`, fmt(pct(customerLat, 50), 1), fmt(pct(customerLat, 99), 1), fmt(Math.max(...customerLat), 1)],
      ["agent push channel (admin's stream)", `${agentLat.length}/${sample.length}`, fmt(pct(agentLat, 50), 1), fmt(pct(agentLat, 99), 1), fmt(Math.max(...agentLat), 1)],
    ]);
  } finally {
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  handoffBench().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
