/**
 * The inbox's client for the agent API (runtime/agents/agentRoutes.ts): JSON calls with the agent's bearer
 * token, errors turned into `InboxError` with the server's sentence, and the agent push channel (SSE) that
 * resumes from the last event id after a drop.
 */
import type { CustomerPage } from '../../shared/handoff/customerPage';
import { cannedRepliesClient } from './cannedRepliesClient';

export type View = 'unassigned' | 'mine' | 'all' | 'closed';
export type Presence = 'online' | 'busy' | 'offline';

export interface AgentInfo {
  id: string;
  name: string;
  email: string;
  teams: string[];
  admin: boolean;
  status?: Presence;
  activeChats?: number;
}

/**
 * The customer's chat page (runtime/agents/customerPresence.ts; the type: shared/handoff/customerPage.ts): open = its
 * push channel is connected now, since `at`; closed at `at`; `closedAt` when it came back after closing; `activeAt`
 * closed but still using the chat API; `beforeRestart` not seen since a restart. null/absent: not known (no page seen
 * since the server started, or an older runtime).
 */
export type { CustomerPage };

export interface HandoffRow {
  id: string;
  conversationId: string;
  flowId: string;
  status: string;
  priority: string;
  reason: string;
  summary: string;
  assignation: string;
  teams: string[];
  agentId: string | null;
  agentName: string | null;
  /** The customer's name, else email, else "Visitor abc123" (older runtimes: absent). */
  customer?: string;
  customerPage?: CustomerPage | null;
  /** A resolved handoff: handed back to the bot (the conversation goes on) or closed by the agent; null/absent: not known. */
  endedAs?: 'handback' | 'closed' | 'withdrawn' | null;
  /** Closed list, a hand back: its conversation has ended since (the bot closed it); absent from older runtimes. */
  conversationEnded?: boolean;
  requestedAt: number;
  updatedAt: number;
  deadline: number | null;
  /** Open chats: the last message (not a status line); absent from older runtimes. */
  lastMessage?: { from: string; text: string; at: number; /** An agent's message: their name (newer runtimes). */ name?: string } | null;
  /** Open chats: since when the customer waits for a reply (their first message after the last agent message); null: not waiting. */
  waitingSince?: number | null;
  /** Open chats: whether an agent has written since it was handed to a person (newcomer s29 N11); absent from older runtimes. */
  answered?: boolean;
  /** Assigned chats: false while automatic assignment gave it and its agent has not opened it yet; absent from older runtimes. */
  joined?: boolean | null;
  /** Assigned chats: its agent held it before it went back to the queue while she was away (newcomer s29 N11). */
  heldBefore?: boolean;
  /**
   * Waiting chats put back from an agent (newcomer s35 #4): who had it, why (not opened / not answered in time, away
   * too long, a transfer, or `other`: went offline, signed out, declined; the note says), when; absent from older runtimes.
   */
  putBack?: { byId: string; why: 'not_opened' | 'not_answered' | 'away' | 'transfer' | 'other'; note: string; at: number } | null;
  /** Its last transfer by an agent (who, their note), while nobody else moved it since; absent from older runtimes. */
  transfer?: { byId: string; by: string; note: string; at: number } | null;
  /** Waiting chats: the place in the queue and the expected wait its customer is told (newcomer s11 #9). */
  queue?: { position: number; wait: string } | null;
  /** Since when it waits in the queue (requested, or put back). */
  queuedSince?: number;
  /** Resolved chats: the rating the customer gave after it (newcomer s11 #23); null: none (yet). */
  rating?: { score: number; at: number } | null;
}

export interface Entry {
  id: string;
  seq: number;
  from: 'bot' | 'customer' | 'agent' | 'system';
  text: string;
  buttons?: Array<{ id: string; label: string }>;
  name?: string;
  at: number;
  /** handoff.transfer (session 46, inbox11): this line is a transfer by an agent (who, to whom); absent from older runtimes. */
  /** `from` (session 47, hostile s47 L2): an admin took the chat from this agent (`by` is the admin). */
  status?: { mode: string; handoff?: { id: string; status: string; reason: string; transfer?: { by: string; to: string; from?: string } } };
  /** The customer's answer to a rating question, hidden from this (plain) agent: a colleague held the chat (its text is ''; newcomer s14 N#12). */
  ratingHidden?: true;
  /** An agent's message in which a card number, password or PIN was masked (kinds: 'card', 'password', 'pin'; newcomer s17 N#7). */
  secretsHidden?: string[];
}

export interface Note {
  id?: string;
  agentId?: string;
  agentName?: string;
  text: string;
  at: number;
  /** Kinds of secret masked in this note (newcomer s17 N#7). */
  secretsHidden?: string[];
}

/** The answer to a message or note the agent sent: what went out (masked) and what was hidden from it (hostile s16 H#2). */
export interface SayAnswer {
  messages?: Array<{ text?: unknown }>;
  note?: Note;
  /** The kinds masked ('card', 'password', 'pin'); absent when the text went out as typed. */
  secretsHidden?: string[];
}

export interface SignalInfo {
  reason: string;
  score: number;
  threshold: number;
  evidence: string[];
  explanation: string;
}

export interface HandoffDetail {
  handoff: HandoffRow;
  context: {
    reason: string;
    signals: SignalInfo[];
    intents: Array<{ intent?: string; name?: string; confidence?: number; score?: number }>;
    entities: Array<{ type: string; value: string; text?: string }>;
    summary: string;
    suggestedResolution: string;
  } | null;
  conversation: { id: string; flowId: string; mode: string; createdAt: number; lastSeq: number } | null;
  variables: Record<string, unknown>;
  /**
   * Session 47 (apisec2): where the chat's starting details came from. `subject`: the website's id of the visitor when a
   * signed identity token came with the chat; `signed`: the values the site signed; `unsigned`: what the page passed
   * without a signature (the visitor's word). Null/absent: the page passed nothing. See `trustOf`.
   */
  visitor?: { subject: string | null; signed: Record<string, unknown>; unsigned: Record<string, unknown> } | null;
  transcript: Entry[];
  notes: Note[];
  alsoViewing: string[];
  /** Where the bot picks up after a handback (a Question: its text and variable); null/absent when unknown. */
  resumesAt?: { blockId: string; kind: string; question: { text: string; variable: string; skipIfKnown: boolean } | null } | null;
}

/** A live conversation the bot handles alone (GET /api/v1/agent/conversations?mode=bot, runtime/agents/agentLiveList.ts). */
export interface LiveRow {
  id: string;
  flowId: string;
  startedAt: number;
  lastActivityAt: number;
  lastMessage: { from: Entry['from']; text: string; at: number } | null;
  currentBlock: { id: string; kind: string; label: string | null } | null;
  turns: number;
  customerPage?: CustomerPage | null;
  /** The customer's name or email when the bot knows them (older runtimes: absent). */
  visitor?: string | null;
}

export interface LivePage {
  total: number;
  offset: number;
  limit: number;
  nextOffset: number | null;
  conversations: LiveRow[];
}

/** A canned reply shared by all agents (GET/PUT /api/v1/agent/canned-replies); `/shortcut` finds it in the composer. */
export interface CannedReply {
  shortcut: string;
  text: string;
}

export class InboxError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface AgentEventHandlers {
  onEvent(type: string, data: unknown): void;
  onLink(state: 'live' | 'reconnecting'): void;
}

export interface InboxApi {
  signIn(login: string, password: string): Promise<{ token: string; agent: AgentInfo }>;
  /** `requeue`: every chat this agent holds goes back to the queue now (the agent chose to give them back). */
  signOut(token: string, o?: { requeue?: boolean }): Promise<void>;
  /** offlineChosen: the agent chose offline (on any device); an inbox that loads leaves them offline. */
  me(token: string): Promise<{ agent: AgentInfo; status: Presence; activeChats: number; offlineChosen?: boolean }>;
  agents(token: string): Promise<AgentInfo[]>;
  /** `requeue` (with offline): every chat this agent holds goes back to the queue now (asked first by the inbox). */
  setPresence(token: string, status: Presence, o?: { requeue?: boolean }): Promise<Presence>;
  list(token: string, view: View): Promise<{ counts: Record<View, number>; handoffs: HandoffRow[] }>;
  /**
   * Chats (open and closed) whose customer name or email, ticket number, id or transcript text holds `q` (newcomer s9
   * #29), newest first; each row says where it matched. Absent (older clients, test doubles): no search box.
   */
  search?(token: string, q: string): Promise<{ handoffs: Array<HandoffRow & { match?: { in: string; text: string } }> }>;
  /**
   * Reading a chat's detail is opening it (a chat given to this agent automatically: the customer is told she joined);
   * `peek`: a look in the background that is not (newcomer s28 N6).
   */
  detail(token: string, id: string, o?: { peek?: boolean }): Promise<HandoffDetail>;
  act(token: string, id: string, action: 'accept' | 'handback' | 'resolve' | 'reject' | 'typing' | 'unview', body?: unknown): Promise<unknown>;
  say(token: string, id: string, text: string, isPrivate: boolean): Promise<SayAnswer | void>;
  /** `note`: for the colleague (their toast, and the timeline as a private note). */
  transfer(token: string, id: string, to: ({ agentId: string } | { team: string }) & { note?: string }): Promise<unknown>;
  setVariables(token: string, conversationId: string, variables: Record<string, unknown>): Promise<Record<string, unknown>>;
  events(token: string, h: AgentEventHandlers): () => void;
  /** Live bot conversations this agent may take over (optional: the inbox shows the "Live" view only when present). */
  live?(token: string, page?: { limit?: number; offset?: number }): Promise<LivePage>;
  /** Takes a live bot conversation over; the answer's handoff is then in the agent's "Mine" view. */
  takeover?(token: string, conversationId: string): Promise<{ ok: boolean; mode: string; handoff: HandoffRow | null }>;
  /** The last messages of a live bot conversation (to read before taking it over). */
  liveTranscript?(token: string, conversationId: string): Promise<Array<{ seq: number; from: Entry['from']; text: string; at: number }>>;
  /** A handoff's whole conversation as a file (GET /api/v1/agent/handoffs/:id/transcript?format=); optional. */
  transcriptFile?(token: string, handoffId: string, format: 'text' | 'csv' | 'json' | 'jsonl'): Promise<{ blob: Blob; name: string }>;
  /** The team's canned replies (optional: the composer falls back to none when absent). */
  cannedReplies?(token: string): Promise<CannedReply[]>;
  /** Replaces the canned replies (admin only; 403 otherwise). */
  saveCannedReplies?(token: string, replies: CannedReply[]): Promise<CannedReply[]>;
}

/** The delay before reopening the inbox's lost push channel, by attempt: 2, 4, 8 s, then every 10 s (newcomer s39 N29). */
export function inboxReconnectDelay(attempt: number): number {
  return Math.min(2000 * 2 ** Math.max(0, attempt), 10_000);
}

export function createInboxApi(d: { baseUrl: string; fetch?: typeof fetch; EventSource?: typeof EventSource }): InboxApi {
  const f = d.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const ES = d.EventSource ?? (typeof EventSource === 'undefined' ? undefined : EventSource);

  async function call<T>(token: string | null, method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await f(d.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new InboxError('No connection to the server. Check that the runtime is running, then try again.', 0, 'network');
    }
    const out = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
    if (!res.ok) throw new InboxError(out.message ?? `The server answered ${res.status}.`, res.status, out.error ?? 'error');
    return out as T;
  }
  const enc = encodeURIComponent;

  /** The canned replies' revision from the last GET or PUT (undefined: not read yet, or an older server). */

  return {
    signIn: (login, password) => call('', 'POST', '/api/v1/agent/session', { login, password }),
    signOut: async (token, o) => void (await call(token, 'DELETE', `/api/v1/agent/session${o?.requeue ? '?chats=requeue' : ''}`).catch(() => undefined)),
    me: (token) => call(token, 'GET', '/api/v1/agent/me'),
    agents: async (token) => (await call<{ agents: AgentInfo[] }>(token, 'GET', '/api/v1/agent/agents')).agents,
    setPresence: async (token, status, o) => (await call<{ status: Presence }>(token, 'POST', '/api/v1/agent/presence', o?.requeue ? { status, chats: 'requeue' } : { status })).status,
    list: (token, view) => call(token, 'GET', `/api/v1/agent/handoffs?view=${view}`),
    search: (token, q) => call(token, 'GET', `/api/v1/agent/search?q=${enc(q)}`),
    detail: (token, id, o) => call(token, 'GET', `/api/v1/agent/handoffs/${enc(id)}${o?.peek ? '?peek=true' : ''}`),
    act: (token, id, action, body) => call(token, 'POST', `/api/v1/agent/handoffs/${enc(id)}/${action}`, body),
    say: (token, id, text, isPrivate) => call<SayAnswer>(token, 'POST', `/api/v1/agent/handoffs/${enc(id)}/messages`, { text, private: isPrivate }),
    transfer: (token, id, to) => call(token, 'POST', `/api/v1/agent/handoffs/${enc(id)}/transfer`, to),
    live: (token, page = {}) => call(token, 'GET', `/api/v1/agent/conversations?mode=bot&limit=${page.limit ?? 50}&offset=${page.offset ?? 0}`),
    takeover: (token, conversationId) => call(token, 'POST', `/api/v1/agent/conversations/${enc(conversationId)}/takeover`),
    liveTranscript: async (token, conversationId) =>
      (await call<{ messages: Array<{ seq: number; from: Entry['from']; text: string; at: number }> }>(token, 'GET', `/api/v1/agent/conversations/${enc(conversationId)}/transcript`)).messages,
    async transcriptFile(token, handoffId, format) {
      let res: Response;
      try {
        res = await f(`${d.baseUrl}/api/v1/agent/handoffs/${enc(handoffId)}/transcript?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
      } catch {
        throw new InboxError('No connection to the server. Check that the runtime is running, then try again.', 0, 'network');
      }
      if (!res.ok) {
        const out = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
        throw new InboxError(out.message ?? `The server answered ${res.status}.`, res.status, out.error ?? 'error');
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `transcript.${format === 'text' ? 'txt' : format}`;
      return { blob: await res.blob(), name };
    },
    ...cannedRepliesClient<CannedReply>(call),
    setVariables: async (token, conversationId, variables) =>
      (await call<{ variables: Record<string, unknown> }>(token, 'PATCH', `/api/v1/agent/conversations/${enc(conversationId)}/variables`, { variables })).variables,
    events(token, h) {
      if (!ES) return () => undefined;
      let closed = false;
      let source: EventSource | null = null;
      let lastId = '';
      let timer: ReturnType<typeof setTimeout> | null = null;
      /** Waits since a stream was last open, and errors since then (the browser's own retries included). */
      let attempt = 0;
      let failures = 0;
      const types = ['handoff', 'message', 'typing', 'viewing', 'note', 'presence', 'ticket', 'customer_page', 'reset', 'signed_out'];
      const open = () => {
        if (closed) return;
        const es = new ES(`${d.baseUrl}/api/v1/agent/events?token=${enc(token)}${lastId ? `&after=${enc(lastId)}` : ''}`);
        source = es;
        es.onopen = () => {
          attempt = 0;
          failures = 0;
          h.onLink('live');
        };
        for (const t of types)
          es.addEventListener(t, (ev) => {
            const m = ev as MessageEvent;
            if (m.lastEventId) lastId = m.lastEventId;
            try {
              h.onEvent(t, JSON.parse(m.data));
            } catch {
              /* skip a broken event */
            }
          });
        es.onerror = () => {
          if (closed) return;
          h.onLink('reconnecting');
          // Newcomer s39 N29: with the server down the browser retried every 2 s (the server's `retry:`) for as long as
          // the inbox stayed open, a console error each time. One retry of its own (a restart is back within it); then
          // we close the stream and reopen it after 2, 4, 8 s, then every 10 s.
          failures++;
          if (es.readyState === 2 || failures >= 2) {
            es.close();
            // A refused stream (EventSource does not show the status): a 401 means the session is gone, say so once
            // instead of retrying forever. While the server cannot be reached only this check is retried (one request
            // per wait, not the stream too); once it answers the stream reopens at once.
            let unreachable = false;
            const check = () => {
              if (closed) return;
              const wait = inboxReconnectDelay(attempt++);
              void call(token, 'GET', '/api/v1/agent/me').then(
                () => {
                  if (closed) return;
                  if (unreachable) open();
                  else timer = setTimeout(open, wait);
                },
                (err) => {
                  if (closed) return;
                  if (err instanceof InboxError && err.status === 401) h.onEvent('signed_out', { reason: err.message });
                  else {
                    unreachable = unreachable || (err instanceof InboxError && err.status === 0);
                    timer = setTimeout(unreachable ? check : open, wait);
                  }
                },
              );
            };
            check();
          }
        };
      };
      open();
      return () => {
        closed = true;
        if (timer) clearTimeout(timer);
        source?.close();
      };
    },
  };
}

/**
 * Session 47 (apisec2): a variable is Verified while it holds the value the website signed, Unverified while it holds
 * what the page passed unsigned; a value changed since (the customer's answer, an agent's edit) is neither.
 */
export function trustOf(visitor: HandoffDetail['visitor'], variables: Record<string, unknown>, name: string): 'verified' | 'unverified' | null {
  if (!visitor || !Object.hasOwn(variables, name)) return null;
  const v = variables[name];
  if (v === null || v === undefined) return null;
  if (Object.hasOwn(visitor.signed, name) && visitor.signed[name] === v) return 'verified';
  if (Object.hasOwn(visitor.unsigned, name) && visitor.unsigned[name] === v) return 'unverified';
  return null;
}
