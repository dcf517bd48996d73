/**
 * Version history of the open flow: every save is a version (the most recent 100 are kept). Picking one
 * shows what restoring it would change compared with the flow now (blocks brought back, removed, changed
 * with each field before and after; connections; settings). "Restore" hands the version to the editor,
 * which replaces the document as ONE undoable step; autosave then keeps it as a new version, so a restore
 * is undone with Ctrl+Z or by restoring the version before it.
 */
import { History, RotateCcw, X } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Flow } from '../../../shared/flow/schema';
import { Button } from '../../ui/Button';
import { StudioApiError, studioApi, type StudioApi, type VersionDetail, type VersionInfo } from '../api/studioApi';
import { formatWhen } from '../home/formatWhen';

/** "Tue 1 Dec 2026, 03:21" (like the simulator's clock), not "12/1/2026, 3:21:01 AM". */
const savedAtWords = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
import { VersionDiff } from './VersionDiff';

/**
 * Newcomer s16 #5: saves that change the same field again within two minutes are one version, so the numbers jump
 * (1, 2, 5); the version that took the others in says which numbers it holds.
 */
const FOLDED_WHY = 'Saves that change the same field again within two minutes are kept as one version.';
const mergedWords = (first: number, revision: number) => (first === revision - 1 ? `includes ${first}` : `includes ${first}–${revision - 1}`);
import './history.css';

export interface HistoryPanelProps {
  flowId: string;
  onRestore(flow: Flow, revision: number): void;
  onClose(): void;
  /** Called before versions are read, so the newest edits are saved first (the persistence's flush). */
  beforeLoad?: () => Promise<void>;
  api?: StudioApi;
  now?: () => number;
  /**
   * Why this window cannot change the flow (the store's readOnly), or null: versions can be looked at, not restored
   * (hostile s14 H#4: Restore went through in a read-only window and overwrote the kept copy of its refused edits).
   */
  readOnly?: string | null;
}

export function HistoryPanel({ flowId, onRestore, onClose, beforeLoad, api = studioApi, now = Date.now, readOnly = null }: HistoryPanelProps) {
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [detail, setDetail] = useState<VersionDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  const describeError = (err: unknown) => (err instanceof StudioApiError ? `${err.message} ${err.hint}`.trim() : String(err));

  const beforeLoadRef = useRef(beforeLoad);
  beforeLoadRef.current = beforeLoad;
  const load = useCallback(async () => {
    try {
      await beforeLoadRef.current?.().catch(() => {});
      const list = await api.versions(flowId);
      setVersions(list);
      // Open on what the latest save changed: the version before the current one, compared with the flow now
      // (the current version itself is identical to the flow now).
      setSelected((s) => s ?? (list.length > 1 ? list[1].revision : list[0]?.revision ?? null));
      setError(null);
    } catch (err) {
      setError(describeError(err));
    }
  }, [api, flowId]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (selected === null) {
      setDetail(null);
      return;
    }
    let live = true;
    setDetail(null);
    api.version(flowId, selected).then(
      (d) => live && setDetail(d),
      (err) => live && setError(describeError(err)),
    );
    return () => {
      live = false;
    };
  }, [api, flowId, selected]);

  const latest = versions?.[0]?.revision;

  return (
    <aside className="bt-history" aria-label="Version history">
      <header className="bt-history-head">
        <History size={16} aria-hidden />
        <h2>Version history</h2>
        <Button size="icon" variant="ghost" aria-label="Close the version history" onClick={onClose}>
          <X size={16} aria-hidden />
        </Button>
      </header>
      {error ? (
        <div className="bt-history-error" role="alert">
          {error}
        </div>
      ) : null}
      <div className="bt-history-body">
        <ol className="bt-history-list" aria-label="Versions">
          {versions === null ? <li className="bt-history-empty">Loading…</li> : null}
          {versions?.length === 0 ? <li className="bt-history-empty">No versions yet: every save adds one.</li> : null}
          {versions?.map((v) => (
            <li key={v.revision}>
              <button type="button" className="bt-history-item" aria-current={selected === v.revision || undefined} onClick={() => setSelected(v.revision)}>
                <span className="bt-history-title">
                  <span className="bt-history-number">Version {v.revision}</span>
                  {v.revision === latest ? <span className="bt-history-tag">current</span> : null}
                  {v.restoredFrom !== undefined ? <span className="bt-history-tag" data-tone="restore">restored from {v.restoredFrom}</span> : null}
                  {v.edit?.first !== undefined && v.edit.first < v.revision ? (
                    <span className="bt-history-tag" data-tone="merged" title={FOLDED_WHY}>
                      {mergedWords(v.edit.first, v.revision)}
                    </span>
                  ) : null}
                </span>
                <span className="bt-history-when" title={savedAtWords(v.savedAt)}>
                  {formatWhen(v.savedAt, now())}
                </span>
                <span className="bt-history-summary">{v.summary}</span>
              </button>
            </li>
          ))}
        </ol>
        {selected !== null ? (
          <section className="bt-history-detail" aria-label={`Version ${selected}`}>
            {detail === null ? (
              <p className="bt-history-empty">Loading version {selected}…</p>
            ) : (
              <>
                <div className="bt-history-detail-head">
                  <div>
                    <h3>Version {detail.revision}</h3>
                    <p>Saved {savedAtWords(detail.savedAt)}</p>
                  </div>
                  <Button
                    variant="primary"
                    disabled={detail.diff.identical || !!readOnly}
                    aria-describedby={readOnly ? 'bt-history-readonly' : undefined}
                    onClick={() => onRestore(detail.flow, detail.revision)}
                  >
                    <RotateCcw size={15} aria-hidden /> Restore this version
                  </Button>
                </div>
                {readOnly ? (
                  <p id="bt-history-readonly" className="bt-history-readonly" role="note">
                    This window is read-only, so a version cannot be restored here. Reload it, then restore.
                  </p>
                ) : null}
                <VersionDiff diff={detail.diff} />
              </>
            )}
          </section>
        ) : versions && versions.length > 0 ? (
          <p className="bt-history-detail bt-history-empty">Select a version to see what changed since then.</p>
        ) : null}
      </div>
    </aside>
  );
}
