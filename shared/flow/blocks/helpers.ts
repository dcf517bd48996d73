/**
 * Small helpers the block modules share: `defineBlock` (keeps each module's types precise), reading the
 * variables of `{{template}}` fields, and option-list validation.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import type { z } from 'zod';
import type { BlockDefinition, BlockProblem, BlockShape, VariableUse } from './types';
import { templateVariables } from '../template';

/** Identity, for inference: `defineBlock({ kind: 'message', data: messageData, ... })`. */
export function defineBlock<K extends string, S extends z.ZodType>(def: BlockDefinition<K, S>): BlockDefinition<K, S> {
  return def;
}

export const nextExit = () => ['next'];
export const noExits = () => [] as string[];
export const noVariables = () => [] as string[];
export const noReads = () => [] as VariableUse[];

/** The variables read by the string fields `keys` of `block.data` (as `{{templates}}`). */
export function templateReads(block: BlockShape<string, object>, keys: readonly string[]): VariableUse[] {
  const d = block.data as Record<string, unknown>;
  const out: VariableUse[] = [];
  for (const k of keys) {
    const v = d[k];
    if (typeof v !== 'string' || !v.includes('{{')) continue;
    for (const name of templateVariables(v)) out.push({ name, path: ['data', k], template: true });
  }
  return out;
}

/** Variables read by one template string at `path`. */
export function readsOf(text: string, path: Array<string | number>): VariableUse[] {
  if (!text.includes('{{')) return [];
  return templateVariables(text).map((name) => ({ name, path, template: true }));
}

/** Zero options, duplicate ids and ids clashing with the `fallback` exit, for buttons, intents and routes. */
export function optionProblems(items: ReadonlyArray<{ id: string }>, field: string, noun: string, who: string, emptyHint: string): BlockProblem[] {
  const out: BlockProblem[] = [];
  if (items.length === 0) {
    out.push({ severity: 'error', code: 'no_options', path: ['data', field], message: `${who} has no ${field}, so every answer goes to its fallback.`, hint: emptyHint });
    return out;
  }
  const seen = new Set<string>();
  items.forEach((item, k) => {
    if (item.id === 'fallback') {
      out.push({
        severity: 'error',
        code: 'reserved_exit_name',
        path: ['data', field, k, 'id'],
        message: `${who}: the ${noun} id 'fallback' clashes with the block's own fallback exit.`,
        hint: `Rename the ${noun} id.`,
      });
    }
    if (seen.has(item.id)) {
      out.push({
        severity: 'error',
        code: 'duplicate_option_id',
        path: ['data', field, k, 'id'],
        message: `${who} has two ${noun}s with the id '${item.id}'; each ${noun} is its own exit, so ids must differ.`,
        hint: `Rename one of the ${noun}s.`,
      });
    }
    seen.add(item.id);
  });
  return out;
}
