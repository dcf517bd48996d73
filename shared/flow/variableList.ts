/**
 * Session 46 (studio13, newcomer N20): every variable a flow uses, declared or not, with the blocks that set it and the
 * blocks (or settings) that use it. Settings > Variables lists these so a variable a block creates ("Save answer in" =
 * phone) can be renamed there without declaring it by hand first.
 *
 * Not listed: the engine's own variables (builtinVariables.ts) unless declared, and `secrets.*`.
 * Pure: no Node, DOM, React or Electron imports.
 */
import { blockDefinitions } from './blockRegistry';
import { builtinVariableNames } from './builtinVariables';
import type { Block, Flow } from './schema';
import { variableNamesIn, variableUses } from './edit/variables';

export interface FlowVariable {
  name: string;
  /** Declared in Settings > Variables (flow.variables). */
  declared: boolean;
  /** Ids of blocks that store a value in it (a Question's answer, a Buttons choice, a Set variable ...). */
  setIn: string[];
  /** Ids of blocks that read it (a {{template}}, a rule); `settings` when the flow's settings or escalation policy use it. */
  usedIn: string[];
}

function writes(b: Block): readonly string[] {
  const def = blockDefinitions[b.kind];
  try {
    return def ? def.variablesWritten(b as never) : [];
  } catch {
    return [];
  }
}

/** Declared variables first (in their order), then the others a flow uses, by name. */
export function flowVariables(flow: Pick<Flow, 'blocks' | 'variables' | 'settings' | 'escalation'>): FlowVariable[] {
  const found = new Set<string>();
  for (const b of flow.blocks) variableNamesIn(b.data, found);
  variableNamesIn(flow.settings, found);
  variableNamesIn(flow.escalation, found);
  const builtin = new Set<string>(builtinVariableNames);
  const declared = (flow.variables ?? []).map((v) => v.name);
  const others = [...found].filter((n) => !declared.includes(n) && !builtin.has(n) && !n.startsWith('secrets.')).sort((a, b) => a.localeCompare(b));
  return [...declared, ...others].map((name) => {
    const setIn = flow.blocks.filter((b) => writes(b).includes(name)).map((b) => b.id);
    const usedIn: string[] = [];
    for (const u of variableUses(flow as Flow, name)) {
      const id = u.blockId ?? 'settings';
      if (u.blockId && !u.template && setIn.includes(u.blockId)) continue;
      if (!usedIn.includes(id)) usedIn.push(id);
    }
    return { name, declared: declared.includes(name), setIn, usedIn };
  });
}

/**
 * Session 48 (studio16, newcomer s47 N3): the variable the flow asked for last before `blockId`: the nearest block
 * upstream (following the edges backwards, nearest first) that stores a value in a variable of the flow's own (not a
 * system one). A new Condition rule starts on it instead of the system variable agentName. Null when none does.
 */
export function lastAskedBefore(flow: Pick<Flow, 'blocks' | 'edges'>, blockId: string): string | null {
  const byId = new Map(flow.blocks.map((b) => [b.id, b]));
  const builtin = new Set<string>(builtinVariableNames);
  const seen = new Set<string>([blockId]);
  let ring = [blockId];
  while (ring.length > 0) {
    const next: string[] = [];
    for (const id of ring) {
      for (const e of flow.edges) {
        if (e.to !== id || seen.has(e.from)) continue;
        seen.add(e.from);
        next.push(e.from);
      }
    }
    for (const id of next) {
      const b = byId.get(id);
      const own = b ? writes(b).filter((n) => n.trim() !== '' && !builtin.has(n)) : [];
      if (own.length > 0) return own[own.length - 1]!;
    }
    ring = next;
  }
  return null;
}
