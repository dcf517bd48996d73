/**
 * Clicking a palette block while one block is selected adds the new block after it, as Typebot and Landbot
 * do: to its right (the canvas's handles are left in, right out), at the nearest free spot in that column
 * (never on top of a block or note), and connected from the selected block's first free exit when that
 * connection is allowed; when its only exit is already connected, the new block is inserted into that connection.
 * One edit, so one undo step. Pure.
 */
import { canConnect } from '../../../shared/flow/edit/canConnect';
import { exitsOfBlock } from '../../../shared/flow/edit/kinds';
import { getBlockDefinition, isBlockKind } from '../../../shared/flow/blockRegistry';
import type { FlowEdit, XY } from '../../../shared/flow/edit/types';
import type { BlockKind, Flow } from '../../../shared/flow/schema';
import { definitionOf } from '../blockCatalog';
import { BLOCK_GAP, DEFAULT_BLOCK_SIZE, findFreeSpot, occupiedRects, type Size } from './freeSpot';
import { newBlockSize } from './insertBlock';

/** Horizontal space between the selected block and the new one (room for the connection's curve). */
export const AFTER_GAP_X = 96;
const STEP_Y = 40;
// Session 45 (studio8): the layout's clear gap, as for a block added with nothing selected (was 24).
const GAP = BLOCK_GAP;

/**
 * The exit of `blockId` a new block leaves from: of those no connection leaves through yet, the first the block's kind
 * names for a new block of `kind` (a Human takeover's Ticket: 'no_agent', then 'timeout'; newcomer s46 N4: it went on
 * 'resolved'), else the first free one (null: none, or no such block).
 */
export function firstFreeExit(flow: Flow, blockId: string, kind?: BlockKind): string | null {
  const block = flow.blocks.find((b) => b.id === blockId);
  if (!block) return null;
  const used = new Set(flow.edges.filter((e) => e.from === blockId).map((e) => e.exit));
  const exits = exitsOfBlock(block);
  const preferred = kind === undefined || !isBlockKind(block.kind) ? [] : (getBlockDefinition(block.kind).exitsFor?.(kind) ?? []);
  return preferred.find((x) => exits.includes(x) && !used.has(x)) ?? exits.find((x) => !used.has(x)) ?? null;
}

/**
 * Top-left corner for a new block after `after`: the column to its right, at its top when free, else the
 * nearest free row below or above it (below first); failing that, the nearest free spot anywhere.
 */
export function spotAfter(flow: Flow, measured: Record<string, Size>, afterId: string, size: Size = DEFAULT_BLOCK_SIZE): XY | null {
  const block = flow.blocks.find((b) => b.id === afterId);
  if (!block) return null;
  const own = measured[afterId] ?? DEFAULT_BLOCK_SIZE;
  const x = (block.position?.x ?? 0) + own.width + AFTER_GAP_X;
  const y0 = block.position?.y ?? 0;
  const occupied = occupiedRects(flow, measured);
  const free = (p: XY) =>
    !occupied.some((r) => p.x < r.x + r.width + GAP && r.x < p.x + size.width + GAP && p.y < r.y + r.height + GAP && r.y < p.y + size.height + GAP);
  for (let i = 0; i <= 60; i++) {
    const below = { x, y: y0 + i * STEP_Y };
    if (free(below)) return below;
    const above = { x, y: y0 - i * STEP_Y };
    if (i > 0 && i <= 6 && free(above)) return above;
  }
  return findFreeSpot({ x, y: y0 }, size, occupied, { gap: GAP });
}

/**
 * The edit for "add KIND after the selected block": the block at `spotAfter`, plus a connection from the
 * selected block's first free exit when one is free and the connection is allowed. `connected` names the
 * exit used (null when the block was only placed).
 */
export function addAfterEdit(
  flow: Flow,
  measured: Record<string, Size>,
  afterId: string,
  kind: BlockKind,
  id: string,
  label: string,
  /** The exit to connect from (newcomer s43 N5: the one a problem names); the first free one when not given. */
  onExit?: string,
): { edit: FlowEdit; position: XY; connected: string | null } | null {
  // Session 45 (studio8): at the new kind's own height (it was taken as 110 px: a taller block could touch the one below).
  const position = spotAfter(flow, measured, afterId, newBlockSize(flow, measured, kind));
  if (!position) return null;
  const add: FlowEdit = { type: 'add_block', kind, position, id };
  const exit = onExit !== undefined && !flow.edges.some((e) => e.from === afterId && e.exit === onExit) ? onExit : onExit !== undefined ? null : firstFreeExit(flow, afterId, kind);
  if (exit) {
    // Check the connection on the flow as it will be once the block exists.
    const withBlock = { ...flow, blocks: [...flow.blocks, { id, kind, position, data: {} } as unknown as Flow['blocks'][number]] };
    if (canConnect(withBlock, afterId, exit, id).ok) {
      return {
        edit: { type: 'batch', label: `Add ${label}`, edits: [add, { type: 'connect', from: afterId, exit, to: id }] },
        position,
        connected: exit,
      };
    }
  }
  // Every exit already used and only one (a Message, a Question): the new block goes INTO that connection
  // (selected -> new -> what followed), as dropping it on the edge does (newcomer s6 #5: it landed unconnected and
  // the flow had a new error at once).
  const exits = exitsOfBlock(flow.blocks.find((b) => b.id === afterId)!);
  const edge = exits.length === 1 ? flow.edges.find((e) => e.from === afterId && e.exit === exits[0]) : undefined;
  if (!exit && edge) {
    const created = { id, kind, position, data: definitionOf(kind).defaultData() } as unknown as Flow['blocks'][number];
    const withBlock = { ...flow, blocks: [...flow.blocks, created] };
    const newExits = exitsOfBlock(created);
    const out = newExits.includes('next') ? 'next' : newExits.find((e) => e !== 'fallback');
    const rest = { ...withBlock, edges: withBlock.edges.filter((e) => e.id !== edge.id) };
    if (out && canConnect(rest, afterId, edge.exit, id).ok && canConnect(rest, id, out, edge.to).ok) {
      return {
        edit: {
          type: 'batch',
          label: `Insert ${label}`,
          edits: [add, { type: 'disconnect', edgeIds: [edge.id] }, { type: 'connect', from: afterId, exit: edge.exit, to: id }, { type: 'connect', from: id, exit: out, to: edge.to }],
        },
        position,
        connected: edge.exit,
      };
    }
  }
  return { edit: add, position, connected: null };
}
