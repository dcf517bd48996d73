/**
 * Newcomer s12 #5: two windows (or browsers) on one flow, no channel between them: window A saves an edit; window B
 * said nothing until its own next edit was refused. B now says "changed in another tab or window" within a disk check
 * (every few seconds, and on focus), before the designer types anything there. A window's own saves never set it off.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enablePatches, type Patch } from 'immer';
import { createStore } from 'zustand/vanilla';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyEdit } from '../../shared/flow/edit/applyEdit';
import type { FlowEdit } from '../../shared/flow/edit/types';
import type { Flow } from '../../shared/flow/schema';
import { createStudioApi, type StudioApi } from '../../renderer/studio/api/studioApi';
import { createFlowPersistence, openFlowForEditing, persistenceOptionsFor } from '../../renderer/studio/persistence/flowPersistence';
import { startStudioServer, type StudioServer } from '../../runtime/studio/startStudioServer';

enablePatches();

function editorStore(flow: Flow) {
  const store = createStore<{ flow: Flow; revision: number; lastPatches: Patch[] }>()(() => ({ flow, revision: 0, lastPatches: [] }));
  return {
    store,
    edit(edit: FlowEdit) {
      const s = store.getState();
      const r = applyEdit(s.flow, edit);
      store.setState({ flow: r.flow, revision: s.revision + 1, lastPatches: r.patches });
    },
  };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, ms = 5000) {
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
  home = await mkdtemp(join(tmpdir(), 'baton-two-windows-'));
  studio = await startStudioServer({ home, port: 0 });
  api = createStudioApi({ baseUrl: studio.origin, secret: studio.secret });
});
afterEach(async () => {
  await studio.close();
  await rm(home, { recursive: true, force: true });
});

describe('two windows on one flow, no channel between them (newcomer s12 #5)', () => {
  it('the other window says the flow changed before any edit of its own; a window saving repeatedly never does', async () => {
    const { key } = await api.createFlow({ template: 'lead-gen' });
    const openedA = await openFlowForEditing(api, key, null);
    const openedB = await openFlowForEditing(api, key, null);
    const edA = editorStore(openedA.flow);
    const edB = editorStore(openedB.flow);
    const opts = { api, storage: null, saveDelayMs: 5, maxSaveDelayMs: 10, journalDelayMs: 1, retryMs: 50, channel: null, diskPollMs: 20 };
    const pA = createFlowPersistence({ key, store: edA.store, ...opts, ...persistenceOptionsFor(openedA), tabId: 'A' });
    const pB = createFlowPersistence({ key, store: edB.store, ...opts, ...persistenceOptionsFor(openedB), tabId: 'B' });
    // A saves a dozen edits while its own disk checks run every 20 ms: never "changed elsewhere" for A.
    for (let i = 0; i < 12; i++) {
      edA.edit({ type: 'add_block', kind: 'end', position: { x: 100 * i, y: 700 }, id: `end-a-${i}`, data: {} } as FlowEdit);
      await wait(7);
    }
    await until(() => pA.getState().status === 'saved');
    await wait(100);
    expect(pA.getState().status).toBe('saved');
    // B has typed nothing, and already says so, with nothing lost.
    await until(() => pB.getState().status === 'conflict');
    expect(pB.getState().error).toMatch(/changed in another tab or window/);
    expect(pB.getState().hint).toMatch(/this tab had no unsaved changes, so nothing is lost/);
    pA.dispose();
    pB.dispose();
  });
});
