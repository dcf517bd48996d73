// @vitest-environment jsdom
import './support/setup';
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { autoLayoutEdit } from '../../renderer/studio/editor/autoLayout';
import { insertBlockEdit } from '../../renderer/studio/canvas/insertBlock';
import { createNodeDeriver, groupFrame } from '../../renderer/studio/canvas/deriveNodes';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { tinyFlow } from './support/sampleFlow';
import { renderEditor } from './support/renderEditor';

function setup() {
  const store = renderEditor(tinyFlow());
  return store;
}

describe('canvas actions', () => {
  it('keyboard: Delete removes the selection, Ctrl+D duplicates, Ctrl+Z / Ctrl+Shift+Z undo and redo', () => {
    const store = setup();
    act(() => store.getState().select(['welcome']));
    fireEvent.keyDown(window, { key: 'd', ctrlKey: true });
    expect(store.getState().flow.blocks.filter((b) => b.kind === 'message')).toHaveLength(2);
    act(() => store.getState().select(['welcome']));
    fireEvent.keyDown(window, { key: 'Delete' });
    expect(store.getState().flow.blocks.some((b) => b.id === 'welcome')).toBe(false);
    expect(store.getState().flow.edges.some((e) => e.from === 'welcome' || e.to === 'welcome')).toBe(false);
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(store.getState().flow.blocks.some((b) => b.id === 'welcome')).toBe(true);
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true, shiftKey: true });
    expect(store.getState().flow.blocks.some((b) => b.id === 'welcome')).toBe(false);
  });

  it('copy and paste go through the clipboard as JSON and paste fresh blocks', () => {
    const store = setup();
    act(() => store.getState().select(['welcome', 'menu']));
    let text = '';
    const copy = new Event('copy', { bubbles: true }) as ClipboardEvent;
    Object.defineProperty(copy, 'clipboardData', { value: { setData: (_t: string, v: string) => (text = v) } });
    act(() => void document.dispatchEvent(copy));
    expect(JSON.parse(text)).toMatchObject({ format: 'baton/clipboard' });
    const paste = new Event('paste', { bubbles: true }) as ClipboardEvent;
    Object.defineProperty(paste, 'clipboardData', { value: { getData: () => text } });
    const before = store.getState().flow.blocks.length;
    act(() => void document.dispatchEvent(paste));
    expect(store.getState().flow.blocks.length).toBe(before + 2);
    // Pasting text that is not Baton blocks changes nothing and says so.
    const junk = new Event('paste', { bubbles: true }) as ClipboardEvent;
    Object.defineProperty(junk, 'clipboardData', { value: { getData: () => 'hello' } });
    act(() => void document.dispatchEvent(junk));
    expect(store.getState().flow.blocks.length).toBe(before + 2);
    expect(screen.getByRole('alert')).toHaveTextContent(/no Baton blocks/);
  });

  it('the cheat sheet lists the shortcuts', () => {
    setup();
    fireEvent.keyDown(window, { key: '?' });
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog).toHaveTextContent('Undo');
    expect(dialog).toHaveTextContent('Automatic layout');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('automatic layout moves blocks apart in one undoable step', async () => {
    const store = createStudioStore(tinyFlow());
    const edit = await autoLayoutEdit(store.getState().flow, {});
    expect(edit?.type).toBe('batch');
    const before = JSON.stringify(store.getState().flow.blocks.map((b) => b.position));
    store.getState().dispatch(edit!);
    const pos = Object.fromEntries(store.getState().flow.blocks.map((b) => [b.id, b.position!]));
    expect(pos.start.x).toBeLessThan(pos.welcome.x);
    expect(pos.welcome.x).toBeLessThan(pos.menu.x);
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(JSON.stringify(store.getState().flow.blocks.map((b) => b.position))).toBe(before);
  });

  it('dropping a block on an edge inserts it between the two blocks (one step)', () => {
    const store = createStudioStore(tinyFlow());
    const edge = store.getState().flow.edges.find((e) => e.id === 'e2')!;
    store.getState().dispatch(insertBlockEdit(store.getState().flow, 'set_variable', { x: 450, y: 100 }, edge)!);
    const flow = store.getState().flow;
    const added = flow.blocks.find((b) => b.kind === 'set_variable')!;
    expect(flow.edges.some((e) => e.from === 'welcome' && e.to === added.id)).toBe(true);
    expect(flow.edges.some((e) => e.from === added.id && e.to === 'menu')).toBe(true);
    expect(flow.edges.some((e) => e.id === 'e2')).toBe(false);
    expect(store.getState().past).toHaveLength(1);
  });

  it('a group frame surrounds its blocks and follows them while they are dragged', () => {
    const store = createStudioStore(tinyFlow());
    store.getState().dispatch({ type: 'group', ids: ['welcome', 'menu'], title: 'Intro', id: 'g1' });
    const flow = store.getState().flow;
    const frame = groupFrame(flow, { blockIds: ['welcome', 'menu'] }, {}, {})!;
    expect(frame.x).toBeLessThan(300);
    expect(frame.x + frame.width).toBeGreaterThan(600 + 200);
    const derive = createNodeDeriver();
    const nodes = derive({ flow, selection: [], drag: {}, measured: {}, problems: new Map() });
    const groupNode = nodes.find((n) => n.id === 'g1')!;
    expect(groupNode.type).toBe('group');
    const moved = derive({ flow, selection: [], drag: { welcome: { x: 400, y: 100 }, menu: { x: 700, y: 100 } }, measured: {}, problems: new Map() });
    expect(moved.find((n) => n.id === 'g1')!.position.x).toBe(groupNode.position.x + 100);
  });
});
