/**
 * Session 40 (perf): test/bench/cpuProfileSplit.mjs gives each busy sample of a bundle's CPU profile to the layer of the
 * innermost project frame on its stack (the engine, the store, the HTTP route...). A synthetic bundle and profile.
 */
import { describe, expect, it } from 'vitest';
import { layerSplit, moduleStarts, sourceAt } from '../../bench/cpuProfileSplit.mjs';

const BUNDLE = [
  '// runtime/shard/shardEntry.ts', // line 0
  'x();',
  '// shared/engine/engine.ts', // line 2
  'function receive() {}',
  'function step() {}',
  '// runtime/store/embeddedStore.ts', // line 5
  'function planCommit() {}',
  '// runtime/server/leanRoute.ts', // line 7
  'function answer() {}',
].join('\n');
const URL = 'file:///x/dist/runtime/shard.mjs';

function frame(id: number, functionName: string, url: string, lineNumber: number, children: number[] = []) {
  return { id, callFrame: { functionName, url, lineNumber }, children };
}

describe('cpuProfileSplit (session 40)', () => {
  it('maps a bundle line to the module that holds it', () => {
    const starts = moduleStarts(BUNDLE);
    expect(starts).toEqual([
      [0, 'runtime/shard/shardEntry.ts'],
      [2, 'shared/engine/engine.ts'],
      [5, 'runtime/store/embeddedStore.ts'],
      [7, 'runtime/server/leanRoute.ts'],
    ]);
    expect(sourceAt(starts, 1)).toBe('runtime/shard/shardEntry.ts');
    expect(sourceAt(starts, 4)).toBe('shared/engine/engine.ts');
    expect(sourceAt(starts, 6)).toBe('runtime/store/embeddedStore.ts');
    expect(sourceAt(starts, 99)).toBe('runtime/server/leanRoute.ts');
  });

  it('gives a sample to the innermost known frame, native frames to their caller, and leaves idle out', () => {
    const nodes = [
      frame(1, '(root)', '', -1, [2, 7, 8, 9, 10, 12]),
      frame(2, 'onMessage', URL, 1, [3]), // shard messaging
      frame(3, 'receive', URL, 3, [4, 5]), // engine
      frame(4, 'test', '', -1), // a native regexp run by the engine: engine
      frame(5, 'planCommit', URL, 6, [6]), // store, called (here) from the engine's frame: the store is innermost
      frame(6, 'stringify', '', -1), // JSON.stringify under the store: store
      frame(7, '(garbage collector)', '', -1),
      frame(8, '(idle)', '', -1),
      frame(9, 'parserOnHeadersComplete', 'node:_http_common', 71), // node's HTTP with no project frame: HTTP
      frame(10, 'processImmediate', 'node:internal/timers', 438, [11]),
      frame(11, 'setTimeoutish', '', -1), // no project frame, not HTTP: other
      frame(12, 'answer', URL, 8), // the lean route: HTTP
    ];
    const samples = [3, 4, 4, 5, 6, 6, 6, 2, 7, 8, 8, 8, 9, 11, 12];
    const r = layerSplit({ nodes, samples }, moduleStarts(BUNDLE), 'shard.mjs');
    expect(r.samples).toBe(15);
    expect(r.busy).toBe(12);
    expect(Object.fromEntries(r.layers)).toEqual({
      'engine+policy': 3,
      'store/journal': 4,
      'shard messaging': 1,
      GC: 1,
      'HTTP+validation': 2,
      other: 1,
    });
  });

  it('counts everything under the push delivery as push, whatever file runs inside it', () => {
    const bundle = ['// runtime/shard/shardPool.ts', 'function deliver() {}', '// runtime/server/buildServer.ts', 'function send() {}'].join('\n');
    const url = 'file:///x/dist/runtime/main.mjs';
    const nodes = [
      frame(1, '(root)', '', -1, [2, 5]),
      frame(2, 'deliver', url, 1, [3]),
      frame(3, 'send', url, 3, [4]), // the SSE writer (buildServer.ts): HTTP by file, push by the stack
      frame(4, 'write', 'node:_http_outgoing', 10),
      frame(5, 'send', url, 3), // the same writer not under deliver: HTTP
    ];
    const r = layerSplit({ nodes, samples: [2, 3, 4, 4, 5] }, moduleStarts(bundle), 'main.mjs');
    expect(Object.fromEntries(r.layers)).toEqual({ push: 4, 'HTTP+validation': 1 });
  });

  it('reads frames of another file (node_modules) by package', () => {
    const nodes = [
      frame(1, '(root)', '', -1, [2]),
      frame(2, 'send', URL, 1, [3]),
      frame(3, 'put', 'file:///x/node_modules/lmdb/write.js', 10, [4]),
      frame(4, 'pack', 'file:///x/node_modules/msgpackr/pack.js', 5),
    ];
    const r = layerSplit({ nodes, samples: [2, 3, 4] }, moduleStarts(BUNDLE), 'shard.mjs');
    expect(Object.fromEntries(r.layers)).toEqual({ 'shard messaging': 1, 'store/journal': 2 });
  });
});
