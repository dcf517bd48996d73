/**
 * Property test: any random sequence of edit operations, followed by its inverses in reverse order, gives
 * back the original flow; replaying the forward patches gives the final flow; every intermediate flow still
 * parses with the flow schema (and is already in its parsed form: parsing changes nothing). Invalid edits
 * (chosen at random too) must throw FlowEditError and change nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdit, applyPatches, copyToClipboard, FlowEditError, type FlowEdit, type EditResult } from '../../../shared/flow/edit';
import type { Flow } from '../../../shared/flow/edit/tx';
import { blockKinds } from '../../../shared/flow/schema';
import { flowSchema, sampleFlow, tinyFlow } from './helpers';

/** Raw random choices; `toEdit` turns them into an edit that fits the current flow (or deliberately does not). */
const step = fc.record({
  op: fc.nat({ max: 30 }),
  a: fc.nat({ max: 1000 }),
  b: fc.nat({ max: 1000 }),
  c: fc.nat({ max: 1000 }),
  x: fc.integer({ min: -2000, max: 2000 }),
  word: fc.constantFrom('alpha', 'Beta', 'g a m m a', 'delta_1', '', 'x'.repeat(10), 'fallback', 'next', '{{name}}'),
});
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const pick = <T,>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

function toEdit(flow: Flow, s: Step): FlowEdit {
  const ids = flow.blocks.map((b) => b.id);
  const id = pick(ids, s.a) ?? 'none';
  const other = pick(ids, s.b) ?? 'none';
  const withOptions = flow.blocks.filter((b) => ['buttons', 'intent_router', 'keyword_router'].includes(b.kind));
  const optBlock = pick(withOptions, s.a);
  const optList = optBlock ? ((optBlock.data as Record<string, { id: string }[]>)[{ buttons: 'options', intent_router: 'intents', keyword_router: 'routes' }[optBlock.kind as 'buttons']]) : [];
  const exitsFrom = (bid: string) => {
    const b = flow.blocks.find((x) => x.id === bid);
    if (!b) return ['next'];
    const base = { start: ['next'], message: ['next'], question: ['next', 'fallback'], condition: ['true', 'false'], human_takeover: ['resolved', 'no_agent', 'timeout'] } as Record<string, string[]>;
    return base[b.kind] ?? [...optList.map((o) => o.id), 'fallback', 'next'];
  };
  const vars = flow.variables.map((v) => v.name);
  const notes = (flow.notes ?? []).map((n) => n.id);
  const groups = (flow.groups ?? []).map((g) => g.id);
  switch (s.op) {
    case 0:
    case 1:
      return { type: 'add_block', kind: pick(blockKinds, s.b)!, position: { x: s.x, y: s.c } };
    case 2:
    case 3:
      return { type: 'move_blocks', moves: [{ id, position: { x: s.x, y: s.c } }, { id: other, position: { x: s.c, y: s.x } }] };
    case 4:
    case 5:
      return { type: 'connect', from: id, exit: pick(exitsFrom(id), s.c)!, to: other, replace: s.c % 2 === 0 };
    case 6:
      return { type: 'disconnect', edgeIds: [pick(flow.edges, s.a)?.id ?? 'e-none'] };
    case 7:
      return { type: 'delete_blocks', ids: [id, ...(s.c % 3 === 0 ? [other] : [])] };
    case 8:
      return { type: 'rename_block', from: id, to: s.word ? `${s.word.replace(/\W/g, '_')}${s.c % 5}` : '' };
    case 9:
      return { type: 'duplicate_blocks', ids: [id, other], offset: { x: 10, y: s.x } };
    case 10:
      return { type: 'paste', clipboard: copyToClipboard(flow, [id, other, ...notes.slice(0, 1)]), ...(s.c % 2 ? { position: { x: s.x, y: 0 } } : {}) };
    case 11:
      return { type: 'set_block_label', id, label: s.word };
    case 12:
      return { type: 'set_block_data', id, data: { text: `${s.word} {{${pick(vars, s.b) ?? 'name'}}}` } };
    case 13:
      return { type: 'set_block_field', id, path: ['queueTimeoutMinutes'], value: s.x / 10 };
    case 14:
      return { type: 'add_option', blockId: optBlock?.id ?? id, label: s.word, ...(s.c % 4 === 0 ? { index: 0 } : {}) };
    case 15:
      return { type: 'remove_option', blockId: optBlock?.id ?? id, optionId: pick(optList, s.b)?.id ?? 'none' };
    case 16:
      return { type: 'reorder_option', blockId: optBlock?.id ?? id, optionId: pick(optList, s.b)?.id ?? 'none', toIndex: optList.length ? s.c % optList.length : 0 };
    case 17:
      return { type: 'add_variable', variable: { name: s.word.replace(/\W/g, '') || 'v', type: pick(['string', 'number', 'boolean', 'date'] as const, s.c) } };
    case 18:
      return { type: 'rename_variable', from: pick(vars, s.a) ?? 'none', to: `${s.word.replace(/\W/g, '') || 'v'}${s.c % 7}` };
    case 19:
      return { type: 'delete_variable', name: pick(vars, s.a) ?? 'none' };
    case 20:
      return { type: 'update_variable', name: pick(vars, s.a) ?? 'none', changes: { description: s.word, ...(s.c % 2 ? { default: s.word } : {}) } };
    case 21:
      return { type: 'set_settings', settings: { timezone: pick(['UTC', 'Europe/Paris', 'Asia/Tokyo'], s.c), fallbackMessage: s.word } };
    case 22:
      return { type: 'set_escalation', escalation: { mode: s.c % 2 ? 'graduated' : 'immediate', targetBlockId: s.b % 3 === 0 ? null : other, loop: { count: 2 + (s.c % 5) } } };
    case 23:
      return { type: 'add_note', position: { x: s.x, y: s.c }, text: s.word, color: pick(['yellow', 'blue', 'pink'] as const, s.b) };
    case 24:
      return { type: 'update_note', id: pick(notes, s.a) ?? 'none', text: s.word, ...(s.c % 2 ? { size: { width: 100 + s.c, height: 100 } } : {}) };
    case 25:
      return { type: 'delete_notes', ids: [pick(notes, s.a) ?? 'none'] };
    case 26:
      return { type: 'group', ids: [id, other], title: s.word };
    case 27:
      return s.c % 2 ? { type: 'ungroup', id: pick(groups, s.a) ?? 'none' } : { type: 'update_group', id: pick(groups, s.a) ?? 'none', title: s.word, blockIds: [id] };
    case 28:
      return { type: 'set_flow_info', name: s.word || 'Flow', description: s.word };
    case 29:
      return { type: 'insert_on_edge', edgeId: pick(flow.edges, s.a)?.id ?? 'e-none', kind: pick(blockKinds, s.b)!, position: { x: s.x, y: s.c } };
    default:
      return {
        type: 'batch',
        label: 'Layout',
        edits: flow.blocks.slice(0, 5).map((b, i) => ({ type: 'move_blocks', moves: [{ id: b.id, position: { x: i * s.x, y: s.c } }] }) as FlowEdit),
      };
  }
}

function play(start: Flow, steps: Step[]) {
  let flow = start;
  const done: { before: Flow; result: EditResult }[] = [];
  let refused = 0;
  for (const s of steps) {
    const edit = toEdit(flow, s);
    let result: EditResult;
    try {
      result = applyEdit(flow, edit);
    } catch (e) {
      if (!(e instanceof FlowEditError)) throw new Error(`${JSON.stringify(edit)} threw ${String(e)}`);
      refused++;
      continue;
    }
    const parsed = flowSchema.safeParse(result.flow);
    if (!parsed.success) throw new Error(`after ${JSON.stringify(edit)} the flow no longer parses: ${JSON.stringify(parsed.error.issues.slice(0, 2))}`);
    expect(parsed.data, `after ${edit.type} the flow is not in parsed form`).toEqual(result.flow);
    done.push({ before: flow, result });
    flow = result.flow;
  }
  return { final: flow, done, refused };
}

describe('edit operations are invertible', () => {
  for (const [name, make, runs] of [
    ['a small flow with notes, groups and a jump', tinyFlow, 150],
    ['the customer-support sample', () => sampleFlow(), 25],
    ['the travel-urgency sample', () => sampleFlow('travel-urgency'), 8],
    ['the lead-gen sample', () => sampleFlow('lead-gen'), 8],
    ['the insurance-claims sample', () => sampleFlow('insurance-claims'), 8],
  ] as const) {
    it(`random sequences on ${name}: undo all gives the original, redo all gives the final`, () => {
      const original = make();
      const snapshot = structuredClone(original);
      let applied = 0;
      let refusedTotal = 0;
      fc.assert(
        fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
          const { final, done, refused } = play(original, steps);
          applied += done.length;
          refusedTotal += refused;
          // Undo everything, one step at a time, checking each intermediate flow.
          let flow = final;
          for (let i = done.length - 1; i >= 0; i--) {
            flow = applyPatches(flow, done[i].result.inverse);
            expect(flow).toEqual(done[i].before);
          }
          expect(flow).toEqual(snapshot);
          // Redo everything from the original.
          let redo = original;
          for (const d of done) redo = applyPatches(redo, d.result.patches);
          expect(redo).toEqual(final);
        }),
        { numRuns: runs, seed: 20261130 },
      );
      // The generator must mostly produce edits that apply (otherwise the property proves little).
      expect(applied).toBeGreaterThan(refusedTotal);
    });
  }
});
