/**
 * `applyEdit(flow, edit)`: the one function that changes a flow document. Returns the new flow, the
 * patches that redo the edit and the inverse patches that undo it (immer `applyPatches`). An invalid edit
 * throws FlowEditError and the input flow is untouched.
 *
 * The input flow is deep-frozen (immer auto-freeze); treat flows as immutable values.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import { current, enableArrayMethods, enablePatches, freeze, isDraft, produce, type Draft } from 'immer';
import { builtinVariableNames } from '../builtinVariables';
import {
  escalationPolicySchema,
  settingsSchema,
  variableSchema,
  type Block,
  type BlockKind,
  type Variable,
} from '../schema';
import { blockGroupSchema, stickyNoteSchema, type BlockGroup, type StickyNote } from './canvasSchema';
import { checkConnection } from './canConnect';
import { parseClipboard } from './clipboard';
import { deepMerge, isPlainObject, parseWith, requireIds, requireString, requireXY, sameJson, setAtPath } from './data';
import { FlowEditError } from './errors';
import { blockRefFieldsOf, dataSchemaOf, defaultDataOf, exitsOfBlock, intentNamesById, isBlockKind, isEntryKind, isHandoffTargetKind, labelOf, optionListOf } from './kinds';
import { cloneJson, plain, Tx, type Flow } from './tx';
import type { EditResult, FlowEdit, XY } from './types';
import { renameVariableIn } from './variables';
import { flowIdProblem } from '../flowId';

enablePatches();
enableArrayMethods();

const ID_MAX = 200;
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const builtins = new Set<string>(builtinVariableNames);
const DEFAULT_OFFSET: XY = { x: 40, y: 40 };

function checkId(id: unknown, what: string): string {
  if (typeof id !== 'string' || id.trim() === '' || id.length > ID_MAX)
    throw new FlowEditError('bad_id', `${what} must be 1 to ${ID_MAX} characters (got ${JSON.stringify(id)}).`);
  if (id !== id.trim()) throw new FlowEditError('bad_id', `${what} '${id}' must not start or end with spaces.`);
  if (FORBIDDEN_NAMES.has(id)) throw new FlowEditError('bad_id', `${what} cannot be '${id}'.`);
  return id;
}

/** The id `add_block` would give a new block of this kind (smallest free `${kind}-${n}`). */
export function freshBlockId(flow: Flow, kind: BlockKind): string {
  const taken = new Set<string>([...flow.blocks.map((b) => b.id), ...(flow.notes ?? []).map((n) => n.id), ...(flow.groups ?? []).map((g) => g.id)]);
  let n = 1;
  while (taken.has(`${kind}-${n}`)) n++;
  return `${kind}-${n}`;
}

/** Applies one edit. Throws FlowEditError (flow untouched) when the edit is invalid. */
export function applyEdit(flow: Flow, edit: FlowEdit): EditResult {
  freeze(flow, true);
  let tx: Tx | undefined;
  const next = produce(flow, (draft) => {
    tx = new Tx(draft as Draft<Flow>, flow);
    run(tx, edit, 0);
  }) as Flow;
  const t = tx!;
  t.publish(next);
  return {
    flow: next,
    patches: t.patches,
    inverse: t.inverse,
    ...(t.selection !== undefined ? { selection: t.selection } : {}),
  };
}

/* ------------------------------------------------------------------ reading the draft */

function blockAt(tx: Tx, index: number): Draft<Block> {
  return tx.draft.blocks[index] as Draft<Block>;
}

function requireBlock(tx: Tx, id: unknown, what = 'Block'): number {
  if (typeof id !== 'string') throw new FlowEditError('unknown_block', `${what} id must be text.`);
  const i = tx.blockIndex(id);
  if (i < 0) throw new FlowEditError('unknown_block', `There is no block '${id}'.`);
  return i;
}

function notes(tx: Tx): Draft<StickyNote>[] {
  return (tx.draft.notes ?? []) as Draft<StickyNote>[];
}
function groups(tx: Tx): Draft<BlockGroup>[] {
  return (tx.draft.groups ?? []) as Draft<BlockGroup>[];
}
function noteIndex(tx: Tx, id: string): number {
  return notes(tx).findIndex((n) => n.id === id);
}
function groupIndex(tx: Tx, id: string): number {
  return groups(tx).findIndex((g) => g.id === id);
}

function ensureList(tx: Tx, field: 'notes' | 'groups' | 'variables'): void {
  if (!Array.isArray(tx.draft[field])) tx.set([field], []);
}

/** Makes a block's data valid for its kind; throws a FlowEditError naming the block. */
function parseData(kind: BlockKind, data: unknown, blockId: string): Record<string, unknown> {
  return parseWith(dataSchemaOf(kind), data, `Block '${blockId}' (${labelOf(kind)})`) as Record<string, unknown>;
}

/* ------------------------------------------------------------------ dispatch */

function run(tx: Tx, edit: FlowEdit, depth: number): void {
  if (!isPlainObject(edit) || typeof edit.type !== 'string')
    throw new FlowEditError('invalid_data', 'An edit must be an object with a "type".');
  switch (edit.type) {
    case 'add_block':
      return addBlock(tx, edit);
    case 'insert_on_edge':
      return insertOnEdge(tx, edit);
    case 'move_blocks':
      return moveBlocks(tx, edit);
    case 'connect':
      return connect(tx, edit);
    case 'disconnect':
      return disconnect(tx, edit);
    case 'delete_blocks':
      return deleteBlocks(tx, edit);
    case 'rename_block':
      return renameBlock(tx, edit);
    case 'set_block_label':
      return setBlockLabel(tx, edit);
    case 'duplicate_blocks':
      return duplicateBlocks(tx, edit);
    case 'paste':
      return paste(tx, edit);
    case 'set_block_data':
      return setBlockData(tx, edit);
    case 'set_block_field':
      return setBlockField(tx, edit);
    case 'add_option':
      return addOption(tx, edit);
    case 'remove_option':
      return removeOption(tx, edit);
    case 'reorder_option':
      return reorderOption(tx, edit);
    case 'add_variable':
      return addVariable(tx, edit);
    case 'update_variable':
      return updateVariable(tx, edit);
    case 'rename_variable':
      return renameVariable(tx, edit);
    case 'delete_variable':
      return deleteVariable(tx, edit);
    case 'set_flow_info':
      return setFlowInfo(tx, edit);
    case 'set_settings':
      return setSettings(tx, edit);
    case 'set_escalation':
      return setEscalation(tx, edit);
    case 'add_note':
      return addNote(tx, edit);
    case 'update_note':
      return updateNote(tx, edit);
    case 'delete_notes':
      return deleteNotes(tx, edit);
    case 'group':
      return group(tx, edit);
    case 'update_group':
      return updateGroup(tx, edit);
    case 'ungroup':
      return ungroup(tx, edit);
    case 'batch': {
      if (depth > 20) throw new FlowEditError('invalid_data', 'Batches are nested too deeply.');
      if (!Array.isArray(edit.edits)) throw new FlowEditError('invalid_data', 'A batch needs a list of edits.');
      for (const e of edit.edits) run(tx, e, depth + 1);
      return;
    }
    default:
      throw new FlowEditError('invalid_data', `Unknown edit type '${String((edit as { type: unknown }).type)}'.`);
  }
}

type Op<T extends FlowEdit['type']> = Extract<FlowEdit, { type: T }>;

/* ------------------------------------------------------------------ blocks */

function addBlock(tx: Tx, edit: Op<'add_block'>): void {
  if (!isBlockKind(edit.kind)) throw new FlowEditError('invalid_data', `Unknown block kind '${String(edit.kind)}'.`);
  const kind = edit.kind;
  if (isEntryKind(kind) && tx.blocks.some((b) => isEntryKind(b.kind)))
    throw new FlowEditError('not_allowed', 'A flow has one Start block, and this one already has it.');
  let id: string;
  if (edit.id !== undefined) {
    id = checkId(edit.id, 'A block id');
    if (tx.ids.has(id)) throw new FlowEditError('id_taken', `The id '${id}' is already used in this flow.`);
  } else id = tx.freshId(kind);
  // Session 48 (studio16, newcomer s47 N9): a new block's own time zone (Business hours) starts as the flow's, not UTC.
  const defaults = defaultDataOf(kind);
  const flowZone = tx.draft.settings?.timezone;
  if (typeof defaults.timezone === 'string' && typeof flowZone === 'string' && flowZone !== '') defaults.timezone = flowZone;
  const data = parseData(kind, edit.data === undefined ? defaults : deepMerge(defaults, edit.data, `Block '${id}'`), id);
  const block: Record<string, unknown> = { id, kind };
  if (edit.position !== undefined) block.position = requireXY(edit.position, 'The position');
  if (edit.label !== undefined && edit.label !== '') {
    block.label = requireString(edit.label, 'The label');
    if ((block.label as string).length > 200) throw new FlowEditError('invalid_data', 'A label is at most 200 characters.');
  }
  block.data = data;
  tx.addBlock(block as Block);
  adoptAsEscalationTarget(tx, id, kind);
  tx.selection = [id];
}

/**
 * Session 13 (newcomer s12 #19): the first Human takeover added to a flow whose escalation hands over to nobody becomes
 * the escalation's "Hand over to", in the same edit (one undo step takes both back). Before, the designer got a warning
 * to go and pick the only possible block in Flow settings. Not when a target is already chosen, nor when the flow has
 * another takeover block (then which one is the designer's choice).
 */
function adoptAsEscalationTarget(tx: Tx, id: string, kind: BlockKind): void {
  if (!isHandoffTargetKind(kind)) return;
  const escalation = tx.draft.escalation as { targetBlockId?: string | null } | undefined;
  if (!escalation || (typeof escalation.targetBlockId === 'string' && escalation.targetBlockId !== '')) return;
  if (tx.blocks.some((b) => b.id !== id && isBlockKind(b.kind) && isHandoffTargetKind(b.kind))) return;
  tx.set(['escalation', 'targetBlockId'], id);
}

function insertOnEdge(tx: Tx, edit: Op<'insert_on_edge'>): void {
  const edgeId = requireString(edit.edgeId, 'insert_on_edge: edgeId');
  const ei = tx.edgeIndex(edgeId);
  if (ei < 0) throw new FlowEditError('unknown_edge', `There is no connection '${edgeId}'.`);
  const { from, exit, to } = tx.edges[ei];
  addBlock(tx, { type: 'add_block', kind: edit.kind, position: edit.position, id: edit.id, data: edit.data });
  const id = tx.selection![0];
  if (isEntryKind(edit.kind)) throw new FlowEditError('not_allowed', 'A Start block cannot be inserted into a connection.');
  tx.removeEdges([ei]);
  tx.addEdge({ id: tx.freshId('e', tx.edgeIds), from, exit, to: id });
  const created = plain(blockAt(tx, tx.blockIndex(id))) as Block;
  const next = exitsOfBlock(created)[0];
  const ti = tx.blockIndex(to);
  const target = ti >= 0 ? ({ id: to, kind: tx.blocks[ti].kind, data: {} } as unknown as Block) : undefined;
  if (next !== undefined && checkConnection(created, id, next, target, to, []).ok) {
    tx.addEdge({ id: tx.freshId('e', tx.edgeIds), from: id, exit: next, to });
  }
  tx.selection = [id];
}

function moveBlocks(tx: Tx, edit: Op<'move_blocks'>): void {
  if (!Array.isArray(edit.moves)) throw new FlowEditError('invalid_data', 'move_blocks needs a list of moves.');
  for (const move of edit.moves) {
    if (!isPlainObject(move)) throw new FlowEditError('invalid_data', 'Each move must be { id, position }.');
    const position = requireXY(move.position, `The position of '${String(move.id)}'`);
    const id = requireString(move.id, 'A moved id');
    const i = tx.blockIndex(id);
    if (i >= 0) {
      const old = blockAt(tx, i).position;
      if (!old || old.x !== position.x || old.y !== position.y) tx.set(['blocks', i, 'position'], position);
      continue;
    }
    const n = noteIndex(tx, id);
    if (n < 0) throw new FlowEditError('unknown_block', `There is no block or note '${id}' to move.`);
    const old = notes(tx)[n].position;
    if (old.x !== position.x || old.y !== position.y) tx.set(['notes', n, 'position'], position);
  }
}

function connect(tx: Tx, edit: Op<'connect'>): void {
  const from = requireString(edit.from, 'connect: from');
  const to = requireString(edit.to, 'connect: to');
  const exit = requireString(edit.exit, 'connect: exit');
  const fi = tx.blockIndex(from);
  const ti = tx.blockIndex(to);
  const fromBlock = fi >= 0 ? (plain(blockAt(tx, fi)) as Block) : undefined;
  const toBlock = ti >= 0 ? ({ id: to, kind: tx.blocks[ti].kind, data: {} } as unknown as Block) : undefined;
  const outgoing = tx.edges.filter((e) => e.from === from);
  const check = checkConnection(fromBlock, from, exit, toBlock, to, outgoing, { replace: edit.replace === true });
  if (!check.ok) throw new FlowEditError('bad_connection', check.reason);
  if (edit.id !== undefined) {
    checkId(edit.id, 'An edge id');
    if (tx.edgeIds.has(edit.id)) throw new FlowEditError('id_taken', `The edge id '${edit.id}' is already used in this flow.`);
  }
  // Replace: the old edge leaving through this exit goes in the same step.
  const old: number[] = [];
  tx.edges.forEach((e, i) => {
    if (e.from === from && e.exit === exit) old.push(i);
  });
  tx.removeEdges(old);
  const id = edit.id ?? tx.freshId('e', tx.edgeIds);
  tx.addEdge({ id, from, exit, to });
}

function disconnect(tx: Tx, edit: Op<'disconnect'>): void {
  const ids = requireIds(edit.edgeIds, 'disconnect: edgeIds');
  const indices = ids.map((id) => {
    const i = tx.edgeIndex(id);
    if (i < 0) throw new FlowEditError('unknown_edge', `There is no connection '${id}'.`);
    return i;
  });
  tx.removeEdges(indices);
}

/** Removes blocks from groups; groups left empty disappear. */
function dropFromGroups(tx: Tx, ids: Set<string>): void {
  const gs = groups(tx);
  for (let gi = gs.length - 1; gi >= 0; gi--) {
    const members = gs[gi].blockIds;
    if (!members.some((id) => ids.has(id))) continue;
    const kept = members.filter((id) => !ids.has(id));
    if (kept.length === 0) {
      tx.ids.delete(gs[gi].id);
      tx.removeAt(['groups'], gi);
    } else tx.set(['groups', gi, 'blockIds'], kept);
  }
}

function deleteBlocks(tx: Tx, edit: Op<'delete_blocks'>): void {
  const ids = requireIds(edit.ids, 'delete_blocks: ids');
  const indices = ids.map((id) => requireBlock(tx, id));
  const gone = new Set(ids);
  const entries = tx.blocks.filter((b) => isEntryKind(b.kind));
  if (entries.length > 0 && entries.every((b) => gone.has(b.id)))
    throw new FlowEditError('not_allowed', 'The Start block cannot be deleted: every conversation begins there.');
  // Edges into or out of the deleted blocks.
  const edgeIdx: number[] = [];
  tx.edges.forEach((e, i) => {
    if (gone.has(e.from) || gone.has(e.to)) edgeIdx.push(i);
  });
  tx.removeEdges(edgeIdx);
  // References from blocks that stay (jump targets) are cleared.
  clearBlockRefs(tx, gone);
  if (tx.draft.escalation && gone.has(tx.draft.escalation.targetBlockId ?? '\u0000')) tx.set(['escalation', 'targetBlockId'], null);
  dropFromGroups(tx, gone);
  tx.removeBlocks(indices);
  tx.selection = [];
}

function clearBlockRefs(tx: Tx, gone: Set<string>): void {
  tx.blocks.forEach((b, i) => {
    if (gone.has(b.id)) return;
    for (const field of blockRefFieldsOf(b.kind)) {
      const value = readPath(blockAt(tx, i).data, field);
      if (typeof value === 'string' && gone.has(value)) tx.set(['blocks', i, 'data', ...field], '');
    }
  });
}

function readPath(node: unknown, path: string[]): unknown {
  for (const key of path) node = isPlainObject(node) ? node[key] : undefined;
  return node;
}

function renameBlock(tx: Tx, edit: Op<'rename_block'>): void {
  const from = requireString(edit.from, 'rename_block: from');
  const i = requireBlock(tx, from);
  const to = checkId(edit.to, 'The new block id');
  if (to === from) return;
  if (tx.ids.has(to)) throw new FlowEditError('id_taken', `The id '${to}' is already used in this flow.`);
  tx.renameBlockAt(i, to);
  tx.edges.forEach((e, ei) => {
    if (e.from === from) tx.setEdgeField(ei, 'from', to);
    if (e.to === from) tx.setEdgeField(ei, 'to', to);
  });
  tx.blocks.forEach((b, bi) => {
    for (const field of blockRefFieldsOf(b.kind)) {
      if (readPath(blockAt(tx, bi).data, field) === from) tx.set(['blocks', bi, 'data', ...field], to);
    }
  });
  if (tx.draft.escalation?.targetBlockId === from) tx.set(['escalation', 'targetBlockId'], to);
  groups(tx).forEach((g, gi) => {
    const k = g.blockIds.indexOf(from);
    if (k >= 0) tx.set(['groups', gi, 'blockIds', k], to);
  });
  tx.selection = [to];
}

function setBlockLabel(tx: Tx, edit: Op<'set_block_label'>): void {
  const i = requireBlock(tx, edit.id);
  const label = edit.label === undefined ? '' : requireString(edit.label, 'The label');
  if (label.length > 200) throw new FlowEditError('invalid_data', 'A label is at most 200 characters.');
  tx.set(['blocks', i, 'label'], label === '' ? undefined : label);
}

/** Copies blocks (and the edges between them) into the flow with fresh ids. Returns the new ids. */
function insertCopies(
  tx: Tx,
  source: { blocks: Block[]; edges: Flow['edges'] },
  offset: XY,
  options: { keepIdsWhenFree: boolean; keepOutsideRefs: boolean },
): Map<string, string> {
  const idMap = new Map<string, string>();
  const copies: Block[] = [];
  for (const b of source.blocks) {
    if (isEntryKind(b.kind)) continue;
    if (idMap.has(b.id)) continue; // a duplicated id in a hostile clipboard: first one wins
    const id = options.keepIdsWhenFree && !tx.ids.has(b.id) ? b.id : tx.freshId(b.kind);
    tx.ids.add(id);
    idMap.set(b.id, id);
    copies.push(b);
  }
  for (const b of copies) {
    const id = idMap.get(b.id)!;
    let data = cloneJson(b.data) as Record<string, unknown>;
    for (const field of blockRefFieldsOf(b.kind)) {
      const target = readPath(data, field);
      if (typeof target !== 'string' || target === '') continue;
      const mapped = idMap.get(target) ?? (options.keepOutsideRefs && tx.blockIndex(target) >= 0 ? target : '');
      data = setAtPath(data, field, mapped, `Block '${id}'`) as Record<string, unknown>;
    }
    const copy: Record<string, unknown> = { id, kind: b.kind };
    if (b.position) copy.position = { x: b.position.x + offset.x, y: b.position.y + offset.y };
    if (b.label) copy.label = b.label;
    copy.data = parseData(b.kind, data, id);
    tx.addBlock(copy as Block);
  }
  const wired = new Set<string>();
  const exitsById = new Map(copies.map((b) => [b.id, new Set(exitsOfBlock(b))]));
  for (const e of source.edges) {
    const from = idMap.get(e.from);
    const to = idMap.get(e.to);
    if (!from || !to) continue;
    if (!exitsById.get(e.from)!.has(e.exit)) continue;
    if (wired.has(`${from}\u0000${e.exit}`)) continue;
    wired.add(`${from}\u0000${e.exit}`);
    tx.addEdge({ id: tx.freshId('e', tx.edgeIds), from, exit: e.exit, to });
  }
  return idMap;
}

function duplicateBlocks(tx: Tx, edit: Op<'duplicate_blocks'>): void {
  const ids = requireIds(edit.ids, 'duplicate_blocks: ids');
  const indices = ids.map((id) => requireBlock(tx, id));
  if (indices.some((i) => isEntryKind(tx.blocks[i].kind)))
    throw new FlowEditError('not_allowed', 'The Start block cannot be duplicated: a flow has one.');
  const offset = edit.offset === undefined ? DEFAULT_OFFSET : requireXY(edit.offset, 'The offset');
  const chosen = new Set(ids);
  const blocks = indices.sort((a, b) => a - b).map((i) => plain(blockAt(tx, i)) as Block);
  const edges = tx.edges.filter((e) => chosen.has(e.from) && chosen.has(e.to));
  const idMap = insertCopies(tx, { blocks, edges }, offset, { keepIdsWhenFree: false, keepOutsideRefs: true });
  tx.selection = [...idMap.values()];
}

function paste(tx: Tx, edit: Op<'paste'>): void {
  const doc = parseClipboard(edit.clipboard);
  const sameFlow = doc.sourceFlowId !== '' && doc.sourceFlowId === tx.draft.id;
  let offset: XY = sameFlow ? DEFAULT_OFFSET : { x: 0, y: 0 };
  if (edit.position !== undefined) {
    const at = requireXY(edit.position, 'The paste position');
    const xs = [...doc.blocks.flatMap((b) => (b.position ? [b.position] : [])), ...doc.notes.map((n) => n.position)];
    if (xs.length > 0) {
      const minX = Math.min(...xs.map((p) => p.x));
      const minY = Math.min(...xs.map((p) => p.y));
      offset = { x: at.x - minX, y: at.y - minY };
    }
  }
  // Variables the blocks use that this flow does not declare yet.
  const declared = new Set((tx.draft.variables ?? []).map((v) => v.name));
  for (const v of doc.variables) {
    if (declared.has(v.name) || builtins.has(v.name) || FORBIDDEN_NAMES.has(v.name)) continue;
    ensureList(tx, 'variables');
    tx.insert(['variables'], tx.draft.variables.length, v);
    declared.add(v.name);
  }
  const idMap = insertCopies(tx, doc, offset, { keepIdsWhenFree: true, keepOutsideRefs: sameFlow });
  const newNotes: string[] = [];
  for (const n of doc.notes) {
    const id = tx.ids.has(n.id) ? tx.freshId('note') : n.id;
    tx.ids.add(id);
    ensureList(tx, 'notes');
    tx.insert(['notes'], notes(tx).length, { ...n, id, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } });
    newNotes.push(id);
  }
  for (const g of doc.groups) {
    const members = g.blockIds.map((id) => idMap.get(id)).filter((id): id is string => id !== undefined);
    if (members.length === 0) continue;
    const id = tx.ids.has(g.id) ? tx.freshId('group') : g.id;
    tx.ids.add(id);
    // A block belongs to one group; these are new blocks, so no other group holds them.
    ensureList(tx, 'groups');
    tx.insert(['groups'], groups(tx).length, { ...g, id, blockIds: [...new Set(members)] });
  }
  tx.selection = [...idMap.values(), ...newNotes];
}

function setBlockData(tx: Tx, edit: Op<'set_block_data'>): void {
  const i = requireBlock(tx, edit.id);
  if (!isPlainObject(edit.data)) throw new FlowEditError('invalid_data', 'set_block_data needs a data object.');
  const { id, kind } = tx.blocks[i];
  const before = plain(blockAt(tx, i).data);
  const data = parseData(kind, deepMerge(before, edit.data, `Block '${id}'`), id);
  dropEdgesOfVanishedExits(tx, id, kind, before, data);
  writeData(tx, i, before, data);
}

/**
 * A data edit that removes exits (options replaced wholesale by the inspector, say) takes the edges leaving
 * through those exits with it, as `remove_option` does; edges stay attached to exits that remain.
 */
function dropEdgesOfVanishedExits(tx: Tx, id: string, kind: BlockKind, before: unknown, after: Record<string, unknown>): void {
  const exitsBefore = new Set(exitsOfBlock({ id, kind, data: before } as Block));
  const exitsAfter = new Set(exitsOfBlock({ id, kind, data: after } as Block));
  const gone: number[] = [];
  tx.edges.forEach((e, ei) => {
    if (e.from === id && exitsBefore.has(e.exit) && !exitsAfter.has(e.exit)) gone.push(ei);
  });
  if (gone.length) tx.removeEdges(gone);
}

function setBlockField(tx: Tx, edit: Op<'set_block_field'>): void {
  const i = requireBlock(tx, edit.id);
  if (!Array.isArray(edit.path) || edit.path.length === 0 || edit.path.some((p) => typeof p !== 'string' && typeof p !== 'number'))
    throw new FlowEditError('invalid_data', 'set_block_field needs a path like ["autoAssign", "enabled"].');
  const { id, kind } = tx.blocks[i];
  const before = plain(blockAt(tx, i).data);
  const data = parseData(kind, setAtPath(before, edit.path, edit.value, `Block '${id}'`), id);
  dropEdgesOfVanishedExits(tx, id, kind, before, data);
  writeData(tx, i, before, data);
}

/** Writes only the top-level data fields that changed (small patches, stable identities elsewhere). */
function writeData(tx: Tx, i: number, before: unknown, after: Record<string, unknown>): void {
  followIntentRenames(tx, i, before, after);
  if (!isPlainObject(before)) {
    tx.set(['blocks', i, 'data'], after);
    return;
  }
  for (const key of Object.keys(before)) if (!(key in after)) tx.set(['blocks', i, 'data', key], undefined);
  for (const [key, value] of Object.entries(after)) {
    if (!sameJson(before[key], value)) tx.set(['blocks', i, 'data', key], value);
  }
}

/**
 * An intent renamed in an intent router is renamed in the escalation policy's sensitive topics too, unless
 * another intent (in any block) still has the old name.
 */
function followIntentRenames(tx: Tx, i: number, before: unknown, after: Record<string, unknown>): void {
  const kind = tx.blocks[i].kind;
  const oldNames = intentNamesById(kind, before);
  if (!oldNames) return;
  const newNames = intentNamesById(kind, after)!;
  const renames = new Map<string, string>();
  for (const [id, oldName] of oldNames) {
    const newName = newNames.get(id);
    if (newName !== undefined && newName !== oldName) renames.set(oldName, newName);
  }
  if (renames.size === 0) return;
  // Names still defined elsewhere (other blocks, or another intent of this block) keep their references.
  const stillDefined = new Set(newNames.values());
  tx.blocks.forEach((b, bi) => {
    if (bi === i) return;
    const names = intentNamesById(b.kind, null);
    if (!names) return;
    for (const name of intentNamesById(b.kind, plain(blockAt(tx, bi).data))!.values()) stillDefined.add(name);
  });
  const topics = plain(tx.draft.escalation?.sensitiveTopics?.topics) as { intents?: string[] }[] | undefined;
  if (!Array.isArray(topics)) return;
  topics.forEach((topic, k) => {
    if (!Array.isArray(topic.intents)) return;
    const next = topic.intents.map((name) => (renames.has(name) && !stillDefined.has(name) ? renames.get(name)! : name));
    if (!sameJson(next, topic.intents)) tx.set(['escalation', 'sensitiveTopics', 'topics', k, 'intents'], next);
  });
}

/* ------------------------------------------------------------------ options (exits) */

function optionContext(tx: Tx, blockId: unknown) {
  const i = requireBlock(tx, blockId);
  const { id, kind } = tx.blocks[i];
  const list = optionListOf(kind);
  if (!list) throw new FlowEditError('not_allowed', `Block '${id}' (${labelOf(kind)}) has no options.`);
  const items = plain(readPath(blockAt(tx, i).data, [list.field])) as Record<string, unknown>[];
  return { i, id, kind, list, items };
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);

function addOption(tx: Tx, edit: Op<'add_option'>): void {
  const { i, id, kind, list, items } = optionContext(tx, edit.blockId);
  const label = edit.label === undefined ? '' : requireString(edit.label, 'The option label').trim();
  const block = plain(blockAt(tx, i)) as Block;
  const taken = new Set(exitsOfBlock(block));
  let optionId: string;
  if (edit.id !== undefined) {
    optionId = checkId(edit.id, `The ${list.noun} id`);
    if (taken.has(optionId)) throw new FlowEditError('id_taken', `Block '${id}' already has an exit '${optionId}'.`);
  } else {
    const s = slug(label);
    if (s && !taken.has(s) && !FORBIDDEN_NAMES.has(s)) optionId = s;
    else {
      let n = items.length + 1;
      while (taken.has(`${list.noun}-${n}`)) n++;
      optionId = `${list.noun}-${n}`;
    }
  }
  const index = edit.index === undefined ? items.length : edit.index;
  if (!Number.isInteger(index) || index < 0 || index > items.length)
    throw new FlowEditError('invalid_data', `Position ${index} is outside the ${items.length} ${list.noun}s of block '${id}'.`);
  const item = list.make(optionId, label, items.length + 1);
  // Check the item against the kind's schema before inserting it.
  const nextItems = [...items.slice(0, index), item, ...items.slice(index)];
  const parsed = parseData(kind, { ...(plain(blockAt(tx, i).data) as object), [list.field]: nextItems }, id);
  tx.insert(['blocks', i, 'data', list.field], index, (parsed[list.field] as unknown[])[index]);
}

function optionIndex(items: Record<string, unknown>[], optionId: unknown, blockId: string, noun: string): number {
  const k = items.findIndex((o) => o.id === optionId);
  if (k < 0) throw new FlowEditError('unknown_option', `Block '${blockId}' has no ${noun} '${String(optionId)}'.`);
  return k;
}

function removeOption(tx: Tx, edit: Op<'remove_option'>): void {
  const { i, id, list, items } = optionContext(tx, edit.blockId);
  const k = optionIndex(items, edit.optionId, id, list.noun);
  const edgeIdx: number[] = [];
  tx.edges.forEach((e, ei) => {
    if (e.from === id && e.exit === edit.optionId) edgeIdx.push(ei);
  });
  tx.removeEdges(edgeIdx);
  tx.removeAt(['blocks', i, 'data', list.field], k);
}

function reorderOption(tx: Tx, edit: Op<'reorder_option'>): void {
  const { i, id, list, items } = optionContext(tx, edit.blockId);
  const k = optionIndex(items, edit.optionId, id, list.noun);
  const to = edit.toIndex;
  if (!Number.isInteger(to) || to < 0 || to >= items.length)
    throw new FlowEditError('invalid_data', `Position ${to} is outside the ${items.length} ${list.noun}s of block '${id}'.`);
  if (to === k) return;
  tx.removeAt(['blocks', i, 'data', list.field], k);
  tx.insert(['blocks', i, 'data', list.field], to, items[k]);
}

/* ------------------------------------------------------------------ variables */

function checkVariableName(name: unknown): string {
  if (typeof name !== 'string') throw new FlowEditError('invalid_data', 'A variable name must be text.');
  if (FORBIDDEN_NAMES.has(name) || name.split('.').some((part) => FORBIDDEN_NAMES.has(part)))
    throw new FlowEditError('invalid_data', `'${name}' cannot be a variable name.`);
  if (builtins.has(name))
    throw new FlowEditError('invalid_data', `'${name}' is set by Baton itself; pick another name for your variable.`);
  parseWith(variableSchema.shape.name, name, `Variable name '${name}'`);
  return name;
}

function variableIndex(tx: Tx, name: unknown): number {
  const k = (tx.draft.variables ?? []).findIndex((v) => v.name === name);
  if (k < 0) throw new FlowEditError('unknown_variable', `There is no variable '${String(name)}'.`);
  return k;
}

function addVariable(tx: Tx, edit: Op<'add_variable'>): void {
  if (!isPlainObject(edit.variable)) throw new FlowEditError('invalid_data', 'add_variable needs a variable { name, type? }.');
  const name = checkVariableName(edit.variable.name);
  if ((tx.draft.variables ?? []).some((v) => v.name === name))
    throw new FlowEditError('id_taken', `There is already a variable '${name}'.`);
  const variable = parseWith(variableSchema, edit.variable, `Variable '${name}'`);
  ensureList(tx, 'variables');
  tx.insert(['variables'], tx.draft.variables.length, variable);
}

function updateVariable(tx: Tx, edit: Op<'update_variable'>): void {
  const k = variableIndex(tx, edit.name);
  if (!isPlainObject(edit.changes)) throw new FlowEditError('invalid_data', 'update_variable needs changes { type?, default?, description?, signed? }.');
  if ('name' in edit.changes && edit.changes.name !== edit.name)
    throw new FlowEditError('not_allowed', 'Use rename_variable to rename a variable (it updates every use).');
  const before = plain(tx.draft.variables[k]) as Variable;
  const merged: Record<string, unknown> = { ...before };
  for (const [key, value] of Object.entries(edit.changes)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  const after = parseWith(variableSchema, merged, `Variable '${before.name}'`);
  if (!sameJson(before, after)) tx.set(['variables', k], after);
}

function renameVariable(tx: Tx, edit: Op<'rename_variable'>): void {
  const from = requireString(edit.from, 'rename_variable: from');
  const k = variableIndex(tx, from);
  const to = checkVariableName(edit.to);
  if (to === from) return;
  if ((tx.draft.variables ?? []).some((v) => v.name === to)) throw new FlowEditError('id_taken', `There is already a variable '${to}'.`);
  tx.set(['variables', k, 'name'], to);
  tx.rawList(tx.draft.blocks as Block[]).forEach((b, i) => {
    const data = isDraft(b) ? current(b.data) : b.data;
    const renamed = renameVariableIn(data, from, to);
    if (renamed !== data) writeData(tx, i, cloneJson(data), cloneJson(renamed) as Record<string, unknown>);
  });
  for (const field of ['settings', 'escalation'] as const) {
    const value = plain(tx.draft[field]) as unknown;
    if (!isPlainObject(value)) continue;
    const renamed = renameVariableIn(value, from, to);
    if (renamed === value) continue;
    for (const [key, v] of Object.entries(renamed)) if (!sameJson(value[key], v)) tx.set([field, key], v);
  }
}

function deleteVariable(tx: Tx, edit: Op<'delete_variable'>): void {
  tx.removeAt(['variables'], variableIndex(tx, edit.name));
}

/* ------------------------------------------------------------------ flow-level */

function setFlowInfo(tx: Tx, edit: Op<'set_flow_info'>): void {
  if (edit.name !== undefined) {
    const name = requireString(edit.name, 'The flow name').trim();
    if (name === '' || name.length > 200) throw new FlowEditError('invalid_data', 'The flow name must be 1 to 200 characters.');
    tx.set(['name'], name);
  }
  if (edit.description !== undefined) tx.set(['description'], requireString(edit.description, 'The description'));
  if (edit.id !== undefined) {
    const id = requireString(edit.id, 'The flow id');
    const problem = flowIdProblem(id);
    if (problem) throw new FlowEditError('invalid_data', problem);
    tx.set(['id'], id);
  }
}

function mergeSection(tx: Tx, field: 'settings' | 'escalation', patch: unknown, schema: typeof settingsSchema | typeof escalationPolicySchema, where: string) {
  if (!isPlainObject(patch)) throw new FlowEditError('invalid_data', `${where} must be an object.`);
  const before = plain(tx.draft[field]) as Record<string, unknown>;
  const after = parseWith(schema as typeof settingsSchema, deepMerge(before ?? {}, patch, where), where) as Record<string, unknown>;
  if (!isPlainObject(before)) {
    tx.set([field], after);
    return;
  }
  for (const [key, value] of Object.entries(after)) if (!sameJson(before[key], value)) tx.set([field, key], value);
}

function setSettings(tx: Tx, edit: Op<'set_settings'>): void {
  mergeSection(tx, 'settings', edit.settings, settingsSchema, 'Flow settings');
}

function setEscalation(tx: Tx, edit: Op<'set_escalation'>): void {
  const target = isPlainObject(edit.escalation) ? edit.escalation.targetBlockId : undefined;
  if (typeof target === 'string' && target !== '' && tx.blockIndex(target) < 0)
    throw new FlowEditError('unknown_block', `The escalation target '${target}' is not a block of this flow.`);
  mergeSection(tx, 'escalation', edit.escalation, escalationPolicySchema, 'Escalation policy');
}

/* ------------------------------------------------------------------ sticky notes and groups */

function addNote(tx: Tx, edit: Op<'add_note'>): void {
  let id: string;
  if (edit.id !== undefined) {
    id = checkId(edit.id, 'A note id');
    if (tx.ids.has(id)) throw new FlowEditError('id_taken', `The id '${id}' is already used in this flow.`);
  } else id = tx.freshId('note');
  const note = parseWith(
    stickyNoteSchema,
    { id, text: edit.text ?? '', position: requireXY(edit.position, 'The note position'), ...(edit.size ? { size: edit.size } : {}), ...(edit.color ? { color: edit.color } : {}) },
    `Note '${id}'`,
  );
  ensureList(tx, 'notes');
  tx.insert(['notes'], notes(tx).length, note);
  tx.ids.add(id);
  tx.selection = [id];
}

function updateNote(tx: Tx, edit: Op<'update_note'>): void {
  const id = requireString(edit.id, 'update_note: id');
  const n = noteIndex(tx, id);
  if (n < 0) throw new FlowEditError('unknown_note', `There is no note '${id}'.`);
  const before = plain(notes(tx)[n]) as Record<string, unknown>;
  const merged = { ...before };
  for (const key of ['text', 'position', 'size', 'color'] as const) if (edit[key] !== undefined) merged[key] = edit[key];
  const after = parseWith(stickyNoteSchema, merged, `Note '${id}'`) as Record<string, unknown>;
  for (const [key, value] of Object.entries(after)) if (!sameJson(before[key], value)) tx.set(['notes', n, key], value);
}

function deleteNotes(tx: Tx, edit: Op<'delete_notes'>): void {
  const ids = requireIds(edit.ids, 'delete_notes: ids');
  const indices = ids.map((id) => {
    const n = noteIndex(tx, id);
    if (n < 0) throw new FlowEditError('unknown_note', `There is no note '${id}'.`);
    return n;
  });
  for (const n of indices.sort((a, b) => b - a)) {
    tx.ids.delete(notes(tx)[n].id);
    tx.removeAt(['notes'], n);
  }
}

function groupMembers(tx: Tx, ids: unknown, what: string): string[] {
  const list = requireIds(ids, what);
  if (list.length === 0) throw new FlowEditError('invalid_data', 'A group needs at least one block.');
  for (const id of list) requireBlock(tx, id);
  return list;
}

function group(tx: Tx, edit: Op<'group'>): void {
  const members = groupMembers(tx, edit.ids, 'group: ids');
  let id: string;
  if (edit.id !== undefined) {
    id = checkId(edit.id, 'A group id');
    if (tx.ids.has(id)) throw new FlowEditError('id_taken', `The id '${id}' is already used in this flow.`);
  } else id = tx.freshId('group');
  const g = parseWith(
    blockGroupSchema,
    { id, blockIds: members, ...(edit.title !== undefined ? { title: edit.title } : {}), ...(edit.color !== undefined ? { color: edit.color } : {}) },
    `Group '${id}'`,
  );
  dropFromGroups(tx, new Set(members));
  ensureList(tx, 'groups');
  tx.insert(['groups'], groups(tx).length, g);
  tx.ids.add(id);
  tx.selection = [...members];
}

function updateGroup(tx: Tx, edit: Op<'update_group'>): void {
  const id = requireString(edit.id, 'update_group: id');
  let gi = groupIndex(tx, id);
  if (gi < 0) throw new FlowEditError('unknown_group', `There is no group '${id}'.`);
  const before = plain(groups(tx)[gi]) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...before };
  if (edit.title !== undefined) merged.title = edit.title;
  if (edit.color !== undefined) merged.color = edit.color;
  if (edit.blockIds !== undefined) {
    const members = groupMembers(tx, edit.blockIds, 'update_group: blockIds');
    merged.blockIds = members;
    // Members leave any other group first.
    const others = new Set(members.filter((m) => !(before.blockIds as string[]).includes(m)));
    const gs = groups(tx);
    for (let k = gs.length - 1; k >= 0; k--) {
      if (k === gi || !gs[k].blockIds.some((m) => others.has(m))) continue;
      const kept = gs[k].blockIds.filter((m) => !others.has(m));
      if (kept.length === 0) {
        tx.ids.delete(gs[k].id);
        tx.removeAt(['groups'], k);
        if (k < gi) gi--;
      } else tx.set(['groups', k, 'blockIds'], kept);
    }
  }
  const after = parseWith(blockGroupSchema, merged, `Group '${id}'`) as Record<string, unknown>;
  for (const [key, value] of Object.entries(after)) if (!sameJson(before[key], value)) tx.set(['groups', gi, key], value);
}

function ungroup(tx: Tx, edit: Op<'ungroup'>): void {
  const id = requireString(edit.id, 'ungroup: id');
  const gi = groupIndex(tx, id);
  if (gi < 0) throw new FlowEditError('unknown_group', `There is no group '${id}'.`);
  tx.ids.delete(id);
  tx.removeAt(['groups'], gi);
  tx.selection = [];
}
