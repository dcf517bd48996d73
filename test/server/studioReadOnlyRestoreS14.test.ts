/**
 * Hostile s14 H#4: in a read-only window (another window saved the flow), Version history > Restore still replaced
 * the flow, and the persistence wrote that into the conflict copy: the window's refused edits, which the banner says
 * are kept in this browser, were gone (and a window with none got "your unsaved changes are kept").
 * Now the store refuses replaceFlow while read-only, and the persistence never writes a read-only window's later
 * changes into the conflict copy.
 */
import { enablePatches } from 'immer';
import { describe, expect, it } from 'vitest';
import type { FlowEdit } from '../../shared/flow/edit/types';
import { type StudioApi } from '../../renderer/studio/api/studioApi';
import {
  createFlowPersistence,
  openFlowForEditing,
  persistenceOptionsFor,
  readConflictCopy,
  type KeyValueStorage,
} from '../../renderer/studio/persistence/flowPersistence';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { type StudioServer } from '../../runtime/studio/startStudioServer';
import { memoryStorage, studioServerPerTest, until, wait } from '../support/studioPersistenceHarness';

enablePatches();


let home: string;
let studio: StudioServer;
let api: StudioApi;
studioServerPerTest('baton-readonly-', (s) => {
  ({ home, studio, api } = s);
});

/** Window A saves language "fr"; window B, opened before, then edits: B becomes read-only. */
async function twoWindows(bEdits: boolean) {
  const { key } = await api.createFlow({ template: 'lead-gen' });
  const storage = memoryStorage();
  const openedA = await openFlowForEditing(api, key, storage);
  const openedB = await openFlowForEditing(api, key, storage);
  const storeA = createStudioStore(openedA.flow);
  const storeB = createStudioStore(openedB.flow);
  const opts = { api, storage, saveDelayMs: 30, journalDelayMs: 10, localDelayMs: 5, retryMs: 50, channel: null, diskPollMs: 20 };
  const pA = createFlowPersistence({ key, store: storeA, ...opts, ...persistenceOptionsFor(openedA), tabId: 'A' });
  storeA.getState().dispatch({ type: 'set_settings', settings: { language: 'fr' } } as FlowEdit);
  await until(() => pA.getState().status === 'saved');
  pA.dispose();
  const pB = createFlowPersistence({ key, store: storeB, ...opts, ...persistenceOptionsFor(openedB), tabId: 'B' });
  if (bEdits) expect(storeB.getState().dispatch({ type: 'set_settings', settings: { language: 'de' } } as FlowEdit)).toBe(true);
  return { key, storage, storeB, pB, firstVersion: (await api.version(key, 1)).flow };
}

describe('a read-only window cannot restore a version (hostile s14 H#4)', () => {
  it('Restore is refused; the flow and the kept copy of the refused edit are unchanged', async () => {
    const { key, storage, storeB, pB, firstVersion } = await twoWindows(true);
    await until(() => pB.getState().status === 'conflict');
    expect(storeB.getState().readOnly).toBeTruthy();
    expect(readConflictCopy(key, storage)!.flow.settings.language).toBe('de');
    const before = storeB.getState().flow;
    expect(storeB.getState().replaceFlow(firstVersion, { undoable: true, label: 'Restore version 1' })).toBe(false);
    expect(storeB.getState().flow).toBe(before);
    await wait(100);
    expect(readConflictCopy(key, storage)!.flow.settings.language).toBe('de');
    expect(readConflictCopy(key, storage)!.flow).toEqual(before);
    pB.dispose();
  });

  it('a change that reaches a read-only store anyway is not written into the conflict copy', async () => {
    const { key, storage, storeB, pB, firstVersion } = await twoWindows(true);
    await until(() => pB.getState().status === 'conflict');
    // Past every guard of the store (what Restore did before): the copy still holds the user's refused edit.
    storeB.setState({ flow: firstVersion, revision: storeB.getState().revision + 1, lastPatches: [{ op: 'replace', path: [], value: firstVersion }] });
    await wait(100);
    expect(readConflictCopy(key, storage)!.flow.settings.language).toBe('de');
    pB.dispose();
  });

  it('a window with no refused edits keeps saying nothing is lost (no conflict copy appears)', async () => {
    const { key, storage, storeB, pB, firstVersion } = await twoWindows(false);
    await until(() => pB.getState().status === 'conflict');
    expect(storeB.getState().replaceFlow(firstVersion, { undoable: true })).toBe(false);
    storeB.setState({ flow: firstVersion, revision: storeB.getState().revision + 1, lastPatches: [] });
    await wait(100);
    expect(readConflictCopy(key, storage)).toBeNull();
    expect(pB.getState().conflictCopy).toBeNull();
    expect(pB.getState().hint).toMatch(/this tab had no unsaved changes, so nothing is lost/);
    pB.dispose();
  });

  it('outside read-only, Restore still replaces the flow as one undoable step', async () => {
    const { key } = await api.createFlow({ template: 'lead-gen' });
    const store = createStudioStore((await api.openFlow(key)).flow);
    const restored = { ...store.getState().flow, description: 'restored' };
    expect(store.getState().replaceFlow(restored, { undoable: true, label: 'Restore version 1' })).toBe(true);
    expect(store.getState().flow.description).toBe('restored');
    store.getState().undo();
    expect(store.getState().flow.description).not.toBe('restored');
  });
});
