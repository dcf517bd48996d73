import { memo, useCallback, useMemo } from 'react';
import { BaseEdge, getBezierPath, useStore, useStoreApi, type EdgeProps, type EdgeTypes, type ReactFlowState } from '@xyflow/react';
import { backRoute, isBackward, roundedPath, type Box } from './edgeRoute';

/**
 * The studio's one edge type. A connection to a block on the right is React Flow's bezier, as before. A connection to a
 * block behind its source (above-left, left, below-left, or the block itself) goes around both blocks
 * (edgeRoute.ts; newcomer s39 N4), and around other blocks near them. Only those read the blocks' boxes, so a
 * forward edge costs what it did.
 */
function RoutedEdgeImpl(props: EdgeProps) {
  const { sourceX, sourceY, targetX, targetY } = props;
  if (isBackward({ x: sourceX, y: sourceY }, { x: targetX, y: targetY })) return <BackEdge {...props} />;
  const [path] = getBezierPath({ sourceX, sourceY, sourcePosition: props.sourcePosition, targetX, targetY, targetPosition: props.targetPosition });
  return <BaseEdge path={path} style={props.style} markerEnd={props.markerEnd} markerStart={props.markerStart} interactionWidth={props.interactionWidth} />;
}

/** How far around its two blocks a routed connection looks for other blocks in its way (flow units). */
const NEAR = 800;

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

function BackEdge(props: EdgeProps) {
  const from = useBoxKey(props.source);
  const to = useBoxKey(props.target);
  const store = useStoreApi();
  const { sourceX, sourceY, targetX, targetY, source, target } = props;
  const path = useMemo(() => {
    const s = { x: sourceX, y: sourceY };
    const t = { x: targetX, y: targetY };
    const a = boxOf(from) ?? { x: s.x, y: s.y, width: 0, height: 0 };
    const b = boxOf(to) ?? { x: t.x, y: t.y, width: 0, height: 0 };
    // The other blocks near these two, read when this connection is drawn (its ends moved or changed); a block dragged
    // across it later is seen at its next draw. Notes and group frames are not avoided.
    const minX = Math.min(a.x, b.x) - NEAR;
    const maxX = Math.max(a.x + a.width, b.x + b.width) + NEAR;
    const minY = Math.min(a.y, b.y) - NEAR;
    const maxY = Math.max(a.y + a.height, b.y + b.height) + NEAR;
    const others: Box[] = [];
    for (const n of store.getState().nodeLookup.values()) {
      if (n.id === source || n.id === target || n.type === 'group' || n.type === 'note' || n.hidden) continue;
      const p = n.internals.positionAbsolute;
      const w = n.measured.width ?? 0;
      const h = n.measured.height ?? 0;
      if (p.x > maxX || p.x + w < minX || p.y > maxY || p.y + h < minY || w === 0) continue;
      others.push({ x: p.x, y: p.y, width: w, height: h });
    }
    return roundedPath(backRoute(s, t, a, b, others)).path;
  }, [sourceX, sourceY, targetX, targetY, source, target, from, to, store]);
  return <BaseEdge path={path} style={props.style} markerEnd={props.markerEnd} markerStart={props.markerStart} interactionWidth={props.interactionWidth} className="bt-edge-routed" />;
}

export const RoutedEdge = memo(RoutedEdgeImpl);

/** Declared once at module scope (React Flow re-mounts every edge when `edgeTypes` changes identity). */
export const edgeTypes: EdgeTypes = { routed: RoutedEdge };
