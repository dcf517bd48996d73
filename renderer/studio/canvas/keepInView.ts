/**
 * Newcomer s13 #3: after the second palette click the canvas centred on the new block and the one before it, so
 * Start slid off the left edge; a block selected while half under the canvas's right edge (the inspector beside it)
 * stayed cut. Typebot and Landbot pan to the new block. This works out the smallest move of the viewport that shows
 * a block whole, keeping the blocks before it in view too when they fit (zooming out a little for them, never
 * below KEEP_MIN_ZOOM, never in). Pure: rectangles in flow coordinates, the viewport and canvas size in pixels.
 */
import type { Flow } from '../../../shared/flow/schema';
import { DEFAULT_BLOCK_SIZE, type Size } from './freeSpot';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface View {
  x: number;
  y: number;
  zoom: number;
}

/** Room kept between a block and the canvas edge (the badge, the zoom buttons). */
export const KEEP_MARGIN = 40;
/** The chain before a new block is kept in view by zooming out down to this, not further (titles stay readable). */
export const KEEP_MIN_ZOOM = 0.75;

const union = (rs: Rect[]): Rect => {
  const x = Math.min(...rs.map((r) => r.x));
  const y = Math.min(...rs.map((r) => r.y));
  return { x, y, width: Math.max(...rs.map((r) => r.x + r.width)) - x, height: Math.max(...rs.map((r) => r.y + r.height)) - y };
};

const fits = (r: Rect, zoom: number, width: number, height: number, margin: number) => r.width * zoom <= width - 2 * margin && r.height * zoom <= height - 2 * margin;

/** True when `r` is shown whole (inside the margin) on the canvas. */
export function isInView(r: Rect, view: View, width: number, height: number, margin = 0): boolean {
  const left = r.x * view.zoom + view.x;
  const top = r.y * view.zoom + view.y;
  return left >= margin && top >= margin && left + r.width * view.zoom <= width - margin && top + r.height * view.zoom <= height - margin;
}

/** The smallest pan (same zoom) that shows `r` whole; when it cannot fit, its top-left corner is shown. */
function panTo(r: Rect, view: View, width: number, height: number, margin: number): View {
  const z = view.zoom;
  let { x, y } = view;
  if (r.x * z + x < margin) x = margin - r.x * z;
  else if ((r.x + r.width) * z + x > width - margin) x = Math.max(width - margin - (r.x + r.width) * z, margin - r.x * z);
  if (r.y * z + y < margin) y = margin - r.y * z;
  else if ((r.y + r.height) * z + y > height - margin) y = Math.max(height - margin - (r.y + r.height) * z, margin - r.y * z);
  return { x, y, zoom: z };
}

/**
 * The viewport that shows `target` whole and as many of `before` (the blocks leading to it, nearest first) as fit,
 * moving as little as possible; null when nothing needs to move.
 */
export function keepInView(target: Rect, before: Rect[], view: View, width: number, height: number, margin = KEEP_MARGIN): View | null {
  if (width <= 0 || height <= 0) return null;
  const m = Math.min(margin, width / 8, height / 8);
  // The longest run of blocks before the target that fits at the current zoom, or, zoomed out (to KEEP_MIN_ZOOM), all of them.
  let keep: Rect[] = [target];
  let zoom = view.zoom;
  for (let k = 1; k <= before.length; k++) {
    const run = [target, ...before.slice(0, k)];
    if (fits(union(run), zoom, width, height, m)) keep = run;
    else break;
  }
  if (keep.length < before.length + 1 && before.length > 0) {
    const all = union([target, ...before]);
    const needed = Math.min((width - 2 * m) / Math.max(1, all.width), (height - 2 * m) / Math.max(1, all.height));
    if (needed < zoom && needed >= KEEP_MIN_ZOOM) {
      zoom = needed;
      keep = [target, ...before];
    }
  }
  const box = union(keep);
  const scaled = zoom === view.zoom ? view : zoomAbout(view, zoom, width, height);
  if (zoom === view.zoom && isInView(box, view, width, height, m)) return null;
  const next = panTo(box, scaled, width, height, m);
  return next.x === view.x && next.y === view.y && next.zoom === view.zoom ? null : next;
}

/**
 * The one rule for every place that brings a block into view (the palette's new block, a click on a block half under
 * the edge, the canvas narrowed by a panel, Problems, Find, the simulator following the conversation): the viewport
 * that shows `target`, or null when nothing needs to move. `onlyIfCut`: a block already whole on the canvas (no
 * margin) does not move the view. `readableZoom`: zoomed out below it, zoom in to it first, about the block (Problems
 * and Find: the block must be readable). `before`: the blocks leading to it, kept in view when they fit.
 */
export function viewToShow(
  target: Rect,
  view: View,
  width: number,
  height: number,
  opts: { before?: Rect[]; onlyIfCut?: boolean; readableZoom?: number; margin?: number; centre?: boolean } = {},
): View | null {
  if (width <= 0 || height <= 0) return null;
  const zoomIn = opts.readableZoom !== undefined && view.zoom < opts.readableZoom;
  if (opts.onlyIfCut && !zoomIn && isInView(target, view, width, height)) return null;
  let start = view;
  const cx = target.x + target.width / 2;
  const cy = target.y + target.height / 2;
  if (zoomIn) {
    // About the block's centre: it stays where it is on screen, larger; then the smallest pan shows it whole.
    const z = opts.readableZoom!;
    start = { x: cx * view.zoom + view.x - cx * z, y: cy * view.zoom + view.y - cy * z, zoom: z };
  }
  // Session 46 (studio11, newcomer s46 N17): Find put the found block at the canvas's edge (the smallest pan), the blocks
  // around it off screen. `centre`: when the view has to move (zoom in, or the block is not whole in view), the block
  // goes to the middle of the canvas (its top kept in view when it is taller than the canvas).
  if (opts.centre && (zoomIn || !isInView(target, view, width, height, opts.margin ?? KEEP_MARGIN))) {
    const z = start.zoom;
    const m = opts.margin ?? KEEP_MARGIN;
    const y = target.height * z > height - 2 * m ? m - target.y * z : height / 2 - cy * z;
    return { x: width / 2 - cx * z, y, zoom: z };
  }
  return keepInView(target, opts.before ?? [], start, width, height, opts.margin) ?? (start === view ? null : start);
}

/** The viewport at `zoom` about the canvas centre. */
function zoomAbout(view: View, zoom: number, width: number, height: number): View {
  const cx = (width / 2 - view.x) / view.zoom;
  const cy = (height / 2 - view.y) / view.zoom;
  return { x: width / 2 - cx * zoom, y: height / 2 - cy * zoom, zoom };
}

/** A block's rectangle in flow coordinates (its measured size, or the default one before it was measured). */
export function blockRect(flow: Flow, measured: Record<string, Size>, id: string): Rect | null {
  const b = flow.blocks.find((x) => x.id === id);
  if (!b) return null;
  const s = measured[id] ?? DEFAULT_BLOCK_SIZE;
  return { x: b.position?.x ?? 0, y: b.position?.y ?? 0, width: s.width, height: s.height };
}

/** The blocks leading to `id` along first incoming connections, nearest first (at most `max`, no loops). */
export function chainBefore(flow: Flow, measured: Record<string, Size>, id: string, max = 6): Rect[] {
  const out: Rect[] = [];
  const seen = new Set([id]);
  let at = id;
  for (let i = 0; i < max; i++) {
    const e = flow.edges.find((x) => x.to === at && !seen.has(x.from));
    if (!e) break;
    seen.add(e.from);
    const r = blockRect(flow, measured, e.from);
    if (!r) break;
    out.push(r);
    at = e.from;
  }
  return out;
}
