/**
 * Newcomer s14 #15 (fixui, session 15): trying values in one field (Flow settings > Language: eight values within a
 * minute) made a version each, pushing the meaningful versions down the history. Saves that change the same field(s)
 * again within FOLD_VERSIONS_MS of the first are now one version, described against the version before the run;
 * a save that changes another field, adds or moves a block, or comes later, is a version of its own. Real FlowStore
 * on a temporary home, the clock given.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { FOLD_VERSIONS_MS, FlowStore } from '../../runtime/studio/flowStore';

let home: string;
let store: FlowStore;
let clock = Date.parse('2026-12-02T08:00:00Z');
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'fixui-versions-'));
  clock = Date.parse('2026-12-02T08:00:00Z');
  store = await FlowStore.open({ home, now: () => new Date(clock) });
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const language = (f: Flow, l: string): Flow => ({ ...f, settings: { ...f.settings, language: l } });

describe('version history: values tried in one field are one version (newcomer s14 #15)', () => {
  it('eight languages within a minute: one version saying what the run changed; the version files follow', async () => {
    const { key } = await store.create({ template: 'customer-support' });
    const o = await store.open(key);
    let flow = o.flow;
    let seq = 1;
    const save = async (f: Flow) => {
      flow = f;
      return store.save(key, f, seq++);
    };
    const before = store.versions(key).length;
    for (const l of ['fr', 'de', 'es', 'it', 'nl', 'pt', 'pl', 'sv']) {
      clock += 5_000;
      expect((await save(language(flow, l))).changed).toBe(true);
    }
    const versions = store.versions(key);
    expect(versions.length, 'one version for the eight saves').toBe(before + 1);
    const latest = versions[0]; // newest first
    expect(latest.summary).toBe('1 setting changed: flow settings: language');
    expect(latest.revision).toBe(Math.max(...versions.map((v) => v.revision)));
    // The history folder holds a file per listed version, no more.
    const files = (await readdir(join(home, 'history', key))).filter((f) => /^\d+\.json$/.test(f)).map((f) => Number(f.replace('.json', ''))).sort((a, b) => a - b);
    expect(files).toEqual(versions.map((v) => v.revision).sort((a, b) => a - b));
    // Restoring the version before the run gives the flow's first language back (the run is described against it).
    const detail = await store.version(key, versions[1].revision);
    expect(detail.flow.settings.language).toBe(o.flow.settings.language);
  });

  it('another field, a block moved, or the same field after the fold window: versions of their own', async () => {
    const { key } = await store.create({ template: 'customer-support' });
    let flow = (await store.open(key)).flow;
    let seq = 1;
    const save = async (f: Flow) => {
      flow = f;
      await store.save(key, f, seq++);
    };
    const n0 = store.versions(key).length;
    clock += 1000;
    await save(language(flow, 'fr'));
    clock += 1000;
    await save({ ...flow, description: 'Changed description' });
    expect(store.versions(key).length, 'a different field').toBe(n0 + 2);
    clock += 1000;
    await save({ ...flow, blocks: flow.blocks.map((b, i) => (i === 0 ? { ...b, position: { x: (b.position?.x ?? 0) + 40, y: b.position?.y ?? 0 } } : b)) });
    expect(store.versions(key).length, 'a move').toBe(n0 + 3);
    clock += 1000;
    await save(language(flow, 'de'));
    clock += 1000;
    await save(language(flow, 'es'));
    expect(store.versions(key).length, 'de and es folded').toBe(n0 + 4);
    clock += FOLD_VERSIONS_MS;
    await save(language(flow, 'it'));
    expect(store.versions(key).length, 'after the window').toBe(n0 + 5);
  });

  it('values tried and then undone (back to where the run began) keep both versions', async () => {
    const { key } = await store.create({ template: 'customer-support' });
    const o = await store.open(key);
    const n0 = store.versions(key).length;
    clock += 1000;
    await store.save(key, language(o.flow, 'fr'), 1);
    clock += 1000;
    await store.save(key, o.flow, 2);
    expect(store.versions(key).length).toBe(n0 + 2);
  });
});
