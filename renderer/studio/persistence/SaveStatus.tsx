/**
 * The saved / saving / unsaved indicator for the editor's toolbar. Offline and error states say what
 * happened and that nothing is lost; the title attribute carries the hint.
 */
import { CloudAlert, CloudCheck, CloudOff, CloudUpload, Download, LoaderCircle, RefreshCw, TriangleAlert } from 'lucide-react';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { myChangesDocument, pageConflictKey, readConflictCopy, TRASHED_ELSEWHERE, type PersistenceState, type ReplaceCandidate } from './flowPersistence';
import { describeReplace, type ReplaceDescription } from './describeReplace';
import { Dialog } from '../../ui/Dialog';
import { Button } from '../../ui/Button';
import { useRefusedFields, useWarnBeforeLeavingRefused } from '../../ui/refusedFields';
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
function downloadConflictCopy() {
  const key = pageConflictKey();
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
function ConflictBanner({ error, hint, onPrepareReplace, onReplaceWithMine }: { error?: string; hint?: string } & ReplaceHandlers) {
  const [replacing, setReplacing] = useState(false);
  const key = pageConflictKey();
  const hasCopy = key !== null;
  const kept = key ? readConflictCopy(key) : null;
  const copyName = kept ? myChangesDocument(kept.flow).name : null;
  const trashed = error === TRASHED_ELSEWHERE;
  return (
    <div className="bt-conflict-banner" role="alert">
      <TriangleAlert size={18} aria-hidden />
      <div className="bt-conflict-text">
        <strong>{trashed ? TRASHED_ELSEWHERE : 'This flow was changed in another tab or window.'} This window is read-only now.</strong>{' '}
        {trashed ? (
          // Newcomer s14 N#14: said in a banner, with what to do (was: "Not saved", the reason in a tooltip in API words).
          <span>
            Nothing more can be saved from here. To keep working on it, restore it from the trash on the home screen, then Reload.{' '}
            {hasCopy
              ? `Your unsaved changes are kept in this browser: download them and import the file from the home screen; it opens as a separate flow, “${copyName ?? '… (my changes)'}”.`
              : 'This tab had no unsaved changes, so nothing is lost.'}
          </span>
        ) : (
        <span>
          {/* Newcomer s13 #9: the window kept taking edits that could never be saved. Newcomer s14 N#2: it promised a "compare or merge" the studio does not offer; it says what the import gives. */}
          {hasCopy
            ? `Nothing more can be saved from here. Reload to get the latest version; your unsaved changes are kept in this browser. Download them and import the file from the home screen: it opens as a separate flow, “${copyName ?? '… (my changes)'}”, to copy your edits from.`
            : 'Nothing more can be saved from here. Reload to get the latest version; this tab had no unsaved changes, so nothing is lost.'}
        </span>
        )}
        {/* The server's own wording of the same refusal ("... it is now at version 6; this editor has version 5 ...") said it all again (newcomer s12 #5): only what it adds, the two versions. */}
        {error && error !== 'This flow was changed in another tab or window.' && !trashed ? <small title={error}>{versionsOf(error) ?? error}</small> : null}
      </div>
      {hasCopy ? (
        <button type="button" className="bt-conflict-btn" onClick={downloadConflictCopy}>
          <Download size={14} aria-hidden /> Download my changes
        </button>
      ) : null}
      {hasCopy && !trashed && onPrepareReplace && onReplaceWithMine ? (
        <button type="button" className="bt-conflict-btn" onClick={() => setReplacing(true)}>
          Replace with mine…
        </button>
      ) : null}
      <button type="button" className="bt-conflict-btn bt-conflict-primary" onClick={() => window.location.reload()}>
        <RefreshCw size={14} aria-hidden /> Reload
      </button>
      {replacing && onPrepareReplace && onReplaceWithMine ? (
        // Out of the banner: its transform would make the dialog's fixed backdrop cover only the banner.
        createPortal(<ReplaceDialog prepare={onPrepareReplace} replace={onReplaceWithMine} onClose={() => setReplacing(false)} />, document.body)
      ) : null}
    </div>
  );
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
function ReplaceDialog({ prepare, replace, onClose }: { prepare: () => Promise<ReplaceCandidate>; replace: (latest: number) => Promise<void>; onClose: () => void }) {
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
  const title = "Replace the other window's version with yours?";
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
        <p>
          Version {c.latestRevision} was saved in another window
          {c.baseRevision !== null ? ` after this window opened version ${c.baseRevision}` : ''}.
        </p>
        {d.exact ? (
          d.undone.length > 0 ? (
            <>
              <p>
                <strong>Saving yours undoes, from the other window ({d.undone.length}):</strong>
              </p>
              <ul className="bt-replace-undone" aria-label="What saving yours undoes">
                {shown.map((l) => (
                  <li key={l}>{l}</li>
                ))}
                {d.undone.length > shown.length ? <li>…and {d.undone.length - shown.length} more.</li> : null}
              </ul>
            </>
          ) : (
            <p>Nothing the other window saved is undone by this: it made no changes your version does not have.</p>
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
        <p>
          The other window's version stays in Version history as version {c.latestRevision}: restore it there to undo this. The other window becomes
          read-only.
        </p>
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
}: Pick<PersistenceState, 'status' | 'error' | 'hint' | 'lastSavedAt' | 'diskPath' | 'diskProblem' | 'diskState' | 'notice'> & { onReload?: () => void; onKeepMine?: () => void; onDismissNotice?: () => void } & ReplaceHandlers) {
  // A red field holds text the flow does not have: never "Saved" then, and leaving the page asks first (newcomer s8 #9).
  const refused = useRefusedFields();
  useWarnBeforeLeavingRefused(refused.length);
  if (refused.length > 0 && (status === 'saved' || status === 'saving' || status === 'unsaved')) {
    const names = refused.map((f) => `“${f.label}”`).join(', ');
    return (
      <span className="bt-save-status" data-status="refused" role="status" aria-live="polite" title={`${names}: ${refused[0]!.error} The rest of the flow is saved.`}>
        <CloudAlert size={14} aria-hidden />
        <span>{refused.length === 1 ? 'Not saved: fix the red field' : `Not saved: fix the ${refused.length} red fields`}</span>
      </span>
    );
  }
  const Icon = status === 'saved' ? CloudCheck : status === 'saving' ? LoaderCircle : status === 'unsaved' ? CloudUpload : status === 'offline' ? CloudOff : CloudAlert;
  const title = [error, hint, status === 'saved' && lastSavedAt ? `Last saved ${new Date(lastSavedAt).toLocaleTimeString()}` : ''].filter(Boolean).join(' ');
  return (
    <>
      <span className="bt-save-status" data-status={status} role="status" aria-live="polite" title={title || undefined}>
        <Icon size={14} aria-hidden className={status === 'saving' ? 'bt-spin' : undefined} />
        <span>{status === 'conflict' && error === TRASHED_ELSEWHERE ? 'In the trash: not saved' : labels[status]}</span>
      </span>
      {status === 'conflict' ? <ConflictBanner error={error} hint={hint} onPrepareReplace={onPrepareReplace} onReplaceWithMine={onReplaceWithMine} /> : null}
      {status === 'disk_changed' ? <DiskChangedBanner path={diskPath} problem={diskProblem} state={diskState} onReload={onReload} onKeepMine={onKeepMine} /> : null}
      {notice && status !== 'disk_changed' ? <NoticeBanner text={notice} onDismiss={onDismissNotice} /> : null}
      {status !== 'conflict' && status !== 'saved' && error && /does not recognise this page/.test(error) ? <RestartedBanner /> : null}
    </>
  );
}
