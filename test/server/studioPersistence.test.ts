/**
 * The studio's persistence (autosave + journal + browser copy, renderer/studio/persistence) against the real
 * studio server over HTTP: edits are never lost when the server is killed mid-edit, when the server is
 * down while the designer keeps editing, or when edits are made while a save is in flight.
 */
import { applyPatches, enablePatches, type Patch } from 'immer';
import { createStore } from 'zustand/vanilla';
import { describe, expect, it } from 'vitest';
import { applyEdit } from '../../shared/flow/edit/applyEdit';
import type { FlowEdit } from '../../shared/flow/edit/types';
import type { Flow } from '../../shared/flow/schema';
import { createStudioApi, type StudioApi } from '../../renderer/studio/api/studioApi';
import { createFlowPersistence, openFlowForEditing, persistenceOptionsFor, type KeyValueStorage } from '../../renderer/studio/persistence/flowPersistence';
import { startStudioServer, type StudioServer } from '../../runtime/studio/startStudioServer';
import { memoryStorage, studioServerPerTest, until, wait } from '../support/studioPersistenceHarness';

enablePatches();

/** The shape of the studio's editor store that persistence relies on (revision + lastPatches per commit). */
function editorStore(flow: Flow) {
  const store = createStore<{ flow: Flow; revision: number; lastPatches: Patch[]; past: Patch[][] }>()(() => ({ flow, revision: 0, lastPatches: [], past: [] }));
  return {
    store,
    edit(edit: FlowEdit) {
      const s = store.getState();
      const r = applyEdit(s.flow, edit);
      store.setState({ flow: r.flow, revision: s.revision + 1, lastPatches: r.patches, past: [...s.past, r.inverse] });
    },
    undo() {
      const s = store.getState();
      const inverse = s.past[s.past.length - 1];
      store.setState({ flow: applyPatches(s.flow, inverse), revision: s.revision + 1, lastPatches: inverse, past: s.past.slice(0, -1) });
    },
  };
}



let home: string;
let studio: StudioServer;
let api: StudioApi;
studioServerPerTest('baton-persist-', (s) => {
  ({ home, studio, api } = s);
});

describe('flow persistence', () => {
  it('autosaves after edits and reports unsaved -> saving -> saved', async () => {
    const { key } = await api.createFlow({ template: 'lead-gen' });
    const opened = await openFlowForEditing(api, key, null);
    const ed = editorStore(opened.flow);
    const p = createFlowPersistence({ key, store: ed.store, api, storage: null, ...persistenceOptionsFor(opened), saveDelayMs: 50 });
    const seen = new Set<string>();
    p.subscribe(() => seen.add(p.getState().status));
    expect(p.getState().status).toBe('saved');
    ed.edit({ type: 'add_block', kind: 'message', position: { x: 10, y: 10 }, id: 'hello-test', data: { text: 'Added by the test' } });
    expect(p.getState().status).toBe('unsaved');
    await until(() => p.getState().status === 'saved');
    expect([...seen]).toEqual(expect.arrayContaining(['unsaved', 'saving', 'saved']));
    const reopened = await api.openFlow(key);
    expect(reopened.recovered).toBe(false);
    expect(reopened.flow.blocks.find((b) => b.id === 'hello-test')).toBeTruthy();
    p.dispose();
  });

  it('kill the server mid-edit (before the autosave): the journal brings every edit back on restart', async () => {
    const { key } = await api.createFlow({ template: 'customer-support' });
    const opened = await openFlowForEditing(api, key, null);
    const ed = editorStore(opened.flow);
    // autosave far away: only the journal can save these edits
    const p = createFlowPersistence({ key, store: ed.store, api, storage: null, ...persistenceOptionsFor(opened), saveDelayMs: 60_000, maxSaveDelayMs: 60_000, journalDelayMs: 20 });
    ed.edit({ type: 'add_block', kind: 'message', position: { x: 1, y: 1 }, id: 'first', data: { text: 'one' } });
    ed.edit({ type: 'move_blocks', moves: [{ id: 'first', position: { x: 300, y: 40 } }] });
    ed.edit({ type: 'add_block', kind: 'end', position: { x: 2, y: 2 }, id: 'second' });
    ed.undo();
    ed.edit({ type: 'set_block_data', id: 'first', data: { text: 'one, edited' } } as FlowEdit);
    const expected = ed.store.getState().flow;
    expect(p.getState().status).toBe('unsaved');
    await wait(200); // the journal goes out within ~20 ms
    p.dispose();
    await studio.close(); // the server goes away without any save

    studio = await startStudioServer({ home, port: 0 });
    api = createStudioApi({ baseUrl: studio.origin, secret: studio.secret });
    const back = await openFlowForEditing(api, key, null);
    expect(back.recovered).toBe(true);
    expect(back.recoveredFrom).toBe('server');
    expect(back.flow.blocks.map((b) => b.id)).toEqual(expected.blocks.map((b) => b.id));
    expect(back.flow.blocks.find((b) => b.id === 'first')).toMatchObject({ position: { x: 300, y: 40 }, data: { text: 'one, edited' } });
    expect(back.flow.blocks.find((b) => b.id === 'second')).toBeUndefined();
    // the editor then saves the recovered flow
    const ed2 = editorStore(back.flow);
    const p2 = createFlowPersistence({ key, store: ed2.store, api, storage: null, ...persistenceOptionsFor(back), saveDelayMs: 20 });
    await until(() => p2.getState().status === 'saved');
    const clean = await api.openFlow(key);
    expect(clean.recovered).toBe(false);
    expect(clean.flow.blocks.find((b) => b.id === 'first')).toMatchObject({ data: { text: 'one, edited' } });
    p2.dispose();
  });

  it('edits made while the server is down are kept in the browser and come back when it returns', async () => {
    const { key } = await api.createFlow({ template: 'lead-gen' });
    const storage = memoryStorage();
    const opened = await openFlowForEditing(api, key, storage);
    const ed = editorStore(opened.flow);
    const p = createFlowPersistence({ key, store: ed.store, api, storage, ...persistenceOptionsFor(opened), saveDelayMs: 30, journalDelayMs: 10, localDelayMs: 5, retryMs: 50 });
    const port = studio.port;
    await studio.close();
    ed.edit({ type: 'add_block', kind: 'message', position: { x: 0, y: 0 }, id: 'while-down', data: { text: 'typed while the server was down' } });
    await until(() => p.getState().status === 'offline');
    expect(p.getState().error).toMatch(/cannot be reached/);
    await until(() => storage.data.size === 1);
    p.dispose(); // the tab is closed too

    studio = await startStudioServer({ home, port });
    api = createStudioApi({ baseUrl: studio.origin, secret: studio.secret });
    const back = await openFlowForEditing(api, key, storage);
    expect(back.recoveredFrom).toBe('browser');
    expect(back.flow.blocks.find((b) => b.id === 'while-down')).toBeTruthy();
    const ed2 = editorStore(back.flow);
    const p2 = createFlowPersistence({ key, store: ed2.store, api, storage, ...persistenceOptionsFor(back), saveDelayMs: 20 });
    await until(() => p2.getState().status === 'saved');
    expect(storage.data.size).toBe(0);
    expect((await api.openFlow(key)).flow.blocks.find((b) => b.id === 'while-down')).toBeTruthy();
    p2.dispose();
  });

  it('never loses an edit made while a save is in flight', async () => {
    const { key } = await api.createFlow({ template: 'lead-gen' });
    const opened = await openFlowForEditing(api, key, null);
    const ed = editorStore(opened.flow);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let saves = 0;
    const slowApi: Pick<StudioApi, 'saveFlow' | 'appendJournal'> = {
      appendJournal: api.appendJournal,
      saveFlow: async (...args: Parameters<StudioApi['saveFlow']>) => {
        saves++;
        if (saves === 1) await gate; // the first save hangs until we release it
        return api.saveFlow(...args);
      },
    };
    const p = createFlowPersistence({ key, store: ed.store, api: slowApi, storage: null, ...persistenceOptionsFor(opened), saveDelayMs: 10 });
    ed.edit({ type: 'add_block', kind: 'message', position: { x: 0, y: 0 }, id: 'before-save', data: { text: 'a' } });
    await until(() => p.getState().status === 'saving');
    ed.edit({ type: 'add_block', kind: 'message', position: { x: 0, y: 0 }, id: 'during-save', data: { text: 'b' } });
    release();
    await until(() => saves >= 2 && p.getState().status === 'saved');
    const onDisk = await api.openFlow(key);
    expect(onDisk.flow.blocks.map((b) => b.id)).toEqual(expect.arrayContaining(['before-save', 'during-save']));
    p.dispose();
  });

  it('a refused save shows the reason and keeps the edits', async () => {
    const { key } = await api.createFlow({ name: 'Refused' });
    const opened = await openFlowForEditing(api, key, null);
    const ed = editorStore(opened.flow);
    const p = createFlowPersistence({ key, store: ed.store, api, storage: null, ...persistenceOptionsFor(opened), saveDelayMs: 10, retryMs: 60_000 });
    // a document the schema refuses (a block kind that does not exist) reaches the store by a bug
    ed.store.setState({ flow: { ...opened.flow, blocks: [{ id: 'x', kind: 'teleport' }] } as unknown as Flow, revision: 5, lastPatches: [] });
    await until(() => p.getState().status === 'error');
    expect(p.getState().error).toMatch(/not a valid flow document/);
    await expect(p.flush()).rejects.toThrow(/not a valid flow/);
    p.dispose();
  });
});
