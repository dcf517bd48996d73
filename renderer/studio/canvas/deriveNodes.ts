/**
 * React Flow nodes and edges DERIVED from the flow document, never stored beside it.
 *
 * Performance decisions (see xyflow's own notes on controlled flows):
 * - Each node object is cached per block and reused as long as its inputs are the same objects: the block
 *   (immer keeps unchanged blocks identical across edits), its selection flag, its drag position, its
 *   measured size and its problem summary. React Flow skips nodes whose object did not change, and our
 *   node components are memoised, so changing one block re-renders that block only.
 * - When nothing changed at all the previous array is returned, so React Flow does no work.
 * - `measured` is carried into every node so a re-derived node keeps its size and is not hidden and
 *   measured again (which a drag would otherwise trigger on every frame).
 */
import type { Edge as RFEdge, Node as RFNode } from '@xyflow/react';
import type { FlowProblem } from '../../../shared/flow/flowProblem';
import type { XY } from '../../../shared/flow/edit/types';
import type { Block, Flow } from '../../../shared/flow/schema';
import type { Size } from '../store/studioStore';

export interface ProblemSummary {
  errors: number;
  warnings: number;
  /** First messages, for the badge's tooltip. */
  messages: string[];
}

export interface BlockNodeData extends Record<string, unknown> {
  block: Block;
  problems: ProblemSummary | null;
}

export interface NoteNodeData extends Record<string, unknown> {
  note: StickyNoteLike;
}

export interface StickyNoteLike {
  id: string;
  text: string;
  position: XY;
  size?: Size;
  color: string;
}

export interface GroupNodeData extends Record<string, unknown> {
  group: { id: string; title: string; color: string; blockIds: string[] };
}

export type BlockFlowNode = RFNode<BlockNodeData>;
export type FlowNode = RFNode<BlockNodeData | NoteNodeData | GroupNodeData>;

/** Default block size before React Flow has measured it. */
export const DEFAULT_BLOCK_SIZE: Size = { width: 224, height: 110 };
const GROUP_PAD = 20;
const GROUP_TITLE = 30;

/**
 * A group's frame: the bounding box of its blocks (at their drag positions when given) plus padding and a
 * title bar. Null when none of its blocks exists.
 */
export function groupFrame(flow: Flow, group: { blockIds: string[] }, drag: Record<string, XY>, measured: Record<string, Size>): { x: number; y: number; width: number; height: number } | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const ids = new Set(group.blockIds);
  for (const b of flow.blocks) {
    if (!ids.has(b.id)) continue;
    const p = drag[b.id] ?? b.position ?? { x: 0, y: 0 };
    const size = measured[b.id] ?? DEFAULT_BLOCK_SIZE;
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + size.width);
    maxY = Math.max(maxY, p.y + size.height);
  }
  if (minX === Infinity) return null;
  return { x: minX - GROUP_PAD, y: minY - GROUP_PAD - GROUP_TITLE, width: maxX - minX + 2 * GROUP_PAD, height: maxY - minY + 2 * GROUP_PAD + GROUP_TITLE };
}

interface CachedNode {
  source: unknown;
  selected: boolean;
  drag: XY | undefined;
  size: Size | undefined;
  problems: ProblemSummary | null;
  node: FlowNode;
}

/** Where blocks without a saved position (layout stripped on export) are placed: a simple grid. */
export function fallbackPosition(index: number): XY {
  return { x: (index % 8) * 320, y: Math.floor(index / 8) * 220 };
}

export interface NodeInputs {
  flow: Flow;
  selection: readonly string[];
  drag: Record<string, XY>;
  measured: Record<string, Size>;
  problems: Map<string, ProblemSummary>;
}

export function createNodeDeriver() {
  const cache = new Map<string, CachedNode>();
  const groupKeys = new Map<string, { key: string; group: unknown; source: unknown }>();
  let last: FlowNode[] = [];

  return function deriveNodes({ flow, selection, drag, measured, problems }: NodeInputs): FlowNode[] {
    const selected = new Set(selection);
    const next: FlowNode[] = [];
    let changed = false;
    const seen = new Set<string>();

    const put = (id: string, source: unknown, make: (sel: boolean, pos: XY | undefined, size: Size | undefined) => FlowNode, p: ProblemSummary | null, frame = false) => {
      const sel = selected.has(id);
      const d = frame ? undefined : drag[id];
      const size = frame ? undefined : measured[id];
      const hit = cache.get(id);
      let node: FlowNode;
      if (hit && hit.source === source && hit.selected === sel && hit.drag === d && hit.size === size && hit.problems === p) {
        node = hit.node;
      } else {
        node = make(sel, d, size);
        cache.set(id, { source, selected: sel, drag: d, size, problems: p, node });
      }
      if (last[next.length] !== node) changed = true;
      next.push(node);
      seen.add(id);
    };

    const groups = ((flow as { groups?: GroupNodeData['group'][] }).groups ?? []) as GroupNodeData['group'][];
    for (const group of groups) {
      const frame = groupFrame(flow, group, drag, measured);
      if (!frame) continue;
      // Keyed by what the frame shows, so an unchanged frame keeps its node object.
      const key = `${group.title}|${group.color}|${frame.x}|${frame.y}|${frame.width}|${frame.height}`;
      const hit = groupKeys.get(group.id);
      const source = hit && hit.key === key && hit.group === group ? hit.source : { key };
      groupKeys.set(group.id, { key, group, source });
      put(
        group.id,
        source,
        (sel) => ({
          id: group.id,
          type: 'group',
          position: { x: frame.x, y: frame.y },
          data: { group },
          selected: sel,
          zIndex: -2,
          width: frame.width,
          height: frame.height,
          measured: { width: frame.width, height: frame.height },
        }),
        null,
        true,
      );
    }

    const notes = ((flow as { notes?: StickyNoteLike[] }).notes ?? []) as StickyNoteLike[];
    for (const note of notes) {
      put(
        note.id,
        note,
        (sel, d, size) => ({
          id: note.id,
          type: 'note',
          position: d ?? note.position,
          data: { note },
          selected: sel,
          zIndex: -1,
          ...(size ? { measured: size } : {}),
          ...(note.size ? { width: note.size.width, height: note.size.height } : {}),
        }),
        null,
      );
    }

    flow.blocks.forEach((block, index) => {
      const p = problems.get(block.id) ?? null;
      put(
        block.id,
        block,
        (sel, d, size) => ({
          id: block.id,
          type: block.kind,
          position: d ?? block.position ?? fallbackPosition(index),
          data: { block, problems: p },
          selected: sel,
          deletable: block.kind !== 'start',
          ...(size ? { measured: size } : {}),
        }),
        p,
      );
    });

    if (cache.size > seen.size) {
      for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
    }
    if (!changed && next.length === last.length) return last;
    last = next;
    return next;
  };
}

interface CachedEdge {
  edge: Flow['edges'][number];
  selected: boolean;
  node: RFEdge;
}

export function createEdgeDeriver() {
  const cache = new Map<string, CachedEdge>();
  let last: RFEdge[] = [];
  return function deriveEdges(flow: Flow, edgeSelection: readonly string[]): RFEdge[] {
    const selected = new Set(edgeSelection);
    const next: RFEdge[] = [];
    let changed = false;
    for (const edge of flow.edges) {
      const sel = selected.has(edge.id);
      const hit = cache.get(edge.id);
      let rf: RFEdge;
      if (hit && hit.edge === edge && hit.selected === sel) rf = hit.node;
      else {
        rf = { id: edge.id, source: edge.from, sourceHandle: edge.exit, target: edge.to, targetHandle: 'in', selected: sel };
        cache.set(edge.id, { edge, selected: sel, node: rf });
      }
      if (last[next.length] !== rf) changed = true;
      next.push(rf);
    }
    if (cache.size > next.length) {
      const ids = new Set(flow.edges.map((e) => e.id));
      for (const id of cache.keys()) if (!ids.has(id)) cache.delete(id);
    }
    if (!changed && next.length === last.length) return last;
    last = next;
    return next;
  };
}

/** Groups validation problems by block, reusing the previous summary object when a block's problems did not change. */
export function createProblemSummarizer() {
  let previous = new Map<string, ProblemSummary & { key: string }>();
  return function summarize(problems: readonly FlowProblem[]): Map<string, ProblemSummary> {
    const byBlock = new Map<string, FlowProblem[]>();
    for (const p of problems) {
      if (!p.blockId) continue;
      const list = byBlock.get(p.blockId);
      if (list) list.push(p);
      else byBlock.set(p.blockId, [p]);
    }
    const next = new Map<string, ProblemSummary & { key: string }>();
    for (const [id, list] of byBlock) {
      const key = list.map((p) => `${p.severity}:${p.code}:${p.message}`).join('\n');
      const old = previous.get(id);
      if (old && old.key === key) next.set(id, old);
      else
        next.set(id, {
          key,
          errors: list.filter((p) => p.severity === 'error').length,
          warnings: list.filter((p) => p.severity === 'warning').length,
          messages: list.slice(0, 4).map((p) => p.message),
        });
    }
    previous = next;
    return next;
  };
}
