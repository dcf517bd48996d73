/**
 * Never lose a designer's work. Watches the editor store and, for every committed change:
 *
 * 1. journals it: the change's immer patches (or, the first time after a recovery, the whole flow) go to
 *    the server's journal within ~150 ms, in order, retried until acknowledged. The server replays its
 *    journal on the next open, so a killed studio server loses at most the last fraction of a second.
 * 2. keeps the browser's own copy: the latest unsaved flow goes to localStorage, so a server killed while
 *    the designer keeps editing loses nothing either (`openFlowForEditing` picks that copy up).
 * 3. autosaves: a debounced save of the whole document (atomic on the server). A save carries the journal
 *    sequence number it includes; edits made while it is in flight have later numbers, stay in the journal
 *    and are saved next (the Typebot autosave bug cannot happen: "saved" means every edit is on disk).
 *
 * Status: 'saved' (everything on disk), 'saving' (a save in flight), 'unsaved' (edits waiting for the
 * debounce), 'offline' (the server cannot be reached: edits kept in the browser, retried), 'error' (the
 * server refused: the message says why; edits kept).
 */
import { cutUnits } from '../../../shared/engine/unicodeText';
import type { Patch } from 'immer';
import type { Flow } from '../../../shared/flow/schema';
import { pageSecret, StudioApiError, type DiskStatus, type JournalEntry, type OpenedFlow, type StudioApi } from '../api/studioApi';
import { primeVocabularyMatches } from '../../../shared/escalation/vocabularyWarnings';

export type SaveStatus = 'saved' | 'saving' | 'unsaved' | 'offline' | 'error' | 'conflict' | 'disk_changed';

export interface PersistenceState {
  status: SaveStatus;
  /** What went wrong, in words (status 'offline' or 'error'). */
  error?: string;
  hint?: string;
  lastSavedAt?: string;
  revision?: number;
  /** The flow was recovered from a journal when opened (server or browser). */
  recovered: boolean;
  /** Status 'conflict': where this tab's refused edits are kept (a localStorage key), null when it had none. */
  conflictCopy?: string | null;
  /** Status 'disk_changed': the file on disk is not a readable flow (where the error is). */
  diskProblem?: string;
  /** What is at the flow's path when it holds no readable flow (hostile s12 #2-#5: missing, a folder, a pipe...). */
  diskState?: DiskStatus['state'];
  /** Status 'disk_changed': the flow file's path. */
  diskPath?: string;
  /** Said once after Reload / Keep mine: which version holds the side that was not taken. */
  notice?: string;
  /**
   * Newcomer s17 N#9: edits a read-only window kept in this browser (the conflict copy) before it was reloaded: offered
   * by the reloaded editor (Download / Replace with mine… / Discard) until the designer chooses. When they were made
   * and on which version.
   */
  keptCopy?: { at: string; baseRevision?: number } | null;
}

/** The part of the editor store the persistence needs (the studio store satisfies it). */
export interface PersistableStore {
  getState(): { flow: Flow; revision: number; lastPatches: Patch[]; readOnly?: string | null; setReadOnly?(reason: string | null): void };
  subscribe(listener: (state: { flow: Flow; revision: number; lastPatches: Patch[] }, prev: { flow: Flow; revision: number; lastPatches: Patch[] }) => void): () => void;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface PersistenceOptions {
  key: string;
  store: PersistableStore;
  api: Pick<StudioApi, 'saveFlow' | 'appendJournal'> & Partial<Pick<StudioApi, 'diskStatus' | 'takeDiskVersion' | 'version' | 'openFlow'>>;
  /** How often the file on disk is checked for a change made outside the studio (also on window focus). 0: never. */
  diskPollMs?: number;
  /** After Reload took the disk version: show it (default: reload the page, the notice kept for the next load). */
  onReloaded?: (message: string) => void;
  /** From `openFlowForEditing`: the last journal sequence number the opened flow includes. */
  journalSeq: number;
  /** The server revision the opened flow is based on: saves carry it, and a stale one is refused (409). */
  revision?: number;
  /** This tab's id (random by default): its journal entries and saves are recognised as its own. */
  tabId?: string;
  /** Tells other tabs of this browser about saves at once (BroadcastChannel by default; null for none). */
  channel?: ChannelLike | null;
  /** True when the opened flow has edits not yet saved (recovered): it is saved at once. */
  dirty?: boolean;
  /** Said at once in the notice banner (from `persistenceOptionsFor`: the server set unsaved edits aside when opening). */
  notice?: string;
  /** True when the server does not have the opened flow's base (recovered from the browser): journal a snapshot first. */
  snapshotFirst?: boolean;
  recovered?: boolean;
  storage?: KeyValueStorage | null;
  saveDelayMs?: number;
  /** Longest a stream of edits may delay a save. */
  maxSaveDelayMs?: number;
  journalDelayMs?: number;
  localDelayMs?: number;
  retryMs?: number;
}

export interface BrowserCopy {
  seq: number;
  flow: Flow;
  at: string;
  /** The server revision these edits were made on (absent in copies written before revisions were kept). */
  baseRevision?: number;
  tab?: string;
}

export const browserCopyKey = (key: string) => `baton.studio.unsaved.${key}`;
/** Edits the server refused because another tab saved first: kept here, never applied silently. */
export const conflictCopyKey = (key: string) => `baton.studio.conflict.${key}`;

/** The part of BroadcastChannel used here. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (ev: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (ev: { data: unknown }) => void): void;
  close?(): void;
}

export const STUDIO_CHANNEL = 'baton-studio-saves';

function defaultChannel(): ChannelLike | null {
  try {
    const BC = (globalThis as unknown as { BroadcastChannel?: new (name: string) => ChannelLike & { unref?(): void } }).BroadcastChannel;
    if (!BC) return null;
    const ch = new BC(STUDIO_CHANNEL);
    ch.unref?.(); // Node (tests): never keeps the process alive
    return ch;
  } catch {
    return null;
  }
}

/**
 * Newcomer s14 N#14: the flow was moved to the trash from another tab or window. This window then said only "Not
 * saved" (the reason in a tooltip, in API words) and kept taking edits: it becomes read-only like a stale window, with
 * its own banner; its unsaved edits are kept as the conflict copy ("Download my changes").
 */
export const TRASHED_ELSEWHERE = 'This flow was moved to the trash in another tab or window.';
const isTrashed = (e: StudioApiError | null) => e !== null && e.status === 404 && e.code === 'no_such_flow';

/** The flow whose edits this page last kept as a conflict copy (one editor per page). */
let lastConflictKey: string | null = null;
export const pageConflictKey = () => lastConflictKey;

/** What a read-only window's refused edits are called once downloaded and imported (newcomer s14 N#2). */
export const MY_CHANGES_SUFFIX = ' (my changes)';

/**
 * The flow file "Download my changes" saves: the refused edits, named "<name> (my changes)" so that, imported from
 * the home screen, the copy is told apart from the flow it came from (newcomer s14 N#2: both were listed under one
 * name, told apart only by the grey id line). The name keeps within the schema's 200 characters.
 */
export function myChangesDocument(flow: Flow): Flow {
  if (flow.name.endsWith(MY_CHANGES_SUFFIX) || /\(\d+, my changes\)$/.test(flow.name)) return flow;
  // Newcomer s17 N#9: "Harbor Mutual claims assistant (3) (my changes)" doubled the brackets: "... (3, my changes)".
  const numbered = /^(.*) \((\d{1,9})\)$/s.exec(flow.name);
  if (numbered) {
    const tail = ` (${numbered[2]}, my changes)`;
    return { ...flow, name: `${cutUnits(numbered[1]!, 200 - tail.length)}${tail}` };
  }
  return { ...flow, name: `${cutUnits(flow.name, 200 - MY_CHANGES_SUFFIX.length)}${MY_CHANGES_SUFFIX}` };
}

/** Forgets the refused edits of a flow (the designer chose Discard, or they were saved). */
export function discardConflictCopy(key: string, storage: KeyValueStorage | null = defaultStorage()): void {
  try {
    storage?.removeItem(conflictCopyKey(key));
  } catch {
    // storage denied: nothing to forget
  }
  if (lastConflictKey === key) lastConflictKey = null;
}

/** Moves the refused edits to another key (a trashed flow restored under a new address). */
export function moveConflictCopy(from: string, to: string, storage: KeyValueStorage | null = defaultStorage()): void {
  if (from === to) return;
  try {
    const raw = storage?.getItem(conflictCopyKey(from));
    if (!raw || storage?.getItem(conflictCopyKey(to))) return;
    storage?.setItem(conflictCopyKey(to), raw);
    storage?.removeItem(conflictCopyKey(from));
  } catch {
    // storage denied: the copy stays under the old address
  }
}

/** Reads the refused edits of a flow (see `conflictCopyKey`). */
export function readConflictCopy(key: string, storage: KeyValueStorage | null = defaultStorage()): BrowserCopy | null {
  try {
    const raw = storage?.getItem(conflictCopyKey(key));
    if (!raw) return null;
    const copy = JSON.parse(raw) as BrowserCopy;
    return copy.flow && typeof copy.flow === 'object' ? copy : null;
  } catch {
    return null;
  }
}

function defaultStorage(): KeyValueStorage | null {
  try {
    return (globalThis as { localStorage?: KeyValueStorage }).localStorage ?? null;
  } catch {
    return null;
  }
}

export function readBrowserCopy(key: string, storage: KeyValueStorage | null = defaultStorage()): BrowserCopy | null {
  try {
    const raw = storage?.getItem(browserCopyKey(key));
    if (!raw) return null;
    const copy = JSON.parse(raw) as BrowserCopy;
    return typeof copy.seq === 'number' && copy.flow && typeof copy.flow === 'object' ? copy : null;
  } catch {
    return null;
  }
}

export interface FlowForEditing extends OpenedFlow {
  /** Where unsaved edits came from, if any. */
  recoveredFrom: 'server' | 'browser' | null;
}

/**
 * Opens a flow for the editor: the server's copy with its journal replayed, or this browser's own unsaved
 * copy when it is newer (the server was killed while the designer kept editing).
 */
export async function openFlowForEditing(api: Pick<StudioApi, 'openFlow'>, key: string, storage: KeyValueStorage | null = defaultStorage()): Promise<FlowForEditing> {
  const opened = await api.openFlow(key);
  // Session 49 (ci6): the server's matches for the escalation vocabulary warnings, taken before the editor first
  // validates the flow (the same warnings, without reading every phrase against every ordinary message on each load).
  primeVocabularyMatches(opened.vocabularyMatches);
  const local = readBrowserCopy(key, storage);
  if (local && typeof local.baseRevision === 'number' && local.baseRevision !== opened.revision && local.seq > opened.journalSeq) {
    // Edits made on a version another tab has since replaced: never laid over it silently. They move to the
    // conflict copy (recoverable from the editor's banner), and the server's latest version opens.
    try {
      storage?.setItem(conflictCopyKey(key), JSON.stringify(local));
      storage?.removeItem(browserCopyKey(key));
    } catch {
      // storage denied: the copy stays where it is
    }
    return { ...opened, recoveredFrom: opened.recovered ? 'server' : null };
  }
  if (local && local.seq > opened.journalSeq) {
    return { ...opened, flow: local.flow, journalSeq: local.seq, recovered: true, recoveredFrom: 'browser' };
  }
  if (local) storage?.removeItem(browserCopyKey(key));
  return { ...opened, recoveredFrom: opened.recovered ? 'server' : null };
}

/** Options for `createFlowPersistence` from what `openFlowForEditing` returned. */
export function persistenceOptionsFor(opened: FlowForEditing): Pick<PersistenceOptions, 'journalSeq' | 'dirty' | 'snapshotFirst' | 'recovered' | 'revision' | 'notice'> {
  const aside = setAsideNotice(opened);
  return {
    ...(aside ? { notice: aside } : {}),
    journalSeq: opened.journalSeq,
    revision: typeof opened.revision === 'number' ? opened.revision : undefined,
    dirty: opened.recovered,
    snapshotFirst: opened.recoveredFrom === 'browser',
    recovered: opened.recovered,
  };
}

/**
 * Newcomer s12 #2: edits left unsaved when the file changed on disk (the tab closed with the banner up) are kept by the
 * server as a version of their own when the flow is opened again, and the open says so (journal_base_changed, or
 * journal_replay_stopped when some could not be replayed). The editor showed "Saved" and nothing else: the designer
 * found the edits only by chance in Version history. Said in the notice banner now, with where they are.
 */
export function setAsideNotice(opened: Pick<OpenedFlow, 'problems'>): string | null {
  const said = (opened.problems ?? []).filter((p) => p.code === 'journal_base_changed' || p.code === 'journal_replay_stopped');
  if (said.length === 0) return null;
  return said.map((p) => `${p.message} ${p.hint}`).join(' ');
}

/** What "Replace with mine" would replace, for its confirmation (see `describeReplace`). */
export interface ReplaceCandidate {
  latestRevision: number;
  latest: Flow;
  /** The version this window's edits were made on, and its flow (null when the history no longer has it). */
  baseRevision: number | null;
  base: Flow | null;
  mine: Flow;
}

export interface FlowPersistence {
  getState(): PersistenceState;
  subscribe(listener: () => void): () => void;
  /** Journals and saves everything now; resolves when saved (or rejects with the reason). */
  flush(): Promise<void>;
  /** Status 'disk_changed', "Keep mine": saves the editor's flow over the file (the disk version is kept as a version). */
  keepMine(): Promise<void>;
  /** Status 'disk_changed', "Reload": takes the file on disk (the editor's unsaved edits are kept as a version). */
  reloadFromDisk(): Promise<void>;
  /** Hides the notice said after Reload / Keep mine. */
  dismissNotice(): void;
  /**
   * Status 'conflict' (another window saved), first step of "Replace with mine": the latest version, the version this
   * window's edits were made on (null when the history no longer has it) and this window's flow, for the confirmation.
   */
  prepareReplace(): Promise<ReplaceCandidate>;
  /**
   * Status 'conflict', "Replace with mine" confirmed: saves this window's flow as a new version over `latest` (the other
   * window's version stays in Version history). Refused (409, the banner again) when a version newer than `latest` exists.
   */
  replaceWithMine(latest: number): Promise<void>;
  /** Asks the server now whether the file changed on disk (the page does so every few seconds and on focus). */
  checkDisk(): Promise<void>;
  /**
   * Newcomer s17 N#9, edits kept from before a reload ("keptCopy"), "Replace with mine…": the editor's flow (the latest
   * version, plus any edit made since), the version the kept edits were made on, and the kept edits.
   */
  prepareKept(): Promise<ReplaceCandidate>;
  /** The kept edits, to put in the editor once confirmed (null when there are none any more). */
  keptFlow(): Flow | null;
  /** Forgets the kept edits (Discard, or once they are in the editor). */
  discardKept(): void;
  dispose(): void;
}

export function createFlowPersistence(opts: PersistenceOptions): FlowPersistence {
  const storage = opts.storage === undefined ? defaultStorage() : opts.storage;
  const saveDelay = opts.saveDelayMs ?? 700;
  const maxSaveDelay = opts.maxSaveDelayMs ?? 3000;
  const journalDelay = opts.journalDelayMs ?? 120;
  const localDelay = opts.localDelayMs ?? 150;
  const retryMs = opts.retryMs ?? 1500;
  const { api, key, store } = opts;
  const tabId = opts.tabId ?? `tab-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const channel = opts.channel === undefined ? defaultChannel() : opts.channel;
  let revision = opts.revision;
  let conflict = false;
  // Newcomer s11 #17: the file changed on disk since the studio loaded it: saves wait for Reload or Keep mine.
  let diskChanged = false;
  let overwriteNext = false;
  // "Replace with mine" confirmed: the next save replaces this revision (another window's).
  let replacingNext: number | undefined;
  const guard = () => (revision === undefined ? { tab: tabId } : { baseRevision: revision, tab: tabId });

  // Sequence numbers only need to grow: starting from the clock keeps them above anything an earlier
  // session (or another tab) journaled, so the server never mistakes a new edit for a retried old one.
  let seq = Math.max(opts.journalSeq, Date.now());
  let savedSeq = opts.dirty ? -1 : seq;
  let needSnapshot = Boolean(opts.snapshotFirst);
  let pending: JournalEntry[] = [];
  let journalInFlight = false;
  let saveInFlight = false;
  let firstUnsavedAt: number | null = null;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let journalTimer: ReturnType<typeof setTimeout> | null = null;
  let localTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;
  // Newcomer s17 N#9: a read-only window was reloaded (or closed) with refused edits: this editor offers them.
  const keptAtOpen = readConflictCopy(key, storage);
  let state: PersistenceState = {
    status: opts.dirty ? 'unsaved' : 'saved',
    recovered: Boolean(opts.recovered),
    ...(opts.notice ? { notice: opts.notice } : {}),
    ...(keptAtOpen ? { keptCopy: { at: keptAtOpen.at, ...(typeof keptAtOpen.baseRevision === 'number' ? { baseRevision: keptAtOpen.baseRevision } : {}) } } : {}),
  };
  const listeners = new Set<() => void>();
  let waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  let problem: { status: 'offline' | 'error' | 'conflict' | 'disk_changed'; error: string; hint: string } | null = null;

  const setState = (patch: Partial<PersistenceState>) => {
    state = { ...state, ...patch };
    listeners.forEach((l) => l());
  };
  const refresh = () => {
    const status: SaveStatus = problem ? problem.status : saveInFlight ? 'saving' : seq > savedSeq ? 'unsaved' : 'saved';
    setState({ status, error: problem?.error, hint: problem?.hint });
    if (status === 'saved') {
      const w = waiters;
      waiters = [];
      w.forEach((x) => x.resolve());
    }
  };
  const fail = (err: unknown) => {
    const e = err instanceof StudioApiError ? err : null;
    if (e && e.status === 409 && e.code === 'stale_revision') return enterConflict(e.message);
    if (isTrashed(e)) return enterConflict(TRASHED_ELSEWHERE);
    if (e && e.status === 409 && e.code === 'changed_on_disk') {
      const broken = e.problems.length > 0 ? / The file on disk is not a readable flow: (.*)\.$/.exec(e.message)?.[1] : undefined;
      return enterDiskChanged(broken, /the file (.+?) is not the one the studio loaded/.exec(e.message)?.[1]);
    }
    problem = {
      status: e && (e.offline || e.status === 401) ? 'offline' : 'error',
      error: e?.message ?? (err instanceof Error ? err.message : String(err)),
      hint: e?.hint ?? '',
    };
    refresh();
    const w = waiters;
    waiters = [];
    w.forEach((x) => x.reject(err));
  };

  /* ------------------------------------------------------------ browser copy */
  const writeLocal = () => {
    localTimer = null;
    if (!storage || seq <= savedSeq) return;
    try {
      const copy: BrowserCopy = { seq, flow: store.getState().flow, at: new Date().toISOString(), baseRevision: revision, tab: tabId };
      storage.setItem(conflict ? conflictCopyKey(key) : browserCopyKey(key), JSON.stringify(copy));
    } catch {
      // storage full or denied: the server journal still has the edits
    }
  };
  const scheduleLocal = () => {
    if (!localTimer) localTimer = setTimeout(writeLocal, localDelay);
  };

  /* ------------------------------------------------------------ journal */
  const sendJournal = async () => {
    journalTimer = null;
    if (journalInFlight || pending.length === 0 || disposed || conflict) return;
    journalInFlight = true;
    const batch = pending.slice();
    try {
      await api.appendJournal(key, batch, guard());
      const sent = new Set(batch.map((e) => e.seq));
      pending = pending.filter((e) => !sent.has(e.seq));
      if (problem?.status === 'offline') problem = null;
      refresh();
    } catch (err) {
      fail(err);
      if (!journalTimer && !disposed && !conflict) journalTimer = setTimeout(sendJournal, retryMs);
    } finally {
      journalInFlight = false;
    }
    if (pending.length > 0 && !journalTimer && !disposed && !conflict) journalTimer = setTimeout(sendJournal, journalDelay);
  };
  const scheduleJournal = () => {
    if (!journalTimer) journalTimer = setTimeout(sendJournal, journalDelay);
  };

  /* ------------------------------------------------------------ save */
  const save = async () => {
    saveTimer = null;
    if (saveInFlight || disposed || conflict || diskChanged) return;
    if (seq <= savedSeq && !overwriteNext && replacingNext === undefined) return refresh();
    saveInFlight = true;
    refresh();
    const includes = seq;
    const flow = store.getState().flow;
    const overwrite = overwriteNext;
    const replacing = replacingNext;
    try {
      const r = await api.saveFlow(key, flow, Math.max(0, includes), overwrite ? { ...guard(), overwriteDisk: true } : replacing !== undefined ? { ...guard(), replacing } : guard());
      if (replacing !== undefined) {
        replacingNext = undefined;
        try {
          storage?.removeItem(conflictCopyKey(key));
        } catch {
          // storage denied: the copy only stays downloadable
        }
        if (lastConflictKey === key) lastConflictKey = null;
        setState({
          conflictCopy: null,
          keptCopy: null,
          notice: `Saved this window's version over version ${replacing} (saved in another window) as version ${r.revision}. The other window's version stays in Version history as version ${replacing}: restore it there to undo this.`,
        });
      }
      if (overwrite) {
        overwriteNext = false;
        const kept = (r as { warnings?: string[] }).warnings?.find((w) => /outside the studio/.test(w));
        setState({ notice: kept ? `Saved the studio's version over the file. ${kept}` : "Saved the studio's version over the file." });
      }
      savedSeq = Math.max(savedSeq, includes);
      if (r.changed || revision === undefined || r.revision > revision) {
        revision = r.revision;
        try {
          channel?.postMessage({ type: 'saved', key, revision: r.revision, tab: tabId });
        } catch {
          // the channel is closed: the server's 409 still protects the other tab
        }
      }
      pending = pending.filter((e) => e.seq > savedSeq);
      problem = null;
      firstUnsavedAt = seq > savedSeq ? Date.now() : null;
      setState({ lastSavedAt: r.savedAt, revision: r.revision });
      if (seq <= savedSeq) storage?.removeItem(browserCopyKey(key));
    } catch (err) {
      fail(err);
      // Refused again (yet another save came first): the banner is back, and a new confirmation describes the new latest.
      if (conflict || diskChanged) replacingNext = undefined;
      if (!saveTimer && !disposed && !conflict && !diskChanged) saveTimer = setTimeout(save, retryMs);
    } finally {
      saveInFlight = false;
    }
    refresh();
    // Edits made while the save was in flight: save them too.
    if (seq > savedSeq && !saveTimer && !disposed && !conflict && !diskChanged) saveTimer = setTimeout(save, saveDelay);
  };
  const scheduleSave = () => {
    const now = Date.now();
    firstUnsavedAt ??= now;
    if (saveTimer) clearTimeout(saveTimer);
    const wait = Math.max(0, Math.min(saveDelay, firstUnsavedAt + maxSaveDelay - now));
    saveTimer = setTimeout(save, wait);
  };

  /* ------------------------------------------------------------ watching the store */
  const unsubscribe = store.subscribe((next, prev) => {
    if (next.flow === prev.flow || next.revision === prev.revision) return;
    seq += 1;
    if (needSnapshot || !Array.isArray(next.lastPatches) || next.lastPatches.length === 0) {
      pending.push({ seq, flow: next.flow });
      needSnapshot = false;
    } else {
      pending.push({ seq, patches: next.lastPatches });
    }
    if (conflict) {
      // A read-only window's flow changes only by something that is not the user's edit (hostile s14 H#4: Version
      // history > Restore got through): the conflict copy keeps the refused edits, and "nothing is lost" stays true.
      if (store.getState().readOnly) return;
      // Nothing more goes to the server; the refused edits (and these) stay in the conflict copy.
      writeLocal();
      if (storage && state.conflictCopy !== conflictCopyKey(key)) {
        lastConflictKey = key;
        if (problem) problem = { ...problem, hint: keptHint() };
        setState({ conflictCopy: conflictCopyKey(key), hint: problem?.hint });
      }
      return;
    }
    refresh();
    scheduleJournal();
    scheduleLocal();
    scheduleSave();
  });

  /* ------------------------------------------------------------ the file changed on disk */
  function enterDiskChanged(broken?: string, path?: string, diskState?: DiskStatus['state']) {
    if (conflict || disposed) return;
    diskChanged = true;
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    // The editor's edits stay journaled and in this browser's copy until the designer chooses.
    problem = {
      status: 'disk_changed',
      error: 'This flow was changed outside the studio.',
      hint: broken
        ? `The file on disk is not a readable flow (${broken}); the studio's copy is kept. Fix the file and Reload, or Keep mine.`
        : 'Reload takes the file on disk (your unsaved edits are kept as a version); Keep mine saves over it (the disk version is kept as a version).',
    };
    setState({ diskProblem: broken, diskState, ...(path ? { diskPath: path } : {}) });
    refresh();
    const w = waiters;
    waiters = [];
    w.forEach((x) => x.reject(new Error(problem!.error)));
  }
  let checking = false;
  const checkDisk = async () => {
    if (!api.diskStatus || checking || disposed || conflict) return;
    checking = true;
    const revisionBefore = revision;
    const savingBefore = saveInFlight;
    try {
      const d = await api.diskStatus(key);
      if (d.changed && !overwriteNext) enterDiskChanged(d.problem, d.path, d.state);
      else if (diskChanged) setState({ diskProblem: d.changed ? d.problem : undefined, diskPath: d.path, diskState: d.changed ? d.state : undefined });
      // Newcomer s12 #5: another window or browser (no channel between them) saved this flow: said now, not when this
      // tab's next save is refused. Only when no save of this tab ran meanwhile (its own new revision is not another's).
      else if (
        !d.changed &&
        typeof d.revision === 'number' &&
        revision !== undefined &&
        revision === revisionBefore &&
        !savingBefore &&
        !saveInFlight &&
        d.revision > revision
      )
        enterConflict('This flow was changed in another tab or window.');
    } catch (err) {
      const e = err instanceof StudioApiError ? err : null;
      if (isTrashed(e)) enterConflict(TRASHED_ELSEWHERE);
      // Newcomer s14 N#22: with the server stopped, an idle editor said "Saved" for minutes: offline as soon as a check fails.
      else if (e?.offline && !problem && !disposed) fail(err);
      return;
    } finally {
      checking = false;
    }
    // The server answers again: an idle editor's "offline" (from a check) gives way; unsaved edits are saved by their retry.
    if (problem?.status === 'offline' && !saveInFlight && seq <= savedSeq && !disposed) {
      problem = null;
      refresh();
    }
  };
  const diskPollMs = opts.diskPollMs ?? 3000;
  const diskTimer = api.diskStatus && diskPollMs > 0 ? setInterval(() => void checkDisk(), diskPollMs) : null;
  (diskTimer as { unref?: () => void } | null)?.unref?.();
  const onFocus = () => void checkDisk();
  const noticeKey = `baton.studio.notice.${key}`;
  try {
    const said = (globalThis as { sessionStorage?: KeyValueStorage }).sessionStorage?.getItem(noticeKey);
    if (said) {
      (globalThis as { sessionStorage?: KeyValueStorage }).sessionStorage?.removeItem(noticeKey);
      state = { ...state, notice: said };
    }
  } catch {
    // no session storage
  }
  const keepMine = (): Promise<void> => {
    if (!diskChanged) return Promise.resolve();
    diskChanged = false;
    overwriteNext = true;
    problem = null;
    setState({ diskProblem: undefined });
    return new Promise<void>((resolve, reject) => {
      waiters.push({ resolve, reject });
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = null;
      void save();
    });
  };
  const prepareReplace = async (): Promise<ReplaceCandidate> => {
    if (!conflict || problem?.error === TRASHED_ELSEWHERE) throw new Error('Replace with mine is offered only when another window saved this flow.');
    if (!api.diskStatus || !api.version) throw new Error('This studio cannot read versions.');
    const latestRevision = (await api.diskStatus(key)).revision;
    const latest = await api.version(key, latestRevision).then(
      (v) => v.flow,
      async (err) => {
        // The latest saved flow is always the file; its version may be missing from an old history.
        if (!api.openFlow) throw err;
        const o = await api.openFlow(key);
        if (o.revision !== latestRevision) throw err;
        return o.flow;
      },
    );
    const base = revision === undefined || revision === latestRevision ? null : await api.version(key, revision).then((v) => v.flow, () => null);
    return { latestRevision, latest, baseRevision: revision ?? null, base, mine: store.getState().flow };
  };
  const replaceWithMine = (latest: number): Promise<void> => {
    if (!conflict || problem?.error === TRASHED_ELSEWHERE) return Promise.reject(new Error('Replace with mine is offered only when another window saved this flow.'));
    if (!Number.isSafeInteger(latest) || latest < 1) return Promise.reject(new Error(`Replace with mine needs the latest version number (got ${String(latest)}).`));
    conflict = false;
    problem = null;
    revision = latest;
    replacingNext = latest;
    store.getState().setReadOnly?.(null);
    return new Promise<void>((resolve, reject) => {
      waiters.push({ resolve, reject });
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = null;
      void save();
    });
  };
  const reloadFromDisk = async (): Promise<void> => {
    if (!api.takeDiskVersion) return;
    try {
      const r = await api.takeDiskVersion(key, store.getState().flow, Math.max(0, seq), tabId);
      // The editor's copy is a version on the server now: it must not be recovered over the disk version.
      for (const t of [saveTimer, journalTimer, localTimer]) if (t) clearTimeout(t);
      saveTimer = journalTimer = localTimer = null;
      pending = [];
      savedSeq = seq;
      disposed = true;
      storage?.removeItem(browserCopyKey(key));
      if (opts.onReloaded) return opts.onReloaded(r.message);
      try {
        (globalThis as { sessionStorage?: KeyValueStorage }).sessionStorage?.setItem(noticeKey, r.message);
      } catch {
        // no session storage: the version history still says it
      }
      (globalThis as { location?: { reload(): void } }).location?.reload();
    } catch (err) {
      const e = err instanceof StudioApiError ? err : null;
      const where = e?.problems?.[0]?.message;
      problem = {
        status: 'disk_changed',
        error: 'This flow was changed outside the studio.',
        hint: `Reload did not take the file: ${e?.message ?? String(err)}${where && !(e?.message ?? '').includes(where) ? ` ${where}` : ''} The studio's copy is kept.`,
      };
      setState({ diskProblem: where ?? e?.message ?? String(err) });
      refresh();
    }
  };

  /* ------------------------------------------------------------ another tab saved first */
  function keptHint() {
    return `Reload to get the latest version; your unsaved changes are kept in this browser (localStorage "${conflictCopyKey(key)}") and can be downloaded from this banner.`;
  }
  function enterConflict(message?: string) {
    if (conflict) return;
    conflict = true;
    for (const t of [saveTimer, journalTimer, localTimer]) if (t) clearTimeout(t);
    saveTimer = journalTimer = localTimer = null;
    const unsaved = seq > savedSeq;
    if (unsaved) writeLocal();
    // Our ordinary browser copy must not be replayed over the other tab's version on the next open.
    const mine = readBrowserCopy(key, storage);
    if (mine && mine.tab === tabId) storage?.removeItem(browserCopyKey(key));
    problem = {
      status: 'conflict',
      error: message ?? 'This flow was changed in another tab or window.',
      hint: unsaved
        ? keptHint()
        : 'Reload to get the latest version; this tab had no unsaved changes, so nothing is lost.',
    };
    // Edits kept from before a reload (still not chosen) stay downloadable from this banner too.
    const keptBefore = !unsaved && readConflictCopy(key, storage) !== null;
    lastConflictKey = (unsaved || keptBefore) && storage ? key : null;
    // Newcomer s13 #9: nothing this window does can be saved any more; it stopped taking edits only in words.
    store.getState().setReadOnly?.(
      message === TRASHED_ELSEWHERE
        ? `Read-only: this flow was moved to the trash in another tab or window, so edits here cannot be saved. Restore it from the trash on the home screen, then Reload${unsaved ? ' (your unsaved changes are kept: Download my changes)' : ''}.`
        : `Read-only: another tab or window saved this flow, so edits here cannot be saved. Reload to edit the latest version${unsaved ? ' (your unsaved changes are kept: Download my changes)' : ''}.`,
    );
    setState({ conflictCopy: (unsaved || keptBefore) && storage ? conflictCopyKey(key) : null, keptCopy: null });
    refresh();
    const w = waiters;
    waiters = [];
    w.forEach((x) => x.reject(new Error(problem!.error)));
  }
  const onChannel = (ev: { data: unknown }) => {
    const m = ev.data as { type?: string; key?: string; revision?: number; tab?: string } | null;
    if (!m || m.type !== 'saved' || m.key !== key || m.tab === tabId || typeof m.revision !== 'number') return;
    if (revision !== undefined && m.revision <= revision) return;
    enterConflict('This flow was changed in another tab or window.');
  };
  channel?.addEventListener('message', onChannel);

  /** The tab is closing: send what the server has not acknowledged with a keepalive request. */
  const onPageHide = () => {
    writeLocal();
    if (pending.length === 0 || conflict) return;
    try {
      const secret = pageSecret();
      void fetch(`/api/flows/${encodeURIComponent(key)}/journal`, {
        method: 'POST',
        keepalive: true,
        headers: { 'content-type': 'application/json', 'x-baton-secret': secret },
        body: JSON.stringify({ entries: pending, ...guard() }),
      }).catch(() => {});
    } catch {
      // the browser copy covers it
    }
  };
  // Typed narrowly: this module also runs in Node tests (no window there).
  const win = (globalThis as { window?: { addEventListener(t: string, l: () => void): void; removeEventListener(t: string, l: () => void): void } }).window;
  win?.addEventListener('pagehide', onPageHide);
  win?.addEventListener('focus', onFocus);

  if (opts.dirty) {
    // A recovered flow: make the server journal whole again, then save it.
    pending.push({ seq, flow: store.getState().flow });
    scheduleJournal();
    saveTimer = setTimeout(save, 0);
    needSnapshot = false;
  }

  const prepareKept = async (): Promise<ReplaceCandidate> => {
    const copy = readConflictCopy(key, storage);
    if (!copy) throw new Error('The kept changes are no longer in this browser (another window used or discarded them).');
    const baseRevision = typeof copy.baseRevision === 'number' ? copy.baseRevision : null;
    const base = baseRevision === null || !api.version ? null : await api.version(key, baseRevision).then((v) => v.flow, () => null);
    return { latestRevision: revision ?? 0, latest: store.getState().flow, baseRevision, base, mine: copy.flow };
  };
  const discardKept = () => {
    discardConflictCopy(key, storage);
    setState({ keptCopy: null, ...(conflict ? {} : { conflictCopy: null }) });
  };

  return {
    keepMine,
    prepareReplace,
    prepareKept,
    keptFlow: () => readConflictCopy(key, storage)?.flow ?? null,
    discardKept,
    replaceWithMine,
    reloadFromDisk,
    checkDisk,
    dismissNotice: () => setState({ notice: undefined }),
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush() {
      if (conflict) return Promise.reject(new Error(problem?.error ?? 'This flow was changed in another tab or window.'));
      if (seq <= savedSeq && !saveInFlight) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        waiters.push({ resolve, reject });
        if (saveTimer) clearTimeout(saveTimer);
        saveTimer = null;
        if (journalTimer) clearTimeout(journalTimer);
        journalTimer = null;
        void sendJournal();
        void save();
      });
    },
    dispose() {
      disposed = true;
      unsubscribe();
      for (const t of [saveTimer, journalTimer, localTimer]) if (t) clearTimeout(t);
      win?.removeEventListener('pagehide', onPageHide);
      win?.removeEventListener('focus', onFocus);
      if (diskTimer) clearInterval(diskTimer);
      channel?.removeEventListener('message', onChannel);
      if (opts.channel === undefined) channel?.close?.();
      // leave the browser copy in place if anything is unsaved
      if (seq > savedSeq) writeLocal();
      const w = waiters;
      waiters = [];
      w.forEach((x) => x.reject(new Error('The editor was closed before the flow was saved; the edits are kept in this browser.')));
    },
  };
}
