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

  constructor(store: RuntimeStore, opts: { defaultMetrics?: boolean } = {}) {
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
    if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'baton_' });
  }
}
