/**
 * The inbox admin screens' client for the admin part of the agent API (runtime/agents/agentRoutes.ts):
 * GET /api/v1/agent/agents, PUT/DELETE /api/v1/agent/agents/:id, GET/PUT /api/v1/agent/canned-replies, and the
 * tickets (GET /api/v1/agent/tickets[/:id], PATCH /api/v1/agent/tickets/:id: done / reopen / assign).
 *
 * Errors become `AdminError` carrying the server's sentence AND the fields it names (`field`, `issues[].field`,
 * e.g. "body.email" or "body.replies.2.shortcut"), so a form can show each message next to its field.
 */

export type Presence = 'online' | 'busy' | 'offline';

export interface AdminAgent {
  id: string;
  name: string;
  email: string;
  teams: string[];
  skills: string[];
  languages: string[];
  maxChats: number;
  admin: boolean;
  status?: Presence;
  /** Signed in, but no inbox open since then (the tab closed without signing out): status reads offline. */
  inboxClosedAt?: number;
  activeChats?: number;
  /** How the agent can sign in, when the server says (no secrets). */
  signIn?: { password: boolean; token: boolean };
  /** The agent's revision (goes up on every change, by hand in the agents file too): sent back with a save. */
  revision?: number;
}

/** What PUT /agents/:id takes: the whole agent, plus a new password and/or a new static token. */
export interface AgentInput {
  name: string;
  email: string;
  teams: string[];
  skills: string[];
  languages: string[];
  maxChats: number;
  admin: boolean;
  password?: string;
  token?: string;
}

export interface CannedReply {
  shortcut: string;
  text: string;
}

/** A follow-up ticket a Ticket block opened, as GET /api/v1/agent/tickets answers it (the server's own type). */
import { cannedRepliesClient } from '../cannedRepliesClient';
import type { TicketRow } from '../../../runtime/agents/agentTickets';

export type { TicketRow };

/** Which tickets the list shows: open ones, open ones assigned to me, done ones, or all. */
export interface TicketFilter {
  status?: 'open' | 'done';
  assignee?: 'me' | 'none' | string;
}

export interface TranscriptEntry {
  seq: number;
  from: 'bot' | 'customer' | 'agent' | 'system';
  text: string;
  name?: string;
  at: number;
}

export interface Page {
  total: number;
  offset: number;
  limit: number;
  nextOffset: number | null;
}

export interface FieldIssue {
  /** The server's path without the "body." prefix: "email", "maxChats", "replies.2.shortcut", or "" (the whole request). */
  field: string;
  message: string;
}

export class AdminError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'AdminError';
  }
}

/** CSAT of the chats one agent last held (newcomer s9 #12). */
export interface CsatByAgent {
  agentId: string | null;
  agentName: string | null;
  count: number;
  average: number | null;
}

export interface AdminApi {
  agents(token: string): Promise<AdminAgent[]>;
  /**
   * The agents and the agents file's problem now (not valid JSON, an invalid agent...; null when it reads), so the
   * Agents screen says it when it opens, before an admin types an edit that would be refused (newcomer s11 #7).
   * Absent (older clients, test doubles): the screen uses agents().
   */
  agentsFile?(token: string): Promise<{ agents: AdminAgent[]; fileProblem: string | null }>;
  /**
   * Creates (`created: true`) or replaces the agent `id`. `revision`: the one the form was opened on ('new' when
   * adding): the server refuses (409 agents_file_changed) a save that would undo a change made since, e.g. by hand in
   * the agents file (newcomer s9 #24).
   */
  saveAgent(token: string, id: string, agent: AgentInput, revision?: number | 'new'): Promise<{ agent: AdminAgent; created: boolean }>;
  removeAgent(token: string, id: string, revision?: number): Promise<void>;
  cannedReplies(token: string): Promise<CannedReply[]>;
  /** The canned replies and the agents file's problem now (null when it reads; newcomer s12 #15). Absent: cannedReplies(). */
  cannedRepliesFile?(token: string): Promise<{ replies: CannedReply[]; fileProblem: string | null }>;
  saveCannedReplies(token: string, replies: CannedReply[]): Promise<CannedReply[]>;
  tickets(token: string, page?: { limit?: number; offset?: number } & TicketFilter): Promise<Page & { tickets: TicketRow[] }>;
  ticket(token: string, id: string): Promise<{ ticket: TicketRow; transcript: TranscriptEntry[]; assignable?: Array<{ id: string; name: string }> }>;
  /** Marks a ticket done / open again and/or assigns it (null: nobody). */
  updateTicket(token: string, id: string, change: { status?: 'open' | 'done'; assignee?: string | null }): Promise<TicketRow>;
  csat(
    token: string,
    page?: { limit?: number; offset?: number },
  ): Promise<
    Page & {
      average: number | null;
      /** Per agent who last held the rated chat (agentId null: the bot alone); absent from an older server. */
      byAgent?: CsatByAgent[];
      scores: Array<{ id: string; conversationId: string; flowId: string; at: number; score: number | null; agentId?: string | null; agentName?: string | null }>;
    }
  >;
}

/** "body.email" -> "email"; "params.id" -> "id"; "body" -> "". */
export function fieldName(path: string | undefined): string {
  if (!path) return '';
  return path.replace(/^(body|params|querystring)(\.|$)/, '');
}

/** The issues named by a server error body `{error, message, field?, issues?}`. */
export function issuesOf(body: { message?: string; field?: string; issues?: Array<{ field?: string; message?: string }> }): FieldIssue[] {
  if (Array.isArray(body.issues) && body.issues.length) {
    return body.issues.map((i) => ({ field: fieldName(i.field), message: i.message ?? 'invalid' }));
  }
  if (body.field) {
    // The message often starts with its own path ("replies.1.shortcut: ..."): keep only the sentence.
    const f = fieldName(body.field);
    const msg = (body.message ?? 'invalid').replace(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\s*`), '');
    return [{ field: f, message: msg }];
  }
  return [];
}

/** A random static token (URL-safe, 32 bytes of entropy) for "Reset token". */
export function newToken(rand: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const bytes = rand(32);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return 'bt_' + btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function createAdminApi(d: { baseUrl: string; fetch?: typeof fetch }): AdminApi {
  const f = d.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const enc = encodeURIComponent;

  async function call<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await f(d.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new AdminError('No connection to the server. Check that the runtime is running, then try again.', 0, 'network');
    }
    if (res.status === 204) return undefined as T;
    const out = (await res.json().catch(() => ({}))) as { error?: string; message?: string; field?: string; issues?: Array<{ field?: string; message?: string }> };
    if (!res.ok) throw new AdminError(out.message ?? `The server answered ${res.status}.`, res.status, out.error ?? 'error', issuesOf(out));
    return out as T;
  }

  /** The canned replies' revision from the last GET or PUT (undefined: not read yet, or an older server). */

  return {
    agents: async (token) => (await call<{ agents: AdminAgent[] }>(token, 'GET', '/api/v1/agent/agents')).agents,
    agentsFile: async (token) => {
      const out = await call<{ agents: AdminAgent[]; fileProblem?: string }>(token, 'GET', '/api/v1/agent/agents');
      return { agents: out.agents, fileProblem: typeof out.fileProblem === 'string' ? out.fileProblem : null };
    },
    saveAgent: (token, id, agent, revision) => call(token, 'PUT', `/api/v1/agent/agents/${enc(id)}${revision === undefined ? '' : `?revision=${revision}`}`, agent),
    removeAgent: (token, id, revision) => call(token, 'DELETE', `/api/v1/agent/agents/${enc(id)}${revision === undefined ? '' : `?revision=${revision}`}`),
    ...cannedRepliesClient<CannedReply>(call),
    tickets: (token, page = {}) =>
      call(
        token,
        'GET',
        `/api/v1/agent/tickets?limit=${page.limit ?? 50}&offset=${page.offset ?? 0}${page.status ? `&status=${page.status}` : ''}${page.assignee ? `&assignee=${enc(page.assignee)}` : ''}`,
      ),
    ticket: (token, id) => call(token, 'GET', `/api/v1/agent/tickets/${enc(id)}`),
    updateTicket: async (token, id, change) => (await call<{ ticket: TicketRow }>(token, 'PATCH', `/api/v1/agent/tickets/${enc(id)}`, change)).ticket,
    csat: (token, page = {}) => call(token, 'GET', `/api/v1/agent/csat?limit=${page.limit ?? 50}&offset=${page.offset ?? 0}`),
  };
}
