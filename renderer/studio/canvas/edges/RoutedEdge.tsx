import { memo } from 'react';
import { BaseEdge, getBezierPath, useInternalNode, useStoreApi, type EdgeProps, type EdgeTypes, type InternalNode } from '@xyflow/react';
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

const boxOf = (n: InternalNode): Box => ({ x: n.internals.positionAbsolute.x, y: n.internals.positionAbsolute.y, width: n.measured.width ?? 0, height: n.measured.height ?? 0 });

function BackEdge(props: EdgeProps) {
  const from = useInternalNode(props.source);
  const to = useInternalNode(props.target);
  const store = useStoreApi();
  const s = { x: props.sourceX, y: props.sourceY };
  const t = { x: props.targetX, y: props.targetY };
  const a = from ? boxOf(from) : { x: s.x, y: s.y, width: 0, height: 0 };
  const b = to ? boxOf(to) : { x: t.x, y: t.y, width: 0, height: 0 };
  // The other blocks near these two, read when this connection is drawn (its ends moved or changed); a block dragged
  // across it later is seen at its next draw. Notes and group frames are not avoided.
  const minX = Math.min(a.x, b.x) - NEAR;
  const maxX = Math.max(a.x + a.width, b.x + b.width) + NEAR;
  const minY = Math.min(a.y, b.y) - NEAR;
  const maxY = Math.max(a.y + a.height, b.y + b.height) + NEAR;
  const others: Box[] = [];
  for (const n of store.getState().nodeLookup.values()) {
    if (n.id === props.source || n.id === props.target || n.type === 'group' || n.type === 'note' || n.hidden) continue;
    const p = n.internals.positionAbsolute;
    const w = n.measured.width ?? 0;
    const h = n.measured.height ?? 0;
    if (p.x > maxX || p.x + w < minX || p.y > maxY || p.y + h < minY || w === 0) continue;
    others.push({ x: p.x, y: p.y, width: w, height: h });
  }
  const { path } = roundedPath(backRoute(s, t, a, b, others));
  return <BaseEdge path={path} style={props.style} markerEnd={props.markerEnd} markerStart={props.markerStart} interactionWidth={props.interactionWidth} className="bt-edge-routed" />;
}

export const RoutedEdge = memo(RoutedEdgeImpl);

/** Declared once at module scope (React Flow re-mounts every edge when `edgeTypes` changes identity). */
export const edgeTypes: EdgeTypes = { routed: RoutedEdge };
