/**
 * Flows on disk for the studio: every flow is one git-friendly JSON file, written atomically; a journal of
 * the edits made since the last save (replayed when the flow is next opened, so a killed studio loses
 * nothing it acknowledged); a bounded version history with readable diffs; a trash so deleting is
 * recoverable. lowdb keeps the index (which files, their revisions and versions), the recent list and
 * the preferences; the flow files are the truth and files dropped into the folder by hand are picked up.
 *
 * Layout of the home folder:
 *   studio.json                 lowdb index, recent files, preferences
 *   flows/<key>.json            the flows (flows opened from elsewhere stay where they are: `path`)
 *   journal/<key>.jsonl         edits since the last save, one JSON line each: { seq, patches } or { seq, flow }
 *   history/<key>/<rev>.json    every saved version (bounded)
 *   trash/<trashId>/            deleted flows with their history
 *
 * Every operation on one flow runs after the previous one on the same flow finished (a per-key queue), so
 * a save racing a journal append or a delete cannot interleave.
 */
import { existsSync } from 'node:fs';
import { cp, lstat, mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { sizeProblemsText, studioSizeProblems, studioSizeProblemsOfText } from './studioSizeLimits';
import { FileTooLargeError, MAX_FLOW_FILE_BYTES, NotRegularFileError, readRegularBytes, readRegularFile } from './readRegularFile';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyPatches, enablePatches, type Patch } from 'immer';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { FlowProblem } from '../../shared/flow/flowProblem';
import { stripLayout } from '../../shared/flow/graph';
import { loadFlowText } from '../../shared/flow/loadFlowText';
import { flowIdProblem, slugOf } from '../../shared/flow/flowId';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';
import { formatScenarioFile, scenarioFileCandidates, scenarioFileOf } from '../../shared/simulator/scenarioFormat';
import { parseScenarioBytes, parseScenarioFile, parseScenarioText, type ScenarioFile } from '../../shared/simulator/scenarioSchema';
import { decodeUtf8Strict, describeUtf8Error, textWideEncodingOf, UTF16_HINT, wideEncodingProblem } from '../../shared/simulator/utf8';
import { diffFlows, type FlowDiff } from './diffFlows';
import { exportFlowDocument } from './exportFlowDocument';
import { formatFlowFile } from './formatFlowFile';
import { FlowText } from './flowText';
import { appendLineDurable, writeFileAtomic } from './writeFileAtomic';
import { createHash } from 'node:crypto';
import { applyEdits, modify } from 'jsonc-parser';
import { cutUnits } from '../../shared/engine/unicodeText';
import { NEUTRAL_UNANSWERABLE_MESSAGE } from '../../shared/engine/shopQuestion';
import type { VocabularyMatches } from '../../shared/escalation/vocabularyWarnings';

enablePatches();

export { cutUnits };

/** How many saved versions each flow keeps (the oldest are dropped first). */
export const MAX_VERSIONS = 100;
/** How many flows the recent list keeps. */
const MAX_RECENT = 20;

export interface VersionInfo {
  revision: number;
  savedAt: string;
  /** What this save changed compared with the version before it, e.g. "1 block added, 2 blocks moved". */
  summary: string;
  /** Set when this version was made by restoring an older one. */
  restoredFrom?: number;
  /**
   * A save that changed only field values (no block added, removed or moved, no connection): which fields ("block|path"
   * lines), and since when saves of these fields only have been folded into this version (newcomer s14 #15); `first`,
   * the revision the folded run began with, so the history can say which numbers it holds (newcomer s16 #5: "Version
   * 5, 2, 1" left a user looking for 3 and 4).
   */
  edit?: { fields: string; since: string; first?: number };
}

/**
 * Saves that change the same field(s) again within this long of the first are one version (newcomer s14 #15: eight
 * values tried in Flow settings > Language within a minute made eight versions, pushing the meaningful ones down).
 */
export const FOLD_VERSIONS_MS = 2 * 60_000;

/** The fields a save changed, as a fold key; null when it did more than change values (blocks, moves, connections). */
export function editedFields(d: FlowDiff): string | null {
  if (d.identical || d.blocks.added.length || d.blocks.removed.length || d.edges.added.length || d.edges.removed.length) return null;
  if (d.blocks.changed.some((c) => c.moved)) return null;
  const keys = [...d.blocks.changed.flatMap((c) => c.fields.map((f) => `${c.id}|${f.path}`)), ...d.document.map((f) => `$|${f.path}`)];
  return keys.length > 0 && keys.length <= 3 ? [...new Set(keys)].sort().join('\n') : null;
}

export interface FlowEntry {
  key: string;
  /** Absolute path of the flow file. */
  path: string;
  /** True when the file lives outside the home's flows/ folder (opened with `baton studio FILE`). */
  external: boolean;
  name: string;
  flowId: string;
  revision: number;
  /** Highest journal sequence number included in the saved file. */
  savedSeq: number;
  createdAt: string;
  savedAt: string;
  openedAt: string | null;
  versions: VersionInfo[];
  /**
   * Ids this flow had before its current one, newest first (session 37: an address saved while the id was B still opens
   * the flow after B became C; see renderer/studio/flowAddress.ts). Absent on entries written before session 37.
   */
  formerIds?: string[];
}

/** At most this many former ids are kept per flow (an address from further back opens the home screen's "not here"). */
export const FORMER_IDS_KEPT = 20;

/** Records that `e`'s id changes to `next` (no-op when it does not change). */
export function noteIdChange(e: FlowEntry, next: string): void {
  if (e.flowId === next) return;
  const former = [e.flowId, ...(e.formerIds ?? [])].filter((id, i, all) => id !== next && all.indexOf(id) === i);
  e.formerIds = former.slice(0, FORMER_IDS_KEPT);
}

export interface TrashEntry {
  trashId: string;
  key: string;
  name: string;
  deletedAt: string;
  /** Where the flow file was, to put it back. */
  path: string;
  external: boolean;
}

interface IndexData {
  format: 1;
  flows: FlowEntry[];
  trash: TrashEntry[];
  recent: string[];
  preferences: Record<string, unknown>;
}

export interface FlowSummary {
  key: string;
  name: string;
  description: string;
  flowId: string;
  revision: number;
  savedAt: string;
  openedAt: string | null;
  blocks: number;
  external: boolean;
  path: string;
  /** Ids the flow had before (FlowEntry.formerIds), newest first; empty when it never changed. */
  formerIds: string[];
  /** Set when the file on disk cannot be read as a flow (edited by hand, say). */
  problem?: string;
}

export interface JournalEntry {
  seq: number;
  /** immer patches turning the flow after `seq - 1` into the flow after `seq`. */
  patches?: Patch[];
  /** Or the whole flow after this edit (when the editor has no patches to give). */
  flow?: unknown;
  /** The editor tab that made the edit (its entries are dropped when another tab saves over its base). */
  tab?: string;
}

/** Optional concurrency guard of a save or journal append: the revision the editor's document is based on. */
export interface BaseGuard {
  baseRevision?: number;
  tab?: string;
}

/** What GET /api/flows/:key/disk answers: has the file changed on disk since the studio last wrote or loaded it? */
export interface DiskStatus {
  changed: boolean;
  /** The studio's revision of the flow (the one an editor based on it carries). */
  revision: number;
  path: string;
  /** Set when the file on disk cannot be read as a flow: where the error is. */
  problem?: string;
  /** When the file on disk was last modified (ISO time). */
  modifiedAt?: string;
  /**
   * With `problem`: what is at the path instead of a readable flow (hostile s12 #3): gone ('missing': Keep mine writes it
   * again), 'folder', 'not_a_file' (a pipe, socket, device), 'too_large', 'loop', 'linked' (a link to another flow's
   * file), 'unreadable', or 'invalid' (a file that is not a readable flow).
   */
  state?: 'missing' | 'folder' | 'not_a_file' | 'too_large' | 'loop' | 'linked' | 'unreadable' | 'invalid';
  /**
   * Newcomer s13 #7: the flow's path is a symbolic link, and this is the file it leads to. One rule: the studio reads and
   * saves the file a link leads to (a flow kept in a repository and linked into flows/), except when it leads to another
   * flow's file of this studio (state 'linked': refused) or nowhere / in a loop. The banner names the link with this.
   */
  linkTo?: string;
}

export interface OpenedFlow {
  key: string;
  flow: Flow;
  revision: number;
  /** The last journal sequence number now reflected in `flow` (the editor continues from the next one). */
  journalSeq: number;
  /** True when edits from the journal (made after the last save) were replayed. */
  recovered: boolean;
  /** How many journal entries were replayed. */
  replayed: number;
  problems: FlowProblem[];
  path: string;
  /**
   * Session 49 (ci6): set by GET /api/flows/:key, what the server worked out for the escalation vocabulary warnings of
   * this flow's phrases (shared/escalation/vocabularyWarnings.ts vocabularyMatchesOf); the page takes it before it first
   * validates the flow (primeVocabularyMatches), so it need not work it out again on every page load.
   */
  vocabularyMatches?: VocabularyMatches;
}

/** What is at a flow's path (FlowStore.readDisk): the file's text, or what it is instead and what to do about it. */
type DiskRead =
  | { kind: 'file'; file: FlowText }
  | { kind: 'missing' | 'folder' | 'not_a_file' | 'too_large' | 'loop' | 'linked' | 'unreadable'; status: number; problem: string; hint: string };

/** The flow file changed between the save's read and its rename (hostile s12 #1): the save starts again. */
class DiskMovedDuringSave extends Error {}

/** An error meant for the user: a status code, a sentence and what to do, and maybe problems to list. */
export class StudioError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint: string,
    readonly problems: FlowProblem[] = [],
  ) {
    super(message);
  }
}

const KEY = /^[a-z0-9][a-z0-9_-]{0,79}$/;

export function scenarioPathOf(flowPath: string): string {
  // One rule with `baton test` (shared/simulator/scenarioFormat.ts); a file kept under the older studio name is still found.
  const candidates = scenarioFileCandidates(flowPath);
  return candidates.find((c) => existsSync(c)) ?? candidates[0];
}

/** Copies a scenarios file for a flow with a new id (the file names the flow it tests); silent when there is none. */
/** 422: the scenarios path holds a folder, a named pipe, a socket or a device, which the studio neither reads nor replaces. */
function notAFile(path: string, folder: boolean): StudioError {
  return new StudioError(
    422,
    'scenarios_not_a_file',
    `${path} is ${folder ? 'a folder' : 'not a regular file (a named pipe, socket or device)'}, so the scenarios are neither read from nor written to it; nothing was changed.`,
    `Move or remove it (${folder ? 'rename the folder' : 'delete it'}); the studio writes the scenarios file itself when you save a scenario.`,
  );
}

async function copyScenarios(from: string, to: string, flowId: string): Promise<void> {
  // Regular files only (a named pipe would block for ever); an unreadable one is not copied.
  const bytes = await readRegularBytes(from).catch(() => null);
  if (bytes === null) return;
  const decoded = decodeUtf8Strict(bytes);
  // A file that is not valid UTF-8 is copied byte for byte (decoding it would turn its bad bytes into U+FFFD).
  if (!decoded.ok) return writeFile(to, bytes);
  const r = parseScenarioText(decoded.text);
  await writeFileAtomic(to, r.ok ? formatScenarioFile({ ...r.file, flow: flowId }) : decoded.text);
}

function withoutCanvasOnly(flow: Flow): Flow {
  const { notes: _notes, groups: _groups, ...rest } = flow as Flow & { notes?: unknown; groups?: unknown };
  return rest as Flow;
}

/**
 * The largest flow file the studio edits (newcomer s13 #6): what one save can send (the server's body limit). A larger
 * file on disk is said as too large (its size and this limit), never opened into an editor that could not save it.
 */
export const STUDIO_FLOW_MAX_BYTES = 32 * 1024 * 1024;

/** The scenario file limit shared with `baton test` (and the studio's PUT body limit). */
export const MAX_SCENARIO_BYTES = 32 * 1024 * 1024;

/** A scenarios file's revision: a hash of its bytes ("none" when there is no file). */
export function scenarioRevision(text: string | null): string {
  return text === null ? 'none' : createHash('sha256').update(text).digest('hex').slice(0, 20);
}

function scenarioProblem(p: { path: string; message: string; hint: string }): FlowProblem {
  return { severity: 'error', code: 'scenario', path: p.path, blockId: null, message: p.message, hint: p.hint };
}

/** At most 300 characters of a flow's description for the flow list. */
export function shortDescription(text: string): string {
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/** A file-name-safe key from a flow id or name: "Customer Support!" -> "customer-support". */
export function slugKey(s: string): string {
  return slugOf(s) || 'flow';
}

/** The folder holding the sample flows shipped with Baton (templates). */
export const defaultTemplatesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../flows');

export interface FlowStoreOptions {
  home: string;
  templatesDir?: string;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
  /** Tests: runs right before a save replaces the flow file (after keeping its new version) or the scenarios file: where an editor's write races it. */
  beforeFlowWrite?: (path: string) => Promise<void> | void;
}

export class FlowStore {
  readonly home: string;
  readonly templatesDir: string;
  private readonly now: () => Date;
  private readonly beforeFlowWrite: FlowStoreOptions['beforeFlowWrite'];
  private db!: Low<IndexData>;
  private queues = new Map<string, Promise<unknown>>();
  /** Which editor tab saved each recent revision (in memory: a tab is a page of this server process). */
  private revisionTabs = new Map<string, Map<number, string>>();

  private constructor(opts: FlowStoreOptions) {
    this.home = resolve(opts.home);
    this.templatesDir = opts.templatesDir ?? defaultTemplatesDir;
    this.now = opts.now ?? (() => new Date());
    this.beforeFlowWrite = opts.beforeFlowWrite;
  }

  static async open(opts: FlowStoreOptions): Promise<FlowStore> {
    const store = new FlowStore(opts);
    await store.init();
    return store;
  }

  private dir(...parts: string[]) {
    return join(this.home, ...parts);
  }

  private async init() {
    for (const d of ['flows', 'journal', 'history', 'trash']) await mkdir(this.dir(d), { recursive: true });
    const defaults: IndexData = { format: 1, flows: [], trash: [], recent: [], preferences: {} };
    // Built by hand (not lowdb's presets) so the index is a real file in tests too.
    this.db = new Low<IndexData>(new JSONFile<IndexData>(this.dir('studio.json')), defaults);
    try {
      await this.db.read();
    } catch {
      // A damaged index is rebuilt from the flow files (they are the truth); keep the damaged one aside.
      await rename(this.dir('studio.json'), this.dir(`studio.damaged-${Date.now()}.json`)).catch(() => {});
      this.db.data = structuredClone(defaults);
    }
    this.db.data ??= structuredClone(defaults);
    const d = this.db.data;
    d.flows ??= [];
    d.trash ??= [];
    d.recent ??= [];
    d.preferences ??= {};
    await this.scanFlowsFolder();
    await this.db.write();
  }

  /** Files put into flows/ by hand (or left by an older index) join the index. */
  private async scanFlowsFolder() {
    const files = (await readdir(this.dir('flows'))).filter((f) => f.endsWith('.json') && !f.startsWith('.'));
    const known = new Set(this.db.data.flows.map((f) => f.path));
    for (const file of files) {
      const path = this.dir('flows', file);
      if (known.has(path)) continue;
      const key = basename(file, '.json');
      if (!KEY.test(key) || this.entry(key)) continue;
      const text = await readRegularFile(path, MAX_FLOW_FILE_BYTES).catch((err: Error) => (err instanceof NotRegularFileError ? null : ''));
      if (text === null) continue; // a named pipe or device: never opened for a blocking read
      const loaded = loadFlowText(text);
      const at = this.now().toISOString();
      this.db.data.flows.push({
        key,
        path,
        external: false,
        name: loaded.flow?.name ?? key,
        flowId: loaded.flow?.id ?? key,
        revision: 1,
        savedSeq: 0,
        createdAt: at,
        savedAt: at,
        openedAt: null,
        versions: [],
      });
    }
    // Entries whose file vanished (deleted by hand) leave the index.
    this.db.data.flows = this.db.data.flows.filter((f) => existsSync(f.path));
  }

  private entry(key: string): FlowEntry | undefined {
    return this.db.data.flows.find((f) => f.key === key);
  }

  /**
   * Hostile s9 #2: a save or journal append queued behind a delete of its flow (an autosave in flight while another tab
   * deletes it) must not write: it would put a ghost file and history back into the live folders, and the deleted flow
   * would come back at the next start. Checked at the start of the serial section, where the delete has finished.
   */
  private stillThere(key: string, e: FlowEntry): void {
    if (this.entry(key) === e) return;
    throw new StudioError(
      404,
      'no_such_flow',
      `The flow "${key}" was deleted (or replaced) while this change was on its way, so it was not written.`,
      'Your edits are kept in this browser; restore the flow from the trash to keep working on it.',
    );
  }

  private need(key: string): FlowEntry {
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw new StudioError(400, 'bad_key', `"${String(key).slice(0, 100)}" is not a flow key.`, 'Flow keys are lowercase letters, digits, - and _ (see GET /api/flows).');
    }
    const e = this.entry(key);
    if (!e) throw new StudioError(404, 'no_such_flow', `There is no flow "${key}" in this studio.`, 'It may have been deleted (see the trash) or never created; GET /api/flows lists the flows.');
    return e;
  }

  /** Runs `fn` after every earlier operation on `key` finished. */
  private serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(key) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => {});
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return run;
  }

  /**
   * A flow key no flow of this home has: `wanted` as a key, else numbered. Newcomer s17 N#13: the key (the public chat
   * address, the export's file name) and the name got different numbers ("(2)" at insurance-claims-4, "(4)" at
   * insurance-claims-4-2). A taken key ending in "-N" (N up to 999, a copy's number, not a year) is numbered on its
   * base, as names are; `number` (the number the name got, "(4)") is taken when free, else the next free one after it.
   */
  private freeKey(wanted: string, number?: number, sourceName?: string): string {
    const slug = slugKey(wanted);
    // Newcomer s40 N4: a key another flow has as its id is taken too. A blank flow renamed "Test Shop Support" keeps its
    // key untitled-flow with the id test-shop-support; its export imported back took the key test-shop-support and kept
    // that id, so both flows had one chat address and the copy took the address the original's tab showed.
    const taken = (k: string) => this.db.data.flows.some((e) => e.key === k || e.flowId === k) || existsSync(this.dir('flows', `${k}.json`));
    if (!taken(slug)) return slug;
    // A key's "-N" is a copy number only when the flow's own name is numbered ("Harbor (2)" at insurance-claims-4):
    // "Top 10" imported twice is top-10-2, not top-2 (session 17 review).
    const numbered = sourceName !== undefined && / \(\d{1,15}\)$/.test(sourceName.trim()) ? /^(.*[a-z0-9_])-(\d{1,3})$/.exec(slug) : null;
    const base = numbered ? numbered[1]! : slug;
    const at = (n: number) => `${base}-${n}`;
    if (number !== undefined && number >= 2 && !taken(at(number))) return at(number);
    const from = Math.max(2, numbered ? Number(numbered[2]) + 1 : 2, number !== undefined ? number + 1 : 2);
    for (let n = from; ; n++) if (!taken(at(n))) return at(n);
  }

  /** The number a name ends in (" (4)"), for its key to match. */
  private static nameNumber(name: string): number | undefined {
    const m = / \((\d{1,15})\)$/.exec(name.trim());
    return m ? Number(m[1]) : undefined;
  }

  /**
   * A flow name no flow of this home has: `wanted`, else "wanted (2)", "(3)"... Newcomer s14 N#2: a file imported
   * beside the flow it came from (a read-only window's "Download my changes", an export imported back) was listed
   * under the same name as that flow, told apart only by the grey id line. Within the schema's 200 characters.
   */
  private freeName(wanted: string, from = 2): string {
    const taken = new Set(this.db.data.flows.map((e) => e.name.trim()));
    if (from <= 2 && !taken.has(wanted.trim())) return wanted;
    // Hostile s16 H#26: a name that already ends in " (N)" is numbered on its base: a copy of "Untitled flow (20)" is
    // "Untitled flow (21)" (the next free number after N), not "Untitled flow (20) (2)". Hostile s18 #29: up to 15
    // digits (9 made "X (1000000000)" the last copy numbered on its base).
    const numbered = /^(.*\S) \((\d{1,15})\)$/.exec(wanted.trim());
    if (numbered) {
      const base = numbered[1]!;
      for (let n = Math.max(Number(numbered[2]) + 1, from); ; n++) {
        const tail = ` (${n})`;
        const name = `${cutUnits(base, 200 - tail.length)}${tail}`;
        if (!taken.has(name)) return name;
      }
    }
    for (let n = from; ; n++) {
      const tail = ` (${n})`;
      const name = `${cutUnits(wanted.trim(), 200 - tail.length)}${tail}`;
      if (!taken.has(name)) return name;
    }
  }

  /**
   * A free name and key for a new flow, numbered alike (newcomer s18 #4: a file imported as "Harbor (2)" got the key
   * harbor-5 when harbor-2 to -4 were taken by flows named otherwise): the first number free as a name and as a key.
   */
  private freeNameAndKey(wantedName: string, wantedKey: string): { name: string; key: string } {
    let name = this.freeName(wantedName);
    if (name === wantedName) return { name, key: this.freeKey(wantedKey, undefined, wantedName) };
    for (let tries = 0; ; tries++) {
      const n = FlowStore.nameNumber(name)!;
      const key = this.freeKey(wantedKey, n, wantedName);
      if (key === slugKey(wantedKey) || key.endsWith(`-${n}`) || tries >= 1000) return { name, key };
      name = this.freeName(wantedName, n + 1);
    }
  }

  /* ------------------------------------------------------------------ reading */

  async list(): Promise<FlowSummary[]> {
    const out: FlowSummary[] = [];
    for (const e of this.db.data.flows) {
      const loaded = await this.readForList(e.path);
      const text = loaded === null ? null : '';
      const s: FlowSummary = {
        key: e.key,
        name: loaded?.flow?.name ?? e.name,
        // The home screen shows a line of it: a long description is not sent whole with every list (hostile s9 #5).
        description: shortDescription(loaded?.flow?.description ?? ''),
        flowId: e.flowId,
        revision: e.revision,
        savedAt: e.savedAt,
        openedAt: e.openedAt,
        blocks: loaded?.flow?.blocks.length ?? 0,
        external: e.external,
        path: e.path,
        formerIds: e.formerIds ?? [],
      };
      if (text === null) s.problem = 'The file cannot be read.';
      else if (!loaded?.flow) s.problem = loaded?.problems[0]?.message ?? 'The file is not a flow.';
      out.push(s);
    }
    const recentRank = new Map(this.db.data.recent.map((k, i) => [k, i]));
    return out.sort((a, b) => {
      const ra = recentRank.get(a.key) ?? Infinity;
      const rb = recentRank.get(b.key) ?? Infinity;
      if (ra !== rb) return ra - rb;
      return b.savedAt.localeCompare(a.savedAt);
    });
  }

  /** What the flow list needs from a file, re-read only when the file changed (size or time). */
  private listCache = new Map<string, { stamp: string; loaded: ReturnType<typeof loadFlowText> }>();
  private async readForList(path: string): Promise<ReturnType<typeof loadFlowText> | null> {
    const info = await stat(path).catch(() => null);
    if (!info || !info.isFile()) return null;
    const stamp = `${info.mtimeMs}:${info.size}`;
    const hit = this.listCache.get(path);
    if (hit?.stamp === stamp) return hit.loaded;
    if (info.size > STUDIO_FLOW_MAX_BYTES) {
      // Listed with the reason, never read (hostile s9 #5), at the limit the editor opens (newcomer s13 #6 rest: the
      // list said "too large" only above 64 MB while a flow over 32 MB refused to open).
      const why = new FileTooLargeError(path, info.size, STUDIO_FLOW_MAX_BYTES);
      const tooLarge: ReturnType<typeof loadFlowText> = {
        ok: false,
        flow: null,
        problems: [{ severity: 'error', code: 'file_too_large', path: '$', blockId: null, message: `Too large to open: ${why.message}.`, hint: 'A flow file is a few hundred KB; check what made it grow (a pasted text), or remove it from the flows folder.' }],
      };
      return tooLarge;
    }
    const text = await readRegularFile(path).catch(() => null);
    if (text === null) return null;
    const loaded = loadFlowText(text);
    this.listCache.set(path, { stamp, loaded });
    return loaded;
  }

  recent(): { key: string; name: string; path: string }[] {
    return this.db.data.recent
      .map((k) => this.entry(k))
      .filter((e): e is FlowEntry => e !== undefined)
      .map((e) => ({ key: e.key, name: e.name, path: e.path }));
  }

  private async touchRecent(key: string): Promise<void> {
    this.db.data.recent = [key, ...this.db.data.recent.filter((k) => k !== key)].slice(0, MAX_RECENT);
    await this.db.write();
  }

  /** Empties the recent-files list (the desktop menu's "Clear Recent"). */
  async clearRecent(): Promise<void> {
    this.db.data.recent = [];
    await this.db.write();
  }

  private templateCache: { key: string; list: { id: string; name: string; description: string; blocks: number }[] } | null = null;
  /** The reading under way, by the folder's stamp: a second call meanwhile waits for it instead of reading again. */
  private templateReading: { key: string; list: Promise<{ id: string; name: string; description: string; blocks: number }[]> } | null = null;

  /** The sample flows offered as templates (read once, again only when the folder's files change). */
  async templates(): Promise<{ id: string; name: string; description: string; blocks: number }[]> {
    const files = (await readdir(this.templatesDir).catch(() => [] as string[])).filter((f) => f.endsWith('.json') && !f.endsWith('.scenarios.json')).sort();
    const stamps = await Promise.all(files.map((f) => stat(join(this.templatesDir, f)).then((s) => `${f}:${s.mtimeMs}:${s.size}`, () => f)));
    const cacheKey = stamps.join('|');
    if (this.templateCache?.key === cacheKey) return this.templateCache.list;
    if (this.templateReading?.key === cacheKey) return this.templateReading.list;
    const list = (async () => {
      const out = [];
      for (const f of files) {
        const loaded = loadFlowText(await readFile(join(this.templatesDir, f), 'utf8'));
        if (loaded.flow) out.push({ id: basename(f, '.json'), name: loaded.flow.name, description: loaded.flow.description, blocks: loaded.flow.blocks.length });
      }
      this.templateCache = { key: cacheKey, list: out };
      return out;
    })();
    this.templateReading = { key: cacheKey, list };
    try {
      return await list;
    } finally {
      if (this.templateReading?.list === list) this.templateReading = null;
    }
  }

  /**
   * Session 43 (studio5, newcomer s42 N8): the templates as last read, without touching the disk (null before the first
   * reading ends): the studio page is sent with them, so the home screen shows them at once.
   */
  templatesAsRead(): { id: string; name: string; description: string; blocks: number }[] | null {
    return this.templateCache?.list ?? null;
  }

  /** Reads a flow file as it is on disk (no journal). */
  private async readSaved(e: FlowEntry): Promise<{ flow: Flow; problems: FlowProblem[]; text: string; file: FlowText }> {
    const disk = await this.readDisk(e, true).then((d) => (d.kind === 'linked' ? this.readDiskThroughLink(e) : d));
    if (disk.kind !== 'file') {
      // Hostile s12 #4: "a folder" is said as a folder (it was "a named pipe, socket or device").
      throw new StudioError(
        disk.kind === 'missing' ? 404 : disk.status,
        disk.kind === 'missing' ? 'file_missing' : disk.kind === 'too_large' ? 'file_too_large' : 'file_unreadable',
        `The file of flow "${e.key}" (${e.path}) cannot be read: ${disk.problem}.`,
        disk.kind === 'missing' ? 'Put the file back, or restore the flow from the trash or its version history; in an open editor, Keep mine writes the studio\'s version to it again.' : disk.hint,
      );
    }
    const text = disk.file.text;
    const file = disk.file;
    const loaded = file.loaded;
    if (!loaded.flow) {
      throw new StudioError(
        422,
        'file_invalid',
        `The file of flow "${e.key}" (${e.path}) is not a readable flow; it was probably edited by hand.`,
        'Fix the problems listed (the file was not changed), or restore an earlier version from the history.',
        loaded.problems,
      );
    }
    return { flow: loaded.flow, problems: loaded.problems, text, file };
  }

  private async readJournal(key: string): Promise<JournalEntry[]> {
    // Hostile s13 #13: a named pipe at the journal path blocked a libuv thread in open() (four froze the studio), and a
    // folder there read as an empty journal and made the next append 500. Regular files only, never a blocking open.
    const path = this.dir('journal', `${key}.jsonl`);
    const text = await readRegularFile(path).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return '';
      if (err instanceof NotRegularFileError || err.code === 'EISDIR') throw await this.journalNotAFile(path);
      throw err;
    });
    const out: JournalEntry[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const e = JSON.parse(line) as JournalEntry;
        if (typeof e.seq === 'number') out.push(e);
      } catch {
        // A line torn by a crash mid-append is the last one; everything before it is intact.
        break;
      }
    }
    return out;
  }

  /** 422: something other than a regular file at a flow's journal path (hostile s13 #13): said, never read or written. */
  private async journalNotAFile(path: string): Promise<StudioError> {
    const folder = await stat(path).then((st) => st.isDirectory(), () => false);
    return new StudioError(
      422,
      'journal_not_a_file',
      `The studio's journal of this flow, ${path}, is ${folder ? 'a folder' : 'a named pipe, socket or device'}, not a regular file, so unsaved edits cannot be kept there; nothing was changed.`,
      `Move it away (mv "${path}" "${path}.moved"), then try again: the studio writes the journal itself. The flow file itself is not affected.`,
    );
  }

  /**
   * Replays journal entries after the saved sequence number on top of the saved flow. Patches are applied
   * one after the other and the result is validated once; if it does not validate (a bug wrote a bad edit),
   * the longest prefix of edits that does is kept (binary search: a few validations, not one per edit).
   */
  private replay(key: string, saved: Flow, savedSeq: number, entries: JournalEntry[]): { flow: Flow; seq: number; replayed: number; problems: FlowProblem[] } {
    const todo = entries.filter((x) => x.seq > savedSeq).sort((a, b) => a.seq - b.seq);
    const states: unknown[] = [saved];
    let failure: { seq: number; why: string } | null = null;
    for (const e of todo) {
      try {
        if (e.flow !== undefined) states.push(e.flow);
        else if (Array.isArray(e.patches)) states.push(applyPatches(states[states.length - 1] as object, e.patches));
        else throw new Error('the entry has neither patches nor a flow');
      } catch (err) {
        failure = { seq: e.seq, why: (err as Error).message };
        break;
      }
    }
    // states[i] is the flow after i edits; find the largest i whose flow validates.
    const check = (i: number) => validateFlow(states[i]).flow;
    let good = states.length - 1;
    let flow = good > 0 ? check(good) : saved;
    if (!flow) {
      let lo = 0;
      let hi = good - 1;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (check(mid)) lo = mid;
        else hi = mid - 1;
      }
      failure ??= { seq: todo[lo].seq, why: validateFlow(states[lo + 1]).problems[0]?.message ?? 'not a flow' };
      good = lo;
      flow = lo === 0 ? saved : check(lo)!;
    }
    const problems: FlowProblem[] = failure
      ? [
          {
            severity: 'warning',
            code: 'journal_replay_stopped',
            path: '$',
            blockId: null,
            message: `Replaying unsaved edit #${failure.seq} failed (${failure.why}); the ${good} edit${good === 1 ? '' : 's'} before it were recovered.`,
            hint: `The edits after it stay in ${this.dir('journal', `${key}.jsonl`)} until the next save; copy that file if you need them.`,
          },
        ]
      : [];
    return { flow, seq: good > 0 ? todo[good - 1].seq : savedSeq, replayed: good, problems };
  }

  /** Opens a flow for editing: the saved file plus any edits from the journal (a crash recovery). */
  open(key: string): Promise<OpenedFlow> {
    const e = this.need(key);
    return this.serial(key, async () => {
      const saved = await this.readSaved(e);
      // The studio needs the text it loaded to notice a later change on disk (newcomer s11 #17): a file found in the
      // flows folder without any version gets its first one now.
      if (!e.versions.some((v) => v.revision === e.revision)) await this.keepVersion(e, e.revision, saved.text, this.now().toISOString(), 'opened in the studio');
      const journal = await this.readJournal(key);
      const moved = await this.journalOnChangedFile(key, e, saved.file, journal);
      if (moved) {
        e.openedAt = this.now().toISOString();
        this.db.data.recent = [key, ...this.db.data.recent.filter((k) => k !== key)].slice(0, MAX_RECENT);
        await this.db.write();
        return { key, flow: saved.flow, revision: e.revision, journalSeq: e.savedSeq, recovered: false, replayed: 0, problems: [moved, ...saved.problems], path: e.path };
      }
      const r = this.replay(key, saved.flow, e.savedSeq, journal);
      e.openedAt = this.now().toISOString();
      this.db.data.recent = [key, ...this.db.data.recent.filter((k) => k !== key)].slice(0, MAX_RECENT);
      await this.db.write();
      const problems = r.replayed > 0 ? validateFlow(r.flow).problems : saved.problems;
      return {
        key,
        flow: r.flow,
        revision: e.revision,
        journalSeq: Math.max(r.seq, e.savedSeq, ...journal.map((j) => j.seq)),
        recovered: r.replayed > 0,
        replayed: r.replayed,
        problems: [...r.problems, ...problems],
        path: e.path,
      };
    });
  }

  /**
   * Hostile s9 #10: journaled edits are patches by position (blocks[5], options[2]) made on the version the studio
   * last wrote. When the file on disk differs from that version (git pull, an editor) they would land on other blocks,
   * so they are not replayed onto it. Both are kept instead: the edits are replayed onto the version they were made
   * on and kept as a version of their own, the file on disk becomes the latest version (as it is, nothing applied),
   * the journal is emptied, and the returned warning says which version holds the edits. Null: nothing to do (no
   * pending edits, or the file is still the one the studio wrote, or that version is not in the history).
   */
  private async journalOnChangedFile(key: string, e: FlowEntry, disk: FlowText, journal: JournalEntry[]): Promise<FlowProblem | null> {
    const pending = journal.filter((x) => x.seq > e.savedSeq);
    if (pending.length === 0) return null;
    const lastWritten = await this.lastWritten(e);
    if (lastWritten === null || lastWritten.sameContent(disk)) return null;
    const base = lastWritten.loaded.flow;
    if (!base) return null;
    const baseRevision = e.revision;
    const r = this.replay(key, base, e.savedSeq, journal);
    const at = this.now().toISOString();
    const diskAt = await stat(e.path).then((st) => st.mtime.toISOString()).catch(() => at);
    const lastSeq = Math.max(e.savedSeq, ...journal.map((j) => j.seq));
    let editsRevision: number | null = null;
    if (r.replayed > 0) {
      editsRevision = baseRevision + 1;
      const text = formatFlowFile(r.flow);
      const what = diffFlows(base, JSON.parse(text)).summary;
      await this.keepVersion(e, editsRevision, text, at, `unsaved edits recovered after the studio stopped (${r.replayed} edit${r.replayed === 1 ? '' : 's'}: ${what}), made on version ${baseRevision}; not applied to the file, which had changed on disk`);
    }
    const diskRevision = (editsRevision ?? baseRevision) + 1;
    await this.keepVersion(e, diskRevision, disk.text, diskAt, 'changed outside the studio (the file on disk when unsaved edits were found; kept as it is)');
    e.revision = diskRevision;
    e.savedSeq = lastSeq;
    await this.db.write();
    // Edits after one that could not be replayed are not lost with the journal: its copy stays beside the versions.
    let stopped = '';
    if (r.problems.length) {
      const copy = this.dir('history', e.key, `unreplayed-journal-${at.replace(/[:.]/g, '-')}.jsonl`);
      await writeFileAtomic(copy, journal.map((x) => JSON.stringify(x)).join('\n') + '\n');
      stopped = ` ${r.problems[0].message.replace(/;.*$/, '')}; every journaled edit is kept in ${copy}.`;
    }
    await this.trimJournal(key, e.savedSeq);
    return {
      severity: 'warning',
      code: 'journal_base_changed',
      path: '$',
      blockId: null,
      message:
        editsRevision !== null
          ? `The flow file changed on disk (${e.path}) while edits made in the studio were not saved yet (the studio or its tab was closed), so the edits were not applied to it (they would have landed on other blocks). They are kept as version ${editsRevision} (your edits on version ${baseRevision}); the editor shows the file as it is now (version ${diskRevision}).${stopped}`
          : `The flow file changed on disk (${e.path}) while edits made in the studio were not saved yet (the studio or its tab was closed), and none of those edits could be replayed.${stopped} The editor shows the file as it is now (version ${diskRevision}).`,
      hint:
        editsRevision !== null
          ? `Open Version history to compare version ${editsRevision} with version ${diskRevision}; restore ${editsRevision} to use your edits instead, or redo them here.`
          : 'Redo the edits if you still need them.',
    };
  }

  /* ------------------------------------------------------------------ writing */

  /** Appends edits to the flow's journal (durably: fsynced before this resolves). */
  appendJournal(key: string, entries: JournalEntry[], guard: BaseGuard = {}): Promise<{ journalSeq: number; skipped?: number }> {
    const e = this.need(key);
    if (!Array.isArray(entries) || entries.some((x) => typeof x !== 'object' || x === null || !Number.isInteger(x.seq) || (x.patches === undefined && x.flow === undefined))) {
      throw new StudioError(400, 'bad_journal', 'Journal entries must be { seq: integer, patches: [...] } or { seq, flow }.', 'Send the edits as the studio client does (renderer/studio/api/studioApi.ts).');
    }
    this.checkGuard(key, guard);
    return this.serial(key, async () => {
      this.stillThere(key, e);
      this.checkGuard(key, guard);
      // Idempotent: an entry already on disk (a retry after a lost answer) or already saved is skipped, so a
      // patch is never applied twice on replay.
      const onDisk = await this.readJournal(key);
      // An entry numbered far beyond the clock would itself become the bound every later edit is "skipped" under.
      this.checkSeqBound(e, onDisk, Math.max(0, ...entries.map((x) => x.seq)), 'these journal entries were refused');
      let high = Math.max(e.savedSeq, ...onDisk.map((x) => x.seq));
      const fresh: JournalEntry[] = [];
      const seen = new Set(onDisk.map((x) => x.seq));
      let skipped = 0;
      for (const x of [...entries].sort((a, b) => a.seq - b.seq)) {
        if (x.seq > high) {
          fresh.push(x);
          high = x.seq;
        } else if (!seen.has(x.seq)) skipped++;
      }
      if (fresh.length > 0) {
        // Hostile s13 #16: journal/ deleted while the studio runs (rm -rf, a cleanup script): made again, never a 500.
        await mkdir(this.dir('journal'), { recursive: true });
        await appendLineDurable(this.dir('journal', `${key}.jsonl`), fresh.map((x) => JSON.stringify({ seq: x.seq, ...(typeof guard.tab === 'string' ? { tab: guard.tab } : {}), ...(x.patches ? { patches: x.patches } : { flow: x.flow }) })).join('\n'));
      }
      // Entries neither kept nor already on disk: a save already includes them (their seq is at or below
      // the saved one). Said in the answer, so no edit is acknowledged as journaled when it was not.
      return { journalSeq: high, ...(skipped ? { skipped } : {}) };
    });
  }

  /**
   * The highest journal sequence number a request may name (hostile report s12; s13 #3: take-disk had no bound): the
   * studio numbers entries from the clock (Date.now() + 1 per edit), so anything beyond "now + 1 day" (and beyond the
   * journal) is refused 409 with nothing changed: accepted, it would make every later edit be acknowledged and dropped.
   */
  private checkSeqBound(e: FlowEntry, onDisk: JournalEntry[], seq: number, what: string): void {
    const last = Math.max(e.savedSeq, ...onDisk.map((j) => j.seq));
    if (seq <= Math.max(last, this.now().getTime() + 24 * 3600 * 1000)) return;
    throw new StudioError(
      409,
      'journal_seq_ahead',
      `"journalSeq" ${seq} is beyond the flow's journal (its last entry is ${last}), so ${what}: accepting it would drop the edits journaled after it. Nothing on disk changed.`,
      'Send the seq of the last journal entry this document includes (the studio client numbers entries from the clock); reload the flow if unsure.',
    );
  }

  /** Validates the document as the schema sees it; semantic problems do not block a save (work in progress). */
  private checkDocument(doc: unknown, what: string): { flow: Flow; problems: FlowProblem[] } {
    const checked = validateFlow(doc);
    if (!checked.flow) {
      throw new StudioError(
        422,
        'invalid_flow',
        `${what} is not a valid flow document, so it was not written; nothing on disk changed.`,
        'Fix the problems listed. In the studio this means an edit produced a broken document: please report it; your edits are kept in the journal.',
        checked.problems,
      );
    }
    return { flow: checked.flow, problems: checked.problems };
  }

  /**
   * Saves the flow atomically. `journalSeq` is the last journal entry the document includes: those entries
   * leave the journal, later ones (edits made while this save was in flight) stay. The previous content
   * becomes a version in the history. Saving the same bytes again is a no-op (no new version).
   */
  save(
    key: string,
    doc: unknown,
    journalSeq: number,
    opts: { restoredFrom?: number; overwriteDisk?: boolean; replacing?: number } & BaseGuard = {},
  ): Promise<{ revision: number; savedAt: string; changed: boolean; problems: FlowProblem[]; warnings?: string[] }> {
    const e = this.need(key);
    if (!Number.isSafeInteger(journalSeq) || journalSeq < 0) {
      throw new StudioError(400, 'bad_journal_seq', '"journalSeq" must be a whole number (the last journal entry this save includes, 0 for none).', 'Send { flow, journalSeq }.');
    }
    // Session 16 (s13 newcomer #9 rest): a stale window's "Replace with mine" saves its document over the version another
    // window saved, after a confirmation that named what it undoes. It names that version (`replacing`), which must be the
    // latest (else 409 stale_revision, as any save: the confirmation described another version) and stays a version of
    // its own: this save never folds into it.
    if (opts.replacing !== undefined && (!Number.isSafeInteger(opts.replacing) || opts.replacing < 1 || opts.baseRevision !== opts.replacing)) {
      throw new StudioError(400, 'bad_replacing', '"replacing" must be the revision this save replaces, the same number as "baseRevision".', 'Send the latest revision (GET /api/flows/:key/disk) as both.');
    }
    this.checkGuard(key, opts);
    const { flow, problems } = this.checkDocument(doc, 'The flow sent to save');
    // The id Flow settings refuses is refused here too (a script or a stale tab): two flows with one id cannot be
    // served together (baton serve refuses them). Only a change of id is checked, so older twins still save.
    const twin = flow.id === e.flowId ? undefined : this.db.data.flows.find((f) => f.key !== key && f.flowId === flow.id);
    if (twin) {
      throw new StudioError(
        422,
        'flow_id_taken',
        `Another flow in this studio, "${twin.name}", already has the id ${flow.id}, so this save was not written; nothing on disk changed.`,
        'Choose another id in Flow settings > General (your edits are kept in the journal).',
      );
    }
    return this.serial(key, async () => {
      this.stillThere(key, e);
      this.checkGuard(key, opts);
      // A save names the last journal entry it includes; entries up to it leave the journal and later appends
      // at or below it are skipped. The studio numbers entries from the clock (Date.now() + 1 per edit), and a
      // save may include edits whose append is still in flight, so journalSeq may run a little ahead of the
      // journal, but never beyond "now + 1 day": a far-off number (1e308) would make every later edit be
      // acknowledged and dropped (hostile report), so it is refused and nothing is written.
      const onDisk = await this.readJournal(key);
      this.checkSeqBound(e, onDisk, journalSeq, 'this save was refused');
      const text = formatFlowFile(flow);
      const warnings: string[] = [];
      // Hostile s12 #1: the file is read, the new version is kept (fsync), then the file is replaced; an editor's write in
      // between was lost (not on disk, not in the history). The file is checked again right before the rename: when it
      // changed, nothing is written and the save starts again from what is on disk now, so that edit is either refused
      // (409 changed_on_disk, an editor's save) or kept as a version (a script's save, Keep mine), never lost.
      let changed = false;
      let revision = 0;
      let savedAt = '';
      for (let attempt = 1; ; attempt++) {
        const disk = await this.readDisk(e);
        // Hostile s12 #2-#5: a pipe, a folder, a link loop, a link to another flow's file, a file too large: never read
        // with a blocking open, never written over or through; the answer says what it is and what to do.
        if (disk.kind !== 'file' && disk.kind !== 'missing') throw this.cannotWriteError(e, disk);
        const current = disk.kind === 'file' ? disk.file : null;
        const currentText = current?.text ?? null;
        changed = currentText !== text;
        if (!changed) break;
        // Hostile s12 #3: the file was deleted on disk (rm, a git checkout without it) after the studio loaded it: an
        // editor's save does not silently recreate it; Keep mine (overwriteDisk) does.
        if (current === null && e.versions.some((v) => v.revision === e.revision) && opts.baseRevision !== undefined && opts.overwriteDisk !== true) {
          throw this.changedOnDiskError(e, disk);
        }
        if (current === null && e.versions.length > 0) warnings.push(`The flow file ${e.path} no longer existed on disk; it was written again.`);
        const previous = current !== null ? current.json : null;
        // The first save of a file not yet in the history records its starting point as a version too.
        if (current !== null && e.versions.length === 0) await this.keepVersion(e, e.revision, current.text, e.savedAt, 'first version kept by the studio');
        // Hostile s9 #1: the file was changed outside the studio (an editor, git) since the studio last wrote it (its
        // latest version in the history): that content becomes a version of its own before the studio's save replaces
        // it, so "the previous content is in the history" holds for a hand edit too.
        else if (current !== null && e.versions.some((v) => v.revision === e.revision)) {
          const lastWritten = await this.lastWritten(e);
          if (lastWritten !== null && !lastWritten.sameContent(current)) {
            // Newcomer s11 #17: an editor's save (it carries the revision it is based on) does not overwrite a file
            // changed on disk since the studio loaded it unless the designer chose "Keep mine" (overwriteDisk).
            if (opts.baseRevision !== undefined && opts.overwriteDisk !== true) throw this.changedOnDiskError(e, current);
            const outside = e.revision + 1;
            const at = await stat(e.path).then((st) => st.mtime.toISOString()).catch(() => this.now().toISOString());
            await this.keepVersion(e, outside, current.text, at, 'changed outside the studio (the file as it was on disk before the studio saved over it)');
            e.revision = outside;
            // Not another tab's work: the saving tab's later requests based on the revision before it stay valid.
            if (typeof opts.tab === 'string') {
              const by = this.revisionTabs.get(key) ?? new Map<number, string>();
              by.set(outside, opts.tab);
              this.revisionTabs.set(key, by);
            }
            warnings.push(`The flow file was changed outside the studio since its last save; that content is kept as version ${outside} in the history (Version history), and this save is version ${outside + 1}.`);
          }
        }
        // The new version is written to the history BEFORE the flow file is replaced: on a full disk the save
        // fails with nothing changed (before, the file was replaced and then the history write answered 507
        // "nothing changed", which was false). If replacing the file fails, the version is taken back.
        revision = e.revision + 1;
        savedAt = this.now().toISOString();
        const diff = opts.restoredFrom !== undefined ? null : diffFlows(previous, JSON.parse(text));
        let summary = diff === null ? `restored version ${opts.restoredFrom}` : diff.summary;
        const fields = diff === null ? null : editedFields(diff);
        // Newcomer s14 #15: the same field(s) changed again soon after the latest version, which changed only them: one
        // version for the run (the latest is dropped once this one is on disk), described against the version before it.
        const fold = fields === null || opts.replacing !== undefined ? null : await this.foldInto(e, fields, savedAt, JSON.parse(text));
        if (fold) summary = fold.summary;
        if (opts.replacing !== undefined) summary = `${summary}; replaced version ${opts.replacing} (saved in another window, kept in the history)`;
        await this.keepVersion(e, revision, text, savedAt, summary, opts.restoredFrom, fields === null || opts.replacing !== undefined ? undefined : { fields, since: fold?.since ?? savedAt, ...(fold ? { first: fold.first } : {}) });
        try {
          // Hostile s13 #16: the flow's folder is gone too (rm -rf flows/, a git checkout that removed an external flow's
          // folder): Keep mine (or a script's save) creates it again and says so; it was a 500 from the temp file's open.
          if (current === null) {
            const made = await this.folderMadeAgain(e.path);
            if (made) warnings.push(`The folder ${made} no longer existed; it was created again to write the flow file.`);
          }
          await this.beforeFlowWrite?.(e.path);
          await writeFileAtomic(e.path, text, {
            beforeRename: async (target) => {
              // Hostile s13 #4: the file the rename replaces (chosen before the temp file was written) must still be where
              // the path leads, and must not be another flow's file: a link swapped in and out between the two looks
              // wrote this flow into another flow's file (13 of 150 saves).
              if ((await realpath(e.path).catch(() => e.path)) !== target) throw new DiskMovedDuringSave();
              if (await this.otherFlowAt(e, target)) throw new DiskMovedDuringSave();
              if (!(await this.stillAsRead(e, currentText))) throw new DiskMovedDuringSave();
            },
          });
        } catch (err) {
          e.versions = e.versions.filter((v) => v.revision !== revision);
          await rm(this.dir('history', e.key, `${revision}.json`), { force: true }).catch(() => {});
          if (err instanceof DiskMovedDuringSave) {
            if (attempt < 3) continue;
            throw new StudioError(
              409,
              'changed_on_disk',
              `The flow file ${e.path} is not the one the studio loaded: it kept changing on disk while the studio was saving (an editor or a script is writing it), so this save was refused and nothing on disk changed.`,
              'Stop the other program writing the file, then choose Reload or Keep mine.',
            );
          }
          if ((err as NodeJS.ErrnoException).code === 'EISDIR') throw this.cannotWriteError(e, await this.readDisk(e));
          throw err;
        }
        if (fold) {
          e.versions = e.versions.filter((v) => v.revision !== fold.drop);
          await rm(this.dir('history', e.key, `${fold.drop}.json`), { force: true }).catch(() => {});
        }
        break;
      }
      if (changed) {
        e.revision = revision;
        if (typeof opts.tab === 'string') {
          const by = this.revisionTabs.get(key) ?? new Map<number, string>();
          by.set(e.revision, opts.tab);
          if (by.size > 200) by.delete(by.keys().next().value as number);
          this.revisionTabs.set(key, by);
        }
        e.savedAt = savedAt;
        e.name = flow.name;
        if (e.flowId !== flow.id) {
          // The id was changed (Flow settings): the scenarios file that named the old id follows it, so `baton test`
          // and the simulator do not warn that the scenarios are for another flow. Only its "flow" value changes.
          const moved = await this.scenariosFollowFlowId(e, e.flowId, flow.id).catch((err: Error) => err);
          if (moved instanceof Error) warnings.push(`The flow was saved, but its scenarios file still names the old id "${e.flowId}" (${moved.message}); change its "flow" to "${flow.id}" by hand.`);
        }
        noteIdChange(e, flow.id);
        e.flowId = flow.id;
      }
      e.savedSeq = Math.max(e.savedSeq, journalSeq);
      // The flow file is on disk now: a failure to update the index or trim the journal must not be answered
      // as "not saved" (the answer has to tell the truth). The journal is only trimmed after the index is written.
      try {
        await this.db.write();
        await this.trimJournal(key, e.savedSeq, typeof opts.tab === 'string' ? opts.tab : undefined);
      } catch (err) {
        if (!changed) throw err;
        const why = (err as NodeJS.ErrnoException).code === 'ENOSPC' ? 'the disk is full' : (err as Error).message;
        return {
          revision: e.revision,
          savedAt: e.savedAt,
          changed,
          problems,
          warnings: [`The flow file was saved, but the studio's index could not be updated (${why}); free some space: the studio repairs its index on the next save.`],
        };
      }
      // Hostile s12 #6: an older twin (a file dropped into flows/ with another flow's id) still saves, but every save says so.
      const sameId = this.db.data.flows.find((f) => f.key !== key && f.flowId === flow.id);
      if (sameId) warnings.push(`Another flow in this studio, "${sameId.name}" (${sameId.path}), has the same id ${flow.id}: baton serve refuses a folder with two flows of one id. Choose another id in Flow settings > General.`);
      return { revision: e.revision, savedAt: e.savedAt, changed, problems, ...(warnings.length ? { warnings } : {}) };
    });
  }

  /** Creates the folder of `path` when it is gone (returns it), nothing when it is there; 422 when a file is in the way. */
  private async folderMadeAgain(path: string): Promise<string | null> {
    const dir = dirname(path);
    const info = await stat(dir).catch(() => null);
    if (info?.isDirectory()) return null;
    if (info) {
      throw new StudioError(422, 'folder_not_a_folder', `${dir} is a file, not a folder, so ${path} cannot be written; nothing was written.`, `Move that file away (mv "${dir}" "${dir}.moved"), then choose Keep mine; your edits are kept in the studio until then.`);
    }
    await mkdir(dir, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOTDIR' || err.code === 'EEXIST') {
        throw new StudioError(422, 'folder_not_a_folder', `The folder ${dir} cannot be created (a file is in the way on its path), so ${path} cannot be written; nothing was written.`, 'Move that file away, then choose Keep mine; your edits are kept in the studio until then.');
      }
      throw err;
    });
    return dir;
  }

  /** 409 changed_on_disk: the file was changed outside the studio since it loaded it; nothing was written. */
  private changedOnDiskError(e: FlowEntry, diskIn: FlowText | DiskRead): StudioError {
    const disk = diskIn instanceof FlowText ? diskIn : diskIn.kind === 'file' ? diskIn.file : null;
    if (disk === null && !(diskIn instanceof FlowText) && diskIn.kind !== 'file') {
      // Hostile s12 #3: the file is gone. Worded as the banner reads it (the path, then what is on disk).
      return new StudioError(
        409,
        'changed_on_disk',
        `This flow was changed outside the studio: the file ${e.path} is not the one the studio loaded, so this save was refused and nothing was written. The file on disk is not a readable flow: ${diskIn.problem}.`,
        diskIn.hint,
        [{ severity: 'error', code: `file_${diskIn.kind}`, path: '$', blockId: null, message: diskIn.problem, hint: diskIn.hint }],
      );
    }
    const broken = disk!.loaded.flow ? null : disk!.firstProblem();
    return new StudioError(
      409,
      'changed_on_disk',
      `This flow was changed outside the studio: the file ${e.path} is not the one the studio loaded (an editor or git changed it), so this save was refused and nothing on disk changed.` +
        (broken ? ` The file on disk is not a readable flow: ${broken}.` : ''),
      broken
        ? 'Fix the file on disk and choose Reload, or choose Keep mine to write the studio\'s version over it (the broken file is kept as a version in Version history). From a script: resend the save with "overwriteDisk": true.'
        : 'Choose Reload to take the file as it is on disk (the studio\'s unsaved edits are kept as a version), or Keep mine to save over it (the file on disk is kept as a version). From a script: resend the save with "overwriteDisk": true.',
      broken ? disk!.loaded.problems : [],
    );
  }

  /**
   * What is at the flow's path now, read without ever blocking (hostile s12 #2: a named pipe froze the studio) and
   * without taking a state the studio cannot write as "unchanged" (#3: missing, a folder, too large, a link loop all
   * read as "not changed"). A link that now leads to another flow's file is said as such (#5: Keep mine wrote through it).
   */
  private async readDisk(e: FlowEntry, settle = false): Promise<DiskRead> {
    const linked = await this.linkedFlow(e);
    if (linked) {
      return { kind: 'linked', status: 409, problem: `${e.path} is now a symbolic link to ${linked.path}, the file of the flow "${linked.name}", so saving through it would overwrite that flow`, hint: `Remove the link (rm "${e.path}"), then choose Keep mine to write this flow's own file again.` };
    }
    try {
      const text = await readRegularFile(e.path, STUDIO_FLOW_MAX_BYTES);
      let file = new FlowText(text);
      // Newcomer s13 #6: a file read while an editor or script was still writing it (a 30 MB file) was reported as broken
      // JSON ("unterminated string at column 31454440"). A file that does not parse and changed in the last seconds is
      // read once more a moment later; only a file that stays broken is said to be broken. (`settle`: the disk check and
      // the reads that load the flow; a save compares texts and never needs the parse.)
      if (settle && !file.loaded.flow) {
        const modified = await stat(e.path).then((st) => st.mtimeMs, () => 0);
        if (Date.now() - modified < 3000) {
          await new Promise((ok) => setTimeout(ok, 500));
          const again = await readRegularFile(e.path, STUDIO_FLOW_MAX_BYTES).catch(() => null);
          if (again !== null && again !== text) file = new FlowText(again);
        }
      }
      return { kind: 'file', file };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (err instanceof FileTooLargeError) {
        // Newcomer s13 #6: said as its size and the limit (a file over what one save can send cannot be edited: Reload is
        // not offered for it), never as broken JSON.
        return {
          kind: 'too_large',
          status: 413,
          problem: `it is ${Math.round(err.size / (1024 * 1024))} MB, larger than a flow the studio can edit (${Math.round(err.limit / (1024 * 1024))} MB at most, the most one save can send)`,
          hint: `Shrink it in an editor (look for a pasted text) and choose Reload, or move it out of the way (mv "${e.path}" somewhere else) and choose Keep mine to write the studio's version.`,
        };
      }
      if (err instanceof NotRegularFileError || code === 'EISDIR') {
        const folder = code === 'EISDIR' || (await stat(e.path).then((st) => st.isDirectory(), () => false));
        return folder
          ? { kind: 'folder', status: 422, problem: `${e.path} is now a folder, not a file`, hint: `Move the folder away (mv "${e.path}" "${e.path}.folder"), then choose Keep mine to write the flow file again.` }
          : { kind: 'not_a_file', status: 422, problem: `${e.path} is now a named pipe, socket or device, not a regular file`, hint: `Remove it (rm "${e.path}"), then choose Keep mine to write the flow file again.` };
      }
      if (code === 'ENOENT') {
        const dangling = await lstat(e.path).then((st) => st.isSymbolicLink(), () => false);
        if (dangling) return { kind: 'unreadable', status: 422, problem: `${e.path} is a symbolic link to a file that does not exist`, hint: `Remove the link (rm "${e.path}") or put the file it points to back, then choose Keep mine or Reload.` };
        // Newcomer s13 #8: said without parentheses (the banner puts this sentence in its own); hostile s13 #16: a folder
        // that is gone too is named, Keep mine creates it again.
        const dir = dirname(e.path);
        const folderGone = !(await stat(dir).then((st) => st.isDirectory(), () => false));
        return folderGone
          ? { kind: 'missing', status: 409, problem: `the file was deleted, and its folder ${dir} is gone too`, hint: 'Choose Keep mine to create the folder again and write the studio\'s version to it, or delete the flow in the studio if it should stay gone (it goes to the trash).' }
          : { kind: 'missing', status: 409, problem: 'the file was deleted, or a git checkout removed it', hint: 'Choose Keep mine to write the studio\'s version to it again, or delete the flow in the studio if it should stay gone (it goes to the trash).' };
      }
      if (code === 'ELOOP') return { kind: 'loop', status: 422, problem: `${e.path} is a symbolic link that loops (it leads back to itself)`, hint: `Remove the link (rm "${e.path}"), then choose Keep mine to write the flow file again.` };
      return { kind: 'unreadable', status: 422, problem: `it cannot be read (${(err as Error).message})`, hint: 'Check the file\'s permissions, then choose Reload or Keep mine.' };
    }
  }

  /** Another flow of this studio whose file this flow's path now leads to (a symbolic link), or null. */
  private async linkedFlow(e: FlowEntry): Promise<FlowEntry | null> {
    const isLink = await lstat(e.path).then((st) => st.isSymbolicLink(), () => false);
    if (!isLink) return null;
    const target = await realpath(e.path).catch(() => null);
    if (target === null) return null;
    for (const f of this.db.data.flows) {
      if (f === e) continue;
      if (f.path === target || (await realpath(f.path).catch(() => null)) === target) return f;
    }
    return null;
  }

  /** Another flow of this studio whose file is `target` (a resolved path), or null. */
  private async otherFlowAt(e: FlowEntry, target: string): Promise<FlowEntry | null> {
    for (const f of this.db.data.flows) {
      if (f === e) continue;
      if (f.path === target || (await realpath(f.path).catch(() => null)) === target) return f;
    }
    return null;
  }

  /** The file at the end of a link (a flow opened through a link reads what it leads to, as before). */
  private async readDiskThroughLink(e: FlowEntry): Promise<DiskRead> {
    const text = await readRegularFile(e.path, MAX_FLOW_FILE_BYTES).catch(() => null);
    return text === null ? { kind: 'unreadable', status: 422, problem: 'it cannot be read', hint: 'Check the file.' } : { kind: 'file', file: new FlowText(text) };
  }

  /** True while the flow's path still holds exactly `text` (null: still no file): checked right before a rename. */
  private async stillAsRead(e: FlowEntry, text: string | null): Promise<boolean> {
    const now = await this.readDisk(e);
    return now.kind === 'file' ? now.file.text === text : now.kind === 'missing' && text === null;
  }

  /** A save refused because of what is at the flow's path (a folder, a pipe, a loop, a link to another flow, too large). */
  private cannotWriteError(e: FlowEntry, disk: DiskRead): StudioError {
    if (disk.kind === 'file') return new StudioError(500, 'unexpected', 'unreachable', '');
    const code = { missing: 'file_missing', folder: 'flow_not_a_file', not_a_file: 'flow_not_a_file', too_large: 'file_too_large', loop: 'flow_not_a_file', linked: 'flow_file_linked', unreadable: 'file_unreadable' }[disk.kind];
    return new StudioError(
      disk.status,
      code,
      `The flow "${e.name}" was not saved: the file on disk is not a readable flow: ${disk.problem}. Nothing was written.`,
      `${disk.hint} Your edits are kept in the studio until then.`,
      [{ severity: 'error', code, path: '$', blockId: null, message: disk.problem, hint: disk.hint }],
    );
  }

  /** The text the studio last wrote or loaded for this flow (its latest version), null when it has none. */
  private async lastWritten(e: FlowEntry): Promise<FlowText | null> {
    if (!e.versions.some((v) => v.revision === e.revision)) return null;
    // Non-blocking (hostile s13 #13: a named pipe in history/ froze the studio as one in flows/ did).
    const text = await readRegularFile(this.dir('history', e.key, `${e.revision}.json`), MAX_FLOW_FILE_BYTES).catch(() => null);
    return text === null ? null : new FlowText(text);
  }

  /**
   * Newcomer s11 #17: has the flow file changed on disk since the studio last wrote or loaded it? The studio page asks
   * every few seconds and when it gets the focus, and shows a banner (Reload / Keep mine) when it has. A change of line
   * endings, BOM or indentation only is no change (hostile s11 #16).
   */
  diskStatus(key: string): Promise<DiskStatus> {
    const e = this.need(key);
    return this.serial(key, async () => {
      const info = await stat(e.path).catch(() => null);
      const isLink = await lstat(e.path).then((st) => st.isSymbolicLink(), () => false);
      const linkTo = isLink ? await realpath(e.path).catch(() => null) : null;
      const base: DiskStatus = { changed: false, revision: e.revision, path: e.path, ...(info ? { modifiedAt: info.mtime.toISOString() } : {}), ...(linkTo ? { linkTo } : {}) };
      const disk = await this.readDisk(e, true);
      // Hostile s12 #2/#3/#5: a file that is gone, a folder, a pipe, too large, a loop or a link to another flow is a
      // change the designer must see (a banner), never "not changed".
      if (disk.kind !== 'file') return { ...base, changed: true, state: disk.kind, problem: disk.problem };
      const lastWritten = await this.lastWritten(e);
      if (lastWritten === null || lastWritten.sameContent(disk.file)) return base;
      return { ...base, changed: true, ...(disk.file.loaded.flow ? {} : { state: 'invalid' as const, problem: disk.file.firstProblem() }) };
    });
  }

  /**
   * "Reload" in the studio's banner: the file as it is on disk becomes the flow's latest version, and the editor's
   * document (`doc`, its unsaved edits) is kept as a version of its own, so neither side is lost. The journal is emptied
   * up to `journalSeq` and of every entry made on the replaced version. A file on disk that is not a readable flow is
   * refused (422, the problems say where) and nothing changes: the editor keeps its copy.
   */
  takeDiskVersion(key: string, doc: unknown, journalSeq: number, tab?: string): Promise<{ revision: number; flow: Flow; editsRevision: number | null; othersRevision?: number; message: string }> {
    const e = this.need(key);
    if (!Number.isSafeInteger(journalSeq) || journalSeq < 0) {
      throw new StudioError(400, 'bad_journal_seq', '"journalSeq" must be a whole number (the last journal entry the editor has, 0 for none).', 'Send { flow, journalSeq }.');
    }
    const mine = doc === undefined || doc === null ? null : this.checkDocument(doc, 'The studio\'s copy of the flow');
    return this.serial(key, async () => {
      this.stillThere(key, e);
      // Hostile s13 #3: the same bound as save (it was unbounded here: every later journal append was "skipped").
      const journal = await this.readJournal(key);
      this.checkSeqBound(e, journal, journalSeq, 'Reload was refused');
      const saved = await this.readSaved(e);
      // Hostile s12 #6: a file on disk carrying another flow's id would make two flows with one id (baton serve refuses
      // the folder; save refuses it as flow_id_taken): refused the same way, nothing changed.
      const twin = saved.flow.id === e.flowId ? undefined : this.db.data.flows.find((f) => f.key !== key && f.flowId === saved.flow.id);
      if (twin) {
        throw new StudioError(
          409,
          'flow_id_taken',
          `The file on disk (${e.path}) has the id "${saved.flow.id}", which the flow "${twin.name}" already has (${twin.path}), so Reload was refused: two flows with one id cannot be served together. Nothing changed; the studio's copy is kept.`,
          `Change the "id" in the file on disk (it was probably copied from ${twin.path}), then choose Reload; or choose Keep mine to write the studio's version over it.`,
        );
      }
      // Hostile s29 H8: a file that grew past what the canvas can draw is not loaded into the open tab either.
      const tooLarge = studioSizeProblems(saved.flow);
      if (tooLarge.length > 0) {
        throw new StudioError(422, 'flow_too_large', `Reload was refused: the file on disk (${e.path}) is too large for the studio: ${sizeProblemsText(tooLarge)} Nothing changed; the studio's copy is kept.`, tooLarge[0].hint, tooLarge);
      }
      const lastWritten = await this.lastWritten(e);
      const at = this.now().toISOString();
      let editsRevision: number | null = null;
      // Hostile s12 #15: edits journaled after the copy the editor sent (seq > journalSeq: typed while Reload was on its
      // way) were trimmed with the journal and lost. They are replayed onto that copy, and the kept version holds them.
      // Hostile s13 #2: only the sending tab's own entries: another tab's (whole documents or patches made by position on
      // its own document) replaced or mixed into this tab's copy, and its edit was in no version. A request without a
      // tab (a script) replays only entries without one.
      const own = (j: JournalEntry) => (tab === undefined ? j.tab === undefined : j.tab === tab);
      const mineJournal = journal.filter(own);
      const othersPending = journal.filter((j) => !own(j) && j.seq > e.savedSeq);
      let mineFlow = mine?.flow ?? null;
      let replayNote = '';
      if (mineFlow !== null && mineJournal.some((j) => j.seq > journalSeq)) {
        const r = this.replay(key, mineFlow, journalSeq, mineJournal);
        mineFlow = r.flow;
        if (r.replayed > 0) replayNote = ` (including ${r.replayed} edit${r.replayed === 1 ? '' : 's'} that reached the studio after Reload was chosen)`;
        if (r.problems.length) {
          const copy = this.dir('history', e.key, `unreplayed-journal-${at.replace(/[:.]/g, '-')}.jsonl`);
          await mkdir(dirname(copy), { recursive: true });
          await writeFileAtomic(copy, journal.map((x) => JSON.stringify(x)).join('\n') + '\n');
          replayNote += `; ${r.problems[0].message.replace(/;.*$/, '')}, every journaled edit is kept in ${copy}`;
        }
      }
      const mineFile = mineFlow ? new FlowText(formatFlowFile(mineFlow)) : null;
      if (mineFile !== null && !mineFile.sameContent(saved.file) && (lastWritten === null || !mineFile.sameContent(lastWritten))) {
        editsRevision = e.revision + 1;
        const what = lastWritten ? diffFlows(lastWritten.json, mineFile.json).summary : 'the whole flow';
        await this.keepVersion(e, editsRevision, mineFile.text, at, `the studio's unsaved edits (${what}), not applied: the file had changed on disk and Reload took the disk version`);
        e.revision = editsRevision;
      }
      // The other tabs' journaled edits were made on the version the studio last wrote: replayed onto it and kept as a
      // version of their own (those tabs are refused 409 at their next save and keep their browser copy too).
      let othersRevision: number | undefined;
      let othersNote = '';
      const othersBase = lastWritten?.loaded.flow ?? null;
      if (othersPending.length > 0) {
        const r = othersBase ? this.replay(key, othersBase, e.savedSeq, othersPending) : null;
        const copy = this.dir('history', e.key, `other-tabs-journal-${at.replace(/[:.]/g, '-')}.jsonl`);
        if (r && r.replayed > 0) {
          const text = formatFlowFile(r.flow);
          othersRevision = e.revision + 1;
          await this.keepVersion(e, othersRevision, text, at, `unsaved edits of another tab or window (${r.replayed} edit${r.replayed === 1 ? '' : 's'}: ${diffFlows(othersBase, JSON.parse(text)).summary}), not applied: Reload took the disk version`);
          e.revision = othersRevision;
          othersNote = ` Unsaved edits made in another tab or window are kept as version ${othersRevision}.`;
        }
        if (!r || r.problems.length > 0 || r.replayed === 0) {
          await mkdir(dirname(copy), { recursive: true });
          await writeFileAtomic(copy, othersPending.map((x) => JSON.stringify(x)).join('\n') + '\n');
          othersNote += ` Edits of another tab or window that could not be replayed are kept in ${copy}.`;
        }
      }
      if (lastWritten === null || !lastWritten.sameContent(saved.file) || editsRevision !== null || othersRevision !== undefined) {
        const diskAt = await stat(e.path).then((st) => st.mtime.toISOString()).catch(() => at);
        await this.keepVersion(e, e.revision + 1, saved.text, diskAt, 'changed outside the studio (taken in by Reload)');
        e.revision += 1;
      }
      e.savedSeq = Math.max(e.savedSeq, journalSeq, ...journal.map((j) => j.seq));
      e.name = saved.flow.name;
      noteIdChange(e, saved.flow.id);
      e.flowId = saved.flow.id;
      e.savedAt = at;
      await this.db.write();
      await this.trimJournal(key, e.savedSeq);
      const message =
        editsRevision !== null
          ? `The flow now shows the file as it is on disk (version ${e.revision}). Your unsaved studio edits${replayNote} are kept as version ${editsRevision} in Version history.${othersNote}`
          : `The flow now shows the file as it is on disk (version ${e.revision}). This tab had no unsaved edits, so nothing of it was kept.${othersNote}`;
      return { revision: e.revision, flow: saved.flow, editsRevision, ...(othersRevision !== undefined ? { othersRevision } : {}), message };
    });
  }

  /**
   * Two tabs (or windows) on one flow: a save or journal append names the revision its document is based
   * on; when another tab saved since, it is refused with 409 instead of silently overwriting that work. The
   * refused tab keeps its edits (browser copy) and tells the designer to reload.
   */
  private checkGuard(key: string, guard: BaseGuard) {
    const base = guard.baseRevision;
    if (base === undefined || base === null) return;
    if (!Number.isInteger(base) || base < 1) {
      throw new StudioError(400, 'bad_base_revision', '"baseRevision" must be the revision number the editor opened or last saved (1, 2, 3...).', 'Send the revision from GET /api/flows/:key or from the last save.');
    }
    const e = this.need(key);
    // Revisions saved since `base` by the same tab do not count (its journal may race its own save).
    const by = this.revisionTabs.get(key);
    let ownSince = guard.tab !== undefined && base < e.revision;
    for (let r = base + 1; ownSince && r <= e.revision; r++) ownSince = by?.get(r) === guard.tab;
    if (base !== e.revision && !ownSince) {
      throw new StudioError(
        409,
        'stale_revision',
        `This flow was changed in another tab or window (it is now at version ${e.revision}; this editor has version ${base}), so this save was refused and nothing on disk changed.`,
        'Reload to get the latest version. Your unsaved changes are kept in this browser as a recoverable copy.',
      );
    }
  }

  /**
   * Whether a save changing `fields` folds into the latest version (see FOLD_VERSIONS_MS): that version is this flow's
   * current one, was itself a save of only these fields, its run started less than FOLD_VERSIONS_MS ago, and a version
   * before it exists to describe the run against. Null also when the run ends where it began (the tried values were
   * undone: both versions stay, so the history does not hold a version that changed nothing).
   */
  private async foldInto(e: FlowEntry, fields: string, at: string, next: unknown): Promise<{ drop: number; since: string; first: number; summary: string } | null> {
    const i = e.versions.length - 1;
    const last = e.versions[i];
    if (!last || last.revision !== e.revision || last.restoredFrom !== undefined || last.edit?.fields !== fields || i === 0) return null;
    if (Date.parse(at) - Date.parse(last.edit.since) >= FOLD_VERSIONS_MS) return null;
    const before = await readRegularFile(this.dir('history', e.key, `${e.versions[i - 1].revision}.json`), MAX_FLOW_FILE_BYTES).catch(() => null);
    if (before === null) return null;
    let d: FlowDiff;
    try {
      d = diffFlows(JSON.parse(before), next);
    } catch {
      return null;
    }
    return d.identical ? null : { drop: last.revision, since: last.edit.since, first: last.edit.first ?? last.revision, summary: d.summary };
  }

  private async keepVersion(e: FlowEntry, revision: number, text: string, savedAt: string, summary: string, restoredFrom?: number, edit?: VersionInfo['edit']) {
    const dir = this.dir('history', e.key);
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(join(dir, `${revision}.json`), text);
    e.versions = e.versions.filter((v) => v.revision !== revision);
    e.versions.push({ revision, savedAt, summary, ...(restoredFrom !== undefined ? { restoredFrom } : {}), ...(edit ? { edit } : {}) });
    while (e.versions.length > MAX_VERSIONS) {
      const old = e.versions.shift()!;
      await rm(join(dir, `${old.revision}.json`), { force: true });
    }
  }

  /** Drops journal entries already in the saved file (rewrites the journal atomically). */
  private async trimJournal(key: string, savedSeq: number, savingTab?: string) {
    const path = this.dir('journal', `${key}.jsonl`);
    const entries = await this.readJournal(key);
    if (entries.length === 0) return;
    // Another tab's unsaved edits were made on the version this save replaced: they no longer apply (that
    // tab is refused with 409 and keeps its own copy), so they must not be replayed on top of this save.
    const keep = entries.filter((x) => x.seq > savedSeq && (savingTab === undefined || x.tab === undefined || x.tab === savingTab));
    if (keep.length === entries.length) return;
    if (keep.length === 0) await rm(path, { force: true });
    else await writeFileAtomic(path, keep.map((x) => JSON.stringify(x)).join('\n') + '\n');
  }

  private async register(key: string, path: string, flow: Flow, external: boolean): Promise<FlowEntry> {
    const at = this.now().toISOString();
    const e: FlowEntry = { key, path, external, name: flow.name, flowId: flow.id, revision: 1, savedSeq: 0, createdAt: at, savedAt: at, openedAt: null, versions: [] };
    const text = formatFlowFile(flow);
    // Hostile s13 #16: the entry joins the index only once its file and first version are written (a failed write left
    // a flow listed with no file); flows/ deleted while the studio runs is made again (it was a 500).
    const existed = existsSync(path);
    const hadHistory = existsSync(this.dir('history', key));
    try {
      if (!external) {
        await this.folderMadeAgain(path);
        await writeFileAtomic(path, text);
      }
      await this.keepVersion(e, 1, external ? await readRegularFile(path, MAX_FLOW_FILE_BYTES) : text, at, external ? 'opened in the studio' : 'created');
    } catch (err) {
      if (!external && !existed) await rm(path, { force: true }).catch(() => {});
      if (!hadHistory) await rm(this.dir('history', key), { recursive: true, force: true }).catch(() => {});
      throw err;
    }
    this.db.data.flows.push(e);
    await this.db.write();
    return e;
  }

  /** A new flow: blank (a Start block) or a copy of a template from flows/. */
  async create(opts: { template?: string; name?: string }): Promise<{ key: string; flow: Flow }> {
    let flow: Flow;
    if (opts.template !== undefined) {
      const templates = await this.templates();
      const t = templates.find((x) => x.id === opts.template);
      if (!t) {
        throw new StudioError(404, 'no_such_template', `There is no template "${String(opts.template).slice(0, 100)}".`, `Pick one of: ${templates.map((x) => x.id).join(', ')}.`);
      }
      flow = loadFlowText(await readFile(join(this.templatesDir, `${t.id}.json`), 'utf8')).flow!;
      if (opts.name) flow = { ...flow, name: opts.name };
    } else {
      const name = typeof opts.name === 'string' && opts.name.trim() !== '' ? cutUnits(opts.name.trim(), 200) : 'Untitled flow';
      flow = this.checkDocument(
        // Session 48 (studio16, newcomer s47 N8): a blank flow's flow-wide reply is for any business, not a shop's.
        { version: 1, id: slugKey(name), name, settings: { shopQuestionMessage: NEUTRAL_UNANSWERABLE_MESSAGE }, blocks: [{ id: 'start', kind: 'start', label: 'Start', position: { x: 0, y: 0 }, data: {} }] },
        'A blank flow',
      ).flow;
    }
    return this.serial('#index', async () => {
      // Newcomer s14 #2 rest: two flows made from one template (or two blank ones) were listed under one name.
      const { name, key } = this.freeNameAndKey(flow.name, opts.name ?? flow.id);
      flow = { ...flow, id: key, name };
      await this.register(key, this.dir('flows', `${key}.json`), flow, false);
      if (opts.template !== undefined) await copyScenarios(join(this.templatesDir, `${opts.template}.scenarios.json`), scenarioPathOf(this.dir('flows', `${key}.json`)), key);
      return { key, flow };
    });
  }

  /**
   * Imports a flow from the text of a file: validated and migrated. A file that cannot be read as a flow
   * (bad JSON, wrong shape, newer format) is refused with every problem and nothing changes; semantic
   * problems (an unwired exit...) are reported but the flow is imported, as work in progress.
   */
  async importText(text: string, fileName = 'flow.json'): Promise<{ key: string; flow: Flow; problems: FlowProblem[] }> {
    if (typeof text !== 'string') throw new StudioError(400, 'bad_import', 'Send the file content as "text".', 'POST /api/import { "text": "...", "fileName": "my-flow.json" }');
    // Newcomer s18 #5: a UTF-16 or UTF-32 file read by the browser as UTF-8 arrives as boxes and NULs; JSON.parse then
    // named a bad character with boxes in it. Say which encoding it is and how to save it, as the CLI does.
    const wide = textWideEncodingOf(text);
    if (wide) {
      throw new StudioError(422, 'import_invalid', `${fileName} cannot be imported: ${wideEncodingProblem(wide)}. Nothing was changed.`, UTF16_HINT, [
        { severity: 'error', code: 'json_syntax', path: '$', blockId: null, message: `The file is saved as ${wide}, not UTF-8.`, hint: UTF16_HINT, line: 1, column: 1 },
      ]);
    }
    // Hostile s28 H8: a flow the studio cannot draw (10,000 blocks, a 30 MB description) is refused before anything else.
    const tooLarge = studioSizeProblemsOfText(text);
    if (tooLarge.length > 0) {
      throw new StudioError(422, 'import_too_large', `${fileName} cannot be imported: ${sizeProblemsText(tooLarge)} Nothing was changed.`, tooLarge[0].hint, tooLarge);
    }
    const loaded = loadFlowText(text);
    if (!loaded.flow) {
      throw new StudioError(
        422,
        'import_invalid',
        `${fileName} cannot be imported: it is not a flow Baton can read. Nothing was changed.`,
        'Fix the problems listed and import the file again.',
        loaded.problems,
      );
    }
    const parsed = loaded.flow;
    return this.serial('#index', async () => {
      const { name, key } = this.freeNameAndKey(parsed.name, parsed.id || basename(fileName, '.json'));
      // Hostile s18 #29: the file's own id is kept only when it is a valid id ("café" became the key cafe and stayed the
      // id, which the flow's chat address and the validator refuse).
      const flow = { ...parsed, id: key === slugKey(parsed.id) && flowIdProblem(parsed.id) === null ? parsed.id : key, name };
      await this.register(key, this.dir('flows', `${key}.json`), flow, false);
      return { key, flow, problems: loaded.problems };
    });
  }

  /** Registers a flow file from anywhere on disk (edited in place, like any editor); returns its key. */
  async openPath(file: string): Promise<{ key: string }> {
    const path = resolve(file);
    const known = this.db.data.flows.find((f) => f.path === path);
    if (known) {
      await this.touchRecent(known.key);
      return { key: known.key };
    }
    // Regular files only (a named pipe would block the open for ever: hostile s12 #2).
    const text = await readRegularFile(path, MAX_FLOW_FILE_BYTES).catch((err) => {
      throw new StudioError(404, 'file_unreadable', `Cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`, 'Check the path.');
    });
    const tooLarge = studioSizeProblemsOfText(text);
    if (tooLarge.length > 0) {
      throw new StudioError(422, 'file_too_large', `${path} cannot be opened in the studio: ${sizeProblemsText(tooLarge)} It was not changed.`, tooLarge[0].hint, tooLarge);
    }
    const loaded = loadFlowText(text);
    if (!loaded.flow) {
      throw new StudioError(422, 'file_invalid', `${path} is not a flow Baton can read; it was not changed.`, 'Fix the problems listed (baton validate shows them too).', loaded.problems);
    }
    const flow = loaded.flow;
    return this.serial('#index', async () => {
      const inFlows = dirname(path) === this.dir('flows');
      const key = inFlows ? basename(path, '.json') : this.freeKey(flow.id);
      await this.register(key, path, flow, !inFlows);
      await this.touchRecent(key);
      return { key };
    });
  }

  async duplicate(key: string): Promise<{ key: string; flow: Flow }> {
    const e = this.need(key);
    const { flow } = await this.open(key);
    return this.serial('#index', async () => {
      // Named after the flow's id as it is now (newcomer s35 #5: an id changed in Flow settings to newcomer-shop gave a
      // copy "untitled-flow-copy", after the key the flow was created with); an invalid id: after the key, as before.
      const base = typeof flow.id === 'string' && flowIdProblem(flow.id) === null ? slugKey(flow.id) : e.key;
      const newKey = this.freeKey(`${base}-copy`);
      const copy: Flow = { ...flow, id: newKey, name: cutUnits(`${flow.name} (copy)`, 200) };
      await this.register(newKey, this.dir('flows', `${newKey}.json`), copy, false);
      await copyScenarios(scenarioPathOf(e.path), scenarioPathOf(this.dir('flows', `${newKey}.json`)), newKey);
      return { key: newKey, flow: copy };
    });
  }

  /** Moves a flow (file, journal, history) to the trash; `restoreFromTrash` brings it back. */
  delete(key: string): Promise<TrashEntry & { note?: string }> {
    const e = this.need(key);
    return this.serial(key, () =>
      this.serial('#index', async () => {
        const at = this.now();
        const trashId = `${at.getTime()}-${key}`;
        const dir = this.dir('trash', trashId);
        // Hostile s13 #1: what is at the path is looked at first (lstat: a pipe is never opened): a file that is gone is
        // deleted without it (the banner for a missing file offers exactly this), a folder or a pipe is refused 422 as a
        // save is, and no empty trash folder is left by a refusal (each try left one, and a 500).
        const at0 = await lstat(e.path).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? null : Promise.reject(err)));
        const target = at0?.isSymbolicLink() ? await stat(e.path).catch(() => null) : at0;
        if (target && !target.isFile()) throw this.cannotDeleteError(e, target.isDirectory());
        let note: string | undefined;
        await mkdir(dir, { recursive: true });
        try {
          if (at0 === null || target === null) {
            // Gone (or a link to nothing): the trash keeps the history, journal and the studio's last version.
            note = `The file ${e.path} was already gone from disk, so only the flow's history and unsaved edits went to the trash; restoring it writes the studio's last version (${e.revision}).`;
            if (at0) await rm(e.path, { force: true });
          } else {
            await cp(e.path, join(dir, 'flow.json'));
          }
        } catch (err) {
          await rm(dir, { recursive: true, force: true }).catch(() => {});
          throw err;
        }
        if (existsSync(this.dir('history', key))) await rename(this.dir('history', key), join(dir, 'history'));
        if (existsSync(this.dir('journal', `${key}.jsonl`))) await rename(this.dir('journal', `${key}.jsonl`), join(dir, 'journal.jsonl'));
        if (existsSync(scenarioPathOf(e.path))) await rename(scenarioPathOf(e.path), join(dir, 'scenarios.json'));
        await writeFile(join(dir, 'entry.json'), JSON.stringify(e, null, 2));
        await rm(e.path, { force: true });
        const t: TrashEntry = { trashId, key, name: e.name, deletedAt: at.toISOString(), path: e.path, external: e.external };
        this.db.data.flows = this.db.data.flows.filter((f) => f.key !== key);
        this.db.data.recent = this.db.data.recent.filter((k) => k !== key);
        this.db.data.trash.unshift(t);
        await this.db.write();
        return note ? { ...t, note } : t;
      }),
    );
  }

  /** 422: a folder or a pipe at the flow's path is neither copied to the trash nor removed (hostile s13 #1). */
  private cannotDeleteError(e: FlowEntry, folder: boolean): StudioError {
    const what = folder ? `${e.path} is now a folder, not a file` : `${e.path} is now a named pipe, socket or device, not a regular file`;
    const hint = folder ? `Move the folder away (mv "${e.path}" "${e.path}.folder"), then delete the flow again.` : `Remove it (rm "${e.path}"), then delete the flow again.`;
    return new StudioError(422, 'flow_not_a_file', `The flow "${e.name}" was not deleted: ${what}, which the studio neither moves to the trash nor removes. Nothing was changed.`, hint, [
      { severity: 'error', code: 'flow_not_a_file', path: '$', blockId: null, message: what, hint },
    ]);
  }

  trash(): TrashEntry[] {
    return this.db.data.trash;
  }

  restoreFromTrash(trashId: string): Promise<{ key: string }> {
    const t = this.db.data.trash.find((x) => x.trashId === trashId);
    if (!t) throw new StudioError(404, 'not_in_trash', `Nothing in the trash is called "${String(trashId).slice(0, 100)}".`, 'GET /api/trash lists what can be restored.');
    return this.serial('#index', async () => {
      const dir = this.dir('trash', t.trashId);
      const entry = JSON.parse(await readRegularFile(join(dir, 'entry.json'))) as FlowEntry;
      const key = this.entry(t.key) || existsSync(this.dir('flows', `${t.key}.json`)) ? this.freeKey(t.key) : t.key;
      const path = t.external && !existsSync(t.path) ? t.path : this.dir('flows', `${key}.json`);
      await mkdir(dirname(path), { recursive: true });
      // Regular files only (hostile s13 #13). A flow deleted after its file was gone (hostile s13 #1) has no flow.json:
      // the studio's last version (its history went to the trash with it) is written instead.
      const text = await readRegularFile(join(dir, 'flow.json'), MAX_FLOW_FILE_BYTES).catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
        const last = await readRegularFile(join(dir, 'history', `${entry.revision}.json`), MAX_FLOW_FILE_BYTES).catch(() => null);
        if (last === null) throw new StudioError(422, 'trash_no_file', `"${t.name}" in the trash has neither its file nor its last version, so it cannot be restored; nothing was changed.`, `Look in ${dir} for what is left of it.`);
        return last;
      });
      await writeFileAtomic(path, text);
      if (existsSync(join(dir, 'history'))) await rename(join(dir, 'history'), this.dir('history', key));
      if (existsSync(join(dir, 'journal.jsonl'))) await rename(join(dir, 'journal.jsonl'), this.dir('journal', `${key}.jsonl`));
      if (existsSync(join(dir, 'scenarios.json'))) await rename(join(dir, 'scenarios.json'), scenarioPathOf(path));
      this.db.data.flows.push({ ...entry, key, path, external: path !== this.dir('flows', `${key}.json`) });
      this.db.data.trash = this.db.data.trash.filter((x) => x.trashId !== trashId);
      await this.db.write();
      await rm(dir, { recursive: true, force: true });
      return { key };
    });
  }

  /* ------------------------------------------------------------------ scenarios beside the flow */

  /** `<flow file without .json>.scenarios.json`, where `baton test FLOW` finds it. */
  scenarioPath(key: string): string {
    return scenarioPathOf(this.need(key).path);
  }

  /**
   * The scenarios file's text (null when there is none). Regular files only: a named pipe at the path would
   * block a libuv thread for ever (four froze the studio), and at most MAX_SCENARIO_BYTES, as `baton test`.
   */
  private async scenarioText(path: string): Promise<string | null> {
    try {
      const info = await stat(path);
      if (info.isFile() && info.size > MAX_SCENARIO_BYTES) {
        throw new StudioError(413, 'scenarios_too_large', `The scenarios file ${path} is ${(info.size / 1048576).toFixed(1)} MB; the studio and baton test read at most ${MAX_SCENARIO_BYTES / 1048576} MB.`, 'Split the scenarios over several files, or shorten them.');
      }
      // Bytes, then strict UTF-8: a bad byte is refused with its offset, never read as U+FFFD and saved back.
      const bytes = await readRegularBytes(path);
      const decoded = decodeUtf8Strict(bytes);
      if (!decoded.ok) {
        const bad = parseScenarioBytes(bytes);
        throw new StudioError(422, 'scenarios_invalid', `The scenarios file ${path} is not valid UTF-8 text (${describeUtf8Error(decoded.error)}); it was not changed.`, 'Save the file as UTF-8 (most editors: "Save with encoding" > UTF-8), then reopen the simulator.', bad.problems.map(scenarioProblem));
      }
      return decoded.text;
    } catch (err) {
      if (err instanceof StudioError) throw err;
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      if (err instanceof NotRegularFileError) throw notAFile(path, await stat(path).then((i) => i.isDirectory(), () => false));
      if ((err as NodeJS.ErrnoException).code === 'EISDIR') throw notAFile(path, true);
      throw new StudioError(422, 'scenarios_unreadable', `The scenarios file ${path} cannot be read: ${(err as Error).message}.`, 'Check the file\'s permissions.');
    }
  }

  /** Rewrites the "flow" value of the flow's scenarios file from `from` to `to` (nothing else in the file changes). */
  private async scenariosFollowFlowId(e: FlowEntry, from: string, to: string): Promise<void> {
    const path = scenarioPathOf(e.path);
    const text = await this.scenarioText(path).catch(() => null);
    if (text === null) return;
    const r = parseScenarioText(text);
    if (!r.ok || r.file.flow !== from) return;
    await writeFileAtomic(path, applyEdits(text, modify(text, ['flow'], to, { formattingOptions: { insertSpaces: true, tabSize: 2 } })));
  }

  /** The flow's recorded scenarios (an empty file when there are none yet), with the revision a save must name. */
  async readScenarios(key: string): Promise<{ file: ScenarioFile; exists: boolean; revision: string }> {
    const path = this.scenarioPath(key);
    const text = await this.scenarioText(path);
    if (text === null) return { file: { version: 1, flow: this.need(key).flowId, scenarios: [] } as unknown as ScenarioFile, exists: false, revision: scenarioRevision(null) };
    const r = parseScenarioText(text);
    if (!r.ok) {
      throw new StudioError(422, 'scenarios_invalid', `The scenarios file ${path} cannot be read; it was not changed.`, 'Fix the problems listed (baton test shows them too).', r.problems.map(scenarioProblem));
    }
    return { file: r.file, exists: true, revision: scenarioRevision(text) };
  }

  /**
   * Validates and writes the scenarios file atomically, in its readable format. `baseRevision` (the revision the
   * client read, sent as If-Match) must still be the file's: a hand edit or another tab's save since then gets
   * 409 `stale_scenarios` and nothing is written (a save without it is accepted, for scripts).
   */
  writeScenarios(key: string, doc: unknown, baseRevision?: string): Promise<{ scenarios: number; revision: string }> {
    const path = this.scenarioPath(key);
    // The raw request body is read like the file `baton test` reads (strict UTF-8, duplicate keys refused,
    // hostile s5 #15); an already parsed document (scripts, tests) is checked against the schema.
    const r = doc instanceof Uint8Array ? parseScenarioBytes(doc) : parseScenarioFile(doc);
    if (!r.ok) {
      throw new StudioError(422, 'scenarios_invalid', 'These scenarios are not valid, so they were not written; nothing on disk changed.', 'Fix the problems listed.', r.problems.map(scenarioProblem));
    }
    return this.serial(key, async () => {
      if (baseRevision !== undefined) {
        const current = scenarioRevision(await this.scenarioText(path));
        if (current !== baseRevision) {
          throw new StudioError(409, 'stale_scenarios', `The scenarios file ${path} changed since it was loaded (edited by hand or saved from another tab); nothing was written.`, 'Reload the scenarios (GET /api/flows/:key/scenarios) and save again: your change is kept in the studio until then.');
        }
      }
      const text = formatScenarioFile(r.file);
      // Something other than a file at the path (a folder, a pipe): 422 as on reading, not a rename error 500.
      const info = await stat(path).catch(() => null);
      if (info && !info.isFile()) throw notAFile(path, info.isDirectory());
      // Hostile s12 #1 (same shape): the If-Match check is made again right before the rename, so a hand edit made
      // while the new file was being written and synced is refused, not overwritten.
      const checkAgain = baseRevision === undefined ? undefined : async () => {
        if (scenarioRevision(await this.scenarioText(path)) !== baseRevision) {
          throw new StudioError(409, 'stale_scenarios', `The scenarios file ${path} changed while this save was being written (edited by hand or saved from another tab); nothing was written.`, 'Reload the scenarios (GET /api/flows/:key/scenarios) and save again: your change is kept in the studio until then.');
        }
      };
      await this.beforeFlowWrite?.(path);
      await writeFileAtomic(path, text, { beforeRename: checkAgain }).catch((err: NodeJS.ErrnoException) => {
        throw err.code === 'EISDIR' ? notAFile(path, true) : err;
      });
      return { scenarios: r.file.scenarios.length, revision: scenarioRevision(text) };
    });
  }

  /* ------------------------------------------------------------------ history */

  versions(key: string): VersionInfo[] {
    return [...this.need(key).versions].reverse();
  }

  async version(key: string, revision: number): Promise<{ revision: number; savedAt: string; summary: string; flow: Flow; diff: FlowDiff; current: number }> {
    const e = this.need(key);
    const v = e.versions.find((x) => x.revision === revision);
    if (!v) {
      throw new StudioError(404, 'no_such_version', `Flow "${key}" has no version ${revision}.`, `GET /api/flows/${key}/versions lists the versions kept (the ${MAX_VERSIONS} most recent).`);
    }
    const text = await readRegularFile(this.dir('history', key, `${revision}.json`), MAX_FLOW_FILE_BYTES).catch((err: Error) => {
      throw new StudioError(422, 'version_unreadable', `Version ${revision} of "${key}" cannot be read: ${err.message}.`, 'Pick another version.');
    });
    const loaded = loadFlowText(text);
    if (!loaded.flow) throw new StudioError(422, 'version_invalid', `Version ${revision} of "${key}" cannot be read as a flow.`, 'Pick another version.', loaded.problems);
    const current = (await this.open(key)).flow;
    return { revision, savedAt: v.savedAt, summary: v.summary, flow: loaded.flow, diff: diffFlows(current, loaded.flow), current: e.revision };
  }

  /** Saves an old version as the newest one (so restoring is itself undone by restoring the version before). */
  async restoreVersion(key: string, revision: number): Promise<{ revision: number; flow: Flow }> {
    const { flow } = await this.version(key, revision);
    const e = this.need(key);
    const journal = await this.readJournal(key);
    const seq = Math.max(e.savedSeq, ...journal.map((j) => j.seq));
    const r = await this.save(key, flow, seq, { restoredFrom: revision });
    return { revision: r.revision, flow };
  }

  /* ------------------------------------------------------------------ export, preferences */

  /** The logic-only document (secrets stripped, layout optional), byte-for-byte stable when nothing changed. */
  async exportText(key: string, opts: { layout: boolean }): Promise<{ text: string; fileName: string; warnings: string[]; scenarios?: { text: string; fileName: string; count: number } }> {
    const { flow } = await this.open(key);
    const { flow: clean, warnings } = exportFlowDocument(flow);
    // Without layout, canvas-only things (sticky notes, group frames) go too.
    const out = opts.layout ? clean : withoutCanvasOnly(stripLayout(clean));
    // Named by the flow id, as Flow settings promise ("the export file (newcomer-shop.json)"): newcomer s35 found a
    // flow whose id was changed exported as its store key ("untitled-flow.json"). An id that is not a valid file
    // name (the flow has a problem to fix) falls back to the key.
    const fileName = `${typeof out.id === 'string' && flowIdProblem(out.id) === null ? out.id : this.need(key).key}.json`;
    // The flow's scenarios travel with it (issue 9), named so `baton test <fileName>` finds them beside it.
    let scenarios: { text: string; fileName: string; count: number } | undefined;
    try {
      const r = await this.readScenarios(key);
      if (r.exists) scenarios = { text: formatScenarioFile({ ...r.file, flow: out.id }), fileName: scenarioFileOf(fileName), count: r.file.scenarios.length };
    } catch (err) {
      if (!(err instanceof StudioError)) throw err;
      warnings.push(`The scenarios were not exported: ${err.message}`);
    }
    return { text: formatFlowFile(out), fileName, warnings, ...(scenarios ? { scenarios } : {}) };
  }

  preferences(): Record<string, unknown> {
    return this.db.data.preferences;
  }

  async setPreferences(patch: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      throw new StudioError(400, 'bad_preferences', 'Preferences must be a JSON object.', 'PUT /api/preferences { "theme": "dark" }');
    }
    return this.serial('#index', async () => {
      const next = { ...this.db.data.preferences };
      for (const [k, v] of Object.entries(patch)) {
        if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
        if (v === null) delete next[k];
        else next[k] = v;
      }
      this.db.data.preferences = next;
      await this.db.write();
      return next;
    });
  }
}
