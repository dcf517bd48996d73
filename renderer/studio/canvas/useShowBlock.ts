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
  /** Room kept to the canvas's edges (default KEEP_MARGIN). */
  margin?: number;
  /** Its rectangle, for a block the canvas has not drawn yet (just added). */
  rect?: Rect;
  /** The canvas size when the caller knows it better (default: the canvas's own). */
  size?: { width: number; height: number };
  duration?: number;
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
      const next = viewToShow(rect, from, width, height, o);
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
