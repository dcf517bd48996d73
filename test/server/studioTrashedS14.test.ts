/**
 * Newcomer s14 N#14: a flow moved to the trash from another tab: the editor said only "Not saved" (the reason in a
 * tooltip, in API words) and kept taking edits. Now it becomes read-only with its own reason, and its unsaved edits
 * are kept as the conflict copy. N#22: with the server stopped, an idle editor kept saying "Saved": offline as soon as
 * a disk check fails, and "Saved" again when the server answers.
 */
import { enablePatches } from 'immer';
import { describe, expect, it } from 'vitest';
import type { FlowEdit } from '../../shared/flow/edit/types';
import { StudioApiError, type StudioApi } from '../../renderer/studio/api/studioApi';
import { createFlowPersistence, openFlowForEditing, persistenceOptionsFor, readConflictCopy, TRASHED_ELSEWHERE, type KeyValueStorage } from '../../renderer/studio/persistence/flowPersistence';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { type StudioServer } from '../../runtime/studio/startStudioServer';
import { memoryStorage, studioServerPerTest, until, wait } from '../support/studioPersistenceHarness';

enablePatches();


let home: string;
let studio: StudioServer;
let api: StudioApi;
studioServerPerTest('baton-trashed-', (s) => {
  ({ home, studio, api } = s);
});

const opts = (over: Record<string, unknown> = {}) => ({ storage: memoryStorage(), saveDelayMs: 30, journalDelayMs: 10, localDelayMs: 5, retryMs: 50, channel: null, diskPollMs: 20, ...over });

describe('a flow moved to the trash from another tab (newcomer s14 N#14)', () => {
  it('an edit after it: read-only with the reason, the edit kept as the conflict copy', async () => {
    const { key } = await api.createFlow({ template: 'lead-gen' });
    const o = opts({ diskPollMs: 0 });
    const opened = await openFlowForEditing(api, key, o.storage);
    const store = createStudioStore(opened.flow);
    const p = createFlowPersistence({ key, store, api, ...o, ...persistenceOptionsFor(opened), tabId: 'A' });
    await api.deleteFlow(key);
    expect(store.getState().dispatch({ type: 'set_flow_info', description: 'typed after the trash' } as FlowEdit)).toBe(true);
    await until(() => p.getState().status === 'conflict');
    expect(p.getState().error).toBe(TRASHED_ELSEWHERE);
    expect(store.getState().readOnly).toMatch(/moved to the trash in another tab or window.*Restore it from the trash on the home screen, then Reload \(your unsaved changes are kept: Download my changes\)/);
    expect(readConflictCopy(key, o.storage)!.flow.description).toBe('typed after the trash');
    expect(store.getState().dispatch({ type: 'set_flow_info', description: 'more' } as FlowEdit)).toBe(false);
    p.dispose();
  });

  it('an idle window learns it from its disk check, with nothing lost', async () => {
    const { key } = await api.createFlow({ template: 'lead-gen' });
    const o = opts();
    const opened = await openFlowForEditing(api, key, o.storage);
    const store = createStudioStore(opened.flow);
    const p = createFlowPersistence({ key, store, api, ...o, ...persistenceOptionsFor(opened), tabId: 'A' });
    await api.deleteFlow(key);
    await until(() => p.getState().status === 'conflict');
    expect(p.getState().error).toBe(TRASHED_ELSEWHERE);
    expect(p.getState().conflictCopy ?? null).toBeNull();
    expect(store.getState().readOnly).toMatch(/moved to the trash/);
    p.dispose();
  });
});

describe('the studio server stops while the editor is idle (newcomer s14 N#22)', () => {
  it('"offline" as soon as a disk check fails; "saved" again when the server answers', async () => {
    const { key } = await api.createFlow({ template: 'lead-gen' });
    let down = false;
    const flaky: StudioApi = {
      ...api,
      diskStatus: (k: string) => (down ? Promise.reject(new StudioApiError(0, 'offline', 'The studio server cannot be reached.', 'Your edits are kept in this browser.')) : api.diskStatus(k)),
    };
    const o = opts();
    const opened = await openFlowForEditing(api, key, o.storage);
    const store = createStudioStore(opened.flow);
    const p = createFlowPersistence({ key, store, api: flaky, ...o, ...persistenceOptionsFor(opened), tabId: 'A' });
    await wait(100);
    expect(p.getState().status).toBe('saved');
    down = true;
    await until(() => p.getState().status === 'offline');
    expect(p.getState().error).toBe('The studio server cannot be reached.');
    down = false;
    await until(() => p.getState().status === 'saved');
    p.dispose();
  });
});
