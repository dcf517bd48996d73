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
  /** Its rectangle, for a block the canvas has not drawn yet (just added). */
  rect?: Rect;
  /** The canvas size when the caller knows it better (default: the canvas's own). */
  size?: { width: number; height: number };
  duration?: number;
}

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
      const next = viewToShow(rect, rf.getViewport(), width, height, o);
      if (next) void rf.setViewport(next, { duration: o.duration ?? 200 });
      return next !== null;
    },
    [rf, flowStore],
  );
}
