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
import type { Flow } from '../../../shared/flow/schema';
import { diffFlows, type BlockRef, type EdgeRef, type FlowDiff } from '../../../runtime/studio/diffFlows';
import { blockFieldWords, settingWords } from '../history/fieldWords';

export interface ReplaceDescription {
  /** One line per thing of the other window's that saving mine undoes (or, `exact: false`, per difference from the latest). */
  undone: string[];
  /** What this window changed since the version it opened ("2 blocks changed" ...), or null without a base. */
  mine: string | null;
  /** True when the other window's changes could be told apart (the base version was found). */
  exact: boolean;
}

const name = (b: BlockRef) => (b.label ? `“${b.label}”` : b.id);
const edgeKey = (e: EdgeRef) => `${e.from}\u0000${e.exit}\u0000${e.to}`;

function blockNames(...flows: (Flow | null)[]): (id: string) => string {
  const names = new Map<string, string>();
  for (const f of flows) for (const b of f?.blocks ?? []) if (!names.has(b.id)) names.set(b.id, b.label ? `“${b.label}”` : b.id);
  return (id) => names.get(id) ?? id;
}

function linesOf(theirs: FlowDiff, now: FlowDiff, named: (id: string) => string, exact: boolean): string[] {
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
    lines.push(`The block ${name(b)} (${b.kind})${exact ? ' it added' : ''} is removed${withEdges(touching(b.id, lost))}.`);
  }
  for (const b of theirs.blocks.removed) {
    if (!addedNow.has(b.id)) continue;
    blockIds.add(b.id);
    lines.push(exact ? `The block ${name(b)} (${b.kind}) it deleted comes back${withEdges(touching(b.id, back))}.` : `The block ${name(b)} (${b.kind}) is added${withEdges(touching(b.id, back))}.`);
  }
  const changedNow = new Map(now.blocks.changed.map((c) => [c.id, c]));
  for (const c of theirs.blocks.changed) {
    const mine = changedNow.get(c.id);
    if (!mine) continue;
    const paths = new Set(mine.fields.map((f) => f.path));
    const fields = [...new Set(c.fields.filter((f) => paths.has(f.path)).map((f) => blockFieldWords(c.kind, f.path)))];
    const moved = c.moved && mine.moved;
    if (fields.length === 0 && !moved) continue;
    const what = [...(fields.length ? [fields.join(', ')] : []), ...(moved ? [exact ? 'its position (moved back)' : 'its position'] : [])].join('; ');
    lines.push(`${name(c)}: ${what}.`);
  }
  const alone = (e: EdgeRef) => !blockIds.has(e.from) && !blockIds.has(e.to);
  for (const e of lost.filter(alone)) lines.push(`The connection ${named(e.from)} (${e.exit}) → ${named(e.to)} ${exact ? 'it made is removed' : 'is removed'}.`);
  for (const e of back.filter(alone)) lines.push(`The connection ${named(e.from)} (${e.exit}) → ${named(e.to)} ${exact ? 'it removed comes back' : 'is added'}.`);
  const docNow = new Set(now.document.map((f) => f.path));
  const settings = [...new Set(theirs.document.filter((f) => docNow.has(f.path)).map((f) => settingWords(f.path)))];
  if (settings.length) lines.push(`Flow settings: ${settings.join(', ')}.`);
  return lines;
}

export function describeReplace(base: Flow | null, latest: Flow, mine: Flow): ReplaceDescription {
  const now = diffFlows(latest, mine);
  const named = blockNames(mine, latest, base);
  // Without a base every difference counts as the other window's: diff(mine, latest) is "latest made from mine".
  if (base === null) return { undone: now.identical ? [] : linesOf(diffFlows(mine, latest), now, named, false), mine: null, exact: false };
  const theirs = diffFlows(base, latest);
  const own = diffFlows(base, mine);
  return { undone: linesOf(theirs, now, named, true), mine: own.identical ? null : own.summary, exact: true };
}
