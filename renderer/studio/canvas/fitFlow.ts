/**
 * Fit View (Shift+1, the Fit View control, after automatic layout): which viewport shows the flow.
 *
 * Before session 6 it always fitted the whole flow, with 236 px of padding on the left so the minimap never
 * covers a block. Two results were unreadable: a 3-block flow on a narrow canvas (the inspector and the simulator
 * open beside it: 520 px) fitted at 27 % because the minimap's padding took half the width, and a 34-block
 * template fitted at 20 %. Now:
 *  - the minimap is kept clear by padding on the left OR at the bottom, whichever leaves the larger zoom, and
 *    on a canvas narrower than MINIMAP_MIN_WIDTH there is no minimap (Canvas.tsx) and no room kept for it;
 *  - never zoomed in past 100 % (a small flow is not blown up). A flow too big to fit at FIT_MIN_ZOOM: Fit View shows
 *    it whole however small (session 42, newcomer s42 N2; before, its first press gave the readable view), and pressed
 *    again, on that view, shows it at FIT_MIN_ZOOM from its left edge (flows read left to right). The opening view
 *    (`floor` OPEN_MIN_ZOOM) is the readable view when the whole flow needs less than its floor; after Automatic layout
 *    the whole flow (`floor` 0).
 */
import { getViewportForBounds, type Rect, type Viewport } from '@xyflow/react';

/** Block titles are still readable at 50 % (React Flow's own default minZoom). */
export const FIT_MIN_ZOOM = 0.5;
export const FIT_MAX_ZOOM = 1;
/**
 * A flow opened for the first time is shown whole down to this zoom (newcomer s39 N11: the template opened at 50 % from
 * its left edge, the left of the canvas empty and most of the flow off the right and bottom; only Fit View showed it).
 * The shape of the flow is what a first look needs; block titles come back with a zoom in or a click.
 */
export const OPEN_MIN_ZOOM = 0.15;
/** Below this canvas width the minimap is not drawn (it would take a third of the canvas or more). */
export const MINIMAP_MIN_WIDTH = 640;
const EDGE = 48;
/** The minimap's box (200 x 150 px at 15 px from the corner) and a gap. */
const MINIMAP_W = 236 - EDGE;
const MINIMAP_H = 198 - EDGE;

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

const px = (p: Padding) => ({ top: `${p.top}px` as const, right: `${p.right}px` as const, bottom: `${p.bottom}px` as const, left: `${p.left}px` as const });

/** The paddings that keep the minimap (when drawn) clear of every block, best first for this canvas and flow. */
function paddings(bounds: Rect, width: number, height: number, minimap: boolean, top = 0): Padding[] {
  const plain = { top: Math.max(EDGE, top), right: EDGE, bottom: EDGE, left: EDGE };
  if (!minimap) return [plain];
  const left = { ...plain, left: EDGE + MINIMAP_W };
  const bottom = { ...plain, bottom: EDGE + MINIMAP_H };
  const zoom = (p: Padding) => Math.min((width - p.left - p.right) / Math.max(1, bounds.width), (height - p.top - p.bottom) / Math.max(1, bounds.height));
  return zoom(bottom) > zoom(left) ? [bottom, left] : [left, bottom];
}

export interface FitInput {
  /** The flow's blocks and notes, in flow coordinates. */
  bounds: Rect;
  /** The canvas size in screen pixels. */
  width: number;
  height: number;
  /** Whether the minimap is drawn (bottom-left). */
  minimap: boolean;
  /** The viewport now: when it is already the readable view of a big flow, the whole flow is shown instead. */
  current?: Viewport;
  /** The Start block: a flow taller than the canvas is shown around it (where reading begins). */
  start?: Rect;
  /**
   * The smallest zoom the whole flow is shown at, else the readable view (OPEN_MIN_ZOOM for a flow's first view, 0 after
   * Automatic layout). Not given (Fit View): the whole flow first, the readable view when the view already is the whole.
   */
  floor?: number;
  /**
   * Session 46 (studio10, retest-studio s45 L2): room kept at the top, in screen pixels, for what is shown over the
   * canvas's top (the notice "... so it was laid out automatically. Undo ..." covered the laid-out flow's first row).
   * At least EDGE is kept anyway.
   */
  top?: number;
}

export interface FitResult {
  viewport: Viewport;
  /** 'all': the whole flow is in view; 'readable': the flow is bigger than the canvas at FIT_MIN_ZOOM. */
  shows: 'all' | 'readable';
}

export function fitFlowViewport({ bounds, width, height, minimap, current, start, floor, top }: FitInput): FitResult {
  const [best] = paddings(bounds, width, height, minimap, top);
  const all = getViewportForBounds(bounds, width, height, 0.01, FIT_MAX_ZOOM, px(best));
  if (all.zoom >= (floor ?? FIT_MIN_ZOOM) - 1e-6) return { viewport: all, shows: 'all' };
  const z = FIT_MIN_ZOOM;
  // The flow runs past the canvas, so the minimap is kept clear by the left padding: below it blocks go on
  // past the bottom edge, where bottom padding would not keep them from passing under the minimap.
  const pad = minimap ? { ...best, left: EDGE + MINIMAP_W, bottom: EDGE } : best;
  const usableH = height - pad.top - pad.bottom;
  const readable: Viewport = {
    x: pad.left - bounds.x * z,
    // Vertically centred in the room left by the padding; a flow taller than that room is centred on its Start block
    // (else shown from its top), never leaving empty space above its top or below its bottom.
    y:
      bounds.height * z <= usableH
        ? pad.top + (usableH - bounds.height * z) / 2 - bounds.y * z
        : start
          ? Math.min(pad.top - bounds.y * z, Math.max(pad.top + usableH - (bounds.y + bounds.height) * z, pad.top + usableH / 2 - (start.y + start.height / 2) * z))
          : pad.top - bounds.y * z,
    zoom: z,
  };
  // A given floor (the opening view): the readable view below it.
  if (floor !== undefined) return { viewport: readable, shows: 'readable' };
  // Fit View (newcomer s42 N2: at 1,024 x 700 beside the inspector it showed 3 of Northwind's 46 blocks, the readable
  // view, where a designer who asked to fit the view expects the whole flow): the whole flow first; pressed again on
  // that view, the readable one.
  const onAll = current && Math.abs(current.zoom - all.zoom) < 1e-3 && Math.abs(current.x - all.x) < 2 && Math.abs(current.y - all.y) < 2;
  return onAll ? { viewport: readable, shows: 'readable' } : { viewport: all, shows: 'all' };
}
