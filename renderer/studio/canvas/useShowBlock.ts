/**
 * Brings a block into view, the same way wherever the studio jumps to one (review debt s13: the palette and a click
 * used keepInView, while Problems, Find, the narrowed canvas and the simulator's follow each centred the block their
 * own way). The rule is `viewToShow` (keepInView.ts); this hook reads the block's place and size from the canvas.
 */
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { DEFAULT_BLOCK_SIZE } from './freeSpot';
import { viewToShow, type Rect } from './keepInView';

export interface ShowBlockOptions {
  /** The blocks leading to it, nearest first, kept in view when they fit (the palette's new block). */
  before?: Rect[];
  /** A block already whole on the canvas leaves the view where it is (a click, the narrowed canvas, the follow). */
  onlyIfCut?: boolean;
  /** Zoomed out below this, zoom in to it first (Problems, Find). */
  readableZoom?: number;
  /** When the view moves, the block goes to the canvas's middle (Problems, Find: newcomer s46 N17). */
  centre?: boolean;
  /** Room kept to the canvas's edges (default KEEP_MARGIN). */
  margin?: number;
  /** Its rectangle, for a block the canvas has not drawn yet (just added). */
  rect?: Rect;
  /** The canvas size when the caller knows it better (default: the canvas's own). */
  size?: { width: number; height: number };
  duration?: number;
  /**
   * Newcomer s41 N4: a block added at the canvas's bottom-left landed under the minimap (bottom-right: under the zoom
   * buttons). With this, the view also pans, the shortest way, so the block is clear of those overlays.
   */
  clearOverlays?: boolean;
  /**
   * Session 42 (studio3): only the overlays count (a block moved or pasted): the view pans only when the block is under
   * the minimap or the zoom buttons, not because it is near or past the canvas's edge (a drag pans the view itself).
   */
  overlaysOnly?: boolean;
  /**
   * With `clearOverlays`: the clear space kept between the block and the overlays (default OVERLAY_GAP, 8 px). Session 47
   * (studio15, retest-studio s46 L4): a block inserted on a connection just under the problem badge ended ~10 px below it
   * at the canvas's top edge; a block the studio places (a drop, an insert, the simulator's current block) gets PLACED_ROOM.
   */
  room?: number;
}

/** The clear space kept between a block and an overlay by default (a block moved or pasted: the smallest pan). */
export const OVERLAY_GAP = 8;
/**
 * Session 47 (studio15, retest-studio s46 L3, L4): the room a block the studio puts somewhere gets from the canvas's
 * overlays (the badge, the notice, the minimap, the zoom buttons), in screen pixels: comfortable, not touching.
 */
export const PLACED_ROOM = 32;

type Viewport = { x: number; y: number; zoom: number };

/** How far a block's connection handles reach past its box, left and right, in flow units (studio.css .bn-handle). */
export const HANDLE_REACH = 24;

/**
 * The viewport moved the least so `rect` (flow coordinates) is clear of `overlays` (rectangles in the canvas's own
 * pixels) and still inside the `width` x `height` canvas; null when it is clear already or no such move exists.
 */
export function viewClearOfOverlays(rect: Rect, view: Viewport, width: number, height: number, overlays: readonly Rect[], gap = OVERLAY_GAP): Viewport | null {
  let v = view;
  for (let round = 0; round < 3; round++) {
    // Session 43 (studio5, newcomer s42 N3): the block's handles stick out past its box (the exits' dots up to 21 px
    // right of it, the input's 11 px left): they count, or a block just clear of the zoom buttons had its exits under them.
    const reach = HANDLE_REACH * v.zoom;
    const b = { left: rect.x * v.zoom + v.x - reach, top: rect.y * v.zoom + v.y, right: (rect.x + rect.width) * v.zoom + v.x + reach, bottom: (rect.y + rect.height) * v.zoom + v.y };
    const hit = overlays.find((o) => o.width > 0 && b.left < o.x + o.width + gap && b.right > o.x - gap && b.top < o.y + o.height + gap && b.bottom > o.y - gap);
    if (!hit) return v === view ? null : v;
    const moves = [
      { dx: 0, dy: hit.y - gap - b.bottom },
      { dx: 0, dy: hit.y + hit.height + gap - b.top },
      { dx: hit.x + hit.width + gap - b.left, dy: 0 },
      { dx: hit.x - gap - b.right, dy: 0 },
    ]
      .filter((m) => b.left + m.dx >= 0 && b.right + m.dx <= width && b.top + m.dy >= 0 && b.bottom + m.dy <= height)
      .sort((p, q) => Math.abs(p.dx) + Math.abs(p.dy) - (Math.abs(q.dx) + Math.abs(q.dy)));
    if (!moves.length) return v === view ? null : v;
    v = { ...v, x: v.x + moves[0].dx, y: v.y + moves[0].dy };
  }
  return v;
}

/** The minimap's and the zoom buttons' rectangles, in the canvas's own pixels. */
interface Boxed {
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
}
type Queryable = Boxed & { querySelectorAll(selector: string): Iterable<Boxed>; closest?(selector: string): { querySelectorAll(selector: string): Iterable<Boxed> } | null };
/**
 * Session 46 (studio10, retest-studio s45 L1): what sits over the canvas's top (the problem badge and the notice,
 * Editor.tsx's .st-canvas-top, a sibling of React Flow's own element): a block inserted on a connection at the top of the
 * view stayed under "End inserted ... Undo". In the canvas's own pixels; none outside the studio's editor.
 */
export function canvasTopRects(dom: Queryable | null | undefined): Rect[] {
  const canvas = dom?.closest?.('.st-canvas');
  if (!dom || !canvas) return [];
  const c = dom.getBoundingClientRect();
  return [...canvas.querySelectorAll('.st-canvas-top > *')]
    .map((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.left - c.left, y: r.top - c.top, width: r.width, height: r.height };
    })
    .filter((r) => r.width > 0 && r.height > 0);
}
// Structural (not the DOM's Element): the unit tests compile this file without the DOM library.
/** The minimap, the zoom buttons and what covers the canvas's top (badge, notice), in the canvas's own pixels. */
export function overlayRects(dom: Queryable | null | undefined): Rect[] {
  if (!dom) return [];
  const c = dom.getBoundingClientRect();
  return [
    ...[...dom.querySelectorAll('.react-flow__minimap, .react-flow__controls')].map((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.left - c.left, y: r.top - c.top, width: r.width, height: r.height };
    }),
    ...canvasTopRects(dom),
  ];
}

/**
 * Newcomer s15 N#8 first part: the view a move is animating to, per canvas, until the animation ends. A second show
 * during the animation (the inspector opened by the first one narrows the canvas, and the selected block is checked
 * again) must judge from where the view is going, not from where it is mid-way: judged mid-way, the block looked whole,
 * nothing moved, and the first animation then put it where the inspector now is.
 */
const goingTo = new WeakMap<object, { viewport: { x: number; y: number; zoom: number }; until: number }>();

/** `show(id, options)`: true when the view moved. */
export function useShowBlock(): (id: string, options?: ShowBlockOptions) => boolean {
  const rf = useReactFlow();
  const flowStore = useStoreApi();
  return useCallback(
    (id: string, o: ShowBlockOptions = {}) => {
      const n = rf.getInternalNode(id);
      const rect =
        o.rect ??
        (n
          ? { x: n.internals.positionAbsolute.x, y: n.internals.positionAbsolute.y, width: n.measured?.width ?? DEFAULT_BLOCK_SIZE.width, height: n.measured?.height ?? DEFAULT_BLOCK_SIZE.height }
          : null);
      if (!rect) return false;
      const { width, height } = o.size ?? flowStore.getState();
      const pending = goingTo.get(flowStore);
      const from = pending && pending.until > Date.now() ? pending.viewport : rf.getViewport();
      let next = o.overlaysOnly ? null : viewToShow(rect, from, width, height, o);
      if (o.clearOverlays) next = viewClearOfOverlays(rect, next ?? from, width, height, overlayRects(flowStore.getState().domNode as unknown as Parameters<typeof overlayRects>[0]), o.room) ?? next;
      if (next) {
        const duration = o.duration ?? 200;
        goingTo.set(flowStore, { viewport: next, until: Date.now() + duration });
        void rf.setViewport(next, { duration });
      }
      return next !== null;
    },
    [rf, flowStore],
  );
}

/**
 * Session 42 (studio3, README "Not finished": a block moved or pasted under the minimap or the zoom buttons stayed hidden):
 * `clear(ids)`, once the canvas has drawn them (two frames), pans the view the shortest way so those blocks, taken as one
 * rectangle, are clear of the minimap and the zoom buttons; nothing when they are clear already, when they cannot all be
 * clear and on the canvas at once, or when a drag has started again meanwhile (the designer's own move wins).
 */
export function useClearOfOverlays(): (ids: readonly string[]) => void {
  const rf = useReactFlow();
  const flowStore = useStoreApi();
  const show = useShowBlock();
  return useCallback(
    (ids: readonly string[]) => {
      // Structural: the unit tests compile this file without the DOM library.
      const raf = (globalThis as { requestAnimationFrame?: (f: () => void) => unknown }).requestAnimationFrame;
      const later = typeof raf === 'function' ? (f: () => void) => void raf(f) : (f: () => void) => void setTimeout(f, 16);
      later(() =>
        later(() => {
          if (flowStore.getState().nodes.some((n) => n.dragging)) return;
          const rects = ids.flatMap((id) => {
            const n = rf.getInternalNode(id);
            if (!n) return [];
            return [{ x: n.internals.positionAbsolute.x, y: n.internals.positionAbsolute.y, width: n.measured?.width ?? DEFAULT_BLOCK_SIZE.width, height: n.measured?.height ?? DEFAULT_BLOCK_SIZE.height }];
          });
          if (rects.length === 0) return;
          const x = Math.min(...rects.map((r) => r.x));
          const y = Math.min(...rects.map((r) => r.y));
          const rect = { x, y, width: Math.max(...rects.map((r) => r.x + r.width)) - x, height: Math.max(...rects.map((r) => r.y + r.height)) - y };
          show(ids[0], { rect, clearOverlays: true, overlaysOnly: true });
        }),
      );
    },
    [rf, flowStore, show],
  );
}
