import type { FlowEdit, XY } from '../../../shared/flow/edit/types';
import type { BlockKind, Flow } from '../../../shared/flow/schema';
import { definitionOf } from '../blockCatalog';
import { BLOCK_GAP, DEFAULT_BLOCK_SIZE, findFreeSpot, occupiedRects, searchFreeSpot, type Size } from './freeSpot';

/** The smallest free `${kind}-${n}` id (deterministic, readable in exports). */
export function nextBlockId(flow: Flow, kind: string): string {
  const taken = new Set(flow.blocks.map((b) => b.id));
  for (const note of (flow as { notes?: { id: string }[] }).notes ?? []) taken.add(note.id);
  const base = kind.replace(/_/g, '-');
  let n = 1;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

/**
 * Dropping a block on an edge A -> B inserts it: A's exit now leads to the new block, and the new block's
 * main exit leads to B. One batch, so one undo step.
 * Session 44 (ui8, newcomer s44 N7): a kind with no exit to continue with (End, Jump) was not inserted (null; the caller
 * put it ~170 px away, unconnected, with no word why). It is inserted now and ends the chain there: A's exit leads to it
 * and B is left with that connection removed (`endsChain` says so; the canvas tells the designer, Undo puts it back).
 */
export function insertBlockEdit(flow: Flow, kind: BlockKind, position: XY, edge: Flow['edges'][number]): FlowEdit | null {
  const def = definitionOf(kind);
  const id = nextBlockId(flow, kind);
  const exits: string[] = def.exits({ id, kind, data: def.defaultData() } as never);
  const out = exits.includes('next') ? 'next' : exits.find((e) => e !== 'fallback');
  return {
    type: 'batch',
    label: `Insert ${def.label}`,
    edits: [
      { type: 'add_block', kind, position, id },
      { type: 'disconnect', edgeIds: [edge.id] },
      { type: 'connect', from: edge.from, exit: edge.exit, to: id },
      ...(out ? [{ type: 'connect' as const, from: id, exit: out, to: edge.to }] : []),
    ],
  };
}

/** True when inserting `kind` into a connection ends the chain there (it has no exit to lead on to the old target). */
export function endsChain(kind: BlockKind): boolean {
  const def = definitionOf(kind);
  const exits: string[] = def.exits({ id: 'new', kind, data: def.defaultData() } as never);
  return !exits.some((e) => e !== 'fallback');
}

/**
 * Newcomer s26 F15: a connection dragged from `from`'s `exit` and dropped on empty canvas, then a block chosen in the
 * picker there: the new block at `position`, connected from that exit, in one batch (one undo step). An exit already
 * connected is moved to the new block (the designer dragged it out on purpose); `replaced` names the block it left.
 */
export function addConnectedEdit(flow: Flow, from: string, exit: string, kind: BlockKind, position: XY, label: string): { edit: FlowEdit; id: string; replaced: string | null } {
  const id = nextBlockId(flow, kind);
  const existing = (flow.edges ?? []).find((e) => e.from === from && e.exit === exit);
  return {
    id,
    replaced: existing?.to ?? null,
    edit: {
      type: 'batch',
      label: `Add ${label}`,
      edits: [
        { type: 'add_block', kind, position, id },
        { type: 'connect', from, exit, to: id, ...(existing ? { replace: true } : {}) },
      ],
    },
  };
}

/**
 * Session 45 (studio8, retest-studio s44 #7): the height a new block of each kind is drawn with (its default content),
 * measured in Chromium on the studio page (block width 224). The estimate from its exits alone was short for some
 * kinds (a Question: 152 for 161 drawn, so a Question added above another block touched it).
 */
export const NEW_BLOCK_HEIGHT: Partial<Record<BlockKind, number>> = {
  message: 80,
  end: 80,
  question: 161,
  buttons: 165,
  intent_router: 129,
  keyword_router: 129,
  csat: 217,
  condition: 137,
  set_variable: 80,
  business_hours: 129,
  jump: 80,
  http_request: 141,
  notify: 102,
  human_takeover: 175,
  ticket: 119,
};

/**
 * The size a new block of `kind` is placed with, before React Flow has measured it (newcomer s42 N1: a Human takeover,
 * 175 px tall with its three exits, was placed as if 110 px tall and landed on the block below). A block of the same
 * kind already measured gives its size; otherwise the larger of the kind's drawn height (NEW_BLOCK_HEIGHT) and an
 * estimate from its exit rows, at least DEFAULT_BLOCK_SIZE. A little too tall only leaves a wider gap; the canvas
 * still makes room once it is measured.
 */
export function newBlockSize(flow: Flow, measured: Record<string, Size>, kind: BlockKind): Size {
  let seen: Size | null = null;
  for (const b of flow.blocks) {
    const m = b.kind === kind ? measured[b.id] : undefined;
    if (m && (!seen || m.height > seen.height)) seen = m;
  }
  if (seen) return { width: Math.max(seen.width, DEFAULT_BLOCK_SIZE.width), height: seen.height };
  const def = definitionOf(kind);
  const exits: string[] = def.exits({ id: 'new', kind, data: def.defaultData() } as never);
  return { width: DEFAULT_BLOCK_SIZE.width, height: Math.max(DEFAULT_BLOCK_SIZE.height, 96 + 28 * exits.length, NEW_BLOCK_HEIGHT[kind] ?? 0) };
}

/**
 * Where a block of `kind` added from a list with nothing selected goes: the free spot nearest the view's centre (`centre`,
 * flow coordinates), at the kind's size (newBlockSize) and BLOCK_GAP clear of every block and note (findFreeSpot).
 *
 * Session 47 (studio15, retest-studio s46 L5): in a dense flow that spot lay on connection lines (the block looked wired
 * into them). With `around` (what the canvas shows): no connection under it either (`lines`, LINE_GAP clear), nor the
 * canvas's overlays (`overlays`, flow coordinates), and inside the visible canvas (`view`); when the view has no such
 * spot, the nearest one outside it (`inView` false: the caller pans to it).
 */
export function spotNearCentre(
  flow: Flow,
  measured: Record<string, Size>,
  kind: BlockKind,
  centre: XY,
  around?: { lines: readonly (readonly XY[])[]; view: { x: number; y: number; width: number; height: number }; overlays?: readonly { x: number; y: number; width: number; height: number }[] },
): XY {
  return placeNearCentre(flow, measured, kind, centre, around).position;
}

/** Clear space kept between a block placed in free space and the connection lines around it (flow units). */
export const LINE_GAP = 24;

/** spotNearCentre, and whether the spot is inside `around.view` (false: outside it, the view must move to show it). */
export function placeNearCentre(
  flow: Flow,
  measured: Record<string, Size>,
  kind: BlockKind,
  centre: XY,
  around?: { lines: readonly (readonly XY[])[]; view: { x: number; y: number; width: number; height: number }; overlays?: readonly { x: number; y: number; width: number; height: number }[] },
): { position: XY; inView: boolean } {
  const size = newBlockSize(flow, measured, kind);
  const at = { x: centre.x - size.width / 2, y: centre.y - 40 };
  const occupied = occupiedRects(flow, measured);
  if (!around) return { position: findFreeSpot(at, size, occupied, { gap: BLOCK_GAP }), inView: true };
  const shown = searchFreeSpot(at, size, [...occupied, ...(around.overlays ?? [])], { gap: BLOCK_GAP, lines: around.lines, lineGap: LINE_GAP, within: around.view, maxRings: 80 });
  if (shown) return { position: shown, inView: true };
  return { position: findFreeSpot(at, size, occupied, { gap: BLOCK_GAP, lines: around.lines, lineGap: LINE_GAP, maxRings: 80 }), inView: false };
}

const hit = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }, gap: number) =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;

/** Closer than this, a moved block crowds one that stays (the clear gap, less a pixel for the layout's rounding). */
const CROWDED = BLOCK_GAP - 1;

/** Room between an inserted block and its neighbours on the connection (about an automatic layout's gap). */
export const INSERT_GAP = 64;
const snap8 = (v: number) => Math.round(v / 8) * 8;

/**
 * Newcomer s40 N6: a block dropped on a connection A -> B was inserted where it was dropped, on top of A and B, and
 * nothing moved aside. Now, when B lies to the right of A (a connection read left to right), the new block goes
 * INSERT_GAP right of A, level with where it was dropped, and B with every block after it (reachable from B, at or
 * right of B, A excepted) moves right by what the new block needs: one batch, so one undo step takes it all back.
 * A connection that runs back (B left of or under A) keeps the drop point, moved to the nearest free spot. Sizes:
 * React Flow's measurements, the new block at DEFAULT_BLOCK_SIZE (it is drawn after the edit). An End or Jump (no exit
 * to continue with) is inserted the same way and ends the chain (insertBlockEdit).
 */
export function insertWithRoomEdit(flow: Flow, measured: Record<string, Size>, kind: BlockKind, drop: XY, edge: Flow['edges'][number]): FlowEdit | null {
  const a = flow.blocks.find((b) => b.id === edge.from);
  const b = flow.blocks.find((x) => x.id === edge.to);
  const size = newBlockSize(flow, measured, kind);
  const occupied = occupiedRects(flow, measured);
  if (!a || !b || a.id === b.id) return insertBlockEdit(flow, kind, findFreeSpot(drop, size, occupied, { gap: BLOCK_GAP }), edge);
  const aPos = { x: a.position?.x ?? 0, y: a.position?.y ?? 0 };
  const bPos = { x: b.position?.x ?? 0, y: b.position?.y ?? 0 };
  const aSize = measured[a.id] ?? DEFAULT_BLOCK_SIZE;
  if (bPos.x <= aPos.x + aSize.width / 2) return insertBlockEdit(flow, kind, findFreeSpot(drop, size, occupied, { gap: BLOCK_GAP }), edge);
  let at = { x: snap8(aPos.x + aSize.width + INSERT_GAP), y: snap8(drop.y) };
  const need = at.x + size.width + INSERT_GAP - bPos.x;
  const shift = need > 0 ? Math.ceil(need / 8) * 8 : 0;
  // B and what follows it: every block reachable from B by connections, except A and blocks left of B (a loop back).
  const next = new Map<string, string[]>();
  for (const e of flow.edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const byId = new Map(flow.blocks.map((x) => [x.id, x]));
  const moved = new Set<string>();
  const queue = [b.id];
  while (queue.length) {
    const id = queue.shift()!;
    if (moved.has(id) || id === a.id) continue;
    const block = byId.get(id);
    if (!block || (block.position?.x ?? 0) < bPos.x) continue;
    moved.add(id);
    queue.push(...(next.get(id) ?? []));
  }
  // Newcomer s42 N1: what moves right must not land on a block that stays (another branch beside it): a block the moved
  // ones now run into, and did not before, moves with them, in turn (bounded: each round adds a block or stops).
  // Session 45 (studio8, retest-studio s44 #7): "run into" counted overlaps only, so a block pushed right could stop
  // right under one above it, edge to edge. A moved block now closer than the clear gap (BLOCK_GAP, less a pixel for
  // the layout's rounding) to one that stays, where before they did not overlap, takes it along: the two keep the
  // space they had. Blocks a designer put on top of each other are left as they are.
  if (shift > 0) {
    const rect = (id: string, dx: number) => {
      const p = byId.get(id)!.position ?? { x: 0, y: 0 };
      return { x: p.x + dx, y: p.y, ...(measured[id] ?? DEFAULT_BLOCK_SIZE) };
    };
    for (let grew = true; grew; ) {
      grew = false;
      for (const other of flow.blocks) {
        if (moved.has(other.id) || other.id === a.id) continue;
        const still = rect(other.id, 0);
        if ([...moved].some((id) => hit(rect(id, shift), still, CROWDED) && !hit(rect(id, 0), still, 0))) {
          moved.add(other.id);
          grew = true;
        }
      }
    }
  }
  const moves = shift === 0 ? [] : [...moved].map((id) => {
    const p = byId.get(id)!.position ?? { x: 0, y: 0 };
    return { id, position: { x: p.x + shift, y: p.y } };
  });
  // Another branch in the way (a block above or below that did not move): the nearest free spot from there.
  const after = occupiedRects({ ...flow, blocks: flow.blocks.map((x) => (moved.has(x.id) && shift ? { ...x, position: { x: (x.position?.x ?? 0) + shift, y: x.position?.y ?? 0 } } : x)) }, measured);
  at = findFreeSpot(at, size, after, { gap: BLOCK_GAP });
  const insert = insertBlockEdit(flow, kind, at, edge);
  if (!insert || insert.type !== 'batch' || moves.length === 0) return insert;
  return { ...insert, edits: [...insert.edits, { type: 'move_blocks', moves }] };
}
