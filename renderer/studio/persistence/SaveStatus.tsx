/**
 * The saved / saving / unsaved indicator for the editor's toolbar. Offline and error states say what
 * happened and that nothing is lost; the title attribute carries the hint.
 */
import { ArchiveRestore, CloudAlert, CloudCheck, CloudOff, CloudUpload, Download, LoaderCircle, RefreshCw, TriangleAlert } from 'lucide-react';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { myChangesDocument, pageConflictKey, readConflictCopy, TRASHED_ELSEWHERE, type PersistenceState, type ReplaceCandidate } from './flowPersistence';
import { describeReplace, type ReplaceDescription } from './describeReplace';
import { Dialog } from '../../ui/Dialog';
import { Button } from '../../ui/Button';
import { useRefusedFields, useWarnBeforeLeavingRefused } from '../../ui/refusedFields';
import { useBannerSlot } from '../editor/bannerSlot';
import './saveStatus.css';

const labels: Record<PersistenceState['status'], string> = {
  saved: 'Saved',
  saving: 'Saving…',
  unsaved: 'Unsaved changes',
  offline: 'Offline: edits kept in this browser',
  error: 'Not saved',
  conflict: 'Changed elsewhere: not saved',
  disk_changed: 'Changed on disk: not saved',
};

/** Labels up to this long fit the status's fixed-width slot whole; longer ones lead its title (newcomer s46 N15). */
const SHORT_LABEL = 16;

/**
 * Session 50 (studio18, newcomer s49 N12): a longer status was cut in its slot ("Chang…" for "Changed elsewhere: not
 * saved"). The slot shows a word that fits instead, the whole wording stays for screen readers and in the title, and
 * the banner says it in full.
 */
export function shortStatusLabel(label: string, status: string): string {
  if (label.length <= SHORT_LABEL) return label;
  if (status === 'conflict' && /trash/i.test(label)) return 'In trash';
  if (status === 'conflict') return 'Read-only';
  if (status === 'offline') return 'Offline';
  return 'Not saved';
}

/** The slot's visible word, with the whole wording beside it for screen readers (and text searches). */
function StatusWords({ label, status }: { label: string; status: string }) {
  const short = shortStatusLabel(label, status);
  if (short === label) return <span>{label}</span>;
  return (
    <>
      <span aria-hidden="true" data-short>
        {short}
      </span>
      <span className="bt-save-full">{label}</span>
    </>
  );
}
const refusedLabel = (n: number) => (n === 1 ? 'Not saved: fix the red field' : `Not saved: fix the ${n} red fields`);

/**
 * Newcomer s11 #17: the flow file was changed outside the studio (an editor, git) since the studio loaded it. Nothing
 * is saved over it until the designer chooses; whichever side is not taken is kept as a version, and the notice says which.
 */
function DiskChangedBanner({ path, problem, state, onReload, onKeepMine }: { path?: string; problem?: string; state?: PersistenceState['diskState']; onReload?: () => void; onKeepMine?: () => void }) {
  // Hostile s12 #2-#5 (server: fixhost 924e6e5): a missing file cannot be reloaded; a folder, pipe, link or huge file at
  // the path cannot be saved over until it is moved away. The banner says which, and offers only what can work.
  const blocked = state !== undefined && state !== 'invalid' && state !== 'missing';
  return (
    <div className="bt-conflict-banner" role="alert" aria-label="This flow was changed outside the studio">
      <TriangleAlert size={18} aria-hidden />
      <div className="bt-conflict-text">
        <strong>This flow was changed outside the studio.</strong>{' '}
        {state === 'missing' || blocked ? (
          <span>{path ? <>The file <code>{path}</code> is not there as a flow file any more. </> : 'The flow file is not there any more. '}</span>
        ) : (
          <span>
            {path ? <>The file <code>{path}</code> was changed by an editor or git after the studio loaded it. </> : 'The flow file was changed by an editor or git after the studio loaded it. '}
            Reload takes the file on disk (your unsaved edits here are kept as a version); Keep mine saves the studio's version over it (the file on disk is
            kept as a version).
          </span>
        )}
        {problem ? (
          <small className="bt-disk-problem">
            {state === 'missing' ? (
              // Newcomer s13 #8: "gone from disk (the file no longer exists (deleted, ...))" read as two messages glued.
              <>{problem.charAt(0).toUpperCase() + problem.slice(1).replace(/\.$/, '')}. Keep mine writes the studio's copy back, or delete the flow if it should stay gone.</>
            ) : blocked ? (
              <>Nothing can be saved to it: {problem}. Move it out of the way first, then Keep mine (the studio's copy is kept).</>
            ) : (
              <>The file on disk is not a readable flow: {problem}. The studio's copy is kept; fix the file and Reload, or Keep mine.</>
            )}
          </small>
        ) : null}
      </div>
      <button type="button" className="bt-conflict-btn" onClick={onKeepMine}>
        Keep mine
      </button>
      {state === 'missing' || blocked ? null : (
        <button type="button" className="bt-conflict-btn bt-conflict-primary" onClick={onReload}>
          <RefreshCw size={14} aria-hidden /> Reload
        </button>
      )}
    </div>
  );
}

/** Said once after Reload / Keep mine: which version holds the side that was not taken. */
function NoticeBanner({ text, onDismiss }: { text: string; onDismiss?: () => void }) {
  return (
    <div className="bt-conflict-banner bt-notice-banner" role="status">
      <div className="bt-conflict-text">
        <span>{text}</span>
      </div>
      <button type="button" className="bt-conflict-btn" onClick={onDismiss}>
        Close
      </button>
    </div>
  );
}

/** Downloads this tab's refused edits as a flow file named "<name> (my changes)" (importable from the home screen). */
function downloadConflictCopy(flowKey?: string) {
  const key = flowKey ?? pageConflictKey();
  const copy = key ? readConflictCopy(key) : null;
  if (!key || !copy) return;
  const url = URL.createObjectURL(new Blob([JSON.stringify(myChangesDocument(copy.flow), null, 2) + '\n'], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${key}-my-changes.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** "The flow is at version 6; this tab has version 5." from the server's stale_revision message, or null. */
function versionsOf(error: string): string | null {
  const m = /now at version (\d+); this editor has version (\d+)/.exec(error);
  return m ? `The flow is at version ${m[1]}; this tab has version ${m[2]}.` : null;
}

/**
 * Two tabs on one flow and the other saved first: a banner across the editor that says what happened and what
 * to do. Nothing was overwritten on either side.
 */
function ConflictBanner({ error, hint, onPrepareReplace, onReplaceWithMine, onRestoreFromTrash }: { error?: string; hint?: string; onRestoreFromTrash?: () => Promise<void> } & ReplaceHandlers) {
  const [replacing, setReplacing] = useState(false);
  const [restoring, setRestoring] = useState<'no' | 'busy' | string>('no');
  const key = pageConflictKey();
  const hasCopy = key !== null;
  const kept = key ? readConflictCopy(key) : null;
  const copyName = kept ? myChangesDocument(kept.flow).name : null;
  const trashed = error === TRASHED_ELSEWHERE;
  const canReplace = hasCopy && !trashed && onPrepareReplace !== undefined && onReplaceWithMine !== undefined;
  // Newcomer s17 N#9: Reload no longer loses the kept edits (the reloaded editor offers them), and the banner says so.
  const keptWords = `Your unsaved changes are kept in this browser: after ${trashed ? 'restoring and reloading' : 'Reload'} the editor offers them again, or Download them now (the file imports from the home screen as a separate flow, “${copyName ?? '… (my changes)'}”).`;
  return (
    <div className="bt-conflict-banner bt-conflict-stacked" role="alert">
      <TriangleAlert size={18} aria-hidden />
      <div className="bt-conflict-body">
        <div className="bt-conflict-text">
          <strong>{trashed ? TRASHED_ELSEWHERE : 'This flow was changed in another tab or window.'} This window is read-only now.</strong>{' '}
          {trashed ? (
            // Newcomer s14 N#14: said in a banner, with what to do. Newcomer s17 N#9: with a Restore button, like the trashed-by-address page.
            <span>
              Nothing more can be saved from here. To keep working on it, {onRestoreFromTrash ? 'Restore it (or restore it from the trash on the home screen, then Reload).' : 'restore it from the trash on the home screen, then Reload.'}{' '}
              {hasCopy ? keptWords : 'This tab had no unsaved changes, so nothing is lost.'}
            </span>
          ) : (
            <span>
              {/* Newcomer s13 #9 / s14 N#2: says what the import gives. Newcomer s17 N#2: one sentence for each choice. */}
              {hasCopy
                ? `Nothing more can be saved from here. Reload to get the latest version. ${keptWords}${canReplace ? ' Replace with mine… saves your version over the other one after showing what that undoes (the other one stays in Version history).' : ''}`
                : 'Nothing more can be saved from here. Reload to get the latest version; this tab had no unsaved changes, so nothing is lost.'}
            </span>
          )}
          {/* The server's own wording of the same refusal said it all again (newcomer s12 #5): only what it adds, the two versions. */}
          {error && error !== 'This flow was changed in another tab or window.' && !trashed ? <small title={error}>{versionsOf(error) ?? error}</small> : null}
          {restoring !== 'no' && restoring !== 'busy' ? <small className="bt-disk-problem" role="status">{restoring}</small> : null}
        </div>
        <div className="bt-conflict-actions">
          {hasCopy ? (
            <button type="button" className="bt-conflict-btn" onClick={() => downloadConflictCopy()}>
              <Download size={14} aria-hidden /> Download my changes
            </button>
          ) : null}
          {canReplace ? (
            <button type="button" className="bt-conflict-btn" onClick={() => setReplacing(true)}>
              Replace with mine…
            </button>
          ) : null}
          {trashed && onRestoreFromTrash ? (
            <button
              type="button"
              className="bt-conflict-btn bt-conflict-primary"
              disabled={restoring === 'busy'}
              onClick={() => {
                setRestoring('busy');
                onRestoreFromTrash().catch((e: unknown) => setRestoring(`Not restored: ${e instanceof Error ? e.message : String(e)} Restore it from the trash on the home screen.`));
              }}
            >
              <ArchiveRestore size={14} aria-hidden /> {restoring === 'busy' ? 'Restoring…' : 'Restore'}
            </button>
          ) : null}
          <button type="button" className={trashed && onRestoreFromTrash ? 'bt-conflict-btn' : 'bt-conflict-btn bt-conflict-primary'} onClick={() => window.location.reload()}>
            <RefreshCw size={14} aria-hidden /> Reload
          </button>
        </div>
      </div>
      {replacing && onPrepareReplace && onReplaceWithMine ? (
        // Out of the banner: its transform would make the dialog's fixed backdrop cover only the banner.
        createPortal(<ReplaceDialog prepare={onPrepareReplace} replace={onReplaceWithMine} onClose={() => setReplacing(false)} />, document.body)
      ) : null}
    </div>
  );
}

/**
 * Newcomer s17 N#9: a read-only window was reloaded (its Reload, or the page's) with unsaved edits kept in this browser.
 * They were out of reach (localStorage only); the reloaded editor offers them until the designer chooses.
 */
function KeptBanner({ flowKey, kept, onPrepare, onUse, onDiscard }: { flowKey: string; kept: { at: string; baseRevision?: number }; onPrepare: () => Promise<ReplaceCandidate>; onUse: () => Promise<void>; onDiscard: () => void }) {
  const [dialog, setDialog] = useState<'none' | 'replace' | 'discard'>('none');
  const when = formatWhen(kept.at);
  return (
    <div className="bt-conflict-banner bt-conflict-stacked bt-kept-banner" role="alert" aria-label="Your kept changes">
      <TriangleAlert size={18} aria-hidden />
      <div className="bt-conflict-body">
        <div className="bt-conflict-text">
          <strong>Your unsaved changes from before the reload are kept in this browser.</strong>{' '}
          <span>
            They were made{kept.baseRevision !== undefined ? ` on version ${kept.baseRevision}` : ''}{when ? ` (${when})` : ''} and are not in the flow shown here.
            Download them to import as a separate flow, Replace with mine… to put them in this editor after seeing what that undoes, or Discard them.
          </span>
        </div>
        <div className="bt-conflict-actions">
          <button type="button" className="bt-conflict-btn" onClick={() => downloadConflictCopy(flowKey)}>
            <Download size={14} aria-hidden /> Download my changes
          </button>
          <button type="button" className="bt-conflict-btn" onClick={() => setDialog('replace')}>
            Replace with mine…
          </button>
          <button type="button" className="bt-conflict-btn" onClick={() => setDialog('discard')}>
            Discard…
          </button>
        </div>
      </div>
      {dialog === 'replace'
        ? createPortal(<ReplaceDialog kept prepare={onPrepare} replace={() => onUse()} onClose={() => setDialog('none')} />, document.body)
        : null}
      {dialog === 'discard'
        ? createPortal(
            <Dialog title="Discard your kept changes?" onClose={() => setDialog('none')}>
              <div className="bt-replace">
                <p>They are only in this browser: once discarded they cannot be got back. Download them first to keep a copy.</p>
                <div className="bt-replace-actions">
                  <Button onClick={() => downloadConflictCopy(flowKey)}>
                    <Download size={14} aria-hidden /> Download my changes
                  </Button>
                  <Button onClick={() => setDialog('none')}>Cancel</Button>
                  <Button
                    variant="danger"
                    onClick={() => {
                      setDialog('none');
                      onDiscard();
                    }}
                  >
                    Discard
                  </Button>
                </div>
              </div>
            </Dialog>,
            document.body,
          )
        : null}
    </div>
  );
}

/** "Wed, Dec 2, 13:22" for an ISO time (the Version history's words), '' when it is not one. */
function formatWhen(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  return new Date(t).toLocaleString(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
}

interface ReplaceHandlers {
  onPrepareReplace?: () => Promise<ReplaceCandidate>;
  onReplaceWithMine?: (latest: number) => Promise<void>;
}

/** Longest list the confirmation shows; the rest is counted. */
const MAX_UNDONE_LINES = 12;

/**
 * Session 16 (newcomer s13 #9 rest): "Replace with mine…" asks first, naming what the other window's version loses
 * (docs/studio.md: the safe design). Confirmed, this window's flow is saved as a new version on top of the other
 * window's, which stays in Version history; a version saved meanwhile refuses it (the banner comes back).
 */
function ReplaceDialog({ prepare, replace, onClose, kept = false }: { prepare: () => Promise<ReplaceCandidate>; replace: (latest: number) => Promise<void>; onClose: () => void; kept?: boolean }) {
  const [step, setStep] = useState<{ kind: 'loading' } | { kind: 'ready'; c: ReplaceCandidate; d: ReplaceDescription } | { kind: 'saving'; c: ReplaceCandidate; d: ReplaceDescription } | { kind: 'error'; message: string }>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    prepare().then(
      (c) => live && setStep({ kind: 'ready', c, d: describeReplace(c.base, c.latest, c.mine) }),
      (e: unknown) => live && setStep({ kind: 'error', message: `The latest version could not be read: ${e instanceof Error ? e.message : String(e)} Nothing was changed.` }),
    );
    return () => {
      live = false;
    };
  }, [prepare]);
  const title = kept ? 'Replace the flow with your kept changes?' : "Replace the other window's version with yours?";
  if (step.kind === 'loading') {
    return (
      <Dialog title={title} onClose={onClose}>
        <p>Reading the latest version…</p>
      </Dialog>
    );
  }
  if (step.kind === 'error') {
    return (
      <Dialog title={title} onClose={onClose}>
        <p role="alert">{step.message}</p>
        <div className="bt-replace-actions">
          <Button onClick={onClose}>Close</Button>
        </div>
      </Dialog>
    );
  }
  const { c, d } = step;
  const shown = d.undone.slice(0, MAX_UNDONE_LINES);
  return (
    <Dialog title={title} onClose={onClose}>
      <div className="bt-replace">
        {kept ? (
          // Newcomer s18 N#1: the kept edits' dialog blamed "the other window" for what changed since (this window's own
          // edits after the reload count too) and said "saved since" when the versions were the same.
          <p>
            {c.baseRevision === c.latestRevision
              ? `Your kept changes were made on version ${c.latestRevision}, the version this editor has.`
              : `Your kept changes were made on ${c.baseRevision !== null ? `version ${c.baseRevision}` : 'an earlier version'}; this editor has version ${c.latestRevision}.`}
          </p>
        ) : (
          <p>
            Version {c.latestRevision} was saved in another window
            {c.baseRevision !== null ? ` after this window opened version ${c.baseRevision}` : ''}.
          </p>
        )}
        {d.exact ? (
          d.undone.length > 0 ? (
            <>
              <p>
                <strong>
                  Saving yours undoes, {kept ? 'from what was saved since your changes were made' : 'from the other window'} ({d.undone.length}):
                </strong>
              </p>
              <ul className="bt-replace-undone" aria-label="What saving yours undoes">
                {shown.map((l) => (
                  <li key={l}>{l}</li>
                ))}
                {d.undone.length > shown.length ? <li>…and {d.undone.length - shown.length} more.</li> : null}
              </ul>
            </>
          ) : (
            <p>
              {kept
                ? 'Nothing saved since your changes were made is undone by this.'
                : 'Nothing the other window saved is undone by this: it made no changes your version does not have.'}
            </p>
          )
        ) : (
          <>
            <p>
              <strong>The version your edits were made on is no longer in Version history</strong>, so the other window's changes cannot be told apart from
              yours. Saving yours changes, from the latest version ({d.undone.length}):
            </p>
            <ul className="bt-replace-undone" aria-label="What saving yours changes">
              {shown.map((l) => (
                <li key={l}>{l}</li>
              ))}
              {d.undone.length > shown.length ? <li>…and {d.undone.length - shown.length} more.</li> : null}
            </ul>
          </>
        )}
        {d.mine ? <p>Your changes saved with it: {d.mine}.</p> : null}
        {kept ? (
          <p>Your changes go into this editor as one edit (Undo takes them out) and are saved; version {c.latestRevision} stays in Version history.</p>
        ) : (
          <p>
            The other window's version stays in Version history as version {c.latestRevision}: restore it there to undo this. The other window becomes
            read-only.
          </p>
        )}
        <div className="bt-replace-actions">
          <Button onClick={onClose} disabled={step.kind === 'saving'}>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={step.kind === 'saving'}
            onClick={() => {
              setStep({ kind: 'saving', c, d });
              replace(c.latestRevision).then(onClose, (e: unknown) =>
                setStep({ kind: 'error', message: `Not replaced: ${e instanceof Error ? e.message : String(e)} Your changes are still kept in this browser.` }),
              );
            }}
          >
            {step.kind === 'saving' ? 'Saving…' : 'Replace with mine'}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

/**
 * The studio server was restarted (a new secret): this page can no longer save, and said so only in the status's
 * tooltip (newcomer s6 #17: "Offline" for ever). Said across the editor, with what to do.
 */
function RestartedBanner() {
  return (
    <div className="bt-conflict-banner" role="alert">
      <TriangleAlert size={18} aria-hidden />
      <div className="bt-conflict-text">
        <strong>The studio was restarted.</strong>{' '}
        <span>
          This page can no longer save: open the new link the studio printed in its terminal (the line with ?token=). Your edits are kept in this
          browser and are saved when you open the flow there.
        </span>
      </div>
    </div>
  );
}

export function SaveStatus({
  status,
  error,
  hint,
  lastSavedAt,
  diskPath,
  diskProblem,
  diskState,
  notice,
  onReload,
  onKeepMine,
  onDismissNotice,
  onPrepareReplace,
  onReplaceWithMine,
  onRestoreFromTrash,
  flowKey,
  keptCopy,
  onPrepareKept,
  onUseKept,
  onDiscardKept,
}: Pick<PersistenceState, 'status' | 'error' | 'hint' | 'lastSavedAt' | 'diskPath' | 'diskProblem' | 'diskState' | 'notice' | 'keptCopy'> & {
  onReload?: () => void;
  onKeepMine?: () => void;
  onDismissNotice?: () => void;
  onRestoreFromTrash?: () => Promise<void>;
  flowKey?: string;
  onPrepareKept?: () => Promise<ReplaceCandidate>;
  onUseKept?: () => Promise<void>;
  onDiscardKept?: () => void;
} & ReplaceHandlers) {
  // A red field holds text the flow does not have: never "Saved" then, and leaving the page asks first (newcomer s8 #9).
  const refused = useRefusedFields();
  useWarnBeforeLeavingRefused(refused.length);
  // In the editor, banners are a row of its layout under the top bar (editor/bannerSlot.ts): they never cover the inspector.
  const slot = useBannerSlot();
  if (refused.length > 0 && (status === 'saved' || status === 'saving' || status === 'unsaved')) {
    const names = refused.map((f) => `“${f.label}”`).join(', ');
    return (
      <span className="bt-save-status" data-status="refused" role="status" aria-live="polite" title={`${refusedLabel(refused.length)}. ${names}: ${refused[0]!.error} The rest of the flow is saved.`}>
        <CloudAlert size={14} aria-hidden />
        <StatusWords label={refusedLabel(refused.length)} status="refused" />
      </span>
    );
  }
  const Icon = status === 'saved' ? CloudCheck : status === 'saving' ? LoaderCircle : status === 'unsaved' ? CloudUpload : status === 'offline' ? CloudOff : CloudAlert;
  const label = status === 'conflict' && error === TRASHED_ELSEWHERE ? 'In the trash: not saved' : labels[status];
  // Newcomer s46 N15: the slot is fixed-width, so a long status may be cut: its whole wording leads the title.
  const title = [label.length > SHORT_LABEL ? `${label}.` : '', error, hint, status === 'saved' && lastSavedAt ? `Last saved ${new Date(lastSavedAt).toLocaleTimeString()}` : ''].filter(Boolean).join(' ');
  const banners = (
    <>
      {status === 'conflict' ? (
        <ConflictBanner error={error} hint={hint} onPrepareReplace={onPrepareReplace} onReplaceWithMine={onReplaceWithMine} onRestoreFromTrash={onRestoreFromTrash} />
      ) : null}
      {status !== 'conflict' && status !== 'disk_changed' && keptCopy && flowKey && onPrepareKept && onUseKept && onDiscardKept ? (
        <KeptBanner flowKey={flowKey} kept={keptCopy} onPrepare={onPrepareKept} onUse={onUseKept} onDiscard={onDiscardKept} />
      ) : null}
      {status === 'disk_changed' ? <DiskChangedBanner path={diskPath} problem={diskProblem} state={diskState} onReload={onReload} onKeepMine={onKeepMine} /> : null}
      {notice && status !== 'disk_changed' ? <NoticeBanner text={notice} onDismiss={onDismissNotice} /> : null}
      {status !== 'conflict' && status !== 'saved' && error && /does not recognise this page/.test(error) ? <RestartedBanner /> : null}
    </>
  );
  return (
    <>
      <span className="bt-save-status" data-status={status} role="status" aria-live="polite" title={title || undefined}>
        <Icon size={14} aria-hidden className={status === 'saving' ? 'bt-spin' : undefined} />
        <StatusWords label={label} status={status} />
      </span>
      {slot ? createPortal(banners, slot) : banners}
    </>
  );
}
