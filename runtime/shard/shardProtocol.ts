/**
 * What crosses between the main thread and the shard worker threads of `baton serve --workers N` (shardPool.ts,
 * shardWorker.ts). Messages are posted in batches (one postMessage per event turn and direction).
 */
import type { QueuedHandoff } from '../../shared/engine/types';
import type { AgentPresence } from '../../shared/handoff/types';
import { ApiError } from '../server/conversationService';
import { StoreConflictError } from '../store/types';

/** Which of `count` shards owns a conversation: FNV-1a of its id (ids are random UUIDs, so shards fill evenly). */
export function ownerOf(id: string, count: number): number {
  if (count <= 1) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % count;
}

export type ShardRequest =
  | { n: number; t: 'send'; id: string; token: string | undefined; body: { text?: string; choice?: string }; idem?: string }
  | { n: number; t: 'get'; id: string }
  | { n: number; t: 'getMany'; ids: string[] }
  | { n: number; t: 'log'; id: string; after: number; limit: number }
  | { n: number; t: 'commit'; w: unknown }
  | { n: number; t: 'lock'; id: string }
  | { n: number; t: 'unlock'; k: number }
  | { n: number; t: 'watch'; id: string }
  | { n: number; t: 'unwatch'; id: string }
  | { n: number; t: 'prune'; before: number }
  /** `--agents`: the hub's presence and queue as the engine reads them (ctx.agents, ctx.queue), posted when they change. */
  | { n: number; t: 'agents'; agents: AgentPresence[] | null; queue: QueuedHandoff[] }
  /** Why this shard's writes fail right now (its store's writeProblem), or null: for /readyz. */
  | { n: number; t: 'problem' }
  /** Test hook: the shard's next `count` writes fail as a full disk (EmbeddedStore.simulateCommitFailures). */
  | { n: number; t: 'failWrites'; count: number }
  | { n: number; t: 'warm'; flows: Array<[string, string]> }
  | { n: number; t: 'close' };

/**
 * A metric update made in a shard: [metric field of RuntimeMetrics, 'inc' with labels and how many times | 'observe'
 * with a value]. A shard adds up its increments per metric and labels over a batch (one op for the batch's
 * messages, not one per message).
 */
export type MetricOp = [string, 'inc', Record<string, string> | null, number] | [string, 'observe', number];

export type ShardReply =
  | { n: number; ok: unknown }
  | { n: number; err: WireError }
  | { t: 'e'; id: string; entries: unknown[] }
  | { t: 'm'; ops: MetricOp[] }
  | { t: 'kick' }
  | { t: 'h'; handoffs: unknown[] }
  | { t: 'ready' }
  | { t: 'fail'; message: string };

export interface WireError {
  name: string;
  message: string;
  statusCode?: number;
  code?: string;
  field?: string;
  headers?: Record<string, string>;
  stack?: string;
}

export function errorToWire(err: unknown): WireError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const e = err as Error & { statusCode?: number; code?: string; field?: string; headers?: Record<string, string> };
  const out: WireError = { name: err instanceof ApiError ? 'ApiError' : e.name, message: e.message, stack: e.stack };
  if (typeof e.statusCode === 'number') out.statusCode = e.statusCode;
  if (typeof e.code === 'string') out.code = e.code;
  if (typeof e.field === 'string') out.field = e.field;
  if (e.headers && typeof e.headers === 'object') out.headers = e.headers;
  return out;
}

/** The error the main thread's callers expect (ApiError, StoreConflictError, StoreWriteError by name and status). */
export function errorFromWire(w: WireError): Error {
  if (w.name === 'ApiError') return new ApiError(w.statusCode ?? 500, w.code ?? 'internal', w.message, w.field, w.headers ?? {});
  if (w.name === 'StoreConflictError') return new StoreConflictError(w.message);
  const e = Object.assign(new Error(w.message), { name: w.name }) as Error & Record<string, unknown>;
  if (w.statusCode !== undefined) e.statusCode = w.statusCode;
  if (w.code !== undefined) e.code = w.code;
  if (w.stack) e.stack = w.stack;
  return e;
}
