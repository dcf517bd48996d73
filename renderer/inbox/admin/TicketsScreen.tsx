/**
 * Inbox: the "Tickets" screen (every agent; each sees the flows it may serve, admins all). The follow-ups Ticket
 * blocks opened — typically when nobody was online — newest first, with the customer's contact details, the issue,
 * the bot's summary and the full transcript; and the customers' CSAT ratings (average + latest). Customer text is
 * React text, never HTML.
 *
 * Tickets are worked here: filter Open / Mine / Done / All; in a ticket, "Mark done" / "Reopen", "Assigned to" (the
 * agents who may serve its flow) and "Assign to me". Changes are stored by the runtime and pushed to the other agents
 * (`ticket` events on the agent channel, passed in as `changed`), so their lists and the open ticket follow.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Bot, CheckCircle2, CircleDot, Mail, Phone, RefreshCw, RotateCcw, Star, Ticket as TicketIcon, UserRound } from 'lucide-react';
import type { AdminApi, AdminError, CsatByAgent, Page, TicketFilter, TicketRow, TranscriptEntry } from './adminApi';
import './tickets.css';
import { keepTicketNumbers } from '../../ui/KeepTogether';

interface Props {
  api: AdminApi;
  token: string;
  onUnauthorized(why: string): void;
  /** The signed-in agent ("Mine", "Assign to me"). */
  me?: { id: string; name: string };
  /** The last ticket change pushed by the runtime (any agent's): the list and the open ticket follow it. */
  changed?: { ticket: TicketRow; n: number } | null;
  /** For tests: the clock used for "5 min ago". */
  now?: () => number;
}

type Show = 'open' | 'mine' | 'done' | 'all';
const SHOW: Array<{ id: Show; label: string }> = [
  { id: 'open', label: 'Open' },
  { id: 'mine', label: 'Mine' },
  { id: 'done', label: 'Done' },
  { id: 'all', label: 'All' },
];
const filterOf = (show: Show): TicketFilter =>
  show === 'open' ? { status: 'open' } : show === 'mine' ? { status: 'open', assignee: 'me' } : show === 'done' ? { status: 'done' } : {};
const EMPTY: Record<Show, string> = {
  open: 'No open tickets. Done ones are under "Done".',
  mine: 'No open tickets are assigned to you.',
  done: 'No ticket is marked done yet.',
  all: "No tickets. When a customer cannot reach anyone, the bot's Ticket block files one here.",
};

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

type Detail = { ticket: TicketRow; transcript: TranscriptEntry[]; assignable?: Array<{ id: string; name: string }> };

export function TicketsScreen({ api, token, onUnauthorized, me, changed, now = Date.now }: Props) {
  const [list, setList] = useState<(Page & { tickets: TicketRow[] }) | null>(null);
  const [show, setShow] = useState<Show>('open');
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [detailError, setDetailError] = useState<string | null>(null);
  const [workError, setWorkError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [csat, setCsat] = useState<{ average: number | null; total: number; latest: number[]; byAgent: CsatByAgent[] } | null>(null);

  // A ref: the parent passes a new function on every render, which must not refetch the list and the ticket.
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;
  const handle = useCallback((err: unknown): string => {
    const e = err as AdminError;
    if (e.status === 401) unauthorized.current('Your session ended. Sign in again.');
    return e.message ?? 'Something went wrong.';
  }, []);

  const load = useCallback(async () => {
    try {
      setList(await api.tickets(token, { limit: PAGE, offset, ...filterOf(show) }));
      setError(null);
    } catch (err) {
      setError(handle(err));
    }
    try {
      const c = await api.csat(token, { limit: 10 });
      setCsat({ average: c.average, total: c.total, latest: c.scores.map((s) => s.score).filter((s): s is number => s !== null), byAgent: c.byAgent ?? [] });
    } catch {
      setCsat(null); // the ratings are a bonus: the tickets still show
    }
  }, [api, token, offset, show, handle]);

  useEffect(() => {
    void load();
  }, [load]);

  // Another agent (or this one in another tab) changed a ticket: refresh the list; the open ticket takes the change.
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    if (!changed) return;
    void loadRef.current();
    setDetail((d) => (d && d.ticket.id === changed.ticket.id ? { ...d, ticket: changed.ticket } : d));
  }, [changed]);

  const work = async (change: { status?: 'open' | 'done'; assignee?: string | null }) => {
    if (!detail || saving) return;
    setSaving(true);
    setWorkError(null);
    try {
      const ticket = await api.updateTicket(token, detail.ticket.id, change);
      setDetail((d) => (d && d.ticket.id === ticket.id ? { ...d, ticket } : d));
      await load();
    } catch (err) {
      setWorkError(handle(err));
    } finally {
      setSaving(false);
    }
  };

  useEffect(() => {
    setDetail(null);
    setDetailError(null);
    setWorkError(null);
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
        {csat && csat.byAgent.some((x) => x.agentId !== null) && (
          <ul className="ia-summary ia-csat-agents" aria-label="Customer rating per agent">
            {csat.byAgent.map((x) => (
              <li key={x.agentId ?? '(bot)'}>
                <span className="ia-csat-agent">{x.agentName ?? 'The bot alone'}</span> {x.average === null ? '—' : x.average.toFixed(1)}{' '}
                <span className="ib-faint">
                  ({x.count} {x.count === 1 ? 'rating' : 'ratings'})
                </span>
              </li>
            ))}
          </ul>
        )}
        <div className="ib-tabs ia-ticket-filter" role="tablist" aria-label="Show tickets">
          {SHOW.filter((x) => x.id !== 'mine' || me).map((x) => (
            <button
              key={x.id}
              type="button"
              role="tab"
              aria-selected={show === x.id}
              onClick={() => {
                setShow(x.id);
                setOffset(0);
              }}
            >
              {x.label}
              {show === x.id && list && <span className="ia-ticket-count">{list.total}</span>}
            </button>
          ))}
        </div>
        {error && (
          <p className="ib-error" role="alert">
            {error}
          </p>
        )}
        {list === null ? (
          !error && <p className="ib-empty">Loading tickets…</p>
        ) : list.tickets.length === 0 ? (
          <p className="ib-empty">{EMPTY[show]}</p>
        ) : (
          <>
            <ul className="ia-ticket-list" aria-label="Tickets">
              {list.tickets.map((r) => (
                <li key={r.id}>
                  <button type="button" className={`ia-ticket${selected === r.id ? ' is-active' : ''}`} aria-current={selected === r.id ? 'true' : undefined} onClick={() => setSelected(r.id)}>
                    <span className="ia-ticket-top">
                      <strong className="ia-ticket-no">
                        <TicketIcon size={13} aria-hidden="true" /> <span className="bt-nowrap">{r.number}</span>
                      </strong>
                      {r.priority !== 'normal' && <span className={`ib-chip${r.priority === 'high' || r.priority === 'urgent' ? ' ib-danger' : ''}`}>{r.priority}</span>}
                      <span className="ib-faint ia-ticket-when">{ago(r.at, t)}</span>
                    </span>
                    <span className="ia-ticket-who">{r.contact.name ?? r.contact.email ?? r.contact.phone ?? 'Unknown customer'}</span>
                    <span className="ia-ticket-issue" dir="auto">
                      {r.issue || 'No issue given'}
                    </span>
                    <span className="ia-ticket-meta">
                      {r.status === 'done' ? (
                        <span className="ia-ticket-state is-done">
                          <CheckCircle2 size={12} aria-hidden="true" /> Done
                        </span>
                      ) : (
                        <span className="ia-ticket-state is-open">
                          <CircleDot size={12} aria-hidden="true" /> Open
                        </span>
                      )}
                      <span className={r.assignee ? 'ia-ticket-owner' : 'ia-ticket-owner is-none'}>
                        <UserRound size={12} aria-hidden="true" /> {r.assignee ? (me && r.assignee.id === me.id ? 'You' : r.assignee.name) : 'Unassigned'}
                      </span>
                      <span className="ib-faint">{r.flowId}</span>
                    </span>
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
          <TicketDetail d={detail} me={me} saving={saving} error={workError} onWork={(c) => void work(c)} />
        )}
      </section>
    </div>
  );
}

interface DetailProps {
  d: Detail;
  me?: { id: string; name: string };
  saving: boolean;
  error: string | null;
  onWork(change: { status?: 'open' | 'done'; assignee?: string | null }): void;
}

function TicketDetail({ d, me, saving, error, onWork }: DetailProps) {
  const k = d.ticket;
  const subject = encodeURIComponent(`Your request ${k.number}`);
  const done = k.status === 'done';
  // Who may be given the ticket (the runtime says); the current assignee stays listed even if no longer eligible.
  const options = [...(d.assignable ?? [])];
  if (k.assignee && !options.some((o) => o.id === k.assignee!.id)) options.push(k.assignee);
  const mayTakeIt = me && k.assignee?.id !== me.id && (d.assignable === undefined || d.assignable.some((o) => o.id === me.id));
  return (
    <div className="ia-ticket-body">
      <header className="ia-ticket-head">
        <h3>
          Ticket <span className="bt-nowrap">{k.number}</span>
        </h3>
        <p className="ib-faint">
          Opened {when(k.at)} · flow {k.flowId} · priority {k.priority}
        </p>
      </header>
      <div className={`ia-ticket-work${done ? ' is-done' : ''}`} role="group" aria-label="Work on this ticket">
        <div className="ia-ticket-status" role="status">
          {done ? <CheckCircle2 size={16} aria-hidden="true" /> : <CircleDot size={16} aria-hidden="true" />}
          <span>
            <strong>{done ? 'Done' : 'Open'}</strong>
            <span className="ib-faint">
              {done && k.doneBy ? ` · by ${k.doneBy.name}${k.doneAt ? `, ${when(k.doneAt)}` : ''}` : k.updatedBy && k.updatedAt ? ` · last change by ${k.updatedBy.name}, ${when(k.updatedAt)}` : ' · nobody has worked on it yet'}
            </span>
          </span>
        </div>
        <div className="ia-ticket-actions">
          <label className="ia-ticket-assign">
            <span>Assigned to</span>
            <select value={k.assignee?.id ?? ''} disabled={saving} onChange={(e) => onWork({ assignee: e.target.value === '' ? null : e.target.value })}>
              <option value="">Nobody</option>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                  {me && o.id === me.id ? ' (you)' : ''}
                </option>
              ))}
            </select>
          </label>
          {mayTakeIt && (
            <button type="button" className="ib-btn ib-small" disabled={saving} onClick={() => onWork({ assignee: me!.id })}>
              <UserRound size={14} aria-hidden="true" /> Assign to me
            </button>
          )}
          {done ? (
            <button type="button" className="ib-btn ib-small" disabled={saving} onClick={() => onWork({ status: 'open' })}>
              <RotateCcw size={14} aria-hidden="true" /> Reopen
            </button>
          ) : (
            <button type="button" className="ib-btn ib-small ib-success" disabled={saving} onClick={() => onWork({ status: 'done' })}>
              <CheckCircle2 size={14} aria-hidden="true" /> Mark done
            </button>
          )}
        </div>
        {error && (
          <p className="ib-error" role="alert">
            {error}
          </p>
        )}
      </div>
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
                    {keepTicketNumbers(e.text)}
                  </span>
                </li>
              ))}
          </ol>
        )}
      </section>
    </div>
  );
}
