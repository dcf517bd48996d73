/**
 * `SharedState` on Redis (runtime/store/sharedState.ts): what the agent side of every `baton serve --redis`
 * instance must agree on, in a few hashes under the store's prefix, plus one pub/sub channel for events.
 *
 * Keys (prefix `baton:` by default):
 * - `agentStatus` (agentId -> online|busy|offline) and `agentSeen` (agentId -> last heartbeat, ms). Every instance
 *   heartbeats the agents whose push stream it holds; an instance that dies stops doing so, and the expiry script
 *   (run by every instance) sets such an agent offline after the inactivity timeout: each expired agent is handed
 *   to exactly one caller, which requeues its unanswered chats.
 * - `notes:<conversationId>`: list of private notes (JSON), kept 90 days after the last one.
 * - `hTeam`, `hDeclined` (`<handoffId>\n<agentId>`), `hAnswered`, `hAnnounced`: per-handoff assignment inputs;
 *   `agentAssigned`: when each agent was last auto-assigned (round robin across instances).
 * - `session:<sha256 of token>`: agent sign-in sessions (JSON {agentId, expiresAt}), expiring with the session.
 * - `leader`: the instance running the assignment pass (SET NX PX, renewed by its holder).
 * - channel `agentEvents`: notes, typing, "also viewing", presence and flow redeploys, heard by every instance.
 */
import type { Redis } from 'ioredis';
import type { AgentSession, Announcement, DoneTransfer, HandoffMeta, PresenceEntry, PresenceStatus, SharedEvent, SharedState } from '../sharedState';

const NOTE_TTL_MS = 90 * 86_400_000;

const SET_PRESENCE = `
local prev = redis.call('HGET', KEYS[1], ARGV[1]) or 'offline'
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
return prev`;

const EXPIRE_PRESENCE = `
local st = redis.call('HGETALL', KEYS[1])
local out = {}
local cutoff = tonumber(ARGV[1])
for i = 1, #st, 2 do
  if st[i + 1] ~= 'offline' then
    local seen = tonumber(redis.call('HGET', KEYS[2], st[i]) or '0') or 0
    if seen < cutoff then
      redis.call('HSET', KEYS[1], st[i], 'offline')
      out[#out + 1] = st[i]
    end
  end
end
return out`;

const LEAD = `
local cur = redis.call('GET', KEYS[1])
if not cur then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
if cur == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`;

const RESIGN = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// Session 20 (fixrt2, hostile s19 #20): the cluster-wide check of an admin edit (agents, canned replies). An absent key
// (no save of that item in the last moments) matches anything.
const CLAIM_EDIT = `
local cur = redis.call('GET', KEYS[1])
if cur and cur ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

const TRANSFER_KEYS_MS = 3_600_000;

interface Scripts {
  batonClaimEdit(k: string, expect: string, next: string, ms: string): Promise<number>;
  batonSetPresence(k1: string, k2: string, id: string, status: string, now: string): Promise<string>;
  batonExpirePresence(k1: string, k2: string, cutoff: string): Promise<string[]>;
  batonLead(k: string, owner: string, ms: string): Promise<number>;
  batonResign(k: string, owner: string): Promise<number>;
}

export class RedisSharedState implements SharedState {
  readonly kind = 'redis' as const;
  private listeners = new Set<(e: SharedEvent) => void>();
  private closed = false;
  readonly channel: string;

  constructor(
    private redis: Redis,
    private prefix: string,
    readonly instanceId: string,
  ) {
    this.channel = prefix + 'agentEvents';
    redis.defineCommand('batonSetPresence', { numberOfKeys: 2, lua: SET_PRESENCE });
    redis.defineCommand('batonExpirePresence', { numberOfKeys: 2, lua: EXPIRE_PRESENCE });
    redis.defineCommand('batonLead', { numberOfKeys: 1, lua: LEAD });
    redis.defineCommand('batonResign', { numberOfKeys: 1, lua: RESIGN });
    redis.defineCommand('batonClaimEdit', { numberOfKeys: 1, lua: CLAIM_EDIT });
  }

  private k(name: string) {
    return this.prefix + name;
  }
  private get s() {
    return this.redis as unknown as Scripts;
  }

  /** Called by RedisStore for each message on `channel` (its subscriber connection is shared). */
  onMessage(message: string) {
    let e: SharedEvent;
    try {
      e = JSON.parse(message) as SharedEvent;
    } catch {
      return;
    }
    if (!e || typeof e.type !== 'string') return;
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        /* a listener's bug must not stop the others */
      }
    }
  }

  /* presence */
  async presence(): Promise<Map<string, PresenceEntry>> {
    const [st, seen] = await Promise.all([this.redis.hgetall(this.k('agentStatus')), this.redis.hgetall(this.k('agentSeen'))]);
    const out = new Map<string, PresenceEntry>();
    for (const [id, status] of Object.entries(st)) out.set(id, { status: status as PresenceStatus, lastSeen: Number(seen[id] ?? 0) });
    return out;
  }
  async setPresence(agentId: string, status: PresenceStatus, now: number): Promise<PresenceStatus> {
    return (await this.s.batonSetPresence(this.k('agentStatus'), this.k('agentSeen'), agentId, status, String(now))) as PresenceStatus;
  }
  async touch(agentIds: string[], now: number) {
    if (agentIds.length === 0) return;
    await this.redis.hset(this.k('agentSeen'), Object.fromEntries(agentIds.map((id) => [id, String(now)])));
  }
  async expirePresence(cutoff: number): Promise<string[]> {
    return this.s.batonExpirePresence(this.k('agentStatus'), this.k('agentSeen'), String(cutoff));
  }

  /* notes */
  async addNote(conversationId: string, note: unknown) {
    const key = this.k('notes:' + conversationId);
    await this.redis.multi().rpush(key, JSON.stringify(note)).pexpire(key, NOTE_TTL_MS).exec();
  }
  async notes(conversationId: string) {
    return (await this.redis.lrange(this.k('notes:' + conversationId), 0, -1)).map((s) => JSON.parse(s) as unknown);
  }

  /* assignment inputs */
  async handoffMeta(): Promise<HandoffMeta> {
    const res = (await this.redis
      .pipeline()
      .hgetall(this.k('hTeam'))
      .hgetall(this.k('hDeclined'))
      .hgetall(this.k('hAnswered'))
      .hgetall(this.k('hAnnounced'))
      .hgetall(this.k('agentAssigned'))
      .exec()) as Array<[Error | null, Record<string, string>]>;
    const [team, declined, answered, announced, assigned] = res.map(([err, v]) => {
      if (err) throw err;
      return v;
    });
    const d = new Map<string, Set<string>>();
    for (const field of Object.keys(declined)) {
      const i = field.indexOf('\n');
      const hid = field.slice(0, i);
      const s = d.get(hid) ?? new Set<string>();
      s.add(field.slice(i + 1));
      d.set(hid, s);
    }
    return {
      team: new Map(Object.entries(team)),
      declined: d,
      answered: new Map(Object.entries(answered)),
      announced: new Map(Object.entries(announced).map(([k, v]) => [k, JSON.parse(v) as Announcement])),
      lastAssigned: new Map(Object.entries(assigned).map(([k, v]) => [k, Number(v)])),
    };
  }
  async setTeam(handoffId: string, team: string) {
    await this.redis.hset(this.k('hTeam'), handoffId, team);
  }
  async addDeclined(handoffId: string, agentId: string) {
    await this.redis.hset(this.k('hDeclined'), `${handoffId}\n${agentId}`, '1');
  }
  async setAnswered(handoffId: string, agentId: string) {
    await this.redis.hset(this.k('hAnswered'), handoffId, agentId);
  }
  async setAnnounced(handoffId: string, a: Announcement | null) {
    if (a) await this.redis.hset(this.k('hAnnounced'), handoffId, JSON.stringify(a));
    else await this.redis.hdel(this.k('hAnnounced'), handoffId);
  }
  async setLastAssigned(agentId: string, at: number) {
    await this.redis.hset(this.k('agentAssigned'), agentId, String(at));
  }
  async forgetHandoffs(handoffIds: string[]) {
    if (handoffIds.length === 0) return;
    const gone = new Set(handoffIds);
    const declined = (await this.redis.hkeys(this.k('hDeclined'))).filter((f) => gone.has(f.slice(0, f.indexOf('\n'))));
    const tx = this.redis.multi();
    tx.hdel(this.k('hAnswered'), ...handoffIds);
    tx.hdel(this.k('hAnnounced'), ...handoffIds);
    if (declined.length > 0) tx.hdel(this.k('hDeclined'), ...declined);
    await tx.exec();
  }

  /* sessions: one key each, expiring with the session */
  async putSession(tokenHash: string, s: AgentSession, now: number) {
    const ttl = Math.floor(s.expiresAt - now);
    if (ttl <= 0) return;
    await this.redis.set(this.k('session:' + tokenHash), JSON.stringify(s), 'PX', ttl);
  }
  async getSession(tokenHash: string) {
    const v = await this.redis.get(this.k('session:' + tokenHash));
    return v === null ? null : (JSON.parse(v) as AgentSession);
  }
  async deleteSession(tokenHash: string) {
    await this.redis.del(this.k('session:' + tokenHash));
  }

  async lead(ms: number): Promise<boolean> {
    if (this.closed) return false;
    return (await this.s.batonLead(this.k('leader'), this.instanceId, String(Math.max(100, Math.floor(ms))))) === 1;
  }

  async claimEdit(key: string, expect: string, next: string, ms: number): Promise<boolean> {
    return (await this.s.batonClaimEdit(this.k('edit:' + key), expect, next, String(Math.max(100, Math.floor(ms))))) === 1;
  }
  async releaseEdit(key: string, value: string): Promise<void> {
    await this.s.batonResign(this.k('edit:' + key), value);
  }

  /* transfers of one handoff, one at a time in the cluster (SharedState.transferTurn ...); the keys expire after an hour */
  async transferTurn(handoffId: string): Promise<number> {
    const k = this.k('transferTurn:' + handoffId);
    const out = await this.redis.multi().incr(k).pexpire(k, TRANSFER_KEYS_MS).exec();
    const [err, n] = out?.[0] ?? [new Error('redis: the transfer turn was not counted'), 0];
    if (err) throw err;
    return Number(n);
  }
  async movedTurn(handoffId: string): Promise<number> {
    return Number((await this.redis.get(this.k('transferMoved:' + handoffId))) ?? 0);
  }
  async setMovedTurn(handoffId: string, turn: number): Promise<void> {
    await this.redis.set(this.k('transferMoved:' + handoffId), String(turn), 'PX', TRANSFER_KEYS_MS);
  }
  async lastTransfer(handoffId: string): Promise<DoneTransfer | null> {
    const raw = await this.redis.get(this.k('transferDone:' + handoffId));
    if (!raw) return null;
    try {
      const t = JSON.parse(raw) as Partial<DoneTransfer>;
      return typeof t.by === 'string' && typeof t.to === 'string' && typeof t.at === 'number' ? { by: t.by, to: t.to, at: t.at } : null;
    } catch {
      return null;
    }
  }
  async setLastTransfer(handoffId: string, t: DoneTransfer): Promise<void> {
    await this.redis.set(this.k('transferDone:' + handoffId), JSON.stringify({ by: t.by, to: t.to, at: t.at }), 'PX', TRANSFER_KEYS_MS);
  }
  async holdTransfer(handoffId: string, owner: string, ms: number): Promise<boolean> {
    return (await this.redis.set(this.k('transferHeld:' + handoffId), owner, 'PX', Math.max(100, Math.floor(ms)), 'NX')) === 'OK';
  }
  async releaseTransfer(handoffId: string, owner: string): Promise<void> {
    await this.s.batonResign(this.k('transferHeld:' + handoffId), owner);
  }

  /* events */
  async publish(e: Omit<SharedEvent, 'origin'>) {
    await this.redis.publish(this.channel, JSON.stringify({ ...e, origin: this.instanceId }));
  }
  subscribe(fn: (e: SharedEvent) => void) {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }

  /** Gives up leadership at once (a clean stop); the store closes the connections. */
  async close() {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    await this.s.batonResign(this.k('leader'), this.instanceId).catch(() => undefined);
  }
}
