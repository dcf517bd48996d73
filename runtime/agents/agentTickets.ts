/**
 * Tickets for the agent inbox: the follow-ups Ticket blocks open (typically when nobody was online), and the CSAT
 * scores customers gave, readable with an agent token (the admin API's lists need the config's admin token).
 *
 * - `GET /api/v1/agent/tickets?limit=50&offset=0` -> `{total, offset, limit, nextOffset, tickets: [TicketRow]}`,
 *   newest first.
 * - `GET /api/v1/agent/tickets/:id` -> `{ticket: TicketRow, transcript: LogEntry[]}` (the conversation's full log,
 *   bot turns included; empty when the conversation was pruned).
 * - `GET /api/v1/agent/csat?limit=50&offset=0` -> `{total, average, byAgent: [{agentId, agentName, count, average}],
 *   offset, limit, nextOffset, scores: [{id, conversationId, flowId, at, score, agentId, agentName}]}`, newest first;
 *   the agent is the one who last held the rated chat (null: the bot alone was rated, or a score from before session 11).
 *
 * Who sees what (the live list's rule, agentLiveList.ts `mayServeFlow`): an admin sees everything; any other agent the
 * tickets/scores of flows one of whose Human Takeover blocks allows it (by agent id and team). The flow revision is
 * the conversation's own, or the flow's active revision when the conversation is gone. Others' ids answer 404.
 * Registered by one line at the end of registerAgentRoutes; authentication (401) runs in its onRequest hook too.
 *
 * Working a ticket (any agent who can see it, admins included):
 * - `PATCH /api/v1/agent/tickets/:id` `{status?: 'open' | 'done', assignee?: agentId | 'me' | null}` -> `{ticket: TicketRow}`.
 *   The change is stored in the ticket record itself (`data.work`, written by the store's ordinary `commit` under the
 *   conversation's lock, so it survives a restart and is shared by every instance with --redis) and pushed to the
 *   agents who may see the ticket (`ticket` event on the agent channel: `{ticket: TicketRow}`). Unknown ticket (or one
 *   you cannot see): 404; unknown agent, or an agent who may not serve the ticket's flow: 400 naming `body.assignee`;
 *   a ticket whose conversation was already pruned (retentionDays): 409 (its status can no longer be changed).
 * - `GET /api/v1/agent/tickets?status=open|done&assignee=me|none|<agentId>` filters the list (default: every ticket).
 * - `GET /api/v1/agent/tickets/:id` also answers `assignable: [{id, name}]`: the agents who may be given the ticket.
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
  now: () => number;
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
  /** Worked by the agents: open until someone marks it done (and back to open when reopened). */
  status: 'open' | 'done';
  /** The agent it is assigned to, or null. */
  assignee: { id: string; name: string } | null;
  /** When and by whom it was marked done (null while open). */
  doneAt: number | null;
  doneBy: { id: string; name: string } | null;
  /** The last change by an agent (null: untouched since the bot opened it). */
  updatedAt: number | null;
  updatedBy: { id: string; name: string } | null;
}

/** What agents changed on a ticket, kept in the record's `data.work`. */
export interface TicketWork {
  status: 'open' | 'done';
  assignee: { id: string; name: string } | null;
  doneAt: number | null;
  doneBy: { id: string; name: string } | null;
  updatedAt: number;
  updatedBy: { id: string; name: string };
}

type FlowBlocks = Parameters<typeof mayServeFlow>[1];

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h.trim());
  return m ? m[1] : undefined;
}

const str = (x: unknown): string | null => (typeof x === 'string' && x.trim() !== '' ? x : null);
const who = (x: unknown): { id: string; name: string } | null => {
  const o = x as { id?: unknown; name?: unknown } | null;
  return o && typeof o.id === 'string' && typeof o.name === 'string' ? { id: o.id, name: o.name } : null;
};
const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** A stored ticket record as a row (tolerant of older or partial records). */
export function ticketRow(r: RecordItem): TicketRow {
  const d = (r.data ?? {}) as { ticketId?: unknown; number?: unknown; contact?: Record<string, unknown>; issue?: unknown; priority?: unknown; summary?: unknown; work?: Partial<Record<keyof TicketWork, unknown>> };
  const c = d.contact ?? {};
  const w = d.work ?? {};
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
    status: w.status === 'done' ? 'done' : 'open',
    assignee: who(w.assignee),
    doneAt: w.status === 'done' ? num(w.doneAt) : null,
    doneBy: w.status === 'done' ? who(w.doneBy) : null,
    updatedAt: num(w.updatedAt),
    updatedBy: who(w.updatedBy),
  };
}

const page = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
const ticketQuery = page.extend({
  status: z.enum(['open', 'done']).optional(),
  assignee: z.string().min(1).max(100).optional(),
});
const ticketParams = z.object({ id: z.string().min(1).max(400) });
const ticketChange = z
  .object({
    status: z.enum(['open', 'done']).optional(),
    assignee: z.string().trim().min(1).max(100).nullable().optional(),
  })
  .strict()
  .refine((b) => b.status !== undefined || b.assignee !== undefined, { message: 'give status ("open" or "done") and/or assignee (an agent id, or null for nobody)' });

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
    schema: {
      summary: 'Tickets opened by Ticket blocks (newest first); admins see all, others the flows they may serve. Filters: status=open|done, assignee=me|none|<agent id>',
      tags: ['agent'],
      security: sec,
      querystring: ticketQuery,
    },
    handler: async (req) => {
      const agent = agentOf(req);
      const { limit, offset, status, assignee } = req.query;
      const wanted = assignee === 'me' ? agent.id : assignee;
      const all = (await visibleRecords(agent, 'ticket')).map(ticketRow).filter((t) => {
        if (status && t.status !== status) return false;
        if (wanted === 'none') return t.assignee === null;
        return wanted === undefined || t.assignee?.id === wanted;
      });
      const rows = all.slice(offset, offset + limit);
      const next = offset + rows.length;
      return { total: all.length, offset, limit, nextOffset: next < all.length ? next : null, tickets: rows };
    },
  });

  const notFound = (id: string) => new ApiError(404, 'ticket_not_found', `No ticket "${id}" that you can see; list them with GET /api/v1/agent/tickets.`, 'id');
  const findVisible = async (agent: Agent, id: string) => {
    const rec = (await d.store.listRecords('ticket')).find((r) => r.id === id);
    if (!rec || !(await visibility(agent)(rec))) throw notFound(id);
    return rec;
  };
  /** Agents who may see (and be given) this ticket: those who may serve its flow, by name. */
  const servers = async (rec: RecordItem): Promise<Agent[]> => {
    const conv = await d.store.getConversation(rec.conversationId);
    const revision = conv?.flowRevision ?? (await d.store.getActiveRevision(rec.flowId));
    const flow = revision ? await d.store.getFlowRevision(rec.flowId, revision) : null;
    const blocks = ((flow?.flow as { blocks?: FlowBlocks } | undefined)?.blocks ?? []) as FlowBlocks;
    return d.directory
      .list()
      .filter((a) => mayServeFlow(a, blocks))
      .sort((x, y) => x.name.localeCompare(y.name));
  };
  const assignable = async (rec: RecordItem) => (await servers(rec)).map((a) => ({ id: a.id, name: a.name }));

  app.patch('/api/v1/agent/tickets/:id', {
    schema: {
      summary: 'Work a ticket: mark it done or open again, assign it to an agent (or null: nobody). Stored; pushed to the agents who see it (`ticket` event)',
      tags: ['agent'],
      security: sec,
      params: ticketParams,
      body: ticketChange,
    },
    handler: async (req) => {
      const agent = agentOf(req);
      const id = req.params.id;
      const first = await findVisible(agent, id);
      let target: Agent | null | undefined;
      if (req.body.assignee !== undefined && req.body.assignee !== null) {
        // "me" is the caller, as in the list filter (assignee=me); agent ids cannot be "me" or "none" (agentSchema).
        target = d.directory.get(req.body.assignee === 'me' ? agent.id : req.body.assignee);
        if (!target) throw new ApiError(400, 'agent_not_found', `body.assignee: no agent "${req.body.assignee}"; list them with GET /api/v1/agent/agents.`, 'body.assignee');
        if (!(await servers(first)).some((a) => a.id === target!.id)) {
          throw new ApiError(400, 'agent_cannot_serve', `body.assignee: ${target.name} does not serve flow "${first.flowId}" (its Human Takeover blocks do not list them or their team), so they cannot see this ticket.`, 'body.assignee');
        }
      } else if (req.body.assignee === null) target = null;
      const me = { id: agent.id, name: agent.name };
      // Under the conversation's lock, from a fresh read: two agents changing one ticket at once both land, in turn.
      const row = await d.store.runExclusive(first.conversationId, async () => {
        const rec = (await d.store.listRecords('ticket')).find((r) => r.id === id);
        if (!rec) throw notFound(id);
        const conv = await d.store.getConversation(rec.conversationId);
        if (!conv) {
          throw new ApiError(409, 'conversation_pruned', `Ticket ${ticketRow(rec).number} belongs to a conversation that was deleted after the retention period (retentionDays in the serve config); its status and assignee can no longer be changed.`, 'id');
        }
        const was = ticketRow(rec);
        const now = d.now();
        const status = req.body.status ?? was.status;
        const work: TicketWork = {
          status,
          assignee: target === undefined ? was.assignee : target && { id: target.id, name: target.name },
          doneAt: status === 'done' ? (was.status === 'done' ? (was.doneAt ?? now) : now) : null,
          doneBy: status === 'done' ? (was.status === 'done' ? (was.doneBy ?? me) : me) : null,
          updatedAt: now,
          updatedBy: me,
        };
        const next: RecordItem = { ...rec, data: { ...((rec.data ?? {}) as object), work } };
        // The store's ordinary step write: the conversation unchanged, the ticket record replaced (same kind/at/id).
        await d.store.commit({ conversation: conv, records: [next] });
        return ticketRow(next);
      });
      d.hub.ticketChanged(row, (await servers(first)).map((a) => a.id));
      return { ticket: row };
    },
  });

  app.get('/api/v1/agent/tickets/:id', {
    schema: { summary: "A ticket with its conversation's full transcript and the agents it may be assigned to", tags: ['agent'], security: sec, params: ticketParams },
    handler: async (req) => {
      const agent = agentOf(req);
      const rec = await findVisible(agent, req.params.id);
      const transcript: LogEntry[] = [];
      for (let after = 0; ; ) {
        const chunk = await d.store.readLog(rec.conversationId, after, 1000);
        transcript.push(...chunk);
        if (chunk.length < 1000) break;
        after = chunk[chunk.length - 1].seq;
      }
      return { ticket: ticketRow(rec), transcript, assignable: await assignable(rec) };
    },
  });

  app.get('/api/v1/agent/csat', {
    schema: { summary: 'CSAT scores customers gave (newest first) and their average', tags: ['agent'], security: sec, querystring: page },
    handler: async (req) => {
      const agent = agentOf(req);
      const { limit, offset } = req.query;
      // One rule (newcomer s13 #12, hostile s13 #12): an agent who is not an admin sees the ratings of the chats they
      // last held and those of the bot alone, and nothing of colleagues' (was: every score with its agent, the team
      // average, "latest: 2, 5").
      const own = (r: RecordItem) => {
        const by = (r.data as { agentId?: unknown } | null)?.agentId;
        return agent.admin || by === agent.id || typeof by !== 'string';
      };
      const all = (await visibleRecords(agent, 'csat')).filter(own);
      const score = (r: RecordItem) => {
        const s = (r.data as { score?: unknown } | null)?.score;
        return typeof s === 'number' && Number.isFinite(s) ? s : null;
      };
      // The agent who last held the rated chat (recorded with the score since session 11; older scores: null).
      const ratedAgent = (r: RecordItem) => {
        const data = r.data as { agentId?: unknown; agentName?: unknown } | null;
        if (typeof data?.agentId !== 'string') return { agentId: null, agentName: null };
        const name = d.directory.get(data.agentId)?.name ?? (typeof data.agentName === 'string' ? data.agentName : data.agentId);
        return { agentId: data.agentId, agentName: name };
      };
      const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);
      const scored = all.map(score).filter((s): s is number => s !== null);
      // CSAT per agent (newcomer s9 #12), over every visible score like the average, most rated first; agentId null
      // (the bot alone, or a score from before session 11) last.
      const per = new Map<string | null, { agentId: string | null; agentName: string | null; scores: number[] }>();
      for (const r of all) {
        const s = score(r);
        if (s === null) continue;
        const who = ratedAgent(r);
        const slot = per.get(who.agentId) ?? { ...who, scores: [] };
        slot.scores.push(s);
        per.set(who.agentId, slot);
      }
      // Colleagues' averages are for admins (hostile s12 #10): an agent gets their own row only.
      const byAgent = [...per.values()]
        .filter((x) => agent.admin || x.agentId === agent.id)
        .map((x) => ({ agentId: x.agentId, agentName: x.agentName, count: x.scores.length, average: mean(x.scores) }))
        .sort((a, b) => (a.agentId === null ? 1 : 0) - (b.agentId === null ? 1 : 0) || b.count - a.count || (a.agentName ?? '').localeCompare(b.agentName ?? ''));
      const rows = all.slice(offset, offset + limit).map((r) => ({ id: r.id, conversationId: r.conversationId, flowId: r.flowId, at: r.at, score: score(r), ...ratedAgent(r) }));
      const next = offset + rows.length;
      return { total: all.length, average: mean(scored), byAgent, offset, limit, nextOffset: next < all.length ? next : null, scores: rows };
    },
  });
}
