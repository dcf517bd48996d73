/**
 * Session 37 (newcomer s35, the rest of #5): a link saved while a flow's id was B (id A, changed to B, then to C) no
 * longer opened the flow: the address was read as a key, then as a current id, and B was neither. The studio now keeps
 * each flow's former ids, and an address is read as a key, then a current id, then the one flow that once had that id.
 */
import { describe, expect, it } from 'vitest';
import { keyOfAddress, type FlowName } from '../../../renderer/studio/flowAddress';
import { FORMER_IDS_KEPT, noteIdChange, type FlowEntry } from '../../../runtime/studio/flowStore';

describe('keyOfAddress reads former ids last', () => {
  const flows: FlowName[] = [
    { key: 'untitled-flow', flowId: 'shop-c', formerIds: ['shop-b', 'untitled-flow'] },
    { key: 'desk', flowId: 'desk' },
  ];
  it('an in-between id opens the flow that had it', () => {
    expect(keyOfAddress('shop-b', flows)).toBe('untitled-flow');
    expect(keyOfAddress('shop-c', flows)).toBe('untitled-flow');
    expect(keyOfAddress('untitled-flow', flows)).toBe('untitled-flow');
  });
  it('a current id wins over a former one; a former id two flows had, or nobody had, opens nothing', () => {
    const reused: FlowName[] = [...flows, { key: 'other', flowId: 'shop-b' }];
    expect(keyOfAddress('shop-b', reused)).toBe('other');
    const twice: FlowName[] = [...flows, { key: 'third', flowId: 'x', formerIds: ['shop-b'] }];
    expect(keyOfAddress('shop-b', twice)).toBeNull();
    expect(keyOfAddress('never-was', flows)).toBeNull();
  });
  it('a list from an older server (no formerIds) reads as before', () => {
    expect(keyOfAddress('shop-b', [{ key: 'k', flowId: 'shop-c' }])).toBeNull();
  });
});

describe('noteIdChange keeps former ids newest first, once each, bounded', () => {
  const entry = (flowId: string): FlowEntry =>
    ({ key: 'k', path: '/x', external: false, name: 'n', flowId, revision: 1, savedSeq: 0, createdAt: '', savedAt: '', openedAt: null, versions: [] }) as FlowEntry;
  it('A -> B -> C -> B', () => {
    const e = entry('a');
    for (const next of ['b', 'c', 'b']) {
      noteIdChange(e, next);
      e.flowId = next;
    }
    expect(e.formerIds).toEqual(['c', 'a']);
  });
  it('no change, no record; at most FORMER_IDS_KEPT', () => {
    const e = entry('a');
    noteIdChange(e, 'a');
    expect(e.formerIds).toBeUndefined();
    for (let i = 0; i < FORMER_IDS_KEPT + 5; i++) {
      noteIdChange(e, `id-${i}`);
      e.flowId = `id-${i}`;
    }
    expect(e.formerIds).toHaveLength(FORMER_IDS_KEPT);
    expect(e.formerIds?.[0]).toBe(`id-${FORMER_IDS_KEPT + 3}`);
  });
});
