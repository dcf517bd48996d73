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
export function findFreeSpot(at: XY, size: Size, occupied: Rect[], opts: FreeSpotOptions = {}): XY {
  return searchFreeSpot(at, size, occupied, opts) ?? { x: Math.round(at.x / (opts.grid ?? 8)) * (opts.grid ?? 8), y: Math.round(at.y / (opts.grid ?? 8)) * (opts.grid ?? 8) };
}

export interface FreeSpotOptions {
  step?: number;
  maxRings?: number;
  grid?: number;
  gap?: number;
  /**
   * Session 47 (studio15, retest-studio s46 L5): lines to keep clear of as well (the connections as drawn, polylines in
   * flow coordinates, canvas/edgeLines.ts), `lineGap` away (default: `gap`): a block placed on top of connection lines
   * hid where they go and looked connected when it was not.
   */
  lines?: readonly (readonly XY[])[];
  lineGap?: number;
  /** Only spots whose whole item lies inside this rectangle (the visible canvas); none there: null (searchFreeSpot). */
  within?: Rect;
}

/** As findFreeSpot, but null when no free spot was found (within `within`, when given; else in `maxRings` rings). */
export function searchFreeSpot(at: XY, size: Size, occupied: Rect[], opts: FreeSpotOptions = {}): XY | null {
  const gap = opts.gap ?? GAP;
  const lineGap = opts.lineGap ?? gap;
  const step = opts.step ?? 40;
  const maxRings = opts.maxRings ?? 40;
  const grid = opts.grid ?? 8;
  const within = opts.within;
  const snap = (v: number) => Math.round(v / grid) * grid;
  // Only the line segments that can meet a candidate in the searched area are tested.
  const reach = maxRings * step + Math.max(size.width, size.height) + lineGap;
  const area = within ?? { x: at.x - reach, y: at.y - reach, width: 2 * reach, height: 2 * reach };
  const segments: [XY, XY][] = [];
  for (const line of opts.lines ?? []) {
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1];
      const b = line[i];
      if (Math.max(a.x, b.x) < area.x - lineGap || Math.min(a.x, b.x) > area.x + area.width + lineGap) continue;
      if (Math.max(a.y, b.y) < area.y - lineGap || Math.min(a.y, b.y) > area.y + area.height + lineGap) continue;
      segments.push([a, b]);
    }
  }
  const inside = (p: XY) => !within || (p.x >= within.x && p.y >= within.y && p.x + size.width <= within.x + within.width && p.y + size.height <= within.y + within.height);
  const free = (p: XY) => {
    if (!inside(p)) return false;
    const box = { x: p.x, y: p.y, width: size.width, height: size.height };
    if (occupied.some((r) => overlaps(box, r, gap))) return false;
    if (segments.length === 0) return true;
    const around = { x: p.x - lineGap, y: p.y - lineGap, width: size.width + 2 * lineGap, height: size.height + 2 * lineGap };
    return !segments.some(([a, b]) => segmentMeetsRect(a, b, around));
  };
  const start = { x: snap(at.x), y: snap(at.y) };
  if (free(start)) return start;
  for (let ring = 1; ring <= maxRings; ring++) {
    // Past the bounds on every side: no candidate of this ring or the next can be inside.
    if (within && start.x - ring * step + size.width < within.x && start.x + ring * step > within.x + within.width && start.y - ring * step + size.height < within.y && start.y + ring * step > within.y + within.height) break;
    const candidates: XY[] = [];
    for (let i = -ring; i <= ring; i++) {
      candidates.push({ x: start.x + i * step, y: start.y - ring * step }, { x: start.x + i * step, y: start.y + ring * step });
      if (i !== -ring && i !== ring) candidates.push({ x: start.x - ring * step, y: start.y + i * step }, { x: start.x + ring * step, y: start.y + i * step });
    }
    candidates.sort((a, b) => Math.hypot(a.x - start.x, a.y - start.y) - Math.hypot(b.x - start.x, b.y - start.y));
    const hit = candidates.find(free);
    if (hit) return { x: snap(hit.x), y: snap(hit.y) };
  }
  return null;
}

/** True when the segment a-b meets the rectangle (Liang-Barsky clipping). */
export function segmentMeetsRect(a: XY, b: XY, r: Rect): boolean {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  const clip = (p: number, q: number) => {
    if (p === 0) return q >= 0;
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
    return true;
  };
  return clip(-dx, a.x - r.x) && clip(dx, r.x + r.width - a.x) && clip(-dy, a.y - r.y) && clip(dy, r.y + r.height - a.y);
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
