/** Test helpers for the edit operations: sample flows and a checked applyEdit (patches replay, inverse restores). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { applyEdit, applyPatches, type EditResult, type FlowEdit } from '../../../shared/flow/edit';
import type { Flow } from '../../../shared/flow/edit/tx';
import { flowSchema } from '../../../shared/flow/schema';

export { flowSchema };

export function sampleFlow(name = 'customer-support'): Flow {
  const text = readFileSync(fileURLToPath(new URL(`../../../flows/${name}.json`, import.meta.url)), 'utf8');
  return flowSchema.parse(JSON.parse(text)) as Flow;
}

/** A small flow with a jump, a group and a sticky note, built from JSON. */
export function tinyFlow(): Flow {
  return flowSchema.parse({
    version: 1,
    id: 'tiny',
    name: 'Tiny',
    blocks: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'hello', kind: 'message', position: { x: 200, y: 0 }, data: { text: 'Hi {{ name }}, order {{order}}' } },
      {
        id: 'menu',
        kind: 'buttons',
        position: { x: 400, y: 0 },
        data: {
          text: 'Pick',
          variable: 'choice',
          options: [
            { id: 'a', label: 'Alpha' },
            { id: 'b', label: 'Beta' },
            { id: 'c', label: 'Gamma' },
          ],
        },
      },
      { id: 'ask', kind: 'question', position: { x: 600, y: 0 }, data: { text: 'Name?', variable: 'name' } },
      { id: 'check', kind: 'condition', position: { x: 600, y: 200 }, data: { rules: [{ variable: 'name', op: 'exists' }] } },
      { id: 'again', kind: 'jump', position: { x: 800, y: 200 }, data: { target: 'menu' } },
      { id: 'human', kind: 'human_takeover', position: { x: 800, y: 0 }, data: {} },
      { id: 'bye', kind: 'end', position: { x: 1000, y: 0 }, data: {} },
    ],
    edges: [
      { id: 'e1', from: 'start', exit: 'next', to: 'hello' },
      { id: 'e2', from: 'hello', exit: 'next', to: 'menu' },
      { id: 'e3', from: 'menu', exit: 'a', to: 'ask' },
      { id: 'e4', from: 'menu', exit: 'b', to: 'human' },
      { id: 'e5', from: 'ask', exit: 'next', to: 'check' },
      { id: 'e6', from: 'check', exit: 'true', to: 'human' },
      { id: 'e7', from: 'check', exit: 'false', to: 'again' },
      { id: 'e8', from: 'human', exit: 'resolved', to: 'bye' },
    ],
    variables: [
      { name: 'name', type: 'string' },
      { name: 'order', type: 'string' },
      { name: 'choice', type: 'string' },
    ],
    settings: { fallbackMessage: 'Sorry {{name}}, again?' },
    escalation: {
      targetBlockId: 'human',
      urgency: { rules: [{ variable: 'order', op: 'exists' }] },
    },
    notes: [{ id: 'note-1', text: 'Remember the menu', position: { x: 0, y: 300 }, color: 'yellow' }],
    groups: [{ id: 'group-1', title: 'Menu', color: 'blue', blockIds: ['menu', 'ask'] }],
  } as never) as Flow;
}

/**
 * applyEdit plus the contract every edit must keep: the input is unchanged, the patches replay the edit
 * (also after a JSON round trip, as a journal on disk), the inverse restores the input, and the result still
 * parses with the flow schema.
 */
export function apply(flow: Flow, edit: FlowEdit): EditResult & { flow: Flow } {
  const before = structuredClone(flow);
  const r = applyEdit(flow, edit);
  expect(flow).toEqual(before);
  expect(applyPatches(flow, r.patches)).toEqual(r.flow);
  expect(applyPatches(r.flow, r.inverse)).toEqual(flow);
  // Patches are plain JSON: a journal written to disk and replayed on the saved file gives the same flow.
  const json = <T,>(v: T): T => JSON.parse(JSON.stringify(v));
  expect(applyPatches(json(flow), json(r.patches))).toEqual(json(r.flow));
  const reparsed = flowSchema.safeParse(r.flow);
  expect(reparsed.success, reparsed.success ? '' : JSON.stringify(reparsed.error.issues.slice(0, 3))).toBe(true);
  return r as EditResult & { flow: Flow };
}

export const block = (flow: Flow, id: string) => flow.blocks.find((b) => b.id === id);
export const edgesFrom = (flow: Flow, id: string) => flow.edges.filter((e) => e.from === id);
export const edgesTo = (flow: Flow, id: string) => flow.edges.filter((e) => e.to === id);
