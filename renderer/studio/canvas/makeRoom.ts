/**
 * A block that grows after it was placed (options added to a Buttons block, a long message typed) pushes down the
 * blocks and notes it now runs into, instead of covering them. Only overlaps the growth created are resolved (two
 * blocks a designer put on top of each other stay where they are), and a pushed block pushes in turn what it now
 * runs into. Pure: positions from the flow, sizes from React Flow's measurements.
 */
import type { XY } from '../../../shared/flow/edit/types';
import type { Flow } from '../../../shared/flow/schema';
import { DEFAULT_BLOCK_SIZE, DEFAULT_NOTE_SIZE, type Size } from './freeSpot';

/** Space left between a grown block and what it pushed (the free-spot gap used for new blocks). */
export const ROOM_GAP = 24;
/** Closer than this counts as running into a block. */
const TOUCH = 8;
const GRID = 8;

interface Item extends XY, Size {
  id: string;
}

const hits = (a: Item, b: Item) => a.x < b.x + b.width + TOUCH && b.x < a.x + a.width + TOUCH && a.y < b.y + b.height + TOUCH && b.y < a.y + a.height + TOUCH;

/**
 * The moves that make room after blocks grew: `measured` holds the sizes before, `grown` the new sizes of the
 * blocks that grew. Blocks below a grown one (their top at or below its top) that it now runs into move down to
 * ROOM_GAP under it, on the 8 px snap grid.
 */
export function makeRoom(flow: Flow, measured: Record<string, Size>, grown: Record<string, Size>): { id: string; position: XY }[] {
  const items = new Map<string, Item>();
  for (const b of flow.blocks) items.set(b.id, { id: b.id, x: b.position?.x ?? 0, y: b.position?.y ?? 0, ...(measured[b.id] ?? DEFAULT_BLOCK_SIZE) });
  for (const n of (flow as { notes?: { id: string; position: XY; size?: Size }[] }).notes ?? []) {
    items.set(n.id, { id: n.id, ...n.position, ...(n.size ?? measured[n.id] ?? DEFAULT_NOTE_SIZE) });
  }
  const before = new Map([...items].map(([id, it]) => [id, { ...it }]));
  const queue: string[] = [];
  for (const [id, size] of Object.entries(grown)) {
    const it = items.get(id);
    if (!it) continue;
    it.width = size.width;
    it.height = size.height;
    queue.push(id);
  }
  const moved = new Set<string>();
  // Bounded: each step moves a block strictly down, and a flow has finitely many blocks.
  for (let steps = 0; queue.length > 0 && steps < 10_000; steps++) {
    const g = items.get(queue.shift()!)!;
    const old = before.get(g.id)!;
    for (const o of items.values()) {
      if (o.id === g.id || o.y < g.y || grown[o.id]) continue;
      if (!hits(g, o) || hits(old, before.get(o.id)!)) continue;
      const y = Math.ceil((g.y + g.height + ROOM_GAP) / GRID) * GRID;
      if (o.y >= y) continue;
      o.y = y;
      moved.add(o.id);
      queue.push(o.id);
    }
  }
  return [...moved].map((id) => ({ id, position: { x: items.get(id)!.x, y: items.get(id)!.y } }));
}
