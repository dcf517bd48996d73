/**
 * "Replace with mine…" in a stale window (session 16, newcomer s13 #9 rest): before this window's flow is saved over the
 * version another window saved, the confirmation names what that undoes. Pure: three flows in, sentences out.
 *
 * - `base`: the version this window's edits were made on; `latest`: the other window's version; `mine`: this window.
 * - The other window's changes are diff(base, latest). Saving mine changes diff(latest, mine). A change of theirs is undone
 *   when saving mine changes the same thing back (the same block added/removed, field path, connection, setting); a
 *   change both windows made the same way is not undone and is not listed.
 * - Without `base` (the history no longer has it) the other window's changes cannot be told from this window's: the
 *   confirmation lists every difference from the latest version instead (`exact: false`).
 */
import { cutUnits } from '../../../shared/engine/unicodeText';
import type { Flow } from '../../../shared/flow/schema';
import { diffFlows, type BlockRef, type EdgeRef, type FlowDiff } from '../../../runtime/studio/diffFlows';
import { blockFieldWords, settingWords, valueWords } from '../history/fieldWords';
import { blockNameWords } from '../../../runtime/studio/blockFieldWords';

export interface ReplaceDescription {
  /** One line per thing of the other window's that saving mine undoes (or, `exact: false`, per difference from the latest). */
  undone: string[];
  /** What this window changed since the version it opened ("2 blocks changed" ...), or null without a base. */
  mine: string | null;
  /** True when the other window's changes could be told apart (the base version was found). */
  exact: boolean;
}

const edgeKey = (e: EdgeRef) => `${e.from}\u0000${e.exit}\u0000${e.to}`;

/** At most `max` characters of a text on one line, "…" when cut (never inside a surrogate pair). */
function short(text: string, max = 60): string {
  const one = text.replace(/\s+/g, ' ').trim();
  if (one.length <= max) return one;
  return `${cutUnits(one, max - 1).trimEnd()}…`;
}

/** What a block says or asks (its first non-empty text field), for a block without a label. */
function blockText(data: unknown): string | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  for (const k of ['text', 'question', 'prompt', 'message', 'title']) if (typeof d[k] === 'string' && (d[k] as string).trim()) return d[k] as string;
  for (const v of Object.values(d)) if (typeof v === 'string' && v.trim()) return v;
  return null;
}

/**
 * Newcomer s17 N#2: "The block message-1 (message) it added is removed" named a block by its internal id and kind.
 * Now as the canvas shows it: the kind's label ("Message") and the designer's label, or what the block says.
 * `withKind`: "the Message block “…”" (a block added or deleted), else "“…”" (a block changed).
 */
function blockNamer(...flows: (Flow | null)[]) {
  const blocks = new Map<string, { kind: string; label?: string; data?: unknown }>();
  for (const f of flows) for (const b of f?.blocks ?? []) if (!blocks.has(b.id)) blocks.set(b.id, b);
  return (ref: Pick<BlockRef, 'id' | 'kind' | 'label'>, withKind = false): string => {
    const b = blocks.get(ref.id) ?? ref;
    const kind = blockNameWords(b.kind, undefined);
    const label = typeof b.label === 'string' && b.label.trim() ? b.label.trim() : null;
    const said = label ? null : blockText((b as { data?: unknown }).data);
    const quoted = label ? `“${short(label)}”` : said ? `“${short(said)}”` : null;
    if (withKind) return quoted ? `the ${kind} block ${quoted}` : `a ${kind} block with no text`;
    if (label) return quoted!;
    return quoted ? `the ${kind} block ${quoted}` : `the ${kind} block`;
  };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "Message (“their text” → “yours”)": a field with the value the other window gave it and the one saving gives it. */
function fieldChange(words: string, theirs: unknown, yours: unknown): string {
  const shown = (v: unknown) => (typeof v === 'string' || typeof v === 'boolean' || Array.isArray(v) || v === undefined || v === null ? valueWords(v) : null);
  const a = shown(theirs);
  const b = shown(yours);
  if (a === null || b === null || (typeof theirs === 'object' && theirs !== null && !Array.isArray(theirs))) return words;
  return `${words} (“${short(a, 48)}” → “${short(b, 48)}”)`;
}

function linesOf(theirs: FlowDiff, now: FlowDiff, blockName: ReturnType<typeof blockNamer>, exact: boolean): string[] {
  const named = (id: string) => blockName({ id, kind: '' });
  const lines: string[] = [];
  const removedNow = new Set(now.blocks.removed.map((b) => b.id));
  const addedNow = new Set(now.blocks.added.map((b) => b.id));
  const removedEdgesNow = new Set(now.edges.removed.map(edgeKey));
  const addedEdgesNow = new Set(now.edges.added.map(edgeKey));
  const lost = theirs.edges.added.filter((e) => removedEdgesNow.has(edgeKey(e)));
  const back = theirs.edges.removed.filter((e) => addedEdgesNow.has(edgeKey(e)));
  // A block's own connections go and come back with it: said in its line, not one line each.
  const touching = (id: string, edges: EdgeRef[]) => edges.filter((e) => e.from === id || e.to === id).length;
  const withEdges = (n: number) => (n === 0 ? '' : `, with its ${n === 1 ? 'connection' : `${n} connections`}`);
  const blockIds = new Set<string>();
  for (const b of theirs.blocks.added) {
    if (!removedNow.has(b.id)) continue;
    blockIds.add(b.id);
    lines.push(`${capital(blockName(b, true))}${exact ? ' it added' : ''} is removed${withEdges(touching(b.id, lost))}.`);
  }
  for (const b of theirs.blocks.removed) {
    if (!addedNow.has(b.id)) continue;
    blockIds.add(b.id);
    lines.push(`${capital(blockName(b, true))}${exact ? ' it deleted comes back' : ' is added'}${withEdges(touching(b.id, back))}.`);
  }
  const changedNow = new Map(now.blocks.changed.map((c) => [c.id, c]));
  for (const c of theirs.blocks.changed) {
    const mine = changedNow.get(c.id);
    if (!mine) continue;
    const yours = new Map(mine.fields.map((f) => [f.path, f.after]));
    const fields = [...new Set(c.fields.filter((f) => yours.has(f.path)).map((f) => fieldChange(blockFieldWords(c.kind, f.path), f.after, yours.get(f.path))))];
    const moved = c.moved && mine.moved;
    if (fields.length === 0 && !moved) continue;
    const what = [...(fields.length ? [fields.join(', ')] : []), ...(moved ? [exact ? 'its position (moved back)' : 'its position'] : [])].join('; ');
    lines.push(`${capital(blockName(c))}: ${what}.`);
  }
  const alone = (e: EdgeRef) => !blockIds.has(e.from) && !blockIds.has(e.to);
  for (const e of lost.filter(alone)) lines.push(`The connection ${named(e.from)} (${e.exit}) → ${named(e.to)} ${exact ? 'it made is removed' : 'is removed'}.`);
  for (const e of back.filter(alone)) lines.push(`The connection ${named(e.from)} (${e.exit}) → ${named(e.to)} ${exact ? 'it removed comes back' : 'is added'}.`);
  const docNow = new Map(now.document.map((f) => [f.path, f.after]));
  const settings = [...new Set(theirs.document.filter((f) => docNow.has(f.path)).map((f) => fieldChange(settingWords(f.path), f.after, docNow.get(f.path))))];
  if (settings.length) lines.push(`Flow settings: ${settings.join(', ')}.`);
  return lines;
}

export function describeReplace(base: Flow | null, latest: Flow, mine: Flow): ReplaceDescription {
  const now = diffFlows(latest, mine);
  const named = blockNamer(mine, latest, base);
  // Without a base every difference counts as the other window's: diff(mine, latest) is "latest made from mine".
  if (base === null) return { undone: now.identical ? [] : linesOf(diffFlows(mine, latest), now, named, false), mine: null, exact: false };
  const theirs = diffFlows(base, latest);
  const own = diffFlows(base, mine);
  return { undone: linesOf(theirs, now, named, true), mine: own.identical ? null : own.summary, exact: true };
}
