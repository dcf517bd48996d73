/** Small read-only introspection of zod 4 schemas for generated forms. */
import { z } from 'zod';
import type { FieldMeta } from '../../../shared/flow/blocks/types';
import { plainMessage } from './plainIssue';

type AnyZod = z.ZodType;
const def = (s: AnyZod) => (s as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;

/** Strips default / optional / nullable / catch / pipe wrappers. */
export function unwrap(schema: AnyZod): { schema: AnyZod; optional: boolean; nullable: boolean } {
  let s = schema;
  let optional = false;
  let nullable = false;
  for (let i = 0; i < 10; i++) {
    const d = def(s);
    if (d.type === 'default' || d.type === 'prefault' || d.type === 'catch' || d.type === 'readonly') s = d.innerType as AnyZod;
    else if (d.type === 'optional') {
      optional = true;
      s = d.innerType as AnyZod;
    } else if (d.type === 'nullable') {
      nullable = true;
      s = d.innerType as AnyZod;
    } else if (d.type === 'pipe') s = d.in as AnyZod;
    else break;
  }
  return { schema: s, optional, nullable };
}

export function typeOf(schema: AnyZod): string {
  return def(unwrap(schema).schema).type;
}

export function elementOf(schema: AnyZod): AnyZod | null {
  const s = unwrap(schema).schema;
  const d = def(s);
  return d.type === 'array' ? (d.element as AnyZod) : null;
}

export function shapeOf(schema: AnyZod): Record<string, AnyZod> | null {
  const s = unwrap(schema).schema;
  return def(s).type === 'object' ? ((s as unknown as { shape: Record<string, AnyZod> }).shape ?? null) : null;
}

export function enumValues(schema: AnyZod): string[] {
  const s = unwrap(schema).schema;
  const d = def(s);
  if (d.type === 'enum') return Object.values(d.entries as Record<string, string>);
  if (d.type === 'literal') return (d.values as string[]) ?? [];
  return [];
}

export function metaOf(schema: AnyZod): FieldMeta | undefined {
  let s: AnyZod | undefined = schema;
  for (let i = 0; s && i < 6; i++) {
    const m = z.globalRegistry.get(s) as FieldMeta | undefined;
    if (m?.title) return m;
    const d = def(s);
    s = (d.innerType ?? d.in) as AnyZod | undefined;
  }
  return undefined;
}

/** First zod issue of a value against a schema, in words; null when valid. */
export function firstIssue(schema: AnyZod, value: unknown): string | null {
  const r = schema.safeParse(value);
  if (r.success) return null;
  const issue = r.error.issues[0];
  return plainMessage(issue?.message ?? '');
}

export function humanize(key: string): string {
  const s = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
