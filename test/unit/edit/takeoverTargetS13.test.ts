/**
 * Newcomer s12 #19 (session 13): a flow whose escalation hands over to nobody gets its first Human takeover block as
 * Flow settings > Escalation > Hand over to when the block is added, in the same edit (one undo step takes both back).
 * Not when a target is chosen, nor when another takeover block exists (which one is then the designer's choice).
 */
import { describe, expect, it } from 'vitest';
import { applyEdit, applyPatches } from '../../../shared/flow/edit';
import { validateFlow } from '../../../shared/flow/validateFlow';
import type { Flow } from '../../../shared/flow/schema';

function flowWith(blocks: Array<{ id: string; kind: string; data?: object }>, targetBlockId: string | null = null): Flow {
  const r = validateFlow({
    version: 1,
    id: 'f',
    name: 'F',
    blocks: [{ id: 'start', kind: 'start', data: {} }, { id: 'hello', kind: 'message', data: { text: 'Hi' } }, ...blocks.map((b) => ({ data: {}, ...b }))],
    edges: [{ id: 'e1', from: 'start', exit: 'next', to: 'hello' }],
    escalation: { targetBlockId },
  });
  if (!r.flow) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  return r.flow;
}

const problemCodes = (flow: Flow) => validateFlow(JSON.parse(JSON.stringify(flow))).problems.map((p) => p.code);

describe('adding the only Human takeover makes it the escalation target (newcomer s12 #19)', () => {
  it('from the palette: the target is the new block, the no-target warning is gone; one undo takes both back', () => {
    const flow = flowWith([]);
    expect(problemCodes(flow)).toContain('escalation_no_target');
    const r = applyEdit(flow, { type: 'add_block', kind: 'human_takeover', position: { x: 400, y: 0 } });
    const id = r.selection![0];
    expect(r.flow.escalation.targetBlockId).toBe(id);
    expect(problemCodes(r.flow)).not.toContain('escalation_no_target');
    const undone = applyPatches(r.flow, r.inverse);
    expect(undone.escalation.targetBlockId).toBeNull();
    expect(undone.blocks.some((b) => b.id === id)).toBe(false);
    expect(applyPatches(undone, r.patches).escalation.targetBlockId).toBe(id);
  });

  it('dropped on a connection (insert_on_edge) too', () => {
    const r = applyEdit(flowWith([]), { type: 'insert_on_edge', edgeId: 'e1', kind: 'human_takeover' });
    expect(r.flow.escalation.targetBlockId).toBe(r.selection![0]);
  });

  it('a target already chosen is kept', () => {
    const flow = flowWith([{ id: 'ht', kind: 'human_takeover' }], 'ht');
    const r = applyEdit(flow, { type: 'add_block', kind: 'human_takeover' });
    expect(r.flow.escalation.targetBlockId).toBe('ht');
  });

  it('a second takeover block with no target chosen: left to the designer (still warned)', () => {
    const flow = flowWith([{ id: 'ht', kind: 'human_takeover' }]);
    expect(problemCodes(flow)).toContain('escalation_no_target');
    const r = applyEdit(flow, { type: 'add_block', kind: 'human_takeover' });
    expect(r.flow.escalation.targetBlockId).toBeNull();
  });

  it('other kinds change nothing', () => {
    const r = applyEdit(flowWith([]), { type: 'add_block', kind: 'ticket' });
    expect(r.flow.escalation.targetBlockId).toBeNull();
  });
});
