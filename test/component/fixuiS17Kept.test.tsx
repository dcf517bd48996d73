// @vitest-environment jsdom
/**
 * fixui, session 17 (newcomer s17 N#9 HIGH, N#2): a read-only window's Reload (stale, or trashed then restored) threw
 * the "kept" unsaved edits out of reach: they stayed in localStorage and nothing offered them again. The reloaded editor
 * now offers them (Download / Replace with mine… / Discard…); the trashed banner restores the flow itself; the download
 * is named "<name> (3, my changes)", not "(3) (my changes)"; the stale banner's buttons sit under its text and each
 * choice has its sentence.
 */
import './support/setup';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SaveStatus } from '../../renderer/studio/persistence/SaveStatus';
import {
  conflictCopyKey,
  createFlowPersistence,
  myChangesDocument,
  TRASHED_ELSEWHERE,
  type KeyValueStorage,
  type PersistableStore,
} from '../../renderer/studio/persistence/flowPersistence';
import { StudioApiError } from '../../renderer/studio/api/studioApi';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import type { Flow } from '../../shared/flow/schema';
import { tinyFlow } from './support/sampleFlow';

function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

const KEY = 'harbor-3';
const named = (f: Flow, name: string): Flow => ({ ...f, name });

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

function api(over: Partial<Record<string, unknown>> = {}) {
  return {
    saveFlow: vi.fn(async () => ({ revision: 4, savedAt: new Date().toISOString(), changed: true })),
    appendJournal: vi.fn(async () => ({})),
    version: vi.fn(async (_k: string, r: number) => ({ revision: r, flow: named(tinyFlow(), 'Harbor (3)') })),
    ...over,
  } as never;
}

describe('edits kept by a read-only window are offered after the reload (newcomer s17 N#9)', () => {
  it('the reloaded editor\'s persistence finds them (when, on which version); Discard forgets them', async () => {
    const storage = memoryStorage();
    const mine = named(tinyFlow(), 'Harbor (3) rewritten');
    storage.setItem(conflictCopyKey(KEY), JSON.stringify({ seq: 5, flow: mine, at: '2026-12-02T13:20:00.000Z', baseRevision: 2, tab: 'A' }));
    const store = createStudioStore(named(tinyFlow(), 'Harbor (3)'));
    const p = createFlowPersistence({ key: KEY, store: store as unknown as PersistableStore, api: api(), journalSeq: 0, revision: 3, storage, channel: null, diskPollMs: 0 });
    expect(p.getState().keptCopy).toEqual({ at: '2026-12-02T13:20:00.000Z', baseRevision: 2 });
    const c = await p.prepareKept();
    expect(c.mine.name).toBe('Harbor (3) rewritten');
    expect(c.baseRevision).toBe(2);
    expect(c.base?.name).toBe('Harbor (3)');
    expect(c.latestRevision).toBe(3);
    expect(p.keptFlow()?.name).toBe('Harbor (3) rewritten');
    p.discardKept();
    expect(p.getState().keptCopy).toBeNull();
    expect(storage.getItem(conflictCopyKey(KEY))).toBeNull();
    p.dispose();
  });

  it('the banner offers Download / Replace with mine… / Discard…; Replace confirms, Discard asks first', async () => {
    localStorage.setItem(conflictCopyKey(KEY), JSON.stringify({ seq: 5, flow: named(tinyFlow(), 'Harbor (3)'), at: '2026-12-02T13:20:00.000Z', baseRevision: 2 }));
    const base = tinyFlow();
    const mine = named(base, 'Harbor renamed by me');
    const onUse = vi.fn(async () => {});
    const onDiscard = vi.fn();
    render(
      <SaveStatus
        status="saved"
        flowKey={KEY}
        keptCopy={{ at: '2026-12-02T13:20:00.000Z', baseRevision: 2 }}
        onPrepareKept={async () => ({ latestRevision: 3, latest: base, baseRevision: 2, base, mine })}
        onUseKept={onUse}
        onDiscardKept={onDiscard}
      />,
    );
    const banner = screen.getByRole('alert', { name: 'Your kept changes' });
    expect(banner).toHaveTextContent('Your unsaved changes from before the reload are kept in this browser.');
    expect(banner).toHaveTextContent('made on version 2');
    const b = within(banner);
    expect(b.getByRole('button', { name: /Download my changes/ })).toBeInTheDocument();
    fireEvent.click(b.getByRole('button', { name: 'Replace with mine…' }));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(dialog).toHaveTextContent('Your kept changes were made on version 2; this editor has version 3'));
    expect(dialog).toHaveTextContent('Undo takes them out');
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Replace with mine' })));
    expect(onUse).toHaveBeenCalledTimes(1);

    fireEvent.click(b.getByRole('button', { name: 'Discard…' }));
    const ask = await screen.findByRole('dialog');
    expect(ask).toHaveTextContent('once discarded they cannot be got back');
    expect(onDiscard).not.toHaveBeenCalled();
    fireEvent.click(within(ask).getByRole('button', { name: 'Discard' }));
    expect(onDiscard).toHaveBeenCalledTimes(1);
  });

  it('a stale window with unsaved edits: Reload is no longer a dead end, the banner says the editor offers them again', async () => {
    const storage = localStorage as KeyValueStorage;
    const store = createStudioStore(named(tinyFlow(), 'Harbor (3)'));
    const stale = new StudioApiError(409, 'stale_revision', 'This flow was changed in another tab or window.', '');
    const p = createFlowPersistence({
      key: KEY,
      store: store as unknown as PersistableStore,
      api: api({ saveFlow: vi.fn(async () => { throw stale; }), appendJournal: vi.fn(async () => { throw stale; }) }),
      journalSeq: 0,
      revision: 2,
      storage,
      channel: null,
      diskPollMs: 0,
      saveDelayMs: 0,
      journalDelayMs: 0,
    });
    act(() => store.getState().replaceFlow(named(tinyFlow(), 'Harbor (3)'), { undoable: true }));
    act(() => void store.getState().replaceFlow({ ...named(tinyFlow(), 'Harbor (3)'), description: 'rewritten offline' }, { undoable: true }));
    await waitFor(() => expect(p.getState().status).toBe('conflict'));
    const s = p.getState();
    render(<SaveStatus status={s.status} error={s.error} hint={s.hint} onPrepareReplace={p.prepareReplace} onReplaceWithMine={p.replaceWithMine} />);
    const banner = screen.getByRole('alert');
    expect(banner).toHaveTextContent('after Reload the editor offers them again');
    expect(banner).toHaveTextContent('“Harbor (3, my changes)”');
    // N#2: one sentence for the third choice, and the buttons in their own row under the text.
    expect(banner).toHaveTextContent('Replace with mine… saves your version over the other one after showing what that undoes');
    const actions = banner.querySelector('.bt-conflict-actions')!;
    expect(within(actions as HTMLElement).getAllByRole('button').map((x) => x.textContent?.trim())).toEqual(['Download my changes', 'Replace with mine…', 'Reload']);
    expect(banner.querySelector('.bt-conflict-text')!.compareDocumentPosition(actions) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    p.dispose();
    // The next page (the reload) finds them.
    const next = createFlowPersistence({ key: KEY, store: createStudioStore(tinyFlow()) as unknown as PersistableStore, api: api(), journalSeq: 0, revision: 3, storage, channel: null, diskPollMs: 0 });
    expect(next.getState().keptCopy?.baseRevision).toBe(2);
    next.dispose();
  });

  it('the trashed banner has a Restore button (like the trashed-by-address page)', async () => {
    const restore = vi.fn(async () => {});
    render(<SaveStatus status="conflict" error={TRASHED_ELSEWHERE} onRestoreFromTrash={restore} />);
    const banner = screen.getByRole('alert');
    await act(async () => fireEvent.click(within(banner).getByRole('button', { name: /Restore/ })));
    expect(restore).toHaveBeenCalledTimes(1);
  });

  it('the download is named "<name> (3, my changes)", never "(3) (my changes)"', () => {
    expect(myChangesDocument(named(tinyFlow(), 'Harbor Mutual claims assistant (3)')).name).toBe('Harbor Mutual claims assistant (3, my changes)');
    expect(myChangesDocument(named(tinyFlow(), 'Harbor Mutual claims assistant (3, my changes)')).name).toBe('Harbor Mutual claims assistant (3, my changes)');
    expect(myChangesDocument(named(tinyFlow(), 'Plain')).name).toBe('Plain (my changes)');
    const long = myChangesDocument(named(tinyFlow(), `${'😀'.repeat(99)}x (12)`)).name;
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith(' (12, my changes)')).toBe(true);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(long)).toBe(false);
  });
});
