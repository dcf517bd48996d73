/**
 * The block registry: every block kind's definition (`shared/flow/blocks/<kind>.ts`), keyed by kind, in
 * palette order. The flow schema builds its block union from it; the validator, the engine (through
 * `shared/engine/blockBehaviours.ts`), the CLI and the studio's palette and inspector ask it. Nothing else
 * switches on `kind` (test/unit/blocks/noKindSwitch.test.ts checks).
 *
 * Adding a kind: write `blocks/<kind>.ts` (a `BlockDefinition`), list it below, and add its engine
 * behaviour in `shared/engine/behaviours/`. test/unit/blocks/completeness.test.ts says what is missing.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import { z } from 'zod';
import type { AnyBlockDefinition, FieldMeta, InspectorField, PaletteGroup } from './blocks/types';
import { startBlock } from './blocks/start';
import { messageBlock } from './blocks/message';
import { questionBlock } from './blocks/question';
import { buttonsBlock } from './blocks/buttons';
import { conditionBlock } from './blocks/condition';
import { setVariableBlock } from './blocks/setVariable';
import { intentRouterBlock } from './blocks/intentRouter';
import { keywordRouterBlock } from './blocks/keywordRouter';
import { httpRequestBlock } from './blocks/httpRequest';
import { businessHoursBlock } from './blocks/businessHours';
import { notifyBlock } from './blocks/notify';
import { humanTakeoverBlock } from './blocks/humanTakeover';
import { ticketBlock } from './blocks/ticket';
import { csatBlock } from './blocks/csat';
import { jumpBlock } from './blocks/jump';
import { endBlock } from './blocks/end';

/** Every block kind's definition. The order is the palette order within each group. */
export const blockDefinitions = {
  start: startBlock,
  message: messageBlock,
  question: questionBlock,
  buttons: buttonsBlock,
  condition: conditionBlock,
  set_variable: setVariableBlock,
  intent_router: intentRouterBlock,
  keyword_router: keywordRouterBlock,
  http_request: httpRequestBlock,
  business_hours: businessHoursBlock,
  notify: notifyBlock,
  human_takeover: humanTakeoverBlock,
  ticket: ticketBlock,
  csat: csatBlock,
  jump: jumpBlock,
  end: endBlock,
} as const;

export type BlockDefinitions = typeof blockDefinitions;
export type BlockKind = keyof BlockDefinitions;
export const blockKinds = Object.keys(blockDefinitions) as BlockKind[];

const kindSet = new Set<string>(blockKinds);
export const isBlockKind = (k: unknown): k is BlockKind => typeof k === 'string' && kindSet.has(k);

/** The definition of `kind` (typed loosely; the block you hold is of that kind). */
export function getBlockDefinition(kind: BlockKind): AnyBlockDefinition {
  return blockDefinitions[kind];
}

/** A block, as far as the registry needs to see it. */
type AnyBlock = { id: string; kind: BlockKind; data: unknown };

/** Every exit a block can have (wired or not), in display order. */
export function exitsOf(block: AnyBlock): string[] {
  return blockDefinitions[block.kind].exits(block as never);
}

/** Exits that must be wired (see `BlockDefinition.requiredExits`). */
export function requiredExitsOf(block: AnyBlock): string[] {
  return blockDefinitions[block.kind].requiredExits(block as never);
}

/** Palette groups in order, each with its kinds (in registry order). */
export const paletteGroupOrder: readonly PaletteGroup[] = ['Messages', 'Questions', 'Logic', 'Integrations', 'Handoff'];
export const paletteGroups: ReadonlyArray<{ group: PaletteGroup; kinds: BlockKind[] }> = paletteGroupOrder.map((group) => ({
  group,
  kinds: blockKinds.filter((k) => blockDefinitions[k].group === group),
}));

/**
 * Former shape, kept while callers move to `getBlockDefinition`: label, description, waitsForCustomer,
 * requiredExits per kind.
 */
export const blockRegistry: Record<BlockKind, AnyBlockDefinition> = blockDefinitions;

/* ------------------------------------------------------------------ inspector fields */

type Def = { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; in?: z.ZodType };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under default/optional/nullable wrappers, and whether it was optional or nullable. */
export function unwrapSchema(schema: z.ZodType): { schema: z.ZodType; optional: boolean; nullable: boolean; meta: FieldMeta | undefined } {
  let s = schema;
  let optional = false;
  let nullable = false;
  let meta = s.meta() as FieldMeta | undefined;
  for (;;) {
    const d = defOf(s);
    if (d.type === 'default' || d.type === 'prefault' || d.type === 'optional' || d.type === 'nullable' || d.type === 'readonly' || d.type === 'catch') {
      if (d.type === 'optional') optional = true;
      if (d.type === 'nullable') nullable = true;
      s = d.innerType!;
      meta ??= s.meta() as FieldMeta | undefined;
      continue;
    }
    return { schema: s, optional, nullable, meta };
  }
}

/** The object shape of a schema (under wrappers), or null. */
export function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | null {
  const { schema: s } = unwrapSchema(schema);
  const d = defOf(s);
  return d.type === 'object' ? (d.shape as Record<string, z.ZodType>) : null;
}

/** The element schema of an array schema (under wrappers), or null. */
export function elementOf(schema: z.ZodType): z.ZodType | null {
  const { schema: s } = unwrapSchema(schema);
  const d = defOf(s);
  return d.type === 'array' ? (d.element as z.ZodType) : null;
}

const fieldCache = new Map<string, InspectorField[]>();

/**
 * The inspector's fields for a kind: every field of its data schema in declaration order, with its meta.
 * Nested objects (e.g. Human takeover's `autoAssign`) are listed as one field with widget 'object'
 * followed by their own fields (path of length 2+); list items are not expanded (see `elementOf`).
 */
export function fieldsOf(kind: BlockKind): InspectorField[] {
  const hit = fieldCache.get(kind);
  if (hit) return hit;
  const out: InspectorField[] = [];
  const walk = (shape: Record<string, z.ZodType>, base: string[]) => {
    for (const [key, field] of Object.entries(shape)) {
      const u = unwrapSchema(field);
      out.push({ path: [...base, key], schema: u.schema, meta: u.meta ?? { title: key }, optional: u.optional, nullable: u.nullable });
      const inner = defOf(u.schema);
      if (inner.type === 'object' && u.meta?.widget === 'object') walk(inner.shape as Record<string, z.ZodType>, [...base, key]);
    }
  };
  const shape = shapeOf(blockDefinitions[kind].data);
  if (shape) walk(shape, []);
  fieldCache.set(kind, out);
  return out;
}
