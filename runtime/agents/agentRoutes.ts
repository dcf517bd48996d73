/**
 * The agent API (`/api/v1/agent/*`), registered on the runtime's Fastify app by `registerAgentRoutes(app, deps)`.
 * Every call needs `Authorization: Bearer <agent token>` (a static token from the agents file or a session token
 * from POST /api/v1/agent/session); 401 without. Errors are JSON `{error, message, field?}` like the rest of the API.
 */
import { tidyAgentText } from '../../shared/handoff/agentText';
import { handoffEnding } from '../../shared/handoff/lifecycle';
import type { HandoffEnding } from '../../shared/handoff/types';
import { resumePoint } from '../../shared/engine/resumePoint';
import { summaryWithCustomer } from '../../shared/engine/handoffContext';
import type { Value } from '../../shared/flow/schema';
import { validateAnswer } from '../../shared/engine/questionValidators';
import { cutPreview, sliceUnits } from '../../shared/engine/unicodeText';
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Handoff } from '../../shared/handoff/types';
import type { Input } from '../../shared/engine/types';
import type { ConversationRecord, HandoffRecord, LogEntry, RuntimeStore } from '../store/types';
import { ApiError } from '../server/conversationService';
import { exportChunks, exportNotesFrom, sendExport, transcriptQuery, type ExportFormat } from '../server/transcriptExport';
import { agentSchema, AgentsFileConflictError, AgentsFileError, cannedReplySchema, DirectoryWriteError, hashPassword, MAX_CANNED, publicAgent, RevisionNotGivenError, type Agent, type AgentDirectory } from './agentDirectory';
import { customerLabel, maskAgentText, notRefusedNotes, summarize, type AgentEvent, type AgentHub } from './agentHub';
import { nameProblem, nothingVisible } from '../visibleText';

import { mayServeFlow, registerAgentLiveList } from './agentLiveList';
import { registerAgentTickets } from './agentTickets';
import { customerPresenceOf, pageGone, stopCustomerPresence, type CustomerPage } from './customerPresence';
import { hiddenRatingsOf, maySeeRating, ratingAnswerIndexes, variablesWithoutHiddenRatings, withoutHiddenRatings } from './ratingPrivacy';
import { TranscriptSearchCache, type SaidEntry } from './inboxSearch';
import { takeoverRatesResolved, type FlowGraphLike } from '../../shared/flow/takeoverRatesResolved';

/**
 * How a handoff ended (newcomer s7 #3): 'handback' when the agent handed the customer back to the bot (the
 * conversation goes on), 'closed' when the agent closed it, 'withdrawn' when the customer withdrew the request in the
 * queue (session 38); null otherwise. Session 39: read from the handoff's structured ending (shared/handoff/lifecycle.ts
 * handoffEnding), so an agent's own note no longer hides it; old stored handoffs by the engine's default notes.
 */
export function endedAs(h: { status: string; handoff: unknown }): HandoffEnding | null {
  return handoffEnding(h.status, (h.handoff as Handoff | null)?.transitions);
}

export interface AgentRouteDeps {
  store: RuntimeStore;
  directory: AgentDirectory;
  hub: AgentHub;
  now: () => number;
}

const errorSchema = z.object({ error: z.string(), message: z.string(), field: z.string().optional() }).passthrough();
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 429: errorSchema };
const handoffParams = z.object({ id: z.string().min(1).max(300) });
/**
 * ?revision=N as GET gave it: digits only (and, for an agent's PUT/DELETE, `new`: must not exist yet). z.coerce read an
 * empty `?revision=` as revision 0 (hostile s16 H#24: a save with it passed the check whenever the list was still at
 * 0); now a 400 that says what to send. Whether the number was ever given is the directory's check (assertCanSave).
 */
function revisionParam<New extends boolean>(allowNew: New) {
  return z
    .string()
    .regex(allowNew ? /^(?:new|\d{1,15})$/ : /^\d{1,15}$/, `send the revision number GET gave (e.g. ?revision=3), ${allowNew ? '?revision=new for an agent that must not exist yet, ' : ''}or leave ?revision out to save without the check`)
    .transform((v) => (v === 'new' ? 'new' : Number(v)) as New extends true ? number | 'new' : number);
}
const revisionNumber = revisionParam(false);
const conversationParams = z.object({ id: z.string().min(1).max(300) });
const valueSchema = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);
const EDITABLE_BUILTINS = new Set(['customerName', 'customerEmail', 'customerPhone']);
const CLOSED = new Set(['resolved', 'expired', 'rejected', 'cancelled']);

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h.trim());
  return m ? m[1] : undefined;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
/** Queue order of priorities (the hub assigns in this order). */
const PRIORITY_RANK: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/**
 * text.slice(from, to) that never cuts a character in two (hostile s17 H#19: a preview cut at 139 UTF-16 units left
 * half an emoji, a lone surrogate, in the list row and the search excerpt): an end inside a pair moves before it, a
 * start inside one after it.
 */
export const sliceWhole = sliceUnits; // session 18: shared/engine/unicodeText's one helper (review of session 17)

/** A list row's conversation: its last message and since when the customer waits for a reply (null: not waiting). */
interface Talk {
  /** name: the agent who wrote it (an agent's message), so the list can say "You:" or "<colleague>:" (newcomer s14 N#17). */
  lastMessage: { from: string; text: string; at: number; name?: string } | null;
  waitingSince: number | null;
  /**
   * Newcomer s29 N11: whether an agent has written in the chat since it was handed to a person (false: the customer
   * still waits for the first reply, though the agent may have opened it and the customer been told she joined).
   */
  answered: boolean;
}

export async function registerAgentRoutes(appIn: FastifyInstance<any, any, any, any, any>, d: AgentRouteDeps): Promise<void> {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { hub, directory } = d;
  const sec = [{ agentToken: [] }];
  // Transcript exports (admin and agent) carry the agents' private notes (newcomer s9 #14).
  exportNotesFrom(d.store, (conversationId) => hub.notesOf(conversationId));
  // Push connections are hijacked from Fastify: end them ourselves when the server drains.
  const streams = new Set<import('node:http').ServerResponse>();
  appIn.addHook('preClose', async () => {
    for (const res of streams) res.end();
  });
  // Is the customer's chat page open (its push channel connected)? runtime/agents/customerPresence.ts (newcomer s6 #24).
  const pages = customerPresenceOf(hub);
  appIn.addHook('onClose', async () => stopCustomerPresence(hub.shared));

  /** conversationId -> when its customer's last typing event went out (server-side throttle, 1 s). */
  const customerTypingAt = new Map<string, number>();
  /** agentId NUL handoffId -> when that agent's last typing event went out (same 1 s throttle; oldest evicted first). */
  const agentTypingAt = new Map<string, number>();
  const typingKey = (agentId: string, handoffId: string, toCustomer: boolean) => `${agentId}\u0000${handoffId}\u0000${toCustomer ? 'c' : 'a'}`;

  const auth = (req: FastifyRequest, tokenFromQuery?: string): Agent => {
    const agent = directory.authenticate(bearer(req) ?? tokenFromQuery);
    if (!agent) {
      throw new ApiError(401, 'invalid_agent_token', 'Sign in first (POST /api/v1/agent/session) and send "Authorization: Bearer <agent token>".', 'authorization');
    }
    hub.seen(agent.id);
    return agent;
  };

  // Authentication (401) and the admin check (403) run before the body is parsed, so a caller without the right to
  // call a route learns that first, not that its body is empty or malformed.
  const ADMIN_ROUTES = new Set(['PUT /api/v1/agent/agents/:id', 'DELETE /api/v1/agent/agents/:id', 'PUT /api/v1/agent/canned-replies']);
  appIn.addHook('onRequest', async (req: FastifyRequest) => {
    const route = req.routeOptions?.url;
    if (!route || !route.startsWith('/api/v1/agent/')) return;
    if (route === '/api/v1/agent/session' && req.method === 'POST') return;
    if (route === '/api/v1/agent/events') return; // the token may come in ?token= (EventSource cannot send headers)
    const me = auth(req);
    if (ADMIN_ROUTES.has(`${req.method} ${route}`) && !me.admin) throw new ApiError(403, 'admin_only', 'Only an admin agent can do this.');
  });

  /** The handoff if this agent may see it (404 otherwise: ids of other teams' handoffs are not confirmed). */
  const visible = async (agent: Agent, id: string) => {
    await hub.refresh();
    const h = hub.handoffById(id) ?? (await d.store.getHandoff(id));
    if (!h || !hub.canSee(agent, h)) throw new ApiError(404, 'handoff_not_found', 'No chat with this id that you can see; list yours with GET /api/v1/agent/handoffs.', 'id');
    return h;
  };

  /** 409 unless this agent holds the handoff now; a closed handoff says so (it cannot be accepted any more). */
  /**
   * The last message of a chat (not a status line) and, when the customer wrote after the last agent message, since
   * when they wait for an answer (their first message since then). From the last 30 log entries.
   */
  const talkOf = async (conversationId: string, takenOver = false, requestedAt = Number.NEGATIVE_INFINITY): Promise<Talk> => {
    const conv = await d.store.getConversation(conversationId);
    if (!conv || conv.lastSeq === 0) return { lastMessage: null, waitingSince: null, answered: false };
    const tail = await d.store.readLog(conv.id, Math.max(0, conv.lastSeq - 30), 30);
    const said = tail.filter((e) => !e.status && e.text.trim() !== '');
    // Newcomer s32 #6: the bot's and the queue's lines since the request for a person ("Ann from Northwind Goods will be
    // with you shortly", "You are number 2 in the queue") are not what the row previews: the customer's or an agent's
    // last words are.
    const talk = said.filter((e) => !((e.from === 'bot' || e.from === 'system') && e.at >= requestedAt));
    const last = talk[talk.length - 1] ?? said[said.length - 1];
    let waitingSince: number | null = null;
    for (let i = said.length - 1; i >= 0; i--) {
      // A chat an agent took over from the bot: the bot had answered what came before, so its replies end the wait
      // too (newcomer s14 #17 rest: Mine sorted such a chat by the customer's first message to the bot). After a
      // customer's request for a person the bot's "connecting you" is no answer: only an agent's reply ends that wait.
      if (said[i].from === 'agent' || (takenOver && said[i].from === 'bot')) break;
      if (said[i].from === 'customer') waitingSince = said[i].at;
    }
    // Never before the chat was handed to a person (newcomer s17 N#13: "waiting 6 min" a minute after the request,
    // counted from a question the bot had answered five minutes before it).
    if (waitingSince !== null && waitingSince < requestedAt) waitingSince = requestedAt;
    // An agent's message since the handoff; the 30 entries read may all be later than it: then it was answered, as far
    // as the list says (it claims "first reply" only when it sees the whole time since the request).
    const sinceSeen = conv.lastSeq <= tail.length || (tail[0] !== undefined && tail[0].at <= requestedAt);
    const answered = said.some((e) => e.from === 'agent' && e.at >= requestedAt) || !sinceSeen;
    return {
      answered,
      lastMessage: last ? { from: last.from, text: cutPreview(last.text, 140), at: last.at, ...(last.from === 'agent' && last.name ? { name: last.name } : {}) } : null,
      waitingSince,
    };
  };

  /** Whether the handoff is an agent's takeover of a bot chat (shared/engine/agentTakeover.ts: an agent created it). */
  const takenOverFromBot = (h: { handoff: unknown }) => {
    const first = (h.handoff as Handoff | null)?.transitions?.[0] as { actor?: unknown } | undefined;
    return typeof first?.actor === 'string' && first.actor.startsWith('agent:');
  };

  /** A handoff row as the API shows it: the hub's summary plus the customer's name for the list. */
  const row = (h: Parameters<typeof summarize>[0], hb: AgentHub) => ({ ...summarize(h, hb), customerPage: pages.page(h.conversationId, h.requestedAt), endedAs: endedAs(h) });

  /**
   * The rating each resolved handoff got (newcomer s11 #23: the inbox showed only the customer's bare "4"): the first
   * score recorded in its conversation after it was resolved and before the conversation's next handoff.
   */
  const ratingsOf = async (hs: ReadonlyArray<Parameters<typeof summarize>[0]>, viewer?: Agent): Promise<Map<string, { score: number; at: number }>> => {
    const out = new Map<string, { score: number; at: number }>();
    // An agent who is not an admin sees the ratings of the chats they held only (newcomer s13 #12: the Closed list
    // showed "Rated 5/5 · Ann" to Cat).
    const resolved = hs.filter((h) => h.status === 'resolved' && (!viewer || viewer.admin || (h.handoff as Handoff | null)?.agentId === viewer.id));
    if (resolved.length === 0) return out;
    const convs = new Set(resolved.map((h) => h.conversationId));
    const scores = new Map<string, Array<{ score: number; at: number }>>();
    for (const r of await d.store.listRecords('csat').catch(() => [])) {
      const score = (r.data as { score?: unknown } | null)?.score;
      if (!convs.has(r.conversationId) || typeof score !== 'number' || !Number.isFinite(score)) continue;
      const list = scores.get(r.conversationId) ?? [];
      list.push({ score, at: r.at });
      scores.set(r.conversationId, list);
    }
    const all = hub.handoffList();
    for (const h of resolved) {
      const list = scores.get(h.conversationId);
      if (!list) continue;
      const t = (h.handoff as Handoff | null)?.transitions ?? [];
      const resolvedAt = [...t].reverse().find((x) => x.to === 'resolved')?.at ?? h.updatedAt;
      const next = Math.min(...all.filter((x) => x.conversationId === h.conversationId && x.requestedAt > resolvedAt).map((x) => x.requestedAt), Number.POSITIVE_INFINITY);
      const got = list.filter((x) => x.at >= resolvedAt && x.at < next).sort((a, b) => a.at - b.at)[0];
      if (got) out.set(h.id, got);
    }
    return out;
  };

  /**
   * Why an action on a closed chat is refused, in what actually happened (session 43, hostq, hostile s43 L4): a Resolve
   * that lost the race to a Hand back said "it is closed (resolved). Nothing more can be done in it; the customer can
   * start a new conversation", while the customer was talking with the bot. Said by how the handoff ended (endedAs) and
   * who ended it (its last move's actor: "you" or a colleague's name).
   */
  const closedText = (agent: Agent, h: { status: string; handoff: unknown }, what: string, mode?: ConversationRecord['mode']): string => {
    const ended = endedAs(h);
    const last = [...((h.handoff as Handoff | null)?.transitions ?? [])].reverse().find((x) => x.to === h.status);
    const actor = last?.actor.startsWith('agent:') ? last.actor.slice('agent:'.length) : null;
    const by = actor === null ? null : actor === agent.id ? 'you' : (directory.get(actor)?.name ?? actor);
    if (ended === 'handback') {
      const now =
        mode === 'closed'
          ? 'and the bot has since ended the conversation'
          : mode === undefined
            ? 'so the conversation is with the bot'
            : 'and the customer is talking with the bot now. If they ask for a person again, the chat comes back to the queue';
      return `You cannot ${what} this chat: ${by ?? 'an agent'} handed it back to the bot, ${now}.`;
    }
    if (ended === 'withdrawn') return `You cannot ${what} this chat: the customer withdrew the request for a person before anyone joined, and is talking with the bot now.`;
    const closedBy = ended === 'closed' && by !== null ? ` by ${by}` : '';
    return `You cannot ${what} this chat: it is closed (${h.status}${closedBy}). Nothing more can be done in it; the customer can start a new conversation.`;
  };

  const mustHold = (agent: Agent, h: ReturnType<AgentHub['handoffById']> & object, what: string) => {
    const ho = h.handoff as Handoff | null;
    if (CLOSED.has(h.status)) throw new ApiError(409, 'handoff_closed', closedText(agent, h, what));
    if (h.status !== 'assigned' || ho?.agentId !== agent.id) {
      const state = h.status === 'assigned' ? `it is assigned to ${ho?.agentName ?? ho?.agentId}` : `it is ${h.status}, accept it first`;
      throw new ApiError(409, 'not_your_handoff', `You cannot ${what} this chat: ${state}.`);
    }
  };

  /**
   * Runs `fn` (an action that ends the chat); when it loses a race to another ending (the hub's 409 "Cannot resolve this
   * chat: it is resolved"), the refusal says how the chat ended instead (closedText).
   */
  const closedAfterRace = async <T,>(agent: Agent, h: NonNullable<ReturnType<AgentHub['handoffById']>>, what: string, fn: () => Promise<T>): Promise<T> => {
    const refusal = async (cur: typeof h) => new ApiError(409, 'handoff_closed', closedText(agent, cur, what, (await d.store.getConversation(cur.conversationId))?.mode));
    if (CLOSED.has(h.status)) throw await refusal(h);
    mustHold(agent, h, what);
    try {
      return await fn();
    } catch (err) {
      const cur = hub.handoffById(h.id);
      if (err instanceof ApiError && err.code === 'handoff_conflict' && cur && CLOSED.has(cur.status)) throw await refusal(cur);
      throw err;
    }
  };

  const readAll = async (conversationId: string) => {
    const out: LogEntry[] = [];
    for (let after = 0; ; ) {
      const page = await d.store.readLog(conversationId, after, 1000);
      out.push(...page);
      if (page.length < 1000) break;
      after = page[page.length - 1].seq;
    }
    return out;
  };

  /**
   * A change to the agents file or its sessions file that could not be written: 507 storage_full (disk full) or
   * 503 storage_unavailable with the directory's message (what was and was not kept), never a pretended success.
   */
  const saved = async <T>(p: Promise<T>): Promise<T> => {
    try {
      return await p;
    } catch (err) {
      if (err instanceof DirectoryWriteError) {
        appIn.log.error({ file: err.file, message: err.message }, 'agents file write failed');
        throw new ApiError(err.statusCode, err.statusCode === 507 ? 'storage_full' : 'storage_unavailable', err.message, undefined, { 'Retry-After': '30' });
      }
      // The agents file was edited by hand in a way this save would undo (newcomer s9 #24): nothing saved.
      if (err instanceof AgentsFileConflictError) throw new ApiError(409, 'agents_file_changed', err.message);
      // A revision above any given (hostile s16 H#24): the caller's mistake. Revisions restart at 0 with the server.
      if (err instanceof RevisionNotGivenError) {
        const what = err.id === '#canned' ? 'the canned replies' : `agent "${err.id}"`;
        const reload = err.id === '#canned' ? 'GET /api/v1/agent/canned-replies' : 'GET /api/v1/agent/agents';
        throw new ApiError(400, 'invalid_request', `revision: ${err.given} was never given for ${what} (its revision is ${err.current}; revisions start again at 0 when the server restarts). Reload it (${reload}) and send the revision it gives, or leave ?revision out.`, 'revision');
      }
      throw err;
    }
  };

  /* ------------------------------------------------------------ sign-in and agents */
  app.post('/api/v1/agent/session', {
    schema: {
      summary: 'Agent sign-in (email or id + password) -> session token',
      tags: ['agent'],
      body: z.object({ login: z.string().min(1).max(320), password: z.string().min(1).max(1000) }).strict(),
      response: { 200: z.object({ token: z.string(), expiresAt: z.number(), agent: z.any() }), ...errors },
    },
    handler: async (req) => {
      // The session is on disk before the agent uses it (it survives a restart); not written: 507, no token.
      const s = await saved(directory.signIn(req.body.login, req.body.password));
      if (s === 'locked') throw new ApiError(429, 'too_many_attempts', 'Too many wrong passwords for this login: try again in 15 minutes, or ask an admin to set a new password.', 'login');
      if (!s) throw new ApiError(401, 'invalid_credentials', 'Wrong email or password.', 'password');
      hub.signedIn(s.agent.id);
      return { token: s.token, expiresAt: s.expiresAt, agent: publicAgent(s.agent) };
    },
  });

  app.delete('/api/v1/agent/session', {
    schema: {
      summary: 'Sign out',
      description:
        '?chats=requeue: every chat this agent holds goes back to the queue now (the customer is told someone else is being found) and the agent is offline; without it, held chats stay while the agent is still signed in elsewhere (they go back after the inactivity timeout). When this was their last session the agent is set offline at once and, unless ?chats=keep, every chat they hold goes back to the queue now (the customers are told someone else is being found); with ?chats=keep answered chats wait for the inactivity timeout. Only session tokens (from POST /api/v1/agent/session) can be signed out: a static token from the agents file answers 409 static_token (remove or change it in the agents file). 507/503 when the sign-out could not be saved (the token is refused by this server anyway).',
      tags: ['agent'],
      security: sec,
      querystring: z.object({ chats: z.enum(['requeue', 'keep']).optional() }),
    },
    handler: async (req, reply) => {
      const a = auth(req);
      const token = bearer(req)!;
      if (directory.isStaticToken(token)) {
        throw new ApiError(409, 'static_token', `This is ${a.id}'s fixed token from the agents file; signing out cannot end it. To stop it working, remove or change "token" for ${a.id} in the agents file (an admin can set a new one with PUT /api/v1/agent/agents/${a.id}), or sign in with a password to get a session token that can be signed out.`, 'authorization');
      }
      const query = req.query as { chats?: 'requeue' | 'keep' };
      if (query.chats === 'requeue') await hub.requeueHeldBy(a.id, notRefusedNotes.signedOut(a.name), 'signed_out');
      await saved(directory.signOut(token));
      // Their last session ended: they are offline at once (not chosen: the next sign-in's inbox sets them online).
      // Before, they stayed Online until the inactivity timeout and new chats were assigned to a signed-out agent,
      // the customers told "under a minute" (hostile s16 H#14). Going offline sends back their unanswered chats now
      // (nobody can answer them); answered ones follow ?chats= (without it: after the inactivity timeout).
      if (!directory.hasLiveSession(a.id)) {
        // Hostile s45 M4: their held chats waited for the inactivity timeout, the customers told for minutes that the
        // agent "has stepped away ... will be back shortly" although they had signed out of their last session. Now,
        // unless the client asked ?chats=keep, they go back to the queue at once (the customers told someone else is
        // being found), as the inbox's sign-out always asked.
        if (query.chats === undefined) await hub.requeueHeldBy(a.id, notRefusedNotes.signedOut(a.name), 'signed_out');
        if (hub.status(a.id) !== 'offline') await hub.setPresence(a.id, 'offline');
      }
      return reply.code(204).send();
    },
  });

  app.get('/api/v1/agent/me', {
    schema: { summary: 'The signed-in agent, presence and chat count', tags: ['agent'], security: sec },
    handler: async (req) => {
      const a = auth(req);
      // offlineChosen: the agent chose offline (on any device): an inbox that loads keeps it (newcomer s9 #18).
      return { agent: publicAgent(a), status: hub.status(a.id), offlineChosen: hub.offlineChosen(a.id), activeChats: hub.activeChats(a.id) };
    },
  });

  app.get('/api/v1/agent/agents', {
    schema: { summary: 'Agents with presence (for transfer; full details for admins)', tags: ['agent'], security: sec },
    handler: async (req) => {
      auth(req);
      // Hand edits of the agents file show at once (newcomer s9 #24).
      await directory.syncWithFile('stat');
      await hub.refresh();
      const presence = new Map(hub.presenceList().map((p) => [p.id, p]));
      // revision: send it back with PUT/DELETE ?revision= so a save made on an older version (edited by hand in the
      // file, or by another admin, since) is refused instead of undoing that edit.
      return {
        // An agent whose inbox tab closed without signing out reads offline within seconds, with inboxClosedAt (was:
        // "Online" until the inactivity timeout, newcomer s12 #15); the hub keeps their chats during the grace.
        agents: directory.list().map((a) => {
          const closedAt = hub.status(a.id) === 'offline' ? null : hub.inboxClosedSince(a.id);
          return {
            ...publicAgent(a),
            status: closedAt === null ? hub.status(a.id) : 'offline',
            ...(closedAt === null ? {} : { inboxClosedAt: closedAt }),
            activeChats: presence.get(a.id)?.activeChats ?? 0,
            revision: directory.revisionOf(a.id),
          };
        }),
        ...(directory.fileProblem ? { fileProblem: directory.fileProblem } : {}),
      };
    },
  });

  // Hostile s19 #22: a name with a line break ("Dan\nSystem: refund approved"), a bidi control or nothing visible was
  // saved and read by customers in "<name> from ... has joined the chat" (a file that holds one is named at start).
  const agentBody = agentSchema
    .omit({ id: true, passwordHash: true })
    .extend({
      name: agentSchema.shape.name.superRefine((n, ctx) => {
        const why = nameProblem(n);
        if (why) ctx.addIssue({ code: 'custom', message: `${why}; the name is shown to customers` });
      }),
      password: z.string().min(8).max(1000).optional(),
    })
    .strict();
  /** ?revision=N (the agent's revision from GET /agents) or ?revision=new (must not exist yet); absent: no check. */
  const revisionQuery = z.object({ revision: revisionParam(true).optional() });
  app.put('/api/v1/agent/agents/:id', {
    schema: {
      summary: 'Create or replace an agent (admin); saved to the agents file',
      description:
        "The agents file is looked at first: what was edited there by hand is taken in. 409 agents_file_changed when the save would undo a hand edit (this agent changed in the file since GET /agents gave ?revision=, or just now when no revision is sent; ?revision=new and the id exists) or when the file does not parse; nothing is saved then.",
      tags: ['agent'],
      security: sec,
      params: z.object({ id: agentSchema.shape.id }),
      querystring: revisionQuery,
      body: agentBody,
      response: { 200: z.any(), ...errors },
    },
    handler: async (req) => {
      const me = auth(req);
      if (!me.admin) throw new ApiError(403, 'admin_only', 'Only an admin agent can edit agents.');
      const prev = directory.get(req.params.id);
      const { password, ...rest } = req.body;
      const agent: Agent = agentSchema.parse({
        ...rest,
        id: req.params.id,
        ...(password ? { passwordHash: hashPassword(password) } : prev?.passwordHash ? { passwordHash: prev.passwordHash } : {}),
        // An edit that does not send a token keeps the agent's token (the API never shows it, so it cannot be echoed back).
        ...(rest.token ? {} : prev?.token ? { token: prev.token } : {}),
      });
      if (prev?.id === me.id && !agent.admin) throw new ApiError(409, 'last_admin', 'You cannot remove your own admin right.', 'body.admin');
      try {
        await saved(directory.upsert(agent, { revision: req.query.revision }));
      } catch (err) {
        if (err instanceof AgentsFileError) throw new ApiError(400, 'invalid_agent', err.message, 'body');
        throw err;
      }
      // A new password or token ends the sessions opened with the old one (and so their push streams, with
      // signed_out); an admin changing their own keeps the session making this request.
      if (prev && (prev.passwordHash !== agent.passwordHash || prev.token !== agent.token)) {
        await saved(directory.credentialsChanged(agent.id, prev.id === me.id ? bearer(req) : undefined));
      }
      return { agent: publicAgent(agent), created: !prev, revision: directory.revisionOf(agent.id) };
    },
  });

  app.delete('/api/v1/agent/agents/:id', {
    schema: { summary: 'Remove an agent (admin)', tags: ['agent'], security: sec, params: z.object({ id: z.string().min(1).max(100) }), querystring: revisionQuery },
    handler: async (req, reply) => {
      const me = auth(req);
      if (!me.admin) throw new ApiError(403, 'admin_only', 'Only an admin agent can remove agents.');
      if (req.params.id === me.id) throw new ApiError(409, 'remove_self', 'You cannot remove yourself.');
      const rev = req.query.revision;
      // Checked before the agent is set offline: a refused removal changes nothing.
      const revision = rev === 'new' ? undefined : rev;
      await saved(directory.assertCanSave(`Agent "${req.params.id}" was not removed`, req.params.id, directory.get(req.params.id) ? revision : undefined));
      await hub.setPresence(req.params.id, 'offline');
      if (!(await saved(directory.remove(req.params.id, { revision })))) throw new ApiError(404, 'agent_not_found', `No agent "${req.params.id}".`, 'id');
      return reply.code(204).send();
    },
  });

  /* ------------------------------------------------------------ presence */
  app.post('/api/v1/agent/presence', {
    schema: {
      summary: 'Set presence (also a heartbeat)',
      description:
        "online: takes chats; busy: signed in, no new automatic assignments, keeps its chats; offline: unanswered chats go back to the queue (answered ones after the inactivity timeout). chats: 'requeue' with offline gives every chat this agent holds back to the queue now (the customers are told someone else is coming), as the inbox does after asking.",
      tags: ['agent'],
      security: sec,
      body: z.object({ status: z.enum(['online', 'busy', 'offline']), chats: z.enum(['requeue']).optional() }).strict(),
    },
    handler: async (req) => {
      const a = auth(req);
      if (req.body.chats === 'requeue' && req.body.status !== 'offline') {
        throw new ApiError(400, 'invalid_request', "body.chats: 'requeue' goes with status 'offline' only (busy keeps your chats).", 'body.chats');
      }
      if (req.body.chats === 'requeue') {
        const n = await hub.requeueHeldBy(a.id, notRefusedNotes.choseOffline(a.name), 'went_offline');
        return { status: hub.status(a.id), requeued: n };
      }
      await hub.setPresence(a.id, req.body.status, { chosen: true });
      return { status: hub.status(a.id) };
    },
  });

  /* ------------------------------------------------------------ handoffs */
  app.get('/api/v1/agent/handoffs', {
    schema: {
      summary: 'Handoffs by view, with the count of every view',
      tags: ['agent'],
      security: sec,
      querystring: z.object({ view: z.enum(['unassigned', 'mine', 'all', 'closed']).default('unassigned') }).strict(),
    },
    handler: async (req) => {
      const a = auth(req);
      await hub.refresh();
      const mine = (h: ReturnType<typeof hub.handoffList>[number]) => (h.handoff as Handoff | null)?.agentId === a.id;
      const seen = hub.handoffList().filter((h) => hub.canSee(a, h));
      const reopened = new Set(hub.handoffList().filter((h) => !CLOSED.has(h.status)).map((h) => h.conversationId));
      const views = {
        unassigned: seen.filter((h) => h.status === 'pending'),
        mine: seen.filter((h) => h.status === 'assigned' && mine(h)),
        all: seen.filter((h) => !CLOSED.has(h.status)),
        // A closed chat whose customer is back with a person (a question at the rating prompt after Resolve hands
        // over again, newcomer s11 #5) is not listed as closed: the open chat is the customer's row.
        closed: seen.filter((h) => CLOSED.has(h.status) && !reopened.has(h.conversationId)),
      };
      const list = views[req.query.view];
      let rows: Array<ReturnType<typeof row> & Partial<Talk> & { rating?: { score: number; at: number } | null; conversationEnded?: boolean }> = (req.query.view === 'closed' ? [...list].sort((x, y) => y.updatedAt - x.updatedAt) : list).map((h) => row(h, hub));
      if (req.query.view !== 'closed') {
        // Who waits for an answer (newcomer s9 #15): each open chat's last message and since when the customer waits.
        const talks = await Promise.all(list.map((h) => talkOf(h.conversationId, takenOverFromBot(h), h.requestedAt).catch(() => null)));
        rows = rows.map((r, i) => ({ ...r, ...(talks[i] ?? {}) }));
        // Unassigned and All: urgent and high priority first (as the queue assigns them; newcomer s9 #8), oldest first.
        // Customers who left the page after those still there, as the queue gives them out (newcomer s11 #4).
        // Known gone only: a page closed since the restart, or closed by a customer still using the API, keeps its place (s35 #2).
        const left = (r: { status: string; customerPage: CustomerPage | null }) => (r.status === 'pending' && pageGone(r.customerPage) ? 1 : 0);
        if (req.query.view === 'unassigned' || req.query.view === 'all') rows = [...rows].sort((x, y) => left(x) - left(y) || (PRIORITY_RANK[x.priority] ?? 2) - (PRIORITY_RANK[y.priority] ?? 2) || x.queuedSince - y.queuedSince);
        // Mine: the customers waiting longest for a reply first, then the rest as before.
        if (req.query.view === 'mine') rows = rows.map((r, i) => [r, i] as const).sort(([x, i], [y, j]) => (x.waitingSince ?? Infinity) - (y.waitingSince ?? Infinity) || i - j).map(([r]) => r);
      } else {
        const ratings = await ratingsOf(list, a);
        // A hand back whose conversation has ended since (the bot closed it): the row says so instead of "Back with
        // the bot" (newcomer s12 leftover; the chat's header already said "Ended after hand back").
        const ended = new Set<string>();
        await Promise.all(
          rows
            .filter((r) => r.endedAs === 'handback')
            .map(async (r) => {
              if ((await d.store.getConversation(r.conversationId).catch(() => null))?.mode === 'closed') ended.add(r.id);
            }),
        );
        rows = rows.map((r) => ({ ...r, rating: ratings.get(r.id) ?? null, ...(r.endedAs === 'handback' ? { conversationEnded: ended.has(r.id) } : {}) }));
      }
      return {
        view: req.query.view,
        counts: { unassigned: views.unassigned.length, mine: views.mine.length, all: views.all.length, closed: views.closed.length },
        handoffs: rows,
      };
    },
  });

  /*
   * Search (newcomer s9 #29: no inbox search): the chats this agent can see, open and closed, whose customer name or
   * email, ticket number, conversation/handoff id or transcript text holds the words. Newest first, one row per
   * conversation (its latest handoff), at most 50; transcripts of the SEARCH_SCAN newest conversations are read.
   */
  const SEARCH_SCAN = 500;
  /*
   * Hostile s14 H#12: each search read and lower-cased up to 500 whole transcripts on the main thread (which carries
   * HTTP and push for every customer): 20 searches at once stalled customers' messages ~1 s. Now:
   * - the lower-cased text of what was said is kept per conversation (append-only logs: a later search reads only the
   *   entries added since), at most SEARCH_CACHE_CHARS characters in all; since s15 (H#14: one huge conversation made
   *   every search re-read everything) only the newest SEARCH_CONVERSATION_CHARS of each, and a search's own walk
   *   never evicts what it read earlier (TranscriptSearchCache, runtime/agents/inboxSearch.ts);
   * - a search gives the event loop back every SEARCH_SLICE_MS of work, also inside one conversation's read and
   *   match, so customers' requests go in between;
   * - one search per agent: a newer search of the same agent stops an older one still running at its next pause
   *   (409 search_superseded; the inbox drops an older search's answer anyway).
   */
  const SEARCH_CACHE_CHARS = 32_000_000;
  /** Of each conversation the newest this many characters are searched (hostile s15 H#14; runtime/agents/inboxSearch.ts). */
  const SEARCH_CONVERSATION_CHARS = 1_000_000;
  const SEARCH_SLICE_MS = 8;
  type RecordItemLike = Awaited<ReturnType<RuntimeStore['listRecords']>>[number];
  const searchText = new TranscriptSearchCache(d.store, { totalChars: SEARCH_CACHE_CHARS, conversationChars: SEARCH_CONVERSATION_CHARS });
  // The stored tickets, read for a search at most every SEARCH_TICKETS_MS (each read decodes every ticket record: it
  // was most of a search's time once transcripts were kept): a ticket opened in the last 2 s may be missed by number.
  const SEARCH_TICKETS_MS = 2000;
  let searchTickets: { at: number; list: Promise<RecordItemLike[]> } | null = null;
  const ticketsForSearch = (): Promise<RecordItemLike[]> => {
    const now = performance.now();
    if (!searchTickets || now - searchTickets.at >= SEARCH_TICKETS_MS) searchTickets = { at: now, list: d.store.listRecords('ticket').catch(() => []) };
    return searchTickets.list;
  };
  /**
   * Where `word` (lower case) is in `text`, as an index of `text` itself (hostile s14 H#19: the index in
   * text.toLowerCase() cut the original, and "İ" lower-cases to two units, so the excerpt was shifted past the word).
   * -1 when not found character by character (a context-dependent lower case such as a word-final Greek sigma).
   */
  const foldedIndexOf = (text: string, word: string): number => {
    let lower = '';
    const at: number[] = [];
    for (let i = 0; i < text.length; ) {
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      const l = ch.toLowerCase();
      for (let k = 0; k < l.length; k++) at.push(i);
      lower += l;
      i += ch.length;
    }
    const j = lower.indexOf(word);
    return j < 0 ? -1 : at[j];
  };
  let searchNumber = 0;
  const latestSearch = new Map<string, number>();
  app.get('/api/v1/agent/search', {
    schema: {
      summary: 'Search chats: customer name or email, ticket number, id, or words of the transcript',
      description: `The chats this agent can see (open and closed), newest first, one row per conversation, at most 50. Each row says where it matched (match.in: customer, email, ticket, id, transcript) with a short excerpt. Transcript text is searched in the ${SEARCH_SCAN} newest conversations, the newest ${SEARCH_CONVERSATION_CHARS.toLocaleString('en')} characters of each (olderNotSearched: how many had older text left out). A customer's answer to a rating question is not searched for an agent who may not see that rating.`,
      tags: ['agent'],
      security: sec,
      querystring: z.object({ q: z.string().trim().min(2, { error: 'type at least 2 characters to search' }).max(200) }).strict(),
    },
    handler: async (req) => {
      const a = auth(req);
      const scan = searchText.begin();
      try {
        const mine = ++searchNumber;
        latestSearch.set(a.id, mine);
        let sliceFrom = performance.now();
        const pause = async () => {
          if (performance.now() - sliceFrom < SEARCH_SLICE_MS) return;
          await new Promise((r) => setImmediate(r));
          if (latestSearch.get(a.id) !== mine) throw new ApiError(409, 'search_superseded', 'A newer search of yours replaced this one (one search at a time per agent): its answer is the one to read.');
          sliceFrom = performance.now();
        };
        await hub.refreshIfChanged();
        let olderNotSearched = 0;
        // The rating answers this agent may not see, per conversation: the csat records are read once, when a customer
        // entry first matches (most searches never read them).
        let csat: Promise<RecordItemLike[]> | null = null;
        const hiddenAnswers = async (conversationId: string, entries: readonly SaidEntry[]): Promise<Set<number>> => {
          csat ??= d.store.listRecords('csat');
          const hidden = hiddenRatingsOf(await csat, conversationId, a);
          return new Set([...ratingAnswerIndexes(entries, hidden)].map((i) => entries[i].seq));
        };
        const q = req.query.q.toLowerCase();
        const words = q.split(/\s+/).filter(Boolean);
        const has = (text: unknown) => typeof text === 'string' && words.every((w) => text.toLowerCase().includes(w));
        const excerpt = (text: string) => {
          const i = Math.max(0, foldedIndexOf(text, words[0]));
          const from = Math.max(0, i - 40);
          const cut = sliceWhole(text, from, from + 140).replace(/\s+/g, ' ').trim();
          return `${from > 0 ? '…' : ''}${cut}${from + 140 < text.length ? '…' : ''}`;
        };
        // The latest handoff of each conversation this agent can see, newest first.
        const latest = new Map<string, ReturnType<typeof hub.handoffList>[number]>();
        for (const h of hub.handoffList()) {
          if (!hub.canSee(a, h)) continue;
          const had = latest.get(h.conversationId);
          if (!had || had.requestedAt < h.requestedAt) latest.set(h.conversationId, h);
        }
        const hs = [...latest.values()].sort((x, y) => y.requestedAt - x.requestedAt);
        const tickets = new Map<string, string[]>();
        for (const t of await ticketsForSearch()) {
          // The number the customer is told and quotes back ("T-12184D37", data.number), else the stored id.
          const number = (t.data as { number?: unknown } | null)?.number;
          const shown = typeof number === 'string' && number ? number : t.id;
          if (!latest.has(t.conversationId) || !(has(shown) || has(t.id))) continue;
          tickets.set(t.conversationId, [...(tickets.get(t.conversationId) ?? []), shown]);
        }
        const found: Array<{ h: (typeof hs)[number]; match: { in: string; text: string } }> = [];
        for (const [i, h] of hs.entries()) {
          if (found.length >= 50) break;
          await pause();
          const v = ((h.request as { context?: { variables?: Record<string, unknown> } } | null)?.context?.variables ?? {}) as Record<string, unknown>;
          const label = customerLabel(h);
          let match: { in: string; text: string } | null = null;
          if (has(v.customerName) || has(label)) match = { in: 'customer', text: has(v.customerName) ? String(v.customerName) : label };
          else if (has(v.customerEmail)) match = { in: 'email', text: String(v.customerEmail) };
          else if (tickets.has(h.conversationId)) match = { in: 'ticket', text: tickets.get(h.conversationId)!.join(', ') };
          else if (words.length === 1 && (h.conversationId.toLowerCase().startsWith(q) || h.id.toLowerCase().startsWith(q))) match = { in: 'id', text: h.conversationId };
          else if (i < SEARCH_SCAN) {
            const w = await searchText.window(h.conversationId, scan, pause).catch(() => null);
            if (w?.partial) olderNotSearched++;
            let hit = w ? await searchText.find(w, words, pause) : undefined;
            // A colleague's rating answer is not this agent's to see (hostile s15 H#10: "Customer: 2/5 ..." in the
            // excerpt): not matched, as the detail blanks it; the next entry that matches, if any, is the match.
            if (w && hit?.from === 'customer' && !a.admin) {
              const hidden = await hiddenAnswers(h.conversationId, w.entries);
              if (hidden.has(hit.seq)) hit = await searchText.find(w, words, pause, (e) => hidden.has(e.seq));
            }
            // The excerpt from the entry as written (lower-casing can change a text's length).
            const said = hit ? (await d.store.readLog(h.conversationId, hit.seq - 1, 1).catch(() => [] as LogEntry[]))[0] : undefined;
            if (hit && said) match = { in: 'transcript', text: `${hit.from === 'agent' ? (hit.name ?? 'Agent') : hit.from === 'bot' ? 'Bot' : 'Customer'}: ${excerpt(said.text)}` };
          }
          if (match) found.push({ h, match });
        }
        const ratings = await ratingsOf(found.map((f) => f.h), a);
        return {
          q: req.query.q,
          handoffs: found.map(({ h, match }) => ({ ...row(h, hub), rating: ratings.get(h.id) ?? null, match: { in: match.in, text: cutPreview(match.text, 200) } })),
          // Conversations whose older messages were not searched (only their newest SEARCH_CONVERSATION_CHARS characters).
          ...(olderNotSearched > 0 ? { olderNotSearched } : {}),
        };
      } finally {
        searchText.end(scan);
      }
    },
  });

  app.get('/api/v1/agent/handoffs/:id', {
    schema: {
      summary: 'A handoff: context, variables, full transcript (bot turns included), private notes, who else is viewing',
      description:
        'Reading it is opening the chat: when automatic assignment or a transfer gave it to you and you had not opened it yet, it is recorded as opened (the list\'s `joined` is true; no reassignment for not opening it). The customer is not told: they read that you joined (the block\'s "Agent joined message") with your first message. `?peek=true` reads it without recording anything (a look in the background, not opening it).',
      tags: ['agent'],
      security: sec,
      params: handoffParams,
      querystring: z.object({ peek: z.enum(['true', 'false']).optional() }),
    },
    handler: async (req) => {
      const a = auth(req);
      const h = await visible(a, req.params.id);
      // Newcomer s28 N6: a chat given to her automatically is opened now. Session 46 (ui10, newcomer s45 N4): recorded
      // only; the customer hears she joined with her first message.
      const joinedNow = (req.query as { peek?: string }).peek !== 'true' && (await hub.joinOnOpen(a, h));
      const conv = await d.store.getConversation(h.conversationId);
      const r = hub.requestOf(h);
      const state = (conv?.state ?? {}) as { variables?: Record<string, unknown>; waiting?: unknown };
      const rev = conv ? await d.store.getFlowRevision(conv.flowId, conv.flowRevision).catch(() => null) : null;
      // A colleague's rating in the conversation itself, hidden from a plain agent (newcomer s14 N#12).
      const rated = a.admin ? [] : (await d.store.listRecords('csat').catch(() => [])).filter((x) => x.conversationId === h.conversationId);
      const hidden = hiddenRatingsOf(rated, h.conversationId, a);
      return {
        handoff: { ...row(h, hub), ...(joinedNow ? { joined: true } : {}), rating: (await ratingsOf([h], a)).get(h.id) ?? null },
        resumesAt: resumePoint(rev?.flow, state.waiting),
        context: r.context ?? null,
        conversation: conv ? { id: conv.id, flowId: conv.flowId, mode: conv.mode, createdAt: conv.createdAt, lastSeq: conv.lastSeq } : null,
        variables: variablesWithoutHiddenRatings(state.variables ?? {}, rated, a, rev?.flow),
        // Session 47 (apisec2): which variables the website vouched for (a signed identity token) and which are the
        // visitor's word (passed by the page unsigned), while they still hold the value the chat started with.
        visitor: visitorFacts(conv?.visitor),
        transcript: conv ? withoutHiddenRatings(await readAll(conv.id), hidden) : [],
        notes: await hub.notesOf(h.conversationId),
        // A look in the background (?peek=true: a toast's quote) is not viewing (newcomer s41 N6: a colleague a chat was
        // transferred to showed as "Also viewing" before she opened it).
        alsoViewing: (req.query as { peek?: string }).peek === 'true' ? hub.viewersOf(h.id, a.id) : hub.viewing(a, h.id),
      };
    },
  });

  app.get('/api/v1/agent/handoffs/:id/transcript', {
    schema: {
      summary: "Download a handoff's whole conversation (json, jsonl, csv or text)",
      description: 'The same export as the admin API (runtime/server/transcriptExport.ts), for an agent who can see the handoff.',
      tags: ['agent'],
      security: sec,
      params: handoffParams,
      querystring: transcriptQuery,
    },
    handler: async (req, reply) => {
      const a = auth(req);
      const h = await visible(a, req.params.id);
      const conv = await d.store.getConversation(h.conversationId);
      if (!conv) throw new ApiError(404, 'conversation_not_found', 'The conversation of this handoff no longer exists (removed after the retention period).');
      const fmt = (req.query as { format: ExportFormat }).format;
      return sendExport(reply, fmt, `transcript-${conv.id}`, exportChunks(d.store, [conv], fmt, undefined, { id: a.id, admin: a.admin === true }));
    },
  });

  /**
   * Session 43 (hostq, hostile s43 L5): a counter of this process's handoff actions, taken when a request arrives (before
   * anything is awaited) and when a transfer is done: a transfer done after another one's request arrived moved the chat
   * while that request waited (transfer below).
   */
  let actionSeq = 0;
  /** When a request arrived: this process's action number, and (transfers, several instances) its cluster-wide turn. */
  interface Arrival {
    seq: number;
    turn: Promise<number> | null;
  }
  const act = (
    path: string,
    summary: string,
    body: z.ZodType | undefined,
    fn: (a: Agent, h: NonNullable<ReturnType<AgentHub['handoffById']>>, body: never, arrived: Arrival) => Promise<unknown>,
    opts: { turn?: true } = {},
  ) =>
    appIn.post(`/api/v1/agent/handoffs/:id/${path}`, {
      schema: { summary, tags: ['agent'], security: sec, params: handoffParams, ...(body ? { body } : {}) },
      handler: async (req: FastifyRequest) => {
        const seq = ++actionSeq;
        const id = (req.params as { id: string }).id;
        // Session 44: with several instances (Redis), a transfer also takes the handoff's cluster-wide turn on arrival.
        const turn = opts.turn ? hub.transferTurn(id) : null;
        turn?.catch(() => undefined); // awaited (and its error reported) by the transfer; not unhandled meanwhile
        const a = auth(req);
        const h = await visible(a, id);
        return fn(a, h, req.body as never, { seq, turn });
      },
    });

  act('accept', 'Accept a pending handoff (409 when someone else got it first; 200 again when you already hold it)', undefined, async (a, h) => {
    const heldByMe = (x: typeof h) => x.status === 'assigned' && (x.handoff as Handoff | null)?.agentId === a.id;
    // activeChats / maxChats: the inbox says when accepting put the agent over their limit (newcomer s7 #20).
    const done = (x: typeof h, alreadyYours: boolean, mode: string) => ({ ok: true, handoff: row(x, hub), mode, alreadyYours, activeChats: hub.activeChats(a.id), maxChats: a.maxChats });
    if (heldByMe(h)) return done(h, true, 'agent');
    if (CLOSED.has(h.status)) throw new ApiError(409, 'handoff_closed', `Cannot accept this chat: it is closed (${h.status}).`);
    const taken = (x: typeof h) => {
      const ho = x.handoff as Handoff | null;
      return new ApiError(409, 'handoff_conflict', `${ho?.agentName ?? ho?.agentId ?? 'Another agent'} took this chat first.`);
    };
    if (h.status !== 'pending') throw taken(h);
    try {
      const out = await hub.apply(h, { type: 'agent_accepted', agentId: a.id, agentName: a.name }, 'accept');
      return done(hub.handoffById(h.id) ?? h, false, out.mode);
    } catch (err) {
      // The same agent accepting twice at once (double click, two tabs): the loser of the race already holds it.
      const cur = hub.handoffById(h.id);
      if (err instanceof ApiError && err.code === 'handoff_conflict' && cur && heldByMe(cur)) return done(cur, true, 'agent');
      if (err instanceof ApiError && err.code === 'handoff_conflict' && cur?.status === 'assigned') throw taken(cur);
      throw err;
    }
  });

  act(
    'messages',
    'Send a message to the customer, or a private note ({private: true}: agents only)',
    z
      .object({
        // Hostile s19 #17: "\u3164", "\u200b", "\u202e\u0000" reached the customer as empty bubbles.
        // Session 50 (studio18, hostile s49 L7): runs of blank lines are one blank line, stored so (shared/handoff/agentText.ts).
        text: z
          .string()
          .trim()
          .min(1)
          .max(5000)
          .refine((t) => !nothingVisible(t), 'the message has nothing visible (only spaces, control or invisible characters); the customer would get an empty bubble')
          .transform(tidyAgentText),
        private: z.boolean().default(false),
      })
      .strict(),
    async (a, h, body: { text: string; private: boolean }) => {
      // A card number, password or PIN the agent typed is masked before it is stored, shown, exported or searchable,
      // with the same rule as the customer's (hostile s16 H#2), by the hub (addNote, apply: once); `secretsHidden`
      // tells the inbox what was hidden.
      const hidden: string[] = [];
      const hiddenNote = () => (hidden.length > 0 ? { secretsHidden: hidden } : {});
      if (body.private) {
        const note = await hub.addNote(a, h, body.text, { hidden });
        return { ok: true, note, ...hiddenNote() };
      }
      mustHold(a, h, 'write in');
      const out = await hub.apply(h, { type: 'agent_message', agentId: a.id, agentName: a.name, text: body.text }, 'write in', { hidden });
      await hub.markAnswered(h.id);
      // A message ends the agent's "typing" on the customer's side: the next keystroke may announce it again at once
      // (the inbox does so), whatever the typing throttle below last let through.
      agentTypingAt.delete(typingKey(a.id, h.id, true));
      return { ok: true, messages: out.messages, ...hiddenNote() };
    },
  );

  act('typing', "Tell the other agents watching this handoff (and the customer, when you hold it: a `typing` event on the customer's push channel) that you are typing. At most one event per agent and handoff per second: more answer {ok: true, throttled: true} and send nothing", undefined, async (a, h) => {
    // Like customer typing: a client calling in a loop must not flood the customer's stream and the hub's replay
    // buffer (hostile s5: 5,000 calls gave 5,000 frames and pushed a private note out of the buffer).
    const ho = h.handoff as Handoff | null;
    const holds = h.status === 'assigned' && ho?.agentId === a.id;
    // Keyed by audience too: typing seen by agents only (before accepting) does not use up the customer's second.
    const key = typingKey(a.id, h.id, holds);
    const last = agentTypingAt.get(key);
    if (last !== undefined && d.now() - last < 1000) return { ok: true, throttled: true };
    agentTypingAt.delete(key);
    if (agentTypingAt.size >= 10_000) agentTypingAt.delete(agentTypingAt.keys().next().value as string); // oldest first
    agentTypingAt.set(key, d.now());
    hub.typing(a, h.id, holds ? { conversationId: h.conversationId } : undefined);
    return { ok: true };
  });

  act(
    'transfer',
    'Transfer to another agent (yourself too, for an admin taking over a chat someone else holds) or back to the queue of a team',
    z
      .object({ agentId: z.string().min(1).max(100).optional(), team: z.string().min(1).max(100).optional(), note: z.string().max(1000).optional() })
      .strict()
      .refine((b) => (b.agentId === undefined) !== (b.team === undefined), { message: 'give exactly one of agentId or team' }),
    async (a, h, body: { agentId?: string; team?: string; note?: string }, arrived: Arrival) => {
      // Session 41 (newcomer s41 N3): the same transfer asked again while the first was on its way (a double click):
      // done already, not a red "it is assigned to Bob".
      // Two at once: the second waits for the first, then reads the handoff as it left it. Only a repeat that came while
      // the first was on its way is answered as done; a later one is refused as before ("Bob already holds this chat").
      const overlappingHere = hub.transferInProgress(h.id);
      const heldBy = (h.handoff as Handoff | null)?.agentId ?? null;
      // Session 44 (tidy): with several instances on Redis, one transfer of the chat at a time in the whole cluster
      // (whileTransferringAcross), and the moves another instance made count as this process's own do.
      return hub.whileTransferring(h.id, () => hub.whileTransferringAcross(h.id, async (waitedElsewhere, moved) => {
        const cur = hub.handoffById(h.id) ?? h;
        const holder = (cur.handoff as Handoff | null)?.agentId ?? null;
        // Session 45 (tidy2, review of s44): the last transfer done by any instance (Redis) counts too, so a double click
        // whose repeat reached the other instance is answered as done there as well (it was refused as moved). Session 46
        // (tidy3): the shared state keeps it in one process too (memory), no map here beside it.
        const before = await hub.lastTransferAcross(h.id);
        const overlapping = overlappingHere || waitedElsewhere;
        // Session 43 (hostq, hostile s43 L5): an admin's second transfer still went through 1 time in 4: the first one
        // could finish (or move the chat) while the second read the handoff, which then saw the chat already with Bob
        // (heldBy === holder, or no transfer in progress any more) and the admin's rescue rule moved it again. A transfer
        // of this chat done after this request arrived moved it while the request waited, whatever the request then read.
        const movedSince = (movedAt.get(h.id) ?? 0) > arrived.seq || (arrived.turn !== null && (await hub.movedTurn(h.id)) > (await arrived.turn));
        if ((overlapping || movedSince) && before && body.agentId && before.by === a.id && before.to === body.agentId && holder === body.agentId && cur.status === 'assigned' && d.now() - before.at < 60_000) {
          return { ok: true, alreadyDone: true, handoff: row(cur, hub) };
        }
        // Session 42 (lead, hostile s42 L7): two transfers of one chat at once, the second to someone else: the chat moved
        // while it waited, so it was asked of a chat that is no longer where its sender saw it. Refused (an admin's
        // rescue rule let it through: the customer heard "transferring you to Bob", then "to Cat").
        if ((overlapping && holder !== heldBy) || movedSince) {
          const now = holder === null ? 'is back in the queue' : `is now ${holder === a.id ? 'yours' : `with ${directory.get(holder)?.name ?? holder}`}`;
          throw new ApiError(409, 'handoff_conflict', `This chat was transferred while your transfer waited: it ${now}. Transfer it again from there if you still mean to.`);
        }
        const out = await transferNow(a, cur, body);
        movedAt.set(h.id, ++actionSeq);
        if (movedAt.size > 1000) movedAt.delete(movedAt.keys().next().value as string);
        moved();
        return out;
      }));
    },
    { turn: true },
  );

  /** handoffId -> actionSeq when its last transfer (to an agent or a team) was done here. */
  const movedAt = new Map<string, number>();

  const transferNow = async (a: Agent, h: NonNullable<ReturnType<AgentHub['handoffById']>>, body: { agentId?: string; team?: string; note?: string }) => {
    // An admin may move a chat another agent holds (e.g. that agent left without handing it on): no dead end.
    const holder = (h.handoff as Handoff | null)?.agentId ?? null;
    const rescue = a.admin && h.status === 'assigned' && holder !== null && holder !== a.id;
    if (!rescue) mustHold(a, h, 'transfer');
    const from = rescue ? holder! : a.id;
    let target: Agent | undefined;
    if (body.agentId) {
      target = directory.get(body.agentId);
      if (!target) throw new ApiError(400, 'agent_not_found', `body.agentId: no agent "${body.agentId}"; list them with GET /api/v1/agent/agents.`, 'body.agentId');
      if (target.id === from) throw new ApiError(400, 'transfer_to_self', rescue ? `body.agentId: ${target.name} already holds this chat.` : 'body.agentId: you already hold this chat.', 'body.agentId');
      if (hub.status(target.id) === 'offline') throw new ApiError(409, 'agent_offline', `${target.name} is offline; transfer to an online agent or to a team.`, 'body.agentId');
    }
    if (body.team) {
      const known = new Set(directory.list().flatMap((x) => x.teams.map((t) => t.toLowerCase())));
      if (!known.has(body.team.toLowerCase())) throw new ApiError(400, 'team_not_found', `body.team: no agent is in team "${body.team}".`, 'body.team');
      // Nobody of that team signed in (but the one giving the chat away): it would wait with nobody to take it, so
      // the transfer is refused with the reason (README "Not finished" s7; the inbox disables the option too).
      const team = body.team.toLowerCase();
      const reachable = directory.list().filter((x) => x.id !== from && x.teams.some((t) => t.toLowerCase() === team) && hub.status(x.id) !== 'offline');
      if (reachable.length === 0) {
        throw new ApiError(
          409,
          'team_offline',
          `body.team: nobody in team "${body.team}" is signed in${from === a.id ? ' but you' : ''}, so the chat would wait with nobody to take it; transfer to an online agent, or keep it until someone in "${body.team}" signs in.`,
          'body.team',
        );
      }
    }
    const why = target ? `Transferred to ${target.name}` : `Transferred to team ${body.team}`;
    // The customer hears a transfer, not a loss: "<agent> is transferring you to <colleague / the team>". An admin's
    // rescue (hostile s47 L2: "Ann is transferring you to Ann", and the row's transfer said byId bob / by Ann): `from`
    // names the agent it is taken from ("Ann is taking over your chat from Bob", "Your chat is moving from Bob to Cat"),
    // `byId` the admin who did it.
    const transfer = { by: a.name, byId: a.id, to: target ? target.name : `the ${body.team} team`, ...(rescue ? { from: directory.get(from)?.name ?? from } : {}) };
    // The transfer note goes with the handoff (its row's `transfer`: "Ann transferred this chat to you: <note>",
    // newcomer s9 #2) and into the timeline as Ann's private note, so whoever takes it over reads it.
    const note = body.note?.trim() || '';
    // The team and the decline are set only once the chat really left `from`: a transfer refused because another
    // action won the race (409) changes nothing (hostile s11 #1: the whole team stopped seeing the chat).
    const team = body.team;
    await hub.apply(h, { type: 'agent_declined', agentId: from, note: `${rescue ? `${why} by ${a.name} (admin)` : why}${note ? `: ${note}` : ''}`, transfer, cause: 'transfer', ...(team ? { team } : {}) }, 'transfer', {
      onApplied: () => {
        if (team) hub.setTeam(h.id, team);
        hub.declinedBy(h.id, from);
      },
    });
    await hub.addNote(a, h, `${why}${note ? `: ${note}` : '.'}`);
    if (target) {
      const fresh = hub.handoffById(h.id) ?? h;
      // Session 41 (newcomer s40 N3): like an automatic assignment (`auto`), she has not seen it yet: the customer reads
      // "<name> will be with you shortly", and "<name> has joined the chat" when she writes (session 46: not when she opens it).
      // An admin moving a chat to herself has it open: she joins at once, as before.
      await hub.apply(fresh, { type: 'agent_accepted', agentId: target.id, agentName: target.name, ...(target.id === a.id ? {} : { auto: true as const }) }, 'transfer');
      // The last transfer, kept in the shared state (memory or Redis): a repeat of it is answered as done. Noted before
      // the cluster's claim on this transfer is let go.
      await hub.noteTransferAcross(h.id, { by: a.id, to: target.id, at: d.now() });
      // Session 50 (rt5, hostile s49 L9): the target went offline (giving her chats back) while this transfer ran, after
      // its check above: her give-back found nothing of this chat yet, and the transfer then made her its holder (the
      // customer waited ~1 min for a named agent who had left, in nobody's queue). Checked again now that she holds it:
      // back to the queue at once. Her going offline after this check finds the chat hers and gives it back itself.
      if (target.id !== a.id) await hub.requeueIfGone(h.id, target.id);
    }
    return { ok: true, handoff: row(hub.handoffById(h.id) ?? h, hub) };
  };

  act('unview', "You closed this chat in your inbox: the other agents' \"Also viewing\" drops you now (not when the 30 s mark runs out)", undefined, async (a, h) => {
    hub.stopViewing(a.id, h.id);
    return { ok: true };
  });

  act('reject', 'Give the chat back to the queue (not offered to you again automatically)', z.object({ note: z.string().max(1000).optional() }).strict().optional(), async (a, h, body?: { note?: string }) => {
    // Session 44 (hostfix, hostile s44 L4): a Reject that loses the race to a Hand back (or a Resolve) says how the chat
    // ended ("you handed it back to the bot ..."), as Resolve and Hand back do (closedAfterRace), not "it is resolved".
    return closedAfterRace(a, h, 'reject', async () => {
      await hub.declinedBy(h.id, a.id);
      await hub.apply(h, { type: 'agent_declined', agentId: a.id, note: body?.note, cause: 'declined' }, 'reject');
      return { ok: true, handoff: row(hub.handoffById(h.id) ?? h, hub) };
    });
  });

  act('handback', "Hand the conversation back to the bot (the Human Takeover block's resolved exit)", z.object({ note: z.string().max(1000).optional() }).strict().optional(), async (a, h, body?: { note?: string }) => {
    return closedAfterRace(a, h, 'hand back', async () => {
      const out = await hub.apply(h, { type: 'agent_handback', agentId: a.id, note: body?.note }, 'hand back');
      return { ok: true, mode: out.mode, messages: out.messages };
    });
  });

  /**
   * Whether the handoff's Human Takeover block rates its resolved chats: its resolved exit leads (through messages
   * at most) to a Rating (csat) block. A takeover of a live bot chat has no such block.
   */
  const ratesResolved = async (h: Parameters<typeof summarize>[0]): Promise<boolean> => {
    const blockId = (h.handoff as Handoff | null)?.blockId;
    const conv = await d.store.getConversation(h.conversationId);
    if (!blockId || !conv) return false;
    const rev = await d.store.getFlowRevision(conv.flowId, conv.flowRevision).catch(() => null);
    return rev ? takeoverRatesResolved(rev.flow as FlowGraphLike, blockId) : false;
  };

  act(
    'resolve',
    "Close the conversation. When the chat's Human Takeover block rates its resolved chats (resolved exit -> Rating block) and the agents settings' ratingOnResolve is on (default), the customer is asked for the rating first, then the conversation ends ({rating: true}); otherwise it ends at once",
    z.object({ note: z.string().max(1000).optional() }).strict().optional(),
    async (a, h, body?: { note?: string }) => {
      return closedAfterRace(a, h, 'resolve', async () => {
        // newcomer s9 #10: Resolve ended the chat with no rating while "Hand back to bot" asked for one; a team wants
        // the rating for resolved chats above all. The block's resolved exit asks it; recorded as closed by the agent.
        if (directory.settings.ratingOnResolve && (await ratesResolved(h))) {
          const out = await hub.apply(h, { type: 'agent_handback', agentId: a.id, note: body?.note, closes: true }, 'resolve');
          // Session 46 (studio10, newcomer s45 N10): a chat nobody from the team wrote in is closed without the rating
          // (the engine says so to the customer): `rating` says whether it was asked.
          return { ok: true, mode: out.mode, messages: out.messages, rating: out.mode !== 'closed' };
        }
        const out = await hub.apply(h, { type: 'agent_closed', agentId: a.id, note: body?.note }, 'resolve');
        return { ok: true, mode: out.mode, messages: out.messages, rating: false };
      });
    },
  );

  /* ------------------------------------------------------------ conversations */
  app.patch('/api/v1/agent/conversations/:id/variables', {
    schema: {
      summary: 'Fix collected variables (contact details...) of a conversation you can see',
      tags: ['agent'],
      security: sec,
      params: conversationParams,
      body: z.object({ variables: z.record(z.string().min(1).max(100), valueSchema) }).strict(),
    },
    handler: async (req) => {
      const a = auth(req);
      const id = req.params.id;
      await hub.refresh();
      const hs = hub.handoffList().filter((h) => h.conversationId === id);
      if (!a.admin) {
        // Only the agent holding the chat (or an admin) changes its variables.
        if (!hs.some((h) => hub.canSee(a, h))) throw new ApiError(404, 'conversation_not_found', 'No chat with this id that you can see.', 'id');
        const open = hs.filter((h) => !CLOSED.has(h.status)).sort((x, y) => y.requestedAt - x.requestedAt)[0];
        const holder = open?.status === 'assigned' ? (open.handoff as Handoff | null) : null;
        if (!open) throw new ApiError(409, 'conversation_closed', 'This chat is closed: its variables can no longer be changed.', 'id');
        if (holder?.agentId !== a.id) {
          const why = holder ? `${holder.agentName ?? holder.agentId} holds this chat` : 'nobody holds this chat yet; accept it first';
          throw new ApiError(409, 'not_your_handoff', `You cannot change the variables of this chat: ${why}. Only the agent holding the chat, or an admin, can.`, 'id');
        }
      }
      return d.store.runExclusive(id, async () => {
        const rec = await d.store.getConversation(id);
        if (!rec) throw new ApiError(404, 'conversation_not_found', 'No chat with this id.', 'id');
        if (rec.mode === 'closed') throw new ApiError(409, 'conversation_closed', 'This chat is closed: its variables can no longer be changed.', 'id');
        const state = rec.state as { variables: Record<string, unknown>; waiting?: unknown };
        const vars = { ...state.variables };
        // Variables the flow declares, and the one the bot asks for next after a handback, may be set before the
        // flow has set them (the agent fills in what the customer already said, so the bot does not ask again).
        const rev = await d.store.getFlowRevision(rec.flowId, rec.flowRevision).catch(() => null);
        const declared = new Set<string>(((rev?.flow as { variables?: Array<{ name?: unknown }> } | undefined)?.variables ?? []).map((v) => String(v.name)));
        const next = resumePoint(rev?.flow, state.waiting)?.question?.variable;
        if (next) declared.add(next);
        for (const [name, value] of Object.entries(req.body.variables)) {
          // Contact details the engine may not have yet are editable too; nothing else the flow did not declare.
          if (!Object.hasOwn(vars, name) && !EDITABLE_BUILTINS.has(name) && !declared.has(name)) {
            throw new ApiError(400, 'unknown_variable', `variables.${name}: this conversation has no variable "${name}"; known: ${Object.keys(vars).join(', ')}.`, `body.variables.${name}`);
          }
          const was = Object.hasOwn(vars, name) ? vars[name] : null;
          if (was !== null && value !== null && typeof was !== typeof value) {
            throw new ApiError(400, 'invalid_variable', `variables.${name}: expected a ${typeof was}, got ${typeof value}.`, `body.variables.${name}`);
          }
          // The customer's email gets the same check as when the customer types it (newcomer s7 #24: "not an
          // email" was saved, and a ticket reply would go nowhere). A typo in case or spaces is tidied as typed answers are.
          if (name === 'customerEmail' && typeof value === 'string' && value.trim() !== '') {
            const r = validateAnswer('email', value, 0);
            if (!r.ok || typeof r.value !== 'string' || r.value !== value.trim().toLowerCase()) {
              throw new ApiError(400, 'invalid_variable', `variables.customerEmail: "${value.slice(0, 80)}" is not one email address; enter one like name@example.com (the same check as when the customer types it), or clear it.`, 'body.variables.customerEmail');
            }
            vars[name] = r.value;
            continue;
          }
          // A card number, password or PIN typed into a variable is masked like in a message (hostile s16 H#2).
          vars[name] = typeof value === 'string' ? maskAgentText(value).text : value;
        }
        // Session 44 (ui8, newcomer s44 N14): the inbox names the customer from the handoff's request (customerLabel), read
        // when the bot handed over: after Ann set the name and transferred the chat, Bob's list and pop-up still said the
        // email until he opened it. A changed name or email goes into the open handoffs' request too (and their updatedAt,
        // so every inbox's list is read again).
        // Session 46 (ui10, newcomer s45 N8): the summary's lead ("The customer (dana@example.com) is waiting.") names them
        // as the variables do now ("Dana Scully (dana@example.com) is waiting."); the phone is in that lead too.
        const contact = ['customerName', 'customerEmail', 'customerPhone'].filter((k) => Object.hasOwn(req.body.variables, k));
        const handoffs: HandoffRecord[] = [];
        if (contact.length > 0) {
          for (const h of hs.filter((x) => !CLOSED.has(x.status))) {
            const stored = await d.store.getHandoff(h.id);
            const request = stored?.request as { context?: { variables?: Record<string, unknown>; summary?: unknown } } | null | undefined;
            if (!stored || !request?.context) continue;
            const before = { ...(request.context.variables ?? {}) };
            const variables = { ...before };
            for (const k of contact) variables[k] = vars[k] ?? null;
            const summary = typeof request.context.summary === 'string' ? summaryWithCustomer(request.context.summary, before as Record<string, Value>, variables as Record<string, Value>) : request.context.summary;
            handoffs.push({ ...stored, request: { ...request, context: { ...request.context, variables, ...(summary !== undefined ? { summary } : {}) } }, updatedAt: Math.max(d.now(), stored.updatedAt + 1) });
          }
        }
        await d.store.commit({ conversation: { ...rec, state: { ...state, variables: vars }, updatedAt: d.now() }, ...(handoffs.length > 0 ? { handoffs } : {}) });
        if (handoffs.length > 0) hub.handoffsMayChange();
        return { variables: vars };
      });
    },
  });

  app.post('/api/v1/agent/conversations/:id/takeover', {
    schema: {
      summary: 'Take over a live bot conversation that never asked for a person: the bot pauses at once and the chat is yours (409 with the reason when it cannot be taken over)',
      tags: ['agent'],
      security: sec,
      params: conversationParams,
    },
    handler: async (req) => {
      const a = auth(req);
      const id = req.params.id;
      // Same rule as the live list: a non-admin may take over only flows whose Human Takeover block allows them.
      const conv = await d.store.getConversation(id);
      const rev = conv ? await d.store.getFlowRevision(conv.flowId, conv.flowRevision) : null;
      const blocks = ((rev?.flow as { blocks?: Parameters<typeof mayServeFlow>[1] } | undefined)?.blocks ?? []);
      if (!conv || !mayServeFlow(a, blocks)) throw new ApiError(404, 'conversation_not_found', 'No chat with this id that you can take over.', 'id');
      // A conversation waiting in (or held by) another team's queue is not confirmed either: same 404 as its handoff.
      await hub.refresh();
      const openOther = hub.handoffList().some((x) => x.conversationId === id && !CLOSED.has(x.status) && !hub.canSee(a, x));
      if (openOther) throw new ApiError(404, 'conversation_not_found', 'No chat with this id that you can take over.', 'id');
      // The engine input runs under the conversation's lock (ConversationService.apply -> store.runExclusive), so a
      // customer message arriving at the same moment is either answered by the bot before, or relayed to the agent after.
      const input = { type: 'agent_takeover', agentId: a.id, agentName: a.name, eventId: randomUUID() } as Input;
      let out;
      try {
        out = await hub.deps.service.apply(id, input);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'input_rejected') throw new ApiError(409, 'takeover_refused', `Cannot take over this chat: ${err.message}`);
        throw err;
      }
      if (!out) throw new ApiError(404, 'conversation_not_found', 'No chat with this id.', 'id');
      await hub.refresh();
      const h = hub.handoffList().find((x) => x.conversationId === id && x.status === 'assigned' && (x.handoff as Handoff | null)?.agentId === a.id);
      return { ok: true, mode: out.mode, handoff: h ? row(h, hub) : null, messages: out.messages };
    },
  });

  /* ------------------------------------------------------------ canned replies (shared by all agents) */
  app.get('/api/v1/agent/canned-replies', {
    schema: { summary: 'Canned replies shared by all agents', tags: ['agent'], security: sec },
    handler: async (req) => {
      const a = auth(req);
      await directory.syncWithFile('stat');
      // revision: send it back with PUT ?revision= so a save made on an older list (edited by hand since) is refused.
      // fileProblem (admins): the agents file was broken by hand, so the Canned replies screen says it when it opens,
      // as the Agents screen does, instead of only when a save is refused (newcomer s12 #15).
      return { replies: directory.cannedReplies(), revision: directory.revisionOf('#canned'), ...(a.admin && directory.fileProblem ? { fileProblem: directory.fileProblem } : {}) };
    },
  });

  app.put('/api/v1/agent/canned-replies', {
    schema: {
      summary: 'Replace the canned replies (admin); saved to the agents file',
      description:
        '?revision= (from GET): 409 agents_file_changed when the list changed since (by hand in the agents file or by another admin). Without it, 409 when the save would delete or undo a reply added or changed in the agents file by hand (hostile s11 #17).',
      tags: ['agent'],
      security: sec,
      querystring: z.object({ revision: revisionNumber.optional() }),
      body: z.object({ replies: z.array(cannedReplySchema).max(MAX_CANNED) }).strict(),
      response: { 200: z.any(), ...errors },
    },
    handler: async (req) => {
      auth(req);
      const seen = new Set<string>();
      req.body.replies.forEach((r, i) => {
        const key = r.shortcut.toLowerCase();
        if (seen.has(key)) throw new ApiError(400, 'duplicate_shortcut', `replies.${i}.shortcut: "/${r.shortcut}" is used twice; each shortcut must be unique.`, `body.replies.${i}.shortcut`);
        seen.add(key);
      });
      await saved(directory.setCannedReplies(req.body.replies, { revision: req.query.revision }));
      return { replies: directory.cannedReplies(), revision: directory.revisionOf('#canned') };
    },
  });

  /* ------------------------------------------------------------ customer typing (for the widget) */
  app.post('/api/v1/conversations/:id/typing', {
    schema: { summary: "The customer is typing (shown to the agents watching the conversation's handoff)", tags: ['customer'], security: [{ customerToken: [] }], params: conversationParams },
    handler: async (req) => {
      await hub.deps.service.getAuthorized(req.params.id, bearer(req));
      // At most one typing event per conversation per second, whatever the client sends (the widget sends one per
      // 2.5 s); a call that reached nobody (no open handoff) does not count.
      const last = customerTypingAt.get(req.params.id) ?? 0;
      if (d.now() - last < 1000) return { ok: true, throttled: true };
      const ok = hub.customerTyping(req.params.id);
      if (ok) {
        if (customerTypingAt.size > 10_000) customerTypingAt.clear();
        customerTypingAt.set(req.params.id, d.now());
      }
      return { ok };
    },
  });

  /* ------------------------------------------------------------ customer page in the background (for the widget) */
  app.post('/api/v1/conversations/:id/page', {
    schema: {
      summary: "The customer's chat page went to the background, came back, or is closing",
      description:
        "The widget says so (session 38): `background` when its page is hidden, frozen or kept in the back-forward cache (a phone browser may then close the push channel, which would read as the page closed for good), `foreground` when it is back, `closing` when it goes for good (a tab closed, a reload, a navigation). While in the background a closed page is shown to the agents as such (customer_page `backgroundAt`) and the customer keeps their place in the queue, for up to 10 minutes with its connection closed: after that it counts as gone (`backgroundGone`: a phone may have killed the page) until it comes back.",
      tags: ['customer'],
      security: [{ customerToken: [] }],
      params: conversationParams,
      body: z.object({ state: z.enum(['background', 'foreground', 'closing']) }).strict(),
    },
    handler: async (req) => {
      const rec = await hub.deps.service.getAuthorized(req.params.id, bearer(req));
      customerPresenceOf(hub).background(rec.id, req.body.state === 'background');
      return { ok: true };
    },
  });

  /* ------------------------------------------------------------ push channel */
  /*
   * Event ids are `<epoch>.<n>`: the epoch is this process's start, so a cursor from before a restart (or from another
   * instance) is recognised as foreign and answered with `reset` (refetch the lists) instead of silently skipping
   * every event numbered below it.
   */
  // This process's event-id namespace: the start time and a random part, so two instances started in the same
  // millisecond (a deploy starting several at once) never read each other's ids as their own.
  const EPOCH = Date.now().toString(36) + randomBytes(3).toString('hex');
  const MAX_STREAMS_PER_AGENT = 20;
  const openStreams = new Map<string, number>();
  const parseCursor = (raw: string | undefined): { cursor: number; foreign: boolean } | null => {
    if (raw === undefined || raw === '') return null;
    const m = /^([0-9a-z]+)\.(\d{1,17})$/.exec(raw.trim());
    if (!m || m[1] !== EPOCH) return { cursor: hub.lastEventId, foreign: true };
    const n = Number(m[2]);
    return n > hub.lastEventId ? { cursor: hub.lastEventId, foreign: true } : { cursor: n, foreign: false };
  };

  app.get('/api/v1/agent/events', {
    schema: {
      summary: 'Agent push channel (Server-Sent Events)',
      description:
        'Events: handoff (new/changed: pending, assigned, requeued, closed), message (customer, bot or agent entry of a watched handoff), typing, viewing, note, presence, ticket ({ticket}: a ticket you can see was marked done/reopened or assigned), customer_page ({conversationId, handoffIds, page: {open, at, closedAt?, activeAt?, backgroundAt?, backgroundGone?} | null}: the customer\'s chat page opened or closed, or the customer used the chat API after it closed (activeAt), or the page said it went to the background (backgroundAt), or stayed there past 10 minutes (backgroundGone); no id). id = "<epoch>.<n>"; resume with Last-Event-ID or ?after=<id>. A `reset` event means events were missed or the server restarted (refetch the lists). The stream ends with `signed_out` when the token stops being valid.',
      tags: ['agent'],
      security: sec,
      querystring: z.object({ token: z.string().max(500).optional(), after: z.string().max(40).optional() }).strict(),
    },
    handler: async (req, reply) => {
      const a = auth(req, req.query.token);
      const token = bearer(req) ?? req.query.token!;
      if ((openStreams.get(a.id) ?? 0) >= MAX_STREAMS_PER_AGENT) {
        throw new ApiError(429, 'too_many_streams', `You already have ${MAX_STREAMS_PER_AGENT} open push streams; close some inbox tabs.`);
      }
      const header = req.headers['last-event-id'];
      const resumed = parseCursor(typeof header === 'string' && header ? header : req.query.after);
      let cursor = resumed?.cursor ?? hub.lastEventId;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no', 'X-Content-Type-Options': 'nosniff' });
      res.write('retry: 2000\n\n');
      openStreams.set(a.id, (openStreams.get(a.id) ?? 0) + 1);
      hub.streamOpened(a.id);
      let ended = false;
      const end = (why?: string) => {
        if (ended) return;
        ended = true;
        if (why) res.write(`event: signed_out\ndata: ${JSON.stringify({ reason: why })}\n\n`);
        res.end();
      };
      const stillSignedIn = () => {
        const me = directory.authenticate(token);
        if (!me) end('Your session ended. Sign in again.');
        return me;
      };
      const send = (e: AgentEvent) => {
        if (ended || e.id <= cursor) return;
        cursor = e.id;
        const me = stillSignedIn(); // sign-out, expiry or removal ends the stream: nothing more is sent
        if (!me) return;
        if (e.handoffId) {
          const h = hub.handoffById(e.handoffId);
          if (h && !hub.canSee(me, h)) return;
        }
        let data = e.data;
        if (e.type === 'message') {
          // A customer's rating answer (ratingBy: whose rating; '' the bot's): blanked for a plain agent who may not
          // see it, as in the handoff detail (ratingPrivacy.ts; newcomer s14 #12 rest).
          const { ratingBy, ...rest } = e.data as { message: LogEntry; ratingBy?: string };
          data = ratingBy !== undefined && !maySeeRating(me, ratingBy ? { agentId: ratingBy } : {}) ? { ...rest, message: { ...rest.message, text: '', ratingHidden: true } } : rest;
        } else if (e.type === 'ticket') {
          // Only to the agents who may see the ticket (computed where it changed), without that list.
          const t = e.data as { ticket: unknown; to?: unknown };
          if (!Array.isArray(t.to) || !t.to.includes(me.id)) return;
          data = { ticket: t.ticket };
        }
        res.write(`id: ${EPOCH}.${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      const backlog = hub.eventsAfter(cursor);
      if (resumed?.foreign || !backlog.complete) res.write(`id: ${EPOCH}.${cursor}\nevent: reset\ndata: {"reason":"events were missed or the server restarted; refetch the lists"}\n\n`);
      for (const e of backlog.events) send(e);
      const off = hub.listen(send);
      // The customer's page opened or closed: an id-less `customer_page` frame (Last-Event-ID stays the hub's event id)
      // for the handoffs of that conversation this agent can see; lists and details fetched later carry it too.
      // Coalesced: at most one frame per conversation every 250 ms, with its latest state (hostile s7: flapping pages
      // sent ~55 frames a second to every agent stream).
      const pendingPages = new Map<string, unknown>();
      let pagesTimer: NodeJS.Timeout | null = null;
      const flushPages = () => {
        pagesTimer = null;
        if (ended) return;
        const me = directory.authenticate(token);
        if (!me) return;
        for (const [conversationId, page] of pendingPages) {
          const handoffIds = hub
            .handoffList()
            .filter((h) => h.conversationId === conversationId && hub.canSee(me, h))
            .map((h) => h.id);
          if (handoffIds.length > 0) res.write(`event: customer_page\ndata: ${JSON.stringify({ conversationId, handoffIds, page })}\n\n`);
        }
        pendingPages.clear();
      };
      const pageChanged = (conversationId: string, page: unknown) => {
        if (ended) return;
        pendingPages.set(conversationId, page);
        if (!pagesTimer) {
          pagesTimer = setTimeout(flushPages, 250);
          pagesTimer.unref();
        }
      };
      const offPages = pages.listen(pageChanged);
      // Session 37: just after a (re)start, the open chats that began before it are told "not seen since restart" once
      // the grace for their pages to reconnect is over: nothing else changes at that moment, so an inbox that read
      // them within the grace showed no chip until it read them again.
      const offGrace = pages.whenRestartGraceOver(() => {
        for (const h of hub.handoffList()) {
          if ((h.status === 'pending' || h.status === 'assigned') && h.requestedAt < pages.startedAt) pageChanged(h.conversationId, pages.page(h.conversationId, h.requestedAt));
        }
      });
      // Every 2 s: a token signed out (here or on another instance), expired or removed ends the stream at once
      // (not only at the next event); a keep-alive comment every 15 s.
      let lastBeat = Date.now();
      const beat = setInterval(() => {
        if (!stillSignedIn()) return;
        if (Date.now() - lastBeat >= 15_000) {
          lastBeat = Date.now();
          res.write(': keep-alive\n\n');
        }
      }, 2000);
      beat.unref();
      streams.add(res);
      req.raw.on('close', () => {
        streams.delete(res);
        off();
        offPages();
        offGrace();
        if (pagesTimer) clearTimeout(pagesTimer);
        clearInterval(beat);
        hub.streamClosed(a.id);
        const n = (openStreams.get(a.id) ?? 1) - 1;
        if (n > 0) openStreams.set(a.id, n);
        else openStreams.delete(a.id);
      });
    },
  });
  await registerAgentLiveList(appIn, d); // GET /api/v1/agent/conversations?mode=bot (agentLiveList.ts)
  await registerAgentTickets(appIn, d); // GET /api/v1/agent/tickets[/:id], /csat (agentTickets.ts)
}

/**
 * Session 47 (apisec2): where a chat's starting details came from (ConversationRecord.visitor), for the inbox: the
 * website's id of the visitor when a signed identity token came with the chat, the values the site signed, and those the
 * page passed unsigned (the visitor's word). The inbox marks a variable Verified / Unverified while it still holds that
 * value (a customer's answer or an agent's edit since makes it neither). Null when the page passed nothing.
 */
export function visitorFacts(
  visitor: ConversationRecord['visitor'],
): { subject: string | null; signed: Record<string, string | number | boolean | null>; unsigned: Record<string, string | number | boolean | null> } | null {
  if (!visitor) return null;
  return { subject: visitor.subject ?? null, signed: visitor.signed ?? {}, unsigned: visitor.unsigned ?? {} };
}
