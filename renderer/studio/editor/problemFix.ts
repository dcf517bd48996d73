/**
 * Newcomer s42 N5: a block with no next block ("'Message' has no next block ... or to an End block") had its fix only in
 * the command palette ("Add an End block", session 41), which the newcomer never found. The fix is now offered where the
 * problem is read: beside it in the inspector and in the Problems list. One edit (one undo step): an End block in the
 * column right of the block, at the nearest free spot, connected from its exit. Pure.
 */
import type { FlowProblem } from '../../../shared/flow/flowProblem';
import type { FlowEdit } from '../../../shared/flow/edit/types';
import type { Flow } from '../../../shared/flow/schema';
import type { Size } from '../canvas/freeSpot';
import { nextBlockId } from '../canvas/insertBlock';
import { addAfterEdit } from '../canvas/placeAfter';

export interface ProblemFix {
  /** The button's words. */
  label: string;
  edit: FlowEdit;
  /** The block the fix adds. */
  added: string;
}

/** The one-click fix for a problem, or null when it has none. */
export function problemFix(flow: Flow, measured: Record<string, Size>, problem: Pick<FlowProblem, 'code' | 'blockId'>): ProblemFix | null {
  if (problem.code !== 'dead_end' || !problem.blockId || !flow.blocks.some((b) => b.id === problem.blockId)) return null;
  const id = nextBlockId(flow, 'end');
  const made = addAfterEdit(flow, measured, problem.blockId, 'end', id, 'End block');
  // Only when the End block is connected (the problem is then gone); a block placed alone would fix nothing.
  if (!made || made.connected === null) return null;
  return { label: 'Add an End block', edit: made.edit, added: id };
}
