/**
 * Where pasted blocks go (newcomer s6 #13: a pasted block landed on top of Start and its edge): the copied group's
 * top-left corner at the free spot nearest the view's centre, the group taken as one rectangle (its blocks and notes
 * as they were laid out when copied), so no pasted block covers an existing block or note. Pure.
 */
import type { ClipboardDocument, XY } from '../../../shared/flow/edit/types';
import type { Flow } from '../../../shared/flow/schema';
import { DEFAULT_BLOCK_SIZE, DEFAULT_NOTE_SIZE, findFreeSpot, occupiedRects, type Size } from './freeSpot';

export function pasteSpot(flow: Flow, measured: Record<string, Size>, doc: ClipboardDocument, wanted: XY): XY {
  const rects = [
    ...doc.blocks.map((b) => ({ ...(b.position ?? { x: 0, y: 0 }), ...(measured[b.id] ?? DEFAULT_BLOCK_SIZE) })),
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
