// @vitest-environment jsdom
import './support/setup';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BLOCK_SIZE } from '../../renderer/studio/canvas/freeSpot';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';
import { tinyFlow } from './support/sampleFlow';
import { renderEditor } from './support/renderEditor';

function setup(flow: Flow, select: string) {
  const store = renderEditor(flow, (s) => s.getState().select([select]));
  const click = (kind: string) => fireEvent.click(within(screen.getByRole('complementary', { name: 'Blocks' })).getByRole('button', { name: new RegExp(`^${kind}`, 'i') }));
  return { store, click };
}

type Rect = { x: number; y: number; width: number; height: number };
const rectOf = (b: Flow['blocks'][number]): Rect => ({ x: b.position!.x, y: b.position!.y, ...DEFAULT_BLOCK_SIZE });
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function blankFlow(): Flow {
  const r = validateFlow({ version: 1, id: 'blank', name: 'Blank', blocks: [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} }], edges: [] });
  return r.flow!;
}

describe('palette click adds after the selected block (newcomer s5 #6)', () => {
  it('Start selected: Message goes to its right, connected from Start; then Buttons after it; one undo each', () => {
    const { store, click } = setup(blankFlow(), 'start');
    click('Message');
    let flow = store.getState().flow;
    const msg = flow.blocks.find((b) => b.kind === 'message')!;
    expect(flow.edges).toEqual([expect.objectContaining({ from: 'start', exit: 'next', to: msg.id })]);
    expect(msg.position!.x).toBeGreaterThanOrEqual(DEFAULT_BLOCK_SIZE.width);
    expect(msg.position!.y).toBe(0);
    expect(store.getState().selection).toEqual([msg.id]);
    expect(store.getState().notice).toBeNull();

    click('Buttons');
    flow = store.getState().flow;
    const buttons = flow.blocks.find((b) => b.kind === 'buttons')!;
    expect(flow.edges).toContainEqual(expect.objectContaining({ from: msg.id, exit: 'next', to: buttons.id }));
    expect(buttons.position!.x).toBeGreaterThan(msg.position!.x + DEFAULT_BLOCK_SIZE.width);
    for (const a of flow.blocks) for (const b of flow.blocks) if (a !== b) expect(overlap(rectOf(a), rectOf(b))).toBe(false);

    act(() => store.getState().undo());
    expect(store.getState().flow.blocks.some((b) => b.kind === 'buttons')).toBe(false);
    expect(store.getState().flow.edges).toHaveLength(1);
  });

  it('a selected block with a free exit (menu: option b) is connected through it; the new block avoids every block in that column', () => {
    const { store, click } = setup(tinyFlow(), 'menu');
    click('Message');
    const flow = store.getState().flow;
    const added = flow.blocks.find((b) => b.id === 'message-1')!;
    expect(flow.edges).toContainEqual(expect.objectContaining({ from: 'menu', exit: 'b', to: 'message-1' }));
    expect(added.position!.x).toBeGreaterThan(600 + DEFAULT_BLOCK_SIZE.width);
    for (const other of flow.blocks) if (other !== added) expect(overlap(rectOf(added), rectOf(other))).toBe(false);
  });

  it('its only exit already used (Welcome leads on to the menu): inserted into that connection, one undo (newcomer s6 #5)', () => {
    const { store, click } = setup(tinyFlow(), 'welcome');
    const before = store.getState().flow;
    click('Message');
    const flow = store.getState().flow;
    const added = flow.blocks.find((b) => b.id === 'message-1')!;
    const from = (id: string) => flow.edges.filter((e) => e.from === id).map((e) => `${e.exit}->${e.to}`);
    expect(from('welcome')).toEqual(['next->message-1']);
    expect(from('message-1')).toEqual(['next->menu']);
    expect(flow.edges).toHaveLength(before.edges.length + 1);
    expect(added.position!.x).toBeGreaterThan(300 + DEFAULT_BLOCK_SIZE.width);
    for (const other of flow.blocks) if (other !== added) expect(overlap(rectOf(added), rectOf(other))).toBe(false);
    expect(store.getState().notice).toBeNull();
    act(() => store.getState().undo());
    expect(store.getState().flow).toEqual(before);
  });

  it('an End cannot lead on, so it is placed after a used exit without breaking the connection', () => {
    const { store, click } = setup(tinyFlow(), 'welcome');
    const edges = store.getState().flow.edges;
    click('End');
    expect(store.getState().flow.edges).toEqual(edges);
    expect(store.getState().flow.blocks.some((b) => b.id === 'end-1')).toBe(true);
  });
});
