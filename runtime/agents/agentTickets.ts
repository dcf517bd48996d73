/**
 * Tickets for the agent inbox: the follow-ups Ticket blocks open (typically when nobody was online), and the CSAT
 * scores customers gave, readable with an agent token (the admin API's lists need the config's admin token).
 *
 * - `GET /api/v1/agent/tickets?limit=50&offset=0` -> `{total, offset, limit, nextOffset, tickets: [TicketRow]}`,
 *   newest first.
 * - `GET /api/v1/agent/tickets/:id` -> `{ticket: TicketRow, transcript: LogEntry[]}` (the conversation's full log,
 *   bot turns included; empty when the conversation was pruned).
 * - `GET /api/v1/agent/csat?limit=50&offset=0` -> `{total, average, offset, limit, nextOffset, scores: [{id,
 *   conversationId, flowId, at, score}]}`, newest first.
 *
 * Who sees what (the live list's rule, agentLiveList.ts `mayServeFlow`): an admin sees everything; any other agent the
 * tickets/scores of flows one of whose Human Takeover blocks allows it (by agent id and team). The flow revision is
 * the conversation's own, or the flow's active revision when the conversation is gone. Others' ids answer 404.
 * Registered by one line at the end of registerAgentRoutes; authentication (401) runs in its onRequest hook too.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LogEntry, RecordItem, RuntimeStore } from '../store/types';
import { ApiError } from '../server/conversationService';
import type { Agent, AgentDirectory } from './agentDirectory';
import type { AgentHub } from './agentHub';
import { mayServeFlow } from './agentLiveList';

export interface AgentTicketsDeps {
  store: RuntimeStore;
  directory: AgentDirectory;
  hub: AgentHub;
}

export interface TicketRow {
  /** The store's id (unique; `<conversationId>:T<n>` from the engine). */
  id: string;
  /** What the customer was told (the `ticketId` variable), e.g. "T-12184D37"; the id for tickets stored before numbers. */
  number: string;
  conversationId: string;
  flowId: string;
  at: number;
  contact: { name: string | null; email: string | null; phone: string | null };
  issue: string;
  priority: string;
  summary: string;
}

type FlowBlocks = Parameters<typeof mayServeFlow>[1];

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h.trim());
  return m ? m[1] : undefined;
}

const str = (x: unknown): string | null => (typeof x === 'string' && x.trim() !== '' ? x : null);

/** A stored ticket record as a row (tolerant of older or partial records). */
export function ticketRow(r: RecordItem): TicketRow {
  const d = (r.data ?? {}) as { ticketId?: unknown; number?: unknown; contact?: Record<string, unknown>; issue?: unknown; priority?: unknown; summary?: unknown };
  const c = d.contact ?? {};
  return {
    id: r.id,
    number: str(d.number) ?? str(d.ticketId) ?? r.id,
    conversationId: r.conversationId,
    flowId: r.flowId,
    at: r.at,
    contact: { name: str(c.name), email: str(c.email), phone: str(c.phone) },
    issue: typeof d.issue === 'string' ? d.issue : '',
    priority: typeof d.priority === 'string' ? d.priority : 'normal',
    summary: typeof d.summary === 'string' ? d.summary : '',
  };
}

const page = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function registerAgentTickets(appIn: FastifyInstance<any, any, any, any, any>, d: AgentTicketsDeps): Promise<void> {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const sec = [{ agentToken: [] }];

  const agentOf = (req: FastifyRequest): Agent => {
    const agent = d.directory.authenticate(bearer(req));
    if (!agent) throw new ApiError(401, 'invalid_agent_token', 'Sign in first (POST /api/v1/agent/session) and send "Authorization: Bearer <agent token>".', 'authorization');
    d.hub.seen(agent.id);
    return agent;
  };

  /** A filter "may this agent see records of this conversation/flow", caching flow revisions per request. */
  const visibility = (agent: Agent) => {
    if (agent.admin) return async () => true;
    const blocks = new Map<string, Promise<FlowBlocks>>();
    const blocksOf = (flowId: string, revision: string | null) => {
      const key = `${flowId}\u0000${revision ?? ''}`;
      let p = blocks.get(key);
      if (!p) {
        p = (async () => {
          const rev = revision ?? (await d.store.getActiveRevision(flowId));
          if (!rev) return [];
          const r = await d.store.getFlowRevision(flowId, rev);
          return ((r?.flow as { blocks?: FlowBlocks } | undefined)?.blocks ?? []) as FlowBlocks;
        })();
        blocks.set(key, p);
      }
      return p;
    };
    return async (r: RecordItem) => {
      const conv = await d.store.getConversation(r.conversationId);
      return mayServeFlow(agent, await blocksOf(r.flowId, conv?.flowRevision ?? null));
    };
  };

  const visibleRecords = async (agent: Agent, kind: 'ticket' | 'csat') => {
    const may = visibility(agent);
    const out: RecordItem[] = [];
    for (const r of await d.store.listRecords(kind)) if (await may(r)) out.push(r);
    return out.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  };

  app.get('/api/v1/agent/tickets', {
    schema: { summary: 'Tickets opened by Ticket blocks (newest first); admins see all, others the flows they may serve', tags: ['agent'], security: sec, querystring: page },
    handler: async (req) => {
      const agent = agentOf(req);
      const { limit, offset } = req.query;
      const all = await visibleRecords(agent, 'ticket');
      const rows = all.slice(offset, offset + limit).map(ticketRow);
      const next = offset + rows.length;
      return { total: all.length, offset, limit, nextOffset: next < all.length ? next : null, tickets: rows };
    },
  });

  app.get('/api/v1/agent/tickets/:id', {
    schema: { summary: "A ticket with its conversation's full transcript", tags: ['agent'], security: sec, params: z.object({ id: z.string().min(1).max(400) }) },
    handler: async (req) => {
      const agent = agentOf(req);
      const rec = (await d.store.listRecords('ticket')).find((r) => r.id === req.params.id);
      if (!rec || !(await visibility(agent)(rec))) throw new ApiError(404, 'ticket_not_found', `No ticket "${req.params.id}" that you can see; list them with GET /api/v1/agent/tickets.`, 'id');
      const transcript: LogEntry[] = [];
      for (let after = 0; ; ) {
        const chunk = await d.store.readLog(rec.conversationId, after, 1000);
        transcript.push(...chunk);
        if (chunk.length < 1000) break;
        after = chunk[chunk.length - 1].seq;
      }
      return { ticket: ticketRow(rec), transcript };
    },
  });

  app.get('/api/v1/agent/csat', {
    schema: { summary: 'CSAT scores customers gave (newest first) and their average', tags: ['agent'], security: sec, querystring: page },
    handler: async (req) => {
      const agent = agentOf(req);
      const { limit, offset } = req.query;
      const all = await visibleRecords(agent, 'csat');
      const score = (r: RecordItem) => {
        const s = (r.data as { score?: unknown } | null)?.score;
        return typeof s === 'number' && Number.isFinite(s) ? s : null;
      };
      const scored = all.map(score).filter((s): s is number => s !== null);
      const average = scored.length ? Math.round((scored.reduce((a, b) => a + b, 0) / scored.length) * 100) / 100 : null;
      const rows = all.slice(offset, offset + limit).map((r) => ({ id: r.id, conversationId: r.conversationId, flowId: r.flowId, at: r.at, score: score(r) }));
      const next = offset + rows.length;
      return { total: all.length, average, offset, limit, nextOffset: next < all.length ? next : null, scores: rows };
    },
  });
}
