import { useDeferredValue } from 'react';
import { validateFlow } from '../../../shared/flow/validateFlow';
import type { FlowProblem } from '../../../shared/flow/flowProblem';
import type { Flow } from '../../../shared/flow/schema';
import { useStudio } from '../store/StudioStoreContext';
import { problemsInDesignerWords } from './designerWords';

/** One validation per document version, shared by the canvas badges, the problems list and the inspector. */
const cache = new WeakMap<Flow, FlowProblem[]>();

export function problemsOf(flow: Flow): FlowProblem[] {
  let problems = cache.get(flow);
  if (!problems) {
    try {
      problems = validateFlow(flow).problems;
    } catch (error) {
      // The validator must never take the editor down; report it as a problem instead.
      problems = [
        {
          severity: 'error',
          code: 'validator_failed',
          path: '$',
          blockId: null,
          message: `The validator failed: ${error instanceof Error ? error.message : String(error)}`,
          hint: 'Save your work and report this flow.',
        },
      ];
    }
    cache.set(flow, problems);
  }
  return problems;
}

/** Lets a caller that already validated this exact document (on open) hand the result over. */
export function primeProblems(flow: Flow, problems: FlowProblem[]): void {
  cache.set(flow, problems);
}

const none: FlowProblem[] = [];

/**
 * The current document's problems, computed in a deferred render (React's useDeferredValue): validating a
 * 1,000-block flow takes tens of milliseconds, so the canvas paints first on open and typing never waits
 * for the validator; badges follow a moment later.
 */
export function useProblems(): FlowProblem[] {
  const flow = useStudio((s) => s.flow);
  const deferred = useDeferredValue<Flow | null>(flow, null);
  // In the canvas's words: block titles and exit labels, not ids and exit keys (newcomer s26 F4).
  return deferred ? problemsInDesignerWords(problemsOf(deferred), deferred) : none;
}
