/**
 * Deployed flows and their revisions. New conversations use a flow's active revision; a conversation keeps
 * the revision it started on (pinned), read back from the store after a restart or a redeploy.
 */
import { flowRevision } from '../../shared/engine/flowRevision';
import type { Flow } from '../../shared/flow/schema';
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

  constructor(private store: RuntimeStore) {}

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
