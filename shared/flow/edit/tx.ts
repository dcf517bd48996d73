/**
 * One edit transaction: mutates an immer draft of the flow through three primitives (set, insert,
 * remove) and records, for each, the forward patch and its inverse.
 *
 * Why not immer's produceWithPatches: immer describes removing one element from the front of an array as a
 * replace of every later element (deleting a block from a 1,000-block flow became ~2,000 patches). Here a
 * removal is one `remove` patch and its inverse one `add`, which immer's `applyPatches` replays exactly
 * (array `add` inserts, array `remove` splices). The property test checks that replaying the patches gives
 * the same flow and that the inverse gives back the original.
 *
 * Reads that scan the whole flow go through plain "shadow" lists (block ids and kinds, edges) kept in step
 * with every mutation, so a small edit on a big flow does not create a draft per block.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import { current, isDraft, type Draft, type Patch } from 'immer';
import type { BlockKind, Edge, Flow as SchemaFlow } from '../schema';
import type { BlockGroup, StickyNote } from './canvasSchema';

/** The flow with its canvas-only fields (optional until every document has been parsed by the new schema). */
export type Flow = SchemaFlow & { notes?: StickyNote[]; groups?: BlockGroup[] };

export type Path = (string | number)[];

/** A deep copy of plain JSON data (drafts are resolved first). */
export function plain<T>(value: T): T {
  const v = isDraft(value) ? (current(value as object) as T) : value;
  return cloneJson(v);
}

export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) out[k] = cloneJson(v);
  return out as T;
}

export interface ShadowBlock {
  id: string;
  kind: BlockKind;
}

/** Block ids and kinds of a (frozen) blocks array, shared by every flow version with that same array. */
interface BlockShadow {
  list: ShadowBlock[];
  index: Map<string, number> | null;
}
const blockShadows = new WeakMap<object, BlockShadow>();

export class Tx {
  readonly patches: Patch[] = [];
  private readonly inverses: Patch[] = [];
  private blockList: ShadowBlock[] | null = null;
  /** True once this transaction has its own copy of the block list (copy-on-write of the cached one). */
  private ownsBlocks = false;
  /** The cached shadow this transaction reads (until it copies it), to store a freshly built index in. */
  private adopted: BlockShadow | null = null;
  private edgeList: Edge[] | null = null;
  private idSet: Set<string> | null = null;
  private edgeIdSet: Set<string> | null = null;
  private readonly cursors = new Map<string, number>();
  selection: string[] | undefined;

  constructor(
    readonly draft: Draft<Flow>,
    private readonly base: Flow,
  ) {}

  /** Block ids and kinds in the order of `draft.blocks` (read-only: mutate through the methods below). */
  get blocks(): readonly ShadowBlock[] {
    if (!this.blockList) {
      const cached = blockShadows.get(this.base.blocks);
      if (cached) {
        this.blockList = cached.list;
        this.blockIndexCache = cached.index;
        this.adopted = cached;
      } else {
        // Cached for the next edit on this same flow (the blocks array is frozen, so the list stays true).
        const entry: BlockShadow = { list: this.base.blocks.map((b) => ({ id: b.id, kind: b.kind })), index: null };
        blockShadows.set(this.base.blocks, entry);
        this.blockList = entry.list;
        this.adopted = entry;
      }
    }
    return this.blockList;
  }

  private mutableBlocks(): ShadowBlock[] {
    if (!this.ownsBlocks) {
      this.blockList = [...this.blocks];
      this.ownsBlocks = true;
    }
    this.blockIndexCache = null;
    return this.blockList!;
  }

  /** The edges in the order of `draft.edges` (frozen originals, or new objects for edges changed here). */
  get edges(): readonly Edge[] {
    if (!this.edgeList) this.edgeList = (this.base.edges ?? []).slice();
    return this.edgeList;
  }

  /** Every id used by a block, a sticky note or a group (one namespace: `move_blocks` takes either). */
  get ids(): Set<string> {
    if (!this.idSet) {
      const set = new Set<string>();
      for (const b of this.blocks) set.add(b.id);
      for (const n of this.draft.notes ?? []) set.add(n.id);
      for (const g of this.draft.groups ?? []) set.add(g.id);
      this.idSet = set;
    }
    return this.idSet;
  }

  get edgeIds(): Set<string> {
    if (!this.edgeIdSet) this.edgeIdSet = new Set(this.edges.map((e) => e.id));
    return this.edgeIdSet;
  }

  /** Lets the next edit on the resulting flow reuse this transaction's block list and index. */
  publish(next: Flow): void {
    if (this.blockList && !blockShadows.has(next.blocks)) {
      blockShadows.set(next.blocks, { list: this.blockList, index: this.blockIndexCache });
    }
  }

  /**
   * The draft array's elements without making a draft of each one (immer's array plugin answers `concat`
   * from the underlying array): untouched elements come back as the frozen originals, touched ones as drafts.
   */
  rawList<T>(list: T[]): T[] {
    return list.concat();
  }

  /** Inverse patches in the order they must be applied (last change undone first). */
  get inverse(): Patch[] {
    return [...this.inverses].reverse();
  }

  /** Smallest `${prefix}-${n}` (n >= 1) not in `taken`; reserved in `taken` at once. Deterministic. */
  freshId(prefix: string, taken: Set<string> = this.ids): string {
    const key = `${taken === this.ids ? 'i' : 'e'}:${prefix}`;
    let n = this.cursors.get(key) ?? 1;
    while (taken.has(`${prefix}-${n}`)) n++;
    this.cursors.set(key, n + 1);
    const id = `${prefix}-${n}`;
    taken.add(id);
    return id;
  }

  /** id -> index in `blocks`, rebuilt lazily after blocks are added, removed or renamed (never mutated). */
  private blockIndexCache: Map<string, number> | null = null;

  blockIndex(id: string): number {
    const list = this.blocks;
    if (!this.blockIndexCache) {
      const index = new Map<string, number>();
      list.forEach((b, i) => {
        if (!index.has(b.id)) index.set(b.id, i);
      });
      this.blockIndexCache = index;
      if (!this.ownsBlocks && this.adopted) this.adopted.index = index;
    }
    return this.blockIndexCache.get(id) ?? -1;
  }

  edgeIndex(id: string): number {
    const list = this.edges;
    for (let i = 0; i < list.length; i++) if (list[i].id === id) return i;
    return -1;
  }

  /** The container at `path` in the draft (created lazily by the callers). */
  private at(path: Path): Record<string | number, unknown> {
    let node: unknown = this.draft;
    for (const key of path) node = (node as Record<string | number, unknown>)[key];
    return node as Record<string | number, unknown>;
  }

  /** Reads the value at `path` from the draft (may be a draft: use `plain` before keeping it). */
  get(path: Path): unknown {
    return this.at(path.slice(0, -1))[path[path.length - 1]];
  }

  /** Sets `path` to `value`; `undefined` removes an object key. No patch when nothing changes. */
  set(path: Path, value: unknown): void {
    const parent = this.at(path.slice(0, -1));
    const key = path[path.length - 1];
    const had = Array.isArray(parent) ? typeof key === 'number' && key < parent.length : Object.prototype.hasOwnProperty.call(parent, key);
    const old = had ? parent[key] : undefined;
    if (value === undefined) {
      if (!had) return;
      if (Array.isArray(parent)) throw new Error(`Tx.set: cannot store undefined in an array (${path.join('/')})`);
      const snapshot = plain(old);
      delete parent[key];
      this.record({ op: 'remove', path }, { op: 'add', path, value: snapshot });
      return;
    }
    if (had && typeof value !== 'object' && old === value) return;
    const snapshot = had ? plain(old) : undefined;
    parent[key] = cloneJson(value);
    this.record(
      { op: had ? 'replace' : 'add', path, value: cloneJson(value) },
      had ? { op: 'replace', path, value: snapshot } : { op: 'remove', path },
    );
  }

  /** Inserts `value` at `index` of the array at `arrayPath`. */
  insert(arrayPath: Path, index: number, value: unknown): void {
    const arr = this.at(arrayPath) as unknown as unknown[];
    // push: immer's array plugin makes an append O(1); a splice re-checks every element.
    if (index === arr.length) arr.push(cloneJson(value));
    else arr.splice(index, 0, cloneJson(value));
    const path = [...arrayPath, index];
    this.record({ op: 'add', path, value: cloneJson(value) }, { op: 'remove', path });
  }

  /** Removes the element at `index` of the array at `arrayPath`. */
  removeAt(arrayPath: Path, index: number): void {
    const arr = this.at(arrayPath) as unknown as unknown[];
    const snapshot = plain(arr[index]);
    arr.splice(index, 1);
    const path = [...arrayPath, index];
    this.record({ op: 'remove', path }, { op: 'add', path, value: snapshot });
  }

  private record(forward: Patch, inverse: Patch) {
    this.patches.push(forward);
    this.inverses.push(inverse);
  }

  /* ---------------------------------------------------------------- edges and blocks, shadow kept in step */

  addEdge(edge: Edge): void {
    const e = { id: edge.id, from: edge.from, exit: edge.exit, to: edge.to };
    if (!this.draft.edges) this.set(['edges'], []);
    this.insert(['edges'], this.edges.length, e);
    this.edgeIds.add(e.id);
    this.edgeList!.push(e);
  }

  /** Removes the edges at these indices (any order, duplicates ignored). */
  removeEdges(indices: Iterable<number>): void {
    const sorted = [...new Set(indices)].sort((a, b) => b - a);
    for (const i of sorted) {
      this.removeAt(['edges'], i);
      this.edgeIds.delete(this.edges[i].id);
      this.edgeList!.splice(i, 1);
    }
  }

  setEdgeField(index: number, field: 'from' | 'to' | 'exit', value: string): void {
    this.set(['edges', index, field], value);
    this.edgeList![index] = { ...this.edges[index], [field]: value };
  }

  addBlock(block: Flow['blocks'][number], index = this.blocks.length): void {
    this.insert(['blocks'], index, block);
    this.ids.add(block.id);
    this.mutableBlocks().splice(index, 0, { id: block.id, kind: block.kind });
  }

  removeBlocks(indices: Iterable<number>): void {
    const sorted = [...new Set(indices)].sort((a, b) => b - a);
    for (const i of sorted) {
      this.removeAt(['blocks'], i);
      this.ids.delete(this.blocks[i].id);
      this.mutableBlocks().splice(i, 1);
    }
  }

  renameBlockAt(index: number, to: string): void {
    this.set(['blocks', index, 'id'], to);
    this.ids.delete(this.blocks[index].id);
    this.ids.add(to);
    this.mutableBlocks()[index] = { ...this.blocks[index], id: to };
  }
}
