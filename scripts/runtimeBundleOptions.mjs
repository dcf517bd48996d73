/**
 * esbuild options the runtime's bundles share (scripts/build-runtime.mjs: dist/runtime/main.mjs and shard.mjs), and the
 * benches that bundle the engine as the shard runs it (test/bench/enginePath.ts, test/bench/stepHash.ts), so a bench's
 * bundle is the shipped one's.
 *
 * Session 47 (perf4): `supported: { 'regexp-unicode-property-escapes': true }`. esbuild (0.28) counts Unicode property
 * escapes (`\p{L}`, `\p{Nd}`) as unsupported for every `node` target and rewrote each such literal into
 * `new RegExp("\\p{Nd}", "u")`: inside a function, a RegExp constructor call per evaluation (a runtime call that looks
 * the source up in V8's compilation cache, parsing it again when the entry has aged out) where a literal only clones its
 * boilerplate. The engine's bundle held 184 `new RegExp(` calls, 75 of them such literals (109 now, the sources' own);
 * on the closed path ~3.7 constructions per message -> 0.26, the constructor 0.39% -> 0.12% of the engine step's CPU in a
 * perf profile (docs/runtime.md "Session 47 (perf4)"). Node supports these escapes since 10 (V8 6.4), and the matching
 * is the same: a literal evaluated in a function makes a new RegExp object each time too (lastIndex 0).
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
