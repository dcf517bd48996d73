// @vitest-environment jsdom
/**
 * Session 44 (ui8, newcomer s44 N7): an End dropped on a connection was not inserted (null edit: the canvas put it
 * ~170 px away, unconnected, no word why). It is inserted and ends the chain: A's exit leads to the End, the old target
 * loses that connection; one undo step puts it all back. A Message still leads on to the old target.
 */
import './support/setup';
import { describe, expect, it } from 'vitest';
import { endsChain, insertWithRoomEdit } from '../../renderer/studio/canvas/insertBlock';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { tinyFlow } from './support/sampleFlow';

describe('an End dropped on a connection (N7)', () => {
  it('is inserted: the exit leads to it, the old target is no longer connected from there; one undo puts it back', () => {
    const store = createStudioStore(tinyFlow());
    const edge = store.getState().flow.edges.find((e) => e.id === 'e2')!;
    const before = JSON.stringify(store.getState().flow);
    const edit = insertWithRoomEdit(store.getState().flow, {}, 'end', { x: 450, y: 100 }, edge);
    expect(edit).not.toBeNull();
    expect(store.getState().dispatch(edit!)).toBe(true);
    const flow = store.getState().flow;
    const end = flow.blocks.filter((b) => b.kind === 'end').find((b) => flow.edges.some((e) => e.from === edge.from && e.exit === edge.exit && e.to === b.id));
    expect(end).toBeDefined();
    expect(flow.edges.some((e) => e.from === end!.id)).toBe(false);
    expect(flow.edges.some((e) => e.from === edge.from && e.to === edge.to)).toBe(false);
    store.getState().undo();
    expect(JSON.stringify(store.getState().flow)).toBe(before);
  });

  it('endsChain: End and Jump end a chain, Message and Question do not', () => {
    expect(endsChain('end')).toBe(true);
    expect(endsChain('jump')).toBe(true);
    expect(endsChain('message')).toBe(false);
    expect(endsChain('question')).toBe(false);
  });
});
