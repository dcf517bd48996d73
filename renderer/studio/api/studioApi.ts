/**
 * The typed client of the studio server's API (runtime/studio/startStudioServer.ts). Every call carries the
 * per-launch secret, read from the <meta name="baton-secret"> tag the server writes into the studio page.
 * Errors come back as `StudioApiError` with the server's sentence, hint and problems (never a stack trace).
 */
import type { Patch } from 'immer';
import type { FlowProblem } from '../../../shared/flow/flowProblem';
import type { Flow } from '../../../shared/flow/schema';
import type { ScenarioFile } from '../../../shared/simulator/scenarioSchema';
import type { FlowDiff } from '../../../runtime/studio/diffFlows';

export type { FlowDiff };
import type { SimulateHttpRequest, SimulateHttpResult } from '../../../runtime/studio/simulateHttp';
export type { SimulateHttpRequest, SimulateHttpResult };

// The server's own types (type-only: nothing of the server is bundled into the page).
import type { BaseGuard, DiskStatus, FlowSummary, OpenedFlow, VersionInfo } from '../../../runtime/studio/flowStore';
/** `overwriteDisk`: "Keep mine", save over a file changed outside the studio (the disk version is kept as a version). */
export type SaveGuard = BaseGuard & {
  overwriteDisk?: boolean;
  /** "Replace with mine" in a stale window: the latest revision (another window's) this save replaces; equal to baseRevision. */
  replacing?: number;
};
export type { DiskStatus, FlowSummary, OpenedFlow, VersionInfo };

export interface TemplateInfo {
  id: string;
  name: string;
  description: string;
  blocks: number;
}

export interface VersionDetail {
  revision: number;
  savedAt: string;
  summary: string;
  flow: Flow;
  /** From the current flow to this version: what restoring it would change. */
  diff: FlowDiff;
  current: number;
}

export interface JournalEntry {
  seq: number;
  patches?: Patch[];
  flow?: Flow;
}

export interface TrashEntry {
  trashId: string;
  key: string;
  name: string;
  deletedAt: string;
}

export class StudioApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint: string,
    readonly problems: FlowProblem[] = [],
  ) {
    super(message);
  }
  /** The server is unreachable (stopped, restarted) rather than refusing the request. */
  get offline(): boolean {
    return this.status === 0;
  }
}

export interface StudioApiOptions {
  /** Origin of the studio server; default: the page's own. */
  baseUrl?: string;
  /** Default: the page's <meta name="baton-secret">. */
  secret?: string;
  fetch?: typeof fetch;
}

/**
 * The page's globals, typed narrowly: this module also runs in Node (server and persistence tests), where
 * there is no DOM and the project's Node tsconfig has no DOM types.
 */
interface PageGlobals {
  document?: { querySelector(selector: string): { getAttribute(name: string): string | null; textContent?: string | null } | null };
}

/**
 * Session 43 (studio5, newcomer s42 N8): the templates the studio server wrote into the page (a
 * `<script type="application/json" id="baton-templates">`), so the home screen shows them at once instead of
 * "Loading…" and an empty section until /api/templates answers; null when the page has none (a test page, a server
 * that had not read the templates yet) or they cannot be read.
 */
export function pageTemplates(): TemplateInfo[] | null {
  const el = (globalThis as PageGlobals).document?.querySelector('script#baton-templates');
  const text = el?.textContent;
  if (!text) return null;
  try {
    const list: unknown = JSON.parse(text);
    if (!Array.isArray(list)) return null;
    const ok = list.every((t) => t && typeof t === 'object' && typeof t.id === 'string' && typeof t.name === 'string' && typeof t.description === 'string' && typeof t.blocks === 'number');
    return ok ? (list as TemplateInfo[]) : null;
  } catch {
    return null;
  }
}

/** The per-launch secret the studio server wrote into the page ('' outside a studio page). */
export function pageSecret(): string {
  const doc = (globalThis as PageGlobals).document;
  return doc?.querySelector('meta[name="baton-secret"]')?.getAttribute('content') ?? '';
}

export function createStudioApi(opts: StudioApiOptions = {}) {
  const base = opts.baseUrl ?? '';
  const doFetch = opts.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const secret = () => opts.secret ?? pageSecret();

  async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    let res: Response;
    // Outside the network try: a body JSON cannot hold (nested too deep) is said as such, not as "cannot be reached".
    let payload: string | undefined;
    try {
      payload = body !== undefined ? JSON.stringify(body) : undefined;
    } catch (e) {
      throw new StudioApiError(400, 'unsendable', `This cannot be sent to the studio server: ${e instanceof Error ? e.message : String(e)}.`, 'A value (a typed HTTP reply, for example) is probably nested too deeply; simplify it.');
    }
    try {
      res = await doFetch(base + path, {
        method,
        headers: { 'x-baton-secret': secret(), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: payload,
      });
    } catch {
      throw new StudioApiError(0, 'offline', 'The studio server cannot be reached.', 'Your edits are kept in this browser; start the studio again (npm start) and reopen its link.');
    }
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const e = json?.error;
      if (res.status === 401) {
        throw new StudioApiError(401, 'no_secret', 'The studio server does not recognise this page (it was restarted).', 'Your edits are kept in this browser; open the new link the studio printed.');
      }
      throw new StudioApiError(res.status, e?.code ?? 'error', e?.message ?? `The studio server answered ${res.status}.`, e?.hint ?? '', e?.problems ?? []);
    }
    return json as T;
  }

  const k = (key: string) => encodeURIComponent(key);
  return {
    listFlows: () => call<{ flows: FlowSummary[]; recent: { key: string; name: string; path: string }[] }>('GET', '/api/flows'),
    templates: () => call<{ templates: TemplateInfo[] }>('GET', '/api/templates').then((r) => r.templates),
    createFlow: (opts: { template?: string; name?: string }) => call<{ key: string; flow: Flow }>('POST', '/api/flows', opts),
    openFlow: (key: string) => call<OpenedFlow>('GET', `/api/flows/${k(key)}`),
    /** `guard.baseRevision`: the revision the document is based on; the server answers 409 stale_revision when another tab saved since. */
    saveFlow: (key: string, flow: Flow, journalSeq: number, guard: SaveGuard = {}) =>
      call<{ revision: number; savedAt: string; changed: boolean; problems: FlowProblem[] }>('PUT', `/api/flows/${k(key)}`, { flow, journalSeq, ...guard }),
    /** Has the flow file changed on disk since the studio loaded it (newcomer s11 #17)? */
    diskStatus: (key: string) => call<DiskStatus>('GET', `/api/flows/${k(key)}/disk`),
    /** "Reload": the file on disk becomes the flow's latest version; `flow` (the editor's copy) is kept as a version. */
    // Hostile s13 #2 (with fixhost): the tab is named so the server replays only this tab's journaled edits.
    takeDiskVersion: (key: string, flow: Flow, journalSeq: number, tab?: string) =>
      call<{ revision: number; flow: Flow; editsRevision: number | null; message: string; othersRevision?: number | null }>('POST', `/api/flows/${k(key)}/take-disk`, { flow, journalSeq, ...(tab ? { tab } : {}) }),
    appendJournal: (key: string, entries: JournalEntry[], guard: SaveGuard = {}) => call<{ journalSeq: number }>('POST', `/api/flows/${k(key)}/journal`, { entries, ...guard }),
    versions: (key: string) => call<{ versions: VersionInfo[] }>('GET', `/api/flows/${k(key)}/versions`).then((r) => r.versions),
    version: (key: string, revision: number) => call<VersionDetail>('GET', `/api/flows/${k(key)}/versions/${revision}`),
    restoreVersion: (key: string, revision: number) => call<{ revision: number; flow: Flow }>('POST', `/api/flows/${k(key)}/versions/${revision}/restore`),
    importFlow: (text: string, fileName: string) => call<{ key: string; flow: Flow; problems: FlowProblem[] }>('POST', '/api/import', { text, fileName }),
    exportFlow: (key: string, layout = false) => call<{ text: string; fileName: string; warnings: string[]; scenarios?: { text: string; fileName: string; count: number } }>('GET', `/api/flows/${k(key)}/export?layout=${layout ? 1 : 0}`),
    /** The flow's recorded scenarios (shared/simulator/scenarioSchema.ts ScenarioFile), kept beside the flow file. */
    scenarios: (key: string) => call<{ file: ScenarioFile; exists: boolean; revision: string }>('GET', `/api/flows/${k(key)}/scenarios`),
    /** `baseRevision` (from the load or the last save) makes the server refuse with 409 when the file changed since. */
    saveScenarios: (key: string, file: ScenarioFile, baseRevision?: string) =>
      call<{ scenarios: number; revision: string }>('PUT', `/api/flows/${k(key)}/scenarios`, file, baseRevision ? { 'if-match': baseRevision } : {}),
    /** Sends the flow's export to a running `baton serve` through its admin API (runtime/studio/publishFlow.ts). */
    publishFlow: (key: string, url: string, token: string) =>
      call<{ flowId: string; revision: string; changed: boolean; serverUrl: string; chatUrl: string }>('POST', `/api/flows/${k(key)}/publish`, { url, token }),
    duplicateFlow: (key: string) => call<{ key: string; flow: Flow }>('POST', `/api/flows/${k(key)}/duplicate`),
    deleteFlow: (key: string) => call<TrashEntry>('DELETE', `/api/flows/${k(key)}`),
    trash: () => call<{ trash: TrashEntry[] }>('GET', '/api/trash').then((r) => r.trash),
    restoreFromTrash: (trashId: string) => call<{ key: string }>('POST', `/api/trash/${encodeURIComponent(trashId)}/restore`),
    preferences: () => call<{ preferences: Record<string, unknown> }>('GET', '/api/preferences').then((r) => r.preferences),
    /** The simulator's HTTP Request block called for real by the studio server (runtime/studio/simulateHttp.ts); secrets are filled there. */
    simulateHttp: (req: SimulateHttpRequest) => call<SimulateHttpResult>('POST', '/api/simulate/http', req),
    setPreferences: (patch: Record<string, unknown>) => call<{ preferences: Record<string, unknown> }>('PUT', '/api/preferences', patch).then((r) => r.preferences),
  };
}

export type StudioApi = ReturnType<typeof createStudioApi>;

/** The client for the studio page (same origin, secret from the page). */
export const studioApi: StudioApi = createStudioApi();
