/**
 * `GET /api/v1/agent/conversations?mode=bot`: live conversations the bot is handling alone (no handoff asked for),
 * so an agent can pick one and take it over (`POST /api/v1/agent/conversations/:id/takeover`, agentRoutes.ts).
 *
 * Who sees what (same words as the handoff lists):
 * - an admin agent sees every live bot conversation;
 * - any other agent sees the conversations of flows it may serve: the flow revision the conversation runs has at
 *   least one Human Takeover block that allows this agent (its "Agents allowed" list is empty or names the agent)
 *   and its team (its "Teams allowed" list is empty or shares a team with the agent, case-insensitive). A flow with
 *   no Human Takeover block is served by admins only.
 * Order: newest activity first (conversation `updatedAt`, then id); paged with `limit` (1-200, default 50) and
 * `offset`; `total` counts everything the agent may see.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cutPreview, cutUnits } from '../../shared/engine/unicodeText';
import { fieldsOf, isBlockKind } from '../../shared/flow/blockRegistry';
import type { ConversationRecord, LogEntry, RuntimeStore } from '../store/types';
import { ApiError } from '../server/conversationService';
import type { Agent, AgentDirectory } from './agentDirectory';
import type { AgentHub } from './agentHub';
import { customerPresenceOf, type CustomerPage } from './customerPresence';

export interface AgentLiveListDeps {
  store: RuntimeStore;
  directory: AgentDirectory;
  hub: AgentHub;
}

/** One row of the live list. Times are ms since epoch, like the handoff lists. */
export interface LiveConversation {
  id: string;
  flowId: string;
  /** When the conversation started. */
  startedAt: number;
  /** Its last activity (last step committed). */
  lastActivityAt: number;
  /** The last message with text (bot, customer or system), cut to 160 characters; null before any. */
  lastMessage: { from: LogEntry['from']; text: string; at: number } | null;
  /** The block the bot is waiting at (question, buttons, ...); null when it is not waiting. */
  currentBlock: { id: string; kind: string; label: string | null } | null;
  /** Customer messages so far. */
  turns: number;
  /** The customer's chat page: open (push channel connected) or closed, and since when; null when not known. */
  customerPage: CustomerPage | null;
  /** The customer's name, else email, when the bot knows them (newcomer s7 #25); null: the inbox says "Visitor abc123". */
  visitor: string | null;
}

const PREVIEW = 160;

interface FlowBlock {
  id: string;
  kind: string;
  label?: string;
  data?: { agents?: string[]; teams?: string[] };
}

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h.trim());
  return m ? m[1] : undefined;
}

/** Block kinds whose data says which agents and teams may take the chat (asked of the registry: Human Takeover). */
const servingKinds = new Map<string, boolean>();
export function namesServers(kind: string): boolean {
  let hit = servingKinds.get(kind);
  if (hit === undefined) {
    const top = isBlockKind(kind) ? fieldsOf(kind).filter((f) => f.path.length === 1).map((f) => f.path[0]) : [];
    hit = top.includes('agents') && top.includes('teams');
    servingKinds.set(kind, hit);
  }
  return hit;
}

/** True when one of the flow's Human Takeover blocks lets this agent serve it. */
export function mayServeFlow(agent: Agent, blocks: FlowBlock[]): boolean {
  if (agent.admin) return true;
  const mine = agent.teams.map((t) => t.toLowerCase());
  return blocks.some((b) => {
    if (!namesServers(b.kind)) return false;
    const agents = (b.data?.agents ?? []).filter((x) => x.trim() !== '');
    if (agents.length > 0 && !agents.includes(agent.id)) return false;
    const teams = (b.data?.teams ?? []).filter((x) => x.trim() !== '').map((t) => t.toLowerCase());
    return teams.length === 0 || mine.some((t) => teams.includes(t));
  });
}

/**
 * The live list's last-message preview: never half an emoji at the cut (hostile s18 H#16: a lone surrogate), nor half
 * a flag or a family emoji (review of s18, revrt #5: cut between code points, 🇬🇧 left a lone 🇬): shared/engine
 * unicodeText's cutPreview, the inbox's and the widget's cut too.
 */
export function preview(text: string): string {
  return cutPreview(text.replace(/\s+/g, ' ').trim(), PREVIEW);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function registerAgentLiveList(appIn: FastifyInstance<any, any, any, any, any>, d: AgentLiveListDeps): Promise<void> {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/agent/conversations', {
    schema: {
      summary: 'Live conversations the bot handles alone (newest activity first), to take over; admins see all, others the flows they may serve',
      tags: ['agent'],
      security: [{ agentToken: [] }],
      querystring: z
        .object({
          mode: z.literal('bot').default('bot'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        })
        .strict(),
    },
    handler: async (req) => {
      const agent = d.directory.authenticate(bearer(req));
      if (!agent) {
        throw new ApiError(401, 'invalid_agent_token', 'Sign in first (POST /api/v1/agent/session) and send "Authorization: Bearer <agent token>".', 'authorization');
      }
      d.hub.seen(agent.id);
      const { limit, offset } = req.query;
      const blocksOf = new Map<string, Promise<FlowBlock[]>>();
      const flowBlocks = (c: ConversationRecord) => {
        const key = `${c.flowId}\u0000${c.flowRevision}`;
        let p = blocksOf.get(key);
        if (!p) {
          p = d.store.getFlowRevision(c.flowId, c.flowRevision).then((r) => ((r?.flow as { blocks?: FlowBlock[] } | undefined)?.blocks ?? []));
          blocksOf.set(key, p);
        }
        return p;
      };
      const all = await d.store.listByMode('bot');
      const visible: ConversationRecord[] = [];
      for (const c of all) if (c.mode === 'bot' && mayServeFlow(agent, await flowBlocks(c))) visible.push(c);
      visible.sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const page = visible.slice(offset, offset + limit);
      const conversations: LiveConversation[] = [];
      for (const c of page) {
        const tail = c.lastSeq > 0 ? await d.store.readLog(c.id, Math.max(0, c.lastSeq - 5), 5) : [];
        // The last message someone wrote: status lines ("The bot is answering.") are not a preview (newcomer s7 #25).
        const last = [...tail].reverse().find((e) => e.text.trim() !== '' && !e.status);
        const state = (c.state ?? {}) as { turn?: number; waiting?: { blockId?: string } | null; variables?: Record<string, unknown> };
        const known = (x: unknown) => (typeof x === 'string' && x.trim() && x.trim() !== 'null' ? cutUnits(x.trim(), 120) : null);
        const blockId = state.waiting?.blockId;
        const block = blockId ? (await flowBlocks(c)).find((b) => b.id === blockId) : undefined;
        conversations.push({
          id: c.id,
          flowId: c.flowId,
          startedAt: c.createdAt,
          lastActivityAt: c.updatedAt,
          lastMessage: last ? { from: last.from, text: preview(last.text), at: last.at } : null,
          currentBlock: blockId ? { id: blockId, kind: block?.kind ?? 'unknown', label: block?.label ?? null } : null,
          turns: typeof state.turn === 'number' ? state.turn : 0,
          customerPage: customerPresenceOf(d.hub).page(c.id, c.externalKey ? undefined : c.createdAt), // Rasa: no page
          visitor: known(state.variables?.customerName) ?? known(state.variables?.customerEmail),
        });
      }
      const next = offset + page.length;
      return { mode: 'bot' as const, total: visible.length, offset, limit, nextOffset: next < visible.length ? next : null, conversations };
    },
  });

  // The last messages of a live bot conversation, so an agent can read it before taking it over (same visibility).
  app.get('/api/v1/agent/conversations/:id/transcript', {
    schema: {
      summary: 'The last messages (up to `limit`, default 30) of a live conversation you may take over',
      tags: ['agent'],
      security: [{ agentToken: [] }],
      params: z.object({ id: z.string().min(1).max(300) }),
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(30) }).strict(),
    },
    handler: async (req) => {
      const agent = d.directory.authenticate(bearer(req));
      if (!agent) throw new ApiError(401, 'invalid_agent_token', 'Sign in first (POST /api/v1/agent/session) and send "Authorization: Bearer <agent token>".', 'authorization');
      d.hub.seen(agent.id);
      const c = await d.store.getConversation(req.params.id);
      const rev = c ? await d.store.getFlowRevision(c.flowId, c.flowRevision) : null;
      const blocks = (rev?.flow as { blocks?: FlowBlock[] } | undefined)?.blocks ?? [];
      if (!c || !mayServeFlow(agent, blocks)) throw new ApiError(404, 'conversation_not_found', `No conversation "${req.params.id}" that you can see.`, 'id');
      const limit = req.query.limit;
      const messages = c.lastSeq > 0 ? await d.store.readLog(c.id, Math.max(0, c.lastSeq - limit), limit) : [];
      return { id: c.id, flowId: c.flowId, mode: c.mode, messages: messages.map((m) => ({ seq: m.seq, from: m.from, text: m.text, at: m.at })) };
    },
  });
}
