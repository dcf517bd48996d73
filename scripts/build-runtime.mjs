#!/usr/bin/env node
/**
 * Bundles the `baton` command (runtime/cli/main.ts and everything it imports from runtime/ and shared/) into
 * dist/runtime/main.mjs, so `baton serve` starts without tsx compiling TypeScript on the fly (tsx keeps its
 * compiler, transformed sources and source maps in memory: measured ~tens of MB of RSS and slower start-up).
 * node_modules stay external (native lmdb, ioredis, fastify...: loaded by node as usual). The bundle sits two
 * folders below the repository root, like runtime/cli/main.ts, so every `import.meta.url` + '../..' in the
 * sources still points at the repository root. esbuild is the bundler tsx already depends on (no new package).
 *
 * The embedded store's writer thread (runtime/store/embeddedWriter.mjs, a worker_threads entry in plain
 * JavaScript) is copied next to the bundle: embeddedStore.ts starts it from `new URL('./embeddedWriter.mjs',
 * import.meta.url)`, which in the bundle is dist/runtime/. It is listed in inputs.json like the bundled sources.
 *
 * bin/baton.js uses the bundle only when it is newer than every source file it was built from (the list is
 * written next to it, dist/runtime/inputs.json); otherwise it falls back to tsx, so an edited checkout never
 * runs stale code.
 *
 *   node scripts/build-runtime.mjs        (also part of `npm run build`)
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runtimeBundleOptions } from './runtimeBundleOptions.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist/runtime');
mkdirSync(outdir, { recursive: true });
/** Options both bundles share. */
const common = {
  ...runtimeBundleOptions,
  absWorkingDir: root,
  // No source map by default: node would not use it without --enable-source-maps, and keeping it out keeps
  // the process small. BATON_RUNTIME_SOURCEMAP=1 writes one (for profiling / debugging).
  sourcemap: process.env.BATON_RUNTIME_SOURCEMAP ? 'linked' : false,
  metafile: true,
  logLevel: 'warning',
};
const result = await build({ ...common, entryPoints: ['runtime/cli/main.ts'], outfile: 'dist/runtime/main.mjs' });
/**
 * `baton serve --workers N` starts each conversation shard from its own entry (runtime/shard/shardEntry.ts), bundled
 * apart so a worker does not load the whole CLI (Fastify, OpenAPI, ...): measured ~50 MB less per worker than
 * starting workers from main.mjs. runtime/shard/shardPool.ts uses dist/runtime/shard.mjs when it exists.
 */
const shard = await build({ ...common, entryPoints: ['runtime/shard/shardEntry.ts'], outfile: 'dist/runtime/shard.mjs' });
/** Files the bundle starts as worker threads (not imported, so esbuild does not see them): copied as they are. */
const workers = ['runtime/store/embeddedWriter.mjs'];
for (const w of workers) copyFileSync(join(root, w), join(outdir, w.split('/').pop()));
const bundled = new Set([...Object.keys(result.metafile.inputs), ...Object.keys(shard.metafile.inputs)]);
// The shared esbuild options too (session 47): a bundle built with other options is stale like one built from older sources.
const inputs = [...[...bundled].filter((p) => !p.startsWith('node_modules/')), ...workers, 'scripts/runtimeBundleOptions.mjs'].sort();
// Written last: bin/baton.js trusts the bundle only when this list exists and is not older than any input.
writeFileSync(join(outdir, 'inputs.json'), JSON.stringify({ builtAt: new Date().toISOString(), inputs }, null, 1) + '\n');
console.log(`dist/runtime: main.mjs, shard.mjs + ${workers.length} worker file(s) (${inputs.length} source files)`);
