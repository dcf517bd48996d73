/**
 * Automatic layout with elkjs (layered, left to right: the way a conversation reads). Returns one
 * `move_blocks` edit wrapped in a batch, so the whole layout is a single undo step.
 *
 * Session 6 (newcomer s6 #11): no more wrapping of long layers into rows. It folded a straight 8-block flow and the
 * 34-block template into zig-zags whose edges ran backwards across the canvas; Fit View now shows a flow too wide
 * for the canvas at a readable 50 % from its left edge instead (canvas/fitFlow.ts). Blocks are given to elk in the
 * order a conversation meets them (from Start, each block's exits in their order: a Buttons block's options top to
 * bottom) and elk keeps that order within a layer, so option targets are stacked like the options.
 */
import type { FlowEdit } from '../../../shared/flow/edit/types';
import type { Flow } from '../../../shared/flow/schema';
import { exitLabels } from '../blockCatalog';
import type { Size } from '../store/studioStore';

/** elkjs is about 1.5 MB: loaded on first use so it costs nothing when the studio opens. */
let elkPromise: Promise<{ layout(graph: unknown): Promise<unknown> }> | null = null;
function loadElk() {
  elkPromise ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  return elkPromise;
}

export interface AutoLayoutOptions {
  /** Kept for callers; the layout no longer wraps to the canvas's shape (see above). */
  aspectRatio?: number;
}

type ElkResult = { width?: number; height?: number; children?: { id: string; x?: number; y?: number }[] };

/** Block ids in the order a conversation meets them: depth first from the entry blocks, exits in their order. */
function conversationOrder(flow: Flow): { blocks: string[]; exitRank: Map<string, number> } {
  const exitRank = new Map<string, number>();
  const outgoing = new Map<string, string[]>();
  for (const b of flow.blocks) {
    const exits = exitLabels(b).map((e) => e.exit);
    exits.forEach((exit, i) => exitRank.set(`${b.id}\u0000${exit}`, i));
    const edges = flow.edges.filter((e) => e.from === b.id).sort((x, y) => (exitRank.get(`${b.id}\u0000${x.exit}`) ?? 99) - (exitRank.get(`${b.id}\u0000${y.exit}`) ?? 99));
    outgoing.set(b.id, edges.map((e) => e.to));
  }
  const seen = new Set<string>();
  const order: string[] = [];
  const visit = (id: string) => {
    const stack = [id];
    while (stack.length) {
      const at = stack.pop()!;
      if (seen.has(at)) continue;
      seen.add(at);
      order.push(at);
      stack.push(...[...(outgoing.get(at) ?? [])].reverse());
    }
  };
  for (const b of flow.blocks) if (b.kind === 'start') visit(b.id);
  for (const b of flow.blocks) visit(b.id);
  return { blocks: order, exitRank };
}

export async function autoLayoutEdit(flow: Flow, measured: Record<string, Size>, _options: AutoLayoutOptions = {}): Promise<FlowEdit | null> {
  if (flow.blocks.length === 0) return null;
  const { blocks: order, exitRank } = conversationOrder(flow);
  const index = new Map(order.map((id, i) => [id, i]));
  const rank = (e: Flow['edges'][number]) => (index.get(e.from) ?? 0) * 1000 + (exitRank.get(`${e.from}\u0000${e.exit}`) ?? 999);
  const graph = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.edgeRouting': 'SPLINES',
      // Keep the order blocks and edges are given in (the conversation's) where crossings allow.
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
    },
    children: order.map((id) => ({ id, width: measured[id]?.width ?? 260, height: measured[id]?.height ?? 120 })),
    edges: flow.edges
      .filter((e) => e.from !== e.to)
      .sort((a, b) => rank(a) - rank(b))
      .map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  };
  const elk = await loadElk();
  const result = (await elk.layout(graph)) as ElkResult;
  const moves = (result.children ?? []).map((c) => ({ id: c.id, position: { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) } }));
  return { type: 'batch', label: 'Automatic layout', edits: [{ type: 'move_blocks', moves }] };
}
