/**
 * Inbox admin: the "Agents" screen (admins only). A table of agents with their presence now, an add/edit form
 * whose errors come from the agent API and are shown next to their field, "Reset token" (a new static token shown
 * once, copyable), "Set password" (in the form) and "Remove" (confirmed; yourself and the last admin are refused
 * with a sentence). Everything is saved through PUT/DELETE /api/v1/agent/agents/:id, which writes the agents file.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { Check, Copy, KeyRound, Pencil, Plus, RefreshCw, ShieldCheck, Trash2, X } from 'lucide-react';
import { AdminError, newToken, type AdminAgent, type AdminApi, type AgentInput, type CsatByAgent } from './adminApi';
import { issuesByField, joinList, plainMessage, splitList } from './words';

export interface AdminMe {
  id: string;
  name: string;
}

interface Props {
  api: AdminApi;
  token: string;
  me: AdminMe;
  /** A 401: the session is gone. */
  onUnauthorized(why: string): void;
  /** Presence refresh period (ms); 0 = only on demand. */
  pollMs?: number;
}

const FIELDS = ['id', 'name', 'email', 'teams', 'skills', 'languages', 'maxChats', 'admin', 'password', 'token'] as const;

const PRESENCE_WORDS = { online: 'Online', busy: 'Busy', offline: 'Offline' } as const;

interface Draft {
  id: string;
  name: string;
  email: string;
  teams: string;
  skills: string;
  languages: string;
  maxChats: string;
  admin: boolean;
  password: string;
  /** Create only: also give the agent a static API token (shown once). */
  withToken: boolean;
}

const emptyDraft = (): Draft => ({ id: '', name: '', email: '', teams: '', skills: '', languages: '', maxChats: '3', admin: false, password: '', withToken: false });

const draftOf = (a: AdminAgent): Draft => ({
  id: a.id,
  name: a.name,
  email: a.email,
  teams: joinList(a.teams),
  skills: joinList(a.skills),
  languages: joinList(a.languages),
  maxChats: String(a.maxChats),
  admin: a.admin,
  password: '',
  withToken: false,
});

/** "Ann Lee" -> "ann-lee" (a suggested id while the admin has not typed one). */
export const slugId = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_.@-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);

const inputOf = (a: AdminAgent): AgentInput => ({ name: a.name, email: a.email, teams: a.teams, skills: a.skills, languages: a.languages, maxChats: a.maxChats, admin: a.admin });

export function AgentsScreen({ api, token, me, onUnauthorized, pollMs = 20_000 }: Props) {
  const [agents, setAgents] = useState<AdminAgent[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  /** The agents file's problem as the server read it (newcomer s11 #7); null when it reads. */
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  /** Customer ratings per agent (GET /api/v1/agent/csat byAgent; newcomer s12 #11); null: not known. */
  const [ratings, setRatings] = useState<Map<string, CsatByAgent> | null>(null);
  /** null: no form; 'new': adding; else the id being edited. */
  const [editing, setEditing] = useState<string | null>(null);
  /** The row asking for confirmation: remove the agent, or replace its API token. */
  const [confirm, setConfirm] = useState<{ id: string; kind: 'remove' | 'token' } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [shownToken, setShownToken] = useState<{ agent: string; token: string } | null>(null);
  const [rowError, setRowError] = useState<{ id: string; text: string } | null>(null);
  /** The button that opened the form: focus goes back to it when the form closes (keyboard users stay in place). */
  const opener = useRef<HTMLElement | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const open = (what: string) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setEditing(what);
    setNotice(null);
  };
  const closeForm = () => {
    setEditing(null);
    const back = opener.current;
    setTimeout(() => (back && back.isConnected ? back : addRef.current)?.focus(), 0);
  };

  const handle = useCallback(
    (err: unknown): string => {
      const e = err as AdminError;
      if (e.status === 401) onUnauthorized('Your session ended. Sign in again.');
      if (e.status === 403) return 'Only an admin agent can manage agents. Your admin right may have been removed: sign in again.';
      return e.message ?? 'Something went wrong.';
    },
    [onUnauthorized],
  );

  // Only the newest load may set the list: a poll that started before an edit must not bring a removed row back.
  const loadSeq = useRef(0);
  const load = useCallback(async () => {
    const seq = ++loadSeq.current;
    try {
      const got = api.agentsFile ? await api.agentsFile(token) : { agents: await api.agents(token), fileProblem: null };
      if (seq !== loadSeq.current) return;
      setAgents(got.agents);
      setFileProblem(got.fileProblem);
      setLoadError(null);
      // Ratings per agent beside each agent (they were only on the Tickets page; agents without one were not listed).
      if (typeof api.csat === 'function') {
        Promise.resolve()
          .then(() => api.csat(token, { limit: 1 }))
          .then(
            (c) => {
              if (seq === loadSeq.current && Array.isArray(c?.byAgent)) setRatings(new Map(c.byAgent.filter((x) => x.agentId !== null).map((x) => [x.agentId!, x])));
            },
            () => undefined, // an older server or a refusal: no Rating column
          );
      }
    } catch (err) {
      if (seq === loadSeq.current) setLoadError(handle(err));
    }
  }, [api, token, handle]);

  useEffect(() => {
    void load();
    if (!pollMs) return;
    const t = setInterval(() => void load(), pollMs);
    return () => clearInterval(t);
  }, [load, pollMs]);

  const admins = (agents ?? []).filter((a) => a.admin);
  const count = (st: string) => (agents ?? []).filter((a) => (a.status ?? 'offline') === st).length;
  const editingAgent = editing && editing !== 'new' ? (agents ?? []).find((a) => a.id === editing) : undefined;

  const askResetToken = (a: AdminAgent) => {
    setRowError(null);
    setNotice(null);
    setConfirm({ id: a.id, kind: 'token' });
  };

  const resetToken = async (a: AdminAgent) => {
    setConfirm(null);
    const t = newToken();
    try {
      await api.saveAgent(token, a.id, { ...inputOf(a), token: t }, a.revision);
      setShownToken({ agent: a.name, token: t });
      await load();
    } catch (err) {
      setRowError({ id: a.id, text: handle(err) });
      if ((err as AdminError).code === 'agents_file_changed') await load();
    }
  };

  const askRemove = (a: AdminAgent) => {
    setRowError(null);
    setNotice(null);
    if (a.id === me.id) return setRowError({ id: a.id, text: 'You cannot remove yourself. Ask another admin to do it.' });
    if (a.admin && admins.length <= 1) return setRowError({ id: a.id, text: `${a.name} is the last admin: make another agent an admin first.` });
    setConfirm({ id: a.id, kind: 'remove' });
  };

  const remove = async (a: AdminAgent) => {
    try {
      await api.removeAgent(token, a.id, a.revision);
      setConfirm(null);
      if (editing === a.id) setEditing(null);
      setAgents((list) => list?.filter((x) => x.id !== a.id) ?? list);
      setNotice(`${a.name} was removed. Their open chats went back to the queue.`);
      await load();
    } catch (err) {
      setConfirm(null);
      setRowError({ id: a.id, text: handle(err) });
      // Changed in the agents file meanwhile: the row shows that version now (newcomer s9 #24).
      if ((err as AdminError).code === 'agents_file_changed') await load();
    }
  };

  return (
    <div className="ia-screen">
      <div className="ia-main">
        <header className="ia-head">
          <div>
            <h2>Agents</h2>
            <p className="ib-muted">Who can sign in to the inbox, what they take, and how many chats at once. Saved to the agents file.</p>
          </div>
          <div className="ia-head-actions">
            <button type="button" className="ib-btn ib-ghost ib-small" onClick={() => void load()} aria-label="Refresh agents and presence">
              <RefreshCw size={14} aria-hidden="true" /> Refresh
            </button>
            <button
              type="button"
              ref={addRef}
              className="ib-btn ib-primary"
              onClick={() => {
                open('new');
                setShownToken(null);
              }}
            >
              <Plus size={16} aria-hidden="true" /> Add agent
            </button>
          </div>
        </header>

        {fileProblem && (
          <div className="ia-file-problem" role="alert">
            <strong>The agents file was edited on disk and cannot be read: {fileProblem.replace(/\.+$/, '')}.</strong>
            <span>
              {' '}
              Fix the file on disk; the server takes it in within a few seconds. Until then the agents below (as they were before the edit) stay as they are,
              and saves here are refused so the file is not overwritten.
            </span>
          </div>
        )}
        {agents && agents.length > 0 && (
          <p className="ia-summary">
            {agents.length} {agents.length === 1 ? 'agent' : 'agents'} · {count('online')} online · {count('busy')} busy · {admins.length} {admins.length === 1 ? 'admin' : 'admins'}
          </p>
        )}
        {notice && (
          <p className="ia-notice" role="status">
            <Check size={14} aria-hidden="true" /> {notice}
          </p>
        )}
        {shownToken && <TokenOnce agent={shownToken.agent} token={shownToken.token} onDone={() => setShownToken(null)} />}
        {loadError && (
          <p className="ib-error" role="alert">
            {loadError}
          </p>
        )}

        {agents === null ? (
          !loadError && <p className="ib-empty">Loading agents…</p>
        ) : (
          <div className="ia-table-wrap">
            <table className="ia-table">
              <caption className="ib-sr">Agents ({agents.length})</caption>
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col">Teams</th>
                  <th scope="col">Skills</th>
                  <th scope="col">Languages</th>
                  <th scope="col" className="ia-num">
                    Max chats
                  </th>
                  <th scope="col">Role</th>
                  {ratings && <th scope="col">Rating</th>}
                  <th scope="col">Now</th>
                  <th scope="col">
                    <span className="ib-sr">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {agents.map((a) => (
                  <AgentRow
                    key={a.id}
                    a={a}
                    isMe={a.id === me.id}
                    active={editing === a.id}
                    confirming={confirm?.id === a.id ? confirm.kind : null}
                    error={rowError?.id === a.id ? rowError.text : null}
                    rating={ratings ? (ratings.get(a.id) ?? { agentId: a.id, agentName: a.name, count: 0, average: null }) : undefined}
                    onEdit={() => open(a.id)}
                    onResetToken={() => askResetToken(a)}
                    onConfirmToken={() => void resetToken(a)}
                    onRemove={() => askRemove(a)}
                    onConfirmRemove={() => void remove(a)}
                    onCancel={() => setConfirm(null)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      {editing && (editing === 'new' || editingAgent) && (
        <AgentForm
          key={editing}
          api={api}
          token={token}
          me={me}
          agent={editingAgent}
          existingIds={(agents ?? []).map((a) => a.id)}
          handle={handle}
          onStale={() => void load()}
          onClose={closeForm}
          onSaved={async (saved, created, newTok) => {
            closeForm();
            await load();
            setNotice(created ? `${saved.name} was added.` : `${saved.name} was saved.`);
            if (newTok) setShownToken({ agent: saved.name, token: newTok });
          }}
        />
      )}
    </div>
  );
}

function AgentRow(p: {
  a: AdminAgent;
  isMe: boolean;
  active: boolean;
  confirming: 'remove' | 'token' | null;
  error: string | null;
  /** Customers' ratings of the chats this agent last held (undefined: the column is not shown). */
  rating?: CsatByAgent;
  onEdit(): void;
  onResetToken(): void;
  onRemove(): void;
  onConfirmRemove(): void;
  onConfirmToken(): void;
  onCancel(): void;
}) {
  const { a } = p;
  // When a confirmation closes without removing the row, focus goes back to the button that asked.
  const removeRef = useRef<HTMLButtonElement>(null);
  const tokenRef = useRef<HTMLButtonElement>(null);
  const was = useRef<'remove' | 'token' | null>(null);
  useEffect(() => {
    if (was.current && !p.confirming) (was.current === 'remove' ? removeRef : tokenRef).current?.focus();
    was.current = p.confirming;
  }, [p.confirming]);
  const status = a.status ?? 'offline';
  const chips = (xs: string[]) => (xs.length ? xs.map((x) => <span key={x} className="ia-tag">{x}</span>) : <span className="ib-faint">any</span>);
  return (
    <>
      <tr className={p.active ? 'is-active' : undefined}>
        <td>
          <div className="ia-who">
            <span className={`ib-avatar ib-p-${status}`} aria-hidden="true">
              {(Array.from(a.name)[0] ?? '').toUpperCase()}
            </span>
            <div>
              <strong>{a.name}</strong>
              {p.isMe && <span className="ib-chip">you</span>}
              <div className="ib-faint">
                {a.email} · <span className="ia-id">{a.id}</span>
              </div>
              {a.signIn && (
                <div className="ib-faint">
                  Signs in with {[a.signIn.password && 'password', a.signIn.token && 'API token'].filter(Boolean).join(' and ') || 'nothing (cannot sign in)'}
                </div>
              )}
            </div>
          </div>
        </td>
        <td>{chips(a.teams)}</td>
        <td>{a.skills.length ? a.skills.map((x) => <span key={x} className="ia-tag">{x}</span>) : <span className="ib-faint">none</span>}</td>
        <td>{chips(a.languages)}</td>
        <td className="ia-num">{a.maxChats}</td>
        <td>
          {a.admin ? (
            <span className="ia-role ia-role-admin">
              <ShieldCheck size={13} aria-hidden="true" /> Admin
            </span>
          ) : (
            <span className="ia-role">Agent</span>
          )}
        </td>
        {p.rating && (
          <td className="ia-rating">
            {p.rating.count > 0 && p.rating.average !== null ? (
              <>
                <strong>{p.rating.average.toFixed(1)}</strong> / 5
                <div className="ib-faint">
                  {p.rating.count} {p.rating.count === 1 ? 'rating' : 'ratings'}
                </div>
              </>
            ) : (
              <span className="ib-faint">no ratings yet</span>
            )}
          </td>
        )}
        <td>
          {a.inboxClosedAt ? (
            <span
              className="ia-presence ia-p-offline"
              title={`No inbox open since ${new Date(a.inboxClosedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })} (the tab was closed without signing out): gets no new chats, and chats still held go back to the queue at the inactivity timeout.`}
            >
              Inbox closed
            </span>
          ) : (
            <span className={`ia-presence ia-p-${status}`}>{PRESENCE_WORDS[status] ?? status}</span>
          )}
          {typeof a.activeChats === 'number' && (
            <div className="ib-faint ia-chats">
              {a.activeChats} / {a.maxChats} chats
            </div>
          )}
        </td>
        <td className="ia-row-actions">
          <button type="button" className="ib-iconbtn" aria-label={`Edit ${a.name}`} title="Edit" onClick={p.onEdit}>
            <Pencil size={15} />
          </button>
          <button type="button" ref={tokenRef} className="ib-iconbtn" aria-label={`Reset API token of ${a.name}`} title="Reset API token" onClick={p.onResetToken}>
            <KeyRound size={15} />
          </button>
          <button type="button" ref={removeRef} className="ib-iconbtn ia-danger-icon" aria-label={`Remove ${a.name}`} title="Remove" onClick={p.onRemove}>
            <Trash2 size={15} />
          </button>
        </td>
      </tr>
      {(p.confirming || p.error) && (
        <tr className="ia-subrow">
          <td colSpan={p.rating ? 9 : 8}>
            {p.confirming === 'token' ? (
              <div className="ia-confirm ia-confirm-token" role="alertdialog" aria-label={`Replace the API token of ${a.name}?`}>
                <span>
                  Give <strong>{a.name}</strong> a new API token? The current token stops working at once (integrations using it must be updated). Password sign-in is not affected.
                </span>
                <button type="button" className="ib-btn ib-primary ib-small" onClick={p.onConfirmToken} autoFocus>
                  New token
                </button>
                <button type="button" className="ib-btn ib-small" onClick={p.onCancel}>
                  Cancel
                </button>
              </div>
            ) : p.confirming === 'remove' ? (
              <div className="ia-confirm" role="alertdialog" aria-label={`Remove ${a.name}?`}>
                <span>
                  Remove <strong>{a.name}</strong>? They can no longer sign in and their open chats go back to the queue.
                </span>
                <button type="button" className="ib-btn ia-btn-danger ib-small" onClick={p.onConfirmRemove} autoFocus>
                  Remove {a.name}
                </button>
                <button type="button" className="ib-btn ib-small" onClick={p.onCancel}>
                  Cancel
                </button>
              </div>
            ) : (
              <p className="ia-row-error" role="alert">
                {p.error}
              </p>
            )}
          </td>
        </tr>
      )}
    </>
  );
}

/** A new token, shown once with a copy button. */
function TokenOnce({ agent, token, onDone }: { agent: string; token: string; onDone(): void }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  const id = useId();
  const copy = async () => {
    ref.current?.select();
    try {
      await navigator.clipboard.writeText(token);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <div className="ia-token" role="status">
      <label htmlFor={id}>
        <KeyRound size={14} aria-hidden="true" /> New API token for {agent}
      </label>
      <div className="ia-token-row">
        <input id={id} ref={ref} readOnly value={token} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
        <button type="button" className="ib-btn ib-small" onClick={() => void copy()}>
          <Copy size={14} aria-hidden="true" /> {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="ib-btn ib-small" onClick={onDone}>
          Done
        </button>
      </div>
      <p className="ib-faint">
        Copy it now: it is shown only this once. It works as <code>Authorization: Bearer …</code> and in the inbox link; the old token stopped working.
        {copied === 'no' && ' Copying was blocked by the browser: the token is selected, press Ctrl+C.'}
      </p>
    </div>
  );
}

function AgentForm(p: {
  api: AdminApi;
  token: string;
  me: AdminMe;
  agent?: AdminAgent;
  existingIds: string[];
  handle(err: unknown): string;
  /** The save was refused because the agent changed meanwhile (by hand in the agents file): reload the list. */
  onStale(): void;
  onClose(): void;
  onSaved(saved: AdminAgent, created: boolean, newToken: string | null): Promise<void> | void;
}) {
  const creating = !p.agent;
  const [d, setD] = useState<Draft>(() => (p.agent ? draftOf(p.agent) : emptyDraft()));
  const [idTouched, setIdTouched] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const firstRef = useRef<HTMLInputElement>(null);
  const base = useId();
  const isMe = p.agent?.id === p.me.id;
  const initial = useRef(d);
  const dirty = (Object.keys(d) as Array<keyof Draft>).some((k) => d[k] !== initial.current[k]);
  /** Closing a form with typed changes asks first, so nothing typed is lost by a stray Escape. */
  const [asking, setAsking] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    if (dirty && !asking) {
      setAsking(true);
      setTimeout(() => keepRef.current?.focus(), 0);
    } else p.onClose();
  };

  useEffect(() => {
    firstRef.current?.focus();
  }, []);

  // The agent changed while the form is open (edited by hand in the agents file, reloaded after a refused save): the
  // fields the admin has not touched take the new values; what the admin typed stays (newcomer s9 #24).
  const seenRevision = useRef(p.agent?.revision);
  useEffect(() => {
    if (!p.agent || p.agent.revision === seenRevision.current) return;
    seenRevision.current = p.agent.revision;
    const fresh = draftOf(p.agent);
    const was = initial.current;
    setD((cur) => {
      const next = { ...cur };
      for (const k of Object.keys(fresh) as Array<keyof Draft>) if (cur[k] === was[k]) (next as Record<string, unknown>)[k] = fresh[k];
      return next;
    });
    initial.current = fresh;
  }, [p.agent]);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setD((x) => ({ ...x, [k]: v, ...(k === 'name' && creating && !idTouched ? { id: slugId(String(v)) } : {}) }));
    if (errors[k as string]) setErrors((e) => ({ ...e, [k as string]: '' }));
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const local: Record<string, string> = {};
    const id = d.id.trim();
    if (creating && !id) local.id = 'Give the agent an id (letters, digits, _ . @ -); it cannot be changed later.';
    if (creating && id && p.existingIds.includes(id)) local.id = `The id "${id}" is already used by another agent; pick another.`;
    const max = Number(d.maxChats);
    if (d.maxChats.trim() === '' || !Number.isFinite(max)) local.maxChats = 'Enter a number of chats, e.g. 3.';
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    const tok = creating && d.withToken ? newToken() : null;
    const body: AgentInput = {
      name: d.name.trim(),
      email: d.email.trim(),
      teams: splitList(d.teams),
      skills: splitList(d.skills),
      languages: splitList(d.languages),
      maxChats: max,
      admin: d.admin,
      ...(d.password ? { password: d.password } : {}),
      ...(tok ? { token: tok } : {}),
    };
    setBusy(true);
    setErrors({});
    try {
      const r = await p.api.saveAgent(p.token, id, body, creating ? 'new' : p.agent?.revision);
      await p.onSaved(r.agent, r.created, tok);
    } catch (err) {
      const e = err as AdminError;
      if (e instanceof AdminError && e.code === 'agents_file_changed') {
        setErrors({ '': e.message });
        p.onStale();
        return;
      }
      if (e instanceof AdminError && e.issues.length) {
        const byField = issuesByField(e.issues, FIELDS);
        if (e.code === 'last_admin') byField.admin = byField.admin ?? plainMessage(e.message);
        // A refusal about sign-in ("give a password or a token") belongs next to the password.
        if (byField[''] && /password|token/i.test(byField['']) && !byField.password) {
          byField.password = byField[''];
          delete byField[''];
        }
        setErrors(byField);
      } else setErrors({ '': p.handle(err) });
    } finally {
      setBusy(false);
    }
  };

  const f = (k: string) => `${base}-${k}`;
  const err = (k: string) =>
    errors[k] ? (
      <span className="ia-field-error" id={f(k) + '-err'}>
        {errors[k]}
      </span>
    ) : null;
  const described = (k: string, hint?: boolean) => [errors[k] ? f(k) + '-err' : '', hint ? f(k) + '-hint' : ''].filter(Boolean).join(' ') || undefined;

  const text = (k: 'name' | 'email' | 'teams' | 'skills' | 'languages', label: string, hint?: string, extra?: InputHTMLAttributes<HTMLInputElement>) => (
    <div className={`ia-field${errors[k] ? ' has-error' : ''}`}>
      <label htmlFor={f(k)}>{label}</label>
      <input
        id={f(k)}
        ref={k === 'name' ? firstRef : undefined}
        value={d[k]}
        onChange={(e) => set(k, e.target.value)}
        aria-invalid={errors[k] ? true : undefined}
        aria-describedby={described(k, !!hint)}
        {...extra}
      />
      {hint && (
        <span className="ib-faint" id={f(k) + '-hint'}>
          {hint}
        </span>
      )}
      {err(k)}
    </div>
  );

  return (
    <aside className="ia-panel" aria-labelledby={f('title')} onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), asking ? (setAsking(false), firstRef.current?.focus()) : close())}>
      <header className="ia-panel-head">
        <h3 id={f('title')}>{creating ? 'Add an agent' : `Edit ${p.agent!.name}`}</h3>
        <button type="button" className="ib-iconbtn" aria-label="Close the form" onClick={close}>
          <X size={16} />
        </button>
      </header>
      <form className="ia-form" onSubmit={(e) => void submit(e)} noValidate aria-label={creating ? 'Add an agent' : `Edit ${p.agent!.name}`}>
        {text('name', 'Name', undefined, { autoComplete: 'off', required: true })}
        {text('email', 'Email', 'They sign in with this email (or the id).', { type: 'email', autoComplete: 'off', required: true })}
        <div className={`ia-field${errors.id ? ' has-error' : ''}`}>
          <label htmlFor={f('id')}>Id</label>
          {creating ? (
            <input
              id={f('id')}
              value={d.id}
              onChange={(e) => {
                setIdTouched(true);
                set('id', e.target.value);
              }}
              aria-invalid={errors.id ? true : undefined}
              aria-describedby={described('id', true)}
              autoComplete="off"
              spellCheck={false}
            />
          ) : (
            <input id={f('id')} value={d.id} readOnly aria-describedby={f('id') + '-hint'} className="ia-readonly" />
          )}
          <span className="ib-faint" id={f('id') + '-hint'}>
            {creating ? 'Used in flows (Human Takeover "agents") and the API; cannot be changed later.' : 'Cannot be changed.'}
          </span>
          {err('id')}
        </div>
        {text('teams', 'Teams', 'Comma separated, e.g. support, billing. Handoffs for these teams reach this agent.')}
        {text('skills', 'Skills', 'Comma separated; used by automatic assignment.')}
        {text('languages', 'Languages', 'Comma separated codes, e.g. en, fr. Empty: takes chats in any language.')}
        <div className={`ia-field ia-field-short${errors.maxChats ? ' has-error' : ''}`}>
          <label htmlFor={f('maxChats')}>Max chats at once</label>
          <input
            id={f('maxChats')}
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
            value={d.maxChats}
            onChange={(e) => set('maxChats', e.target.value)}
            aria-invalid={errors.maxChats ? true : undefined}
            aria-describedby={described('maxChats')}
          />
          {err('maxChats')}
        </div>
        <div className={`ia-field ia-check${errors.admin ? ' has-error' : ''}`}>
          <label>
            <input
              type="checkbox"
              checked={d.admin}
              disabled={isMe}
              onChange={(e) => set('admin', e.target.checked)}
              aria-describedby={[f('admin') + '-hint', errors.admin ? f('admin') + '-err' : ''].filter(Boolean).join(' ')}
            />
            Admin
          </label>
          <span className="ib-faint" id={f('admin') + '-hint'}>
            {isMe ? 'You cannot remove your own admin right.' : 'Sees every handoff and manages agents and canned replies.'}
          </span>
          {err('admin')}
        </div>

        <fieldset className="ia-signin">
          <legend>Sign-in</legend>
          <div className={`ia-field${errors.password ? ' has-error' : ''}`}>
            <label htmlFor={f('password')}>{creating ? 'Password' : 'Set a new password'}</label>
            <input
              id={f('password')}
              type="password"
              autoComplete="new-password"
              value={d.password}
              onChange={(e) => set('password', e.target.value)}
              aria-invalid={errors.password ? true : undefined}
              aria-describedby={described('password', true)}
            />
            <span className="ib-faint" id={f('password') + '-hint'}>
              {creating ? 'At least 8 characters. Tell it to the agent yourself.' : 'Leave empty to keep the current password.'}
            </span>
            {err('password')}
          </div>
          {creating ? (
            <label className="ia-inline">
              <input type="checkbox" checked={d.withToken} onChange={(e) => set('withToken', e.target.checked)} />
              Also create an API token (shown once after saving)
            </label>
          ) : (
            <p className="ib-faint">To give {p.agent!.name} a new API token, use the key button in the table.</p>
          )}
          {err('token')}
        </fieldset>

        {errors[''] && (
          <p className="ib-error" role="alert">
            {errors['']}
          </p>
        )}
        {Object.entries(errors).some(([k, v]) => k && v) && (
          <p className="ia-sr-summary ib-sr" role="alert">
            Not saved: {Object.entries(errors)
              .filter(([k, v]) => k && v)
              .map(([k, v]) => `${k}: ${v}`)
              .join(' ')}
          </p>
        )}
        {asking && (
          <div className="ia-confirm ia-confirm-token" role="alertdialog" aria-label="Discard your changes?">
            <span>Discard your changes{p.agent ? ` to ${p.agent.name}` : ''}?</span>
            <button type="button" className="ib-btn ib-small" onClick={p.onClose}>
              Discard
            </button>
            <button
              type="button"
              ref={keepRef}
              className="ib-btn ib-primary ib-small"
              onClick={() => {
                setAsking(false);
                firstRef.current?.focus();
              }}
            >
              Keep editing
            </button>
          </div>
        )}
        <div className="ia-form-actions">
          <button type="button" className="ib-btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="ib-btn ib-primary" disabled={busy}>
            {busy ? 'Saving…' : creating ? 'Add agent' : 'Save'}
          </button>
        </div>
      </form>
    </aside>
  );
}
