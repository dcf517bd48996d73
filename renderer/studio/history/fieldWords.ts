/**
 * A changed field of the version history in the inspector's words (newcomer s14 #15: "Field data.options[0].synonyms"
 * with raw JSON arrays): a block's field by its inspector title, list items numbered from 1 under the list's singular
 * title ("Button 1 › Synonyms"); a flow-level field as Flow settings names it ("Language"). Lists of words are shown
 * as lists, with what a version adds or drops against the flow now. Pure.
 */
import { elementOf, getBlockDefinition, isBlockKind, shapeOf, unwrapSchema } from '../../../shared/flow/blockRegistry';
import { documentFieldWords } from '../../../runtime/studio/diffFlows';
import type { z } from 'zod';

const humanize = (k: string) => {
  const w = k.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return w.charAt(0).toUpperCase() + w.slice(1);
};
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "Buttons" -> "Button", "Rules" -> "Rule", "Entries" -> "Entry"; "Data" stays. */
const singular = (s: string) => (/ies$/.test(s) ? s.replace(/ies$/, 'y') : /[^s]s$/.test(s) ? s.slice(0, -1) : s);

const tokens = (path: string): Array<string | number> =>
  path
    .split(/\.|(?=\[)/)
    .filter((t) => t !== '')
    .map((t) => (/^\[\d+\]$/.test(t) ? Number(t.slice(1, -1)) : t));

/** A block's field: `kind` the block's kind, `path` as the diff gives it ("data.options[0].synonyms"). */
export function blockFieldWords(kind: string, path: string): string {
  const parts = tokens(path);
  let schema: z.ZodType | null = null;
  if (parts[0] === 'data') {
    parts.shift();
    schema = isBlockKind(kind) ? (getBlockDefinition(kind).data as unknown as z.ZodType) : null;
  }
  const out: string[] = [];
  for (const p of parts) {
    if (typeof p === 'number') {
      const list = out.pop() ?? 'Item';
      out.push(`${singular(list)} ${p + 1}`);
      schema = schema ? elementOf(schema) : null;
      continue;
    }
    const shape: Record<string, z.ZodType> | null = schema ? shapeOf(schema) : null;
    const field: z.ZodType | undefined = shape?.[p];
    const title = field ? unwrapSchema(field).meta?.title : undefined;
    out.push(typeof title === 'string' && title ? title : humanize(p));
    schema = field ?? null;
  }
  return out.join(' › ') || humanize(path);
}

/** A flow-level field ("settings.language" -> "Language"). */
export function settingWords(path: string): string {
  return capital(documentFieldWords(path));
}

const isWordList = (v: unknown): v is Array<string | number | boolean> => Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null);

/** A value as a designer reads it: text as written, a list of words as "a", "b", yes/no, "(not set)". */
export function valueWords(v: unknown): string {
  if (v === undefined || v === null) return '(not set)';
  if (typeof v === 'string') return v === '' ? '(empty)' : v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (isWordList(v)) return v.length === 0 ? '(none)' : v.map((x) => `"${String(x)}"`).join(', ');
  return JSON.stringify(v);
}

/** For two lists of words: what `after` adds to `before` and what it drops (null when either is not such a list). */
export function listChange(before: unknown, after: unknown): { added: string[]; removed: string[] } | null {
  if (!isWordList(before) || !isWordList(after)) return null;
  const b = new Set(before.map(String));
  const a = new Set(after.map(String));
  return { added: [...a].filter((x) => !b.has(x)), removed: [...b].filter((x) => !a.has(x)) };
}
