/**
 * Helpers for the agent API tests: a runtime with agents on 127.0.0.1 (manual clock, loops ticked by hand),
 * agents with static tokens, and the shop flow with its Human Takeover block set per test.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import type { RuntimeStore } from '../../runtime/store/types';
import { hashPassword, type Agent } from '../../runtime/agents/agentDirectory';
import type { AgentSettings, CannedReply } from '../../runtime/agents/agentDirectory';
import { auth, shopFlow, startTestRuntime, type TestRuntime } from './runtimeFixtures';

export const PASSWORD = 'correct horse battery staple';
const PASSWORD_HASH = hashPassword(PASSWORD);

export function agent(id: string, over: Partial<Agent> = {}): Agent {
  return {
    id,
    name: id[0].toUpperCase() + id.slice(1),
    email: `${id}@example.com`,
    token: `token-of-${id}-0123456789abcdef`,
    passwordHash: PASSWORD_HASH,
    teams: ['support'],
    skills: [],
    languages: ['en'],
    maxChats: 3,
    admin: false,
    ...over,
  };
}

export const tok = (a: Agent) => auth(a.token!);

/**
 * Writes an agents file in `dir` and returns its path (session 37: who is online is kept next to it, with the sessions,
 * and the start-up grace after a restart applies only when someone was; agents given in-process keep nothing).
 */
export function agentsFileIn(dir: string, agents: Agent[], settings: Partial<AgentSettings> = {}): string {
  const file = join(dir, 'agents.json');
  writeFileSync(file, JSON.stringify({ agents, settings }));
  return file;
}

/** The shop flow with the takeover block's data changed. */
export function flowWithTakeover(data: Record<string, unknown>, base: Flow = shopFlow()): Flow {
  return { ...base, blocks: base.blocks.map((b) => (b.id === 'takeover' ? ({ ...b, data: { ...b.data, ...data } } as typeof b) : b)) };
}

export const autoAssign = (strategy: 'round_robin' | 'least_busy' = 'round_robin', maxChatsPerAgent = 3) => ({
  assignation: 'custom',
  autoAssign: { enabled: true, strategy, maxChatsPerAgent },
});

export interface AgentRuntime extends TestRuntime {
  patch(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  /** Runs the agent loop once (assignment, presence, reassign). */
  tick(): Promise<void>;
  /** A customer who asks for a person: returns the conversation id and token. */
  customerWantsPerson(): Promise<{ id: string; token: string; reply: any }>;
}

/** Runtimes started by startAgentRuntime and not stopped yet. */
const running = new Set<AgentRuntime>();

/** Stops every runtime a test started and left running: `afterEach(stopAgentRuntimes)`. */
export async function stopAgentRuntimes(): Promise<void> {
  await Promise.all([...running].map((r) => r.stop()));
}

/** The agent API path of a handoff. */
export const hid = (id: string) => `/api/v1/agent/handoffs/${encodeURIComponent(id)}`;

/** Sets each agent online (presence), expecting 200. */
export async function online(r: AgentRuntime, ...agents: Agent[]): Promise<void> {
  for (const a of agents) expect((await r.post('/api/v1/agent/presence', { status: 'online' }, tok(a))).status).toBe(200);
}

/** The handoff of a conversation as agent `as` (Ann by default) sees it in the "all" or "closed" view (undefined if neither). */
export async function handoffOf(r: AgentRuntime, conversationId: string, as: Agent = agent('ann')): Promise<any> {
  const all = [...(await r.get('/api/v1/agent/handoffs?view=all', tok(as))).body.handoffs, ...(await r.get('/api/v1/agent/handoffs?view=closed', tok(as))).body.handoffs];
  return all.find((h: any) => h.conversationId === conversationId);
}

export async function startAgentRuntime(opts: { agents: Agent[]; settings?: Partial<AgentSettings>; cannedReplies?: CannedReply[]; flow?: Flow; dir?: string; file?: string; config?: Record<string, unknown>; store?: RuntimeStore; clockStart?: number; workers?: number }): Promise<AgentRuntime> {
  const rt = await startTestRuntime({
    ...(opts.clockStart !== undefined ? { clockStart: opts.clockStart } : {}),
    flows: [opts.flow ?? shopFlow()],
    agents: { agents: opts.agents, settings: opts.settings, file: opts.file, ...(opts.cannedReplies ? { cannedReplies: opts.cannedReplies } : {}) },
    ...(opts.dir ? { dir: opts.dir } : {}),
    ...(opts.store ? { store: opts.store } : {}),
    ...(opts.config ? { config: opts.config as never } : {}),
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
  });
  const handle: AgentRuntime = {
    ...rt,
    /** Stops the runtime once (a second call does nothing). */
    async stop() {
      if (!running.delete(handle)) return;
      await rt.stop();
    },
    async patch(path, body, headers = {}) {
      const res = await fetch(rt.url + path, { method: 'PATCH', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      return { status: res.status, body: await res.json() };
    },
    tick: () => rt.agentHub!.tick(),
    async customerWantsPerson() {
      const c = await rt.post('/api/v1/flows/shop/conversations', {});
      const reply = await rt.post(`/api/v1/conversations/${c.body.conversationId}/messages`, { choice: 'person' }, auth(c.body.token));
      return { id: c.body.conversationId, token: c.body.token, reply: reply.body };
    },
  };
  running.add(handle);
  return handle;
}
