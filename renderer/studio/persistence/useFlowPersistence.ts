/**
 * React binding of `createFlowPersistence`: autosave, journal and the saved / saving / unsaved state of the
 * flow open in the editor.
 *
 *   const opened = await openFlowForEditing(studioApi, key);     // before creating the store
 *   const store = createStudioStore(opened.flow);
 *   const { status, error } = useFlowPersistence(key, store, opened);
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { desktopBridge } from '../api/desktopBridge';
import { studioApi, type StudioApi } from '../api/studioApi';
import type { Flow } from '../../../shared/flow/schema';
import { createFlowPersistence, persistenceOptionsFor, type FlowForEditing, type FlowPersistence, type PersistableStore, type PersistenceState, type ReplaceCandidate } from './flowPersistence';

export interface UseFlowPersistenceResult extends PersistenceState {
  /** Saves now; resolves when everything is on disk. */
  flush(): Promise<void>;
  /** The file changed on disk: "Keep mine" / "Reload" (see FlowPersistence). */
  keepMine(): Promise<void>;
  reloadFromDisk(): Promise<void>;
  dismissNotice(): void;
  /** Another window saved: "Replace with mine…" (see FlowPersistence). */
  prepareReplace(): Promise<ReplaceCandidate>;
  replaceWithMine(latest: number): Promise<void>;
  /** Edits kept from before a reload (newcomer s17 N#9): see FlowPersistence. */
  prepareKept(): Promise<ReplaceCandidate>;
  keptFlow(): Flow | null;
  discardKept(): void;
}

const idle: PersistenceState = { status: 'saved', recovered: false };
const noop = () => () => {};

export function useFlowPersistence(
  flowId: string,
  store: PersistableStore | null,
  opened?: (Pick<FlowForEditing, 'journalSeq' | 'recovered' | 'recoveredFrom'> & { revision?: number }) | null,
  api: Pick<StudioApi, 'saveFlow' | 'appendJournal'> & Partial<Pick<StudioApi, 'diskStatus' | 'takeDiskVersion' | 'version' | 'openFlow'>> = studioApi,
): UseFlowPersistenceResult {
  const [persistence, setPersistence] = useState<FlowPersistence | null>(null);
  const openedRef = useRef(opened);
  openedRef.current = opened;
  useEffect(() => {
    if (!store) return;
    const o = openedRef.current;
    const p = createFlowPersistence({
      key: flowId,
      store,
      api,
      // Without the open result the server's copy may differ from the editor's: journal a snapshot first.
      ...(o ? persistenceOptionsFor(o as FlowForEditing) : { journalSeq: 0, snapshotFirst: true }),
    });
    setPersistence(p);
    return () => {
      p.dispose();
      setPersistence(null);
    };
  }, [flowId, store, api]);
  // The desktop app shows the open flow in its title bar and recent files.
  useEffect(() => {
    const desktop = desktopBridge();
    if (!desktop || !store) return;
    desktop.setOpenFlow({ key: flowId, name: store.getState().flow.name });
    return () => desktop.setOpenFlow(null);
  }, [flowId, store]);
  const state = useSyncExternalStore(persistence ? persistence.subscribe : noop, persistence ? persistence.getState : () => idle, () => idle);
  // A stable function, so components can keep it in effect dependencies.
  const flush = useCallback(() => persistence?.flush() ?? Promise.resolve(), [persistence]);
  const keepMine = useCallback(() => persistence?.keepMine() ?? Promise.resolve(), [persistence]);
  const reloadFromDisk = useCallback(() => persistence?.reloadFromDisk() ?? Promise.resolve(), [persistence]);
  const dismissNotice = useCallback(() => persistence?.dismissNotice(), [persistence]);
  const prepareReplace = useCallback(() => persistence?.prepareReplace() ?? Promise.reject(new Error('The flow is still opening.')), [persistence]);
  const replaceWithMine = useCallback((latest: number) => persistence?.replaceWithMine(latest) ?? Promise.reject(new Error('The flow is still opening.')), [persistence]);
  const prepareKept = useCallback(() => persistence?.prepareKept() ?? Promise.reject(new Error('The flow is still opening.')), [persistence]);
  const keptFlow = useCallback(() => persistence?.keptFlow() ?? null, [persistence]);
  const discardKept = useCallback(() => persistence?.discardKept(), [persistence]);
  return { ...state, flush, keepMine, reloadFromDisk, dismissNotice, prepareReplace, replaceWithMine, prepareKept, keptFlow, discardKept };
}
