import type { Identity } from './identity';

/**
 * The widget's connection to the runtime's customer API: start or resume a conversation (the id and token
 * are kept in localStorage, so a page reload continues the same chat), send text or a button choice, and a
 * push channel (Server-Sent Events) that resumes after a network drop from the last seq it saw: nothing
 * missed, nothing shown twice (entries are merged by seq).
 */

export interface ChatEntry {
  id: string;
  seq: number;
  from: 'bot' | 'customer' | 'agent' | 'system';
  text: string;
  buttons?: Array<{ id: string; label: string }>;
  name?: string;
  at: number;
  /** `handoff.joined`: false while an automatically assigned agent has not opened the chat yet (newcomer s28 N6). */
  status?: { mode: string; handoff?: { id: string; status: string; reason: string; joined?: boolean; ended?: 'handback' | 'closed' } };
}

export interface ChatSession {
  conversationId: string;
  token: string;
}

export interface ChatSnapshot {
  mode: string;
  messages: ChatEntry[];
  lastSeq: number;
}

export type LinkState = 'connecting' | 'live' | 'reconnecting';

/** What the page says about itself (ChatClient.page). */
export type PageState = 'background' | 'foreground' | 'closing';

export interface ChatClientDeps {
  baseUrl: string;
  /** localStorage, or a stand-in with the same three methods (tests, browsers that block storage). */
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void };
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
  /** Delay before a manual reconnect, by attempt (ms). */
  backoff?: (attempt: number) => number;
}

/**
 * What the push channel says about the agent side besides messages: `typing` (the agent holding the chat is typing;
 * show it for a few seconds or until their message arrives) and `agent` (who holds the chat now; null = nobody).
 */
export type AgentSignal = { type: 'typing'; name: string } | { type: 'agent'; name: string | null };

export class ChatError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    /** The request field the server named (`variables.cartValue`, `identityToken`), when it named one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** `identity` without the one detail a 400 named (`variables.X`, `profile.email`, `identityToken`); null when it names none of them. */
export function withoutField(identity: Identity, field: string | undefined): Identity | null {
  if (!field) return null;
  const f = field.replace(/^body\./, '');
  if (f === 'identityToken' || f.startsWith('identityToken.')) {
    if (!identity.identityToken) return null;
    const { identityToken: _t, ...rest } = identity;
    return rest;
  }
  const m = /^(variables|profile)\.(.+)$/.exec(f);
  if (!m) return null;
  const part = identity[m[1] as 'variables' | 'profile'] as Record<string, unknown> | undefined;
  if (!part || !Object.hasOwn(part, m[2])) return null;
  const { [m[2]]: _gone, ...kept } = part;
  const out: Identity = { ...identity };
  if (Object.keys(kept).length > 0) (out as Record<string, unknown>)[m[1]] = kept;
  else delete (out as Record<string, unknown>)[m[1]];
  return out;
}

/**
 * Who the visitor is for a chat about to be created: the identity itself, or a function giving it (session 49: read
 * only when a conversation is really created, not on a resume, so the page's identityToken function is called once
 * per chat started).
 */
export type IdentitySource = Identity | (() => Promise<Identity | undefined>);

export interface ChatClient {
  /**
   * Resumes the stored conversation of this flow (an ended one too: it is shown with "Start a new chat"), or starts a new
   * one, with `identity` (who the visitor is, from the host page) as the create call's variables/profile.
   */
  start(flowId: string, identity?: IdentitySource): Promise<ChatSession & ChatSnapshot & { resumed: boolean }>;
  /** Resumes the stored conversation of this flow; null when there is none (nothing is created). */
  resume?(flowId: string): Promise<(ChatSession & ChatSnapshot & { resumed: boolean }) | null>;
  /** Forgets the stored conversation and starts again. */
  restart(flowId: string, identity?: IdentitySource): Promise<ChatSession & ChatSnapshot & { resumed: boolean }>;
  /** `idempotencyKey`: the same key on a retry makes the server answer the first send again instead of taking it twice. */
  send(session: ChatSession, body: { text: string } | { choice: string }, idempotencyKey?: string): Promise<ChatSnapshot>;
  catchUp(session: ChatSession, after: number): Promise<ChatSnapshot>;
  /**
   * The customer leaves this conversation (before starting a new one): a handoff waiting or in progress is cancelled
   * on the server, so no agent answers a customer who is gone. Optional: a client without it just starts anew.
   */
  leave?(session: ChatSession): Promise<void>;
  /** Tells the agent holding the chat that the customer is typing (best effort). */
  typing(session: ChatSession): Promise<void>;
  /**
   * Session 38: tells the server the page went to the `background` (hidden, frozen, back-forward cache: a phone may
   * then close the push channel without the customer leaving), came back to the `foreground`, or is `closing` for good.
   * Best effort, sent with keepalive so it leaves while the page is being hidden or unloaded. Optional.
   */
  page?(session: ChatSession, state: PageState): Promise<void>;
  /** Opens the push channel (messages, and the agent side's typing/holder signals); returns a function that closes it. */
  listen(session: ChatSession, after: () => number, onEntry: (e: ChatEntry) => void, onLink: (s: LinkState) => void, onSignal?: (s: AgentSignal) => void): () => void;
}

const key = (flowId: string) => `baton.widget.${flowId}`;

/** The delay before reopening a lost push channel, by attempt: 1, 2, 4, 8 s, then every 10 s (newcomer s39 N29). */
export function reconnectDelay(attempt: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempt), 10_000);
}

export function createChatClient(d: ChatClientDeps): ChatClient {
  const f = d.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const ES = d.EventSource ?? (typeof EventSource === 'undefined' ? undefined : EventSource);
  const backoff = d.backoff ?? reconnectDelay;

  async function call<T>(path: string, init: RequestInit & { token?: string; idempotencyKey?: string } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.body) headers['content-type'] = 'application/json';
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.idempotencyKey) headers['idempotency-key'] = init.idempotencyKey;
    let res: Response;
    try {
      res = await f(d.baseUrl + path, { ...init, headers });
    } catch {
      throw new ChatError('No connection to the chat server. Check your internet connection and try again.', 0, 'network');
    }
    const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string; field?: string };
    if (!res.ok) throw new ChatError(body.message ?? `The chat server answered ${res.status}.`, res.status, body.error ?? 'error', typeof body.field === 'string' ? body.field : undefined);
    return body as T;
  }

  async function create(flowId: string, source?: IdentitySource) {
    const identity = typeof source === 'function' ? await source() : source;
    const post = (body: object) =>
      call<{ conversationId: string; token: string; mode: string; messages: ChatEntry[] }>(`/api/v1/flows/${encodeURIComponent(flowId)}/conversations`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
    let r: Awaited<ReturnType<typeof post>> | undefined;
    // The server refused what the page said about the visitor (a variable the flow does not take, an email it does not
    // accept, an identity token that does not verify): the chat starts without the detail it named (session 47: only
    // that one, so a refused cartValue does not also lose the visitor's name), and the site's developer reads why in the
    // console. A refusal that names no detail: the chat starts without any.
    let body: Identity = identity ?? {};
    for (let attempt = 0; !r; attempt++) {
      try {
        r = await post(body);
      } catch (err) {
        if (!identity || !(err instanceof ChatError) || err.status !== 400 || Object.keys(body).length === 0) throw err;
        const next = attempt < 5 ? withoutField(body, err.field) : null;
        console.warn(`Baton chat widget: ${next ? 'a visitor detail was' : 'the visitor details were'} refused (${err.message}); the chat starts without ${next ? 'it' : 'them'}.`);
        body = next ?? {};
      }
    }
    d.storage.setItem(key(flowId), JSON.stringify({ conversationId: r.conversationId, token: r.token }));
    const lastSeq = r.messages.reduce((m, e) => Math.max(m, e.seq), 0);
    return { conversationId: r.conversationId, token: r.token, mode: r.mode, messages: r.messages, lastSeq, resumed: false };
  }

  // A NUL or a newline in a tampered token makes fetch throw before any request: treat it like a refused value.
  const usable = (x: string) => x.length > 0 && x.length <= 500 && !/[\u0000-\u001f\u007f]/.test(x);

  /**
   * One request of a kind per flow at a time: a second start (React StrictMode runs a mount effect twice in
   * development builds; a double click on "Start a new conversation") made while the first is in flight gets the
   * first one's answer instead of creating another conversation.
   */
  const inFlight = new Map<string, Promise<unknown>>();
  function once<T>(kind: string, flowId: string, run: () => Promise<T>): Promise<T> {
    const k = `${kind}\u0000${flowId}`;
    const running = inFlight.get(k) as Promise<T> | undefined;
    if (running) return running;
    const p = run().finally(() => inFlight.delete(k));
    inFlight.set(k, p);
    return p;
  }

  /** The stored conversation of this flow if the server still has it (open or ended); null (and forgotten) otherwise. */
  async function resumeStored(flowId: string): Promise<(ChatSession & ChatSnapshot & { resumed: boolean }) | null> {
    let stored: ChatSession | null = null;
    try {
      const raw = d.storage.getItem(key(flowId));
      const p = raw ? (JSON.parse(raw) as Partial<ChatSession>) : null;
      if (p && typeof p.conversationId === 'string' && typeof p.token === 'string' && usable(p.conversationId) && usable(p.token)) stored = { conversationId: p.conversationId, token: p.token };
    } catch {
      stored = null;
    }
    if (stored) {
      try {
        // An ended conversation is resumed too (newcomer s7 #1): a reload after "This conversation has ended." shows
        // the chat as it was (the agent's last answer, a tracking number) with "Start a new chat"; a new
        // conversation starts only when the customer asks for it (restart), never by itself on a reload.
        const snap = await client.catchUp(stored, 0);
        return { ...stored, ...snap, resumed: true };
      } catch (err) {
        // A conversation the server no longer knows (pruned, other data folder) or a stored value it refuses
        // (tampered, too long): any 4xx but "slow down" forgets it and starts a new one, instead of a dead end.
        if (!(err instanceof ChatError) || err.status < 400 || err.status >= 500 || err.status === 429) throw err;
      }
      d.storage.removeItem(key(flowId));
    }
    return null;
  }

  const client: ChatClient = {
    start(flowId, identity) {
      return once('start', flowId, async () => (await client.resume!(flowId)) ?? create(flowId, identity));
    },
    resume(flowId) {
      return once('resume', flowId, () => resumeStored(flowId));
    },
    restart(flowId, identity) {
      return once('restart', flowId, () => {
        d.storage.removeItem(key(flowId));
        return create(flowId, identity);
      });
    },
    async send(s, body, idempotencyKey) {
      return call<ChatSnapshot>(`/api/v1/conversations/${encodeURIComponent(s.conversationId)}/messages`, { method: 'POST', body: JSON.stringify(body), token: s.token, idempotencyKey });
    },
    async catchUp(s, after) {
      return call<ChatSnapshot>(`/api/v1/conversations/${encodeURIComponent(s.conversationId)}?after=${after}`, { token: s.token });
    },
    async leave(s) {
      await call(`/api/v1/conversations/${encodeURIComponent(s.conversationId)}/leave`, { method: 'POST', body: '{}', token: s.token });
    },
    async page(s, state) {
      await call(`/api/v1/conversations/${encodeURIComponent(s.conversationId)}/page`, { method: 'POST', body: JSON.stringify({ state }), token: s.token, keepalive: true }).catch(() => undefined);
    },
    async typing(s) {
      await call(`/api/v1/conversations/${encodeURIComponent(s.conversationId)}/typing`, { method: 'POST', body: '{}', token: s.token }).catch(() => undefined);
    },
    listen(s, after, onEntry, onLink, onSignal) {
      if (!ES) return () => undefined;
      let closed = false;
      let source: EventSource | null = null;
      let attempt = 0;
      /** Errors since a stream was last open (the browser's own retries included; our reopens do not reset it). */
      let failures = 0;
      let timer: ReturnType<typeof setTimeout> | null = null;
      const open = () => {
        if (closed) return;
        onLink(attempt === 0 ? 'connecting' : 'reconnecting');
        const url = `${d.baseUrl}/api/v1/conversations/${encodeURIComponent(s.conversationId)}/events?token=${encodeURIComponent(s.token)}&after=${after()}`;
        const es = new ES(url);
        source = es;
        es.onopen = () => {
          attempt = 0;
          failures = 0;
          onLink('live');
        };
        es.addEventListener('message', (ev) => {
          try {
            onEntry(JSON.parse((ev as MessageEvent).data) as ChatEntry);
          } catch {
            /* a broken event is skipped; the next catch-up fills the gap */
          }
        });
        // Agent-side signals (id-less frames: they never move the resume point).
        es.addEventListener('typing', (ev) => {
          const name = parseName((ev as MessageEvent).data);
          if (typeof name === 'string') onSignal?.({ type: 'typing', name });
        });
        es.addEventListener('agent', (ev) => {
          const name = parseName((ev as MessageEvent).data);
          if (name !== undefined) onSignal?.({ type: 'agent', name });
        });
        es.onerror = () => {
          if (closed) return;
          // The browser retries by itself (sending Last-Event-ID) unless the stream is closed for good; then we
          // reopen ourselves from the last seq we have, with a growing delay.
          onLink('reconnecting');
          // Newcomer s39 N29: with the server down the browser retried every 2 s (the server's `retry:`) for as long as
          // the page stayed open, a console error each time. One retry of its own (a restart is back within it); then
          // we close the stream and reopen it with the growing, capped delay.
          failures++;
          if (es.readyState === 2 || failures >= 2) {
            es.close();
            timer = setTimeout(open, backoff(attempt++));
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
  return client;
}

/** The `name` of a signal frame: a string, null, or undefined when the frame is broken (it is then skipped). */
function parseName(raw: unknown): string | null | undefined {
  try {
    const name = (JSON.parse(String(raw)) as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? name.slice(0, 200) : name === null ? null : undefined;
  } catch {
    return undefined;
  }
}

/** Merges entries by seq (a live event and a POST answer can carry the same entry). */
export function mergeEntries(list: ChatEntry[], more: ChatEntry[]): ChatEntry[] {
  if (more.length === 0) return list;
  const bySeq = new Map(list.map((e) => [e.seq, e]));
  let changed = false;
  for (const e of more) {
    if (typeof e?.seq !== 'number' || bySeq.has(e.seq)) continue;
    bySeq.set(e.seq, e);
    changed = true;
  }
  return changed ? [...bySeq.values()].sort((a, b) => a.seq - b.seq) : list;
}
