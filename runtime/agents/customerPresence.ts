/**
 * Customer presence for the agents (newcomer s6 #24): is the customer's chat page open, i.e. is the widget's push
 * channel (GET /api/v1/conversations/:id/events) connected, and since when; "page closed at 10:04", "back at 10:07".
 *
 * Fed by the customer push route's stream lifecycle (customerSignals.subscribe is called when a stream opens and its
 * unsubscribe when it closes). Several tabs = several streams: the page counts as open while any is. A reconnect
 * (the widget's EventSource retries within 2 s) is not a close: a close is told only after closeGraceMs (5 s) without a
 * stream.
 *
 * Several instances (`--redis`): the same design as agent presence and "also viewing": each instance tells the others
 * through the shared pub/sub channel (`customer` events: opened / closed, and one heartbeat per instance every
 * heartbeatMs listing the conversations whose page it holds). An instance that dies stops its heartbeat, and its
 * pages count as closed at its last heartbeat once ttlMs has passed. The memory shared state (one process) delivers
 * the same events synchronously. The hub ignores this event type (its `onShared` default), so nothing else changes.
 */
import type { CustomerPage } from '../../shared/handoff/customerPage';
import type { SharedEvent, SharedState } from '../store/sharedState';

export type { CustomerPage } from '../../shared/handoff/customerPage';
export { pageGone } from '../../shared/handoff/customerPage';

/**
 * Timings (ms), read when a CustomerPresence is made: `closeGraceMs` without a stream before a close is told (a
 * reconnect takes ~2 s), `heartbeatMs` between two heartbeats of an instance, `ttlMs` after an instance's last
 * heartbeat before its pages count as closed, `backgroundGoneMs` (session 39) a page in the background with its
 * connection closed before it counts as gone (a phone may have killed it: nothing says so). Tests shorten them.
 * 10 minutes: Chrome on Android freezes a hidden tab after 5 minutes in the background, so a customer who is still
 * reading their mail with the chat in another tab is frozen long before; one who has not come back after 10 minutes
 * is not waiting at the screen, and gets their place back as soon as the page returns (pageGone is read at each
 * assignment, not stored).
 */
export const customerPresenceTiming = { closeGraceMs: 5_000, heartbeatMs: 15_000, ttlMs: 45_000, backgroundGoneMs: 600_000 };
/** Closed pages are remembered this long (then shown as unknown). */
const FORGET_CLOSED_MS = 24 * 3_600_000;

type Wire =
  | { kind: 'open'; conversationId: string; at: number; closedAt?: number }
  | { kind: 'closed'; conversationId: string; at: number }
  | { kind: 'beat'; open: Array<[conversationId: string, since: number]>; at: number }
  | { kind: 'active'; conversationId: string; at: number }
  | { kind: 'background'; conversationId: string; at: number; on: boolean };

interface Remote {
  /** instanceId -> since (open on that instance) and its last heartbeat. */
  on: Map<string, { since: number; seen: number }>;
  closedAt?: number;
  /** The customer's last call to the customer API (told by any instance, at most every activeEveryMs). */
  activeAt?: number;
  /** Session 38: since when the page says it is in the background (hidden, frozen, back-forward cache); see background(). */
  backgroundAt?: number;
  /** Session 39: the listeners were told this page's background went past the limit (heartbeat, once per stretch). */
  backgroundToldGone?: boolean;
}

/** An instance tells the others of a customer's API call at most this often per conversation. */
const ACTIVE_EVERY_MS = 10_000;

const EVENT = 'customer' as SharedEvent['type'];

export class CustomerPresence {
  /** Streams this instance holds, per conversation. */
  private local = new Map<string, { count: number; since: number; closedAt?: number; closeTimer: NodeJS.Timeout | null; lastClose: number }>();
  /** Customer API calls seen by this instance (conversationId -> last call, and when the others were last told). */
  private activity = new Map<string, { at: number; told: number }>();
  /** Every instance's view (this one's own events included: they come back through the shared channel). */
  private remote = new Map<string, Remote>();
  private listeners = new Set<(conversationId: string, page: CustomerPage | null) => void>();
  private beat: NodeJS.Timeout;
  private off: () => void;
  private stopped = false;
  /** When this server started (made with the server's agent routes): pages from before are unknown. */
  readonly startedAt: number;

  constructor(
    private shared: SharedState,
    private now: () => number,
    private warn: (err: unknown, what: string) => void = () => undefined,
    private timing = { ...customerPresenceTiming },
  ) {
    this.off = shared.subscribe((e) => {
      if (e.type === EVENT) this.onShared(e.origin, e.data as Wire);
    });
    this.beat = setInterval(() => this.heartbeat(), this.timing.heartbeatMs);
    this.beat.unref();
    this.startedAt = now();
  }

  /**
   * After this long since the start, a page that was open before the restart has connected again (the widget
   * retries within ~2 s; with several instances, the others' heartbeats have told theirs).
   */
  private restartGraceMs() {
    return this.timing.closeGraceMs + (this.shared.kind === 'redis' ? this.timing.heartbeatMs : 0);
  }

  /**
   * Calls `fn` once, when the restart grace is over: from then on a conversation that began before the start and whose
   * page has not connected since is told as "not seen since restart" (page()). Nothing else announces that moment, so
   * an inbox that read the chat within the grace showed no chip at all until it read it again (session 37). Returns a
   * cancel; never calls `fn` when the grace is already over.
   */
  whenRestartGraceOver(fn: () => void): () => void {
    const left = this.startedAt + this.restartGraceMs() - this.now();
    if (left <= 0 || this.stopped) return () => undefined;
    const t = setTimeout(() => {
      if (!this.stopped) fn();
    }, left + 50);
    t.unref();
    return () => clearTimeout(t);
  }

  /** A customer push stream opened on this instance. */
  opened(conversationId: string) {
    if (this.stopped) return;
    const now = this.now();
    const l = this.local.get(conversationId);
    if (l) {
      l.count += 1;
      if (l.closeTimer) {
        // Back within the grace period (a reconnect, a reload): never told as closed.
        clearTimeout(l.closeTimer);
        l.closeTimer = null;
      }
      return;
    }
    const before = this.known(conversationId);
    const closedAt = before && !before.open ? before.at : undefined;
    this.local.set(conversationId, { count: 1, since: now, closedAt, closeTimer: null, lastClose: 0 });
    this.publish({ kind: 'open', conversationId, at: now, ...(closedAt !== undefined ? { closedAt } : {}) });
  }

  /** A customer push stream closed on this instance. */
  closed(conversationId: string) {
    const l = this.local.get(conversationId);
    if (!l || this.stopped) return;
    l.count -= 1;
    if (l.count > 0) return;
    l.lastClose = this.now();
    if (l.closeTimer) clearTimeout(l.closeTimer);
    l.closeTimer = setTimeout(() => {
      l.closeTimer = null;
      if (l.count > 0 || this.local.get(conversationId) !== l) return;
      this.local.delete(conversationId);
      this.publish({ kind: 'closed', conversationId, at: l.lastClose });
    }, this.timing.closeGraceMs);
    l.closeTimer.unref();
  }

  /**
   * The customer called the customer API of this conversation (read it, sent a message): proof they are there even
   * without an open push stream (newcomer s35 #2: a REST customer who had opened /events once was served after
   * everyone who asked later). Noted only when it can matter: a page of this conversation was seen (on any instance),
   * or it began before this server started (`createdAt`; otherwise told as closed at the restart). Cheap on the
   * message path: a map lookup; the other instances are told at most every 10 s per conversation.
   */
  active(conversationId: string, createdAt?: number) {
    if (this.stopped) return;
    const seenPage = this.remote.has(conversationId) || this.local.has(conversationId);
    if (!seenPage && !(createdAt !== undefined && createdAt < this.startedAt)) return;
    const now = this.now();
    let a = this.activity.get(conversationId);
    if (!a) this.activity.set(conversationId, (a = { at: now, told: Number.NEGATIVE_INFINITY }));
    a.at = now;
    // Told at once when it is the first call since the page closed (the agents' view changes), else every 10 s.
    if (now - a.told < ACTIVE_EVERY_MS && a.told > (this.remote.get(conversationId)?.closedAt ?? 0)) return;
    a.told = now;
    this.publish({ kind: 'active', conversationId, at: now });
  }

  /**
   * Session 38 (a phone browser freezes a page it hides, and its stream closes as a page closed for good would): the
   * widget says when its page goes to the background (`on`: hidden, frozen, kept in the back-forward cache) and when
   * it comes back or is closing for good (pagehide not persisted: a tab closed, a reload, a navigation). While the
   * page is in the background its closed stream is no departure (CustomerPage.backgroundAt, pageGone). Only an
   * explicit return or close clears it, not a stream that opens again: a hidden page may reconnect and be frozen again.
   * A page killed while in the background (a tab swiped away from the phone's task list) says nothing: it stays "in
   * the background". Told to every instance as the other page events are.
   */
  background(conversationId: string, on: boolean) {
    if (this.stopped) return;
    this.publish({ kind: 'background', conversationId, at: this.now(), on });
  }

  /**
   * The customer's page of this conversation, as every instance tells it; null when unknown.
   *
   * `startedAt`: when the conversation (or its handoff) began, when the caller knows it and it is a conversation
   * with a chat page (not the Rasa channel). One that began before this server started and whose page has not
   * connected since (the grace period over) is told as closed at the start, `beforeRestart` (README: before, a
   * customer who never came back after a restart showed nothing, as if never seen).
   */
  page(conversationId: string, startedAt?: number): CustomerPage | null {
    const p = this.known(conversationId);
    if (p || startedAt === undefined || startedAt >= this.startedAt) return p;
    if (this.now() - this.startedAt < this.restartGraceMs()) return null;
    // Called the API since the start: there, through the API (unknown page, as for any API client).
    if (this.lastActive(conversationId) >= this.startedAt) return null;
    return { open: false, at: this.startedAt, beforeRestart: true };
  }

  private known(conversationId: string): CustomerPage | null {
    const l = this.local.get(conversationId);
    const r = this.remote.get(conversationId);
    const now = this.now();
    let since = Infinity;
    let lastSeen = 0;
    if (l) since = l.since; // open here (or closing within the grace period: not told yet)
    for (const [inst, v] of r?.on ?? []) {
      if (inst === this.shared.instanceId) continue; // this instance's own pages: `local` is the truth
      if (now - v.seen > this.timing.ttlMs) lastSeen = Math.max(lastSeen, v.seen);
      else since = Math.min(since, v.since);
    }
    const closedAt = l?.closedAt ?? r?.closedAt;
    if (since !== Infinity) {
      return closedAt !== undefined && closedAt <= since ? { open: true, at: since, closedAt } : { open: true, at: since };
    }
    const at = Math.max(r?.closedAt ?? 0, lastSeen);
    if (at <= 0) return null;
    const active = this.lastActive(conversationId);
    const page: CustomerPage = active > at ? { open: false, at, activeAt: active } : { open: false, at };
    if (r?.backgroundAt !== undefined) {
      page.backgroundAt = r.backgroundAt;
      if (page.activeAt === undefined && this.backgroundOver(r.backgroundAt, at, now)) page.backgroundGone = true;
    }
    return page;
  }

  /** A page in the background since `backgroundAt` whose connection closed at `closedAt` has been away past the limit. */
  private backgroundOver(backgroundAt: number, closedAt: number, now: number): boolean {
    return now - Math.max(backgroundAt, closedAt) >= this.timing.backgroundGoneMs;
  }

  /** The customer's last API call as this instance knows it (its own, or told by another); 0 when none. */
  private lastActive(conversationId: string): number {
    return Math.max(this.activity.get(conversationId)?.at ?? 0, this.remote.get(conversationId)?.activeAt ?? 0);
  }

  /** Called with the conversation's new page state whenever it changes (on any instance). */
  listen(fn: (conversationId: string, page: CustomerPage | null) => void): () => void {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }

  stop() {
    this.stopped = true;
    clearInterval(this.beat);
    this.off();
    for (const l of this.local.values()) if (l.closeTimer) clearTimeout(l.closeTimer);
    this.listeners.clear();
  }

  private publish(w: Wire) {
    this.shared.publish({ type: EVENT, handoffId: null, data: w }).catch((err) => this.warn(err, 'customer presence event failed'));
  }

  private heartbeat() {
    const now = this.now();
    // Pages of instances that stopped beating (died): told as closed at their last beat, once.
    for (const [cid, r] of this.remote) {
      let changed = false;
      for (const [inst, v] of r.on) {
        if (inst === this.shared.instanceId) continue;
        if (now - v.seen > this.timing.ttlMs) {
          r.on.delete(inst);
          r.closedAt = Math.max(r.closedAt ?? 0, v.seen);
          changed = true;
        }
      }
      if (r.on.size === 0 && Math.max(r.closedAt ?? 0, r.activeAt ?? 0) < now - FORGET_CLOSED_MS) this.remote.delete(cid);
      // Session 39: a page in the background past the limit now counts as gone; nothing else announces that moment.
      if (r.backgroundAt !== undefined && !r.backgroundToldGone && r.on.size === 0 && !this.local.has(cid)) {
        if (this.backgroundOver(r.backgroundAt, r.closedAt ?? 0, now)) {
          r.backgroundToldGone = true;
          changed = true;
        }
      }
      if (changed) this.tell(cid);
    }
    for (const [cid, a] of this.activity) if (a.at < now - FORGET_CLOSED_MS) this.activity.delete(cid);
    const open: Array<[string, number]> = [];
    for (const [cid, l] of this.local) if (l.count > 0) open.push([cid, l.since]);
    if (open.length > 0) this.publish({ kind: 'beat', open, at: now });
  }

  private onShared(origin: string, w: Wire) {
    if (!w || typeof w !== 'object') return;
    if (w.kind === 'beat') {
      if (!Array.isArray(w.open)) return;
      for (const [cid, since] of w.open) {
        if (typeof cid !== 'string' || typeof since !== 'number') continue;
        const r = this.entry(cid);
        const had = r.on.has(origin);
        r.on.set(origin, { since, seen: w.at });
        if (!had) this.tell(cid);
      }
      return;
    }
    if (typeof w.conversationId !== 'string' || typeof w.at !== 'number') return;
    const r = this.entry(w.conversationId);
    if (w.kind === 'active') {
      const was = r.activeAt ?? 0;
      r.activeAt = Math.max(was, w.at);
      // Told only when it changes what the agents see: the first call after the page closed.
      if ((r.closedAt ?? 0) > 0 && r.on.size === 0 && was <= (r.closedAt ?? 0)) this.tell(w.conversationId);
      return;
    }
    if (w.kind === 'background') {
      if (w.on === true) r.backgroundAt ??= w.at;
      else if (w.on === false) {
        delete r.backgroundAt;
        delete r.backgroundToldGone;
      } else return;
      if (r.on.size === 0 && !this.local.has(w.conversationId)) this.tell(w.conversationId); // only a closed page shows it
      return;
    }
    delete r.backgroundToldGone; // a new stretch (opened, or closed again): its limit is told afresh
    if (w.kind === 'open') {
      r.on.set(origin, { since: w.at, seen: w.at });
      if (typeof w.closedAt === 'number') r.closedAt = Math.max(r.closedAt ?? 0, w.closedAt);
    } else if (w.kind === 'closed') {
      r.on.delete(origin);
      r.closedAt = Math.max(r.closedAt ?? 0, w.at);
    } else return;
    this.tell(w.conversationId);
  }

  private entry(cid: string): Remote {
    let r = this.remote.get(cid);
    if (!r) this.remote.set(cid, (r = { on: new Map() }));
    return r;
  }

  private tell(cid: string) {
    if (this.listeners.size === 0) return;
    const p = this.page(cid);
    for (const fn of this.listeners) fn(cid, p);
  }
}

const byShared = new WeakMap<SharedState, CustomerPresence>();

/**
 * The one CustomerPresence of a server (keyed by its hub's shared state), so the customer push route
 * (customerSignals) and the agent API (agentRoutes, agentLiveList) use the same object without more wiring.
 */
export function customerPresenceOf(hub: { shared: SharedState; deps: { now: () => number; logger?: { warn: (o: unknown, m: string) => void } } }): CustomerPresence {
  let p = byShared.get(hub.shared);
  if (!p) {
    const log = hub.deps.logger;
    p = new CustomerPresence(hub.shared, hub.deps.now, (err, what) => log?.warn({ err }, what));
    byShared.set(hub.shared, p);
  }
  return p;
}

/** The server's CustomerPresence if its routes made one (the hub's queue order reads it; none: every page unknown). */
export function customerPresenceIfAny(shared: SharedState): CustomerPresence | undefined {
  return byShared.get(shared);
}

/** Stops and forgets a server's CustomerPresence (its app closes). */
export function stopCustomerPresence(shared: SharedState) {
  byShared.get(shared)?.stop();
  byShared.delete(shared);
}
