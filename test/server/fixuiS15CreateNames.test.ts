/**
 * Newcomer s14 #2 rest (fixui, session 15): imports were numbered in session 14 ("(2)", "(3)"), but two flows made
 * from the same template, or two blank flows, were listed under one name ("Untitled flow" twice), told apart only by
 * the grey id line. A new flow now gets a name no other flow of the home has, as an import does.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowStore } from '../../runtime/studio/flowStore';

let home: string;
let store: FlowStore;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'fixui-names-'));
  store = await FlowStore.open({ home });
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('new flows have names of their own (newcomer s14 #2 rest)', () => {
  it('three blank flows: "Untitled flow", "Untitled flow (2)", "Untitled flow (3)"; the file keeps the name', async () => {
    const made = [await store.create({}), await store.create({}), await store.create({})];
    expect(made.map((m) => m.flow.name)).toEqual(['Untitled flow', 'Untitled flow (2)', 'Untitled flow (3)']);
    expect(new Set(made.map((m) => m.key)).size).toBe(3);
    expect((await store.open(made[1].key)).flow.name).toBe('Untitled flow (2)');
    const names = (await store.list()).map((f) => f.name).sort();
    expect(names).toEqual(['Untitled flow', 'Untitled flow (2)', 'Untitled flow (3)']);
  });

  it('two flows from one template, then a name given twice', async () => {
    const a = await store.create({ template: 'customer-support' });
    const b = await store.create({ template: 'customer-support' });
    expect(b.flow.name).toBe(`${a.flow.name} (2)`);
    const c = await store.create({ name: 'Returns' });
    const d = await store.create({ name: 'Returns' });
    expect([c.flow.name, d.flow.name]).toEqual(['Returns', 'Returns (2)']);
  });
});
