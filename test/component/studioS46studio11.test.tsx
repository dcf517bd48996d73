/**
 * Session 46 (studio11): newcomer s46 N13 (a paste into another flow landed on a block), N15 (the top bar moved with the
 * save status), N17 (small visual items), N8 (problems told apart only by an internal id).
 */
import { describe, expect, it } from 'vitest';
import { occupiedRects } from '../../renderer/studio/canvas/freeSpot';
import { pastedBlockSize, pasteSpot } from '../../renderer/studio/canvas/pasteSpot';
import type { ClipboardDocument } from '../../shared/flow/edit/types';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';

function flowOf(doc: unknown): Flow {
  const r = validateFlow({ version: 1, id: 'target', name: 'T', variables: [], ...(doc as object) });
  if (!r.flow) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  return r.flow;
}
type R = { x: number; y: number; width: number; height: number };
const overlaps = (a: R, b: R) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const buttons = {
  id: 'buttons-1',
  kind: 'buttons',
  position: { x: 40, y: 40 },
  data: { text: 'What can I do for you?', options: ['Book a repair', 'Repair status', 'Prices', 'Talk to a mechanic'].map((label, i) => ({ id: `o${i}`, label })) },
} as unknown as Flow['blocks'][number];
const clip = (blocks: Flow['blocks']): ClipboardDocument => ({ format: 'baton/clipboard', version: 1, sourceFlowId: 'source', blocks, edges: [], variables: [], notes: [], groups: [] });

describe('N13: a block pasted into another flow', () => {
  // The target: a small block at the top left, a gap of 200 px, then a row of blocks (the template's Welcome / Main menu).
  const target = flowOf({
    blocks: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'welcome', kind: 'message', position: { x: 0, y: 336 }, label: 'Welcome', data: { text: 'Hi' } },
      { id: 'menu', kind: 'message', position: { x: 300, y: 336 }, label: 'Main menu', data: { text: 'Pick' } },
    ],
    edges: [],
  });
  const measured = { start: { width: 240, height: 80 }, welcome: { width: 240, height: 100 }, menu: { width: 240, height: 100 } };

  it('is sized by its own content (a four-option Buttons block is far taller than 110 px), not by the target flow', () => {
    const size = pastedBlockSize(target, measured, buttons);
    expect(size.height).toBeGreaterThanOrEqual(96 + 28 * 5);
    // A block of the same id but another kind in the target says nothing about the pasted block.
    const clash = flowOf({ blocks: [{ id: 'buttons-1', kind: 'end', position: { x: 900, y: 900 }, data: {} }], edges: [] });
    expect(pastedBlockSize(clash, { 'buttons-1': { width: 240, height: 60 } }, buttons).height).toBeGreaterThan(200);
  });

  it('lands where it overlaps no block, at the size it is drawn with', () => {
    const drawn = { width: 240, height: 250 }; // what Chromium draws for this block (newcomer's screen 96)
    for (const wanted of [{ x: 0, y: 110 }, { x: 40, y: 130 }, { x: 300, y: 100 }, { x: 0, y: 0 }]) {
      const at = pasteSpot(target, measured, clip([buttons]), wanted, { 'buttons-1': drawn });
      for (const r of occupiedRects(target, measured)) expect(overlaps({ ...at, ...drawn }, r), `${JSON.stringify(wanted)} -> ${JSON.stringify(at)}`).toBe(false);
      const estimated = pasteSpot(target, measured, clip([buttons]), wanted);
      for (const r of occupiedRects(target, measured)) expect(overlaps({ ...estimated, ...pastedBlockSize(target, measured, buttons) }, r)).toBe(false);
    }
  });
});
