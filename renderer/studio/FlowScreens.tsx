/**
 * The editor's screens (split from App.tsx in session 44, studio7): a flow opened from the studio server with autosave
 * and the crash journal (OpenFlow), or a flow in memory without a server (MemoryStudio). App.tsx loads this module
 * when a flow is opened, so the home screen's first load carries neither the editor nor what validates and runs a flow.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';
import type { ScenarioFile } from '../../shared/simulator/scenarioSchema';
import { studioApi, StudioApiError, type TrashEntry } from './api/studioApi';
import { useDesktopMenu } from './api/useDesktopMenu';
import { Editor } from './editor/Editor';
import { addressSegment, flowHash, keyOfAddress } from './flowAddress';
import { primeProblems } from './hooks/useProblems';
import { HistoryPanel, type HistoryPanelProps } from './history/HistoryPanel';
import { ExportButton } from './home/ExportButton';
import { exportFlowFile } from './home/exportFlowFile';
import { moveConflictCopy, openFlowForEditing, type FlowForEditing } from './persistence/flowPersistence';
import { SaveStatus } from './persistence/SaveStatus';
import { useFlowPersistence } from './persistence/useFlowPersistence';
import { PublishButton } from './run/PublishButton';
import { RunButton } from './run/RunButton';
import { StudioStoreProvider, useStudio } from './store/StudioStoreContext';
import { createStudioStore, type StudioStore } from './store/studioStore';
import { keepUndo, restoreUndo, sessionUndoStorage } from './store/keptUndo';

/**
 * Newcomer s16 N#6: a flow opened by its address (a reload, the back button, a bookmark) after it was moved to the trash
 * showed the server's developer sentence ('... GET /api/flows lists the flows.') on a bare page. Now the studio says it
 * is in the trash, with Restore; a flow that is not there at all is said without API words.
 */
function NotHere({ flowKey, trashed, error, onRestored }: { flowKey: string; trashed: TrashEntry | null; error?: string; onRestored: (key: string) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="st-not-here" role="alert">
      <div className="st-not-here-card">
        {trashed ? (
          <>
            <h1>“{trashed.name}” is in the trash</h1>
            <p>It was moved to the trash {new Date(trashed.deletedAt).toLocaleString()}. Restore it to keep working on it.</p>
          </>
        ) : error ? (
          <>
            <h1>This flow could not be opened</h1>
            <p>{error}</p>
          </>
        ) : (
          <>
            <h1>There is no flow “{flowKey}” in this studio</h1>
            <p>It was never created here, or it was deleted and the trash was emptied since. Your flows are on the home screen.</p>
          </>
        )}
        {problem ? <p className="st-not-here-problem">{problem}</p> : null}
        <div className="st-not-here-actions">
          {trashed ? (
            <button
              type="button"
              className="bt-button"
              data-variant="primary"
              onClick={() =>
                studioApi.restoreFromTrash(trashed.trashId).then(
                  (r) => onRestored(r.key),
                  (e: unknown) => setProblem(`Not restored: ${e instanceof StudioApiError ? `${e.message} ${e.hint}` : String(e)}`),
                )
              }
            >
              Restore
            </button>
          ) : null}
          <a className="bt-button" data-variant={trashed ? 'default' : 'primary'} href="#/">
            Back to flows
          </a>
        </div>
      </div>
    </div>
  );
}

export function OpenFlow({ flowKey: asked }: { flowKey: string }) {
  const [opened, setOpened] = useState<FlowForEditing | { error?: string; missing?: true; trashed: TrashEntry | null } | null>(null);
  const [attempt, setAttempt] = useState(0);
  // Session 36: the address may name the flow by its id (flowAddress.ts); then this is the key that id belongs to.
  const [flowKey, setFlowKey] = useState(asked);
  useEffect(() => {
    let live = true;
    // Session 42 (studio3, newcomer s41 N11): an address that names the flow by its id (a renamed flow's usual address)
    // is read against the flow list before the flow is asked for: asked for by its id first, the server answered 404
    // (logged in the console) before the list was read. The list is read once; a key opens as before.
    const listed = flowKey === asked ? studioApi.listFlows().then((r) => r.flows, () => null) : Promise.resolve(null);
    listed
      .then((flows) => {
        const key = flows ? keyOfAddress(asked, flows) : null;
        if (key !== null && key !== flowKey) {
          if (live) setFlowKey(key);
          return undefined;
        }
        return openFlowForEditing(studioApi, flowKey).then((o) => void (live && setOpened(o)));
      })
      .catch(async (e) => {
        if (e instanceof StudioApiError && e.status === 404 && e.code === 'no_such_flow') {
          const trash = await studioApi.trash().catch(() => [] as TrashEntry[]);
          const trashed = trash.filter((t) => t.key === flowKey).sort((a, b) => b.deletedAt.localeCompare(a.deletedAt))[0] ?? null;
          if (live) setOpened({ missing: true, trashed });
          return;
        }
        if (live) setOpened({ error: e instanceof StudioApiError ? `${e.message} ${e.hint}` : `Could not open this flow: ${String(e)}`, trashed: null });
      });
    return () => {
      live = false;
    };
  }, [flowKey, asked, attempt]);
  if (!opened) return <div className="st-loading">Opening…</div>;
  if ('trashed' in opened)
    return (
      <NotHere
        flowKey={flowKey}
        trashed={opened.trashed}
        error={opened.error}
        onRestored={(k) => {
          setOpened(null);
          if (k === flowKey) setAttempt((n) => n + 1);
          else location.hash = `#/flow/${encodeURIComponent(k)}`;
        }}
      />
    );
  return <PersistentEditor flowKey={flowKey} opened={opened} />;
}

/** Keeps the store's undo history in the tab when the page goes away or the editor closes (store/keptUndo.ts). */
function useKeepUndo(flowKey: string, store: StudioStore) {
  useEffect(() => {
    const storage = sessionUndoStorage();
    if (!storage) return;
    const keep = () => void keepUndo(storage, flowKey, store.getState());
    window.addEventListener('pagehide', keep);
    return () => {
      window.removeEventListener('pagehide', keep);
      keep();
    };
  }, [flowKey, store]);
}

function PersistentEditor({ flowKey, opened }: { flowKey: string; opened: FlowForEditing }) {
  // Newcomer s39 N24: this tab's undo history of this flow comes back after a reload (store/keptUndo.ts).
  const store = useMemo(() => {
    const made = createStudioStore(opened.flow);
    restoreUndo(sessionUndoStorage(), flowKey, made);
    return made;
  }, [opened, flowKey]);
  useKeepUndo(flowKey, store);
  const persistence = useFlowPersistence(flowKey, store, opened);
  useAddressFollowsId(flowKey, store, persistence.status === 'saved');
  const scenarioStorage = useMemo(() => ({ load: () => studioApi.scenarios(flowKey), save: (f: ScenarioFile, baseRevision?: string) => studioApi.saveScenarios(flowKey, f, baseRevision) }), [flowKey]);
  const goHome = useCallback(() => {
    void persistence.flush().catch(() => {});
    location.hash = '#/';
  }, [persistence]);
  // Newcomer s17 N#9: the trashed-elsewhere banner restores the flow itself (as the trashed-by-address page does), then reloads:
  // the reloaded editor offers the kept edits.
  const restoreFromTrash = useCallback(async () => {
    const trash = await studioApi.trash();
    const entry = trash.filter((t) => t.key === flowKey).sort((a, b) => b.deletedAt.localeCompare(a.deletedAt))[0];
    if (!entry) throw new Error('It is no longer in the trash (restored or emptied in another window).');
    const r = await studioApi.restoreFromTrash(entry.trashId);
    moveConflictCopy(flowKey, r.key);
    if (r.key !== flowKey) location.hash = `#/flow/${encodeURIComponent(r.key)}`;
    location.reload();
  }, [flowKey]);
  // "Replace with mine…" on the edits kept from before a reload, confirmed: they go into the editor as one undoable edit.
  const takeKept = useCallback(async () => {
    const flow = persistence.keptFlow();
    if (!flow) throw new Error('The kept changes are no longer in this browser.');
    if (!store.getState().replaceFlow(flow, { undoable: true, label: 'Your kept changes' })) throw new Error('This window is read-only.');
    persistence.discardKept();
  }, [persistence, store]);
  // The desktop app's menus (File > Export, Edit > Undo/Redo...) act on the open flow.
  useDesktopMenu({
    undo: () => store.getState().undo(),
    redo: () => store.getState().redo(),
    home: goHome,
    export: () => void persistence.flush().then(() => exportFlowFile(studioApi, flowKey)).catch(() => {}),
  });
  return (
    <StudioStoreProvider store={store}>
      <Editor
        onHome={goHome}
        scenarioStorage={scenarioStorage}
        flowKey={flowKey}
        flowFile={opened.path}
        readOnlyBanner={persistence.status === 'conflict'}
        status={
          <>
            <SaveStatus
              status={persistence.status}
              error={persistence.error}
              hint={persistence.hint}
              lastSavedAt={persistence.lastSavedAt}
              diskPath={persistence.diskPath}
              diskProblem={persistence.diskProblem}
              diskState={persistence.diskState}
              notice={persistence.notice}
              onReload={() => void persistence.reloadFromDisk()}
              onKeepMine={() => void persistence.keepMine().catch(() => {})}
              onDismissNotice={persistence.dismissNotice}
              onPrepareReplace={persistence.prepareReplace}
              onReplaceWithMine={persistence.replaceWithMine}
              onRestoreFromTrash={restoreFromTrash}
              flowKey={flowKey}
              keptCopy={persistence.keptCopy}
              onPrepareKept={persistence.prepareKept}
              onUseKept={takeKept}
              onDiscardKept={persistence.discardKept}
            />
            <ExportButton flowId={flowKey} flush={persistence.flush} />
            <PublishButton flowKey={flowKey} flush={persistence.flush} />
            <RunButton flowKey={flowKey} flush={persistence.flush} />
          </>
        }
        renderHistory={(close) => (
          <FlowHistory
            flowId={flowKey}
            beforeLoad={persistence.flush}
            onClose={close}
            onRestore={(flow: Flow, revision: number) => {
              if (store.getState().replaceFlow(flow, { undoable: true, label: `Restore version ${revision}` })) close();
            }}
          />
        )}
      />
    </StudioStoreProvider>
  );
}

/**
 * Session 36: the address shows the flow's id once the server has it (saved), and follows a change of the id, without
 * a new history entry or a reload (history.replaceState fires no hashchange: the editor stays as it is). The old
 * address (the key, or nothing else named so since) still opens the flow: see flowAddress.ts.
 */
function useAddressFollowsId(flowKey: string, store: ReturnType<typeof createStudioStore>, saved: boolean) {
  const [flowId, setFlowId] = useState(() => store.getState().flow.id);
  useEffect(() => store.subscribe((s) => setFlowId(s.flow.id)), [store]);
  useEffect(() => {
    if (!saved) return;
    let live = true;
    studioApi.listFlows().then(
      (r) => {
        if (!live || !/^#\/flow\//.test(location.hash)) return;
        const want = flowHash(addressSegment(flowKey, flowId, r.flows));
        if (location.hash !== want) history.replaceState(history.state, '', want);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [flowKey, flowId, saved]);
}

/** The version history of the open flow; Restore is off while the window is read-only (hostile s14 H#4). */
function FlowHistory(props: Omit<HistoryPanelProps, 'readOnly'>) {
  const readOnly = useStudio((s) => s.readOnly);
  return <HistoryPanel {...props} readOnly={readOnly} />;
}

type Loaded = { flow: Flow } | { error: string } | null;

function readFlow(doc: unknown): Loaded {
  const result = validateFlow(doc);
  if (!result.flow) {
    const first = result.problems[0];
    return { error: first ? `${first.path}: ${first.message} ${first.hint}` : 'This is not a Baton flow.' };
  }
  primeProblems(result.flow, result.problems);
  return { flow: result.flow };
}

export function MemoryStudio() {
  const [loaded, setLoaded] = useState<Loaded>(() => (window.__BATON_FLOW__ ? readFlow(window.__BATON_FLOW__) : null));
  useEffect(() => {
    if (loaded) return;
    import('../../flows/customer-support.json').then(
      (m) => setLoaded(readFlow(m.default)),
      (e) => setLoaded({ error: `Could not load the sample flow: ${String(e)}` }),
    );
  }, [loaded]);
  const store = useMemo(() => (loaded && 'flow' in loaded ? createStudioStore(loaded.flow) : null), [loaded]);
  if (!loaded) return <div className="st-loading">Loading…</div>;
  if ('error' in loaded || !store)
    return (
      <div className="st-fatal" role="alert">
        {'error' in loaded ? loaded.error : ''}
      </div>
    );
  return (
    <StudioStoreProvider store={store}>
      <Editor status={<span className="bt-badge">Not saved: opened without a studio server</span>} />
    </StudioStoreProvider>
  );
}
