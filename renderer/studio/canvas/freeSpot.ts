/**
 * Where a new block or sticky note goes: at the wanted spot when it is free, otherwise at the nearest free
 * spot around it (rings of candidates on the snap grid, nearest first), so nothing lands on top of an
 * existing block or note. Pure: sizes come from React Flow's measurements, with defaults for the rest.
 */
import type { XY } from '../../../shared/flow/edit/types';
import type { Flow } from '../../../shared/flow/schema';

export interface Size {
  width: number;
  height: number;
}
interface Rect extends XY, Size {}

export const DEFAULT_BLOCK_SIZE: Size = { width: 240, height: 110 };
export const DEFAULT_NOTE_SIZE: Size = { width: 200, height: 120 };
/**
 * Clear space kept between a block added from a list or inserted into a connection and the blocks around it: the automatic layout's own spacing between
 * two blocks of a column (elk.spacing.nodeNode in autoLayout.ts). Session 45 (studio8, retest-studio s44 #7): it was
 * 24 px, with the new block taken as 110 px tall, so a Question (161 px) added from the palette landed touching the
 * block below it. Used for a block added from a list or inserted into a connection (a paste or a drop on empty canvas
 * keeps findFreeSpot's 24 px, to stay near where the designer pointed).
 */
export const BLOCK_GAP = 40;
/** The default clear space of findFreeSpot: a paste or a drop where the designer pointed stays close to that point. */
const GAP = 24;

/** The rectangles of every block and note of the flow (top-left corner + size). */
export function occupiedRects(flow: Flow, measured: Record<string, Size> = {}): Rect[] {
  const rects: Rect[] = flow.blocks.map((b) => ({ x: b.position?.x ?? 0, y: b.position?.y ?? 0, ...(measured[b.id] ?? DEFAULT_BLOCK_SIZE) }));
  for (const n of (flow as { notes?: { id: string; position: XY; size?: Size }[] }).notes ?? []) {
    rects.push({ ...n.position, ...(n.size ?? measured[n.id] ?? DEFAULT_NOTE_SIZE) });
  }
  return rects;
}

const overlaps = (a: Rect, b: Rect, gap: number) =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;

/**
 * The top-left corner for an item of `size` wanted at `at` (its top-left corner): `at` itself when free,
 * otherwise the free candidate nearest to it. Gives up after `maxRings` rings and returns `at`.
 */
export function findFreeSpot(at: XY, size: Size, occupied: Rect[], opts: { step?: number; maxRings?: number; grid?: number; gap?: number } = {}): XY {
  const gap = opts.gap ?? GAP;
  const step = opts.step ?? 40;
  const maxRings = opts.maxRings ?? 40;
  const grid = opts.grid ?? 8;
  const snap = (v: number) => Math.round(v / grid) * grid;
  const free = (p: XY) => !occupied.some((r) => overlaps({ ...p, ...size }, r, gap));
  const start = { x: snap(at.x), y: snap(at.y) };
  if (free(start)) return start;
  for (let ring = 1; ring <= maxRings; ring++) {
    const candidates: XY[] = [];
    for (let i = -ring; i <= ring; i++) {
      candidates.push({ x: start.x + i * step, y: start.y - ring * step }, { x: start.x + i * step, y: start.y + ring * step });
      if (i !== -ring && i !== ring) candidates.push({ x: start.x - ring * step, y: start.y + i * step }, { x: start.x + ring * step, y: start.y + i * step });
    }
    candidates.sort((a, b) => Math.hypot(a.x - start.x, a.y - start.y) - Math.hypot(b.x - start.x, b.y - start.y));
    const hit = candidates.find(free);
    if (hit) return { x: snap(hit.x), y: snap(hit.y) };
  }
  return start;
}

/**
 * The rectangle around every block and note of the flow as the document has them now (newcomer s40 N5: Automatic
 * layout fitted the view to the canvas's nodes a frame after the layout, which still had the old positions, so half of
 * the laid-out flow ended under the inspector). Null for an empty flow.
 */
export function flowBounds(flow: Flow, measured: Record<string, Size> = {}): Rect | null {
  const rects = occupiedRects(flow, measured);
  if (rects.length === 0) return null;
  const x = Math.min(...rects.map((r) => r.x));
  const y = Math.min(...rects.map((r) => r.y));
  return { x, y, width: Math.max(...rects.map((r) => r.x + r.width)) - x, height: Math.max(...rects.map((r) => r.y + r.height)) - y };
}
