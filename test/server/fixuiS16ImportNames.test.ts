/**
 * Hostile s16 H#26 (fixui, session 16): importing a flow named "Untitled flow (20)" gave "Untitled flow (20) (2)" ...
 * "(20) (11)". A name that already ends in " (N)" is now numbered on its base, with the next free number after N.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowStore } from '../../runtime/studio/flowStore';

let home: string;
let store: FlowStore;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'fixui-import-names-'));
  store = await FlowStore.open({ home });
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('a numbered name is renumbered on its base (hostile s16 H#26)', () => {
  it('three imports of "Untitled flow (3)": "(4)", "(5)", "(6)"; a free number below N is not reused', async () => {
    const made = [await store.create({}), await store.create({}), await store.create({})];
    expect(made.map((m) => m.flow.name)).toEqual(['Untitled flow', 'Untitled flow (2)', 'Untitled flow (3)']);
    const text = JSON.stringify((await store.open(made[2].key)).flow);
    const names: string[] = [];
    for (let i = 0; i < 3; i++) names.push((await store.importText(text, 'untitled.json')).flow.name);
    expect(names).toEqual(['Untitled flow (4)', 'Untitled flow (5)', 'Untitled flow (6)']);
  });

  it('a name with a number that is free is kept; an unnumbered name still gets " (2)"; brackets that are not a number are a name', async () => {
    const a = await store.create({ name: 'Returns (7)' });
    expect(a.flow.name).toBe('Returns (7)');
    const b = await store.create({ name: 'Returns (7)' });
    expect(b.flow.name).toBe('Returns (8)');
    await store.create({ name: 'Returns' });
    expect((await store.create({ name: 'Returns' })).flow.name).toBe('Returns (2)');
    await store.create({ name: 'Sales (EU)' });
    expect((await store.create({ name: 'Sales (EU)' })).flow.name).toBe('Sales (EU) (2)');
  });
});
