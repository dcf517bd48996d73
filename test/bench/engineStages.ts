/**
 * Session 41 (perf): the engine step's CPU profile split by STAGE (test/bench/enginePath.ts EP_STAGES=1): each busy sample
 * goes to the innermost frame on its stack that starts a stage (STAGES: the first analysis of a text, VADER, the
 * classifier, each escalation detector, intent and button matching, the state copy, secret masking...), else to the
 * engine's rest. Frames of an esbuild bundle are mapped back to source files through its `// shared/...` comments.
 */
import { pathToFileURL } from 'node:url';
import { sourceAt } from './cpuProfileSplit.mjs';

/**
 * Stages, innermost first wins: [name, function name test or null (any), source file test]. A sample whose stack
 * holds no stage frame is 'engine rest' (blocks, routing, effects, the policy's own glue) when a shared/ frame is on
 * it, else 'harness / other'.
 */
export const STAGES: [string, RegExp | null, RegExp][] = [
  ['secret masking', null, /shared\/engine\/(maskSecrets|customerSecrets|secrets)\.ts$/],
  ['VADER (sentiment)', null, /shared\/nlu\/sentiment\.ts$/],
  ['classifier', null, /shared\/escalation\/classifier\//],
  ['in-domain score', null, /shared\/escalation\/inDomain\//],
  ['normalise / tokens / stems', null, /shared\/(nlu\/(normalizeText|stem|stopWords|synonyms)|escalation\/canonicalTokens)\.ts$/],
  ['first analysis (analyzeText)', /^analyzeText$/, /shared\/nlu\/analyzeText\.ts$/],
  ['detector: explicit request', null, /detectors\/detectExplicitRequest\.ts$/],
  ['detector: urgency', null, /(detectors\/detectUrgency|escalation\/deadlines)\.ts$/],
  ['detector: sensitive topic', null, /(detectors\/detectSensitiveTopic|escalation\/topicMeaning|escalation\/compileSensitiveTopics|escalation\/selfHarm)\.ts$/],
  ['detector: negative sentiment', null, /(detectors\/detectNegativeSentiment|escalation\/effectiveSentiment)\.ts$/],
  ['detector: loop', null, /(detectors\/detectLoop\.ts|escalation\/sameRequest\/)/],
  ['detector: repeated fallback', null, /detectors\/detectRepeatedFallback\.ts$/],
  ['detector: low confidence', null, /detectors\/detectLowConfidence\.ts$/],
  ['policy: explanation, near misses, ranking', null, /escalation\/(nearMisses|describeRule)\.ts$/],
  ['policy: evaluateEscalation rest', null, /escalation\/evaluateEscalation\.ts$/],
  ['policy: other escalation modules', null, /shared\/escalation\//],
  ['intent / button / keyword matching', null, /shared\/(nlu\/(createIntentMatcher|similarity|editDistance)|engine\/(matchButton|matchKeywords))\.ts$/],
  ['other NLU (entities, courtesy, bare replies)', null, /shared\/nlu\//],
  ['state copy (copyState)', /^copyState$/, /shared\/engine\/run\.ts$/],
  ['handoff context / summary', null, /shared\/engine\/handoffContext\.ts$/],
  ['ticket block', null, /shared\/engine\/ticketBlock\.ts$/],
  ['question validators', null, /shared\/engine\/questionValidators\.ts$/],
];

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Busy samples of a profile by stage (see STAGES); GC and (program) are their own rows, (idle) is left out. */
export function stageSplit(
  profile: { nodes: ProfileNode[]; samples: number[] },
  root: string,
  byFile = false,
  bundle?: { name: string; starts: [number, string][] },
): { busy: number; stages: Map<string, number> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const rootUrl = pathToFileURL(root).href;
  const fileOfUrl = (url: string) => (url.startsWith(rootUrl) ? url.slice(rootUrl.length).replace(/^\//, '') : url);
  const fileOfFrame = (cf: ProfileNode['callFrame']) =>
    bundle && cf.url.endsWith('/' + bundle.name) ? (sourceAt(bundle.starts, cf.lineNumber) as string) : fileOfUrl(cf.url);
  const memo = new Map<number, string>();
  const stageOf = (id: number): string => {
    const hit = memo.get(id);
    if (hit !== undefined) return hit;
    const n = byId.get(id)!;
    const fn = n.callFrame.functionName;
    let out: string;
    if (fn === '(garbage collector)') out = 'GC';
    else if (fn === '(program)') out = '(program)';
    else {
      let found: string | null = null;
      let shared = false;
      let innermost = '';
      for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
        const cf = byId.get(x)!.callFrame;
        const f = fileOfFrame(cf);
        if (f.startsWith('shared/')) {
          shared = true;
          innermost ||= f;
        }
        const s = STAGES.find(([, name, file]) => file.test(f) && (name === null || name.test(cf.functionName)));
        if (s) {
          found = s[0];
          break;
        }
      }
      out = found ?? (shared ? 'engine rest (blocks, routing, effects, glue)' : 'harness / other');
      // EP_STAGES=files: the catch-all stages split by the innermost shared/ file on the stack.
      if (byFile && (out.startsWith('engine rest') || out.startsWith('policy: other'))) out += ` > ${innermost}`;
    }
    memo.set(id, out);
    return out;
  };
  const stages = new Map<string, number>();
  let busy = 0;
  for (const id of profile.samples) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    busy++;
    const s = stageOf(id);
    stages.set(s, (stages.get(s) ?? 0) + 1);
  }
  return { busy, stages };
}
