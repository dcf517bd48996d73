/**
 * What the edit operations need to know about block kinds, asked of the block registry
 * (shared/flow/blockRegistry.ts) in one place: data schema, default data, exits, the option list that
 * creates exits, whether the kind waits for the customer, and which data fields name another block
 * (fields whose inspector widget is 'block', e.g. a Jump block's target).
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import type { z } from 'zod';
import { elementOf, exitsOf, fieldsOf, getBlockDefinition, isBlockKind as registryIsBlockKind, shapeOf } from '../blockRegistry';
import type { Block, BlockKind } from '../schema';

export const isBlockKind = (kind: unknown): kind is BlockKind => registryIsBlockKind(kind);

export function dataSchemaOf(kind: BlockKind): z.ZodType {
  return getBlockDefinition(kind).data as z.ZodType;
}

/** Default data of a new block of this kind (always parses). */
export function defaultDataOf(kind: BlockKind): Record<string, unknown> {
  return dataSchemaOf(kind).parse(getBlockDefinition(kind).defaultData()) as Record<string, unknown>;
}

export function exitsOfBlock(block: Block): string[] {
  return exitsOf(block);
}

export function waitsForCustomer(kind: BlockKind): boolean {
  return getBlockDefinition(kind).waitsForCustomer;
}

export function isEntryKind(kind: BlockKind): boolean {
  return getBlockDefinition(kind).isEntry === true;
}

/** Whether blocks of this kind can receive the escalation policy's handoffs (Human takeover). */
export function isHandoffTargetKind(kind: BlockKind): boolean {
  return getBlockDefinition(kind).isHandoffTarget === true;
}

export function labelOf(kind: BlockKind): string {
  return getBlockDefinition(kind).label;
}

/** The option list whose items each create an exit named by the item's id. */
export interface OptionList {
  field: string;
  noun: string;
  labelField: string;
  /** A new item with this id and label (the label may be empty); parsed with the item schema. */
  make(id: string, label: string, n: number): Record<string, unknown>;
}

const optionListCache = new Map<BlockKind, OptionList | null>();

export function optionListOf(kind: BlockKind): OptionList | undefined {
  if (optionListCache.has(kind)) return optionListCache.get(kind) ?? undefined;
  const spec = getBlockDefinition(kind).optionExits;
  let list: OptionList | null = null;
  if (spec) {
    const listSchema = shapeOf(dataSchemaOf(kind))?.[spec.field];
    const item = listSchema ? elementOf(listSchema) : null;
    const itemFields = item ? Object.keys(shapeOf(item) ?? {}) : [];
    list = {
      field: spec.field,
      noun: spec.noun,
      labelField: spec.labelField,
      make(id, label, n) {
        const raw: Record<string, unknown> = { id };
        if (spec.labelField !== 'id') raw[spec.labelField] = label || (spec.labelField === 'label' ? `Option ${n}` : id);
        // A route named by its id: the label the designer typed is its first keyword.
        else if (label && itemFields.includes('keywords')) raw.keywords = [label];
        return (item ? item.parse(raw) : raw) as Record<string, unknown>;
      },
    };
  }
  optionListCache.set(kind, list);
  return list ?? undefined;
}

const refFieldCache = new Map<BlockKind, string[][]>();

/** Paths inside a block's data that name another block (cleared on delete, renamed on rename). */
export function blockRefFieldsOf(kind: BlockKind): string[][] {
  let hit = refFieldCache.get(kind);
  if (!hit) {
    hit = fieldsOf(kind)
      .filter((f) => f.meta.widget === 'block')
      .map((f) => f.path);
    refFieldCache.set(kind, hit);
  }
  return hit;
}

/**
 * For kinds that define intents (their names may be used by the escalation policy's sensitive topics):
 * option id -> intent name in `data`. Null for other kinds.
 */
export function intentNamesById(kind: BlockKind, data: unknown): Map<string, string> | null {
  const def = getBlockDefinition(kind);
  const spec = def.optionExits;
  if (!def.intentNames || !spec || spec.labelField === 'id') return null;
  const items = (data as Record<string, unknown> | null)?.[spec.field];
  const out = new Map<string, string>();
  if (Array.isArray(items)) {
    for (const item of items) {
      const o = item as Record<string, unknown>;
      if (typeof o.id === 'string' && typeof o[spec.labelField] === 'string') out.set(o.id, o[spec.labelField] as string);
    }
  }
  return out;
}
