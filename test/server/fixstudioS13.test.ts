/**
 * Newcomer s13 #9 (fixstudio): after another window saved the flow, this window kept taking edits (canvas and
 * inspector) that could never be saved ("Changed elsewhere: not saved"). On the conflict the editor store becomes
 * read-only: edits, undo and redo are refused; the banner and the inspector say why and what to do.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudioApi, type StudioApi } from '../../renderer/studio/api/studioApi';
import { createFlowPersistence, openFlowForEditing, persistenceOptionsFor, type KeyValueStorage } from '../../renderer/studio/persistence/flowPersistence';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import type { FlowEdit } from '../../shared/flow/edit/types';
import { startStudioServer, type StudioServer } from '../../runtime/studio/startStudioServer';

function memoryStorage(): KeyValueStorage {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, ms = 8000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await wait(10);
  }
}

let home: string;
let studio: StudioServer;
let api: StudioApi;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'baton-fixstudio13-'));
  studio = await startStudioServer({ home, port: 0 });
  api = createStudioApi({ baseUrl: studio.origin, secret: studio.secret });
});
afterEach(async () => {
  await studio?.close();
  await rm(home, { recursive: true, force: true });
});

describe('a window whose flow another window saved (newcomer s13 #9)', () => {
  it('becomes read-only (the reason names Reload): later edits, undo and redo are refused, and the flow is unchanged', async () => {
    const { key } = await api.createFlow({ template: 'lead-gen' });
    const storage = memoryStorage();
    const openedA = await openFlowForEditing(api, key, storage);
    const openedB = await openFlowForEditing(api, key, storage);
    const storeA = createStudioStore(openedA.flow);
    const storeB = createStudioStore(openedB.flow);
    const opts = { api, storage, saveDelayMs: 30, journalDelayMs: 10, localDelayMs: 5, retryMs: 50, channel: null };
    const pA = createFlowPersistence({ key, store: storeA, ...opts, ...persistenceOptionsFor(openedA), tabId: 'A' });
    storeA.getState().dispatch({ type: 'set_settings', settings: { language: 'fr' } } as FlowEdit);
    await until(() => pA.getState().status === 'saved');
    pA.dispose();
    const pB = createFlowPersistence({ key, store: storeB, ...opts, ...persistenceOptionsFor(openedB), tabId: 'B' });
    expect(storeB.getState().dispatch({ type: 'set_settings', settings: { language: 'de' } } as FlowEdit)).toBe(true);
    await until(() => pB.getState().status === 'conflict');
    expect(storeB.getState().readOnly).toMatch(/another tab or window saved this flow, so edits here cannot be saved\. Reload/);
    const before = storeB.getState().flow;
    const revision = storeB.getState().revision;
    // The next edit (the newcomer's "Edited in window one") is refused (the banner and the inspector say why).
    expect(storeB.getState().dispatch({ type: 'set_settings', settings: { language: 'it' } } as FlowEdit)).toBe(false);
    expect(storeB.getState().flow).toBe(before);
    storeB.getState().undo();
    expect(storeB.getState().flow).toBe(before);
    expect(storeB.getState().revision).toBe(revision);
    expect(storeB.getState().setFlowId('another-id')).toBe(false);
    expect(storeB.getState().flow.id).toBe(before.id);
    pB.dispose();
    // A's version is the one on the server.
    expect((await api.openFlow(key)).flow.settings.language).toBe('fr');
  });
});
