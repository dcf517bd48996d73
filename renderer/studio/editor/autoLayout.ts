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

/** From this many blocks the layout says it is working first (the Editor's notice). */
export const BIG_FLOW = 100;

export interface AutoLayoutOptions {
  /** The canvas's width / height: a layout far wider than tall is wrapped into rows of about this shape (wrapLongLayout). */
  aspectRatio?: number;
  /** elk layout options over ELK_OPTIONS (for comparing options: test/bench/layoutQuality.ts). */
  elkOptions?: Record<string, string>;
}

/** elk's layered options (session 46: see ELK_OPTIONS' note). */
export const ELK_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '60',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.edgeRouting': 'SPLINES',
  // Keep the order blocks and edges are given in (the conversation's) where crossings allow: model order breaks ties
  // only. Session 46 (layout, newcomer s46 N1): forcing it (forceNodeModelOrder) made the four sample flows' layouts
  // larger, with more crossings and more shared lanes (docs/history.md, Session 46 (layout), measured with
  // layoutMetrics.ts); layers 60 px apart instead of 80 shorten every connection and share fewer lanes.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'false',
};

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
    layoutOptions: { ...ELK_OPTIONS, ..._options.elkOptions },
    children: order.map((id) => ({ id, width: measured[id]?.width ?? 260, height: measured[id]?.height ?? 120 })),
    edges: flow.edges
      .filter((e) => e.from !== e.to)
      .sort((a, b) => rank(a) - rank(b))
      .map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  };
  const elk = await loadElk();
  const result = (await elk.layout(graph)) as ElkResult;
  const laid = (result.children ?? []).map((c) => ({ id: c.id, x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) }));
  const sizeOf = (id: string) => ({ width: measured[id]?.width ?? 260, height: measured[id]?.height ?? 120 });
  const moves = wrapLongLayout(laid, sizeOf, _options.aspectRatio ?? 1.6).map((c) => ({ id: c.id, position: { x: c.x, y: c.y } }));
  return { type: 'batch', label: 'Automatic layout', edits: [{ type: 'move_blocks', moves }] };
}

/** A layout more than this many times as wide as it is tall is wrapped into rows. */
export const WRAP_RATIO = 8;
/** At least this many layers before wrapping (a short chain stays one row). */
export const WRAP_MIN_LAYERS = 12;
/** Space between two rows of a wrapped layout. */
export const ROW_GAP = 120;

/**
 * Session 43 (studio6, newcomer s43 N2): a 302-block chain was laid out in ONE row about 100,000 px wide; fitted, its
 * blocks were 2 px and the canvas looked empty. A layout far wider than tall (more than WRAP_RATIO times, with at least
 * WRAP_MIN_LAYERS layers: long chains and chain-like flows; Northwind, 1.7:1, and Skyline Air, 5:1, are untouched) is
 * cut into rows of whole layers, read like lines of text: left to right, then the next row below, starting at the left
 * again (not a snake: every row reads the conversation's way). The number of layers per row makes the whole about
 * `aspect` (the canvas's width / height). Pure.
 */
export function wrapLongLayout<T extends { id: string; x: number; y: number }>(laid: T[], sizeOf: (id: string) => { width: number; height: number }, aspect: number): T[] {
  if (laid.length === 0) return laid;
  const left = Math.min(...laid.map((c) => c.x));
  const right = Math.max(...laid.map((c) => c.x + sizeOf(c.id).width));
  const top = Math.min(...laid.map((c) => c.y));
  const bottom = Math.max(...laid.map((c) => c.y + sizeOf(c.id).height));
  const width = right - left;
  const height = bottom - top;
  // Layers: elk's layered algorithm gives every block of a layer one x (the layer's left edge).
  const xs = [...new Set(laid.map((c) => c.x))].sort((a, b) => a - b);
  if (xs.length < WRAP_MIN_LAYERS || width <= WRAP_RATIO * height) return laid;
  const pitch = width / xs.length;
  const rowHeight = height + ROW_GAP;
  // k layers a row: k * pitch wide, ceil(n / k) rows of rowHeight; k * pitch / (n / k * rowHeight) = aspect.
  const perRow = Math.max(2, Math.min(xs.length, Math.round(Math.sqrt((Math.max(aspect, 0.5) * xs.length * rowHeight) / pitch))));
  const layerOf = new Map(xs.map((x, i) => [x, i]));
  return laid.map((c) => {
    const layer = layerOf.get(c.x)!;
    const row = Math.floor(layer / perRow);
    const rowLeft = xs[row * perRow];
    return { ...c, x: c.x - rowLeft + left, y: c.y + row * rowHeight };
  });
}
