/**
 * Inbox admin: the "Canned replies" screen (admins only). The team's replies (`/shortcut` in the composer finds
 * one) as editable rows: add, edit, move, remove, then "Save" replaces the list through
 * PUT /api/v1/agent/canned-replies (saved to the agents file). Server errors show next to the row's field.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ArrowDown, ArrowUp, Check, Plus, Trash2, TriangleAlert } from 'lucide-react';
import { AdminError, type AdminApi, type CannedReply } from './adminApi';
import { issuesByField, plainMessage } from './words';

interface Props {
  api: AdminApi;
  token: string;
  onUnauthorized(why: string): void;
}

interface Row extends CannedReply {
  key: number;
  /** This admin's change, put on top of a list someone else saved meanwhile (newcomer s12 #13): not saved yet. */
  mine?: boolean;
}

const norm = (s: string) => s.trim().replace(/^\//, '').toLowerCase();

/**
 * The list someone else saved (`theirs`) with this admin's changes since `base` (the list they opened) on top
 * (newcomer s12 #13: the second admin's save was refused, the screen said "the list shows it as saved now" but kept
 * showing only their own list, and every later save was refused again). Replies this admin added or changed are kept
 * (marked mine; theirs of the same shortcut gives way), replies this admin deleted are deleted if nobody changed them,
 * everything else is theirs.
 */
export function mergeCanned(base: readonly CannedReply[], mine: readonly CannedReply[], theirs: readonly CannedReply[]): Array<CannedReply & { mine?: boolean }> {
  const baseBy = new Map(base.map((r) => [norm(r.shortcut), r.text]));
  const mineBy = new Map(mine.filter((r) => norm(r.shortcut)).map((r) => [norm(r.shortcut), r]));
  const changed = (r: CannedReply) => baseBy.get(norm(r.shortcut)) !== r.text;
  const out: Array<CannedReply & { mine?: boolean }> = [];
  const taken = new Set<string>();
  for (const t of theirs) {
    const k = norm(t.shortcut);
    const m = mineBy.get(k);
    if (m && changed(m)) {
      out.push({ shortcut: m.shortcut, text: m.text, mine: true });
      taken.add(k);
      continue;
    }
    // Deleted here, and still as this admin saw it there: deleted.
    if (!m && baseBy.has(k) && baseBy.get(k) === t.text) continue;
    out.push({ shortcut: t.shortcut, text: t.text });
    taken.add(k);
  }
  for (const m of mine) {
    const k = norm(m.shortcut);
    if ((k && taken.has(k)) || (!changed(m) && k)) continue;
    out.push({ shortcut: m.shortcut, text: m.text, mine: true });
  }
  return out;
}

let nextKey = 1;
/**
 * Unsaved edits per session token, kept while the admin visits another view of the inbox and comes back (the
 * screen unmounts then), with the list they were made on (`base`): a list saved meanwhile (by hand in the agents
 * file, or by another admin) is merged under them when the screen reads it again, never silently replaced (newcomer
 * s14 #11). Dropped once saved.
 */
const drafts = new Map<string, { rows: Row[]; base: CannedReply[] }>();
/** Forgets every kept draft (tests; signing out). */
export const clearCannedDrafts = () => drafts.clear();
const withKeys = (xs: CannedReply[]): Row[] => xs.map((x) => ({ ...x, key: nextKey++ }));
const plainOf = (rows: readonly CannedReply[]): CannedReply[] => rows.map(({ shortcut, text }) => ({ shortcut: shortcut.trim().replace(/^\//, ''), text }));
const same = (a: CannedReply[], b: CannedReply[]) => a.length === b.length && a.every((x, i) => x.shortcut === b[i].shortcut && x.text === b[i].text);

export function CannedRepliesScreen({ api, token, onUnauthorized }: Props) {
  const [saved, setSaved] = useState<CannedReply[] | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  /** Saved meanwhile by someone else: merged, not saved yet (an amber warning, newcomer s13 #14). */
  const [conflict, setConflict] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState<number | null>(null);
  /** The agents file's problem when it was last read (broken by hand on disk; newcomer s12 #15), null when it reads. */
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const base = useId();

  // The parent passes a new onUnauthorized on each of its renders (the inbox re-renders on every push): read through a
  // ref, so the list is read once per opening. Before, every inbox render read it again, and a list edited by hand
  // meanwhile came back as the base under this admin's unsaved rows with its new revision, so Save overwrote the
  // hand edit without the amber merge (newcomer s14 #11, "once in four": whenever a push arrived before Save).
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;
  const handle = useCallback((err: unknown): string => {
    const e = err as AdminError;
    if (e.status === 401) unauthorized.current('Your session ended. Sign in again.');
    if (e.status === 403) return 'Only an admin agent can change canned replies.';
    return e.message ?? 'Something went wrong.';
  }, []);

  /**
   * `theirs` is the list on the server now; `base` the one this admin's `mine` was made on. When they differ, theirs
   * with this admin's changes on top, marked "not saved yet", and an amber warning naming both sides.
   */
  const mergeOnto = (theirs: CannedReply[], base: CannedReply[], mine: CannedReply[]) => {
    const merged = mergeCanned(base, mine, theirs);
    const keyed = merged.map((r) => ({ ...r, key: nextKey++ }));
    setSaved(theirs);
    setRows(keyed);
    const mineRows = keyed.map((r, i) => ({ r, i })).filter((x) => x.r.mine);
    const n = mineRows.length;
    const theirNew = theirs.filter((t) => !base.some((b) => norm(b.shortcut) === norm(t.shortcut) && b.text === t.text)).map((t) => `/${t.shortcut}`);
    // Newcomer s17 N#3: replies of the list this admin opened that are not there any more (removed by another admin, or
    // the defaults, never in the file, replaced by a hand-written list) vanished from the screen without a word.
    const gone = base
      .filter((b) => norm(b.shortcut) && !theirs.some((t) => norm(t.shortcut) === norm(b.shortcut)) && !merged.some((m) => norm(m.shortcut) === norm(b.shortcut)))
      .map((b) => `/${b.shortcut.trim().replace(/^\//, '')}`);
    // An amber warning, not the green "saved" box (newcomer s13 #14), naming the rows; the first of this admin's
    // rows is brought into view (it may be the 9th, below the fold).
    setConflict(
      `Not saved yet: the list was changed after you opened it (by another admin, or by hand in the agents file).${theirNew.length ? ` New or changed there: ${theirNew.join(', ')}.` : ''}${gone.length ? ` Gone there: ${gone.join(', ')} (not in the list any more; add ${gone.length === 1 ? 'it' : 'them'} again if the team still needs ${gone.length === 1 ? 'it' : 'them'}).` : ''} Your ${n === 1 ? 'change is' : `${n} changes are`} kept, marked "not saved yet"${n ? `: ${mineRows.map((x) => `/${x.r.shortcut || '(no shortcut)'} (reply ${x.i + 1})`).join(', ')}` : ''}. Check the list, then Save.`,
    );
    if (mineRows[0]) setFocusKey(mineRows[0].r.key);
  };

  useEffect(() => {
    let alive = true;
    (api.cannedRepliesFile ? api.cannedRepliesFile(token) : api.cannedReplies(token).then((replies) => ({ replies, fileProblem: null })))
      .then(({ replies: r, fileProblem: problem }) => {
        if (!alive) return;
        setFileProblem(problem);
        const draft = drafts.get(token);
        if (draft && !same(draft.base, r)) {
          // Changed elsewhere while this admin was away from the screen: merged, as a refused save is.
          mergeOnto(r, draft.base, plainOf(draft.rows));
          return;
        }
        setSaved(r);
        setRows(draft?.rows ?? withKeys(r));
        if (draft) setNotice(null);
      })
      .catch((err) => alive && setErrors({ '': handle(err) }));
    return () => {
      alive = false;
    };
  }, [api, token, handle]);

  useEffect(() => {
    if (focusKey === null) return;
    document.getElementById(`${base}-s-${focusKey}`)?.focus();
    setFocusKey(null);
  }, [focusKey, base]);

  const plain = plainOf(rows);
  const dirty = saved !== null && !same(plain, saved);

  useEffect(() => {
    if (saved === null) return;
    if (dirty) drafts.set(token, { rows, base: saved });
    else drafts.delete(token);
  }, [rows, dirty, saved, token]);

  // Closing or reloading the tab with unsaved replies asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const edit = (i: number, k: 'shortcut' | 'text', v: string) => {
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [k]: v } : r)));
    setNotice(null);
    if (errors[`replies.${i}.${k}`]) setErrors((e) => ({ ...e, [`replies.${i}.${k}`]: '' }));
  };
  const move = (i: number, by: number) => {
    setRows((rs) => {
      const j = i + by;
      if (j < 0 || j >= rs.length) return rs;
      const out = [...rs];
      [out[i], out[j]] = [out[j], out[i]];
      return out;
    });
    setErrors({});
  };
  const add = () => {
    const r = { shortcut: '', text: '', key: nextKey++ };
    setRows((rs) => [...rs, r]);
    setFocusKey(r.key);
    setNotice(null);
  };
  const removeAt = (i: number) => {
    setRows((rs) => rs.filter((_, j) => j !== i));
    setErrors({});
  };

  const save = async () => {
    setBusy(true);
    setErrors({});
    setNotice(null);
    setConflict(null);
    try {
      const r = await api.saveCannedReplies(token, plain);
      setSaved(r);
      setRows(withKeys(r));
      setFileProblem(null); // saved: the file reads again
      setNotice(`Saved ${r.length} canned ${r.length === 1 ? 'reply' : 'replies'}. Agents get them the next time they open a conversation.`);
    } catch (err) {
      const e = err as AdminError;
      if (e instanceof AdminError && e.code === 'agents_file_changed' && saved !== null) {
        // Saved meanwhile by another admin or by hand in the file: their list, with this admin's changes on top, and
        // its new revision read, so Save works again (nothing of either side lost).
        try {
          const again = api.cannedRepliesFile ? await api.cannedRepliesFile(token) : { replies: await api.cannedReplies(token), fileProblem: null };
          if (again.fileProblem) {
            // Refused because the file is broken on disk, not because someone saved: say that, keep the edits.
            setFileProblem(again.fileProblem);
            setErrors({ '': 'Not saved: the agents file cannot be read (see above). Your changes are kept here; Save again once the file is fixed.' });
            return;
          }
          setFileProblem(null);
          mergeOnto(again.replies, saved, plain);
        } catch (again) {
          setErrors({ '': handle(again) });
        }
        return;
      }
      if (e instanceof AdminError && e.issues.length) {
        const known = rows.flatMap((_, i) => [`replies.${i}.shortcut`, `replies.${i}.text`]);
        setErrors(issuesByField(e.issues, known, 3));
      } else setErrors({ '': handle(err) });
    } finally {
      setBusy(false);
    }
  };

  const errorCount = Object.entries(errors).filter(([k, v]) => k && v).length;

  return (
    <div className="ia-screen">
      <div className="ia-main">
        <header className="ia-head">
          <div>
            <h2>Canned replies</h2>
            <p className="ib-muted">
              Ready answers every agent can insert by typing <kbd>/</kbd> and the shortcut in the composer. Saved to the agents file.
            </p>
          </div>
          <div className="ia-head-actions">
            <button type="button" className="ib-btn" onClick={add} disabled={saved === null}>
              <Plus size={16} aria-hidden="true" /> Add reply
            </button>
            <button type="button" className="ib-btn ib-primary" onClick={() => void save()} disabled={!dirty || busy}>
              {busy ? 'Saving…' : 'Save'}
            </button>
          </div>
        </header>

        {fileProblem && (
          <div className="ia-file-problem" role="alert">
            <strong>The agents file was edited on disk and cannot be read: {fileProblem.replace(/\.+$/, '')}.</strong>
            <span>
              {' '}
              Fix the file on disk; the server takes it in within a few seconds, then open this screen again. Until then agents keep the replies below (as they
              were before the edit), and saves here are refused so the file is not overwritten.
            </span>
          </div>
        )}
        {notice && (
          <p className="ia-notice" role="status">
            <Check size={14} aria-hidden="true" /> {notice}
          </p>
        )}
        {conflict && (
          <p className="ia-notice ia-notice-warn" role="status">
            <TriangleAlert size={14} aria-hidden="true" /> {conflict}
          </p>
        )}
        {dirty && !busy && <p className="ia-dirty">Unsaved changes.</p>}
        {errors[''] && (
          <p className="ib-error" role="alert">
            {errors['']}
          </p>
        )}
        {errorCount > 0 && (
          <p className="ib-error" role="alert">
            Not saved: {errorCount === 1 ? 'one reply needs' : `${errorCount} fields need`} fixing (marked below).
          </p>
        )}

        {saved === null ? (
          !errors[''] && <p className="ib-empty">Loading canned replies…</p>
        ) : rows.length === 0 ? (
          <p className="ib-empty">No canned replies. Add one, or save the empty list to turn them off.</p>
        ) : (
          <ol className="ia-canned">
            {rows.map((r, i) => {
              const sk = `replies.${i}.shortcut`;
              const tk = `replies.${i}.text`;
              const sid = `${base}-s-${r.key}`;
              const tid = `${base}-t-${r.key}`;
              return (
                <li key={r.key} className={`ia-canned-row${r.mine ? ' is-mine' : ''}`}>
                  <div className={`ia-field ia-shortcut${errors[sk] ? ' has-error' : ''}`}>
                    {/* Newcomer s16 N#8: the chip was a row of its own, drawn over the field's top edge: beside the label now. */}
                    <div className="ia-field-head">
                      <label htmlFor={sid}>Shortcut {i + 1}</label>
                      {r.mine && <span className="ia-unsaved-chip">not saved yet</span>}
                    </div>
                    <div className="ia-slash">
                      <span aria-hidden="true">/</span>
                      <input
                        id={sid}
                        value={r.shortcut}
                        onChange={(e) => edit(i, 'shortcut', e.target.value)}
                        spellCheck={false}
                        autoComplete="off"
                        placeholder="order-number"
                        aria-invalid={errors[sk] ? true : undefined}
                        aria-describedby={errors[sk] ? sid + '-err' : undefined}
                      />
                    </div>
                    {errors[sk] && (
                      <span className="ia-field-error" id={sid + '-err'}>
                        {plainMessage(errors[sk])}
                      </span>
                    )}
                  </div>
                  <div className={`ia-field ia-reply-text${errors[tk] ? ' has-error' : ''}`}>
                    <label htmlFor={tid}>Reply {i + 1}</label>
                    <textarea
                      id={tid}
                      value={r.text}
                      rows={2}
                      onChange={(e) => edit(i, 'text', e.target.value)}
                      aria-invalid={errors[tk] ? true : undefined}
                      aria-describedby={errors[tk] ? tid + '-err' : undefined}
                    />
                    {errors[tk] && (
                      <span className="ia-field-error" id={tid + '-err'}>
                        {plainMessage(errors[tk])}
                      </span>
                    )}
                  </div>
                  <div className="ia-canned-actions">
                    <button type="button" className="ib-iconbtn" aria-label={`Move reply ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                      <ArrowUp size={15} />
                    </button>
                    <button type="button" className="ib-iconbtn" aria-label={`Move reply ${i + 1} down`} disabled={i === rows.length - 1} onClick={() => move(i, 1)}>
                      <ArrowDown size={15} />
                    </button>
                    <button type="button" className="ib-iconbtn ia-danger-icon" aria-label={`Delete reply ${i + 1}${r.shortcut ? ` (/${r.shortcut})` : ''}`} onClick={() => removeAt(i)}>
                      <Trash2 size={15} />
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </div>
    </div>
  );
}
