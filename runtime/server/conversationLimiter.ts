/**
 * The per-conversation message limit of the customer API (buildServer.ts; with `--workers N`, each shard keeps the
 * limit of the conversations it owns: runtime/shard/shardWorker.ts). No Fastify here, so a shard does not load it.
 */
import { ApiError } from './conversationService';

/** Customer messages per conversation per minute (fixed window), answered with 429 + Retry-After. */
export class ConversationLimiter {
  private windows = new Map<string, { start: number; count: number }>();
  constructor(private perMinute: number) {}
  take(id: string, now: number) {
    let w = this.windows.get(id);
    if (!w || now - w.start >= 60_000) {
      if (this.windows.size > 100_000) this.sweep(now);
      w = { start: now, count: 0 };
      this.windows.set(id, w);
    }
    w.count += 1;
    if (w.count > this.perMinute) {
      const retry = Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000));
      throw new ApiError(429, 'rate_limited', `Too many messages in this conversation: at most ${this.perMinute} a minute; retry after ${retry} s.`, undefined, { 'Retry-After': String(retry) });
    }
  }
  private sweep(now: number) {
    for (const [k, w] of this.windows) if (now - w.start >= 60_000) this.windows.delete(k);
  }
}
