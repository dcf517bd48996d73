/**
 * Session 15 (newcomer s15 N#13): a text that shows a variable the conversation may not hold yet. Skyline Air's
 * no-agent message said "... quoting booking {{bookingRef}}." and a traveller who asked for a person before giving the
 * reference read "quoting booking ." while the studio said "No problems". This check finds, for every `{{variable}}` a
 * block's text uses, a way from the Start block to that block along which nothing sets the variable, and warns with
 * that way written out, so the designer sees where the gap comes from.
 *
 * What counts as setting a variable (asked of the block registry, never of a block kind):
 * - a block that writes it (`variablesWritten`), on every exit except the ones a block takes when it did NOT get a
 *   value: `fallback` (a Question or Buttons answer that never fitted), `error` (an HTTP request that failed),
 *   `no_agent` and `timeout` (a takeover nobody took);
 * - a rule group (Condition) that proves it (see `ruleProves`: "is set", "matches <a pattern>" on its true exit, "is
 *   not set" on its false exit);
 * - a declared variable with a default (set when the conversation starts).
 * A Set variable that clears it (its last change of it) opens a gap from there on.
 * Watched: only variables some block of the flow sets (a Question's answer, a Buttons choice, a Set variable, an HTTP
 * response). Never warned about: the engine's own variables (builtinVariables.ts: agentName, customerEmail ... are
 * filled by the runtime, the takeover, the customer's profile or the NLU as they come), `secrets.*`, and a variable no
 * block sets (it can only come from the website, which passes variables in when the chat starts: data-variables,
 * Baton.identify, the API's `variables`).
 *
 * Ways the conversation moves without an edge: a Jump's target, and the escalation policy's target, which any block
 * waiting for the customer can hand over to (before that block stores its answer).
 *
 * Pure; O(variables used in texts x (blocks + edges)).
 */
import { blockDefinitions } from './blockRegistry';
import { builtinVariableNames } from './builtinVariables';
import type { Block, Flow, Rule } from './schema';
import { evaluateRule } from './rules';
import type { VariableUse } from './blocks/types';

/** Exits a block takes without having stored its value. */
const EXITS_WITHOUT_VALUE: ReadonlySet<string> = new Set(['fallback', 'error', 'no_agent', 'timeout']);
/** Escalation hand-over: not an exit of the block, a label for the way shown to the designer. */
const HANDOVER = "\u0000handover";

export interface VariableGap {
  blockId: string;
  /** Index of the block in `flow.blocks`. */
  index: number;
  use: VariableUse;
  /** The last blocks of a way from a Start block to the block (at most WAY_SHOWN), with the exit taken out of each (the last has none). */
  way: { blockId: string; exit: string | null }[];
  /** The Start (or clearing) block the way begins at, when `way` does not begin there; `skipped` blocks lie between. */
  first: string | null;
  skipped: number;
}

/** How many blocks of a way the warning names (the end of it: where the gap opens is near the block). */
const WAY_SHOWN = 8;

export interface BlockVariables {
  reads: readonly VariableUse[];
  writes: readonly string[];
}

/** One way out of a block: where to, by which exit, which variables it sets and which it clears (worked out once). */
type Step = { to: string; exit: string; sets: ReadonlySet<string>; clears: ReadonlySet<string> };
const NONE: ReadonlySet<string> = new Set();

function ruleGroupOf(data: unknown): { combinator: string; rules: Rule[] } | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as { combinator?: unknown; rules?: unknown };
  if (typeof d.combinator !== 'string' || !Array.isArray(d.rules)) return null;
  const rules = d.rules.filter((r): r is Rule => typeof r === 'object' && r !== null && typeof (r as Rule).variable === 'string' && typeof (r as Rule).op === 'string');
  return { combinator: d.combinator, rules };
}

/** Whether a block's data clears `name` in the end (a Set variable whose last change of it is "Clear"). */
function clears(data: unknown, name: string): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const list = (data as { assignments?: unknown }).assignments;
  if (!Array.isArray(list)) return false;
  let cleared = false;
  for (const a of list) if (typeof a === 'object' && a !== null && (a as { variable?: unknown }).variable === name) cleared = (a as { op?: unknown }).op === 'clear';
  return cleared;
}

/**
 * Whether taking `exit` out of a block whose data is a rule group proves `name` is set: on `true`, a rule that must hold
 * (all must, or it is the only one) cannot hold while the variable is unset ("is set", "matches ^[A-Z0-9]{6}$", "at
 * least 1"); on `false`, a rule that must have failed (any one would do, or it is the only one) holds while it is unset
 * ("is not set"). The rule is asked with the variable unset, by the same evaluator the engine uses.
 */
function ruleProves(data: unknown, exit: string, name: string): boolean {
  const g = ruleGroupOf(data);
  if (g === null || g.rules.length === 0) return false;
  const single = g.rules.length === 1;
  const whenUnset = (r: Rule) => evaluateRule(r, {}, 0);
  if (exit === 'true' && (single || g.combinator === 'and')) return g.rules.some((r) => r.variable === name && !whenUnset(r));
  if (exit === 'false' && (single || g.combinator === 'or')) return g.rules.some((r) => r.variable === name && whenUnset(r));
  return false;
}

/**
 * Every block text (`{{variable}}` in a template field) that can be reached with the variable unset, one per block and
 * variable, with the shortest such way from a Start block.
 */
export function variableGaps(flow: Pick<Flow, 'blocks' | 'edges' | 'variables' | 'escalation'>, factsOf: (b: Block) => BlockVariables): VariableGap[] {
  const builtin = new Set<string>(builtinVariableNames);
  const withDefault = new Set<string>();
  for (const v of flow.variables) if (v.default !== undefined && v.default !== null) withDefault.add(v.name);
  const setByBlock = new Set<string>();
  for (const b of flow.blocks) for (const name of factsOf(b).writes) setByBlock.add(name);
  const watched = (name: string) => setByBlock.has(name) && !builtin.has(name) && !withDefault.has(name) && !name.startsWith('secrets.');

  const byId = new Map<string, { block: Block; index: number }>();
  flow.blocks.forEach((block, index) => {
    if (!byId.has(block.id)) byId.set(block.id, { block, index });
  });

  // Which variables some text uses: nothing else to do when none is watched.
  const usedBy = new Map<string, { index: number; use: VariableUse }[]>();
  flow.blocks.forEach((b, index) => {
    for (const use of factsOf(b).reads) {
      if (!use.template || !watched(use.name)) continue;
      const list = usedBy.get(use.name) ?? [];
      list.push({ index, use });
      usedBy.set(use.name, list);
    }
  });
  if (usedBy.size === 0) return [];

  const steps = new Map<string, Step[]>();
  for (const b of flow.blocks) if (!steps.has(b.id)) steps.set(b.id, []);
  for (const e of flow.edges) {
    const from = byId.get(e.from);
    if (!from || !byId.has(e.to)) continue;
    const data = from.block.data;
    const exit = e.exit;
    const sets = new Set<string>();
    const cleared = new Set<string>();
    for (const name of factsOf(from.block).writes) {
      if (clears(data, name)) cleared.add(name);
      else if (!EXITS_WITHOUT_VALUE.has(exit)) sets.add(name);
    }
    for (const r of ruleGroupOf(data)?.rules ?? []) if (ruleProves(data, exit, r.variable)) sets.add(r.variable);
    steps.get(e.from)!.push({ to: e.to, exit, sets, clears: cleared.size > 0 ? cleared : NONE });
  }
  const target = flow.escalation.targetBlockId;
  const targetOk = target !== null && byId.has(target) && blockDefinitions[byId.get(target)!.block.kind].isHandoffTarget === true;
  for (const b of flow.blocks) {
    const def = blockDefinitions[b.kind];
    for (const to of def.jumpsTo?.(b as never) ?? []) if (byId.has(to)) steps.get(b.id)!.push({ to, exit: 'jump', sets: NONE, clears: NONE });
    if (targetOk && def.waitsForCustomer && b.id !== target) steps.get(b.id)!.push({ to: target!, exit: HANDOVER, sets: NONE, clears: NONE });
  }
  const roots = flow.blocks.filter((b) => blockDefinitions[b.kind].isEntry).map((b) => b.id);

  const gaps: VariableGap[] = [];
  for (const [name, uses] of usedBy) {
    // Breadth first from the Start block(s), never through a step that sets the variable.
    const parent = new Map<string, { from: string; exit: string; depth: number; root: string } | null>();
    const queue: string[] = [];
    for (const r of roots) {
      if (parent.has(r)) continue;
      parent.set(r, null);
      queue.push(r);
    }
    // A Set variable that clears it starts a gap of its own, wherever the conversation came from.
    for (const [from, list] of steps) {
      for (const s of list) {
        if (!s.clears.has(name) || parent.has(s.to)) continue;
        if (!parent.has(from)) parent.set(from, null);
        parent.set(s.to, { from, exit: s.exit, depth: 1, root: from });
        queue.push(s.to);
      }
    }
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i];
      for (const s of steps.get(id) ?? []) {
        if (parent.has(s.to) || s.sets.has(name)) continue;
        const here = parent.get(id);
        parent.set(s.to, { from: id, exit: s.exit, depth: (here?.depth ?? 0) + 1, root: here?.root ?? id });
        queue.push(s.to);
      }
    }
    const seen = new Set<number>();
    for (const { index, use } of uses) {
      if (seen.has(index)) continue;
      const id = flow.blocks[index].id;
      if (!parent.has(id)) continue;
      seen.add(index);
      // Built backwards (push, then reverse: unshift made a 1,000-block chain quadratic). Only the last WAY_SHOWN steps
      // are kept, the gap's cause is near the end; the first block and how many were left out are kept too.
      const tail: VariableGap['way'] = [{ blockId: id, exit: null }];
      const end = parent.get(id);
      for (let p = end; p && tail.length < WAY_SHOWN; p = parent.get(p.from)) tail.push({ blockId: p.from, exit: p.exit });
      tail.reverse();
      // Blocks between the way's first block and the shown part (the first is named on its own).
      const first = end ? end.root : id;
      const skipped = Math.max(0, (end?.depth ?? 0) + 1 - tail.length - 1);
      gaps.push({ blockId: id, index, use, way: tail, first: tail[0].blockId !== first ? first : null, skipped });
    }
  }
  return gaps.sort((a, b) => a.index - b.index);
}

/** The way in words: "start -> ask_booking_ref (fallback) -> airport_desk (no_agent) -> call_desk"; a long one as "start -> ... (12 more) -> ...". */
export function describeWay(gap: Pick<VariableGap, 'way' | 'first' | 'skipped'>): string {
  const head = gap.first === null ? '' : gap.skipped > 0 ? `${gap.first} -> ... (${gap.skipped} more) -> ` : `${gap.first} -> `;
  return head + gap.way
    .map((s) => {
      if (s.exit === null || s.exit === 'next') return s.blockId;
      if (s.exit === HANDOVER) return `${s.blockId} (handed over to a person)`;
      return `${s.blockId} (${s.exit})`;
    })
    .join(' -> ');
}
