// @vitest-environment jsdom
/**
 * Session 41 (studio), newcomer s40's studio findings: N5 (the layout's fit reads the laid-out positions), N6 (a block
 * dropped on a connection makes room), N8 (a refused Flow settings value says where it is and opens it), N11 (an
 * import refusal shows what blocks it apart from what does not), N17 (paste where the designer last clicked).
 */
import './support/setup';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { flowBounds } from '../../renderer/studio/canvas/freeSpot';
import { INSERT_GAP, insertWithRoomEdit } from '../../renderer/studio/canvas/insertBlock';
import { pasteAnchor } from '../../renderer/studio/canvas/pasteSpot';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';
import { tinyFlow } from './support/sampleFlow';
import { renderEditor } from './support/renderEditor';

function flowOf(doc: unknown): Flow {
  const r = validateFlow({ version: 1, id: 't', name: 'T', variables: [], ...(doc as object) });
  if (!r.flow) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  return r.flow;
}

type R = { x: number; y: number; width: number; height: number };
const overlaps = (a: R, b: R) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('N5: the bounds a layout is fitted to', () => {
  it('are the blocks and notes as the document has them, with measured sizes', () => {
    const flow = tinyFlow();
    const b = flowBounds(flow, { agent: { width: 300, height: 150 } })!;
    // start at (0,0); agent at (900,200) measured 300 x 150; the rest at the default size (240 x 110).
    expect(b).toEqual({ x: 0, y: 0, width: 1200, height: 350 });
    expect(flowBounds({ ...flow, blocks: [] })).toBeNull();
  });
});

describe('N6: a block dropped on a connection', () => {
  const sizes = { start: { width: 240, height: 80 }, hello: { width: 240, height: 100 }, bye: { width: 240, height: 80 } };
  const flow = () =>
    flowOf({
      blocks: [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'hello', kind: 'message', position: { x: 320, y: 0 }, data: { text: 'Hi' } },
        { id: 'bye', kind: 'end', position: { x: 640, y: 0 }, data: {} },
        // Not after Hello: stays where it is.
        { id: 'side', kind: 'end', position: { x: 640, y: 400 }, data: {} },
      ],
      edges: [
        { id: 'e1', from: 'start', exit: 'next', to: 'hello' },
        { id: 'e2', from: 'hello', exit: 'next', to: 'bye' },
      ],
    });

  it('goes right of the block before it, and the blocks after it move right to make room (one undo step)', () => {
    const store = createStudioStore(flow());
    const edge = store.getState().flow.edges.find((e) => e.id === 'e1')!;
    // Dropped half-way along Start -> Hello, over both blocks.
    const edit = insertWithRoomEdit(store.getState().flow, sizes, 'notify', { x: 160, y: 10 }, edge)!;
    expect(store.getState().dispatch(edit)).toBeTruthy();
    const f = store.getState().flow;
    const added = f.blocks.find((b) => b.kind === 'notify')!;
    const pos = Object.fromEntries(f.blocks.map((b) => [b.id, b.position!]));
    expect(pos[added.id]).toEqual({ x: 240 + INSERT_GAP, y: 8 });
    // Hello and Bye moved right by the same amount, Side did not; nothing overlaps any more.
    expect(pos.hello.x).toBeGreaterThanOrEqual(pos[added.id].x + 240 + INSERT_GAP);
    expect(pos.bye.x - pos.hello.x).toBe(320);
    expect(pos.side).toEqual({ x: 640, y: 400 });
    const rect = (id: string): R => ({ ...pos[id], ...((sizes as Record<string, { width: number; height: number }>)[id] ?? { width: 240, height: 110 }) });
    for (const other of ['start', 'hello', 'bye', 'side']) expect(overlaps(rect(added.id), rect(other)), other).toBe(false);
    expect(f.edges.some((e) => e.from === 'start' && e.to === added.id)).toBe(true);
    expect(f.edges.some((e) => e.from === added.id && e.to === 'hello')).toBe(true);
    store.getState().undo();
    expect(store.getState().flow.blocks.map((b) => b.position)).toEqual(flow().blocks.map((b) => b.position));
  });

  it('on a connection that runs back (to a block on the left) goes to the nearest free spot, moving nothing', () => {
    const base = flow();
    const back = { ...base, edges: [...base.edges, { id: 'e3', from: 'bye', exit: 'next', to: 'hello' }] } as Flow;
    const f0 = flowOf({ ...base, blocks: base.blocks.map((b) => (b.id === 'bye' ? { ...b, kind: 'message', data: { text: 'Again' } } : b)), edges: back.edges });
    const store = createStudioStore(f0);
    const edge = store.getState().flow.edges.find((e) => e.id === 'e3')!;
    expect(store.getState().dispatch(insertWithRoomEdit(store.getState().flow, sizes, 'notify', { x: 330, y: 10 }, edge)!)).toBeTruthy();
    const f = store.getState().flow;
    const added = f.blocks.find((b) => b.kind === 'notify')!;
    for (const b of f0.blocks) expect(f.blocks.find((x) => x.id === b.id)!.position).toEqual(b.position);
    for (const b of f0.blocks) expect(overlaps({ ...added.position!, width: 240, height: 110 }, { ...b.position!, ...((sizes as Record<string, { width: number; height: number }>)[b.id] ?? { width: 240, height: 110 }) }), b.id).toBe(false);
  });

  it('with room already there moves nothing', () => {
    const wide = flowOf({ ...flow(), blocks: flow().blocks.map((b) => (b.id === 'hello' ? { ...b, position: { x: 900, y: 0 } } : b.id === 'bye' ? { ...b, position: { x: 1300, y: 0 } } : b)) });
    const edit = insertWithRoomEdit(wide, sizes, 'notify', { x: 500, y: 0 }, wide.edges[0])!;
    expect(edit.type === 'batch' && edit.edits.some((e) => e.type === 'move_blocks')).toBe(false);
  });
});

describe('N8: a refused Flow settings value in the problems list', () => {
  it('says where it is (Flow settings › Escalation › Negative sentiment) and its row opens that field', async () => {
    const store = renderEditor(tinyFlow());
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    const section = document.querySelector('[data-signal="negativeSentiment"]') as HTMLElement;
    const box = within(section).getByLabelText('Single-message threshold') as HTMLInputElement;
    fireEvent.change(box, { target: { value: '5' } });
    fireEvent.blur(box);
    expect(within(section).getByRole('alert')).toHaveTextContent(/1 or less/);
    // The panel closed (as the newcomer did), the cursor elsewhere.
    act(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(document.querySelector('.st-main')).toHaveAttribute('data-inspector', 'closed');
    fireEvent.click(document.querySelector('.st-problems-toggle')!);
    const list = screen.getByRole('region', { name: 'Problems' });
    const row = within(list).getByText(/“Single-message threshold” is not saved/).closest('button')!;
    expect(row).toBeEnabled();
    expect(row).toHaveTextContent('Flow settings › Escalation › Negative sentiment');
    fireEvent.click(row);
    await waitFor(() => expect(document.activeElement).toBe(within(section).getByLabelText('Single-message threshold')));
    expect(document.querySelector('.st-main')).toHaveAttribute('data-inspector', 'open');
    expect(store.getState().flow.escalation.negativeSentiment.threshold).not.toBe(5);
  });

  it('a refused block field names its block and its row puts the cursor back in it', async () => {
    const store = renderEditor(tinyFlow(), (s) => s.getState().select(['menu']));
    const inspector = screen.getByTestId('block-inspector');
    const label = within(inspector).getByLabelText('Retries') as HTMLInputElement;
    fireEvent.change(label, { target: { value: '50' } });
    fireEvent.blur(label);
    expect(within(inspector).getByRole('alert')).toBeInTheDocument();
    act(() => (document.activeElement as HTMLElement | null)?.blur());
    fireEvent.click(document.querySelector('.st-problems-toggle')!);
    const row = within(screen.getByRole('region', { name: 'Problems' })).getByText(/is not saved/).closest('button')!;
    expect(row).toBeEnabled();
    // The place column names the block as the canvas does (the Buttons block's title is its question).
    expect(row.querySelector('.st-problem-block')).toHaveAttribute('title', 'Block id: menu');
    fireEvent.click(row);
    await waitFor(() => expect(document.activeElement).toBe(label));
    expect(store.getState().selection).toEqual(['menu']);
  });
});

describe('N17: where a paste goes', () => {
  const view = { x: -100, y: -50, width: 1000, height: 600 };
  it('the last click on empty canvas while it is in view', () => {
    expect(pasteAnchor({ x: 10.4, y: 400.6 }, view)).toEqual({ x: 10, y: 401 });
  });
  it('the view centre (less half a block) when the click is out of view or there was none', () => {
    expect(pasteAnchor({ x: 5000, y: 0 }, view)).toEqual({ x: 400 - 120, y: 250 - 60 });
    expect(pasteAnchor(null, view)).toEqual({ x: 280, y: 190 });
  });
  it('without a canvas yet: the click, else the origin', () => {
    expect(pasteAnchor({ x: 3, y: 4 }, null)).toEqual({ x: 3, y: 4 });
    expect(pasteAnchor(null, null)).toEqual({ x: 0, y: 0 });
  });
});
