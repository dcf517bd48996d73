/**
 * Issue 7 (newcomer findings), server side: two tabs on one flow never silently overwrite each other (saves
 * carry their base revision; a stale one is refused with 409 and the refused edits are kept in the browser),
 * and the page cookie survives closing the tab (Max-Age) while the locked page says exactly what to do.
 */
import { readFile } from 'node:fs/promises';
import { enablePatches, type Patch } from 'immer';
import { createStore } from 'zustand/vanilla';
import { describe, expect, it } from 'vitest';
import { applyEdit } from '../../shared/flow/edit/applyEdit';
import type { FlowEdit } from '../../shared/flow/edit/types';
import type { Flow } from '../../shared/flow/schema';
import { StudioApiError, type StudioApi } from '../../renderer/studio/api/studioApi';
import {
  browserCopyKey,
  conflictCopyKey,
  createFlowPersistence,
  openFlowForEditing,
  persistenceOptionsFor,
  readConflictCopy,
  type ChannelLike,
  type KeyValueStorage,
} from '../../renderer/studio/persistence/flowPersistence';
import { type StudioServer } from '../../runtime/studio/startStudioServer';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { memoryStorage, studioServerPerTest, until, wait } from '../support/studioPersistenceHarness';

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
/** An in-process BroadcastChannel pair (what two tabs of one browser share). */
function channelHub() {
  const members = new Set<{ listeners: Set<(ev: { data: unknown }) => void> }>();
  return () => {
    const me = { listeners: new Set<(ev: { data: unknown }) => void>() };
    members.add(me);
    const ch: ChannelLike = {
      postMessage: (data) => members.forEach((m) => m !== me && m.listeners.forEach((l) => queueMicrotask(() => l({ data })))),
      addEventListener: (_t, l) => void me.listeners.add(l),
      removeEventListener: (_t, l) => void me.listeners.delete(l),
    };
    return ch;
  };
}

let home: string;
let studio: StudioServer;
let api: StudioApi;
studioServerPerTest('baton-conflict-', (s) => {
  ({ home, studio, api } = s);
});

describe('two tabs on one flow', () => {
  it('a save based on a stale revision is refused with 409 and a clear message; nothing on disk changes', async () => {
    const { key } = await api.createFlow({ template: 'lead-gen' });
    const a = await api.openFlow(key);
    const b = await api.openFlow(key);
    const fromA = { ...a.flow, name: 'Renamed in tab A' };
    const savedA = await api.saveFlow(key, fromA, 0, { baseRevision: a.revision, tab: 'A' });
    expect(savedA.revision).toBe(a.revision + 1);
    const file = (await api.openFlow(key)).path;
    const onDisk = await readFile(file, 'utf8');
    const fromB = { ...b.flow, name: 'Renamed in tab B' };
    const err = await api.saveFlow(key, fromB, 0, { baseRevision: b.revision, tab: 'B' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StudioApiError);
    expect((err as StudioApiError).status).toBe(409);
    expect((err as StudioApiError).code).toBe('stale_revision');
    expect((err as StudioApiError).message).toMatch(/changed in another tab or window/);
    expect((err as StudioApiError).hint).toMatch(/Reload/);
    expect((await api.openFlow(key)).flow.name).toBe('Renamed in tab A');
    expect(await readFile(file, 'utf8')).toBe(onDisk);
    // A journal append on the stale base is refused too (it would otherwise be replayed over tab A's save).
    const j = await api.appendJournal(key, [{ seq: Date.now() + 10_000, flow: fromB }], { baseRevision: b.revision, tab: 'B' }).catch((e: unknown) => e);
    expect((j as StudioApiError).status).toBe(409);
    // A bad base is a 400 with a sentence, not a 500.
    const bad = await fetch(`${studio.origin}/api/flows/${key}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-baton-secret': studio.secret },
      body: JSON.stringify({ flow: fromB, journalSeq: 0, baseRevision: 'x' }),
    });
    expect(bad.status).toBe(400);
  });

  it("persistence: tab B learns of tab A's save at once (channel), shows the conflict, keeps its edits, and never overwrites A", async () => {
    const { key } = await api.createFlow({ template: 'lead-gen' });
    const hub = channelHub();
    const storage = memoryStorage(); // one browser: both tabs share localStorage
    const openedA = await openFlowForEditing(api, key, storage);
    const openedB = await openFlowForEditing(api, key, storage);
    const edA = editorStore(openedA.flow);
    const edB = editorStore(openedB.flow);
    const opts = { api, storage, saveDelayMs: 30, journalDelayMs: 10, localDelayMs: 5, retryMs: 50 };
    const pA = createFlowPersistence({ key, store: edA.store, ...opts, ...persistenceOptionsFor(openedA), channel: hub(), tabId: 'A' });
    const pB = createFlowPersistence({ key, store: edB.store, ...opts, ...persistenceOptionsFor(openedB), channel: hub(), tabId: 'B' });
    const victim = openedA.flow.blocks.find((b) => b.kind !== 'start')!.id;
    edA.edit({ type: 'delete_blocks', ids: [victim] } as FlowEdit);
    await until(() => pA.getState().status === 'saved' && pA.getState().revision !== undefined);
    // B hears about it without saving anything.
    await until(() => pB.getState().status === 'conflict');
    expect(pB.getState().conflictCopy).toBeNull(); // B had nothing unsaved
    // B edits anyway: the edit stays in this browser, nothing reaches the server.
    edB.edit({ type: 'add_block', kind: 'end', position: { x: 900, y: 900 }, id: 'end-from-b', data: {} } as FlowEdit);
    await wait(200);
    const now = await api.openFlow(key);
    expect(now.flow.blocks.some((b) => b.id === victim)).toBe(false);
    expect(now.flow.blocks.some((b) => b.id === 'end-from-b')).toBe(false);
    expect(readConflictCopy(key, storage)?.flow.blocks.some((b) => b.id === 'end-from-b')).toBe(true);
    await expect(pB.flush()).rejects.toThrow(/another tab/);
    pA.dispose();
    pB.dispose();
  });

  it('without the channel (another window or browser), the server refuses the stale save and the refused edits are kept, not replayed on reopen', async () => {
    const { key } = await api.createFlow({ template: 'lead-gen' });
    const storage = memoryStorage();
    const openedA = await openFlowForEditing(api, key, storage);
    const openedB = await openFlowForEditing(api, key, storage);
    const edA = editorStore(openedA.flow);
    const edB = editorStore(openedB.flow);
    const opts = { api, storage, saveDelayMs: 30, journalDelayMs: 10, localDelayMs: 5, retryMs: 50, channel: null };
    const pA = createFlowPersistence({ key, store: edA.store, ...opts, ...persistenceOptionsFor(openedA), tabId: 'A' });
    edA.edit({ type: 'add_block', kind: 'end', position: { x: 700, y: 700 }, id: 'end-from-a', data: {} } as FlowEdit);
    await until(() => pA.getState().status === 'saved');
    pA.dispose();
    const pB = createFlowPersistence({ key, store: edB.store, ...opts, ...persistenceOptionsFor(openedB), tabId: 'B' });
    edB.edit({ type: 'add_block', kind: 'end', position: { x: 900, y: 900 }, id: 'end-from-b', data: {} } as FlowEdit);
    await until(() => pB.getState().status === 'conflict');
    expect(pB.getState().error).toMatch(/changed in another tab or window/);
    expect(pB.getState().hint).toMatch(/Reload to get the latest version; your unsaved changes are kept/);
    expect(pB.getState().conflictCopy).toBe(conflictCopyKey(key));
    pB.dispose();
    // A's work is intact; B's edit is in the conflict copy, and reopening does not lay it over A's version.
    const reopened = await openFlowForEditing(api, key, storage);
    expect(reopened.flow.blocks.some((b) => b.id === 'end-from-a')).toBe(true);
    expect(reopened.flow.blocks.some((b) => b.id === 'end-from-b')).toBe(false);
    expect(storage.data.has(browserCopyKey(key))).toBe(false);
    expect(readConflictCopy(key, storage)?.flow.blocks.some((b) => b.id === 'end-from-b')).toBe(true);
  });

  it('one tab saving repeatedly while its journal races its own saves is never refused', async () => {
    const { key } = await api.createFlow({ template: 'lead-gen' });
    const opened = await openFlowForEditing(api, key, null);
    const ed = editorStore(opened.flow);
    const p = createFlowPersistence({ key, store: ed.store, api, storage: null, ...persistenceOptionsFor(opened), saveDelayMs: 5, maxSaveDelayMs: 10, journalDelayMs: 1, channel: null });
    for (let i = 0; i < 12; i++) {
      ed.edit({ type: 'add_block', kind: 'end', position: { x: 100 * i, y: 600 }, id: `end-${i}`, data: {} } as FlowEdit);
      await wait(7);
    }
    await p.flush();
    expect(p.getState().status).toBe('saved');
    expect((await api.openFlow(key)).flow.blocks.filter((b) => b.id.startsWith('end-')).length).toBe(12);
    p.dispose();
  });
});

describe('the page cookie and the locked page', () => {
  it('the cookie outlives the tab (Max-Age) and stays HttpOnly + SameSite=Strict; the locked page names the commands', async () => {
    const r = await fetch(studio.url, { redirect: 'manual' });
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/Max-Age=\d{5,}/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const locked = await fetch(`${studio.origin}/studio/`);
    expect(locked.status).toBe(401);
    const text = await locked.text();
    expect(text).toContain('npm start');
    expect(text).toContain('npx baton studio');
    expect(text).toContain(`127.0.0.1:${studio.port}/studio/?token=`);
  });
});

/**
 * Newcomer s12 #5 (moved here from twoWindowsS12.test.ts to share this file's helpers): two windows on one flow, no
 * channel between them: window B says "changed in another tab or window" at its next disk check, before any edit of
 * its own; a window's own saves never set it off.
 */
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

// Newcomer s13 #9 (fixstudio): after another window saved the flow, this window kept taking edits (canvas and
// inspector) that could never be saved ("Changed elsewhere: not saved"). On the conflict the editor store becomes
// read-only: edits, undo and redo are refused; the banner and the inspector say why and what to do.
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
    await until(() => pA.getState().status === 'saved', 8000);
    pA.dispose();
    const pB = createFlowPersistence({ key, store: storeB, ...opts, ...persistenceOptionsFor(openedB), tabId: 'B' });
    expect(storeB.getState().dispatch({ type: 'set_settings', settings: { language: 'de' } } as FlowEdit)).toBe(true);
    await until(() => pB.getState().status === 'conflict', 8000);
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
