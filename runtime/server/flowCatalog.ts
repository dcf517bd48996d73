/**
 * Deployed flows and their revisions. New conversations use a flow's active revision; a conversation keeps
 * the revision it started on (pinned), read back from the store after a restart or a redeploy.
 *
 * Several instances (`--redis`): a deploy stores the document and the active revision in the store and
 * publishes a 'flows' event through the shared state; every instance (`watch`) then loads the new revision
 * from the store, so new conversations get it whichever instance they reach. A missed event is caught up by
 * `sync` (every few seconds), and a revision a conversation pinned is read from the store when not in memory.
 */
import type { Logger } from 'pino';
import { flowRevision } from '../../shared/engine/flowRevision';
import type { Flow } from '../../shared/flow/schema';
import type { SharedEvent, SharedState } from '../store/sharedState';
import type { RuntimeStore } from '../store/types';

export interface DeployedFlow {
  flow: Flow;
  revision: string;
}

/**
 * The key, among a flow's revisions in the store, of the marker that remembers the flow file's revision at the last
 * start (`deployAtStart`). Not a revision id (those are hashes), so no conversation is ever pinned to it.
 */
export const FILE_MARK = 'file-at-last-start';

/** What `deployAtStart` did, with the start-up log line to write (null: nothing worth saying). */
export interface StartDeploy {
  revision: string;
  changed: boolean;
  /** True when an admin-API revision was kept over the file's (unchanged since the last start). */
  kept: boolean;
  note: { msg: string; fields: Record<string, unknown> } | null;
}

/** The engine's stable id of the flow's logic (layout does not count, so moving a block is not a new revision). */
export const revisionOf = (flow: Flow): string => flowRevision(flow);

export class FlowCatalog {
  private activeById = new Map<string, DeployedFlow>();
  private byRevision = new Map<string, DeployedFlow>();

  private shared: SharedState | null = null;
  private logger: Logger | null = null;
  private unwatch: (() => void) | null = null;
  private syncTimer: NodeJS.Timeout | null = null;

  constructor(private store: RuntimeStore) {}

  /**
   * Follows deploys made by other instances: each 'flows' event (and a re-check every `syncMs`) loads the active
   * revision from the store. With `all`, flows this instance was not started with are served too (Redis).
   */
  async watch(shared: SharedState, opts: { logger?: Logger; syncMs?: number; all?: boolean } = {}) {
    this.shared = shared;
    this.logger = opts.logger ?? null;
    this.unwatch = shared.subscribe((e: SharedEvent) => {
      if (e.type !== 'flows' || e.origin === shared.instanceId) return;
      const d = e.data as { flowId?: unknown };
      if (typeof d?.flowId === 'string') void this.load(d.flowId).catch((err) => this.logger?.warn({ err, flowId: d.flowId }, 'loading a redeployed flow failed'));
    });
    if (opts.all) {
      const all = await (this.store as { activeRevisions?: () => Promise<Record<string, string>> }).activeRevisions?.();
      for (const flowId of Object.keys(all ?? {})) if (!this.activeById.has(flowId)) await this.load(flowId);
    }
    const every = opts.syncMs ?? 5000;
    if (every > 0) {
      const run = () => {
        this.syncTimer = setTimeout(async () => {
          await this.sync().catch((err) => this.logger?.warn({ err }, 'flow catalogue sync failed'));
          if (this.syncTimer) run();
        }, every);
        this.syncTimer.unref?.();
      };
      run();
    }
  }

  stop() {
    this.unwatch?.();
    this.unwatch = null;
    const t = this.syncTimer;
    this.syncTimer = null;
    if (t) clearTimeout(t);
  }

  /** Re-reads every served flow's active revision (catches a 'flows' event missed during a reconnect). */
  async sync() {
    for (const flowId of [...this.activeById.keys()]) await this.load(flowId);
  }

  /** Makes the store's active revision of `flowId` the one this instance serves. */
  private async load(flowId: string) {
    const revision = await this.store.getActiveRevision(flowId);
    if (!revision || this.activeById.get(flowId)?.revision === revision) return;
    const d = await this.pinned(flowId, revision);
    if (!d) return;
    this.activeById.set(flowId, d);
    this.logger?.info({ flowId, revision }, 'flow revision deployed by another instance: now serving it');
  }

  /**
   * Start-up with a flow file (`baton serve flow.json`): which revision new conversations get.
   *
   * A team that deploys a fix through `POST /api/v1/admin/flows` expects it to outlive a restart, unless someone
   * changed the flow file since (then the file is the newer intent). So the store remembers the file's revision at
   * each start (a marker record beside the flow's revisions, `FILE_MARK`); at the next start:
   * - the file's revision equals the active one: nothing to say;
   * - the file is unchanged since the last start and another revision is active (deployed through the admin API, or
   *   by another instance): that revision is KEPT, and the note says so, since when, and how to serve the file's;
   * - the file changed since the last start, or the data folder has no marker (first start, or written by a version
   *   before session 9): the file's revision is deployed, and the note names the revision it replaced.
   * Conversations keep the revision they are pinned to either way.
   */
  async deployAtStart(flow: Flow, now: number): Promise<StartDeploy> {
    const fileRevision = revisionOf(flow);
    const active = await this.store.getActiveRevision(flow.id);
    const mark = await this.store.getFlowRevision(flow.id, FILE_MARK);
    const lastFile = typeof (mark?.flow as { revision?: unknown } | undefined)?.revision === 'string' ? (mark!.flow as { revision: string }).revision : null;
    if (lastFile !== fileRevision) await this.store.putFlowRevision({ flowId: flow.id, revision: FILE_MARK, flow: { revision: fileRevision }, deployedAt: now });
    if (active && active !== fileRevision && lastFile === fileRevision) {
      const kept = await this.pinned(flow.id, active);
      if (kept) {
        // The file's revision is stored too, so a conversation or an export can still name it.
        if (!(await this.store.getFlowRevision(flow.id, fileRevision))) await this.store.putFlowRevision({ flowId: flow.id, revision: fileRevision, flow, deployedAt: now });
        this.activeById.set(flow.id, kept);
        const rec = await this.store.getFlowRevision(flow.id, active);
        const since = rec ? new Date(rec.deployedAt).toISOString() : 'an earlier run';
        return {
          revision: active,
          changed: false,
          kept: true,
          note: {
            msg: 'flow revision kept at start-up',
            fields: {
              flowId: flow.id,
              revision: active,
              deployedAt: rec?.deployedAt ?? null,
              fileRevision,
              hint:
                `flow ${flow.id}: serving revision ${active} (deployed ${since} through POST /api/v1/admin/flows or by another instance), ` +
                `not the file's revision ${fileRevision}: the flow file is unchanged since the last start, so the deployed revision stays. ` +
                `To serve the file's revision: change the file and restart, or POST it to /api/v1/admin/flows.`,
            },
          },
        };
      }
    }
    const r = await this.deploy(flow, now);
    if (!active || active === r.revision) return { ...r, kept: false, note: null };
    const rec = await this.store.getFlowRevision(flow.id, active);
    const since = rec ? new Date(rec.deployedAt).toISOString() : 'an earlier run';
    const why =
      lastFile === null
        ? `this data folder has no record of the file's revision at the last start (first start with this version), so the file wins`
        : `the flow file changed since the last start (its revision then: ${lastFile}), so the file wins`;
    return {
      ...r,
      kept: false,
      note: {
        msg: 'flow revision replaced at start-up',
        fields: {
          flowId: flow.id,
          previousRevision: active,
          previousDeployedAt: rec?.deployedAt ?? null,
          revision: r.revision,
          hint:
            `flow ${flow.id}: the data folder served revision ${active} (deployed ${since}); the file's revision ${r.revision} ` +
            `serves new conversations from now on (conversations pinned to ${active} keep it): ${why}. ` +
            `A revision deployed through POST /api/v1/admin/flows outlives restarts while the flow file stays unchanged.`,
        },
      },
    };
  }

  /** Stores the flow as a revision and makes it the active one. Returns whether it changed. */
  async deploy(flow: Flow, now: number): Promise<{ revision: string; changed: boolean }> {
    const revision = revisionOf(flow);
    const prior = await this.store.getActiveRevision(flow.id);
    if (!(await this.store.getFlowRevision(flow.id, revision))) {
      await this.store.putFlowRevision({ flowId: flow.id, revision, flow, deployedAt: now });
    }
    if (prior !== revision) await this.store.setActiveRevision(flow.id, revision);
    const d = { flow, revision };
    this.activeById.set(flow.id, d);
    this.byRevision.set(`${flow.id}@${revision}`, d);
    if (this.shared) await this.shared.publish({ type: 'flows', handoffId: null, data: { flowId: flow.id, revision } });
    return { revision, changed: prior !== revision };
  }

  active(flowId: string): DeployedFlow | null {
    return this.activeById.get(flowId) ?? null;
  }

  flowIds(): string[] {
    return [...this.activeById.keys()];
  }

  async pinned(flowId: string, revision: string): Promise<DeployedFlow | null> {
    const key = `${flowId}@${revision}`;
    const hit = this.byRevision.get(key);
    if (hit) return hit;
    const rec = await this.store.getFlowRevision(flowId, revision);
    if (!rec) return null;
    const d = { flow: rec.flow as Flow, revision };
    this.byRevision.set(key, d);
    return d;
  }
}
