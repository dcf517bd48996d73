import { Plus } from 'lucide-react';
import { useMemo } from 'react';
import type { FlowProblem } from '../../../shared/flow/flowProblem';
import { Button } from '../../ui/Button';
import { PLACED_ROOM, useShowBlock } from '../canvas/useShowBlock';
import { problemFix } from '../editor/problemFix';
import { useStudio, useStudioStore } from '../store/StudioStoreContext';

/** Newcomer s42 N5: the problem's one-click fix (an End block after a block with no next block), under its hint. */
export function ProblemFixButton({ problem }: { problem: FlowProblem }) {
  const store = useStudioStore();
  const flow = useStudio((s) => s.flow);
  const measured = useStudio((s) => s.measured);
  const fix = useMemo(() => problemFix(flow, measured, problem), [flow, measured, problem]);
  const showBlock = useShowBlock();
  if (!fix) return null;
  return (
    <Button
      size="sm"
      className="st-problem-fix"
      onClick={() => {
        const state = store.getState();
        const now = problemFix(state.flow, state.measured, problem);
        if (!now || !state.dispatch(now.edit, { label: now.label })) return;
        // The new End block may lie beyond the canvas's edge (under the inspector): once drawn, the view shows it.
        const added = now.added;
        if (added === null) return;
        const later = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (f: () => void) => setTimeout(f, 16);
        later(() => later(() => showBlock(added, { onlyIfCut: true, clearOverlays: true, room: PLACED_ROOM })));
      }}
    >
      {fix.added !== null && <Plus size={14} aria-hidden="true" />} {fix.label}
    </Button>
  );
}
