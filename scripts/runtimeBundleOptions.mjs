/**
 * esbuild options the runtime's bundles share (scripts/build-runtime.mjs: dist/runtime/main.mjs and shard.mjs), and the
 * benches that bundle the engine as the shard runs it (test/bench/enginePath.ts, test/bench/stepHash.ts), so a bench's
 * bundle is the shipped one's.
 *
 * Session 47 (perf4): `supported: { 'regexp-unicode-property-escapes': true }`. esbuild (0.28) counts Unicode property
 * escapes (`\p{L}`, `\p{Nd}`) as unsupported for every `node` target and rewrites each such literal into
 * `new RegExp("\\p{Nd}", "u")`: inside a function that is a RegExp constructor call per evaluation (the source parsed or
 * looked up in V8's compilation cache, a fresh regexp compiled again after the cache ages at a full GC), where a literal
 * clones its boilerplate and keeps the compiled code. The engine holds ~70 such literals in functions (the bundle had
 * 184 `new RegExp(` against 112 in the sources); on the closed path ~3.7 constructions per message, ~0.5% of the engine
 * step's CPU (perf, docs/runtime.md "Session 47 (perf4)"). Node supports these escapes since 10 (V8 6.4); the matching is
 * the same: a literal evaluated in a function is a new RegExp object each time too (lastIndex 0), only made cheaper.
 */
export const runtimeBundleOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  legalComments: 'none',
  supported: { 'regexp-unicode-property-escapes': true },
};
