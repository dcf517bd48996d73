/**
 * Prometheus metrics (prom-client), served as text at GET /metrics. One registry per server so tests and
 * several servers in one process do not share counters.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RuntimeStore } from '../store/types';
import { droppedLogLines } from '../serve/stdoutLog';

export class RuntimeMetrics {
  readonly registry = new Registry();
  readonly messages: Counter<'from'>;
  readonly escalations: Counter<'reason'>;
  readonly handoffs: Counter<'status'>;
  readonly waitSeconds: Histogram<string>;
  readonly effectFailures: Counter<'kind'>;
  readonly conversations: Gauge<'mode'>;
  /**
   * baton_csat_average per agent id (hostile s14 H#11, newcomer s14 N#9): only when /metrics asks for a token
   * (buildServer sets it from metricsToken). Without one the page is public on the port the widget is served on, and
   * anyone could read each agent's average (with one rating, the score of a given chat) while the inbox shows a plain
   * agent only their own; then only the overall average (agent="*") and the bot's (agent="") are given.
   */
  csatPerAgent = true;

  constructor(store: RuntimeStore, opts: { defaultMetrics?: boolean; now?: () => number } = {}) {
    const registers = [this.registry];
    this.messages = new Counter({ name: 'baton_messages_total', help: 'Messages appended to transcripts, by sender', labelNames: ['from'], registers });
    this.escalations = new Counter({ name: 'baton_escalations_total', help: 'Escalation decisions that handed over or offered a person, by reason', labelNames: ['reason'], registers });
    this.handoffs = new Counter({ name: 'baton_handoffs_total', help: 'Handoff status changes, by new status', labelNames: ['status'], registers });
    this.waitSeconds = new Histogram({
      name: 'baton_handoff_wait_seconds',
      help: 'Time from handoff request to an agent taking it, or to the handoff ending unassigned',
      buckets: [5, 15, 30, 60, 120, 300, 600, 1800, 3600],
      registers,
    });
    this.effectFailures = new Counter({ name: 'baton_effect_failures_total', help: 'Failed effect attempts (notify, webhook, HTTP request), by kind', labelNames: ['kind'], registers });
    this.conversations = new Gauge({
      name: 'baton_conversations',
      help: 'Stored conversations by mode (bot, waiting, agent are active)',
      labelNames: ['mode'],
      registers,
      async collect() {
        const counts = await store.countByMode();
        for (const [mode, n] of Object.entries(counts)) this.set({ mode }, n);
      },
    });
    new Gauge({
      name: 'baton_active_conversations',
      help: 'Conversations not closed',
      registers,
      async collect() {
        const c = await store.countByMode();
        this.set(c.bot + c.waiting + c.agent);
      },
    });
    new Gauge({
      name: 'baton_log_lines_dropped',
      help: 'Log lines dropped since the start because the reader of stdout stopped reading (the server never waits for it)',
      registers,
      collect() {
        this.set(droppedLogLines());
      },
    });
    // Handoffs per reason and CSAT (newcomer s9 #12): read from the store at scrape time, so they are right with
    // worker threads and several instances alike; one read of the handoffs and ratings per SCRAPE_CACHE_MS at most.
    const tally = cachedTally(store, opts.now ?? Date.now);
    new Gauge({
      name: 'baton_handoffs_by_reason',
      help: 'Stored handoffs by the reason the bot handed over (explicit_request, negative_sentiment, ..., flow) and their status now',
      labelNames: ['reason', 'status'],
      registers,
      async collect() {
        this.reset();
        for (const [key, n] of (await tally()).handoffs) {
          const [reason, status] = key.split('\u0000');
          this.set({ reason, status }, n);
        }
      },
    });
    new Gauge({
      name: 'baton_csat_ratings',
      help: 'Stored CSAT ratings by score (the Rating block\'s scale, e.g. 1-5)',
      labelNames: ['score'],
      registers,
      async collect() {
        this.reset();
        for (const [score, n] of (await tally()).scores) this.set({ score }, n);
      },
    });
    const csatAverage: Gauge<'agent'> = new Gauge({
      name: 'baton_csat_average',
      help: 'Average of the stored CSAT ratings, per agent who last held the rated chat (only when /metrics needs metricsToken; agent="" : the bot alone) and overall (agent="*"); absent with no rating',
      labelNames: ['agent'],
      registers,
      collect: async () => {
        csatAverage.reset();
        for (const [agent, a] of (await tally()).byAgent) if (this.csatPerAgent || agent === '*' || agent === '') csatAverage.set({ agent }, a.sum / a.count);
      },
    });
    if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'baton_' });
  }
}

/** A scrape reads the stored handoffs and ratings at most this often (Prometheus scrapes every 15-60 s). */
const SCRAPE_CACHE_MS = 5000;

interface Tally {
  /** "reason\0status" -> handoffs */
  handoffs: Map<string, number>;
  /** score -> ratings */
  scores: Map<string, number>;
  /** agent id ('' the bot alone, '*' all) -> sum and count of scores */
  byAgent: Map<string, { sum: number; count: number }>;
}

function cachedTally(store: RuntimeStore, now: () => number): () => Promise<Tally> {
  let last: { at: number; tally: Promise<Tally> } | null = null;
  return () => {
    const t = now();
    if (!last || t - last.at >= SCRAPE_CACHE_MS) last = { at: t, tally: readTally(store) };
    const mine = last;
    mine.tally.catch(() => {
      if (last === mine) last = null;
    });
    return mine.tally;
  };
}

async function readTally(store: RuntimeStore): Promise<Tally> {
  const [handoffs, ratings] = await Promise.all([store.listHandoffs(), store.listRecords('csat')]);
  const out: Tally = { handoffs: new Map(), scores: new Map(), byAgent: new Map() };
  for (const h of handoffs) {
    const reason = handoffReason(h);
    const key = `${reason}\u0000${h.status}`;
    out.handoffs.set(key, (out.handoffs.get(key) ?? 0) + 1);
  }
  for (const r of ratings) {
    const data = (r.data ?? {}) as { score?: unknown; agentId?: unknown };
    if (typeof data.score !== 'number' || !Number.isFinite(data.score)) continue;
    const score = String(data.score);
    out.scores.set(score, (out.scores.get(score) ?? 0) + 1);
    for (const agent of ['*', typeof data.agentId === 'string' ? data.agentId : '']) {
      const a = out.byAgent.get(agent) ?? { sum: 0, count: 0 };
      a.sum += data.score;
      a.count += 1;
      out.byAgent.set(agent, a);
    }
  }
  return out;
}

/** The reason a handoff was requested with, as the agents' inbox reads it (runtime/agents/agentHub.ts summarize). */
function handoffReason(h: { request: unknown; handoff: unknown }): string {
  const ho = (h.handoff ?? {}) as { reason?: unknown };
  const ctx = ((h.request ?? {}) as { context?: { reason?: unknown } }).context;
  const r = typeof ho.reason === 'string' ? ho.reason : typeof ctx?.reason === 'string' ? ctx.reason : 'flow';
  return r.length > 64 ? r.slice(0, 64) : r;
}
