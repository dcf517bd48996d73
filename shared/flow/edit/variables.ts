/**
 * Finding and renaming variable uses anywhere in a flow: `{{templates}}` in any text, and fields that name
 * a variable (`variable` in questions, buttons, rules, assignments, response mappings, CSAT; any field
 * whose name ends in `Variable`).
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import type { Flow } from '../schema';
import { isPlainObject } from './data';

const TEMPLATE = /\{\{(\s*)([A-Za-z_][A-Za-z0-9_.]*)(\s*)\}\}/g;

const namesVariable = (key: string) => key === 'variable' || /Variable$/.test(key);

/** `value` with every use of variable `from` renamed to `to`; the same reference when nothing changed. */
export function renameVariableIn<T>(value: T, from: string, to: string, key = ''): T {
  if (typeof value === 'string') {
    if (namesVariable(key) && value === from) return to as T;
    if (!value.includes('{{')) return value;
    const out = value.replace(TEMPLATE, (m, a: string, name: string, b: string) => (name === from ? `{{${a}${to}${b}}}` : m));
    return (out === value ? value : out) as T;
  }
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const r = renameVariableIn(v, from, to, key);
      if (r !== v) changed = true;
      return r;
    });
    return (changed ? out : value) as T;
  }
  if (isPlainObject(value)) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = renameVariableIn(v, from, to, k);
      if (r !== v) changed = true;
      out[k] = r;
    }
    return (changed ? out : value) as T;
  }
  return value;
}

/** One place a variable is used. */
export interface VariableUseSite {
  /** Block id, or null for the flow's settings / escalation policy. */
  blockId: string | null;
  /** JSON path from the flow root, e.g. ['blocks', 3, 'data', 'text']. */
  path: (string | number)[];
  /** Used inside a `{{template}}` (true) or named by a field (false). */
  template: boolean;
}

function collect(value: unknown, name: string, key: string, path: (string | number)[], blockId: string | null, out: VariableUseSite[]) {
  if (typeof value === 'string') {
    if (namesVariable(key) && value === name) out.push({ blockId, path, template: false });
    else if (value.includes('{{')) {
      for (const m of value.matchAll(TEMPLATE)) {
        if (m[2] === name) {
          out.push({ blockId, path, template: true });
          break;
        }
      }
    }
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => collect(v, name, key, [...path, i], blockId, out));
  else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) collect(v, name, k, [...path, k], blockId, out);
}

/**
 * Every variable name `value` uses, added to `out`: a field that names one (non-empty), else the names in its
 * `{{templates}}` (session 46: Settings > Variables lists them, shared/flow/variableList.ts).
 */
export function variableNamesIn(value: unknown, out: Set<string>, key = ''): Set<string> {
  if (typeof value === 'string') {
    if (namesVariable(key) && value.trim() !== '') out.add(value);
    else if (value.includes('{{')) for (const m of value.matchAll(TEMPLATE)) out.add(m[2]);
  } else if (Array.isArray(value)) value.forEach((v) => variableNamesIn(v, out, key));
  else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) variableNamesIn(v, out, k);
  return out;
}

/** Every place variable `name` is read or written (for "delete variable: used in ..."). */
export function variableUses(flow: Flow, name: string): VariableUseSite[] {
  const out: VariableUseSite[] = [];
  flow.blocks.forEach((b, i) => collect(b.data, name, '', ['blocks', i, 'data'], b.id, out));
  collect(flow.settings, name, '', ['settings'], null, out);
  collect(flow.escalation, name, '', ['escalation'], null, out);
  return out;
}
