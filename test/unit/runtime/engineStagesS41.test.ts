/**
 * Session 41 (perf): test/bench/engineStages.ts gives each busy sample of the engine's CPU profile to the stage of the
 * innermost stage frame on its stack (a detector, VADER, the classifier...), from source urls (tsx) or from an esbuild
 * bundle's module comments. A synthetic profile.
 */
import { describe, expect, it } from 'vitest';
import { moduleStarts } from '../../bench/cpuProfileSplit.mjs';
import { stageSplit, type ProfileNode } from '../../bench/engineStages';

const ROOT = '/x/repo';
const src = (f: string) => `file://${ROOT}/${f}`;
function frame(id: number, functionName: string, url: string, lineNumber: number, children: number[] = []): ProfileNode {
  return { id, callFrame: { functionName, url, lineNumber }, children };
}

describe('engine stages (session 41)', () => {
  it('gives a sample to the innermost stage on its stack; shared/ frames of no stage are the engine rest', () => {
    const nodes = [
      frame(1, '(root)', '', -1, [2, 9, 10, 11]),
      frame(2, 'receive', src('shared/engine/engine.ts'), 0, [3]),
      frame(3, 'evaluate', src('shared/escalation/evaluateEscalation.ts'), 0, [4, 6]),
      frame(4, 'detectUrgency', src('shared/escalation/detectors/detectUrgency.ts'), 0, [5]),
      frame(5, 'sentimentDetail', src('shared/nlu/sentiment.ts'), 0), // VADER called by a detector: VADER
      frame(6, 'detectLoop', src('shared/escalation/detectors/detectLoop.ts'), 0, [7]),
      frame(7, 'test', '', -1, [8]), // a native regexp run by the loop detector: loop
      frame(8, 'copyStateLike', src('shared/engine/engine.ts'), 0), // engine.ts under the loop detector: still the loop
      frame(9, '(garbage collector)', '', -1),
      frame(10, '(idle)', '', -1),
      frame(11, 'drive', src('test/bench/enginePath.ts'), 0),
    ];
    const samples = [2, 3, 4, 5, 5, 7, 8, 9, 10, 10, 11];
    const r = stageSplit({ nodes, samples }, ROOT);
    expect(r.busy).toBe(9);
    expect(Object.fromEntries(r.stages)).toEqual({
      'engine rest (blocks, routing, effects, glue)': 1,
      'policy: evaluateEscalation rest': 1,
      'detector: urgency': 1,
      'VADER (sentiment)': 2,
      'detector: loop': 2,
      GC: 1,
      'harness / other': 1,
    });
  });

  it('maps bundle frames to their source files, and splits the catch-alls by file when asked', () => {
    const bundle = ['// shared/engine/engine.ts', 'function receive() {}', '// shared/escalation/classifier/escalationClassifier.ts', 'function score() {}', '// shared/escalation/shopTopics.ts', 'function shop() {}'].join('\n');
    const url = 'file:///tmp/b/engine.mjs';
    const nodes = [frame(1, '(root)', '', -1, [2]), frame(2, 'receive', url, 1, [3, 4]), frame(3, 'score', url, 3), frame(4, 'shop', url, 5)];
    const starts = moduleStarts(bundle);
    expect(Object.fromEntries(stageSplit({ nodes, samples: [2, 3, 4, 4] }, ROOT, false, { name: 'engine.mjs', starts }).stages)).toEqual({
      'engine rest (blocks, routing, effects, glue)': 1,
      classifier: 1,
      'policy: other escalation modules': 2,
    });
    expect(Object.fromEntries(stageSplit({ nodes, samples: [2, 4] }, ROOT, true, { name: 'engine.mjs', starts }).stages)).toEqual({
      'engine rest (blocks, routing, effects, glue) > shared/engine/engine.ts': 1,
      'policy: other escalation modules > shared/escalation/shopTopics.ts': 1,
    });
  });
});
