/**
 * What the simulator draws on the canvas without owning it: a stylesheet that highlights the path taken so
 * far and the current block (React Flow marks every node and edge with `data-id`), traversal counts as badges
 * on blocks (CSS `::after`), and edge counts as labels in React Flow's viewport portal (flow coordinates, so
 * they pan and zoom with the canvas). Must be rendered inside the canvas's ReactFlowProvider.
 */
import { ViewportPortal, useNodes, useStore } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useStudioStore } from '../store/StudioStoreContext';
import type { Flow } from '../../../shared/flow/schema';
import { PLACED_ROOM, useShowBlock } from '../canvas/useShowBlock';

export interface CanvasOverlayProps {
  flow: Flow;
  path: readonly string[];
  currentBlockId: string | null;
  /** Batch traversal counts (shown when set). */
  blockCounts?: Record<string, number> | null;
  edgeCounts?: Record<string, number> | null;
  /** How much to enlarge rings and badges so they stay readable when the canvas is zoomed out (1 = as is). */
  scale?: number;
  /** Pan the canvas (zoom kept) to the current block when it is out of view. */
  follow?: boolean;
}

/** A CSS string literal for an attribute selector. */
export function cssString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\a ')}"`;
}

/** Edges taken along `path` (consecutive visited blocks joined by an edge of the flow). */
export function pathEdges(flow: Flow, path: readonly string[]): string[] {
  const out = new Set<string>();
  for (let i = 1; i < path.length; i++) {
    const e = flow.edges.find((x) => x.from === path[i - 1] && x.to === path[i]);
    if (e) out.add(e.id);
  }
  return [...out];
}

export function overlayCss(p: CanvasOverlayProps): string {
  const rules: string[] = [];
  const k = p.scale ?? 1;
  const px = (n: number) => `${Math.round(n * k * 10) / 10}px`;
  const visited = [...new Set(p.path)];
  if (visited.length) {
    rules.push(`${visited.map((id) => `.react-flow__node[data-id=${cssString(id)}] .bn`).join(',\n')} { box-shadow: 0 0 0 ${px(2)} var(--sim-path, #a5b4fc); }`);
  }
  const edges = pathEdges(p.flow, p.path);
  if (edges.length) {
    rules.push(`${edges.map((id) => `.react-flow__edge[data-id=${cssString(id)}] .react-flow__edge-path`).join(',\n')} { stroke: var(--bt-accent, #4f46e5); stroke-width: ${px(2.5)}; }`);
  }
  if (p.currentBlockId) {
    rules.push(`.react-flow__node[data-id=${cssString(p.currentBlockId)}] .bn { box-shadow: 0 0 0 ${px(3)} var(--bt-accent, #4f46e5), 0 0 0 ${px(8)} rgba(79, 70, 229, 0.18); }`);
  }
  if (p.blockCounts) {
    for (const [id, n] of Object.entries(p.blockCounts)) {
      rules.push(
        `.react-flow__node[data-id=${cssString(id)}]::after { content: ${cssString(`× ${n.toLocaleString('en-US')}`)}; position: absolute; top: ${px(-10)}; right: ${px(-8)}; background: #0f766e; color: #fff; font: 600 ${px(11)}/1 var(--bt-font, sans-serif); padding: ${px(3)} ${px(6)}; border-radius: 999px; pointer-events: none; z-index: 5; }`,
      );
    }
  }
  return rules.join('\n');
}

export function CanvasOverlay(props: CanvasOverlayProps) {
  const zoom = useStore((s) => s.transform[2]);
  // Zoomed out, rings and badges grow so they stay readable (at most 3x).
  const scale = Math.min(3, Math.max(1, 1 / (zoom || 1)));
  useFollow(props.follow ? props.currentBlockId : null);
  return (
    <>
      <style data-testid="sim-canvas-style">{overlayCss({ ...props, scale })}</style>
      {props.edgeCounts && <EdgeCounts flow={props.flow} counts={props.edgeCounts} scale={scale} />}
    </>
  );
}

function EdgeCounts({ flow, counts, scale }: { flow: Flow; counts: Record<string, number>; scale: number }) {
  const nodes = useNodes();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return (
    <ViewportPortal>
      {flow.edges.map((e) => {
        const n = counts[e.id];
        const a = byId.get(e.from);
        const b = byId.get(e.to);
        if (!n || !a || !b) return null;
        const aw = a.measured?.width ?? 240;
        const ah = a.measured?.height ?? 80;
        const bh = b.measured?.height ?? 80;
        const x = (a.position.x + aw + b.position.x) / 2;
        const y = (a.position.y + ah / 2 + b.position.y + bh / 2) / 2;
        return (
          <div key={e.id} className="sim-edge-count" data-edge={e.id} title={`${n.toLocaleString('en-US')} conversation${n === 1 ? '' : 's'} took this connection`} style={{ transform: `translate(${x}px, ${y}px) scale(${scale}) translate(-50%, -50%)`, transformOrigin: '0 0', position: 'absolute' }}>
            {n.toLocaleString('en-US')}
          </div>
        );
      })}
    </ViewportPortal>
  );
}

/**
 * Keeps the block the conversation stands at in view: pans (zoom unchanged) only when it is outside the canvas.
 * Checked again when the canvas changes size (opening the simulator narrows it: the block must not end up under
 * a side panel).
 */
function useFollow(blockId: string | null) {
  const showBlock = useShowBlock();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const store = useStudioStore();
  const followed = useRef<string | null>(null);
  useEffect(() => {
    if (!blockId || width === 0 || height === 0) return;
    const moved = followed.current !== blockId;
    followed.current = blockId;
    // Newcomer s15 N#8 first part: a block the designer selected (a bubble's Show block, which opens the inspector and so
    // narrows the canvas) is kept in view by the canvas itself; on that resize the follow must not pan back to the
    // conversation's block. It follows again when the conversation moves on.
    if (!moved && store.getState().selection.length > 0) return;
    // Session 47 (studio15, retest-studio s46 L3): the current block could sit under the zoom buttons (or the minimap, the
    // badge) while whole on the canvas: the same pan as a drop's takes it clear, with room.
    showBlock(blockId, { onlyIfCut: true, size: { width, height }, duration: 300, clearOverlays: true, room: PLACED_ROOM });
  }, [blockId, showBlock, width, height, store]);
}
