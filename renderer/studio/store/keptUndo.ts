/**
 * Newcomer s39 N24: the undo history survived no reload. It is now kept in the tab's sessionStorage, per flow file
 * (`baton.undo.<flow key>`), when the page goes away (reload, another page) and when the editor closes (back to the
 * home screen), and put back when the same flow opens again in that tab.
 *
 * - Only onto the same document: the history is kept with a fingerprint of the flow it ends at; a flow that opens
 *   different (changed on disk, in another window, restored from a version) gets no history, and the kept one is
 *   dropped. An imported flow is a new flow file, so it starts with none.
 * - Bounded: the newest KEPT_UNDO_STEPS steps (redo steps first), at most KEPT_UNDO_CHARS characters of JSON; older
 *   steps are left out (the in-page history itself keeps 500). When the browser's storage is full the other flows'
 *   kept histories are dropped first; if it is still full, nothing is kept.
 * - The tab's own: sessionStorage ends with the tab, and another tab (or window) does not see it.
 */
import { canonicalJson, hashLanes } from '../../../shared/flow/canonicalHash';
import type { Flow } from '../../../shared/flow/schema';
import type { HistoryEntry, StudioStore } from './studioStore';

export const UNDO_KEY_PREFIX = 'baton.undo.';
export const KEPT_UNDO_STEPS = 200;
export const KEPT_UNDO_CHARS = 1_000_000;

export interface UndoStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

interface KeptUndo {
  v: 1;
  fingerprint: string;
  past: HistoryEntry[];
  future: HistoryEntry[];
}

/**
 * A short fingerprint of a flow document: two 32-bit hash lanes of its canonical JSON (keys sorted, so the same document
 * read back from the server in schema order matches; layout included, since undo steps move blocks) and its length.
 * The canonical text and the lanes are flowRevision's (shared/flow/canonicalHash.ts), with this fingerprint's own fold.
 */
export function flowFingerprint(flow: Flow): string {
  const text = canonicalJson(flow);
  const [a, b] = hashLanes(text, 13);
  return `${a.toString(36)}.${b.toString(36)}.${text.length}`;
}

/** The newest steps that fit the bounds: every redo step first (nearest first), then undo steps from the newest. */
function bounded(past: readonly HistoryEntry[], future: readonly HistoryEntry[]): { past: HistoryEntry[]; future: HistoryEntry[] } {
  const keptFuture: HistoryEntry[] = [];
  const keptPast: HistoryEntry[] = [];
  let chars = 0;
  let steps = 0;
  const fits = (e: HistoryEntry) => {
    const size = JSON.stringify(e).length;
    if (steps + 1 > KEPT_UNDO_STEPS || chars + size > KEPT_UNDO_CHARS) return false;
    steps++;
    chars += size;
    return true;
  };
  // future's last entry is the next redo; a redo step kept needs every one before it kept too.
  for (let i = future.length - 1; i >= 0; i--) {
    if (!fits(future[i])) break;
    keptFuture.unshift({ ...future[i], coalesceKey: undefined });
  }
  for (let i = past.length - 1; i >= 0; i--) {
    if (!fits(past[i])) break;
    keptPast.unshift({ ...past[i], coalesceKey: undefined });
  }
  return { past: keptPast, future: keptFuture };
}

/** Keeps the store's history for `flowKey` (or removes the kept one when there is none). */
export function keepUndo(storage: UndoStorage, flowKey: string, state: { flow: Flow; past: readonly HistoryEntry[]; future: readonly HistoryEntry[] }): boolean {
  const key = UNDO_KEY_PREFIX + flowKey;
  if (state.past.length === 0 && state.future.length === 0) {
    storage.removeItem(key);
    return true;
  }
  const kept: KeptUndo = { v: 1, fingerprint: flowFingerprint(state.flow), ...bounded(state.past, state.future) };
  const text = JSON.stringify(kept);
  try {
    storage.setItem(key, text);
    return true;
  } catch {
    // Full: the other flows' kept histories go first.
    for (let i = storage.length - 1; i >= 0; i--) {
      const k = storage.key(i);
      if (k && k.startsWith(UNDO_KEY_PREFIX) && k !== key) storage.removeItem(k);
    }
    try {
      storage.setItem(key, text);
      return true;
    } catch {
      storage.removeItem(key);
      return false;
    }
  }
}

/** The history kept for `flowKey` if it ends at `flow`; a kept history that does not is dropped. */
export function keptUndo(storage: UndoStorage, flowKey: string, flow: Flow): { past: HistoryEntry[]; future: HistoryEntry[] } | null {
  const key = UNDO_KEY_PREFIX + flowKey;
  const text = storage.getItem(key);
  if (!text) return null;
  try {
    const kept = JSON.parse(text) as KeptUndo;
    if (kept.v === 1 && Array.isArray(kept.past) && Array.isArray(kept.future) && kept.fingerprint === flowFingerprint(flow)) return { past: kept.past, future: kept.future };
  } catch {
    // unreadable: dropped below
  }
  storage.removeItem(key);
  return null;
}

/** Puts the kept history back into a store just made for `flowKey` (nothing when there is none or it does not fit). */
export function restoreUndo(storage: UndoStorage | null, flowKey: string, store: StudioStore): boolean {
  if (!storage) return false;
  const kept = keptUndo(storage, flowKey, store.getState().flow);
  if (!kept) return false;
  store.setState({ past: kept.past, future: kept.future });
  return true;
}

/** The tab's sessionStorage, or null where there is none (or it cannot be used). */
export function sessionUndoStorage(): UndoStorage | null {
  try {
    return (globalThis as { sessionStorage?: UndoStorage }).sessionStorage ?? null;
  } catch {
    return null;
  }
}
