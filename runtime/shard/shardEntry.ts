/**
 * The entry of a shard's worker thread (`baton serve --workers N`, shardPool.ts): only what a shard runs (store,
 * engine, service, HTTP request blocks), not the HTTP server's modules, so each worker's heap stays small. Under
 * tsx the pool starts this file; in the bundle, dist/runtime/shard.mjs when the build makes it, else main.mjs.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { runShardWorker, type ShardWorkerData } from './shardWorker';

if (!isMainThread && (workerData as { batonShard?: boolean } | null)?.batonShard) void runShardWorker(workerData as ShardWorkerData);
