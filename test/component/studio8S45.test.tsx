// @vitest-environment jsdom
/**
 * Session 45 (studio8), the session-44 blind re-test of the studio (/work/coord/s44/retest-studio/report.md):
 *  - #7: a block added from the palette with nothing selected landed touching another block (a Question taken as 110 px
 *    tall for 161 drawn), and a block pushed right by a drop on a connection stopped edge to edge under one above it.
 *    Both keep the layout's clear gap (BLOCK_GAP, 40 px, elk.spacing.nodeNode); a paste or a drop on empty canvas keeps 24.
 *  - #8: the "End inserted... Undo" notice covered the problem badge: both now share the top row of the canvas.
 *  - #11: the direction warnings said "In the studio, press..." inside the studio and "the canvas marks it ⟨…⟩" where the
 *    canvas draws an RLO chip; the inspector's field shows the text reordered with no word of it.
 *  - The lead's s44 mend checked on screen: the Problems list's block column still showed a label reversed.
 *  - Newcomer s44 N8: the header's tools were nine icons in one run; now named groups, Simulator and Settings labelled.
 */
import './support/setup';
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BLOCK_GAP, occupiedRects, type Size } from '../../renderer/studio/canvas/freeSpot';
import { insertWithRoomEdit, newBlockSize, NEW_BLOCK_HEIGHT, spotNearCentre } from '../../renderer/studio/canvas/insertBlock';
import { addAfterEdit } from '../../renderer/studio/canvas/placeAfter';
import { inDesignerWords, inTheStudio } from '../../renderer/studio/hooks/designerWords';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';
import { renderEditor } from './support/renderEditor';
import { tinyFlow } from './support/sampleFlow';

const RLO = '\u202E';

function parse(flow: unknown): Flow {
  const r = validateFlow(flow);
  if (!r.flow) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  return r.flow;
}

/** The clear space between two rectangles: the larger of the horizontal and vertical gaps (negative: they overlap). */
function clearance(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): number {
  const dx = Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width));
  const dy = Math.max(b.y - (a.y + a.height), a.y - (b.y + b.height));
  return Math.max(dx, dy);
}

describe('studio8 s45 (#7): new and pushed blocks keep the layout gap', () => {
  // The re-test's row: Start -> Message -> Buttons, sizes as Chromium draws them (224 wide).
  const row = (): Flow =>
    parse({
      version: 1,
      id: 'row',
      name: 'Row',
      blocks: [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'msg', kind: 'message', position: { x: 320, y: 0 }, data: { text: 'Your invoice' } },
        { id: 'menu', kind: 'buttons', position: { x: 640, y: 0 }, data: { text: 'Pay how?', options: [{ id: 'a', label: 'Card' }, { id: 'b', label: 'Cash' }] } },
      ],
      edges: [
        { id: 'e1', from: 'start', exit: 'next', to: 'msg' },
        { id: 'e2', from: 'msg', exit: 'next', to: 'menu' },
      ],
      variables: [],
    });
  const sizes: Record<string, Size> = { start: { width: 224, height: 68 }, msg: { width: 224, height: 80 }, menu: { width: 224, height: 165 } };

  it('a Question is placed at its drawn height (161), not 110', () => {
    expect(NEW_BLOCK_HEIGHT.question).toBe(161);
    expect(newBlockSize(row(), sizes, 'question').height).toBeGreaterThanOrEqual(161);
    // A block of the kind already measured still wins.
    expect(newBlockSize({ ...row(), blocks: [...row().blocks, { id: 'q', kind: 'question', position: { x: 0, y: 400 }, data: {} } as never] }, { ...sizes, q: { width: 224, height: 190 } }, 'question').height).toBe(190);
  });

  it.each([
    ['above the row', { x: 750, y: -60 }],
    ['on the row', { x: 500, y: 40 }],
    ['just under the row', { x: 700, y: 200 }],
  ])('a Question added with nothing selected, the view centred %s, lands >= BLOCK_GAP from every block', (_where, centre) => {
    const flow = row();
    const at = spotNearCentre(flow, sizes, 'question', centre);
    const mine = { ...at, ...newBlockSize(flow, sizes, 'question') };
    const drawn = { ...at, width: 224, height: NEW_BLOCK_HEIGHT.question! };
    for (const r of occupiedRects(flow, sizes)) {
      expect(clearance(mine, r)).toBeGreaterThanOrEqual(BLOCK_GAP);
      expect(clearance(drawn, r)).toBeGreaterThanOrEqual(BLOCK_GAP);
    }
  });

  it('a block added after the selected one is placed at its own height, clear of a block below that column', () => {
    // Something already sits under the spot right of the Message: the new Human takeover (175 px) must not reach it.
    const base = row();
    const flow = parse({ ...base, blocks: [...base.blocks, { id: 'note-ish', kind: 'end', position: { x: 640, y: 220 }, data: {} }] });
    const s = { ...sizes, 'note-ish': { width: 224, height: 80 } };
    const out = addAfterEdit(flow, s, 'start', 'human_takeover', 'ht', 'Human takeover')!;
    const mine = { ...out.position, width: 224, height: NEW_BLOCK_HEIGHT.human_takeover! };
    for (const r of occupiedRects(flow, s)) expect(clearance(mine, r)).toBeGreaterThanOrEqual(BLOCK_GAP);
  });

  it('a block pushed right by a drop on a connection no longer stops edge to edge under one above: the one above keeps its distance', () => {
    // The re-test's 03e: a Question above and to the right of the Message, 8 px over the row but 56 px right of the
    // Message: clear of it before the drop. The Buttons further right, out of the way.
    const base = row();
    const flow = parse({
      ...base,
      blocks: [...base.blocks.map((b) => (b.id === 'menu' ? { ...b, position: { x: 1000, y: 0 } } : b)), { id: 'q', kind: 'question', position: { x: 600, y: -169 }, data: { variable: 'answer' } }],
    });
    const s = { ...sizes, q: { width: 224, height: 161 } };
    const store = createStudioStore(flow);
    expect(store.getState().dispatch(insertWithRoomEdit(flow, s, 'message', { x: 250, y: 20 }, flow.edges[0])!)).toBe(true);
    const after = store.getState().flow;
    const rect = (id: string) => {
      const b = after.blocks.find((x) => x.id === id)!;
      return { ...b.position!, ...(s[id] ?? newBlockSize(after, s, b.kind)) };
    };
    // The Message moved right, under where the Question was (it used to stop 8 px under it); the Question went with it.
    expect(rect('msg').x).toBeGreaterThan(320);
    expect(rect('q').x).toBeGreaterThan(600);
    expect(clearance(rect('msg'), rect('q'))).toBeGreaterThanOrEqual(BLOCK_GAP);
    for (const b of after.blocks) for (const o of after.blocks) if (b.id < o.id) expect(clearance(rect(b.id), rect(o.id))).toBeGreaterThanOrEqual(BLOCK_GAP);
    // One undo takes it all back.
    store.getState().undo();
    expect(store.getState().flow.blocks.find((b) => b.id === 'q')!.position).toEqual({ x: 600, y: -169 });
  });

  it('a sibling branch laid out 40 px under the moved block (the layout spacing, rounded) stays where it is', () => {
    const base = row();
    // Start -> msg, and msg's neighbour in the same column reached from Start another way: 40 px (less the layout's
    // rounding) under msg. It is not after msg, so it does not move.
    const flow = parse({
      ...base,
      blocks: [
        ...base.blocks.map((b) =>
          b.kind === 'start' ? { ...b, kind: 'buttons', data: { text: 'Pick', options: [{ id: 'x', label: 'X' }, { id: 'y', label: 'Y' }] } } : b.id === 'msg' ? { ...b, position: { x: 400, y: 0 } } : b,
        ),
        { id: 'side', kind: 'message', position: { x: 400, y: 119.5 }, data: { text: 'Other way' } },
      ],
      edges: [
        { id: 'e1', from: 'start', exit: 'x', to: 'msg' },
        { id: 'e2', from: 'msg', exit: 'next', to: 'menu' },
        { id: 'e3', from: 'start', exit: 'y', to: 'side' },
      ],
    });
    const s = { ...sizes, start: { width: 224, height: 165 }, side: { width: 224, height: 80 } };
    const edit = insertWithRoomEdit(flow, s, 'message', { x: 250, y: 20 }, flow.edges[0])!;
    const moves = edit.type === 'batch' ? edit.edits.flatMap((e) => (e.type === 'move_blocks' ? e.moves : [])) : [];
    const moved = moves.map((m) => m.id);
    expect(moved).toContain('msg');
    // msg now sits diagonally over 'side' (their columns overlap): 39.5 px apart, as before the drop.
    expect(moves.find((m) => m.id === 'msg')!.position.x).toBeLessThan(400 + 224);
    expect(moved).not.toContain('side');
  });
});

describe('studio8 s45 (#8): the notice and the problem badge share the top row', () => {
  it('the notice is drawn in the same row as the badge, after it, not over the canvas on its own', () => {
    const store = renderEditor(tinyFlow());
    act(() => store.getState().notify('End inserted: it ends the chain, so “Buttons” is no longer connected from here.', 'info', { label: 'Undo', opens: 'undo' }));
    const toast = document.querySelector('.st-toast') as HTMLElement;
    const row = toast.parentElement as HTMLElement;
    expect(row.className).toBe('st-canvas-top');
    expect(row.firstElementChild?.className).toBe('st-problems-toggle');
    expect(within(toast).getByRole('button', { name: 'Undo' })).toBeInTheDocument();
  });

  it('a block title with a direction character quoted in a notice is marked, not reordered', () => {
    const store = renderEditor(tinyFlow());
    act(() => store.getState().notify(`End inserted: it ends the chain, so “Choose ${RLO}yap” is no longer connected from here.`, 'info'));
    const toast = document.querySelector('.st-toast') as HTMLElement;
    expect(toast.textContent).toContain('“Choose ⟨RLO⟩yap”');
    expect(toast.textContent).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
  });
});

describe('studio8 s45 (#11 and the reordered field): the direction warnings in the words of what is drawn', () => {
  function labelled(): Flow {
    const flow = tinyFlow();
    return parse({
      ...flow,
      blocks: flow.blocks.map((b) =>
        b.id === 'welcome' ? { ...b, data: { ...b.data, text: `Your invoice: ${RLO}fdp.exe is attached.` } } : b.id === 'menu' ? { ...b, label: `Choose ${RLO}yap` } : b,
      ),
    });
  }

  it('inside the studio the hint starts "Press", not "In the studio, press"; the message shows the character itself (drawn as a mark)', () => {
    const flow = labelled();
    const raw = validateFlow(flow).problems.find((p) => p.code === 'text_direction' && p.path.endsWith('.data.text'))!;
    // The validator's own words stay for `baton validate` (no "the canvas": it draws the text as typed since session 44).
    expect(raw.hint).toMatch(/^In the studio, press “Remove the hidden direction characters”/);
    expect(raw.message).toContain('\\u202efdp.exe');
    expect(raw.message).not.toMatch(/the canvas/);
    const shown = inDesignerWords(raw, flow);
    expect(shown.hint).toMatch(/^Press “Remove the hidden direction characters” beside this warning/);
    expect(shown.message).toContain(`${RLO}fdp.exe`);
    expect(inTheStudio('Connect it in the studio, press nothing.')).toBe('Connect it in the studio, press nothing.');
  });

  it("the Message field's warning says the field shows it reordered and quotes the text as the canvas draws it (the RLO chip, no ⟨…⟩)", () => {
    renderEditor(labelled(), (s) => s.getState().select(['welcome']));
    const inspector = screen.getByTestId('block-inspector');
    const warning = inspector.querySelector('.st-field-warning[data-problem-path="$.blocks[1].data.text"]') as HTMLElement;
    expect(warning.textContent).toMatch(/the customer, the agents and this field show the letters after it in another order than typed/);
    expect(warning.textContent).not.toContain('⟨…⟩');
    const typed = within(warning).getByTestId('direction-typed');
    expect(typed.textContent).toBe('As typed, as the canvas shows it: “Your invoice: ⟨RLO⟩fdp.exe is attached.”.');
    // The same mark element the canvas draws.
    const mark = typed.querySelector('mark.bt-direction-mark')!;
    const canvasMark = document.querySelector('.react-flow__node[data-id="welcome"] mark.bt-direction-mark')!;
    expect(mark.textContent).toBe(canvasMark.textContent);
    expect(mark.getAttribute('title')).toBe(canvasMark.getAttribute('title'));
    // In the block's problem box too: "Press ...", the text quoted with the mark.
    const box = within(inspector).getByRole('list', { name: 'Problems in this block' });
    expect(box.textContent).toContain('Your invoice: ⟨RLO⟩fdp.exe');
    expect(box.textContent).toContain('Press “Remove the hidden direction characters”');
    expect(box.textContent).not.toContain('In the studio');
  });

  it("the block label's warning quotes the label as typed, marked", () => {
    renderEditor(labelled(), (s) => s.getState().select(['menu']));
    const warning = screen.getByTestId('block-inspector').querySelector('.st-field-warning[data-problem-path="$.blocks[2].label"]') as HTMLElement;
    expect(within(warning).getByTestId('direction-typed').textContent).toBe('As typed, as the canvas shows it: “Choose ⟨RLO⟩yap”.');
  });

  it("the Problems list names the block in its column marked, not reversed (the lead's s44 mend, checked on screen)", () => {
    renderEditor(labelled());
    act(() => (document.querySelector('.st-problems-toggle') as HTMLElement).click());
    const panel = screen.getByRole('region', { name: 'Problems' });
    const column = [...panel.querySelectorAll('.st-problem-block')].map((e) => e.textContent);
    expect(column).toContain('Choose ⟨RLO⟩yap');
    expect(panel.textContent).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
  });
});

describe('studio8 s45 (newcomer s44 N8): the header tools', () => {
  it('are in named groups; the Simulator and Settings carry their word; every tool keeps its accessible name', () => {
    renderEditor(tinyFlow());
    const bar = screen.getByRole('toolbar', { name: 'Editor' });
    expect(within(bar).getAllByRole('group').map((g) => g.getAttribute('aria-label'))).toEqual(['Edit', 'Test', 'Canvas', 'Flow', 'Studio']);
    const sim = within(bar).getByRole('button', { name: 'Open the simulator' });
    expect(sim.textContent).toBe('Simulator');
    expect(within(bar).getByRole('button', { name: 'Flow settings' }).textContent).toBe('Settings');
    expect(within(within(bar).getByRole('group', { name: 'Canvas' })).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual(['Find a block', 'Automatic layout', 'Add a sticky note']);
    for (const name of ['Undo', 'Redo', 'Keyboard shortcuts', 'Commands']) expect(within(bar).getByRole('button', { name })).toBeInTheDocument();
  });
});
