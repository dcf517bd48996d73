/**
 * Agent-side signals for the customer's push channel (GET /api/v1/conversations/:id/events), so the widget needs no
 * polling: `typing` ({name}: the agent holding the chat is typing; the widget shows it for a few seconds or until the
 * agent's message arrives) and `agent` ({name | null}: who holds the chat now, sent when a stream opens and whenever
 * the holder changes, e.g. after a transfer, before the new agent writes).
 *
 * Fed by the AgentHub's events, which cross instances with --redis like the other agent push events (typing through
 * the shared pub/sub channel, holder changes through each instance's handoff refresh). One hub listener serves every
 * open customer stream (a map by conversation id), so 10,000 idle widgets cost one lookup per hub event.
 * The frames carry no SSE `id`, so the stream's Last-Event-ID stays the last message seq (resumption unchanged).
 */
import type { Handoff } from '../../shared/handoff/types';
import type { AgentEvent, AgentHub } from './agentHub';
import { customerPresenceOf } from './customerPresence';

export type CustomerSignal = { event: 'typing'; data: { name: string } } | { event: 'agent'; data: { name: string | null } };

/** What buildServer's customer push route needs (ServerOptions.customerSignals). */
export interface CustomerSignals {
  /**
   * Calls `send` with this conversation's signals until the returned function is called. `stream.page` false: an API
   * client's stream (session 37; see buildServer's push route), which tells that the customer is there while it is
   * open, not that a page opened or closed; `createdAt` as for active().
   */
  subscribe(conversationId: string, send: (s: CustomerSignal) => void, stream?: { page: boolean; createdAt?: number }): () => void;
  /**
   * The customer called the customer API of this conversation (read it, sent a message; `createdAt`: when the
   * conversation began, when known): they are there without an open stream (customerPresence.active).
   */
  active(conversationId: string, createdAt?: number): void;
}

/** The data of a hub `typing` event that is meant for the customer (agentRoutes' typing action sets these). */
export interface AgentTypingData {
  handoffId: string;
  agentId: string;
  name: string;
  at: number;
  /** Set when the typing agent holds the chat: only then the customer is told. */
  conversationId?: string;
  toCustomer?: boolean;
}

export function customerSignals(hub: Pick<AgentHub, 'listen' | 'handoffList' | 'shared' | 'deps'>): CustomerSignals {
  // The stream's life is the customer's presence (its page open or not) for the agents: runtime/agents/customerPresence.ts.
  const presence = customerPresenceOf(hub);
  const byConversation = new Map<string, Set<(s: CustomerSignal) => void>>();
  /** conversationId -> the holder name last told to its streams (to send `agent` only on a change). */
  const lastHolder = new Map<string, string | null>();
  let off: (() => void) | null = null;

  const holderOf = (conversationId: string): string | null => {
    const h = hub.handoffList().find((x) => x.conversationId === conversationId && x.status === 'assigned');
    return ((h?.handoff as Handoff | null)?.agentName ?? null) || null;
  };

  const tell = (conversationId: string, s: CustomerSignal) => {
    for (const fn of byConversation.get(conversationId) ?? []) fn(s);
  };

  const onHub = (e: AgentEvent) => {
    if (e.type === 'typing') {
      const t = e.data as Partial<AgentTypingData> & { from?: string };
      if (!t.toCustomer || t.from === 'customer' || typeof t.conversationId !== 'string' || typeof t.name !== 'string') return;
      if (!byConversation.has(t.conversationId)) return;
      tell(t.conversationId, { event: 'typing', data: { name: t.name } });
      return;
    }
    if (e.type === 'handoff') {
      const h = (e.data as { handoff?: { conversationId?: unknown } } | null)?.handoff;
      const cid = typeof h?.conversationId === 'string' ? h.conversationId : null;
      if (!cid || !byConversation.has(cid)) return;
      const name = holderOf(cid);
      if (lastHolder.get(cid) === name) return;
      lastHolder.set(cid, name);
      tell(cid, { event: 'agent', data: { name } });
    }
  };

  return {
    active(conversationId, createdAt) {
      presence.active(conversationId, createdAt);
    },
    subscribe(conversationId, send, stream) {
      const page = stream?.page !== false;
      if (page) presence.opened(conversationId);
      else presence.active(conversationId, stream?.createdAt);
      let set = byConversation.get(conversationId);
      if (!set) byConversation.set(conversationId, (set = new Set()));
      set.add(send);
      if (!off) off = hub.listen(onHub);
      const name = holderOf(conversationId);
      lastHolder.set(conversationId, name);
      if (name) send({ event: 'agent', data: { name } });
      let done = false;
      return () => {
        if (done) return;
        done = true;
        if (page) presence.closed(conversationId);
        else presence.active(conversationId, stream?.createdAt); // there until now
        const s = byConversation.get(conversationId);
        s?.delete(send);
        if (s && s.size === 0) {
          byConversation.delete(conversationId);
          lastHolder.delete(conversationId);
        }
        if (byConversation.size === 0 && off) {
          off();
          off = null;
        }
      };
    },
  };
}
