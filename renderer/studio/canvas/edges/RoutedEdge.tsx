import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { BaseEdge, getBezierPath, useStore, useStoreApi, type EdgeProps, type EdgeTypes, type ReactFlowState } from '@xyflow/react';
import { backRoute, isBackward, roundedPath, type Box, type Point } from './edgeRoute';
import { bezierCrosses, orthoRoute, polylineCrossings } from './orthoRoute';
import { laneRegistryOf } from './laneRegistry';
import { boxIndexOf, watchMoves } from './reroute';

/**
 * The studio's one edge type.
 * - A connection to a block on the right is React Flow's bezier while that curve crosses no block; else it runs
 *   around the blocks in straight runs with rounded corners (orthoRoute.ts; newcomer s41 N10).
 * - A connection to a block behind its source (above-left, left, below-left, or the block itself) goes around both
 *   blocks (edgeRoute.ts; newcomer s39 N4) and other blocks near them; when that lane route still meets a block, the
 *   graph route of orthoRoute.ts is taken if it meets fewer.
 * A connection is drawn again when its ends move, and when a block is moved across it (reroute.ts, announced by the
 * canvas once a move is committed: at the end of a drag).
 */
function RoutedEdgeImpl(props: EdgeProps) {
  if (isBackward({ x: props.sourceX, y: props.sourceY }, { x: props.targetX, y: props.targetY })) return <BackEdge {...props} />;
  return <ForwardEdge {...props} />;
}

/** Redrawn when a block is moved across the connection (see reroute.ts); the counter is a memo key. */
function useMovesSeen(extent: { current: Box | null }): number {
  const store = useStoreApi();
  const [version, setVersion] = useState(0);
  useEffect(() => watchMoves(store, { extent: () => extent.current, redraw: () => setVersion((v) => v + 1) }), [store, extent]);
  return version;
}

/** Only the two ends are read (no block boxes): a forward connection costs what it did unless its curve meets a block. */
function ForwardEdge(props: EdgeProps) {
  const { sourceX, sourceY, targetX, targetY } = props;
  const store = useStoreApi();
  const extent = useRef<Box | null>(null);
  const version = useMovesSeen(extent);
  const route = useMemo(() => {
    void version;
    const s = { x: sourceX, y: sourceY };
    const t = { x: targetX, y: targetY };
    const index = boxIndexOf(store.getState());
    return bezierCrosses(s, t, index) ? orthoRoute(s, t, index) : null;
  }, [sourceX, sourceY, targetX, targetY, store, version]);
  extent.current = route ? extentOf(route) : extentOf([{ x: sourceX, y: sourceY }, { x: targetX, y: targetY }]);
  if (!route) {
    const [path] = getBezierPath({ sourceX, sourceY, sourcePosition: props.sourcePosition, targetX, targetY, targetPosition: props.targetPosition });
    return <BaseEdge path={path} style={props.style} markerEnd={props.markerEnd} markerStart={props.markerStart} interactionWidth={props.interactionWidth} />;
  }
  return <Routed {...props} points={route} />;
}

function BackEdge(props: EdgeProps) {
  const { sourceX, sourceY, targetX, targetY, source, target } = props;
  const store = useStoreApi();
  const from = useBoxKey(source);
  const to = useBoxKey(target);
  const extent = useRef<Box | null>(null);
  const version = useMovesSeen(extent);
  const points = useMemo(() => {
    void version;
    const s = { x: sourceX, y: sourceY };
    const t = { x: targetX, y: targetY };
    const index = boxIndexOf(store.getState());
    const a = boxOf(from) ?? { x: s.x, y: s.y, width: 0, height: 0 };
    const b = boxOf(to) ?? { x: t.x, y: t.y, width: 0, height: 0 };
    // The other blocks (and notes) near these two; group frames are not obstacles.
    const others = index
      .query(Math.min(a.x, b.x) - NEAR, Math.min(a.y, b.y) - NEAR, Math.max(a.x + a.width, b.x + b.width) + NEAR, Math.max(a.y + a.height, b.y + b.height) + NEAR)
      .filter((o) => !same(o, a) && !same(o, b));
    const lanes = backRoute(s, t, a, b, others);
    const crossed = polylineCrossings(lanes, index);
    if (crossed === 0) return lanes;
    const route = orthoRoute(s, t, index);
    return route && polylineCrossings(route, index) < crossed ? route : lanes;
  }, [sourceX, sourceY, targetX, targetY, from, to, store, version]);
  extent.current = extentOf(points);
  return <Routed {...props} points={points} />;
}

/**
 * A connection drawn as straight runs: its runs that share a lane with other connections' are spread apart (session 47,
 * studio15: laneRegistry.ts / laneNudge.ts); until that is worked out, and for a route with nothing to spread, as routed.
 */
function Routed(props: EdgeProps & { points: Point[] }) {
  const store = useStoreApi();
  const lanes = useMemo(() => laneRegistryOf(store, () => boxIndexOf(store.getState())), [store]);
  const { id, points: raw } = props;
  useLayoutEffect(() => lanes.set(id, raw), [lanes, id, raw]);
  useEffect(() => () => lanes.set(id, null), [lanes, id]);
  const subscribe = useCallback((listener: () => void) => lanes.subscribe(id, listener), [lanes, id]);
  const spread = useSyncExternalStore(subscribe, () => lanes.get(id));
  const points = spread ?? raw;
  const path = useMemo(() => roundedPath(points).path, [points]);
  return <BaseEdge path={path} style={props.style} markerEnd={props.markerEnd} markerStart={props.markerStart} interactionWidth={props.interactionWidth} className="bt-edge-routed" />;
}

/** How far around its two blocks a lane route looks for other blocks in its way (flow units). */
const NEAR = 800;

function same(a: Box, b: Box): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

function extentOf(points: readonly Point[]): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    if (p.x < minX) minX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.x > maxX) maxX = p.x;
    if (p.y > maxY) maxY = p.y;
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * A block's box as "x,y,width,height": a string, so the edge draws again only when that block moved or changed size
 * (useInternalNode returns a new object on any change of the node, its selection included).
 */
function useBoxKey(id: string): string {
  return useStore(
    useCallback((s: ReactFlowState) => {
      const n = s.nodeLookup.get(id);
      return n ? `${n.internals.positionAbsolute.x},${n.internals.positionAbsolute.y},${n.measured.width ?? 0},${n.measured.height ?? 0}` : '';
    }, [id]),
  );
}

function boxOf(key: string): Box | null {
  if (!key) return null;
  const [x, y, width, height] = key.split(',').map(Number);
  return { x, y, width, height };
}

export const RoutedEdge = memo(RoutedEdgeImpl);

/** Declared once at module scope (React Flow re-mounts every edge when `edgeTypes` changes identity). */
export const edgeTypes: EdgeTypes = { routed: RoutedEdge };
