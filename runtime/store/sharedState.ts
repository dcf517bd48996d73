/**
 * What several `baton serve` instances must agree on besides conversations, logs, timers and handoffs (those are
 * in `RuntimeStore`): agent presence with its inactivity timeout, private notes, the assignment inputs of each
 * handoff (team set by a transfer, agents who declined it, whether the agent answered, the last queue message
 * told to the customer), when each agent was last given a chat (round robin), which instance runs the
 * assignment pass, and the events every instance must hear (notes, typing, "also viewing", presence, a flow
 * redeploy).
 *
 * Two implementations: `MemorySharedState` below (one process: the embedded store, tests) and
 * `RedisSharedState` (runtime/store/redis/sharedState.ts: hashes + one pub/sub channel, used with `--redis`).
 * Both are plain JSON in, plain JSON out; time is passed in (`now`), never read here.
 */

export type PresenceStatus = 'online' | 'busy' | 'offline';

export interface PresenceEntry {
  status: PresenceStatus;
  /** Last heartbeat (ms since epoch): an agent request, or an open push stream on any instance. */
  lastSeen: number;
}

/** The last queue position/wait told to a waiting customer (so it is said once, by whichever instance). */
export interface Announcement {
  position: number;
  wait: string;
  at: number;
}

/** Per-handoff assignment inputs and per-agent round-robin state, read in one go by the assignment pass. */
export interface HandoffMeta {
  /** handoffId -> team set by a transfer (overrides the block's teams). */
  team: Map<string, string>;
  /** handoffId -> agents who declined it or did not answer in time (not auto-assigned to them again). */
  declined: Map<string, Set<string>>;
  /** handoffId -> the agent who has written to the customer in it (an answer by an earlier holder does not count). */
  answered: Map<string, string>;
  announced: Map<string, Announcement>;
  /** agentId -> when it was last auto-assigned a chat. */
  lastAssigned: Map<string, number>;
}

export interface AgentSession {
  agentId: string;
  expiresAt: number;
}

/** An event every instance hears (the sender too). `origin` is the sending instance's id. */
export interface SharedEvent {
  type: 'note' | 'typing' | 'viewing' | 'presence' | 'flows' | 'session' | 'directory' | 'team' | 'ticket';
  handoffId: string | null;
  data: unknown;
  origin: string;
}

/** A transfer of a handoff to a named agent: who asked (agent id), to whom (agent id), when (ms). */
export interface DoneTransfer {
  by: string;
  to: string;
  at: number;
}

export interface SharedState {
  /** 'memory' (one process) or 'redis'. */
  readonly kind: 'memory' | 'redis';
  /** This instance's id (the `origin` of its events). */
  readonly instanceId: string;

  /* presence */
  presence(): Promise<Map<string, PresenceEntry>>;
  /** Sets an agent's status and heartbeat; returns the status it had before. */
  setPresence(agentId: string, status: PresenceStatus, now: number): Promise<PresenceStatus>;
  /** Heartbeat for these agents (their status is unchanged). */
  touch(agentIds: string[], now: number): Promise<void>;
  /**
   * Agents not offline whose last heartbeat is older than `cutoff` are set offline, atomically: each such agent is
   * returned to exactly one caller (that caller requeues its chats), even with every instance calling this.
   */
  expirePresence(cutoff: number): Promise<string[]>;

  /* private notes (JSON objects), per conversation, in order */
  addNote(conversationId: string, note: unknown): Promise<void>;
  notes(conversationId: string): Promise<unknown[]>;

  /* assignment inputs */
  handoffMeta(): Promise<HandoffMeta>;
  setTeam(handoffId: string, team: string): Promise<void>;
  addDeclined(handoffId: string, agentId: string): Promise<void>;
  setAnswered(handoffId: string, agentId: string): Promise<void>;
  /** null forgets it (the chat left the queue). */
  setAnnounced(handoffId: string, a: Announcement | null): Promise<void>;
  setLastAssigned(agentId: string, at: number): Promise<void>;
  /* agent sign-in sessions (keyed by the sha256 hex of the session token; the token itself is never stored) */
  putSession(tokenHash: string, s: AgentSession, now: number): Promise<void>;
  getSession(tokenHash: string): Promise<AgentSession | null>;
  deleteSession(tokenHash: string): Promise<void>;

  /** Drops the declines, answered marks and queue messages of these closed handoffs (team transfers stay: they decide who sees a closed chat). */
  forgetHandoffs(handoffIds: string[]): Promise<void>;

  /**
   * Leadership for the assignment pass (auto-assign, reassign, queue messages, presence expiry): true while this
   * instance holds the lease (taken or renewed for `ms`). One process: always true.
   */
  lead(ms: number): Promise<boolean>;

  /**
   * Session 20 (hostile s19 #20): a cluster-wide compare-and-set for admin edits. False when `key` holds a value other
   * than `expect` (another instance saved that item a moment ago); else `key` holds `next` for `ms` and true. An absent
   * key matches any `expect`. Only where several instances share the edits (Redis); one process has no need.
   */
  claimEdit?(key: string, expect: string, next: string, ms: number): Promise<boolean>;
  /** Undoes a claim whose save failed: removes `key` while it still holds `value`. */
  releaseEdit?(key: string, value: string): Promise<void>;

  /**
   * Session 44 (tidy; hostile s43 L5 across instances): the cluster-wide side of an agent transfer, where several
   * instances share the handoffs (Redis); one process has no need (agentRoutes' own counter and the hub's
   * whileTransferring serve it).
   * - transferTurn: the next number of this handoff's transfer turns, cluster-wide (a request takes one on arrival; a
   *   done transfer takes one and keeps it as movedTurn).
   * - holdTransfer / releaseTransfer: one transfer of a handoff at a time in the cluster (true when `owner` now holds it,
   *   for `ms` at most: a crashed holder's claim runs out).
   */
  transferTurn?(handoffId: string): Promise<number>;
  movedTurn?(handoffId: string): Promise<number>;
  setMovedTurn?(handoffId: string, turn: number): Promise<void>;
  holdTransfer?(handoffId: string, owner: string, ms: number): Promise<boolean>;
  releaseTransfer?(handoffId: string, owner: string): Promise<void>;
  /**
   * Session 45 (tidy2, review of s44): the last transfer of this handoff to a named agent done in the cluster (who asked,
   * to whom, when), so a repeat of it that reached another instance (a double click behind a load balancer) is answered
   * as done, as on one instance; null when none (Redis: the keys expire after an hour; memory: the last 1,000 handoffs).
   * Session 46 (tidy3): required, the memory one too: agentRoutes keeps no map of its own beside it.
   */
  lastTransfer(handoffId: string): Promise<DoneTransfer | null>;
  setLastTransfer(handoffId: string, t: DoneTransfer): Promise<void>;

  /* events */
  publish(e: Omit<SharedEvent, 'origin'>): Promise<void>;
  subscribe(fn: (e: SharedEvent) => void): () => void;

  close(): Promise<void>;
}

/** How many handoffs' last transfers one process keeps (MemorySharedState.lastTransfer). */
const MAX_DONE_TRANSFERS = 1000;

/** One process: everything in memory, events delivered synchronously to this process's listeners. */
export class MemorySharedState implements SharedState {
  readonly kind = 'memory' as const;
  readonly instanceId = 'local';
  private status = new Map<string, PresenceEntry>();
  private noteLists = new Map<string, unknown[]>();
  private meta: HandoffMeta = { team: new Map(), declined: new Map(), answered: new Map(), announced: new Map(), lastAssigned: new Map() };
  private listeners = new Set<(e: SharedEvent) => void>();

  async presence() {
    return new Map([...this.status].map(([k, v]) => [k, { ...v }]));
  }
  async setPresence(agentId: string, status: PresenceStatus, now: number) {
    const prev = this.status.get(agentId)?.status ?? 'offline';
    this.status.set(agentId, { status, lastSeen: now });
    return prev;
  }
  async touch(agentIds: string[], now: number) {
    for (const id of agentIds) {
      const p = this.status.get(id);
      if (p) p.lastSeen = Math.max(p.lastSeen, now);
    }
  }
  async expirePresence(cutoff: number) {
    const out: string[] = [];
    for (const [id, p] of this.status) {
      if (p.status !== 'offline' && p.lastSeen < cutoff) {
        p.status = 'offline';
        out.push(id);
      }
    }
    return out;
  }

  async addNote(conversationId: string, note: unknown) {
    const list = this.noteLists.get(conversationId) ?? [];
    list.push(note);
    this.noteLists.set(conversationId, list);
  }
  async notes(conversationId: string) {
    return [...(this.noteLists.get(conversationId) ?? [])];
  }

  async handoffMeta(): Promise<HandoffMeta> {
    const m = this.meta;
    return {
      team: new Map(m.team),
      declined: new Map([...m.declined].map(([k, v]) => [k, new Set(v)])),
      answered: new Map(m.answered),
      announced: new Map(m.announced),
      lastAssigned: new Map(m.lastAssigned),
    };
  }
  async setTeam(handoffId: string, team: string) {
    this.meta.team.set(handoffId, team);
  }
  async addDeclined(handoffId: string, agentId: string) {
    const s = this.meta.declined.get(handoffId) ?? new Set<string>();
    s.add(agentId);
    this.meta.declined.set(handoffId, s);
  }
  async setAnswered(handoffId: string, agentId: string) {
    this.meta.answered.set(handoffId, agentId);
  }
  async setAnnounced(handoffId: string, a: Announcement | null) {
    if (a) this.meta.announced.set(handoffId, a);
    else this.meta.announced.delete(handoffId);
  }
  async setLastAssigned(agentId: string, at: number) {
    this.meta.lastAssigned.set(agentId, at);
  }
  async forgetHandoffs(handoffIds: string[]) {
    for (const id of handoffIds) {
      this.meta.declined.delete(id);
      this.meta.answered.delete(id);
      this.meta.announced.delete(id);
    }
  }

  private sessionMap = new Map<string, AgentSession>();
  async putSession(tokenHash: string, s: AgentSession) {
    this.sessionMap.set(tokenHash, { ...s });
  }
  async getSession(tokenHash: string) {
    const s = this.sessionMap.get(tokenHash);
    return s ? { ...s } : null;
  }
  async deleteSession(tokenHash: string) {
    this.sessionMap.delete(tokenHash);
  }

  async lead() {
    return true;
  }

  /** handoffId -> the last transfer to a named agent done here (the last MAX_DONE_TRANSFERS handoffs, oldest dropped). */
  private doneTransfers = new Map<string, DoneTransfer>();
  async lastTransfer(handoffId: string) {
    const t = this.doneTransfers.get(handoffId);
    return t ? { ...t } : null;
  }
  async setLastTransfer(handoffId: string, t: DoneTransfer) {
    this.doneTransfers.delete(handoffId); // a handoff transferred again is the newest
    this.doneTransfers.set(handoffId, { by: t.by, to: t.to, at: t.at });
    if (this.doneTransfers.size > MAX_DONE_TRANSFERS) this.doneTransfers.delete(this.doneTransfers.keys().next().value as string);
  }

  async publish(e: Omit<SharedEvent, 'origin'>) {
    const full: SharedEvent = { ...e, origin: this.instanceId };
    for (const l of this.listeners) l(full);
  }
  subscribe(fn: (e: SharedEvent) => void) {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }

  async close() {
    this.listeners.clear();
  }
}
