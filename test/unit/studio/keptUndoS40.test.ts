import { describe, expect, it } from 'vitest';
import { flowSchema, type Flow } from '../../../shared/flow/schema';
import { flowFingerprint, KEPT_UNDO_STEPS, keepUndo, keptUndo, restoreUndo, UNDO_KEY_PREFIX, type UndoStorage } from '../../../renderer/studio/store/keptUndo';
import { createStudioStore } from '../../../renderer/studio/store/studioStore';

/** sessionStorage's interface over a Map; `quota` (characters over all values) makes setItem throw like a full browser store. */
function memoryStorage(quota = Infinity): UndoStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem(k, v) {
      const used = [...map].reduce((n, [key, val]) => n + (key === k ? 0 : val.length), 0);
      if (used + v.length > quota) throw new Error('QuotaExceededError');
      map.set(k, v);
    },
    removeItem: (k) => void map.delete(k),
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
  };
}

const blank = (): Flow =>
  flowSchema.parse({
    version: 1,
    id: 'undo-test',
    name: 'Undo test',
    blocks: [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} }],
    edges: [],
  });

describe('the undo history survives a reload of the same flow in the tab (newcomer s39 N24)', () => {
  it('kept at page hide, put back onto the same flow: undo and redo work after the reload', () => {
    const storage = memoryStorage();
    const before = createStudioStore(blank());
    before.getState().dispatch({ type: 'add_block', kind: 'message', position: { x: 300, y: 0 }, id: 'message-1' }, { label: 'Add block' });
    before.getState().dispatch({ type: 'add_block', kind: 'end', position: { x: 600, y: 0 }, id: 'end-1' }, { label: 'Add block' });
    before.getState().undo();
    expect(keepUndo(storage, 'my-flow', before.getState())).toBe(true);

    // The reload: the same document as the server sends it back (parsed again, keys in the schema's order).
    const reopened = flowSchema.parse(JSON.parse(JSON.stringify(before.getState().flow)));
    const after = createStudioStore(reopened);
    expect(restoreUndo(storage, 'my-flow', after)).toBe(true);
    expect(after.getState().past.map((e) => e.label)).toEqual(['Add block']);
    expect(after.getState().future).toHaveLength(1);
    after.getState().redo();
    expect(after.getState().flow.blocks.map((b) => b.id)).toEqual(['start', 'message-1', 'end-1']);
    after.getState().undo();
    after.getState().undo();
    expect(after.getState().flow.blocks.map((b) => b.id)).toEqual(['start']);
    // Another flow's key gets nothing.
    expect(restoreUndo(storage, 'other-flow', createStudioStore(blank()))).toBe(false);
  });

  it('a flow that opens different (changed elsewhere) gets no history, and the kept one is dropped', () => {
    const storage = memoryStorage();
    const store = createStudioStore(blank());
    store.getState().dispatch({ type: 'add_block', kind: 'message', position: { x: 300, y: 0 }, id: 'message-1' });
    keepUndo(storage, 'my-flow', store.getState());
    const changed = { ...store.getState().flow, name: 'Renamed in another window' };
    expect(keptUndo(storage, 'my-flow', changed)).toBeNull();
    expect(storage.map.has(UNDO_KEY_PREFIX + 'my-flow')).toBe(false);
    // Key order does not matter, content does.
    const flow = blank();
    const reordered = Object.fromEntries(Object.entries(flow).reverse()) as Flow;
    expect(flowFingerprint(reordered)).toBe(flowFingerprint(flow));
    expect(flowFingerprint({ ...flow, name: 'x' })).not.toBe(flowFingerprint(flow));
  });

  it('bounded: the newest steps only; a full storage drops other flows\' histories first; no history removes the key', () => {
    const storage = memoryStorage();
    const store = createStudioStore(blank());
    for (let i = 0; i < KEPT_UNDO_STEPS + 30; i++)
      store.getState().dispatch({ type: 'add_block', kind: 'message', position: { x: 300, y: 200 * i }, id: `m${i}` }, { label: `Add m${i}` });
    keepUndo(storage, 'big', store.getState());
    const kept = keptUndo(storage, 'big', store.getState().flow)!;
    expect(kept.past).toHaveLength(KEPT_UNDO_STEPS);
    expect(kept.past.at(-1)!.label).toBe(`Add m${KEPT_UNDO_STEPS + 29}`);
    expect(kept.past[0].label).toBe('Add m30');

    const text = storage.map.get(UNDO_KEY_PREFIX + 'big')!;
    const full = memoryStorage(text.length + 10);
    full.map.set(UNDO_KEY_PREFIX + 'older-flow', 'x'.repeat(text.length));
    expect(keepUndo(full, 'big', store.getState())).toBe(true);
    expect([...full.map.keys()]).toEqual([UNDO_KEY_PREFIX + 'big']);
    const tiny = memoryStorage(100);
    expect(keepUndo(tiny, 'big', store.getState())).toBe(false);
    expect(tiny.map.size).toBe(0);

    const fresh = createStudioStore(blank());
    keepUndo(storage, 'big', fresh.getState());
    expect(storage.map.has(UNDO_KEY_PREFIX + 'big')).toBe(false);
  });
});
