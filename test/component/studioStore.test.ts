/**
 * The studio store: every edit operation goes through the core's applyEdit, is one undo step, and undo /
 * redo replay its patches exactly. Refused edits change nothing and say why.
 */
import { describe, expect, it } from 'vitest';
import { copyToClipboard } from '../../shared/flow/edit/clipboard';
import type { FlowEdit } from '../../shared/flow/edit/types';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { tinyFlow } from './support/sampleFlow';

const clone = <T,>(x: T): T => JSON.parse(JSON.stringify(x));

const edits: [string, FlowEdit][] = [
  ['add_block', { type: 'add_block', kind: 'message', position: { x: 10, y: 20 }, id: 'message-1' }],
  ['move_blocks', { type: 'move_blocks', moves: [{ id: 'welcome', position: { x: 333, y: 44 } }] }],
  ['connect', { type: 'connect', from: 'menu', exit: 'b', to: 'bye' }],
  ['disconnect', { type: 'disconnect', edgeIds: ['e3'] }],
  ['delete_blocks', { type: 'delete_blocks', ids: ['menu'] }],
  ['rename_block', { type: 'rename_block', from: 'welcome', to: 'hello' }],
  ['set_block_label', { type: 'set_block_label', id: 'welcome', label: 'Greeting' }],
  ['duplicate_blocks', { type: 'duplicate_blocks', ids: ['welcome', 'menu'] }],
  ['set_block_data', { type: 'set_block_data', id: 'welcome', data: { text: 'Hello there' } }],
  ['set_block_field', { type: 'set_block_field', id: 'agent', path: ['autoAssign', 'enabled'], value: true }],
  ['add_option', { type: 'add_option', blockId: 'menu', label: 'Gamma' }],
  ['remove_option', { type: 'remove_option', blockId: 'menu', optionId: 'a' }],
  ['reorder_option', { type: 'reorder_option', blockId: 'menu', optionId: 'b', toIndex: 0 }],
  ['add_variable', { type: 'add_variable', variable: { name: 'orderNumber' } }],
  ['update_variable', { type: 'update_variable', name: 'name', changes: { type: 'number' } }],
  ['rename_variable', { type: 'rename_variable', from: 'name', to: 'firstName' }],
  ['delete_variable', { type: 'delete_variable', name: 'name' }],
  ['set_flow_info', { type: 'set_flow_info', name: 'Renamed' }],
  ['set_settings', { type: 'set_settings', settings: { timezone: 'Europe/Paris' } }],
  ['set_escalation', { type: 'set_escalation', escalation: { loop: { enabled: false }, targetBlockId: 'agent' } }],
  ['add_note', { type: 'add_note', id: 'note-1', position: { x: 0, y: 300 }, text: 'Remember refunds' }],
  ['group', { type: 'group', ids: ['welcome', 'menu'], title: 'Intro', id: 'group-1' }],
  [
    'batch',
    {
      type: 'batch',
      label: 'Automatic layout',
      edits: [{ type: 'move_blocks', moves: [{ id: 'welcome', position: { x: 1, y: 1 } }, { id: 'menu', position: { x: 2, y: 2 } }] }],
    },
  ],
];

describe('studio store', () => {
  it.each(edits)('%s is one undo step; undo restores the flow exactly, redo re-applies it', (_name, edit) => {
    const store = createStudioStore(tinyFlow());
    const before = clone(store.getState().flow);
    expect(store.getState().dispatch(edit)).toBe(true);
    const after = clone(store.getState().flow);
    expect(after).not.toEqual(before);
    expect(store.getState().past).toHaveLength(1);
    expect(store.getState().revision).toBe(1);
    expect(store.getState().lastPatches.length).toBeGreaterThan(0);

    store.getState().undo();
    expect(clone(store.getState().flow)).toEqual(before);
    expect(store.getState().past).toHaveLength(0);
    expect(store.getState().future).toHaveLength(1);

    store.getState().redo();
    expect(clone(store.getState().flow)).toEqual(after);
    expect(store.getState().revision).toBe(3);
  });

  it('paste of copied blocks is undoable and gets fresh ids', () => {
    const store = createStudioStore(tinyFlow());
    const clip = copyToClipboard(store.getState().flow, ['welcome', 'menu']);
    const before = clone(store.getState().flow);
    expect(store.getState().dispatch({ type: 'paste', clipboard: clip, position: { x: 0, y: 500 } })).toBe(true);
    const flow = store.getState().flow;
    expect(flow.blocks.length).toBe(before.blocks.length + 2);
    // pasted blocks are selected, with ids different from the originals
    const pasted = store.getState().selection;
    expect(pasted).toHaveLength(2);
    expect(pasted).not.toContain('welcome');
    store.getState().undo();
    expect(clone(store.getState().flow)).toEqual(before);
  });

  it('a refused edit changes nothing, adds no step and explains why', () => {
    const store = createStudioStore(tinyFlow());
    const before = store.getState().flow;
    expect(store.getState().dispatch({ type: 'delete_blocks', ids: ['start'] })).toBe(false);
    expect(store.getState().flow).toBe(before);
    expect(store.getState().past).toHaveLength(0);
    expect(store.getState().notice?.text).toMatch(/start/i);
  });

  it('typing in one field coalesces into one undo step; another field starts a new step', () => {
    const store = createStudioStore(tinyFlow());
    const { dispatch } = store.getState();
    for (const [i, text] of ['H', 'He', 'Hel', 'Hell', 'Hello'].entries()) {
      dispatch({ type: 'set_block_field', id: 'welcome', path: ['text'], value: text }, { coalesceKey: 'welcome:text', now: 1000 + i * 100 });
    }
    expect(store.getState().past).toHaveLength(1);
    dispatch({ type: 'set_block_field', id: 'menu', path: ['text'], value: 'Choose' }, { coalesceKey: 'menu:text', now: 2000 });
    expect(store.getState().past).toHaveLength(2);
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().flow.blocks.find((b) => b.id === 'welcome')!.data).toMatchObject({ text: 'Hi {{name}}' });
    // typing after a pause is a new step
    dispatch({ type: 'set_block_field', id: 'welcome', path: ['text'], value: 'A' }, { coalesceKey: 'welcome:text', now: 10_000 });
    dispatch({ type: 'set_block_field', id: 'welcome', path: ['text'], value: 'AB' }, { coalesceKey: 'welcome:text', now: 20_000 });
    expect(store.getState().past).toHaveLength(2);
  });

  it('a new edit after undo clears the redo stack', () => {
    const store = createStudioStore(tinyFlow());
    store.getState().dispatch({ type: 'set_flow_info', name: 'One' });
    store.getState().undo();
    expect(store.getState().future).toHaveLength(1);
    store.getState().dispatch({ type: 'set_flow_info', name: 'Two' });
    expect(store.getState().future).toHaveLength(0);
    store.getState().redo();
    expect(store.getState().flow.name).toBe('Two');
  });

  it('unchanged blocks keep their identity across edits (what memoised nodes rely on)', () => {
    const store = createStudioStore(tinyFlow());
    const before = store.getState().flow.blocks;
    store.getState().dispatch({ type: 'set_block_field', id: 'welcome', path: ['text'], value: 'Changed' });
    const after = store.getState().flow.blocks;
    for (let i = 0; i < before.length; i++) {
      if (before[i].id === 'welcome') expect(after[i]).not.toBe(before[i]);
      else expect(after[i]).toBe(before[i]);
    }
  });

  it('deleting selected blocks drops them from the selection; replaceFlow can be undone', () => {
    const store = createStudioStore(tinyFlow());
    store.getState().select(['welcome', 'menu']);
    store.getState().dispatch({ type: 'delete_blocks', ids: ['welcome'] });
    expect(store.getState().selection).toEqual(['menu']);
    const restored = tinyFlow();
    restored.name = 'Restored version';
    store.getState().replaceFlow(restored, { undoable: true, label: 'Restore version 3' });
    expect(store.getState().flow.name).toBe('Restored version');
    store.getState().undo();
    expect(store.getState().flow.blocks.some((b) => b.id === 'welcome')).toBe(false);
    expect(store.getState().flow.name).toBe('Tiny');
  });
});
