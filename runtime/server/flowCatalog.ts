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
