/**
 * What the edit operations need to know about block kinds, asked of the block registry in one place:
 * data schema, default data, exits, the option list that creates exits, whether the kind waits for the
 * customer, and which data fields hold references to other blocks.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import type { z } from 'zod';
import { exitsOf, getBlockDefinition } from '../blockRegistry';
import { blockDataSchemas, blockKinds, type Block, type BlockKind } from '../schema';

const kindSet = new Set<string>(blockKinds);
export const isBlockKind = (kind: unknown): kind is BlockKind => typeof kind === 'string' && kindSet.has(kind);

export function dataSchemaOf(kind: BlockKind): z.ZodType {
  return blockDataSchemas[kind] as unknown as z.ZodType;
}

/** Data a fresh block needs beyond its schema's defaults. */
const seeds: Partial<Record<BlockKind, Record<string, unknown>>> = {
  question: { text: 'What is your answer?', variable: 'answer' },
  message: { text: '' },
};

/** Default data of a new block of this kind (always parses). */
export function defaultDataOf(kind: BlockKind): Record<string, unknown> {
  return dataSchemaOf(kind).parse(structuredCloneJson(seeds[kind] ?? {})) as Record<string, unknown>;
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

export function labelOf(kind: BlockKind): string {
  return getBlockDefinition(kind).label;
}

/** The option list whose items each create an exit named by the item's id. */
export interface OptionList {
  field: string;
  noun: string;
  labelField: string;
  /** A new item with this id and label (the label may be empty). */
  make(id: string, label: string, n: number): Record<string, unknown>;
}

const optionLists: Partial<Record<BlockKind, OptionList>> = {
  buttons: {
    field: 'options',
    noun: 'option',
    labelField: 'label',
    make: (id, label, n) => ({ id, label: label || `Option ${n}`, synonyms: [] }),
  },
  intent_router: {
    field: 'intents',
    noun: 'intent',
    labelField: 'name',
    make: (id, label) => ({ id, name: label || id, examples: [] }),
  },
  keyword_router: {
    field: 'routes',
    noun: 'route',
    labelField: 'id',
    make: (id, label) => ({ id, keywords: label ? [label] : [] }),
  },
};

export function optionListOf(kind: BlockKind): OptionList | undefined {
  return optionLists[kind];
}

/** Paths inside a block's data that name another block (cleared on delete, renamed on rename). */
const blockRefFields: Partial<Record<BlockKind, string[][]>> = { jump: [['target']] };

export function blockRefFieldsOf(kind: BlockKind): string[][] {
  return blockRefFields[kind] ?? [];
}

function structuredCloneJson<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
