/**
 * Which blocks the canvas's connections must go around, and telling a connection that a block moved across it.
 *
 * - `boxIndexOf(state)`: every block's and sticky note's box (group frames are not obstacles: connections go in and out
 *   of them) in a BoxIndex, built once per nodes array of the React Flow store and shared by every connection.
 * - `watchMoves` / `announceMoves`: a connection is drawn again when its own ends move; a block moved (dragged, arrow
 *   keys, layout, undo, a block that grew) across a connection between other blocks is announced by the canvas once the
 *   move is committed, and only the connections whose drawing meets the block's old or new box draw again.
 */
import type { ReactFlowState } from '@xyflow/react';
import type { Box } from './edgeRoute';
import { BoxIndex } from './orthoRoute';

const indexes = new WeakMap<object, BoxIndex>();

export function boxIndexOf(state: Pick<ReactFlowState, 'nodes' | 'nodeLookup'>): BoxIndex {
  const known = indexes.get(state.nodes);
  if (known) return known;
  const boxes: Box[] = [];
  for (const n of state.nodeLookup.values()) {
    if (n.type === 'group' || n.hidden) continue;
    const w = n.measured.width ?? 0;
    const h = n.measured.height ?? 0;
    if (w === 0 || h === 0) continue;
    boxes.push({ x: n.internals.positionAbsolute.x, y: n.internals.positionAbsolute.y, width: w, height: h });
  }
  const index = new BoxIndex(boxes);
  indexes.set(state.nodes, index);
  return index;
}

export interface MoveWatcher {
  /** The connection's drawn extent now (flow units), null before it is drawn. */
  extent(): Box | null;
  redraw(): void;
}

const watchers = new WeakMap<object, Set<MoveWatcher>>();

/**
 * One canvas's key: React Flow's useStoreApi() gives each component its own wrapper object around the same store, so
 * the key is the store's node lookup (one Map per canvas, kept for the canvas's life).
 */
export type CanvasStore = { getState(): { nodeLookup: object } };

/** Registers a connection drawn on the canvas of `store`; returns the unregistration. */
export function watchMoves(store: CanvasStore, w: MoveWatcher): () => void {
  const key = store.getState().nodeLookup;
  let set = watchers.get(key);
  if (!set) watchers.set(key, (set = new Set()));
  set.add(w);
  return () => set.delete(w);
}

/** Boxes that changed (old and new places), or 'all': the connections meeting any of them draw again. */
export function announceMoves(store: CanvasStore, boxes: readonly Box[] | 'all'): number {
  const set = watchers.get(store.getState().nodeLookup);
  if (!set) return 0;
  let n = 0;
  for (const w of set) {
    const e = w.extent();
    if (!e) continue;
    if (boxes === 'all' || boxes.some((b) => b.x <= e.x + e.width && b.x + b.width >= e.x && b.y <= e.y + e.height && b.y + b.height >= e.y)) {
      w.redraw();
      n++;
    }
  }
  return n;
}
