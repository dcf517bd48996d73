/**
 * Inbox: the "Tickets" screen (every agent; each sees the flows it may serve, admins all). The follow-ups Ticket
 * blocks opened — typically when nobody was online — newest first, with the customer's contact details, the issue,
 * the bot's summary and the full transcript; and the customers' CSAT ratings (average + latest). Customer text is
 * React text, never HTML.
 */
import { useCallback, useEffect, useState } from 'react';
import { Bot, Mail, Phone, RefreshCw, Star, Ticket as TicketIcon } from 'lucide-react';
import type { AdminApi, AdminError, Page, TicketRow, TranscriptEntry } from './adminApi';

interface Props {
  api: AdminApi;
  token: string;
  onUnauthorized(why: string): void;
  /** For tests: the clock used for "5 min ago". */
  now?: () => number;
}

const PAGE = 50;

function ago(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return new Date(at).toLocaleDateString([], { day: 'numeric', month: 'short', year: 'numeric' });
}

const when = (at: number) => new Date(at).toLocaleString([], { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

export function TicketsScreen({ api, token, onUnauthorized, now = Date.now }: Props) {
  const [list, setList] = useState<(Page & { tickets: TicketRow[] }) | null>(null);
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<{ ticket: TicketRow; transcript: TranscriptEntry[] } | null>(null);
  const [detailError, setDetailError] = useState<string | null>(null);
  const [csat, setCsat] = useState<{ average: number | null; total: number; latest: number[] } | null>(null);

  const handle = useCallback(
    (err: unknown): string => {
      const e = err as AdminError;
      if (e.status === 401) onUnauthorized('Your session ended. Sign in again.');
      return e.message ?? 'Something went wrong.';
    },
    [onUnauthorized],
  );

  const load = useCallback(async () => {
    try {
      setList(await api.tickets(token, { limit: PAGE, offset }));
      setError(null);
    } catch (err) {
      setError(handle(err));
    }
    try {
      const c = await api.csat(token, { limit: 10 });
      setCsat({ average: c.average, total: c.total, latest: c.scores.map((s) => s.score).filter((s): s is number => s !== null) });
    } catch {
      setCsat(null); // the ratings are a bonus: the tickets still show
    }
  }, [api, token, offset, handle]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    setDetail(null);
    setDetailError(null);
    if (!selected) return;
    let alive = true;
    api
      .ticket(token, selected)
      .then((d) => alive && setDetail(d))
      .catch((err) => alive && setDetailError(handle(err)));
    return () => {
      alive = false;
    };
  }, [api, token, selected, handle]);

  const t = now();
  return (
    <div className="ia-screen">
      <div className="ia-main ia-tickets-main">
        <header className="ia-head">
          <div>
            <h2>Tickets</h2>
            <p className="ib-muted">Follow-ups the bot opened when nobody could take the chat. Reply to the customer by email or phone.</p>
          </div>
          <div className="ia-head-actions">
            <button type="button" className="ib-btn ib-ghost ib-small" onClick={() => void load()} aria-label="Refresh tickets">
              <RefreshCw size={14} aria-hidden="true" /> Refresh
            </button>
          </div>
        </header>
        {csat && csat.total > 0 && (
          <p className="ia-summary ia-csat" aria-label="Customer ratings">
            <Star size={13} aria-hidden="true" /> Customer rating {csat.average === null ? '—' : csat.average.toFixed(1)} from {csat.total} {csat.total === 1 ? 'rating' : 'ratings'}
            {csat.latest.length > 0 && <span className="ib-faint"> · latest: {csat.latest.join(', ')}</span>}
          </p>
        )}
        {error && (
          <p className="ib-error" role="alert">
            {error}
          </p>
        )}
        {list === null ? (
          !error && <p className="ib-empty">Loading tickets…</p>
        ) : list.tickets.length === 0 ? (
          <p className="ib-empty">No tickets. When a customer cannot reach anyone, the bot's Ticket block files one here.</p>
        ) : (
          <>
            <ul className="ia-ticket-list" aria-label="Tickets">
              {list.tickets.map((r) => (
                <li key={r.id}>
                  <button type="button" className={`ia-ticket${selected === r.id ? ' is-active' : ''}`} aria-current={selected === r.id ? 'true' : undefined} onClick={() => setSelected(r.id)}>
                    <span className="ia-ticket-top">
                      <strong className="ia-ticket-no">
                        <TicketIcon size={13} aria-hidden="true" /> {r.number}
                      </strong>
                      {r.priority !== 'normal' && <span className={`ib-chip${r.priority === 'high' || r.priority === 'urgent' ? ' ib-danger' : ''}`}>{r.priority}</span>}
                      <span className="ib-faint ia-ticket-when">{ago(r.at, t)}</span>
                    </span>
                    <span className="ia-ticket-who">{r.contact.name ?? r.contact.email ?? r.contact.phone ?? 'Unknown customer'}</span>
                    <span className="ia-ticket-issue" dir="auto">
                      {r.issue || 'No issue given'}
                    </span>
                    <span className="ib-faint">{r.flowId}</span>
                  </button>
                </li>
              ))}
            </ul>
            {(list.offset > 0 || list.nextOffset !== null) && (
              <div className="ia-pager">
                <button type="button" className="ib-btn ib-small" disabled={list.offset === 0} onClick={() => setOffset(Math.max(0, list.offset - PAGE))}>
                  Newer
                </button>
                <span className="ib-faint">
                  {list.offset + 1}–{list.offset + list.tickets.length} of {list.total}
                </span>
                <button type="button" className="ib-btn ib-small" disabled={list.nextOffset === null} onClick={() => list.nextOffset !== null && setOffset(list.nextOffset)}>
                  Older
                </button>
              </div>
            )}
          </>
        )}
      </div>

      <section className="ia-ticket-detail" aria-label="Ticket">
        {!selected ? (
          <p className="ib-empty ia-pick">Pick a ticket to see the customer's details and the conversation.</p>
        ) : detailError ? (
          <p className="ib-error" role="alert">
            {detailError}
          </p>
        ) : !detail ? (
          <p className="ib-empty">Loading…</p>
        ) : (
          <TicketDetail d={detail} />
        )}
      </section>
    </div>
  );
}

function TicketDetail({ d }: { d: { ticket: TicketRow; transcript: TranscriptEntry[] } }) {
  const k = d.ticket;
  const subject = encodeURIComponent(`Your request ${k.number}`);
  return (
    <div className="ia-ticket-body">
      <header className="ia-ticket-head">
        <h3>Ticket {k.number}</h3>
        <p className="ib-faint">
          Opened {when(k.at)} · flow {k.flowId} · priority {k.priority}
        </p>
      </header>
      <dl className="ia-contact">
        <div>
          <dt>Name</dt>
          <dd>{k.contact.name ?? '—'}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>
            {k.contact.email ? (
              <a href={`mailto:${encodeURIComponent(k.contact.email).replace(/%40/g, '@')}?subject=${subject}`}>
                <Mail size={13} aria-hidden="true" /> {k.contact.email}
              </a>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>Phone</dt>
          <dd>
            {k.contact.phone ? (
              <span>
                <Phone size={13} aria-hidden="true" /> {k.contact.phone}
              </span>
            ) : (
              '—'
            )}
          </dd>
        </div>
      </dl>
      <section>
        <h4>Issue</h4>
        <p className="ia-issue" dir="auto">
          {k.issue || 'No issue given.'}
        </p>
      </section>
      {k.summary && (
        <section>
          <h4>What the bot knew</h4>
          <p className="ia-issue" dir="auto">
            {k.summary}
          </p>
        </section>
      )}
      <section>
        <h4>Conversation</h4>
        {d.transcript.length === 0 ? (
          <p className="ib-faint">The conversation is no longer stored.</p>
        ) : (
          <ol className="ia-transcript" aria-label="Conversation">
            {d.transcript
              .filter((e) => e.text.trim() !== '')
              .map((e) => (
                <li key={e.seq} className={`ia-t ia-t-${e.from}`}>
                  <span className="ia-t-who">
                    {e.from === 'bot' ? (
                      <>
                        <Bot size={12} aria-hidden="true" /> Bot
                      </>
                    ) : e.from === 'customer' ? (
                      'Customer'
                    ) : e.from === 'agent' ? (
                      (e.name ?? 'Agent')
                    ) : (
                      'System'
                    )}{' '}
                    · {when(e.at)}
                  </span>
                  <span className="ia-t-text" dir="auto">
                    {e.text}
                  </span>
                </li>
              ))}
          </ol>
        )}
      </section>
    </div>
  );
}
