/**
 * Automatic layout with elkjs (layered, left to right: the way a conversation reads). Returns one
 * `move_blocks` edit wrapped in a batch, so the whole layout is a single undo step.
 */
import type { FlowEdit } from '../../../shared/flow/edit/types';
import type { Flow } from '../../../shared/flow/schema';
import type { Size } from '../store/studioStore';

/** elkjs is about 1.5 MB: loaded on first use so it costs nothing when the studio opens. */
let elkPromise: Promise<{ layout(graph: unknown): Promise<unknown> }> | null = null;
function loadElk() {
  elkPromise ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  return elkPromise;
}

export interface AutoLayoutOptions {
  /**
   * Width / height of the canvas the flow is shown in. When the one-row layout is much wider than that (a long
   * chain laid out at 25 % zoom to fit), the layers are wrapped into rows (elk's layered wrapping) so that Fit
   * View shows the flow at a readable zoom.
   */
  aspectRatio?: number;
}

type ElkResult = { width?: number; height?: number; children?: { id: string; x?: number; y?: number }[] };

export async function autoLayoutEdit(flow: Flow, measured: Record<string, Size>, options: AutoLayoutOptions = {}): Promise<FlowEdit | null> {
  if (flow.blocks.length === 0) return null;
  const layoutOptions: Record<string, string> = {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.spacing.nodeNode': '40',
    'elk.layered.spacing.nodeNodeBetweenLayers': '80',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.edgeRouting': 'SPLINES',
  };
  const graph = (extra: Record<string, string> = {}) => ({
    id: 'root',
    layoutOptions: { ...layoutOptions, ...extra },
    children: flow.blocks.map((b) => ({ id: b.id, width: measured[b.id]?.width ?? 260, height: measured[b.id]?.height ?? 120 })),
    edges: flow.edges
      .filter((e) => e.from !== e.to)
      .map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  });
  const elk = await loadElk();
  let result = (await elk.layout(graph())) as ElkResult;
  const ratio = options.aspectRatio;
  if (ratio && ratio > 0 && result.width && result.height && result.width / result.height > 2 * ratio) {
    result = (await elk.layout(graph({ 'elk.layered.wrapping.strategy': 'MULTI_EDGE', 'elk.aspectRatio': String(ratio) }))) as ElkResult;
  }
  const moves = (result.children ?? []).map((c) => ({ id: c.id, position: { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) } }));
  return { type: 'batch', label: 'Automatic layout', edits: [{ type: 'move_blocks', moves }] };
}
