/**
 * Session 16, newcomer s13 #9 rest (fixui): "Replace with mine" in a stale window. The save names the version it
 * replaces (`replacing`, = baseRevision): it is refused when that is not the latest (the confirmation described another
 * version), and it never folds into the replaced version, which stays in the history, restorable. Real FlowStore on a
 * temporary home, the clock given (a fold would apply: same field, within FOLD_VERSIONS_MS).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { FlowStore } from '../../runtime/studio/flowStore';

let home: string;
let store: FlowStore;
let clock = Date.parse('2026-12-02T08:00:00Z');
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'fixui-replace-'));
  clock = Date.parse('2026-12-02T08:00:00Z');
  store = await FlowStore.open({ home, now: () => new Date(clock) });
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

/** save() refuses some requests before its promise (the guard): either way a rejected promise here. */
const saving = async <T>(f: () => Promise<T>): Promise<T> => f();

const language = (f: Flow, l: string): Flow => ({ ...f, settings: { ...f.settings, language: l } });

/** Two windows open revision `base`; window A saves a language change (same field twice: a fold run). */
async function twoWindows() {
  const { key } = await store.create({ template: 'customer-support' });
  const o = await store.open(key);
  const base = o.revision;
  const a1 = await store.save(key, language(o.flow, 'de'), 1, { baseRevision: base, tab: 'A' });
  clock += 1000;
  const a2 = await store.save(key, language(o.flow, 'fr'), 2, { baseRevision: a1.revision, tab: 'A' });
  return { key, base, flow: o.flow, latest: a2.revision };
}

describe('Replace with mine (stale window, newcomer s13 #9 rest)', () => {
  it('saves over the latest as a new version; the other window\'s version stays, never folded away', async () => {
    const { key, flow, latest } = await twoWindows();
    clock += 1000;
    // Window B (on the first revision) changed the same field: an ordinary save would fold into A's version.
    const mine = language(flow, 'nl');
    const r = await store.save(key, mine, 3, { baseRevision: latest, tab: 'B', replacing: latest });
    expect(r.revision).toBe(latest + 1);
    const versions = store.versions(key);
    const replaced = versions.find((v) => v.revision === latest);
    expect(replaced, "the other window's version is still in the history").toBeTruthy();
    expect((await store.version(key, latest)).flow.settings.language).toBe('fr');
    const newest = versions.find((v) => v.revision === latest + 1)!;
    expect(newest.summary).toContain(`replaced version ${latest} (saved in another window`);
    expect((await store.open(key)).flow.settings.language).toBe('nl');
    // A later save of the same field from B does not fold into the replacing version either (it has no fold run).
    clock += 1000;
    const after = await store.save(key, language(flow, 'it'), 4, { baseRevision: latest + 1, tab: 'B' });
    expect(store.versions(key).some((v) => v.revision === latest + 1), 'the replacing version is kept').toBe(true);
    expect(after.revision).toBe(latest + 2);
    // Restoring the other window's version undoes the replace.
    await store.restoreVersion(key, latest);
    expect((await store.open(key)).flow.settings.language).toBe('fr');
  });

  it('refused when a newer version was saved after the confirmation read the latest (409 stale_revision, nothing written)', async () => {
    const { key, flow, latest } = await twoWindows();
    // A saves again (another field) after B's confirmation read `latest`.
    await store.save(key, { ...flow, name: 'Renamed in A' }, 5, { baseRevision: latest, tab: 'A' });
    const count = store.versions(key).length;
    await expect(saving(() => store.save(key, language(flow, 'nl'), 6, { baseRevision: latest, tab: 'B', replacing: latest }))).rejects.toMatchObject({ status: 409, code: 'stale_revision' });
    expect(store.versions(key)).toHaveLength(count);
    expect((await store.open(key)).flow.name).toBe('Renamed in A');
  });

  it('"replacing" must be the same number as baseRevision (400 bad_replacing, saying what to send)', async () => {
    const { key, flow, latest } = await twoWindows();
    await expect(saving(() => store.save(key, language(flow, 'nl'), 7, { baseRevision: latest, tab: 'B', replacing: latest - 1 }))).rejects.toMatchObject({ status: 400, code: 'bad_replacing' });
    await expect(saving(() => store.save(key, language(flow, 'nl'), 7, { tab: 'B', replacing: latest }))).rejects.toMatchObject({ status: 400, code: 'bad_replacing' });
    await expect(saving(() => store.save(key, language(flow, 'nl'), 7, { baseRevision: latest, tab: 'B', replacing: 1.5 as number }))).rejects.toMatchObject({ status: 400, code: 'bad_replacing' });
    expect((await store.open(key)).flow.settings.language).toBe('fr');
  });
});
