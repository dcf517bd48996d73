/**
 * fixui, session 17 (newcomer s17 N#13): numbered imports gave the id (the public chat address, the export's file name)
 * and the name different numbers: "(2)" at insurance-claims-4, then its export imported back as "(4)" at
 * insurance-claims-4-2. Ids are now numbered on their base too, with the name's number when it is free.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowStore } from '../../runtime/studio/flowStore';

let home: string;
let store: FlowStore;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'fixui-import-ids-'));
  store = await FlowStore.open({ home });
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('numbered imports: the id numbered like the name (newcomer s17 N#13)', () => {
  it('the newcomer\'s steps: no "-4-2", and the name\'s number when the id is free', async () => {
    const text = await readFile(join(import.meta.dirname, '../../flows/insurance-claims.json'), 'utf8');
    const base = JSON.parse(text) as { id: string; name: string };
    const three = [await store.importText(text), await store.importText(text), await store.importText(text)];
    expect(three.map((r) => [r.key, r.flow.name])).toEqual([
      [base.id, base.name],
      [`${base.id}-2`, `${base.name} (2)`],
      [`${base.id}-3`, `${base.name} (3)`],
    ]);
    // Rename "(2)", import again: the name "(2)" is free again, its id is not. Session 19 (newcomer s18 #4): the first
    // number free as a name AND as an id, so name and id agree ("(2)" at -4 before; now "(4)" at -4).
    const two = await store.open(`${base.id}-2`);
    await store.save(`${base.id}-2`, { ...two.flow, name: 'Something else' }, 1, { baseRevision: two.revision });
    const again = await store.importText(text);
    expect(again.flow.name).toBe(`${base.name} (4)`);
    expect(again.key).toBe(`${base.id}-4`);
    // Export that one and import it: "(5)" at -5, never "-4-2".
    const exported = JSON.stringify((await store.open(again.key)).flow);
    const back = await store.importText(exported);
    expect(back.flow.name).toBe(`${base.name} (5)`);
    expect(back.key).toBe(`${base.id}-5`);
    expect(back.flow.id).toBe(back.key);
    // Once more: "(6)" at -6 (never -5-2).
    const last = await store.importText(JSON.stringify((await store.open(back.key)).flow));
    expect([last.key, last.flow.name]).toEqual([`${base.id}-6`, `${base.name} (6)`]);
  });

  it('created flows: the key carries the name\'s number; a year-like ending is not a copy number', async () => {
    const made = [await store.create({}), await store.create({}), await store.create({})];
    expect(made.map((m) => [m.key, m.flow.name])).toEqual([
      ['untitled-flow', 'Untitled flow'],
      ['untitled-flow-2', 'Untitled flow (2)'],
      ['untitled-flow-3', 'Untitled flow (3)'],
    ]);
    const a = await store.create({ name: 'Returns (7)' });
    const b = await store.create({ name: 'Returns (7)' });
    expect([a.key, b.key, b.flow.name]).toEqual(['returns-7', 'returns-8', 'Returns (8)']);
    await store.create({ name: 'Sale 2026' });
    const y = await store.create({ name: 'Sale 2026' });
    expect([y.key, y.flow.name]).toEqual(['sale-2026-2', 'Sale 2026 (2)']);
  });
});
