/**
 * Where pasted blocks go (newcomer s6 #13: a pasted block landed on top of Start and its edge): the copied group's
 * top-left corner at the free spot nearest the view's centre, the group taken as one rectangle (its blocks and notes
 * as they were laid out when copied), so no pasted block covers an existing block or note. Pure.
 */
import type { ClipboardDocument, XY } from '../../../shared/flow/edit/types';
import type { Flow } from '../../../shared/flow/schema';
import { definitionOf } from '../blockCatalog';
import { DEFAULT_BLOCK_SIZE, DEFAULT_NOTE_SIZE, findFreeSpot, occupiedRects, type Size } from './freeSpot';
import { NEW_BLOCK_HEIGHT } from './insertBlock';

/**
 * Session 46 (studio11, newcomer s46 N13): the size a pasted block is placed with. It was `measured[b.id]` of the flow
 * pasted INTO, else 240 x 110: in another flow that id is another block (or none), so a Buttons block with four options
 * (~250 px tall) was placed as if 110 px tall and landed on the template's blocks below the free gap. Now: the size it
 * was drawn with when copied (`copied`, by source id, same window), else the same block in this flow when it is the
 * same kind (a paste into its own flow), else an estimate from its own exits (a row each) and its kind's drawn height.
 */
export function pastedBlockSize(flow: Flow, measured: Record<string, Size>, block: Flow['blocks'][number], copied: Record<string, Size> = {}): Size {
  if (copied[block.id]) return copied[block.id];
  const here = flow.blocks.find((b) => b.id === block.id);
  if (here && here.kind === block.kind && measured[block.id]) return measured[block.id];
  let exits = 1;
  try {
    exits = (definitionOf(block.kind).exits(block as never) as string[]).length;
  } catch {
    // An unknown or broken block: the default estimate.
  }
  return { width: DEFAULT_BLOCK_SIZE.width, height: Math.max(DEFAULT_BLOCK_SIZE.height, 96 + 28 * exits, NEW_BLOCK_HEIGHT[block.kind] ?? 0) };
}

export function pasteSpot(flow: Flow, measured: Record<string, Size>, doc: ClipboardDocument, wanted: XY, copied: Record<string, Size> = {}): XY {
  const rects = [
    ...doc.blocks.map((b) => ({ ...(b.position ?? { x: 0, y: 0 }), ...pastedBlockSize(flow, measured, b, copied) })),
    ...((doc as { notes?: { position: XY; size?: Size }[] }).notes ?? []).map((n) => ({ ...n.position, ...(n.size ?? DEFAULT_NOTE_SIZE) })),
  ];
  if (rects.length === 0) return wanted;
  const minX = Math.min(...rects.map((r) => r.x));
  const minY = Math.min(...rects.map((r) => r.y));
  const size = { width: Math.max(...rects.map((r) => r.x + r.width)) - minX, height: Math.max(...rects.map((r) => r.y + r.height)) - minY };
  return findFreeSpot(wanted, size, occupiedRects(flow, measured));
}

/**
 * Newcomer s40 N17: a paste into another flow went to the free spot nearest the view's centre, not where the designer had
 * just clicked. The anchor (the pasted group's wanted top-left corner) is now the last click on empty canvas while that
 * point is still in view, else the view's centre (less half a block, so the block is centred there). `visible`: the
 * canvas's visible part in flow coordinates; null when unknown (no canvas yet).
 */
export function pasteAnchor(lastClick: XY | null, visible: { x: number; y: number; width: number; height: number } | null): XY {
  if (!visible) return lastClick ? { x: Math.round(lastClick.x), y: Math.round(lastClick.y) } : { x: 0, y: 0 };
  if (lastClick && lastClick.x >= visible.x && lastClick.x <= visible.x + visible.width && lastClick.y >= visible.y && lastClick.y <= visible.y + visible.height) {
    return { x: Math.round(lastClick.x), y: Math.round(lastClick.y) };
  }
  return { x: Math.round(visible.x + visible.width / 2 - 120), y: Math.round(visible.y + visible.height / 2 - 60) };
}
