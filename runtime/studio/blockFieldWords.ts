/**
 * A block's field in the inspector's words (newcomer s14 #15: "Field data.options[0].synonyms" with raw JSON arrays):
 * a field by its inspector title, list items numbered from 1 under the list's singular title ("Button 1 › Synonyms").
 * Used by the version history's one-line summary (runtime/studio/diffFlows) and its diff table (renderer). Pure.
 */
import { elementOf, getBlockDefinition, isBlockKind, shapeOf, unwrapSchema } from '../../shared/flow/blockRegistry';
import type { z } from 'zod';

const humanize = (k: string) => {
  const w = k.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return w.charAt(0).toUpperCase() + w.slice(1);
};
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

/** The name a block goes by on the canvas: the designer's label, else its kind's label ("Message"). */
export function blockNameWords(kind: string, label: unknown): string {
  if (typeof label === 'string' && label.trim() !== '') return label.trim();
  return isBlockKind(kind) ? getBlockDefinition(kind).label : kind;
}
