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
import { definitionOf } from '../blockCatalog';
import { cleanDirectionControls } from '../../../shared/flow/directionControls';

export interface ProblemFix {
  /** The button's words. */
  label: string;
  edit: FlowEdit;
  /** The block the fix adds (null when it adds none). */
  added: string | null;
}

/**
 * Session 44 (studio7) offered the End block only on exits that "may end the chat", not on a button option, an intent,
 * a keyword route, an HTTP request's error exit or a Human takeover's exits. Session 46 (studio10, newcomer s45 N7),
 * decided with the validation rule that an exit which leads nowhere says what happens to the customer there: each of
 * those problems says the customer reaches a dead end (or, at a takeover, that the chat just ends), and an End block
 * (its goodbye, the chat closed properly) is always better than that, so the fix is offered on every unconnected exit
 * but Start's. The fix follows the problem's own hint where the hint names another block: a Human takeover's No agent
 * and Timeout exits ask for a Ticket block ("so the customer can leave their details"), so that is the block added there.
 */
function fixKind(flow: Flow, blockId: string, exit: string): { kind: 'end' | 'ticket'; label: string; words: string } | null {
  const block = flow.blocks.find((b) => b.id === blockId);
  if (!block || definitionOf(block.kind).isEntry) return null;
  if (block.kind === 'human_takeover' && (exit === 'no_agent' || exit === 'timeout')) return { kind: 'ticket', label: 'Ticket block', words: 'Add a Ticket block' };
  return { kind: 'end', label: 'End block', words: 'Add an End block' };
}

/** The one-click fix for a problem, or null when it has none. */
export function problemFix(flow: Flow, measured: Record<string, Size>, problem: Pick<FlowProblem, 'code' | 'blockId' | 'path' | 'exit'>): ProblemFix | null {
  if (problem.code === 'text_direction') return directionFix(flow, problem);
  // Newcomer s43 N5 / retest s43 N4: the exit comes from the problem itself (`exit`), never from its hint: the studio
  // shows hints in the canvas's words ("Connect the “Next” exit"), so the old hint pattern never matched there.
  const exit = problem.exit;
  const fits = exit && problem.blockId ? fixKind(flow, problem.blockId, exit) : null;
  if (!exit || !problem.blockId || !fits) return null;
  const id = nextBlockId(flow, fits.kind);
  const made = addAfterEdit(flow, measured, problem.blockId, fits.kind, id, fits.label, exit);
  // Only when the new block is connected (the problem is then gone); a block placed alone would fix nothing.
  if (!made || made.connected === null) return null;
  return { label: fits.words, edit: made.edit, added: id };
}

/**
 * Session 43 (studio6, newcomer s43 N1): "Remove the hidden direction characters": every direction override,
 * embedding and isolate out of the block the problem is in (its label and data), or out of the part of the flow the
 * Flow settings problem is in (the escalation policy, the settings, the variables, the flow's name). One undo step.
 */
function directionFix(flow: Flow, problem: Pick<FlowProblem, 'blockId' | 'path'>): ProblemFix | null {
  const label = 'Remove the hidden direction characters';
  if (problem.blockId) {
    const b = flow.blocks.find((x) => x.id === problem.blockId);
    if (!b) return null;
    const edits: FlowEdit[] = [];
    const data = cleanDirectionControls(b.data as Record<string, unknown>);
    if (data !== b.data) edits.push({ type: 'set_block_data', id: b.id, data });
    if (typeof b.label === 'string') {
      const l = cleanDirectionControls(b.label);
      if (l !== b.label) edits.push({ type: 'set_block_label', id: b.id, label: l || undefined });
    }
    return edits.length ? { label, edit: { type: 'batch', label, edits }, added: null } : null;
  }
  const path = problem.path;
  if (path.startsWith('$.escalation')) {
    const esc = cleanDirectionControls(flow.escalation);
    return esc !== flow.escalation ? { label, edit: { type: 'set_escalation', escalation: esc }, added: null } : null;
  }
  if (path.startsWith('$.settings')) {
    const settings = cleanDirectionControls(flow.settings);
    return settings !== flow.settings ? { label, edit: { type: 'set_settings', settings }, added: null } : null;
  }
  if (path.startsWith('$.variables')) {
    const edits: FlowEdit[] = [];
    for (const v of flow.variables) {
      const c = cleanDirectionControls(v);
      if (c !== v) edits.push({ type: 'update_variable', name: v.name, changes: { default: c.default, description: c.description } });
    }
    return edits.length ? { label, edit: { type: 'batch', label, edits }, added: null } : null;
  }
  if (path === '$.name' || path === '$.description') {
    const name = cleanDirectionControls(flow.name);
    const description = cleanDirectionControls(flow.description);
    if (name === flow.name && description === flow.description) return null;
    return { label, edit: { type: 'set_flow_info', name, description }, added: null };
  }
  return null;
}
