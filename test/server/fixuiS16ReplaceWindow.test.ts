/**
 * Session 16, newcomer s13 #9 rest (fixui): a stale window (another window saved the flow) can replace that version with
 * its own, after a confirmation naming what that undoes (docs/studio.md, the safe design). The persistence and the
 * describer against a real studio server: window A deletes a block and changes the language; window B, opened before,
 * renames a block. B's confirmation names A's two changes (not B's own rename as "undone"); confirmed, B's flow is a new
 * version, A's version stays in the history, B edits again normally, and a version saved after the confirmation read the
 * latest refuses the replace (the banner comes back, the copy is kept).
 */
import { enablePatches } from 'immer';
import { describe, expect, it } from 'vitest';
import type { FlowEdit } from '../../shared/flow/edit/types';
import { type StudioApi } from '../../renderer/studio/api/studioApi';
import { createFlowPersistence, openFlowForEditing, persistenceOptionsFor, readConflictCopy } from '../../renderer/studio/persistence/flowPersistence';
import { describeReplace } from '../../renderer/studio/persistence/describeReplace';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { memoryStorage, studioServerPerTest, until } from '../support/studioPersistenceHarness';

enablePatches();

let api: StudioApi;
studioServerPerTest('fixui-replace-window-', (s) => {
  ({ api } = s);
});

async function staleWindow() {
  const { key } = await api.createFlow({ template: 'lead-gen' });
  const storage = memoryStorage();
  const openedA = await openFlowForEditing(api, key, storage);
  const openedB = await openFlowForEditing(api, key, storage);
  const storeA = createStudioStore(openedA.flow);
  const storeB = createStudioStore(openedB.flow);
  const opts = { api, storage, saveDelayMs: 30, journalDelayMs: 10, localDelayMs: 5, retryMs: 50, channel: null, diskPollMs: 20 };
  const pA = createFlowPersistence({ key, store: storeA, ...opts, ...persistenceOptionsFor(openedA), tabId: 'A' });
  const blocks = openedA.flow.blocks;
  const gone = blocks[blocks.length - 1]!;
  const renamed = blocks[1]!;
  expect(storeA.getState().dispatch({ type: 'delete_blocks', ids: [gone.id] } as FlowEdit)).toBe(true);
  expect(storeA.getState().dispatch({ type: 'set_settings', settings: { language: 'fr' } } as FlowEdit)).toBe(true);
  await until(() => pA.getState().status === 'saved');
  const latest = pA.getState().revision!;
  pA.dispose();
  const pB = createFlowPersistence({ key, store: storeB, ...opts, ...persistenceOptionsFor(openedB), tabId: 'B' });
  expect(storeB.getState().dispatch({ type: 'set_block_label', id: renamed.id, label: 'Renamed in B' } as FlowEdit)).toBe(true);
  await until(() => pB.getState().status === 'conflict');
  return { key, storage, storeB, pB, gone, renamed, latest, base: openedB.revision! };
}

describe('Replace with mine in a stale window (newcomer s13 #9 rest)', () => {
  it("the confirmation names the other window's changes it undoes; confirmed, B is saved and A's version stays", async () => {
    const { key, storage, storeB, pB, gone, renamed, latest, base } = await staleWindow();
    const c = await pB.prepareReplace();
    expect(c.latestRevision).toBe(latest);
    expect(c.baseRevision).toBe(base);
    const d = describeReplace(c.base, c.latest, c.mine);
    expect(d.exact).toBe(true);
    const goneName = `The Message block “${gone.label}”`; // fixui s17 (newcomer s17 N#2): kind label and label, not id and kind
    expect(gone.kind).toBe('message');
    expect(d.undone).toEqual([`${goneName} it deleted comes back, with its 2 connections.`, 'Flow settings: Language (“fr” → “en”).']);
    expect(d.mine).toContain('1 block changed');
    expect(d.undone.join(' ')).not.toContain('Renamed in B');

    await pB.replaceWithMine(c.latestRevision);
    expect(pB.getState().status).toBe('saved');
    expect(storeB.getState().readOnly ?? null).toBeNull();
    expect(pB.getState().notice).toContain(`The other window's version stays in Version history as version ${latest}`);
    expect(readConflictCopy(key, storage), 'the kept copy is gone once saved').toBeNull();
    const now = await api.openFlow(key);
    expect(now.revision).toBe(latest + 1);
    expect(now.flow.blocks.find((b) => b.id === renamed.id)?.label).toBe('Renamed in B');
    expect(now.flow.blocks.some((b) => b.id === gone.id)).toBe(true);
    const kept = await api.version(key, latest);
    expect(kept.flow.settings.language).toBe('fr');
    expect(kept.flow.blocks.some((b) => b.id === gone.id)).toBe(false);
    expect((await api.versions(key)).find((v) => v.revision === latest + 1)?.summary).toContain(`replaced version ${latest}`);

    // B is an ordinary window again: its next edit saves on the new revision.
    expect(storeB.getState().dispatch({ type: 'set_settings', settings: { language: 'nl' } } as FlowEdit)).toBe(true);
    await expect.poll(async () => (await api.openFlow(key)).flow.settings.language, { timeout: 8000 }).toBe('nl');
    expect(pB.getState().status).not.toBe('conflict');
    pB.dispose();
  });

  it('a version saved after the confirmation read the latest refuses it: the banner is back, the copy kept', async () => {
    const { key, storage, pB, renamed, latest } = await staleWindow();
    const c = await pB.prepareReplace();
    const now = await api.openFlow(key);
    await api.saveFlow(key, { ...now.flow, name: 'Saved meanwhile' }, 0, { baseRevision: latest, tab: 'C' });
    await expect(pB.replaceWithMine(c.latestRevision)).rejects.toThrow(/another tab or window/);
    expect(pB.getState().status).toBe('conflict');
    expect(readConflictCopy(key, storage)!.flow.blocks.find((b) => b.id === renamed.id)?.label).toBe('Renamed in B');
    expect((await api.openFlow(key)).flow.name).toBe('Saved meanwhile');
    // Asked again, the confirmation describes the new latest.
    const again = await pB.prepareReplace();
    expect(again.latestRevision).toBe(latest + 1);
    expect(describeReplace(again.base, again.latest, again.mine).undone.some((l) => l.startsWith('Flow settings: Name (“Saved meanwhile” → '))).toBe(true);
    pB.dispose();
  });

  it('without the base version in the history, every difference from the latest is listed (exact: false)', async () => {
    const { pB, gone } = await staleWindow();
    const c = await pB.prepareReplace();
    const d = describeReplace(null, c.latest, c.mine);
    expect(d.exact).toBe(false);
    expect(d.mine).toBeNull();
    expect(d.undone).toContain(`The Message block “${gone.label}” is added, with its 2 connections.`);
    expect(d.undone).toContain('Flow settings: Language (“fr” → “en”).');
    expect(d.undone.some((l) => l.includes('Label'))).toBe(true);
    pB.dispose();
  });
});
