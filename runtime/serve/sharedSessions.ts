/**
 * Agent sign-in sessions shared by several `baton serve --redis` instances, so an inbox signed in through one
 * instance keeps working when a load balancer sends its next request to another.
 *
 * `SharedSessionMap` is the map AgentDirectory keeps its sessions in: a sign-in writes the session through to the
 * shared state (Redis key with the session's expiry), a sign-out deletes it there and tells every instance to drop
 * its copy. `loadSharedSession` runs before the agent routes (onRequest): a bearer token this instance does not
 * know is looked up in the shared state and adopted. Only the sha256 of a token is stored, never the token.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { AgentSession, SharedState } from '../store/sharedState';
import type { AgentDirectory } from '../agents/agentDirectory';

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export class SharedSessionMap extends Map<string, AgentSession> {
  private shared: SharedState | null = null;
  private now: () => number = Date.now;
  private logger: Logger | null = null;

  /** Starts writing through (the Map constructor calls set() before this runs, so it is a separate step). */
  attach(shared: SharedState, now: () => number, logger: Logger): () => void {
    this.shared = shared;
    this.now = now;
    this.logger = logger;
    return shared.subscribe((e) => {
      if (e.type !== 'session' || e.origin === shared.instanceId) return;
      const hash = (e.data as { hash?: unknown })?.hash;
      if (typeof hash === 'string') super.delete(hash);
    });
  }

  override set(hash: string, s: AgentSession): this {
    super.set(hash, s);
    void this.shared?.putSession(hash, s, this.now()).catch((err) => this.logger?.warn({ err }, 'saving an agent session failed'));
    return this;
  }

  override delete(hash: string): boolean {
    const had = super.delete(hash);
    const shared = this.shared;
    if (shared) {
      void shared
        .deleteSession(hash)
        .then(() => shared.publish({ type: 'session', handoffId: null, data: { hash } }))
        .catch((err) => this.logger?.warn({ err }, 'removing an agent session failed'));
    }
    return had;
  }

  /** A session another instance created (no write back). */
  adopt(hash: string, s: AgentSession) {
    super.set(hash, s);
  }
}

/** onRequest hook for /api/v1/agent/*: adopts a session created on another instance before the route authenticates. */
export function loadSharedSession(o: { shared: SharedState; sessions: SharedSessionMap; directory: AgentDirectory; now: () => number }) {
  return async (req: FastifyRequest) => {
    if (!req.url.startsWith('/api/v1/agent/')) return;
    const h = req.headers.authorization;
    const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h.trim()) : null;
    const q = (req.query as { token?: unknown } | undefined)?.token;
    const token = m ? m[1] : typeof q === 'string' ? q : undefined;
    if (!token || token.length > 500 || o.directory.authenticate(token)) return;
    const hash = tokenHash(token);
    let s = await o.shared.getSession(hash);
    if (!s) {
      // Signed in a moment ago on another instance: its write may still be on the way.
      await new Promise((r) => setTimeout(r, 50));
      s = await o.shared.getSession(hash);
    }
    if (s && s.expiresAt > o.now()) o.sessions.adopt(hash, s);
  };
}
