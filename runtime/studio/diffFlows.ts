/**
 * A readable difference between two versions of a flow, for the version history: blocks added, removed and
 * changed (with each changed field's path and its value before and after), edges added and removed, other
 * fields of the document changed, and a one-line summary. Moving a block is reported apart from changing it.
 *
 * Pure (no Node, DOM or clock): the studio server computes it, the renderer could too.
 */
import { blockFieldWords, blockNameWords } from './blockFieldWords';
import { cutUnits } from '../../shared/engine/unicodeText';

export interface FieldChange {
  /** Path inside the block or document, e.g. "data.options[1].label" or "escalation.loop.count". */
  path: string;
  before: unknown;
  after: unknown;
}

export interface BlockRef {
  id: string;
  kind: string;
  label?: string;
}

export interface BlockChange extends BlockRef {
  fields: FieldChange[];
  /** Only the position changed (or it changed too). */
  moved: boolean;
}

export interface EdgeRef {
  id: string;
  from: string;
  exit: string;
  to: string;
}

export interface FlowDiff {
  blocks: { added: BlockRef[]; removed: BlockRef[]; changed: BlockChange[] };
  edges: { added: EdgeRef[]; removed: EdgeRef[] };
  /** Changes outside blocks and edges: name, settings, variables, escalation policy, notes... */
  document: FieldChange[];
  /** e.g. "2 blocks added, 1 block changed, 1 connection removed" or "no changes". */
  summary: string;
  identical: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const isEmpty = (v: unknown) => (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);

const MAX_VALUE = 200;
/**
 * A text field is kept whole up to MAX_TEXT (newcomer s46 N14: "Now" was cut at 200 characters with "…", so the change
 * near the end of a long message could not be seen; the history shows a word-level diff of the whole texts).
 */
const MAX_TEXT = 10_000;
/** Keeps big values readable in a list (texts whole up to MAX_TEXT). */
function shorten(v: unknown): unknown {
  if (typeof v === 'string') return v.length > MAX_TEXT ? cutUnits(v, MAX_TEXT) + '…' : v;
  if (v === undefined) return undefined;
  const s = JSON.stringify(v);
  return s !== undefined && s.length > MAX_VALUE ? cutUnits(s, MAX_VALUE) + '…' : v;
}

function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}

/** Leaf-level differences between two JSON values. Arrays of scalars are compared whole. */
export function diffValues(before: unknown, after: unknown, path = '', out: FieldChange[] = []): FieldChange[] {
  if (before === after) return out;
  // A missing list or object and an empty one say the same (newcomer s12 #2: a template without "notes" and "groups"
  // and the studio's copy with [] for both read "2 settings changed: sticky notes, groups" although nobody touched them).
  if ((before === undefined && isEmpty(after)) || (after === undefined && isEmpty(before))) return out;
  if (isObj(before) && isObj(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const k of keys) diffValues(before[k], after[k], joinPath(path, k), out);
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length && before.some((x) => typeof x === 'object' && x !== null)) {
    before.forEach((b, i) => diffValues(b, after[i], joinPath(path, i), out));
    return out;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return out;
  out.push({ path: path || '$', before: shorten(before), after: shorten(after) });
  return out;
}

function blockRef(b: Obj): BlockRef {
  const ref: BlockRef = { id: String(b.id), kind: String(b.kind) };
  if (typeof b.label === 'string' && b.label !== '') ref.label = b.label;
  return ref;
}

function edgeKey(e: Obj): string {
  return `${String(e.from)}\u0000${String(e.exit)}\u0000${String(e.to)}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function diffFlows(beforeFlow: unknown, afterFlow: unknown): FlowDiff {
  const before = isObj(beforeFlow) ? beforeFlow : {};
  const after = isObj(afterFlow) ? afterFlow : {};
  const beforeBlocks = (Array.isArray(before.blocks) ? before.blocks : []).filter(isObj);
  const afterBlocks = (Array.isArray(after.blocks) ? after.blocks : []).filter(isObj);
  const beforeById = new Map(beforeBlocks.map((b) => [String(b.id), b]));
  const afterById = new Map(afterBlocks.map((b) => [String(b.id), b]));

  const added = afterBlocks.filter((b) => !beforeById.has(String(b.id))).map(blockRef);
  const removed = beforeBlocks.filter((b) => !afterById.has(String(b.id))).map(blockRef);
  const changed: BlockChange[] = [];
  for (const b of afterBlocks) {
    const old = beforeById.get(String(b.id));
    if (!old) continue;
    const { position: p1, ...rest1 } = old;
    const { position: p2, ...rest2 } = b;
    const fields = diffValues(rest1, rest2);
    const moved = JSON.stringify(p1) !== JSON.stringify(p2);
    if (fields.length > 0 || moved) changed.push({ ...blockRef(b), fields, moved });
  }

  const beforeEdges = (Array.isArray(before.edges) ? before.edges : []).filter(isObj);
  const afterEdges = (Array.isArray(after.edges) ? after.edges : []).filter(isObj);
  const beforeKeys = new Set(beforeEdges.map(edgeKey));
  const afterKeys = new Set(afterEdges.map(edgeKey));
  const edgeRef = (e: Obj): EdgeRef => ({ id: String(e.id), from: String(e.from), exit: String(e.exit), to: String(e.to) });
  const edgesAdded = afterEdges.filter((e) => !beforeKeys.has(edgeKey(e))).map(edgeRef);
  const edgesRemoved = beforeEdges.filter((e) => !afterKeys.has(edgeKey(e))).map(edgeRef);

  const { blocks: _b1, edges: _e1, ...docBefore } = before;
  const { blocks: _b2, edges: _e2, ...docAfter } = after;
  const document = diffValues(docBefore, docAfter);

  const logicChanged = changed.filter((c) => c.fields.length > 0).length;
  const movedOnly = changed.filter((c) => c.fields.length === 0).length;
  const parts: string[] = [];
  if (added.length) parts.push(`${plural(added.length, 'block', 'blocks')} added`);
  if (removed.length) parts.push(`${plural(removed.length, 'block', 'blocks')} removed`);
  if (logicChanged) parts.push(`${plural(logicChanged, 'block', 'blocks')} changed`);
  if (movedOnly) parts.push(`${plural(movedOnly, 'block', 'blocks')} moved`);
  if (edgesAdded.length) parts.push(`${plural(edgesAdded.length, 'connection', 'connections')} added`);
  if (edgesRemoved.length) parts.push(`${plural(edgesRemoved.length, 'connection', 'connections')} removed`);
  if (document.length) parts.push(`${plural(document.length, 'setting', 'settings')} changed`);
  const identical = parts.length === 0;
  return {
    blocks: { added, removed, changed },
    edges: { added: edgesAdded, removed: edgesRemoved },
    document,
    summary: identical ? 'no changes' : withDetails(parts.join(', '), { added, removed, changed, edgesAdded, edgesRemoved, document, names: nameOf(beforeBlocks, afterBlocks) }),
    identical,
  };
}

/* ------------------------------------------------------------------ what changed, in words */

const MAX_NAMES = 3;
const listNames = (names: string[]) => (names.length <= MAX_NAMES ? names.join(', ') : `${names.slice(0, MAX_NAMES).join(', ')} +${names.length - MAX_NAMES} more`);

function nameOf(beforeBlocks: Obj[], afterBlocks: Obj[]): (id: string) => string {
  const names = new Map<string, string>();
  for (const b of [...beforeBlocks, ...afterBlocks]) {
    // The name the canvas shows (newcomer s16 #5: an unnamed block was listed by its id, "message-1").
    const label = blockNameWords(String(b.kind), b.label);
    names.set(String(b.id), `"${label.length > 40 ? cutUnits(label, 40) + '…' : label}"`);
  }
  return (id) => names.get(id) ?? `"${id}"`;
}

/**
 * A changed field as the inspector names it (newcomer s16 #5: the list said "(text)" where the diff table says
 * "Message"): list items are grouped under their list ("data.options[1].label" -> "Buttons"); autoAssign and
 * validation settings keep their second level ("Auto-assign › Enabled").
 */
function fieldWords(kind: string, path: string): string {
  const parts = path.replace(/\[\d+\]/g, '').split('.');
  const inData = parts[0] === 'data';
  const rest = inData ? parts.slice(1) : parts;
  const grouped = rest.slice(0, rest[0] === 'autoAssign' || rest[0] === 'validation' ? 2 : 1).join('.');
  return blockFieldWords(kind, inData ? `data.${grouped}` : grouped);
}

/**
 * The counts, then the names: "1 block changed: "Welcome" (text)"; "2 blocks added, 1 connection added:
 * added "Ask name", "Thanks"; connected "Start" → "Ask name"". The counts come first so a list stays
 * scannable; the names say which blocks and fields.
 */
function withDetails(
  counts: string,
  d: { added: BlockRef[]; removed: BlockRef[]; changed: BlockChange[]; edgesAdded: EdgeRef[]; edgesRemoved: EdgeRef[]; document: FieldChange[]; names: (id: string) => string },
): string {
  const details: string[] = [];
  if (d.added.length) details.push(`added ${listNames(d.added.map((b) => d.names(b.id)))}`);
  if (d.removed.length) details.push(`removed ${listNames(d.removed.map((b) => d.names(b.id)))}`);
  const logic = d.changed.filter((c) => c.fields.length > 0);
  if (logic.length) {
    details.push(
      `changed ${listNames(
        logic.map((c) => {
          const fields = [...new Set(c.fields.map((f) => fieldWords(c.kind, f.path)))];
          return `${d.names(c.id)} (${fields.slice(0, 3).join(', ')}${fields.length > 3 ? ', …' : ''})`;
        }),
      )}`,
    );
  }
  const moved = d.changed.filter((c) => c.fields.length === 0 && c.moved);
  if (moved.length && moved.length <= MAX_NAMES) details.push(`moved ${listNames(moved.map((c) => d.names(c.id)))}`);
  if (d.edgesAdded.length && d.edgesAdded.length <= 2) details.push(`connected ${d.edgesAdded.map((e) => `${d.names(e.from)} → ${d.names(e.to)}`).join(', ')}`);
  if (d.edgesRemoved.length && d.edgesRemoved.length <= 2) details.push(`disconnected ${d.edgesRemoved.map((e) => `${d.names(e.from)} → ${d.names(e.to)}`).join(', ')}`);
  if (d.document.length) details.push(`flow settings: ${listNames([...new Set(d.document.map((f) => documentFieldWords(f.path)))])}`);
  return details.length ? `${counts}: ${details.join('; ')}` : counts;
}

const DOCUMENT_WORDS: Record<string, string> = {
  id: 'flow id',
  name: 'name',
  description: 'description',
  variables: 'variables',
  notes: 'sticky notes',
  groups: 'groups',
  'settings.language': 'language',
  'settings.timezone': 'time zone',
  'settings.fallbackMessage': 'fallback message',
  'settings.restartMessage': 'restart message',
  'settings.closedCourtesyMessage': 'reply to thanks after the end',
  'settings.shopQuestionMessage': 'reply to a shop question the bot cannot answer',
  'escalation.enabled': 'automatic escalation on/off',
  'escalation.targetBlockId': 'escalation target',
  'escalation.mode': 'escalation mode',
};

/** A flow-level field in the words of Flow settings: "escalation (sensitive topics)", not "escalation.sensitiveTopics" (newcomer s6 #10). */
export function documentFieldWords(path: string): string {
  const parts = path.replace(/\[\d+\]/g, '').split('.');
  const two = parts.slice(0, 2).join('.');
  if (DOCUMENT_WORDS[two]) return DOCUMENT_WORDS[two];
  if (DOCUMENT_WORDS[parts[0]]) return DOCUMENT_WORDS[parts[0]];
  const words = (s: string) => s.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return parts.length > 1 ? `${words(parts[0])} (${words(parts[1])})` : words(parts[0]);
}
