/**
 * The studio's editor store (zustand, vanilla so tests and the persistence hook can use it without React).
 *
 * It holds ONE copy of the flow document. Every change goes through the core's edit operations
 * (shared/flow/edit `applyEdit`), which return immer patches and their inverse: undo and redo replay them,
 * so history costs two patch lists per step, not a snapshot. React Flow's nodes and edges are not kept here:
 * they are derived from `flow` by memoised selectors (renderer/studio/canvas/deriveNodes.ts).
 *
 * Besides the document the store keeps ephemeral view state that is never saved or undone:
 * - `drag`: positions of blocks while a drag is in progress (a drag lives here until release, then becomes
 *   ONE `move_blocks` edit),
 * - `measured`: node sizes React Flow reported (so re-derived nodes keep their size and are not re-measured),
 * - `selection`: selected block / note / edge ids.
 *
 * `revision` is bumped on every committed change (edit, undo, redo, replace) and `lastPatches` holds the
 * forward patches of that change (studio-server's persistence hook journals them).
 */
import { applyPatches, enablePatches, type Patch } from 'immer';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { applyEdit } from '../../../shared/flow/edit/applyEdit';
import type { FlowEdit, XY } from '../../../shared/flow/edit/types';
import type { Flow } from '../../../shared/flow/schema';
import { flowIdProblem } from '../inspector/flowId';
import { plainEditError } from '../inspector/plainIssue';

enablePatches();

export interface HistoryEntry {
  label: string;
  patches: Patch[];
  inverse: Patch[];
  /** Consecutive edits with the same key (typing in one inspector field) merge into one step. */
  coalesceKey?: string;
  /**
   * The key the step was made with, kept after undo and redo (which clear `coalesceKey` so nothing merges into a step
   * that was undone): a field's Ctrl+Z undoes only the steps made in that field (session 47, studio15).
   */
  field?: string;
  at: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface StudioState {
  flow: Flow;
  past: HistoryEntry[];
  future: HistoryEntry[];
  revision: number;
  lastPatches: Patch[];
  /** Selected block and sticky-note ids. */
  selection: string[];
  /** Selected edge ids. */
  edgeSelection: string[];
  /** Positions of blocks being dragged (not yet committed). */
  drag: Record<string, XY>;
  measured: Record<string, Size>;
  /** Last refused edit or connection, shown as a toast. */
  notice: { id: number; tone: 'error' | 'info'; text: string; action?: NoticeAction } | null;
  /**
   * Why this window can no longer change the flow (newcomer s13 #9: after another window saved it, this one kept
   * taking edits that could never be saved), or null. While set, edits, undo and redo are refused (the conflict banner
   * and the inspector show this reason).
   */
  readOnly: string | null;
  /**
   * The last step takes no more typing (session 47, studio15, newcomer s46 N12): set by `seal()` (a word boundary, a
   * pause, a paste, the field left: renderer/studio/editor/useFieldUndo.ts), by undo and by redo; the next edit clears it.
   */
  sealed: boolean;

  dispatch(edit: FlowEdit, options?: DispatchOptions): boolean;
  undo(): void;
  redo(): void;
  /** Ends the last undo step: the next edit starts a new one even with the same `coalesceKey` (`attachToLast` still attaches). */
  seal(): void;
  /**
   * Changes the flow's id (Flow settings): one undo step. The caller validates it first (`flowIdProblem`);
   * an id the schema refuses is never set (returns false, with a notice).
   */
  setFlowId(id: string): boolean;
  /**
   * Replaces the whole document (restore a version, reload). `undoable` makes it one undo step. Refused (false) in a
   * read-only window, like every edit (hostile s14 H#4: Version history > Restore went through and overwrote the kept
   * copy of the window's refused edits).
   */
  replaceFlow(flow: Flow, options?: { undoable?: boolean; label?: string }): boolean;
  select(ids: string[], edgeIds?: string[]): void;
  setDrag(positions: Record<string, XY> | null): void;
  setMeasured(sizes: Record<string, Size>): void;
  /** `action` adds a button to the toast (the editor maps it: 'problems' opens the problems list). */
  notify(text: string, tone?: 'error' | 'info', action?: NoticeAction): void;
  setReadOnly(reason: string | null): void;
}

/**
 * A toast's one button: what it says and which editor panel it opens (newcomer s39 N3: "Show" the problems list), or
 * 'undo': it undoes the last edit (session 44, N7: an End inserted into a connection, which left its target unconnected).
 */
export interface NoticeAction {
  label: string;
  opens: 'problems' | 'undo';
}

export interface DispatchOptions {
  /** Merge with the previous step when it has the same key and is less than `coalesceMs` old. */
  coalesceKey?: string;
  coalesceMs?: number;
  /** Label shown in the undo history (default: the edit type). */
  label?: string;
  /** Clock for coalescing; tests pass their own. */
  now?: number;
  /**
   * Part of the previous step when that step is less than `coalesceMs` old (a consequence of it, such as blocks
   * pushed down by a block that grew): one undo takes both back.
   */
  attachToLast?: boolean;
}

export type StudioStore = StoreApi<StudioState>;

/** Undo history is bounded so a day of editing does not grow memory without limit. */
export const HISTORY_LIMIT = 500;

function describe(edit: FlowEdit): string {
  if (edit.type === 'batch') return edit.label;
  return edit.type.replace(/_/g, ' ');
}

export function createStudioStore(initial: Flow): StudioStore {
  let noticeId = 0;
  return createStore<StudioState>()((set, get) => ({
    flow: initial,
    past: [],
    future: [],
    revision: 0,
    lastPatches: [],
    selection: [],
    edgeSelection: [],
    drag: {},
    measured: {},
    notice: null,
    readOnly: null,
    sealed: false,

    dispatch(edit, options = {}) {
      const state = get();
      // Refused without a toast: the conflict banner across the canvas and the inspector's line already say why (a toast
      // drawn under the banner read as a second, cut message).
      if (state.readOnly) return false;
      let result;
      try {
        result = applyEdit(state.flow, edit);
      } catch (error) {
        // FlowEditError: the flow is untouched; tell the designer why.
        set({ notice: { id: ++noticeId, tone: 'error', text: plainEditError(error instanceof Error ? error.message : String(error)) } });
        return false;
      }
      if (result.patches.length === 0) return true;
      const now = options.now ?? Date.now();
      const last = state.past[state.past.length - 1];
      let past: HistoryEntry[];
      if (
        last &&
        state.future.length === 0 &&
        now - last.at < (options.coalesceMs ?? 1500) &&
        ((options.coalesceKey && !state.sealed && last.coalesceKey === options.coalesceKey) || options.attachToLast)
      ) {
        const merged: HistoryEntry = {
          ...last,
          patches: [...last.patches, ...result.patches],
          inverse: [...result.inverse, ...last.inverse],
          at: now,
        };
        past = [...state.past.slice(0, -1), merged];
      } else {
        const entry: HistoryEntry = {
          label: options.label ?? describe(edit),
          patches: result.patches,
          inverse: result.inverse,
          coalesceKey: options.coalesceKey,
          ...(options.coalesceKey ? { field: options.coalesceKey } : {}),
          at: now,
        };
        past = [...state.past, entry].slice(-HISTORY_LIMIT);
      }
      set({
        flow: result.flow,
        past,
        future: [],
        revision: state.revision + 1,
        lastPatches: result.patches,
        sealed: false,
        // New blocks (add, duplicate, paste) become the selection; otherwise keep what still exists.
        ...pruneSelection(result.flow, result.selection?.length ? result.selection : state.selection, state.edgeSelection),
      });
      return true;
    },

    undo() {
      const state = get();
      if (state.readOnly) return;
      const entry = state.past[state.past.length - 1];
      if (!entry) return;
      const flow = applyPatches(state.flow, entry.inverse);
      set({
        flow,
        past: state.past.slice(0, -1),
        future: [...state.future, { ...entry, coalesceKey: undefined }],
        revision: state.revision + 1,
        lastPatches: entry.inverse,
        sealed: true,
        ...pruneSelection(flow, state.selection, state.edgeSelection),
      });
    },

    redo() {
      const state = get();
      if (state.readOnly) return;
      const entry = state.future[state.future.length - 1];
      if (!entry) return;
      const flow = applyPatches(state.flow, entry.patches);
      set({
        flow,
        past: [...state.past, entry],
        future: state.future.slice(0, -1),
        revision: state.revision + 1,
        lastPatches: entry.patches,
        sealed: true,
        ...pruneSelection(flow, state.selection, state.edgeSelection),
      });
    },

    seal() {
      if (!get().sealed) set({ sealed: true });
    },

    setFlowId(id) {
      const state = get();
      if (state.readOnly) return false;
      if (id === state.flow.id) return true;
      const problem = flowIdProblem(id);
      if (problem) {
        set({ notice: { id: ++noticeId, tone: 'error', text: problem } });
        return false;
      }
      const patches: Patch[] = [{ op: 'replace', path: ['id'], value: id }];
      const inverse: Patch[] = [{ op: 'replace', path: ['id'], value: state.flow.id }];
      set({
        flow: applyPatches(state.flow, patches),
        past: [...state.past, { label: 'Change flow id', patches, inverse, at: Date.now() }].slice(-HISTORY_LIMIT),
        future: [],
        revision: state.revision + 1,
        lastPatches: patches,
      });
      return true;
    },

    replaceFlow(flow, options = {}) {
      const state = get();
      if (state.readOnly) return false;
      const patches: Patch[] = [{ op: 'replace', path: [], value: flow }];
      const inverse: Patch[] = [{ op: 'replace', path: [], value: state.flow }];
      set({
        flow,
        past: options.undoable
          ? [...state.past, { label: options.label ?? 'Replace flow', patches, inverse, at: Date.now() }].slice(-HISTORY_LIMIT)
          : [],
        future: [],
        revision: state.revision + 1,
        lastPatches: patches,
        drag: {},
        ...pruneSelection(flow, state.selection, state.edgeSelection),
      });
      return true;
    },

    select(ids, edgeIds = []) {
      const state = get();
      if (sameIds(state.selection, ids) && sameIds(state.edgeSelection, edgeIds)) return;
      set({ selection: ids, edgeSelection: edgeIds });
    },

    setDrag(positions) {
      set({ drag: positions ?? {} });
    },

    setMeasured(sizes) {
      set({ measured: { ...get().measured, ...sizes } });
    },

    notify(text, tone = 'error', action) {
      set({ notice: action ? { id: ++noticeId, tone, text, action } : { id: ++noticeId, tone, text } });
    },

    setReadOnly(reason) {
      set({ readOnly: reason, drag: {} });
    },
  }));
}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** Drops selected ids that no longer exist (after a delete or an undo of an add). */
function pruneSelection(flow: Flow, selection: string[], edgeSelection: string[]) {
  const ids = new Set<string>(flow.blocks.map((b) => b.id));
  for (const note of (flow as { notes?: { id: string }[] }).notes ?? []) ids.add(note.id);
  for (const group of (flow as { groups?: { id: string }[] }).groups ?? []) ids.add(group.id);
  const edgeIds = new Set(flow.edges.map((e) => e.id));
  const s = selection.filter((id) => ids.has(id));
  const e = edgeSelection.filter((id) => edgeIds.has(id));
  return {
    selection: s.length === selection.length ? selection : s,
    edgeSelection: e.length === edgeSelection.length ? edgeSelection : e,
  };
}
