/**
 * Helpers to edit plain JSON values: deep merge, set at a path, and parsing a value with a zod schema so
 * that an edit either produces valid data or throws a FlowEditError saying what is wrong and where.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import type { z } from 'zod';
import { FlowEditError } from './errors';
import { cloneJson } from './tx';

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * `patch` merged into a copy of `base`: objects key by key, arrays and scalars replaced whole, a key set
 * to `undefined` removed. Neither argument is modified.
 */
export function deepMerge(base: unknown, patch: unknown, where: string): unknown {
  if (!isPlainObject(patch) || !isPlainObject(base)) return cloneJson(patch);
  const out: Record<string, unknown> = cloneJson(base);
  for (const [key, value] of Object.entries(patch)) {
    if (FORBIDDEN_KEYS.has(key)) throw new FlowEditError('invalid_data', `${where}: '${key}' is not a field name.`);
    if (value === undefined) delete out[key];
    else out[key] = isPlainObject(value) && isPlainObject(out[key]) ? deepMerge(out[key], value, where) : cloneJson(value);
  }
  return out;
}

/** A copy of `base` with `value` at `path` (missing objects on the way are created). */
export function setAtPath(base: unknown, path: (string | number)[], value: unknown, where: string): unknown {
  if (path.length === 0) return cloneJson(value);
  const [head, ...rest] = path;
  if (typeof head === 'string' && FORBIDDEN_KEYS.has(head)) throw new FlowEditError('invalid_data', `${where}: '${head}' is not a field name.`);
  if (Array.isArray(base)) {
    if (typeof head !== 'number' || !Number.isInteger(head) || head < 0 || head > base.length)
      throw new FlowEditError('invalid_data', `${where}: ${String(head)} is not a position in a list of ${base.length}.`);
    const copy = cloneJson(base);
    if (value === undefined && rest.length === 0) copy.splice(head, 1);
    else copy[head] = setAtPath(copy[head], rest, value, where);
    return copy;
  }
  const obj = isPlainObject(base) ? cloneJson(base) : {};
  if (value === undefined && rest.length === 0) delete obj[String(head)];
  else obj[String(head)] = setAtPath(obj[String(head)], rest, value, where);
  return obj;
}

/** Keys of `input` that `parsed` dropped (zod strips unknown keys): misspelled or unknown fields. */
function droppedKeys(input: unknown, parsed: unknown, path: string[], out: string[]): void {
  if (Array.isArray(input) && Array.isArray(parsed)) {
    input.forEach((item, i) => droppedKeys(item, parsed[i], [...path, String(i)], out));
    return;
  }
  if (!isPlainObject(input) || !isPlainObject(parsed)) return;
  for (const key of Object.keys(input)) {
    if (!(key in parsed)) out.push([...path, key].join('.'));
    else droppedKeys(input[key], parsed[key], [...path, key], out);
  }
}

function closestKey(name: string, candidates: string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = levenshtein(name.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== null && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : null;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** Keys known at `path` inside `parsed` (to suggest a correction). */
function keysAt(parsed: unknown, path: string[]): string[] {
  let node: unknown = parsed;
  for (const key of path) node = Array.isArray(node) ? node[Number(key)] : isPlainObject(node) ? node[key] : undefined;
  return isPlainObject(node) ? Object.keys(node) : [];
}

/**
 * Parses `value` with `schema`. Throws FlowEditError('invalid_data') naming `where`, the field and what is
 * wrong; unknown fields are refused with a "did you mean" when a known field is close.
 */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.length ? ` '${issue.path.map(String).join('.')}'` : '';
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem${result.error.issues.length > 2 ? 's' : ''})` : '';
    throw new FlowEditError('invalid_data', `${where}: field${field} ${issue.message}${more}.`);
  }
  const dropped: string[] = [];
  droppedKeys(value, result.data, [], dropped);
  if (dropped.length > 0) {
    const parts = dropped[0].split('.');
    const name = parts[parts.length - 1];
    const suggestion = closestKey(name, keysAt(result.data, parts.slice(0, -1)));
    throw new FlowEditError(
      'invalid_data',
      `${where}: there is no field '${dropped[0]}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}.`,
    );
  }
  return result.data;
}

export function requireString(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new FlowEditError('invalid_data', `${what} must be text.`);
  return v;
}

export function requireXY(v: unknown, what: string): { x: number; y: number } {
  if (!isPlainObject(v) || typeof v.x !== 'number' || typeof v.y !== 'number' || !Number.isFinite(v.x) || !Number.isFinite(v.y))
    throw new FlowEditError('invalid_data', `${what} must be a position { x, y } with finite numbers.`);
  return { x: v.x, y: v.y };
}

export function requireIds(v: unknown, what: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
    throw new FlowEditError('invalid_data', `${what} must be a list of ids.`);
  return [...new Set(v as string[])];
}

/** Same JSON value (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameJson(a[k], b[k]));
  }
  return false;
}
