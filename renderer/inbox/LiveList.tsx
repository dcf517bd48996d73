/**
 * The inbox's "Live" view: conversations the bot is handling alone right now (newest activity first), each with
 * its last message, the block the bot waits at and the number of customer turns, and a "Take over" button
 * (POST /api/v1/agent/conversations/:id/takeover). A refusal shows the server's sentence on that row; a success
 * hands the new handoff to `onTaken` (the inbox then opens it in "Mine"). Refreshed every 5 s while shown.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Bot, Eye, Hand, User } from 'lucide-react';
import { inertText } from './inertText';
import { CustomerPageRowNote } from './CustomerPageNote';
import type { HandoffRow, InboxApi, LivePage } from './inboxApi';

const PAGE = 50;

const BLOCK_WORDS: Record<string, string> = {
  buttons: 'Buttons',
  question: 'Question',
  router: 'Router',
  csat: 'Rating',
  human_takeover: 'Human takeover',
  ticket: 'Ticket',
  http_request: 'HTTP call',
};

/**
 * The row's title: the visitor, as the handoff that a takeover makes calls them (runtime/agents/agentRoutes.ts
 * "Visitor 2960c1"), so the row and the chat it becomes have one name (newcomer s6 #15: every row was titled with
 * the flow id). A name or email the server sends (`visitor`) wins.
 */
export function liveTitle(c: { id: string; visitor?: string | null }): string {
  return c.visitor?.trim() || `Visitor ${c.id.replace(/[^A-Za-z0-9]/g, '').slice(0, 6)}`;
}

/** Conversations where the customer wrote first, then those where nobody wrote yet (opened the chat and left, often). */
export function liveOrder<T extends { turns: number }>(rows: readonly T[]): T[] {
  return [...rows.filter((r) => r.turns > 0), ...rows.filter((r) => r.turns === 0)];
}

function ago(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.round(m / 60);
  return h < 24 ? `${h} h` : `${Math.round(h / 24)} d`;
}

export interface LiveListProps {
  api: InboxApi;
  token: string;
  /** Called after a successful takeover with the handoff now assigned to this agent (null if not found yet). */
  onTaken(handoff: HandoffRow | null, conversationId: string): void;
  /** Errors that are not a refusal of one row (401 signs out, network). */
  fail(err: unknown): void;
  onTotal?(total: number): void;
  /** Poll period in ms (tests pass a small one or 0 to disable). */
  refreshMs?: number;
}

export function LiveList({ api, token, onTaken, fail, onTotal, refreshMs = 5000 }: LiveListProps) {
  const [page, setPage] = useState<LivePage | null>(null);
  const [offset, setOffset] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [refusals, setRefusals] = useState<Record<string, string>>({});
  const [now, setNow] = useState(() => Date.now());
  /** Open previews: conversation id -> its last messages (null while loading). */
  const [previews, setPreviews] = useState<Record<string, Array<{ seq: number; from: string; text: string }> | null>>({});
  const togglePreview = async (id: string) => {
    if (id in previews) {
      setPreviews(({ [id]: _, ...rest }) => rest);
      return;
    }
    if (!api.liveTranscript) return;
    setPreviews((p) => ({ ...p, [id]: null }));
    try {
      const messages = await api.liveTranscript(token, id);
      setPreviews((p) => (id in p ? { ...p, [id]: messages } : p));
    } catch (err) {
      setPreviews(({ [id]: _, ...rest }) => rest);
      fail(err);
    }
  };
  const totalRef = useRef(onTotal);
  totalRef.current = onTotal;

  const load = useCallback(async () => {
    if (!api.live) return;
    try {
      const p = await api.live(token, { limit: PAGE, offset });
      setPage(p);
      setNow(Date.now());
      totalRef.current?.(p.total);
    } catch (err) {
      fail(err);
    }
  }, [api, token, offset, fail]);

  useEffect(() => {
    void load();
    if (!refreshMs) return;
    const t = setInterval(() => void load(), refreshMs);
    return () => clearInterval(t);
  }, [load, refreshMs]);

  const takeOver = async (id: string) => {
    if (!api.takeover) return;
    setBusy(id);
    setRefusals((r) => ({ ...r, [id]: '' }));
    try {
      const out = await api.takeover(token, id);
      onTaken(out.handoff, id);
    } catch (err) {
      const e = err as { status?: number; message?: string };
      if (e.status === 401 || e.status === 0 || e.status === undefined) fail(err);
      else setRefusals((r) => ({ ...r, [id]: e.message ?? 'The server refused the takeover.' }));
      void load();
    } finally {
      setBusy(null);
    }
  };

  if (!page) return <p className="ib-empty">Loading live conversations…</p>;
  if (page.conversations.length === 0)
    return <p className="ib-empty">No conversation is with the bot right now. Conversations appear here while the bot is talking, newest first.</p>;
  return (
    <>
      <ul className="ib-rows" aria-label="Live bot conversations">
        {liveOrder(page.conversations).map((c) => (
          <li key={c.id} className="ib-live-row" data-silent={c.turns === 0 || undefined} aria-label={`Live conversation ${c.id}`}>
            <span className="ib-row-top">
              <strong>{inertText(liveTitle(c))}</strong>
              <span className="ib-faint ib-live-flow" title="Flow">
                {c.flowId}
              </span>
              <span className="ib-faint" title={new Date(c.lastActivityAt).toLocaleString()}>
                {ago(c.lastActivityAt, now)}
              </span>
            </span>
            {c.lastMessage ? (
              <span className="ib-live-last">
                {c.lastMessage.from === 'customer' ? <User size={12} aria-label="Customer:" /> : <Bot size={12} aria-label="Bot:" />}
                <span dir="auto">{inertText(c.lastMessage.text)}</span>
              </span>
            ) : (
              <span className="ib-live-last ib-faint">No message yet</span>
            )}
            <span className="ib-row-meta">
              <span>{c.currentBlock ? `At: ${c.currentBlock.label ?? BLOCK_WORDS[c.currentBlock.kind] ?? c.currentBlock.kind}` : 'Bot is talking'}</span>
              <span title={c.turns === 0 ? 'The customer has not written yet' : undefined}>
                {c.turns} {c.turns === 1 ? 'turn' : 'turns'}
              </span>
              <span>started {ago(c.startedAt, now)}</span>
              <CustomerPageRowNote page={c.customerPage} />
            </span>
            <span className="ib-live-actions">
              {api.liveTranscript && (
                <button type="button" className="ib-btn ib-small ib-ghost" aria-expanded={c.id in previews} onClick={() => void togglePreview(c.id)}>
                  <Eye size={14} aria-hidden="true" /> {c.id in previews ? 'Hide' : 'Read'}
                </button>
              )}
              <button type="button" className="ib-btn ib-small" disabled={busy !== null} onClick={() => void takeOver(c.id)} aria-label={`Take over conversation ${c.id}`}>
                <Hand size={14} aria-hidden="true" /> {busy === c.id ? 'Taking over…' : 'Take over'}
              </button>
            </span>
            {c.id in previews && (
              <ol className="ib-live-preview" aria-label={`Last messages of ${c.id}`}>
                {previews[c.id] === null ? (
                  <li className="ib-faint">Loading…</li>
                ) : previews[c.id]!.length === 0 ? (
                  <li className="ib-faint">No message yet.</li>
                ) : (
                  previews[c.id]!.filter((m) => m.text.trim() !== '').map((m) => (
                    <li key={m.seq} className={`ib-live-line ib-from-${m.from}`}>
                      <strong>{m.from === 'customer' ? 'Customer' : m.from === 'bot' ? 'Bot' : m.from === 'agent' ? 'Agent' : 'System'}:</strong>{' '}
                      <span dir="auto">{inertText(m.text)}</span>
                    </li>
                  ))
                )}
              </ol>
            )}
            {refusals[c.id] ? (
              <span className="ib-live-refusal" role="alert">
                {refusals[c.id]}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {(page.offset > 0 || page.nextOffset !== null) && (
        <div className="ib-live-pager">
          <button type="button" className="ib-btn ib-small" disabled={page.offset === 0} onClick={() => setOffset(Math.max(0, page.offset - PAGE))}>
            Newer
          </button>
          <span className="ib-faint">
            {page.offset + 1}–{page.offset + page.conversations.length} of {page.total}
          </span>
          <button type="button" className="ib-btn ib-small" disabled={page.nextOffset === null} onClick={() => page.nextOffset !== null && setOffset(page.nextOffset)}>
            Older
          </button>
        </div>
      )}
    </>
  );
}
