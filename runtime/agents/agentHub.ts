/**
 * The agents' side of `baton serve`: presence, automatic assignment (the runtime assigns, the engine requests),
 * reassignment, going offline, and the agent push channel's event log.
 *
 * Several instances (`--redis`): presence, notes, "also viewing", typing, team transfers and the assignment
 * inputs live in the store's `SharedState` (runtime/store/sharedState.ts), so an agent connected to instance A
 * is auto-assigned a handoff created on instance B and sees B's notes and viewers. Each instance keeps a mirror
 * (re-read every tick, and updated at once by the shared events) so the request paths stay synchronous. The
 * assignment pass (auto-assign, reassign, queue messages, presence expiry) runs on ONE instance at a time, the
 * holder of the shared leader lease; if it dies another takes over within the lease.
 *
 * Every change to a conversation goes through `ConversationService.apply`, i.e. under the store's
 * per-conversation lock and through the engine, which refuses stale or duplicate events: two agents accepting
 * one handoff cannot both win (the second gets 409), and the bot never speaks while an agent holds the chat
 * (the engine's mode 'agent').
 */
import { agentWordsMasked, maskAgentText } from './agentWords';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { pickAgent, reachableAgents } from '../../shared/handoff/assignment';
import { estimateWait } from '../../shared/handoff/estimateWait';
import { notOpenedYet } from '../../shared/handoff/lifecycle';
import { queueAhead } from '../../shared/engine/humanTakeover';
import type { QueuedHandoff } from '../../shared/engine/types';
import { requeueIsRefusal, type AgentPresence, type AssignmentRequest, type Handoff, type HandoffTransition, type RequeueCause } from '../../shared/handoff/types';
import type { Input } from '../../shared/engine/types';
import type { HandoffRecord, LogEntry, RuntimeStore } from '../store/types';
import { MemorySharedState, type DoneTransfer, type HandoffMeta, type PresenceEntry, type SharedEvent, type SharedState } from '../store/sharedState';
import { ApiError, type ConversationService } from '../server/conversationService';
import type { Agent, AgentDirectory } from './agentDirectory';
import { customerPresenceIfAny, pageGone } from './customerPresence';

/** An agent/runtime event without its ids (the hub adds handoffId and a fresh eventId). */
export type AgentInput = Input extends infer I ? (I extends { handoffId: string } ? Omit<I, 'handoffId' | 'eventId'> : never) : never;

export type { PresenceStatus } from '../store/sharedState';
import type { PresenceStatus } from '../store/sharedState';

/** The `handoff_request` effect stored with each handoff (the fields we read). */
export interface StoredRequest {
  context?: { summary?: string; reason?: string; signals?: unknown[]; intents?: unknown[]; entities?: unknown[]; variables?: Record<string, unknown>; suggestedResolution?: string };
  assignation?: string;
  skill?: string;
  language?: string;
  teams?: string[];
  agents?: string[];
  autoAssign?: { strategy: 'round_robin' | 'least_busy'; maxChatsPerAgent: number } | null;
}

export interface AgentEvent {
  id: number;
  type: 'handoff' | 'message' | 'typing' | 'viewing' | 'note' | 'presence' | 'ticket';
  /** Handoff the event is about (visibility), or null for everyone. */
  handoffId: string | null;
  data: unknown;
}

const OPEN = new Set(['pending', 'assigned']);
/** A resolved handoff's conversation is still forwarded to the agents this long (the bot's rating after a hand back). */
const FOLLOW_AFTER_CLOSE_MS = 10 * 60_000;
const EVENT_BUFFER = 5000;
/** How long the assignment leader's lease lasts without renewal (it renews every tick). */
const LEAD_MS = 3000;
/** An agent's heartbeat is written to the shared state at most this often per instance. */
const TOUCH_MS = 1000;
/** A request this long after an agent's last push stream closed shows they are still there (see connected()). */
const HEARD_AFTER_CLOSE_MS = 2000;
/** An inbox closed this long (not a reload) is shown on the agents list: see inboxClosedSince(). */
const INBOX_CLOSED_SHOWN_MS = 3000;
/** --redis: an instance holding an agent's push stream says so again this often (see inboxesElsewhere). */
const INBOX_RETELL_MS = 10_000;
/** --redis: another instance's "her inbox is open here" not said again for this long is taken as closed when last said (that instance died). */
const INBOX_TOLD_STALE_MS = 3 * INBOX_RETELL_MS;
/**
 * One process (no --redis): the stored handoffs are re-read only after something that may have changed them (a
 * conversation step, a message in a followed conversation, an agent action), for a few ticks after it (the step's
 * commit lands after its signal), and at least this often whatever happens (anything no signal reached).
 */
const FULL_READ_MS = 5000;
const READ_TICKS_AFTER_SIGNAL = 3;
/**
 * Session 44: a transfer's cluster-wide claim (whileTransferringAcross) lasts at most TRANSFER_HOLD_MS (a crashed
 * instance's claim runs out); a transfer waits at most TRANSFER_WAIT_MS for another instance's, then is refused (409).
 */
const TRANSFER_HOLD_MS = 15_000;
const TRANSFER_WAIT_MS = 10_000;
/** A handoff this process wrote is laid over the stored list until a read holds it, at most this long (see `written`). */
const WRITTEN_KEEP_MS = 30_000;
/** The chats an agent at their own maxChats is counted as holding for the wait estimate (see presenceForEstimate). */
const FULL_AT_OWN_LIMIT = 1_000_000;
/**
 * --redis: another instance's change gives no signal here but moves the mode counts (a new handoff: bot -> waiting;
 * accepted: waiting -> agent; resolved, requeued, transferred...), which Redis counts cheaply (SCARD per mode); a change
 * in a followed conversation is signalled by its log (pub/sub). Re-read at least this often anyway.
 */
const SHARED_FULL_READ_MS = 2000;

export interface Note {
  id: string;
  handoffId: string;
  conversationId: string;
  agentId: string;
  agentName: string;
  text: string;
  at: number;
  /**
   * What was masked in it ("card", "password"...; newcomer s17 N#7: the agent was not told her words were changed to
   * "[hidden]"), kept with the note so the inbox can say so after a reload too. Absent when nothing was.
   */
  secretsHidden?: string[];
}

/** How long a tick waits for its look at the agents file before going on without it (the look goes on). */
const FILE_LOOK_WAIT_MS = 200;
/** A chat whose agent was removed from the agents file goes back to the queue after this long. */
const REMOVED_GRACE_MS = 5000;
/**
 * Newcomer s26 F13: an agent found away within this long of the process's start lost her presence with the restart
 * (her inbox reconnects by itself); the customer is told nothing for RESTART_QUIET_MS after the start, and then "We're
 * reconnecting you with <name>", not "<name> has stepped away".
 */
const RESTART_NOTICED_MS = 10_000;
const RESTART_QUIET_MS = 30_000;
/**
 * Newcomer s32 #5: an agent back from an absence the customer was told of is said to be back only once she has stayed
 * back this long: reopening the inbox and going offline with "Put it back" seconds later showed the customer "Ann has
 * stepped away", "Ann is back", "finding someone else" in a row (as if Ann came back and refused them).
 */
export const BACK_SETTLE_MS = 20_000;

/**
 * What the customer of a held chat is told while its agent is away and when she is back (requeueLeftChats). Whether
 * and when the customer was told is kept with the conversation (ConversationRecord.agentAway), not read back from
 * these words (session 31: review of hostile s28 H12).
 */
const awayLines = {
  reconnecting: (name: string) => `We're reconnecting you with ${name}. Please stay with us: your chat stays with ${name}.`,
  steppedAway: (name: string) => `${name} has stepped away for a moment and will be back shortly. Please stay with us: your chat stays with ${name}.`,
  reconnected: (name: string) => `You're connected with ${name} again.`,
  back: (name: string) => `${name} is back.`,
};
/**
 * Session 41 (newcomer s40 N2): a chat put back to the queue with nobody signed in who could take it leaves by the
 * block's No agent exit this long after the put-back (the customer was just told someone else is being found; an agent
 * whose connection blinked may be back). A chat an agent gives back by going offline or signing out, with nobody else
 * signed in, leaves at once (requeueHeldBy: `nobodyElse`).
 */
export const PUT_BACK_SETTLE_MS = 60_000;
/** The note of a chat put back because the agent who had answered it stayed away past the grace (requeueLeftChats). */
export const AWAY_TOO_LONG_NOTE = 'The agent was away too long; finding someone else (the chat keeps its place in the queue).';
/** Session 30 (hostile s29 H11): the note on an auto-assigned chat the agent did not open in time (settings.notOpenedAfterMinutes). */
export const NOT_OPENED_NOTE = 'Not opened in time: reassigned.';
/** The note on an auto-assigned chat the agent did not answer in time (settings.reassignAfterMinutes). */
export const NOT_ANSWERED_NOTE = 'Not answered in time: reassigned.';

const NO_RATINGS: ReadonlyMap<LogEntry, string> = new Map();
export { agentWordsMasked, maskAgentText };

/** One instance's push streams of an agent, as it told the others (--redis; see AgentHub inboxesElsewhere). */
interface InboxHere {
  open: boolean;
  /** When its last one there closed (null while one is open). */
  leftAt: number | null;
  /** When that instance said so. */
  at: number;
}

export class AgentHub {
  /** Mirror of the shared presence (every instance's agents), re-read each tick and on presence events. */
  private presence = new Map<string, PresenceEntry>();
  /** agentId -> `presenceGen` at its last presence change set or heard here (syncShared keeps those over a stale read). */
  private presenceChanged = new Map<string, number>();
  private presenceGen = 0;
  /** agentId -> the auto-assignment to them in flight (their going offline waits for it, then requeues). */
  private assigning = new Map<string, Promise<unknown>>();
  /** Push streams this instance holds, per agent (heartbeats for them are written by this instance). */
  private streams = new Map<string, number>();
  private lastTouch = new Map<string, number>();
  /** Mirror of the shared assignment inputs (team transfers, declines, answered, queue messages, round robin). */
  private meta: HandoffMeta = { team: new Map(), declined: new Map(), answered: new Map(), announced: new Map(), lastAssigned: new Map() };
  /** handoffId -> who it was assigned to and when (from the stored handoffs). */
  private assigned = new Map<string, { agentId: string; at: number }>();
  /** handoffId -> agentId -> viewing until (ms); fed by the shared 'viewing' events. */
  private viewers = new Map<string, Map<string, number>>();
  readonly shared: SharedState;
  private unsubscribeShared: () => void;
  private leader = false;
  private lastForget = 0;
  private readonly startedAt: number;
  /** agentId -> since when the leader has seen the agent offline (for chats they answered but left). */
  private offlineSince = new Map<string, number>();
  private events: AgentEvent[] = [];
  /** Id of the newest event (0 before the first). */
  private lastId = 0;
  /** Id of the newest event dropped from the buffer (0 when none). */
  private droppedUpTo = 0;
  private listeners = new Set<(e: AgentEvent) => void>();
  /** joined: see summarize (newcomer s29 N11: the inboxes' rows follow an agent opening her chat in another tab). */
  private snapshot = new Map<string, { status: string; agentId: string | null; joined: boolean | null }>();
  /** conversationId -> the handoff whose messages are forwarded, and how to stop (see `FOLLOW_AFTER_CLOSE_MS`). */
  private subscriptions = new Map<string, { hid: string; off: () => void }>();
  private handoffs: HandoffRecord[] = [];
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  /** Agents holding chats who are no longer in the directory -> since when (see requeueLeftChats). */
  private removedSince = new Map<string, number>();
  /** The agents-file look the loop started and that has not ended yet. */
  private fileLook: Promise<unknown> | null = null;
  private kicked = false;
  private readGen = 0;
  private appliedGen = 0;
  /**
   * Goes up whenever what presenceList() or queueForEstimate() answer may have changed (presence, handoffs, team
   * transfers, last assignments; agent edits through the directory's generation): `--workers` compares it before each
   * customer message and rebuilds the engine's snapshot only when it moved (runtime/shard/shardPool.ts).
   */
  get snapshotVersion(): number {
    // Asked before each customer message a shard runs: a step is coming that may open or change a handoff.
    this.handoffsMayChange();
    return this.version * 1e6 + this.deps.directory.generation;
  }
  private version = 0;
  /**
   * Minimum time between two queue updates to one customer. 0: a place is told as soon as it moves (newcomer s11 #3:
   * with 30 s the customer read "number 2" 20-25 s after the head of the queue was taken). The widget shows the queue
   * lines as one line updated in place, and a place is told only when it moves up to one of the first three or the
   * wait in words changes, so this adds at most a few lines per waiting chat.
   */
  queueUpdateMs = 0;
  /** The queue as last computed: handoffId -> place, expected wait, nobody could take it (see placesNow). */
  private places = new Map<string, { position: number; wait: string; nobody: boolean }>();
  /**
   * Work the loop did, counted (test/bench/agentIdle.ts and test/server/agentIdle.test.ts read it): while nothing
   * happens these stand still (README "Not finished" s7: 1,000 waiting chats cost 5-14% of a core when idle).
   */
  readonly work = { ticks: 0, handoffReads: 0, handoffsRead: 0, queuePasses: 0, assignPasses: 0 };
  /** Ticks that still re-read the stored handoffs after a signal that they may have changed. */
  private readTicks = READ_TICKS_AFTER_SIGNAL;
  private lastRead = Number.NEGATIVE_INFINITY;
  /** What the assignment and queue passes read (handoffs, presence, teams, declines, agents) changed since they ran. */
  private passesDirty = true;
  /** When the passes must run again although nothing changed (a queue update held back by queueUpdateMs, start-up grace). */
  private passesDueAt = Number.POSITIVE_INFINITY;
  private handoffsPrint = '';
  private inputsPrint = '';
  /** --redis: other instances change handoffs too (see SHARED_FULL_READ_MS). */
  private readonly oneProcess: boolean;
  private modeCounts = '';

  constructor(
    readonly deps: {
      store: RuntimeStore;
      service: ConversationService;
      directory: AgentDirectory;
      logger: Logger;
      now: () => number;
      pollMs?: number;
      /** Shared with the other instances (`store.sharedState()`); default: this process only. */
      shared?: SharedState;
      /**
       * Agents who count as reachable without an open inbox (the studio's Run: the designer, whose inbox window the
       * browser may block or who closes it; newcomer s26 F17, s35 #3): a closed inbox does not make them offline for
       * new chats or the wait estimate, and Online does not lapse by inactivity. They can still choose Offline.
       */
      inboxOptional?: readonly string[];
    },
  ) {
    this.startedAt = deps.now();
    // A chosen Offline survives a restart (hostile s9 #17): kept next to the agents file with the sessions.
    for (const id of deps.directory.offlineChosenAtStart()) this.chosenOffline.add(id);
    // Session 37 (review of session 36): the start-up grace is for inboxes reconnecting; when nobody was online before
    // this start (as kept next to the agents file; agents given in-process keep nothing), nobody is reconnecting and
    // there is none. Unknown (a sessions file kept by an older version, or a damaged one): the grace applies, as before.
    const before = deps.directory.onlineAtStart();
    this.nobodyOnlineBefore = before !== null && before.length === 0;
    this.shared = deps.shared ?? deps.store.sharedState?.() ?? new MemorySharedState();
    this.oneProcess = this.shared instanceof MemorySharedState;
    this.unsubscribeShared = this.shared.subscribe((e) => this.onShared(e));
  }

  /** Events from any instance (this one included). */
  private onShared(e: SharedEvent) {
    switch (e.type) {
      case 'note':
      case 'typing':
      case 'ticket':
        this.emit(e.type, e.handoffId, e.data);
        return;
      case 'team': {
        // A transfer to another team: the chat leaves the old team's lists, and the filtered 'handoff' event cannot
        // reach them any more (they no longer see it), so every agent is told to refetch (no ids, no names).
        const d = e.data as { handoffId: string; team: string };
        this.meta.team.set(d.handoffId, d.team);
        this.version++;
        this.emit('handoff', null, { listChanged: true });
        return;
      }
      case 'presence': {
        const d = e.data as { agentId: string; status: PresenceStatus; at?: number; chosen?: boolean; inbox?: InboxHere };
        if (d.inbox !== undefined) {
          // Another instance's push streams for this agent opened or closed (see inboxesElsewhere); ours are known here.
          if (e.origin === this.shared.instanceId) return;
          const m = this.inboxesElsewhere.get(d.agentId) ?? new Map<string, InboxHere>();
          m.set(e.origin, d.inbox);
          this.inboxesElsewhere.set(d.agentId, m);
          this.version++;
          this.kick();
          return;
        }
        if (d.status !== 'offline') this.chosenOffline.delete(d.agentId);
        else if (d.chosen) this.chosenOffline.add(d.agentId);
        this.keepChosenOffline();
        const p = this.presence.get(d.agentId);
        this.presence.set(d.agentId, { status: d.status, lastSeen: Math.max(p?.lastSeen ?? 0, d.at ?? 0) });
        this.version++;
        this.presenceChanged.set(d.agentId, ++this.presenceGen);
        this.emit('presence', null, { agentId: d.agentId, status: d.status });
        this.shown.set(d.agentId, d.status);
        // What the agents list shows may differ (her inbox closed): told at once.
        this.announceShown();
        // Gone offline: her "Also viewing" goes with her (newcomer s41 N6).
        if (d.status === 'offline') this.dropViewer(d.agentId);
        this.kick();
        return;
      }
      case 'viewing': {
        const d = e.data as { handoffId: string; agentId: string; until: number; fresh?: boolean };
        const now = this.deps.now();
        const m = this.viewers.get(d.handoffId) ?? new Map<string, number>();
        if (d.until <= now) {
          // The agent closed the chat or their inbox: the others' badges drop them now, not 30 s later.
          const had = m.delete(d.agentId);
          if (had || e.origin === this.shared.instanceId) this.emitViewers(d.handoffId, m);
          if (m.size === 0) this.viewers.delete(d.handoffId);
          return;
        }
        const fresh = e.origin === this.shared.instanceId ? d.fresh === true : !m.has(d.agentId) || m.get(d.agentId)! < now;
        m.set(d.agentId, d.until);
        for (const [id, until] of m) if (until < now) m.delete(id);
        this.viewers.set(d.handoffId, m);
        if (fresh) this.emitViewers(d.handoffId, m);
        return;
      }
      default:
        return;
    }
  }

  /** Drops an agent from every viewers list here and tells this instance's streams (each instance does it for its own). */
  private dropViewer(agentId: string) {
    for (const [hid, m] of this.viewers) {
      if (!m.delete(agentId)) continue;
      this.emitViewers(hid, m);
      if (m.size === 0) this.viewers.delete(hid);
    }
  }

  private emitViewers(handoffId: string, m: Map<string, number>) {
    const names = [...m.keys()].map((id) => this.deps.directory.get(id)?.name ?? id);
    this.emit('viewing', handoffId, { handoffId, agents: [...m.keys()], names });
  }

  /** Viewers whose 30 s ran out are dropped, and the agents told (each instance for its own streams). */
  private expireViewers(now: number) {
    for (const [hid, m] of this.viewers) {
      let changed = false;
      for (const [id, until] of m) {
        if (until < now) {
          m.delete(id);
          changed = true;
        }
      }
      if (changed) this.emitViewers(hid, m);
      if (m.size === 0) this.viewers.delete(hid);
    }
  }

  private warn(what: string) {
    return (err: unknown) => this.deps.logger.warn({ err }, what);
  }

  /* ------------------------------------------------------------ presence */

  status(agentId: string): PresenceStatus {
    return this.presence.get(agentId)?.status ?? 'offline';
  }

  /**
   * Agents who CHOSE offline (the presence switch, or giving their chats back), not put offline by the inactivity
   * timeout or never signed in: an inbox that loads (a reload, another tab, the phone waking up) leaves them offline
   * instead of setting them online (newcomer s9 #18). Cleared when they choose online or busy, or sign in anew.
   * Told to every instance with the presence event (`chosen`).
   */
  private chosenOffline = new Set<string>();

  offlineChosen(agentId: string): boolean {
    return this.status(agentId) === 'offline' && this.chosenOffline.has(agentId);
  }

  /** Writes who chose Offline next to the agents file when it changed (a failure is logged; memory still has it). */
  private keepChosenOffline() {
    this.deps.directory.saveOfflineChosen(this.chosenOffline).catch(this.warn('keeping the chosen Offline for a restart failed'));
  }

  /** A new sign-in: the next inbox to load may set them online again. */
  signedIn(agentId: string) {
    this.chosenOffline.delete(agentId);
    this.keepChosenOffline();
  }

  async setPresence(agentId: string, status: PresenceStatus, o: { chosen?: boolean } = {}): Promise<void> {
    const now = this.deps.now();
    const wasChosen = this.chosenOffline.has(agentId);
    if (status !== 'offline') this.chosenOffline.delete(agentId);
    else if (o.chosen) this.chosenOffline.add(agentId);
    const chosenChanged = wasChosen !== this.chosenOffline.has(agentId);
    if (chosenChanged) this.keepChosenOffline();
    // Seen at once by an assignment pass in progress here (hostile s6: an agent going offline just as a chat was
    // assigned made the customer read "joined", then "finding someone else").
    this.presence.set(agentId, { status, lastSeen: now });
    this.presenceChanged.set(agentId, ++this.presenceGen);
    this.version++;
    const prev = await this.shared.setPresence(agentId, status, now);
    this.presence.set(agentId, { status, lastSeen: now });
    // Again after the write (hostile s17 H#16): a syncShared that began before the shared state held it read the old
    // status with the generation set above, so it put an agent who had just signed out back to "online", and a pass
    // gave her a chat after her unanswered ones had been requeued (about 1 sign-out in 10 racing a new handoff).
    this.presenceChanged.set(agentId, ++this.presenceGen);
    this.version++;
    this.lastTouch.set(agentId, now);
    if (prev === status && !chosenChanged) return;
    await this.shared.publish({ type: 'presence', handoffId: null, data: { agentId, status, at: now, ...(this.chosenOffline.has(agentId) ? { chosen: true } : {}) } });
    if (prev === status) return;
    this.kick();
    // Kept for the next start at once (not only at the next tick: a restart may come first).
    this.noteGraceAndOnline();
    if (status === 'offline') {
      // An assignment to them already on its way (past its last check) is waited for, so it is requeued below
      // rather than left with an agent who is gone.
      await this.assigning.get(agentId)?.catch(() => undefined);
      await this.requeueUnanswered(agentId, notRefusedNotes.wentOffline, 'went_offline');
    }
  }

  /** Any authenticated agent request counts as a heartbeat (written to the shared state at most once a second). */
  seen(agentId: string) {
    const now = this.deps.now();
    const p = this.presence.get(agentId);
    if (p) p.lastSeen = Math.max(p.lastSeen, now);
    if (now - (this.lastTouch.get(agentId) ?? 0) < TOUCH_MS) return;
    this.lastTouch.set(agentId, now);
    void this.shared.touch([agentId], now).catch(this.warn('presence heartbeat failed'));
  }

  streamOpened(agentId: string) {
    const was = this.connected(agentId);
    const first = !this.streams.has(agentId);
    this.streams.set(agentId, (this.streams.get(agentId) ?? 0) + 1);
    this.streamLeftAt.delete(agentId);
    this.lastTouch.delete(agentId);
    this.seen(agentId);
    if (first) this.tellInbox(agentId);
    if (!was) this.kick(); // back: the queue may be hers (see runTick's inputs)
    this.announceShown();
  }

  /** agentId -> the status the colleagues' inboxes were last told (the agents list's: offline once her inbox closed). */
  private shown = new Map<string, PresenceStatus>();

  /** What GET /agents says of an agent: her status, but offline once her inbox has been closed a while (inboxClosedSince). */
  shownStatus(agentId: string): PresenceStatus {
    const s = this.status(agentId);
    return s !== 'offline' && this.inboxClosedSince(agentId) !== null ? 'offline' : s;
  }

  /**
   * Session 41 (newcomer s41 N1): a colleague who signed in after you stayed "(offline)" in your Transfer list until a
   * reload. Her status had stayed "online" while her inbox was closed (the list shows that as offline), so the new
   * inbox set nothing and no presence event went out. Now every change of what the list shows (an inbox opened or
   * closed, a status set here or heard from another instance) is pushed to this instance's streams as a `presence` event.
   */
  private announceShown() {
    for (const a of this.deps.directory.list()) {
      const now = this.shownStatus(a.id);
      const was = this.shown.get(a.id);
      this.shown.set(a.id, now);
      if (was !== undefined && was !== now) this.emit('presence', null, { agentId: a.id, status: now });
    }
  }

  streamClosed(agentId: string) {
    const n = Math.max(0, (this.streams.get(agentId) ?? 0) - 1);
    if (n === 0) this.streams.delete(agentId);
    else this.streams.set(agentId, n);
    this.lastTouch.delete(agentId);
    this.seen(agentId);
    if (n > 0) return;
    this.streamLeftAt.set(agentId, this.deps.now());
    this.tellInbox(agentId);
    // Their last inbox here closed: they no longer view anything (told to every instance).
    this.stopViewing(agentId);
    this.announceShown();
  }

  /**
   * Whether the agent may be given a NEW chat as far as their connection goes: false once their last inbox push stream
   * on this instance closed (the tab was closed without signing out) and nothing was heard from them since; an agent
   * who never opened a stream here (an API client, or one on another instance) counts as connected, as before.
   * Their existing chats are kept during the inactivity grace as before (newcomer s9 #32).
   */
  connected(agentId: string): boolean {
    if (this.deps.inboxOptional?.includes(agentId)) return true;
    const left = this.inboxLeftAt(agentId);
    if (left === 'open' || left === undefined) return true;
    const seen = this.presence.get(agentId)?.lastSeen ?? Number.NEGATIVE_INFINITY;
    return seen > left + HEARD_AFTER_CLOSE_MS;
  }

  /**
   * --redis (hostile s16 H#18): instanceId -> whether that instance holds a push stream of the agent, since when its
   * last one there closed, and when it said so (each instance tells the others when her first stream opens and her
   * last closes there, and again every INBOX_RETELL_MS while one is open). So an inbox closed on instance B counts on
   * A too: A's assignment pass gave new chats to an agent whose only inbox, on B, had been closed for minutes.
   * An instance started after her inbox closed elsewhere does not know it (she counts as connected there, as before).
   */
  private inboxesElsewhere = new Map<string, Map<string, InboxHere>>();
  /**
   * agentId -> when her inbox last closed on an instance whose entry was forgotten (review s17: inboxesElsewhere kept
   * every instance that ever told, restarted ones too, for ever). An entry is forgotten once it says "closed" or its
   * instance stopped retelling "open" (INBOX_TOLD_STALE_MS): what it meant is kept here, one time per agent.
   */
  private inboxClosedElsewhere = new Map<string, number>();

  /** See inboxClosedElsewhere: run by each tick. Same answers from inboxLeftAt before and after. */
  private forgetSilentInboxes(now: number) {
    for (const [agentId, m] of this.inboxesElsewhere) {
      for (const [instance, s] of m) {
        if (s.open && now - s.at < INBOX_TOLD_STALE_MS) continue;
        const l = s.open ? s.at : (s.leftAt ?? s.at);
        this.inboxClosedElsewhere.set(agentId, Math.max(this.inboxClosedElsewhere.get(agentId) ?? l, l));
        m.delete(instance);
      }
      if (m.size === 0) this.inboxesElsewhere.delete(agentId);
    }
  }
  /** agentId -> when this instance last told the others about her push streams here. */
  private inboxToldAt = new Map<string, number>();

  /** Tells the other instances (--redis) whether this one holds a push stream of the agent (see inboxesElsewhere). */
  private tellInbox(agentId: string) {
    if (this.oneProcess) return;
    const at = this.deps.now();
    this.inboxToldAt.set(agentId, at);
    const open = this.streams.has(agentId);
    const inbox: InboxHere = { open, leftAt: open ? null : (this.streamLeftAt.get(agentId) ?? at), at };
    void this.shared.publish({ type: 'presence', handoffId: null, data: { agentId, inbox } }).catch(this.warn('inbox open/closed event failed'));
  }

  /**
   * 'open' while a push stream of the agent is open here or (--redis) on another instance; else when the last one
   * anywhere closed; undefined when she never had one (an API client: connected as before).
   */
  private inboxLeftAt(agentId: string): number | 'open' | undefined {
    if (this.streams.has(agentId)) return 'open';
    let left = this.streamLeftAt.get(agentId);
    const forgotten = this.inboxClosedElsewhere.get(agentId);
    if (forgotten !== undefined && (left === undefined || forgotten > left)) left = forgotten;
    const elsewhere = this.inboxesElsewhere.get(agentId);
    if (elsewhere === undefined) return left;
    const now = this.deps.now();
    for (const s of elsewhere.values()) {
      if (s.open && now - s.at < INBOX_TOLD_STALE_MS) return 'open';
      const l = s.open ? s.at : (s.leftAt ?? s.at);
      if (left === undefined || l > left) left = l;
    }
    return left;
  }
  /**
   * Since when the agent has had no inbox open on this instance (their last push stream closed at least
   * INBOX_CLOSED_SHOWN_MS ago, nothing heard from them since; a reload reopens it well within that), or null. The
   * agents list shows them as not online from then on, instead of "Online" until the inactivity timeout (newcomer
   * s12 #15): they get no new chats (connected()) and keep theirs during the grace as before.
   */
  inboxClosedSince(agentId: string): number | null {
    if (this.connected(agentId)) return null;
    const left = this.inboxLeftAt(agentId);
    if (left === undefined || left === 'open' || this.deps.now() - left < INBOX_CLOSED_SHOWN_MS) return null;
    return left;
  }
  /** agentId -> when their last push stream on this instance closed (deleted when one opens). */
  private streamLeftAt = new Map<string, number>();

  /** Presence in the engine's shape (activeChats from the stored handoffs). `busy` counts as away. */
  presenceList(handoffs: readonly HandoffRecord[] = this.handoffs): AgentPresence[] {
    const active = new Map<string, number>();
    for (const h of handoffs) {
      const agentId = (h.handoff as Handoff | null)?.agentId;
      if (h.status === 'assigned' && agentId) active.set(agentId, (active.get(agentId) ?? 0) + 1);
    }
    return this.deps.directory.list().map((a) => ({
      id: a.id,
      name: a.name,
      status: this.status(a.id) === 'online' ? 'online' : this.status(a.id) === 'busy' ? 'away' : 'offline',
      skills: a.skills,
      languages: a.languages,
      teams: a.teams,
      activeChats: active.get(a.id) ?? 0,
      lastAssignedAt: this.meta.lastAssigned.get(a.id) ?? null,
    }));
  }

  /**
   * presenceList() for the wait estimate (shared/handoff/estimateWait.ts): an agent at their own limit (agents file
   * maxChats, below the block's maxChatsPerAgent) has no free seat, as assignment counts it (assignPending). The
   * estimate counted the block's seats only, so a customer queued while every agent was full at their own limit was
   * told "Expected wait: under a minute" (newcomer s13 #10). activeChats is raised to FULL_AT_OWN_LIMIT for them
   * (finite: the list crosses threads and JSON); reachability, which ignores load, is unchanged.
   */
  /**
   * Session 36 (newcomer s35 #3, the rest): what the engine is told about the agents at a customer's step. During the
   * start-up grace (just started, nobody online yet: the inboxes may still be reconnecting, startGraceLeft) nothing:
   * who is online is not known yet, so the engine requests the handoff instead of telling a NEW customer at once that
   * no one is available (presenceForEstimate read everyone as offline before the inboxes were back). The hub then
   * holds the no_agent exit until the grace is over, as for the customers already waiting. Not with an empty
   * directory (nobody can come back). Session 37: sharded runtimes (--workers) get the same (the shards' snapshot
   * carries null for "not known"), and there is no grace when nobody was online before the start (graceLeftNow).
   */
  presenceForEngine(): AgentPresence[] | undefined {
    // As startGraceLeft (someone online by their own status, e.g. Online with the inbox just closed, ends it), but read
    // only: recording that the grace is over for good is left to the hub's own passes.
    const inGrace = this.deps.directory.list().length > 0 && this.graceLeftNow(this.presenceList()) > 0;
    return inGrace ? undefined : this.presenceForEstimate();
  }

  presenceForEstimate(): AgentPresence[] {
    return this.presenceList(this.handoffsForEstimate()).map((p) => {
      // An Online agent whose inbox has been closed for a few seconds (inboxClosedSince: the agents list shows them
      // offline) gets no new chat (connected()), so the engine's "someone reachable" and the estimate count them as
      // offline too: the only Online agent closing her inbox left new customers told "under a minute" and waiting
      // for the queue timeout instead of hearing at once that nobody is available (hostile s16 H#22). A reload
      // reopens the inbox within INBOX_CLOSED_SHOWN_MS and changes nothing.
      if (p.status !== 'offline' && this.inboxClosedSince(p.id) !== null) return { ...p, status: 'offline' };
      const own = this.deps.directory.get(p.id)?.maxChats;
      return typeof own === 'number' && p.activeChats >= own ? { ...p, activeChats: Math.max(p.activeChats, FULL_AT_OWN_LIMIT) } : p;
    });
  }

  activeChats(agentId: string): number {
    return this.presenceList().find((p) => p.id === agentId)?.activeChats ?? 0;
  }

  /* ------------------------------------------------------------ visibility */

  /** Handoffs waiting for a person, for the engine's wait estimate (ctx.queue). */
  queueForEstimate(): QueuedHandoff[] {
    // Asked by every engine step of this process (ctx.queue): the step may open or change a handoff.
    this.handoffsMayChange();
    // A customer who left the page waits behind those who are there (queueOrder), so a new customer is not told a wait
    // counting them (newcomer s12 #25: "about 11 minutes", then "next in line" seconds later).
    // Each with its handoff id (the engine reads teams and priority only): a shard drops the handoffs its own steps
    // opened from its own overlay once the main thread's snapshot counts them (runtime/shard/shardWorker.ts).
    return this.handoffsForEstimate()
      .filter((h) => h.status === 'pending' && !this.customerLeft(h))
      .map((h): QueuedHandoff & { id: string } => ({ id: h.id, teams: this.teamsOf(h), priority: h.priority }));
  }

  /**
   * Handoffs written by this process's steps (ConversationService's onHandoffs: a customer asking for a person, an
   * assignment, a resolve...) and not yet in a read of the store, with when they were noted. The hub re-reads the
   * stored handoffs a tick or more after a step (pollMs), so customers asking within that time were all told the
   * wait of an empty queue: seven customers 50 ms apart with the only agent's 3 seats taken by the first three all
   * heard "under a minute" (hostile s15 H#7). The estimate (presenceForEstimate, queueForEstimate, the queue's
   * places) reads the stored handoffs with these laid over them, so the 4th is told "about 3 minutes" at once.
   */
  private written = new Map<string, { h: HandoffRecord; at: number }>();

  /** Called after a commit of this process that wrote `records` (see `written`). */
  noteHandoffs(records: readonly HandoffRecord[]) {
    if (records.length === 0) return;
    const now = this.deps.now();
    for (const h of records) {
      const had = this.written.get(h.id);
      if (!had || had.h.updatedAt <= h.updatedAt) this.written.set(h.id, { h, at: now });
    }
    this.version++;
    this.handoffsMayChange();
  }

  /** The stored handoffs as last read, with the newer ones this process wrote since (see `written`). */
  private handoffsForEstimate(): readonly HandoffRecord[] {
    if (this.written.size === 0) return this.handoffs;
    const byId = new Map(this.handoffs.map((h) => [h.id, h]));
    for (const { h } of this.written.values()) {
      const read = byId.get(h.id);
      if (!read || read.updatedAt < h.updatedAt) byId.set(h.id, h);
    }
    return [...byId.values()];
  }

  requestOf(h: HandoffRecord): StoredRequest {
    return (h.request ?? {}) as StoredRequest;
  }

  teamsOf(h: HandoffRecord): string[] {
    // Session 38: a transfer's team is kept on its transition too (meta.team is memory with the embedded store: a
    // restart lost it, and the chat went back to the block's teams).
    const t = this.meta.team.get(h.id) ?? transferTeamOf(h);
    return t ? [t] : (this.requestOf(h).teams ?? []).filter((x) => x.trim() !== '');
  }

  /** An agent sees a handoff of its teams (or any, when the block names none), its own, or all when admin. */
  canSee(agent: Agent, h: HandoffRecord): boolean {
    if (agent.admin) return true;
    if ((h.handoff as Handoff | null)?.agentId === agent.id) return true;
    const teams = this.teamsOf(h).map((t) => t.toLowerCase());
    const allowed = (this.requestOf(h).agents ?? []).filter(Boolean);
    if (allowed.length > 0 && !allowed.includes(agent.id)) return false;
    return teams.length === 0 || agent.teams.some((t) => teams.includes(t.toLowerCase()));
  }

  /* ------------------------------------------------------------ notes, viewers, typing */

  /** A private note: stored where every instance reads it, and pushed to the agents of every instance. */
  async addNote(agent: Agent, h: HandoffRecord, text: string, o: { hidden?: string[] } = {}): Promise<Note> {
    // Masked here (a transfer's note comes this way too): hostile s16 H#2, see maskAgentText; `o.hidden` gets the kinds.
    const masked = maskAgentText(text, o.hidden);
    const note: Note = {
      id: randomUUID(),
      handoffId: h.id,
      conversationId: h.conversationId,
      agentId: agent.id,
      agentName: agent.name,
      text: masked.text,
      at: this.deps.now(),
      ...(masked.hidden.length > 0 ? { secretsHidden: [...new Set(masked.hidden)] } : {}),
    };
    await this.shared.addNote(h.conversationId, note);
    await this.shared.publish({ type: 'note', handoffId: h.id, data: note });
    return note;
  }

  async notesOf(conversationId: string): Promise<Note[]> {
    return (await this.shared.notes(conversationId)) as Note[];
  }

  /**
   * Marks an agent as viewing a handoff for 30 s (told to every instance); returns who else is viewing.
   * Session 41 (newcomer s41 N6): an agent who chose offline is not marked: her inbox may still show the chat, but the
   * colleagues' "Also viewing" lists only agents who are there (one put offline by inactivity is dropped then:
   * dropViewer). Not every offline status: an agent whose presence was never set (an API client reading the chat, the
   * redisShared test's agents) is there all the same (the status check broke "also viewing" across instances).
   */
  viewing(agent: Agent, handoffId: string): string[] {
    if (this.offlineChosen(agent.id)) return this.viewersOf(handoffId, agent.id);
    const now = this.deps.now();
    const m = this.viewers.get(handoffId) ?? new Map<string, number>();
    const fresh = !m.has(agent.id) || m.get(agent.id)! < now;
    const until = now + 30_000;
    m.set(agent.id, until);
    for (const [id, t] of m) if (t < now) m.delete(id);
    this.viewers.set(handoffId, m);
    void this.shared.publish({ type: 'viewing', handoffId, data: { handoffId, agentId: agent.id, until, fresh } }).catch(this.warn('viewing event failed'));
    return [...m.keys()].filter((id) => id !== agent.id);
  }

  /** Who views a handoff now (not expired, not offline), but `except`; marks nobody (a look in the background). */
  viewersOf(handoffId: string, except?: string): string[] {
    const now = this.deps.now();
    const m = this.viewers.get(handoffId);
    if (!m) return [];
    return [...m].filter(([id, until]) => id !== except && until >= now && !this.offlineChosen(id)).map(([id]) => id);
  }

  /** The agent closed the chat (or went offline): the colleagues' "Also viewing" drops her now, on every instance. */
  stopViewing(agentId: string, handoffId?: string) {
    for (const [hid, m] of this.viewers) {
      if ((handoffId !== undefined && hid !== handoffId) || !m.has(agentId)) continue;
      void this.shared.publish({ type: 'viewing', handoffId: hid, data: { handoffId: hid, agentId, until: 0 } }).catch(this.warn('viewing event failed'));
    }
  }

  /**
   * Session 29 (newcomer s28 N6): the agent opened a chat (her inbox read its detail). When automatic assignment (or a
   * colleague's transfer) gave it to her and she had not opened it yet (the handoff's `joined: false`), it is recorded
   * as opened: the inbox's "not opened yet" and the not-opened reassignment stop. Session 46 (ui10, newcomer s45 N4):
   * the customer is no longer told she joined when she opens it (Bob opened a transferred chat to read it, declined it,
   * and the customer read "Bob ... has joined the chat" then "I am finding someone else"); her first message says it
   * (as Chatwoot and Intercom: opening a chat is not arriving in it). Returns whether it was recorded now. Read from the
   * conversation's state, not this instance's list, which may be a moment old (or another instance's write).
   */
  async joinOnOpen(agent: Agent, h: HandoffRecord): Promise<boolean> {
    const rec = await this.deps.store.getConversation(h.conversationId);
    const cur = (rec?.state as { handoff?: Handoff | null } | undefined)?.handoff;
    if (!cur || cur.id !== h.id || cur.status !== 'assigned' || cur.agentId !== agent.id || cur.joined !== false || cur.opened === true) return false;
    try {
      await this.apply(h, { type: 'agent_opened', agentId: agent.id }, 'open');
      return true;
    } catch (err) {
      // Joined meanwhile (her first message, a second tab): nothing more to say.
      if (err instanceof ApiError && err.code === 'handoff_conflict') return false;
      throw err;
    }
  }

  /** `customer`: the agent holds the chat, so its customer is told too (runtime/agents/customerSignals.ts). */
  typing(agent: Agent, handoffId: string, customer?: { conversationId: string }) {
    const toCustomer = customer ? { conversationId: customer.conversationId, toCustomer: true } : {};
    void this.shared.publish({ type: 'typing', handoffId, data: { handoffId, agentId: agent.id, name: agent.name, at: this.deps.now(), ...toCustomer } }).catch(this.warn('typing event failed'));
  }

  /**
   * A ticket changed (status, assignee): pushed to every instance's streams of the agents in `to` (those who may see
   * it; the push route filters on `data.to` and does not send that list on).
   */
  ticketChanged(ticket: unknown, to: string[]) {
    void this.shared.publish({ type: 'ticket', handoffId: null, data: { ticket, to } }).catch(this.warn('ticket event failed'));
  }

  /** The customer is typing: told to the agents who can see the conversation's open handoff (false when none). */
  customerTyping(conversationId: string): boolean {
    const h = this.handoffs.find((x) => x.conversationId === conversationId && OPEN.has(x.status));
    if (!h) return false;
    void this.shared.publish({ type: 'typing', handoffId: h.id, data: { handoffId: h.id, from: 'customer', at: this.deps.now() } }).catch(this.warn('typing event failed'));
    return true;
  }

  /** The assigned agent wrote to the customer (so the chat is not reassigned for want of an answer). */
  markAnswered(handoffId: string) {
    const agentId = (this.handoffById(handoffId)?.handoff as Handoff | null)?.agentId ?? this.assigned.get(handoffId)?.agentId;
    if (!agentId || this.meta.answered.get(handoffId) === agentId) return;
    this.meta.answered.set(handoffId, agentId);
    void this.shared.setAnswered(handoffId, agentId).catch(this.warn('saving answered failed'));
  }

  /** The write is sent at once (a later read on any instance sees it: one connection keeps order). */
  declinedBy(handoffId: string, agentId: string) {
    const s = this.meta.declined.get(handoffId) ?? new Set<string>();
    s.add(agentId);
    this.meta.declined.set(handoffId, s);
    void this.shared.addDeclined(handoffId, agentId).catch(this.warn('saving a decline failed'));
  }

  setTeam(handoffId: string, team: string) {
    this.meta.team.set(handoffId, team);
    this.version++;
    void this.shared.setTeam(handoffId, team).catch(this.warn('saving a team transfer failed'));
    void this.shared.publish({ type: 'team', handoffId, data: { handoffId, team } }).catch(this.warn('team transfer event failed'));
  }

  /** Re-reads presence and the assignment inputs from the shared state (every instance's changes). */
  async syncShared() {
    const gen = this.presenceGen;
    const [presence, meta] = await Promise.all([this.shared.presence(), this.shared.handoffMeta()]);
    // A presence change set or heard while reading is newer than what was read: keep it (a stale "online" must not
    // bring back an agent who just went offline, right before the assignment pass).
    for (const [id, g] of this.presenceChanged) {
      const mine = this.presence.get(id);
      if (g > gen && mine) presence.set(id, mine);
    }
    this.presence = presence;
    this.meta = meta;
    this.version++;
  }

  /* ------------------------------------------------------------ events */

  /**
   * Event ids count up from 1 in this process. The push route prefixes them with the process's epoch, so a stream
   * resuming on another instance (or after a restart) is told `reset` and refetches; the shared events (notes,
   * typing, viewers, presence) reach every instance's streams live.
   */
  private emit(type: AgentEvent['type'], handoffId: string | null, data: unknown) {
    this.lastId += 1;
    const e: AgentEvent = { id: this.lastId, type, handoffId, data };
    this.events.push(e);
    if (this.events.length > EVENT_BUFFER) {
      const gone = this.events.splice(0, this.events.length - EVENT_BUFFER);
      this.droppedUpTo = gone[gone.length - 1].id;
    }
    for (const l of this.listeners) l(e);
  }

  /** Events after `afterId`; `complete` is false when some were dropped from the buffer (refetch the lists). */
  eventsAfter(afterId: number): { events: AgentEvent[]; complete: boolean } {
    return { events: this.events.filter((e) => e.id > afterId), complete: afterId >= this.droppedUpTo };
  }

  get lastEventId() {
    return this.lastId;
  }

  listen(fn: (e: AgentEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  handoffById(id: string): HandoffRecord | undefined {
    return this.handoffs.find((h) => h.id === id);
  }

  /* ------------------------------------------------------------ engine inputs */

  /**
   * Session 41 (newcomer s41 N3): handoff ids a transfer to a named agent is moving now. A transfer is two inputs (the
   * holder's decline, then the colleague's accept); an assignment pass that ran between them gave the chat, pending for
   * a moment, to the colleague itself (or to someone else), and the transfer's accept then failed with a red "already
   * assigned to Bob" although the chat was where it should be. The pass skips these chats until the transfer is done.
   */
  private transferring = new Map<string, Promise<unknown>>();

  /**
   * Runs a transfer of the handoff with the assignment pass kept off it; a second transfer of the same handoff here
   * (a double click) waits for the first to end, then runs (it reads the handoff as the first left it).
   */
  transferInProgress(handoffId: string): boolean {
    return this.transferring.has(handoffId);
  }

  async whileTransferring<T>(handoffId: string, fn: () => Promise<T>): Promise<T> {
    for (let before = this.transferring.get(handoffId); before; before = this.transferring.get(handoffId)) await before.catch(() => undefined);
    const run = fn();
    this.transferring.set(handoffId, run);
    try {
      return await run;
    } finally {
      if (this.transferring.get(handoffId) === run) this.transferring.delete(handoffId);
      // A pass that skipped it meanwhile runs again (a transfer that failed after its decline leaves it pending).
      this.passesDirty = true;
    }
  }

  /**
   * Session 44 (tidy; hostile s43 L5 across instances): where several instances share the handoffs (Redis), this
   * handoff's next cluster-wide transfer turn, taken when a transfer request arrives (before anything is awaited); null
   * in one process (agentRoutes numbers the requests itself).
   */
  transferTurn(handoffId: string): Promise<number> | null {
    return this.shared.transferTurn ? this.shared.transferTurn(handoffId) : null;
  }

  /**
   * Session 45 (tidy2): the last transfer of this handoff to a named agent done by any instance (Redis) or by this one
   * process (memory; session 46, tidy3: agentRoutes kept its own map beside it), and noting one done here.
   */
  async lastTransferAcross(handoffId: string): Promise<DoneTransfer | null> {
    return this.shared.lastTransfer(handoffId);
  }
  async noteTransferAcross(handoffId: string, t: DoneTransfer): Promise<void> {
    // The transfer is done whatever Redis says: a failed note only leaves a repeat answered as moved.
    await this.shared.setLastTransfer(handoffId, t).catch(this.warn('noting a done transfer failed'));
  }

  /** The turn of the last transfer of this handoff done in the cluster (0: none, or one process). */
  async movedTurn(handoffId: string): Promise<number> {
    return this.shared.movedTurn ? this.shared.movedTurn(handoffId) : 0;
  }

  /**
   * Runs `fn` as the cluster's one transfer of this handoff (Redis: a claim every instance respects; one process: at
   * once, whileTransferring is enough). `fn` learns whether it waited for another instance's transfer; the handoffs are
   * read again before it runs (the other instance may have moved the chat), and a transfer it reports done (`moved`)
   * takes the next turn as the handoff's movedTurn before the claim is let go.
   */
  async whileTransferringAcross<T>(handoffId: string, fn: (waited: boolean, moved: () => void) => Promise<T>): Promise<T> {
    const sh = this.shared;
    if (!sh.holdTransfer || !sh.releaseTransfer || !sh.transferTurn || !sh.setMovedTurn) return fn(false, () => undefined);
    const owner = `${sh.instanceId}:${randomUUID()}`;
    let waited = false;
    for (const until = this.deps.now() + TRANSFER_WAIT_MS; !(await sh.holdTransfer(handoffId, owner, TRANSFER_HOLD_MS)); waited = true) {
      if (this.deps.now() > until) throw new ApiError(409, 'handoff_conflict', 'Another transfer of this chat is still under way; try again in a moment.');
      await new Promise((r) => setTimeout(r, 20));
    }
    try {
      await this.refresh();
      let done = false;
      const out = await fn(waited, () => (done = true));
      if (done) await sh.setMovedTurn(handoffId, await sh.transferTurn(handoffId));
      return out;
    } finally {
      await sh.releaseTransfer(handoffId, owner).catch(this.warn('releasing a transfer claim failed'));
    }
  }

  /** Applies an agent event through the engine; a refused event is a 409 saying why. */
  /**
   * `onApplied`: runs right after the conversation took the input, before anything else reads it; a refused input
   * (409) never runs it. A transfer sets the new team and the decline there, so a transfer that loses a race leaves
   * the chat where it was (hostile s11 #1).
   */
  async apply(h: HandoffRecord, input: AgentInput, what: string, opts: { refresh?: boolean; onApplied?: () => void; hidden?: string[] } = {}) {
    // An agent's words (a message, a hand-back, transfer, decline or close note) never carry a card number, password
    // or PIN into the transcript, export or search (hostile s16 H#2): masked like a customer's, whatever the caller,
    // here only (`opts.hidden` gets the kinds found, for the inbox's notice).
    const full = { ...agentWordsMasked(input, opts.hidden), handoffId: h.id, eventId: randomUUID() } as Input;
    try {
      const out = await this.deps.service.apply(h.conversationId, full);
      if (!out) throw new ApiError(404, 'conversation_not_found', 'The conversation of this handoff no longer exists.');
      opts.onApplied?.();
      if (opts.refresh !== false) await this.refresh();
      return out;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'input_rejected') {
        await this.refresh();
        const cur = this.handoffById(h.id) ?? h;
        const by = (cur.handoff as Handoff | null)?.agentName;
        const state = cur.status === 'assigned' ? `it is already assigned${by ? ` to ${by}` : ''}` : `it is ${cur.status}`;
        // No handoff id in words an agent reads (newcomer s41 N3): the chat is the one they acted on.
        throw new ApiError(409, 'handoff_conflict', `Cannot ${what} this chat: ${state}.`);
      }
      throw err;
    }
  }

  /* ------------------------------------------------------------ loop */

  start() {
    const every = this.deps.pollMs ?? 250;
    const run = () => {
      this.timer = setTimeout(async () => {
        await this.tick().catch((err) => this.deps.logger.warn({ err }, 'agent loop failed'));
        if (this.timer) run();
      }, every);
      this.timer.unref?.();
    };
    run();
  }

  async stop() {
    const t = this.timer;
    this.timer = null;
    if (t) clearTimeout(t);
    await this.ticking;
    this.unsubscribeShared();
    for (const sub of this.subscriptions.values()) sub.off();
    this.subscriptions.clear();
    // The sessions file's last write (who is online, who chose Offline) lands before a restart reads it.
    await this.deps.directory.flush();
  }

  kick() {
    this.kicked = true;
    this.handoffsMayChange();
  }

  /** The stored handoffs may change now or in a moment: the next few ticks re-read them. */
  handoffsMayChange() {
    this.readTicks = READ_TICKS_AFTER_SIGNAL;
  }

  /**
   * refresh() only when the stored handoffs may have changed since they were last read (a signal since: see
   * handoffsMayChange; the last READ_TICKS_AFTER_SIGNAL reads after it count) or that read is `ms` old. For the inbox
   * search (hostile s14 H#12: each of 20 searches at once re-read and decoded every stored handoff on the main thread);
   * with --redis another instance's change gives no signal here, so a search may miss it for up to `ms`.
   */
  async refreshIfChanged(ms = 1000) {
    if (this.readTicks > 0 || this.deps.now() - this.lastRead >= ms) await this.refresh();
  }

  /** Re-reads the handoffs and emits changes (no assignment). */
  async refresh() {
    // Concurrent refreshes: a list read earlier than one already applied is dropped, so events never flap back.
    const gen = ++this.readGen;
    this.readTicks = Math.max(0, this.readTicks - 1);
    this.lastRead = this.deps.now();
    const list = await this.deps.store.listHandoffs();
    this.work.handoffReads++;
    this.work.handoffsRead += list.length;
    if (gen < this.appliedGen) return;
    this.appliedGen = gen;
    if (this.written.size > 0) {
      // A read that began before a noted write may not hold it yet: kept until a read does (or WRITTEN_KEEP_MS).
      const read = new Map(list.map((h) => [h.id, h.updatedAt]));
      const now = this.deps.now();
      for (const [id, w] of this.written) if ((read.get(id) ?? -Infinity) >= w.h.updatedAt || now - w.at > WRITTEN_KEEP_MS) this.written.delete(id);
    }
    // Unchanged list (same handoffs, same updates): nothing for the snapshot version, the events or the passes.
    let print = '';
    for (const h of list) print += `${h.id}\u0001${h.status}\u0001${h.updatedAt}\u0001${notOpenedYetRec(h) ? 0 : 1}\u0002`;
    this.handoffs = list;
    if (print === this.handoffsPrint) return;
    this.handoffsPrint = print;
    this.passesDirty = true;
    this.version++;
    const seen = new Set<string>();
    for (const h of this.handoffs) {
      seen.add(h.id);
      const agentId = (h.handoff as Handoff | null)?.agentId ?? null;
      const prev = this.snapshot.get(h.id);
      const joined = h.status === 'assigned' ? !notOpenedYetRec(h) : null;
      if (!prev || prev.status !== h.status || prev.agentId !== agentId || prev.joined !== joined) {
        this.snapshot.set(h.id, { status: h.status, agentId, joined });
        // Session 45 (ui9, retest s44 #5): with the list's name for the customer (the name an agent set), so a transfer's
        // notice names them as the list does, not by the email in the bot's summary.
        if (prev || OPEN.has(h.status)) this.emit('handoff', h.id, { handoff: summarize(h, this), previous: prev ? { status: prev.status, agentId: prev.agentId } : null });
        if (h.status !== 'assigned') this.assigned.delete(h.id);
        else if (agentId && this.assigned.get(h.id)?.agentId !== agentId) this.assigned.set(h.id, { agentId, at: h.updatedAt });
      }
    }
    // Whose messages go to the agents: each conversation's open handoff, else one resolved in the last
    // FOLLOW_AFTER_CLOSE_MS (a hand back: the agent's open chat shows the customer's rating and the bot's thanks
    // live, newcomer s9 #4; before, it stopped at the rating question until a reload).
    const now = this.deps.now();
    const follow = new Map<string, string>();
    for (const h of this.handoffs) {
      if (OPEN.has(h.status)) follow.set(h.conversationId, h.id);
      else if (h.status === 'resolved' && now - h.updatedAt < FOLLOW_AFTER_CLOSE_MS) {
        const cur = follow.get(h.conversationId);
        const curH = cur ? this.handoffs.find((x) => x.id === cur) : undefined;
        if (!curH || (!OPEN.has(curH.status) && curH.updatedAt < h.updatedAt)) follow.set(h.conversationId, h.id);
      }
    }
    for (const [conv, sub] of this.subscriptions) {
      if (follow.get(conv) !== sub.hid) {
        sub.off();
        this.subscriptions.delete(conv);
      }
    }
    for (const [conv, hid] of follow) {
      if (this.subscriptions.has(conv)) continue;
      const forward = (entries: LogEntry[], ratedBy: ReadonlyMap<LogEntry, string>) => {
        for (const e of entries) {
          const by = ratedBy.get(e);
          this.emit('message', hid, { handoffId: hid, conversationId: conv, message: e, ...(by !== undefined ? { ratingBy: by } : {}) });
          if (e.from === 'agent') this.markAnswered(hid);
        }
      };
      this.subscriptions.set(conv, {
        hid,
        off: this.deps.store.subscribe(conv, (entries: LogEntry[]) => {
          if (entries.some((e) => e.status)) this.handoffsMayChange();
          // A customer's answer to a Rating block comes after the hand back, while a resolved handoff is followed: its
          // message event names whose rating it is (ratingBy), and the push route blanks it for plain agents who may not
          // see that rating (newcomer s14 #12 rest). Session 16: the engine marks that answer (entry.rating), so no csat
          // record is read per customer step any more (was: every step for 10 minutes after a hand back).
          forward(entries, entries.some((e) => e.rating === true) ? this.ratingAnswers(hid, entries) : NO_RATINGS);
        }),
      });
    }
    for (const id of this.snapshot.keys()) if (!seen.has(id)) this.snapshot.delete(id);
  }

  /**
   * The customer entries of `entries` the engine marked as answers to a Rating block, each with the agent the rating
   * belongs to: the agent who held handoff `hid` ('' for none), as the csat record says (runtime/effects/planStep.ts).
   */
  private ratingAnswers(hid: string, entries: LogEntry[]): Map<LogEntry, string> {
    const held = (this.handoffById(hid)?.handoff as Handoff | null)?.agentId ?? '';
    const out = new Map<LogEntry, string>();
    for (const e of entries) if (e.rating === true) out.set(e, held);
    return out;
  }

  tick(): Promise<void> {
    this.ticking ??= this.runTick().finally(() => (this.ticking = null));
    return this.ticking;
  }

  /** Whether this instance ran the assignment pass in its last tick (always, with one process). */
  get isLeader() {
    return this.leader;
  }

  private async runTick() {
    this.kicked = false;
    this.work.ticks++;
    // The agents file, edited by hand while the server runs, is taken in (newcomer s9 #24); what was noticed is logged.
    // Waited for briefly only: a look that takes longer (a file on a stalled disk) goes on while the loop assigns,
    // expires presence and announces the queue (hostile s11 #4: a named pipe there froze the loop for good).
    this.fileLook ??= this.deps.directory
      .syncWithFile('throttled')
      .catch(this.warn('reading the agents file failed'))
      .finally(() => (this.fileLook = null));
    let waited: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.fileLook, new Promise((resolve) => (waited = setTimeout(resolve, FILE_LOOK_WAIT_MS)))]).finally(() => clearTimeout(waited));
    for (const r of this.deps.directory.takeFileReports()) this.deps.logger[r.level](r.fields, r.msg);
    const now = this.deps.now();
    this.forgetSilentInboxes(now);
    // Heartbeats for the agents whose push stream this instance holds (if it dies, they stop and expire).
    const streaming = [...this.streams.keys()];
    if (streaming.length > 0) {
      await this.shared.touch(streaming, now);
      for (const id of streaming) this.lastTouch.set(id, now);
      // --redis: "her inbox is open here", said again now and then (see inboxesElsewhere).
      for (const id of streaming) if (now - (this.inboxToldAt.get(id) ?? Number.NEGATIVE_INFINITY) >= INBOX_RETELL_MS) this.tellInbox(id);
    }
    this.leader = await this.shared.lead(Math.max(LEAD_MS, (this.deps.pollMs ?? 250) * 8));
    // Agents reachable without an inbox (deps.inboxOptional) stay as they chose, however long nobody hears of them.
    for (const id of this.deps.inboxOptional ?? []) if (this.status(id) !== 'offline') this.seen(id);
    if (this.leader) {
      // Presence: an agent with no request and no open stream (on any instance) for too long goes offline.
      const limit = this.deps.directory.settings.offlineAfterSeconds * 1000;
      for (const id of await this.shared.expirePresence(now - limit)) {
        this.deps.logger.info({ agentId: id }, 'agent inactive: offline');
        await this.shared.publish({ type: 'presence', handoffId: null, data: { agentId: id, status: 'offline', at: now } });
        await this.requeueUnanswered(id, notRefusedNotes.wentOffline, 'went_offline');
      }
    }
    await this.syncShared();
    if (await this.handoffsToRead(now)) await this.refresh();
    this.expireViewers(now);
    this.announceShown();
    this.noteGraceAndOnline();
    if (!this.leader) return;
    await this.requeueLeftChats(now);
    // Reassign: an auto-assigned chat the agent has not answered in time, or (hostile s29 H11) not even opened: the
    // customer was told "Ann will be with you shortly" (joined false) and waited for ever when Ann stayed online and
    // never opened it. Never back to the same agent (declinedBy); with nobody else, the chat waits in the queue again
    // under the block's queue timeout (agent_declined sets a new deadline), whose exit then applies.
    const reassignMs = this.deps.directory.settings.reassignAfterMinutes * 60_000;
    const notOpenedMs = this.deps.directory.settings.notOpenedAfterMinutes * 60_000;
    if (reassignMs > 0 || notOpenedMs > 0) {
      for (const [hid, a] of [...this.assigned]) {
        const h = this.handoffById(hid);
        if (!h || !this.requestOf(h).autoAssign) continue;
        const notOpened = notOpenedMs > 0 && notOpenedYetRec(h) && now - a.at >= notOpenedMs;
        if (!notOpened) {
          if (reassignMs === 0 || this.meta.answered.get(hid) === a.agentId || now - a.at < reassignMs) continue;
          if (await this.answeredInLog(h, a.agentId, a.at)) continue;
        }
        this.declinedBy(hid, a.agentId);
        this.assigned.delete(hid);
        const note = notOpened ? NOT_OPENED_NOTE : NOT_ANSWERED_NOTE;
        await this.apply(h, { type: 'agent_declined', agentId: a.agentId, note, cause: notOpened ? 'not_opened' : 'not_answered' }, 'reassign').catch(() => {});
      }
    }
    // The passes cost O(waiting chats) each (the queue's O(n^2)): run only when what they read changed, or when one
    // held something back until a time that has come.
    let inputs = `${this.deps.directory.generation}\u0002`;
    // Whether the agent's inbox is open (connected(): an Online agent whose inbox was closed gets no new chat) is an
    // input too: she opens it again with her status unchanged, and the chats that queued meanwhile are hers now
    // (newcomer s15 N#7: they waited until the next customer's arrival ran the passes).
    // Whether it has been closed for long enough to count as offline for the estimate (presenceForEstimate) too: that
    // moves the snapshot the shards read (version), as nothing else may change when those seconds pass.
    for (const [id, p] of this.presence) inputs += `${id}\u0001${p.status}\u0001${this.connected(id) ? 1 : 0}${this.inboxClosedSince(id) === null ? 0 : 1}\u0002`;
    for (const [id, t] of this.meta.team) inputs += `t${id}\u0001${t}\u0002`;
    for (const [id, d] of this.meta.declined) inputs += `d${id}\u0001${[...d].join(',')}\u0002`;
    // A waiting customer who closed the page (or came back) changes the order chats are given out in (newcomer s11 #4).
    for (const h of this.handoffs) if (h.status === 'pending' && this.customerLeft(h)) inputs += `l${h.id}\u0002`;
    if (inputs !== this.inputsPrint) {
      this.passesDirty = true;
      this.version++;
    }
    this.inputsPrint = inputs;
    if (!this.passesDirty && now < this.passesDueAt) return this.forgetNowAndThen(now);
    this.passesDirty = false;
    this.passesDueAt = Number.POSITIVE_INFINITY;
    await this.assignPending();
    await this.leaveUnservedQueue();
    await this.announceQueue();
    await this.forgetNowAndThen(now);
  }

  /** Whether this tick re-reads the stored handoffs (see FULL_READ_MS and SHARED_FULL_READ_MS). */
  private async handoffsToRead(now: number): Promise<boolean> {
    if (this.readTicks > 0) return true;
    if (this.oneProcess) return now - this.lastRead >= FULL_READ_MS;
    const c = await this.deps.store.countByMode();
    const counts = `${c.bot}/${c.waiting}/${c.agent}/${c.closed}`;
    const moved = counts !== this.modeCounts;
    this.modeCounts = counts;
    return moved || now - this.lastRead >= SHARED_FULL_READ_MS;
  }

  private async forgetNowAndThen(now: number) {
    // Now and then: forget the per-handoff inputs of closed handoffs (team transfers stay: they decide visibility).
    if (now - this.lastForget > 60_000) {
      this.lastForget = now;
      const open = new Set(this.handoffs.filter((h) => OPEN.has(h.status)).map((h) => h.id));
      const stale = [...new Set([...this.meta.declined.keys(), ...this.meta.answered.keys(), ...this.meta.announced.keys()])].filter((id) => !open.has(id));
      if (stale.length > 0) await this.shared.forgetHandoffs(stale);
    }
  }

  /**
   * Tells waiting customers their place in the queue and the expected wait (shared/handoff/estimateWait.ts), as a
   * system message in their conversation, when it changes meaningfully: the first time they are not next, then
   * whenever they move up to one of the first three places or the wait in words changes, at most once per
   * `queueUpdateMs` per chat (0 by default: as soon as it moves).
   */
  private async announceQueue() {
    this.work.queuePasses++;
    // The order chats are given out in (customers on the page first): the place told is the place they have.
    const places = this.placesNow(true);
    const now = this.deps.now();
    // Out of the queue (assigned or closed): forgotten, so a requeued chat is announced afresh.
    for (const id of [...this.meta.announced.keys()]) {
      if (places.has(id)) continue;
      this.meta.announced.delete(id);
      await this.shared.setAnnounced(id, null);
    }
    const byId = new Map(this.handoffs.map((h) => [h.id, h]));
    // Just started and nobody online yet: the inboxes may still be reconnecting (as assignPending waits for them), so
    // "no one is available right now" is not said before the start-up grace is over (newcomer s35 #3: every waiting
    // customer read it in the 4 s after a restart, and after the studio's Run again, before the inbox was back).
    const startGrace = this.startGraceLeft();
    for (const [id, { position, wait, nobody }] of places) {
      const h = byId.get(id);
      if (!h) continue;
      if (nobody && startGrace > 0) {
        this.passesDueAt = Math.min(this.passesDueAt, now + startGrace);
        continue;
      }
      const prev = this.meta.announced.get(h.id);
      // nobody: no one signed in could take it: a wait promised earlier ("under a minute" before the only agent left,
      // or by the handoff message of a chat now requeued) is corrected at once, once (hostile s7 #11).
      const moved = prev ? position < prev.position && (position <= 3 || wait !== prev.wait) && now - prev.at >= this.queueUpdateMs : position > 1;
      const meaningful = moved || (nobody && prev?.wait !== wait);
      if (!meaningful && prev && position < prev.position && (position <= 3 || wait !== prev.wait)) {
        // Held back by queueUpdateMs: due then, even if nothing else changes.
        this.passesDueAt = Math.min(this.passesDueAt, prev.at + this.queueUpdateMs);
      }
      if (!meaningful) {
        if (!prev) await this.announce(h.id, { position, wait, at: now });
        continue;
      }
      await this.announce(h.id, { position, wait, at: now });
      const text = position === 1 ? `You are next in line. Expected wait: ${wait}.` : `You are number ${position} in the queue. Expected wait: ${wait}.`;
      await this.deps.store
        .runExclusive(h.conversationId, async () => {
          const rec = await this.deps.store.getConversation(h.conversationId);
          if (!rec || rec.mode !== 'waiting') return;
          // Not when the customer's last word on the wait already says this (e.g. the handoff message just did), nor
          // the very line they were told last (a restart forgets what was announced: newcomer s35 #3).
          const told = await this.lastWaitTold(rec.id, rec.lastSeq);
          if (told?.line === text || (!moved && told?.wait === wait)) return;
          await this.deps.store.commit({ conversation: { ...rec, updatedAt: now }, append: [{ from: 'system', text, at: now }] });
        })
        .catch((err) => this.deps.logger.warn({ err, handoffId: h.id }, 'queue update failed'));
    }
  }

  /** The expected wait the customer read last ("Expected wait: <this>.") and its line, in the conversation's last 30 entries. */
  private async lastWaitTold(conversationId: string, lastSeq: number): Promise<{ wait: string; line: string } | null> {
    const recent = await this.deps.store.readLog(conversationId, Math.max(0, lastSeq - 30), 30);
    for (let i = recent.length - 1; i >= 0; i--) {
      const m = /Expected wait: ([^.]+)\./.exec(recent[i].from === 'customer' ? '' : recent[i].text);
      if (m) return { wait: m[1], line: recent[i].text };
    }
    return null;
  }

  /**
   * The start-up grace left (ms): just started (less than the inactivity timeout ago) and no agent online yet, so the
   * inboxes may still be reconnecting; 0 once over or once someone is online. Nobody is told that no one is available
   * meanwhile (assignPending's no_agent, announceQueue's wait lines).
   */
  private startGraceLeft(base: readonly AgentPresence[] = this.presenceList()): number {
    // Someone is back: the grace is over for good (an agent going offline later is not an inbox reconnecting).
    if (!this.onlineSinceStart && base.some((p) => p.status === 'online')) this.onlineSinceStart = true;
    return this.graceLeftNow(base);
  }
  /**
   * The start-up grace left (ms), read only: none once someone has been online since the start or is now, and none at
   * all when nobody was online before this start (session 37: nobody's inbox is reconnecting; a customer who asked for
   * a person was queued for the inactivity timeout, then told nobody is available).
   */
  private graceLeftNow(base: readonly AgentPresence[]): number {
    if (this.nobodyOnlineBefore || this.onlineSinceStart || base.some((p) => p.status === 'online')) return 0;
    return Math.max(0, this.startedAt + this.deps.directory.settings.offlineAfterSeconds * 1000 - this.deps.now());
  }
  private onlineSinceStart = false;
  private readonly nobodyOnlineBefore: boolean;
  /** Latched once the start-up grace is over (it never starts again): see noteGraceAndOnline. */
  private graceOver = false;

  /**
   * Each tick, on every instance: (1) the end of the start-up grace changes what the engine is told (presenceForEngine),
   * so it moves the snapshot version the shards compare (session 37: with --workers a new customer in the grace was told
   * nobody is available; the shards now get "not known" too, and must hear when it ends even if nothing else changes);
   * (2) who is online now is kept next to the agents file for the next start (directory.saveOnline), once the grace is
   * over: during it, an empty presence only means the inboxes have not reconnected yet.
   */
  private noteGraceAndOnline() {
    if (!this.graceOver && this.deps.directory.list().length > 0 && this.graceLeftNow(this.presenceList()) > 0) return;
    if (!this.graceOver) {
      this.graceOver = true;
      this.version++;
    }
    const online: string[] = [];
    for (const a of this.deps.directory.list()) if (this.status(a.id) !== 'offline') online.push(a.id);
    this.deps.directory.saveOnline(online).catch(this.warn('keeping who is online for a restart failed'));
  }

  private async announce(handoffId: string, a: { position: number; wait: string; at: number }) {
    this.meta.announced.set(handoffId, a);
    await this.shared.setAnnounced(handoffId, a);
  }

  /**
   * Whether the customer of a chat has left: their chat page is known closed and they have not called the customer
   * API since (runtime/agents/customerPresence.ts pageGone). Unknown (no page seen since the start, an API or Rasa
   * client) counts as there, and so does a page known closed only because the server restarted (newcomer s35 #2).
   */
  customerLeft(h: HandoffRecord): boolean {
    return pageGone(customerPresenceIfAny(this.shared)?.page(h.conversationId, h.requestedAt));
  }

  /**
   * The waiting chats in the order they are given out: customers on the page before those who left (newcomer s11 #4:
   * a chat whose customer had closed the page took an agent's slot while present customers waited; it still gets an
   * agent once nobody present waits), then priority, then since when each waits.
   */
  queueOrder(list: readonly HandoffRecord[]): HandoffRecord[] {
    const rank: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };
    const left = new Map(list.map((h) => [h.id, this.customerLeft(h) ? 1 : 0]));
    return [...list].sort((a, b) => left.get(a.id)! - left.get(b.id)! || (rank[a.priority] ?? 2) - (rank[b.priority] ?? 2) || queuedSince(a) - queuedSince(b));
  }

  /**
   * A waiting chat's place in its queue and the expected wait in words, as its customer was last told or would be
   * told now (newcomer s11 #9: the Unassigned list showed neither); null when it is not waiting or not placed yet.
   */
  queuePlaceOf(handoffId: string): { position: number; wait: string } | null {
    const p = this.placesNow().get(handoffId);
    return p ? { position: p.position, wait: p.wait } : null;
  }

  private placesAt = { key: '', at: Number.NEGATIVE_INFINITY };
  /**
   * Every waiting chat's place and expected wait, in the order they are given out; recomputed when the handoffs,
   * presence or agents changed, or after a second (a customer page that closed moves places too).
   */
  private placesNow(fresh = false): Map<string, { position: number; wait: string; nobody: boolean }> {
    const key = `${this.version}/${this.deps.directory.generation}`;
    const now = this.deps.now();
    if (!fresh && key === this.placesAt.key && now - this.placesAt.at < 1000) return this.places;
    // With the handoffs this process wrote and has not read back yet, as the engine's estimate (see `written`).
    const pending = this.queueOrder(this.handoffsForEstimate().filter((h) => h.status === 'pending'));
    const presence = pending.length > 0 ? this.presenceForEstimate() : [];
    const places = new Map<string, { position: number; wait: string; nobody: boolean }>();
    const before: Array<{ teams: string[]; priority: string }> = [];
    for (const h of pending) {
      const r = this.requestOf(h);
      const teams = this.teamsOf(h);
      const req: AssignmentRequest = {
        strategy: r.autoAssign?.strategy ?? 'round_robin',
        maxChatsPerAgent: r.autoAssign?.maxChatsPerAgent ?? 3,
        skill: r.skill ?? '',
        language: r.language ?? '',
        teams,
        agents: r.agents ?? [],
      };
      // Ahead: the waiting chats of the same pool (teams overlap) with the same or a higher priority, counted like
      // the engine's first "Expected wait" (shared/engine/humanTakeover.ts queueAhead), so the two agree.
      const ahead = queueAhead(before, teams, h.priority);
      before.push({ teams, priority: h.priority });
      const estimate = estimateWait(presence, req, ahead);
      places.set(h.id, { position: ahead + 1, wait: estimate.text, nobody: estimate.minutes === null && presence.length > 0 });
    }
    this.places = places;
    this.placesAt = { key, at: now };
    return places;
  }

  /** Oldest (highest priority first) pending auto-assign handoffs get an agent; nobody who could -> no_agent. */
  private async assignPending() {
    this.work.assignPasses++;
    // A transfer in progress here (between its decline and the colleague's accept) is not given to anyone else.
    const pending = this.queueOrder(this.handoffs.filter((h) => h.status === 'pending' && this.requestOf(h).autoAssign && !this.transferring.has(h.id)));
    // Chats given out in this pass (the stored list is re-read once at the end, not after every assignment).
    const given = new Map<string, number>();
    const base = pending.length > 0 ? this.presenceList() : [];
    let changed = false;
    for (const h of pending) {
      const r = this.requestOf(h);
      // Who declined it: told in this process's memory (or the shared state), and read again from the handoff's own
      // history, which a restart does not lose (session 37: the put-back memory is rebuilt from the stored data).
      const declined = declinedOf(h, this.meta.declined.get(h.id));
      const asNow = (p: AgentPresence) => ({ ...p, activeChats: p.activeChats + (given.get(p.id) ?? 0), lastAssignedAt: this.meta.lastAssigned.get(p.id) ?? null });
      const presence = base.filter((p) => !declined.has(p.id)).map(asNow);
      const req: AssignmentRequest = {
        strategy: r.autoAssign!.strategy,
        maxChatsPerAgent: r.autoAssign!.maxChatsPerAgent,
        skill: r.skill ?? '',
        language: r.language ?? '',
        teams: this.teamsOf(h),
        agents: r.agents ?? [],
      };
      // Per-agent limit: the block's capacity, and the agent's own maxChats. An agent online whose inbox closed (the
      // tab closed without signing out) gets no NEW chat; she keeps hers during the inactivity grace as before
      // (newcomer s9 #32: "Eve has joined the chat" with nobody there).
      const cap = (list: AgentPresence[]) =>
        list.map((p) => {
          const own = this.deps.directory.get(p.id)?.maxChats ?? Infinity;
          return own <= p.activeChats || !this.connected(p.id) ? { ...p, activeChats: Number.POSITIVE_INFINITY } : p;
        });
      let pick = pickAgent(cap(presence), req);
      if (!pick.agent && declined.size > 0) {
        // Session 41 (hostile s40 M9): nobody else can take it now: offered again to an agent who only let it go
        // unopened once (passiveRefusersOf), before the newer chats behind it (this pass goes oldest first).
        const again = passiveRefusersOf(h);
        if (again.size > 0) {
          const retry = pickAgent(cap(base.filter((p) => !declined.has(p.id) || again.has(p.id)).map(asNow)), req);
          if (retry.agent) pick = { agent: retry.agent, explanation: `${retry.explanation} Offered again: nobody else could take it, and it was not opened in time before.` };
        }
      }
      if (pick.agent) {
        const agent = pick.agent;
        this.meta.lastAssigned.set(agent.id, this.deps.now());
        this.version++;
        await this.shared.setLastAssigned(agent.id, this.deps.now());
        // Still online now (the pick used the presence read at the start of the pass)? Otherwise the chat waits
        // for the next pass: the customer is not told "joined" for an agent who has just gone.
        if (this.status(agent.id) !== 'online') {
          this.deps.logger.info({ handoffId: h.id, agentId: agent.id }, 'auto-assign skipped: the agent went offline or busy meanwhile');
          continue;
        }
        this.deps.logger.info({ handoffId: h.id, agentId: agent.id, why: pick.explanation }, 'handoff auto-assigned');
        changed = true;
        // `auto`: she has not seen the chat yet, so the customer hears she "will be with you shortly"; the joined line
        // comes when she opens it (joinOnOpen) or writes (newcomer s28 N6).
        const assigned = this.apply(h, { type: 'agent_accepted', agentId: agent.id, agentName: agent.name, auto: true }, 'assign', { refresh: false });
        this.assigning.set(agent.id, assigned);
        await assigned.then(
          () => given.set(agent.id, (given.get(agent.id) ?? 0) + 1),
          // Session 42 (lead, hostile s42 L10): a refusal the API gives on purpose (ApiError: someone accepted it in the
          // same moment) is the race this pass expects, an info line without a stack; anything else is still a warning.
          (err) =>
            err instanceof ApiError
              ? this.deps.logger.info({ handoffId: h.id, code: err.code, why: err.message }, 'auto-assign refused')
              : this.deps.logger.warn({ err, handoffId: h.id }, 'auto-assign refused'),
        );
        if (this.assigning.get(agent.id) === assigned) this.assigning.delete(agent.id);
        continue;
      }
      // Nobody signed in who could take it, even ignoring load and busy status: nobody will come; take the no_agent
      // exit now. A busy agent can still pick it from the queue, so then the chat waits (the block's timeout ends it),
      // and so does a chat everyone signed in has declined: they can still take it from the queue.
      const anyone = reachableAgents(base, { ...req, maxChatsPerAgent: Number.POSITIVE_INFINITY });
      // Just started and nobody online at all: the inboxes may still be reconnecting; wait the inactivity timeout first.
      const grace = this.startGraceLeft(base);
      if (anyone.length === 0 && grace > 0) {
        this.passesDueAt = Math.min(this.passesDueAt, this.deps.now() + grace);
        continue;
      }
      // A chat that an agent had and gave back (went offline, signed out, declined) waits for its queue timeout, set
      // again by the engine on the requeue: its customer was just told someone else is coming (newcomer s7 #21: an
      // agent's one click on Offline ended all their chats with "no one is available" in the same second).
      const hadAnAgent = ((h.handoff as Handoff | null)?.transitions ?? []).some((t) => t.to === 'assigned');
      if (anyone.length === 0 && hadAnAgent) {
        // Session 41 (newcomer s40 N2): ... but not for the queue timeout when nobody at all is signed in who could take
        // it (the last agent went offline since): the customer waited ten minutes in a queue nobody served. After the
        // put-back has settled (PUT_BACK_SETTLE_MS: no "finding someone else" and "no one is available" in the same
        // breath), it leaves by No agent as a new request would.
        const back = lastPutBackAt(h);
        const due = back + PUT_BACK_SETTLE_MS;
        if (this.deps.now() < due) {
          this.passesDueAt = Math.min(this.passesDueAt, due);
          continue;
        }
      }
      if (anyone.length === 0) {
        this.deps.logger.info({ handoffId: h.id, why: pick.explanation }, 'no agent for handoff');
        changed = true;
        await this.apply(h, { type: 'no_agent', note: pick.explanation }, 'close', { refresh: false }).catch(() => {});
      }
      // Otherwise everyone is at capacity: the chat waits (oldest first when a seat frees up).
    }
    if (changed) await this.refresh();
  }

  /**
   * Session 46 (apisec, newcomer s46 N2): a chat waiting in a queue agents pick from by hand (no automatic assignment)
   * when nobody signed in may take it any more (the last agent went offline) leaves by the block's No agent way, as a
   * new customer's request does at once (the engine's "nobody reachable"), instead of waiting for the queue timeout
   * while told "longer than usual". Same rules as the automatic queue above (session 41, newcomer s40 N2): not during
   * the start-up grace (the inboxes may be reconnecting), and a chat an agent gave back waits PUT_BACK_SETTLE_MS first.
   * Chatwoot keeps such a conversation open in the inbox for a later reply; here the No agent way is where the flow
   * keeps it for later (a ticket: "leave your details"), which is what the go-offline dialog promises.
   */
  private async leaveUnservedQueue() {
    const waiting = this.handoffs.filter((h) => h.status === 'pending' && !this.requestOf(h).autoAssign && !this.transferring.has(h.id));
    if (waiting.length === 0) return;
    const base = this.presenceList();
    const grace = this.startGraceLeft(base);
    let changed = false;
    for (const h of waiting) {
      const r = this.requestOf(h);
      const req: AssignmentRequest = {
        strategy: 'round_robin',
        maxChatsPerAgent: Number.POSITIVE_INFINITY,
        skill: r.skill ?? '',
        language: r.language ?? '',
        teams: this.teamsOf(h),
        agents: r.agents ?? [],
      };
      if (reachableAgents(base, req).length > 0) continue;
      if (grace > 0) {
        this.passesDueAt = Math.min(this.passesDueAt, this.deps.now() + grace);
        continue;
      }
      if (((h.handoff as Handoff | null)?.transitions ?? []).some((t) => t.to === 'assigned')) {
        const due = lastPutBackAt(h) + PUT_BACK_SETTLE_MS;
        if (this.deps.now() < due) {
          this.passesDueAt = Math.min(this.passesDueAt, due);
          continue;
        }
      }
      this.deps.logger.info({ handoffId: h.id }, 'no agent for handoff: nobody signed in may take it any more');
      changed = true;
      await this.apply(h, { type: 'no_agent', note: 'No agent is online any more.' }, 'close', { refresh: false }).catch(() => {});
    }
    if (changed) await this.refresh();
  }

  /**
   * The agent signs out and chose to give their chats back: every chat they hold (answered or not) goes back to the
   * queue now, the customer told someone else is being found, instead of after the inactivity timeout; then the agent
   * is offline. Returns how many chats went back.
   */
  async requeueHeldBy(agentId: string, note: string, cause: 'signed_out' | 'went_offline'): Promise<number> {
    // Offline first, seen at once by an assignment pass (no pass hands these chats straight back); then every held
    // chat goes back to the queue. NOT marked as declined: giving chats back on sign-out or offline is not a refusal,
    // so once back (and nobody else took them) they may go to this agent again (hostile s7 MEDIUM, newcomer s7 #28).
    this.presence.set(agentId, { status: 'offline', lastSeen: this.deps.now() });
    this.chosenOffline.add(agentId);
    this.keepChosenOffline();
    this.presenceChanged.set(agentId, ++this.presenceGen);
    this.version++;
    await this.refresh();
    let n = 0;
    for (const h of this.handoffs) {
      if (h.status !== 'assigned' || (h.handoff as Handoff | null)?.agentId !== agentId) continue;
      this.assigned.delete(h.id);
      // Session 41 (newcomer s40 N2): nobody else signed in may take it: the chat leaves by No agent now, the customer
      // told the truth once (not "finding someone else" and a queue nobody serves).
      const nobodyElse = this.nobodyElseFor(h, agentId) ? { nobodyElse: true as const } : {};
      await this.apply(h, { type: 'agent_declined', agentId, note, cause, ...nobodyElse }, 'requeue', { refresh: false }).then(
        () => (n += 1),
        (err) => this.deps.logger.warn({ err, handoffId: h.id }, 'sign-out requeue refused'),
      );
    }
    await this.setPresence(agentId, 'offline');
    if (n > 0) await this.refresh();
    return n;
  }

  /**
   * Session 50 (rt5, hostile s49 L9): a chat given to `agentId` by a transfer that raced her going offline (the transfer
   * read her online, then her "Go offline (give my chats back)" ran before the chat was hers, so it gave nothing back, and
   * the transfer then made her its holder): the chat goes back to the queue now, as her going offline would have put it
   * (not a refusal; nobody else signed in: it leaves by No agent). Called by the transfer after it assigned the chat.
   * Returns whether it was put back.
   */
  async requeueIfGone(handoffId: string, agentId: string): Promise<boolean> {
    if (this.status(agentId) !== 'offline') return false;
    await this.refresh();
    const h = this.handoffById(handoffId);
    if (!h || h.status !== 'assigned' || (h.handoff as Handoff | null)?.agentId !== agentId) return false;
    this.assigned.delete(h.id);
    const name = this.deps.directory.get(agentId)?.name ?? agentId;
    const note = this.chosenOffline.has(agentId) ? notRefusedNotes.choseOffline(name) : notRefusedNotes.wentOffline;
    const nobodyElse = this.nobodyElseFor(h, agentId) ? { nobodyElse: true as const } : {};
    return this.apply(h, { type: 'agent_declined', agentId, note, cause: 'went_offline', ...nobodyElse }, 'requeue').then(
      () => true,
      (err) => {
        // Another put-back (her own going offline, the away sweep) won: the chat is not hers any more either way.
        this.deps.logger.info({ err, handoffId: h.id }, 'transfer to an agent gone offline: already put back');
        return false;
      },
    );
  }

  /**
   * Session 41 (newcomer s40 N2): whether nobody but `agentId` who is signed in (online, away or busy: they can pick a
   * waiting chat) may take `h`, ignoring load. False during the start-up grace (the inboxes may be reconnecting).
   */
  private nobodyElseFor(h: HandoffRecord, agentId: string): boolean {
    const base = this.presenceList();
    if (this.graceLeftNow(base) > 0) return false;
    const r = this.requestOf(h);
    const req: AssignmentRequest = {
      strategy: r.autoAssign?.strategy ?? 'round_robin',
      maxChatsPerAgent: Number.POSITIVE_INFINITY,
      skill: r.skill ?? '',
      language: r.language ?? '',
      teams: this.teamsOf(h),
      agents: r.agents ?? [],
    };
    return reachableAgents(base.filter((p) => p.id !== agentId), req).length === 0;
  }

  /** Chats of an agent that are assigned but not answered go back to the queue (agent went offline). */
  private async requeueUnanswered(agentId: string, note: string, cause: 'went_offline') {
    await this.refresh();
    for (const h of this.handoffs) {
      if (h.status !== 'assigned' || (h.handoff as Handoff | null)?.agentId !== agentId) continue;
      if (this.meta.answered.get(h.id) === agentId || (await this.answeredInLog(h, agentId, this.assigned.get(h.id)?.at ?? h.updatedAt))) continue;
      // Going offline is not a refusal: the agent is not marked as having declined, so when they are back (a blip of
      // their connection, a status clicked by mistake) the chat can go to them again. Marking them made a chat whose
      // only agent blinked take the no_agent exit at once (hostile s6).
      await this.apply(h, { type: 'agent_declined', agentId, note, cause }, 'requeue').catch(() => {});
    }
  }

  /**
   * Whether an agent message was written in the chat since `since` (the answered mark is in memory with one process,
   * so after a restart the log decides; a chat found answered is marked).
   */
  private async answeredInLog(h: HandoffRecord, agentId: string, since: number): Promise<boolean> {
    const rec = await this.deps.store.getConversation(h.conversationId);
    if (!rec) return false;
    const tail = await this.deps.store.readLog(h.conversationId, Math.max(0, rec.lastSeq - 200), 200);
    const agentName = this.deps.directory.get(agentId)?.name;
    const yes = tail.some((e) => e.from === 'agent' && e.at >= since && (!e.name || !agentName || e.name === agentName));
    if (yes) this.markAnswered(h.id);
    return yes;
  }

  /**
   * Since when the agent has been away from the chats she holds: her inbox closed (inboxClosedSince) or offline
   * (first seen offline by requeueLeftChats), the earlier of the two; null while she is here.
   */
  awaySince(agentId: string): number | null {
    const closed = this.inboxClosedSince(agentId);
    const off = this.status(agentId) === 'offline' ? (this.offlineSince.get(agentId) ?? null) : null;
    if (closed === null) return off;
    return off === null ? closed : Math.min(closed, off);
  }

  /** handoffId -> the agent the customer was told had stepped away (told once; "is back" when she returns). */
  private toldAway = new Map<string, string>();
  /** handoffId -> since when the agent the customer was told had stepped away is back (BACK_SETTLE_MS). */
  private backSince = new Map<string, number>();
  /** Handoffs whose customer was told "We're reconnecting you" (a restart, newcomer s26 F13), not "stepped away". */
  private toldReconnecting = new Set<string>();
  /**
   * Hostile s28 H12: handoffId -> when the customer was told, before this process (or this leader) knew, that its agent
   * was away. toldAway lived in memory only, so each restart of a crash loop told "We're reconnecting you with Ann"
   * again and the away grace started again from the restart: the chat stayed with an agent who had gone, for ever. The
   * absence counts from that line, and it is not said twice. Session 31 (review of H12): read from the state stored
   * with the conversation when the line was said (ConversationRecord.agentAway), no longer from the log's wording.
   */
  private awayToldBefore = new Map<string, number>();
  /** Handoffs whose stored away state this process has already read for awayToldBefore. */
  private awayStateRead = new Set<string>();

  /**
   * The away line told to the customer of `h` about `agentId` by an earlier process (or leader), as stored with the
   * conversation: its time and whether it was the restart's "reconnecting" line; null when none was told for this
   * assignment, or the agent has been heard from since (she came back: the state is stale, not cleared only because
   * the process that saw her back had not read it).
   */
  private async awayToldStored(h: HandoffRecord, agentId: string): Promise<{ at: number; reconnecting: boolean } | null> {
    const a = (await this.deps.store.getConversation(h.conversationId))?.agentAway;
    if (!a || a.handoffId !== h.id || a.agentId !== agentId || a.at < assignedAt(h)) return null;
    if ((this.presence.get(agentId)?.lastSeen ?? Number.NEGATIVE_INFINITY) > a.at) return null;
    return { at: a.at, reconnecting: a.reconnecting };
  }

  /**
   * A line to the customer of a chat an agent holds (system entry), unless the conversation left the agent's hands.
   * `away`: it tells the customer she is away (kept with the conversation, read after a restart); null: she is back
   * (the kept state is cleared).
   */
  private async tellHeld(h: HandoffRecord, text: string, now: number, away: { agentId: string; reconnecting: boolean } | null) {
    await this.deps.store
      .runExclusive(h.conversationId, async () => {
        const rec = await this.deps.store.getConversation(h.conversationId);
        if (!rec || rec.mode !== 'agent') return;
        const { agentAway: _was, ...conversation } = rec;
        const agentAway = away ? { agentAway: { handoffId: h.id, agentId: away.agentId, at: now, reconnecting: away.reconnecting } } : {};
        await this.deps.store.commit({ conversation: { ...conversation, ...agentAway, updatedAt: now }, append: [{ from: 'system', text, at: now }] });
      })
      .catch((err) => this.deps.logger.warn({ err, handoffId: h.id }, 'telling the customer their agent stepped away failed'));
  }

  /**
   * Chats held by an agent who stepped away (inbox closed, or offline: chose it, or the inactivity timeout) and had
   * ANSWERED them stay hers for the away grace (settings.awayGraceMinutes, default 5): the customer is told once that
   * she stepped away and will be back, and if she returns in time nothing moves ("<name> is back."). After the grace
   * the chat goes back to the queue at the place it had before she took it (AWAY_TOO_LONG_NOTE, queuedSince): the
   * front, not the back (newcomer s15 N#12: an agent closing the laptop over a coffee break lost her answered chat to
   * the back of the queue, behind three others she was then given). Unanswered chats already went back when she went
   * offline. After a restart (presence lost with one process) the grace counts from the restart, or from the away line
   * the customer was told before it (hostile s28 H12: a crash loop restarted the grace at every start).
   */
  private async requeueLeftChats(now: number) {
    const limit = this.deps.directory.settings.awayGraceMinutes * 60_000;
    const holders = new Set<string>();
    for (const h of this.handoffs) {
      if (h.status !== 'assigned') continue;
      const agentId = (h.handoff as Handoff | null)?.agentId;
      if (!agentId) continue;
      holders.add(agentId);
      // Removed from the agents file (by hand or by an admin): the chat goes back to the queue once that has held for
      // REMOVED_GRACE_MS (another instance may not have taken in an agent just added), not after the inactivity
      // timeout with the customer waiting on nobody (hostile s11 #21).
      if (!this.deps.directory.get(agentId)) {
        const since = this.removedSince.get(agentId) ?? now;
        this.removedSince.set(agentId, since);
        if (now - since < REMOVED_GRACE_MS) continue;
        this.deps.logger.info({ handoffId: h.id, agentId }, 'agent removed from the agents file: chat back to the queue');
        this.assigned.delete(h.id);
        await this.apply(h, { type: 'agent_declined', agentId, note: notRefusedNotes.removed, cause: 'removed' }, 'requeue').catch(() => {});
        continue;
      }
      this.removedSince.delete(agentId);
      if (this.status(agentId) !== 'offline') this.offlineSince.delete(agentId);
      else if (!this.offlineSince.has(agentId)) this.offlineSince.set(agentId, now);
      const away = this.awaySince(agentId);
      const name = this.deps.directory.get(agentId)?.name ?? 'Your agent';
      if (away === null) {
        this.awayToldBefore.delete(h.id);
        if (this.toldAway.get(h.id) === agentId) {
          // After a restart's "We're reconnecting you" the customer waits for the connection: told at once.
          const back = this.backSince.get(h.id) ?? now;
          this.backSince.set(h.id, back);
          if (!this.toldReconnecting.has(h.id) && now - back < BACK_SETTLE_MS) continue;
          this.backSince.delete(h.id);
          this.toldAway.delete(h.id);
          await this.tellHeld(h, this.toldReconnecting.delete(h.id) ? awayLines.reconnected(name) : awayLines.back(name), now, null);
        }
        continue;
      }
      this.backSince.delete(h.id);
      // Newcomer s26 F13: an absence noticed as this process started, of an agent not heard from since, is the server's restart, not the agent's (her
      // inbox reconnects by itself within seconds): nothing is said for RESTART_QUIET_MS, then that we are
      // reconnecting, not that she "stepped away".
      const restart = away - this.startedAt <= RESTART_NOTICED_MS && !((this.presence.get(agentId)?.lastSeen ?? Number.NEGATIVE_INFINITY) >= this.startedAt);
      // Hostile s28 H12: the customer was already told she was away before this process started (a restart in a crash
      // loop; with --redis, another leader): the absence counts from then, and the line is not said again.
      if (!this.awayStateRead.has(h.id) && this.toldAway.get(h.id) !== agentId) {
        this.awayStateRead.add(h.id);
        const told = await this.awayToldStored(h, agentId);
        if (told) {
          this.awayToldBefore.set(h.id, told.at);
          this.toldAway.set(h.id, agentId);
          if (told.reconnecting) this.toldReconnecting.add(h.id);
        }
      }
      const toldAt = this.awayToldBefore.get(h.id);
      const since = toldAt === undefined ? away : Math.min(away, toldAt);
      if (now - since <= limit || (toldAt !== undefined && restart && now - this.startedAt < RESTART_QUIET_MS)) {
        if (restart && now - this.startedAt < RESTART_QUIET_MS) continue;
        if (limit > 0 && this.toldAway.get(h.id) !== agentId && (this.meta.answered.get(h.id) === agentId || (await this.answeredInLog(h, agentId, this.assigned.get(h.id)?.at ?? h.requestedAt)))) {
          this.toldAway.set(h.id, agentId);
          if (restart) this.toldReconnecting.add(h.id);
          else this.toldReconnecting.delete(h.id);
          await this.tellHeld(h, restart ? awayLines.reconnecting(name) : awayLines.steppedAway(name), now, { agentId, reconnecting: restart });
        }
        continue;
      }
      this.toldAway.delete(h.id);
      this.awayToldBefore.delete(h.id);
      this.deps.logger.info({ handoffId: h.id, agentId }, 'agent away too long: chat back to the queue at its place');
      // Not a refusal either (see requeueUnanswered): back online, they may take it again.
      await this.apply(h, { type: 'agent_declined', agentId, note: AWAY_TOO_LONG_NOTE, cause: 'away' }, 'requeue', { refresh: false }).catch(() => {});
    }
    for (const id of [...this.offlineSince.keys()]) if (!holders.has(id)) this.offlineSince.delete(id);
    for (const [hid, agentId] of [...this.toldAway]) if (this.handoffById(hid)?.status !== 'assigned' || !holders.has(agentId)) this.toldAway.delete(hid);
    for (const hid of [...this.toldReconnecting]) if (!this.toldAway.has(hid)) this.toldReconnecting.delete(hid);
    for (const hid of [...this.backSince.keys()]) if (!this.toldAway.has(hid)) this.backSince.delete(hid);
    for (const hid of [...this.awayToldBefore.keys()]) if (!this.toldAway.has(hid)) this.awayToldBefore.delete(hid);
    for (const hid of [...this.awayStateRead]) if (this.handoffById(hid)?.status !== 'assigned') this.awayStateRead.delete(hid);
  }

  handoffList(): HandoffRecord[] {
    return this.handoffs;
  }
}

/**
 * Since when a chat waits in the queue, for its place in it: when it was requested, or, for a chat put back in the
 * queue (its agent went offline, signed out, declined, transferred it to a team), when it came back. So a place once
 * told never goes backwards for a customer already waiting (newcomer s9 #23: chats put back by an agent going offline
 * were placed before the urgent customer, who was next: "next" -> "number 4" -> "next" -> "number 4"). Priority still
 * comes first: a chat of a higher priority goes ahead whenever it comes.
 */
export function queuedSince(h: { requestedAt: number; handoff: unknown }): number {
  const t = (h.handoff as Handoff | null)?.transitions ?? [];
  for (let i = t.length - 1; i >= 0; i--) {
    if (t[i].to !== 'pending') continue;
    // Put back because the agent who had answered it stayed away past the grace (newcomer s15 N#12): the customer
    // had been served, so the chat takes the place it had before it was assigned, at the front, not the back.
    if (t[i].from === 'assigned' && causeOf(t[i]) === 'away') continue;
    // Session 41 (hostile s40 M9): nor is a customer whose agent did not open (or answer) the chat in time sent to the
    // back: newer chats were given out first while it waited, "position 1" for minutes.
    if (t[i].from === 'assigned' && (causeOf(t[i]) === 'not_opened' || causeOf(t[i]) === 'not_answered')) continue;
    return t[i].from && t[i].from !== 'pending' ? Math.max(h.requestedAt, t[i].at) : h.requestedAt;
  }
  return h.requestedAt;
}

/**
 * The notes of the put-backs that are NOT refusals: the agent went offline or signed out (giving her chats back), was
 * removed from the team, or stayed away past the grace. Once back she may be given the chat again (hostile s6, s7).
 * Every other move of a chat from its agent back to the queue is one (she declined it, did not open or answer it in
 * time, transferred it): it is not given to her again automatically. Since session 38 the transition says which with
 * its structured `cause` (shared/handoff requeueIsRefusal); these notes are the words the inbox's timeline shows, and
 * causeOf still reads them on transitions stored before session 38: keep their wording.
 */
export const notRefusedNotes = {
  wentOffline: 'The agent went offline.',
  removed: 'The agent is no longer on the team: the chat went back to the queue.',
  signedOut: (name: string) => `${name} signed out; the chat went back to the queue.`,
  choseOffline: (name: string) => `${name} went offline; the chat went back to the queue.`,
};
const NOT_REFUSED_BY_NAME = / (signed out|went offline); the chat went back to the queue\.$/;

/**
 * Session 38 (review debt: the cause was read from the note's words): why a chat went from its agent back to the queue,
 * from the transition's structured `cause` (written since session 38 wherever a chat goes back: the hub, the agent
 * routes, the engine's default for an agent's decline). A transition stored before has none: its cause is read from
 * the note the hub wrote then (notRefusedNotes and the reassign / away notes), else it was an agent's decline.
 */
export function causeOf(x: HandoffTransition): RequeueCause {
  if (x.cause !== undefined) return x.cause;
  const note = x.note ?? '';
  if (note === NOT_OPENED_NOTE) return 'not_opened';
  if (note === NOT_ANSWERED_NOTE) return 'not_answered';
  if (note === AWAY_TOO_LONG_NOTE) return 'away';
  if (note === notRefusedNotes.wentOffline) return 'went_offline';
  if (note === notRefusedNotes.removed) return 'removed';
  if (/^Transferred to /.test(note)) return 'transfer';
  const byName = NOT_REFUSED_BY_NAME.exec(note);
  if (byName) return byName[1] === 'signed out' ? 'signed_out' : 'went_offline';
  return 'declined';
}

/**
 * Session 37 (newcomer s35, the put-back memory): the agents who refused a handoff (see notRefusedNotes), read from its
 * stored transitions (each move from an agent back to the queue names her as its actor), with `known`, the ones this
 * process or the shared state was told. The hub's memory of declines (meta.declined) is lost when the runtime
 * restarts with the embedded store: an auto-assigned chat that went back to Unassigned because Ann did not open it
 * ("it won't come back to you by itself") was given to her again at her next sign-in. The handoff's history is stored
 * with it in every store, on every instance and shard, so nothing else has to be kept.
 */
export function declinedOf(h: { handoff: unknown }, known?: ReadonlySet<string>): ReadonlySet<string> {
  const t = (h.handoff as Handoff | null)?.transitions ?? [];
  let out: Set<string> | null = null;
  for (const x of t) {
    if (x.from !== 'assigned' || x.to !== 'pending' || !x.actor.startsWith('agent:') || !requeueIsRefusal(causeOf(x))) continue;
    out ??= new Set(known);
    out.add(x.actor.slice(6));
  }
  return out ?? known ?? EMPTY_SET;
}
const EMPTY_SET: ReadonlySet<string> = new Set();

/**
 * Session 41 (hostile s40 M9): the agent whose put-back for not opening (or answering) the chat in time is the chat's
 * only refusal so far (nobody declined or transferred it, nobody else let it pass). Not a refusal of the customer (her
 * inbox was closed, a restart, a busy minute): when nobody else can take the chat she is offered it once more, in its
 * place in the queue (oldest first), not passed over for newer chats. Empty otherwise (a second pass of hers, or of a
 * colleague's, leaves the chat to the queue and its timeout, as before).
 */
export function passiveRefusersOf(h: { handoff: unknown }): ReadonlySet<string> {
  const t = (h.handoff as Handoff | null)?.transitions ?? [];
  const refusals = t.filter((x) => x.from === 'assigned' && x.to === 'pending' && x.actor.startsWith('agent:') && requeueIsRefusal(causeOf(x)));
  if (refusals.length !== 1) return EMPTY_SET;
  const cause = causeOf(refusals[0]!);
  return cause === 'not_opened' || cause === 'not_answered' ? new Set([refusals[0]!.actor.slice(6)]) : EMPTY_SET;
}

/** Session 38: the team the handoff's last transfer to a team sent it to (stored on that transition), if any. */
export function transferTeamOf(h: { handoff: unknown }): string | undefined {
  const t = (h.handoff as Handoff | null)?.transitions ?? [];
  for (let i = t.length - 1; i >= 0; i--) if (t[i].team !== undefined) return t[i].team;
  return undefined;
}

/** When the handoff last went back from an agent to the queue, else when it was requested. */
function lastPutBackAt(h: HandoffRecord): number {
  const t = (h.handoff as Handoff | null)?.transitions ?? [];
  for (let i = t.length - 1; i >= 0; i--) if (t[i].from === 'assigned' && t[i].to === 'pending') return t[i].at;
  return h.requestedAt;
}

/** When the handoff's current assignment was made (its last move to assigned), else when it was requested. */
function assignedAt(h: HandoffRecord): number {
  const t = (h.handoff as Handoff | null)?.transitions ?? [];
  for (let i = t.length - 1; i >= 0; i--) if (t[i].to === 'assigned') return t[i].at;
  return h.requestedAt;
}

/**
 * Newcomer s29 N11: whether the handoff's current assignment gives it back to the agent who held it last (it went back
 * to the queue while she was away: offline, her inbox closed past the grace, signed out giving her chats back) and not
 * to her for the first time. Her inbox said "A chat was assigned to you" at her next sign-in for a chat she had opened
 * and answered before. Read from the handoff's stored transitions (the requeue's actor is the agent it left).
 */
export function heldBefore(h: { status: string; handoff: unknown }): boolean {
  if (h.status !== 'assigned') return false;
  const t = (h.handoff as Handoff | null)?.transitions ?? [];
  const last = t[t.length - 1];
  if (!last || last.to !== 'assigned' || !last.actor.startsWith('agent:')) return false;
  for (let i = t.length - 2; i >= 0; i--) {
    // Session 41 (hostile s40 M9): a chat she did not open (or answer) in time, offered to her again, is new to her.
    if (t[i].from === 'assigned' && t[i].to === 'pending') return t[i].actor === last.actor && !['transfer', 'not_opened', 'not_answered'].includes(causeOf(t[i]));
    if (t[i].to !== 'pending' && t[i].to !== 'assigned') return false;
  }
  return false;
}

/**
 * The handoff's last transfer by an agent, while it is the latest thing that happened to its assignment: who moved it
 * (the admin, for an admin's rescue), to whom, the note they wrote, when (newcomer s9 #2: the colleague receiving a
 * transfer read "The flow handed over ..." as if the bot had just handed over).
 */
export function transferOf(h: { handoff: unknown }, nameOf: (id: string) => string | undefined, idOf?: (name: string) => string | undefined): { byId: string; by: string; note: string; at: number } | null {
  const t = (h.handoff as Handoff | null)?.transitions ?? [];
  for (let i = t.length - 1; i >= 0; i--) {
    const x = t[i];
    if (x.from === 'assigned' && x.to === 'pending') {
      if (causeOf(x) !== 'transfer') return null;
      const m = /^Transferred to (?:.*?)(?: by (.+) \(admin\))?(?:: ([\s\S]*))?$/.exec(x.note ?? '');
      if (!m) return null;
      // Session 47 (hostile s47 L2): the move's actor is the agent the chat left; an admin's rescue names the admin
      // (transition.transfer.byId; before session 47 only by name in the note: the actor's id was given with the
      // admin's name).
      const actor = x.actor.startsWith('agent:') ? x.actor.slice(6) : '';
      const byId = x.transfer?.byId ?? (m[1] ? (idOf?.(m[1]) ?? actor) : actor);
      return { byId, by: x.transfer?.byId ? x.transfer.by : (m[1] ?? nameOf(byId) ?? byId), note: (m[2] ?? '').trim(), at: x.at };
    }
    if (x.to === 'resolved' || x.to === 'expired' || x.to === 'rejected' || x.to === 'cancelled') return null;
  }
  return null;
}

/**
 * A waiting chat that an agent had, last put back to the queue (went offline, not opened or not answered in time, a
 * transfer): that agent, the transition's note, when; null otherwise (newcomer s35 #4: the toast "It is in Mine" stayed
 * after the chat had left Mine, and nothing said why).
 */
export function putBackOf(h: { status: string; handoff: unknown }): { byId: string; why: PutBackWhy; note: string; at: number } | null {
  if (h.status !== 'pending') return null;
  const t = (h.handoff as Handoff | null)?.transitions ?? [];
  const last = t[t.length - 1];
  if (!last || last.from !== 'assigned' || last.to !== 'pending' || !last.actor.startsWith('agent:')) return null;
  const note = last.note ?? '';
  const cause = causeOf(last);
  const why: PutBackWhy = cause === 'not_opened' || cause === 'not_answered' || cause === 'away' || cause === 'transfer' ? cause : 'other';
  return { byId: last.actor.slice(6), why, note, at: last.at };
}
/** Why a chat went back to the queue from its agent (putBackOf): the hub's own reasons, else `other` (the note says). */
export type PutBackWhy = 'not_opened' | 'not_answered' | 'away' | 'transfer' | 'other';

/** Session 46 (ui10): the record's handoff given to its agent and not opened by her yet (shared notOpenedYet). */
function notOpenedYetRec(h: { handoff: unknown }): boolean {
  return notOpenedYet(h.handoff as Handoff | null);
}

/** How the inbox names the customer of a handoff: name, else email, else "Visitor" + the start of the conversation id. */
export function customerLabel(h: { conversationId: string; request: unknown }): string {
  const v = ((h.request as { context?: { variables?: Record<string, unknown> } } | null)?.context?.variables ?? {}) as Record<string, unknown>;
  const pick = (x: unknown) => (typeof x === 'string' && x.trim() && x.trim() !== 'null' ? x.trim().slice(0, 120) : null);
  return pick(v.customerName) ?? pick(v.customerEmail) ?? `Visitor ${h.conversationId.replace(/[^A-Za-z0-9]/g, '').slice(0, 6)}`;
}

/** The list row of a handoff (the inbox's list and its live `handoff` events). */
export function summarize(h: HandoffRecord, hub: AgentHub) {
  const r = hub.requestOf(h);
  const ho = (h.handoff ?? {}) as Partial<Handoff>;
  return {
    id: h.id,
    conversationId: h.conversationId,
    flowId: h.flowId,
    status: h.status,
    priority: h.priority,
    reason: ho.reason ?? r.context?.reason ?? 'flow',
    summary: r.context?.summary ?? '',
    assignation: r.assignation ?? 'simple',
    autoAssign: r.autoAssign ?? null,
    teams: hub.teamsOf(h),
    skill: r.skill ?? '',
    language: r.language ?? '',
    agentId: ho.agentId ?? null,
    agentName: ho.agentName ?? null,
    /** Held by an agent who stepped away (inbox closed or offline): since when; the chat stays hers for the grace. */
    agentAwaySince: h.status === 'assigned' && ho.agentId ? hub.awaySince(ho.agentId) : null,
    requestedAt: h.requestedAt,
    /** Since when it waits in the queue (requested, or put back): the queue's order within a priority. */
    queuedSince: queuedSince(h),
    /** Waiting: its place in the queue and the expected wait, as the customer is told (newcomer s11 #9). */
    queue: h.status === 'pending' ? hub.queuePlaceOf(h.id) : null,
    transfer: transferOf(
      h,
      (id) => hub.deps.directory.get(id)?.name,
      (name) => {
        const same = hub.deps.directory.list().filter((x) => x.name === name);
        return same.length === 1 ? same[0].id : undefined;
      },
    ),
    /**
     * Newcomer s29 N11: false while automatic assignment gave the chat to its agent and she has not opened it yet (the
     * customer reads "<name> will be with you shortly"); true once she has, or when she took it herself. Null unless
     * assigned. The inbox announces a chat given to her only while this is false (or it was transferred to her).
     */
    joined: h.status === 'assigned' ? !notOpenedYetRec(h) : null,
    /** Newcomer s29 N11: this assignment gives its agent back a chat she held before (requeued while she was away). */
    heldBefore: heldBefore(h),
    /** Newcomer s35 #4: a waiting chat put back from an agent: who had it, why, when (the inbox's "no longer in Mine"). */
    putBack: putBackOf(h),
    updatedAt: h.updatedAt,
    deadline: ho.deadline ?? null,
    /** How the inbox names the customer (customerLabel; session 46, tidy3: was added by both callers). */
    customer: customerLabel(h),
  };
}
