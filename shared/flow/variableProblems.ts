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
 * Pure. Session 16 (hostile s16 H#15): one pass for all variables (bitsets: O((blocks + edges) x variables / 32) per
 * round until nothing changes), the way searched only for the at most MAX_GAPS gaps reported.
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
  return variableGapReport(flow, factsOf).gaps;
}

/**
 * variableGaps with `omitted`: how many (block, variable) gaps were found but not returned (over PER_BLOCK variables
 * for one block, over MAX_GAPS in all, or of a variable past the first MAX_SEARCHED), for a caller to say "and N more".
 */
export function variableGapReport(
  flow: Pick<Flow, 'blocks' | 'edges' | 'variables' | 'escalation'>,
  factsOf: (b: Block) => BlockVariables,
): { gaps: VariableGap[]; omitted: number } {
  const builtin = new Set<string>(builtinVariableNames);
  const withDefault = new Set<string>();
  for (const v of flow.variables) if (v.default !== undefined && v.default !== null) withDefault.add(v.name);
  const setByBlock = new Set<string>();
  const factsAt = flow.blocks.map((b) => factsOf(b)); // once per block (a caller's factsOf may parse every template)
  for (const f of factsAt) for (const name of f.writes) setByBlock.add(name);
  const watched = (name: string) => setByBlock.has(name) && !builtin.has(name) && !withDefault.has(name) && !name.startsWith('secrets.');

  const byId = new Map<string, { block: Block; index: number }>();
  flow.blocks.forEach((block, index) => {
    if (!byId.has(block.id)) byId.set(block.id, { block, index });
  });

  // Which variables some text uses: nothing else to do when none is watched.
  // The watched names in the order first used, and every use in block order (session 17 review debt: a per-name list of
  // uses was built beside this one and only its keys were read).
  const usedNames = new Set<string>();
  const allUses: { index: number; use: VariableUse }[] = [];
  flow.blocks.forEach((b, index) => {
    for (const use of factsAt[index].reads) {
      if (!use.template || !watched(use.name)) continue;
      allUses.push({ index, use });
      usedNames.add(use.name);
    }
  });
  if (usedNames.size === 0) return { gaps: [], omitted: 0 };

  const steps = new Map<string, Step[]>();
  for (const b of flow.blocks) if (!steps.has(b.id)) steps.set(b.id, []);
  for (const e of flow.edges) {
    const from = byId.get(e.from);
    if (!from || !byId.has(e.to)) continue;
    const data = from.block.data;
    const exit = e.exit;
    const sets = new Set<string>();
    const cleared = new Set<string>();
    for (const name of factsAt[from.index].writes) {
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

  // Session 16 (hostile s16 H#15): which variables may be unset on arrival at each block, for ALL watched variables in
  // one pass (a bitset per block, forward until nothing changes), instead of one search of the whole flow per variable
  // (10,000 blocks x 3,000 variables took 18.5 s). A bit is set at a block when some way from a Start block (or from a
  // Set variable that clears it) gets there without a step that sets the variable: the same answer as the search below.
  const names = [...usedNames];
  const bit = new Map<string, number>(names.map((n, i) => [n, i]));
  const words = (names.length + 31) >>> 5;
  const order = [...steps.keys()];
  const at = new Map<string, number>(order.map((id, i) => [id, i]));
  const unset = new Uint32Array(order.length * words);
  const reached = new Uint8Array(order.length);
  const bitsOf = (set: ReadonlySet<string>) => [...set].map((n) => bit.get(n)).filter((b): b is number => b !== undefined);
  const edgesOf = order.map((id) => (steps.get(id) ?? []).map((s) => ({ to: at.get(s.to)!, exit: s.exit, sets: bitsOf(s.sets), clears: bitsOf(s.clears) })));
  const starts: number[] = [];
  for (const r of roots) {
    const i = at.get(r)!;
    reached[i] = 1;
    unset.fill(0xffffffff, i * words, (i + 1) * words);
    starts.push(i);
  }
  edgesOf.forEach((list) => {
    for (const e of list) {
      if (e.clears.length === 0) continue;
      reached[e.to] = 1;
      for (const b of e.clears) unset[e.to * words + (b >>> 5)] |= 1 << (b & 31);
      starts.push(e.to);
    }
  });
  // Reverse postorder from the starts (depth first, without recursion), then rounds over it until nothing changes: a
  // round carries every bit along every forward edge, so the rounds needed are the loops' nesting depth plus one.
  const rpo: number[] = [];
  {
    const state = new Uint8Array(order.length); // 0 new, 1 on the stack, 2 done
    for (const st of starts) {
      if (state[st] !== 0) continue;
      const stack: [number, number][] = [[st, 0]];
      state[st] = 1;
      while (stack.length > 0) {
        const top = stack[stack.length - 1];
        const list = edgesOf[top[0]];
        if (top[1] < list.length) {
          const to = list[top[1]++].to;
          if (state[to] === 0) {
            state[to] = 1;
            stack.push([to, 0]);
          }
        } else {
          state[top[0]] = 2;
          rpo.push(top[0]);
          stack.pop();
        }
      }
    }
    rpo.reverse();
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const i of rpo) {
      if (!reached[i]) continue;
      const from = i * words;
      for (const e of edgesOf[i]) {
        const base = e.to * words;
        if (!reached[e.to]) {
          reached[e.to] = 1;
          changed = true;
        }
        if (e.sets.length === 0) {
          for (let w = 0; w < words; w++) {
            const v = (unset[base + w] | unset[from + w]) >>> 0;
            if (v !== unset[base + w]) {
              unset[base + w] = v;
              changed = true;
            }
          }
          continue;
        }
        for (let w = 0; w < words; w++) {
          let add = unset[from + w];
          for (const b of e.sets) if (b >>> 5 === w) add &= ~(1 << (b & 31));
          const v = (unset[base + w] | add) >>> 0;
          if (v !== unset[base + w]) {
            unset[base + w] = v;
            changed = true;
          }
        }
      }
    }
  }
  const mayBeUnset = (id: string, name: string) => {
    const i = at.get(id);
    const b = bit.get(name)!;
    return i !== undefined && reached[i] === 1 && (unset[i * words + (b >>> 5)] & (1 << (b & 31))) !== 0;
  };

  // Which (block, variable) pairs to report: per block at most PER_BLOCK variables (the others are counted in
  // `omitted`), at most MAX_GAPS in all, of at most MAX_SEARCHED variables: the shortest way is searched only for those.
  const chosen: { index: number; use: VariableUse }[] = [];
  const perBlock = new Map<number, Set<string>>();
  let omitted = 0;
  const searched = new Set<string>();
  for (const u of allUses) {
    const id = flow.blocks[u.index].id;
    if (!mayBeUnset(id, u.use.name)) continue;
    const mine = perBlock.get(u.index) ?? new Set<string>();
    if (mine.has(u.use.name)) continue;
    mine.add(u.use.name);
    perBlock.set(u.index, mine);
    if (mine.size > PER_BLOCK || chosen.length >= MAX_GAPS || (!searched.has(u.use.name) && searched.size >= MAX_SEARCHED)) omitted++;
    else {
      chosen.push(u);
      searched.add(u.use.name);
    }
  }

  const gaps: VariableGap[] = [];
  const byName = new Map<string, { index: number; use: VariableUse }[]>();
  for (const c of chosen) {
    const list = byName.get(c.use.name) ?? [];
    list.push(c);
    byName.set(c.use.name, list);
  }
  const n = order.length;
  const parentOf = new Int32Array(n); // -2: not reached; -1: a start of a way
  const exitOf: string[] = new Array<string>(n);
  const depthOf = new Int32Array(n);
  const rootOf = new Int32Array(n);
  const queue = new Int32Array(n);
  for (const name of names) {
    const uses = byName.get(name);
    if (uses === undefined) continue;
    const b = bit.get(name)!;
    // Breadth first from the Start block(s), never through a step that sets the variable.
    parentOf.fill(-2);
    let tailQ = 0;
    for (const r of roots) {
      const i = at.get(r)!;
      if (parentOf[i] !== -2) continue;
      parentOf[i] = -1;
      rootOf[i] = i;
      depthOf[i] = 0;
      queue[tailQ++] = i;
    }
    // A Set variable that clears it starts a gap of its own, wherever the conversation came from.
    for (let from = 0; from < n; from++) {
      for (const e of edgesOf[from]) {
        if (!e.clears.includes(b) || parentOf[e.to] !== -2) continue;
        if (parentOf[from] === -2) {
          parentOf[from] = -1;
          rootOf[from] = from;
          depthOf[from] = 0;
        }
        parentOf[e.to] = from;
        exitOf[e.to] = e.exit;
        depthOf[e.to] = 1;
        rootOf[e.to] = from;
        queue[tailQ++] = e.to;
      }
    }
    for (let q = 0; q < tailQ; q++) {
      const i = queue[q];
      for (const e of edgesOf[i]) {
        if (parentOf[e.to] !== -2 || e.sets.includes(b)) continue;
        parentOf[e.to] = i;
        exitOf[e.to] = e.exit;
        depthOf[e.to] = depthOf[i] + 1;
        rootOf[e.to] = rootOf[i];
        queue[tailQ++] = e.to;
      }
    }
    for (const { index, use } of uses) {
      const id = flow.blocks[index].id;
      const k = at.get(id)!;
      if (parentOf[k] === -2) continue;
      // Built backwards (push, then reverse: unshift made a 1,000-block chain quadratic). Only the last WAY_SHOWN steps
      // are kept, the gap's cause is near the end; the first block and how many were left out are kept too.
      const tail: VariableGap['way'] = [{ blockId: id, exit: null }];
      for (let p = k; parentOf[p] >= 0 && tail.length < WAY_SHOWN; p = parentOf[p]) tail.push({ blockId: order[parentOf[p]], exit: exitOf[p] });
      tail.reverse();
      // Blocks between the way's first block and the shown part (the first is named on its own).
      const first = order[rootOf[k]];
      const skipped = Math.max(0, depthOf[k] + 1 - tail.length - 1);
      gaps.push({ blockId: id, index, use, way: tail, first: tail[0].blockId !== first ? first : null, skipped });
    }
  }
  return { gaps: gaps.sort((a, b) => a.index - b.index), omitted };
}

/** At most this many variables are reported for one block (a text using 500 variables got 500 warnings). */
export const PER_BLOCK = 3;
/** At most this many warnings in all (a 2,000-block flow got 222,279 warnings, 1.27 GB). */
export const MAX_GAPS = 1000;
/** At most this many variables get their way searched (one breadth-first search each); gaps of others are omitted. */
export const MAX_SEARCHED = 200;
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
