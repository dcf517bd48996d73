/**
 * Scenarios: save the simulated conversation as a scenario (with the expectations clicked in the transcript),
 * the flow's scenarios with "Run all" (pass / fail), and a failure's first difference side by side with its
 * block focused. Stored beside the flow through the studio server (GET/PUT /api/flows/:key/scenarios).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Flow } from '../../../shared/flow/schema';
import { insertExpectation, recordScenario, secretStepsRefusal, upsertScenario } from '../../../shared/simulator/scenarioRecorder';
import { applyScenarioEdit, ScenarioEditError, undoOf, type ScenarioEdit } from '../../../shared/simulator/scenarioEdits';
import { runScenarioFile, type ScenarioResult } from '../../../shared/simulator/scenarioRunner';
import type { Expectation, ScenarioFile } from '../../../shared/simulator/scenarioSchema';
import type { ScenarioSession } from '../../../shared/simulator/scenarioSession';
import { Button } from '../../ui/Button';
import { FailureDetail, ScenarioEditor } from './ScenarioEditor';

/** Names of the scenarios an edit changed, added or removed (a rename counts both names). */
export function changedScenarios(before: ScenarioFile, after: ScenarioFile): Set<string> {
  const old = new Map(before.scenarios.map((s) => [s.name, JSON.stringify(s)]));
  const now = new Map(after.scenarios.map((s) => [s.name, JSON.stringify(s)]));
  const out = new Set<string>();
  for (const [name, text] of old) if (now.get(name) !== text) out.add(name);
  for (const name of now.keys()) if (!old.has(name)) out.add(name);
  // A change to the file's shared setup (clock, agents, mocks) can change every scenario's result.
  const { scenarios: _a, ...restBefore } = before;
  const { scenarios: _b, ...restAfter } = after;
  if (JSON.stringify(restBefore) !== JSON.stringify(restAfter)) for (const name of [...old.keys(), ...now.keys()]) out.add(name);
  return out;
}

type UndoEdit = Extract<ScenarioEdit, { kind: 'undo' }>;
/** How many edits the scenario editor can undo. */
const UNDO_DEPTH = 50;

export interface PendingExpectation {
  afterAction: number;
  expect: Expectation;
  label: string;
  /** The chat line (transcript index) "+ expect" took it from: the Chat tab marks that line "✓ expected". */
  line?: number;
}

export interface ScenarioStorage {
  /** `revision` (the studio server's hash of the file) is sent back with the next save. */
  load(): Promise<{ file: ScenarioFile; exists: boolean; revision?: string }>;
  /** Refused (409 stale_scenarios) when `baseRevision` is no longer the file's; answers the new revision. */
  save(file: ScenarioFile, baseRevision?: string): Promise<{ revision?: string } | unknown>;
}

export interface ScenariosPaneProps {
  flow: Flow;
  session: ScenarioSession | null;
  storage: ScenarioStorage | null;
  pending: PendingExpectation[];
  onClearPending(): void;
  onFocusBlock?(id: string): void;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The server's list of problems (a 422), so the tester sees what to change, not only "not valid". */
function problemsOf(e: unknown): { path: string; message: string }[] {
  const p = (e as { problems?: unknown })?.problems;
  return Array.isArray(p) ? p.filter((x) => x && typeof x === 'object').slice(0, 8).map((x) => ({ path: String(x.path ?? ''), message: String(x.message ?? '') })) : [];
}

const isStale = (e: unknown) => (e as { status?: number; code?: string })?.status === 409 && (e as { code?: string }).code === 'stale_scenarios';

interface Notice {
  text: string;
  problems?: { path: string; message: string }[];
  error?: boolean;
}

export function ScenariosPane({ flow, session, storage, pending, onClearPending, onFocusBlock }: ScenariosPaneProps) {
  const [file, setFile] = useState<ScenarioFile | null>(null);
  // Saving waits for the load: a save built from "nothing loaded" replaced a 3,012-scenario file with 1 (hostile report).
  const [loaded, setLoaded] = useState(!storage);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [results, setResults] = useState<ScenarioResult[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const revision = useRef<string | undefined>(undefined);
  /** The scenario editor's undo: each entry puts one scenario back as it was before an edit (checked first). */
  const [undo, setUndo] = useState<{ edit: UndoEdit; label: string }[]>([]);
  /** Session 42: what Undo undid, to do again (Redo, Ctrl+Shift+Z / Ctrl+Y); a new edit empties it. */
  const [redo, setRedo] = useState<{ edit: UndoEdit; label: string }[]>([]);

  const reload = useCallback(async () => {
    if (!storage) return null;
    const r = await storage.load();
    revision.current = r.revision;
    const f = r.exists ? r.file : null;
    setFile(f);
    setLoaded(true);
    setLoadError(null);
    return f;
  }, [storage]);

  useEffect(() => {
    if (!storage) return;
    let live = true;
    setLoaded(false);
    storage.load().then(
      (r) => {
        if (!live) return;
        revision.current = r.revision;
        setFile(r.exists ? r.file : null);
        setLoaded(true);
      },
      (e) => live && setLoadError(`The scenarios file could not be read: ${message(e)}. Nothing can be saved until it is fixed (the file was not changed).`),
    );
    return () => {
      live = false;
    };
  }, [storage]);

  /**
   * Applies a change to the file and writes it with the revision it was based on. When the file changed on
   * disk meanwhile (a hand edit, another tab), the change is applied again to the newer file, so nothing of
   * either is lost; a change that no longer applies says why.
   */
  const persist = useCallback(
    async (change: (f: ScenarioFile | null) => ScenarioFile): Promise<ScenarioFile> => {
      if (!storage) {
        const next = change(file);
        setFile(next);
        return next;
      }
      if (loadError) throw new Error(loadError);
      if (!loaded) throw new Error('The scenarios are still loading; try again in a moment.');
      let base = file;
      for (let attempt = 0; ; attempt++) {
        const next = change(base);
        try {
          const r = (await storage.save(next, revision.current)) as { revision?: string } | undefined;
          revision.current = r && typeof r === 'object' && 'revision' in r ? r.revision : undefined;
          setFile(next);
          return next;
        } catch (e) {
          if (!isStale(e) || attempt > 0) throw e;
          base = await reload();
        }
      }
    },
    [storage, file, loaded, loadError, reload],
  );

  const fail = (what: string, e: unknown) => setNotice({ text: `${what}: ${message(e)}`, problems: problemsOf(e), error: true });

  const save = useCallback(async () => {
    if (!session || !name.trim()) return;
    let scenario = recordScenario(session, { name: name.trim() });
    for (const p of pending) scenario = insertExpectation(scenario, p.afterAction, p.expect);
    // Hostile s17 H#20: a card number or password typed in the simulator is shown masked but the steps hold it as typed.
    const refusal = secretStepsRefusal(scenario);
    if (refusal) {
      setNotice({ text: refusal, error: true });
      return;
    }
    setBusy(true);
    try {
      const next = await persist((f) => upsertScenario(f, flow.id, scenario));
      setNotice({
        text: storage ? `Saved "${scenario.name}" (${next.scenarios.length} scenario${next.scenarios.length === 1 ? '' : 's'} in the file).` : `Kept "${scenario.name}" in memory: this studio has no server, nothing is written.`,
      });
      setName('');
      onClearPending();
    } catch (e) {
      fail('Not saved', e);
    } finally {
      setBusy(false);
    }
  }, [session, name, pending, flow.id, storage, persist, onClearPending]);

  const edit = useCallback(
    async (e: ScenarioEdit, done: string, again = false) => {
      setBusy(true);
      try {
        let inverse: UndoEdit | null = null;
        let touched = new Set<string>();
        await persist((f) => {
          if (!f) throw new ScenarioEditError('The scenarios file is gone (deleted by hand?).');
          const next = applyScenarioEdit(f, e);
          inverse = e.kind === 'undo' ? null : undoOf(f, next, e);
          touched = changedScenarios(f, next);
          return next;
        });
        // Only the scenarios this edit changed lose their last PASS/FAIL; the others' results still hold.
        setResults((rs) => (rs ? rs.filter((r) => !touched.has(r.name)) : rs));
        if (e.kind === 'rename') {
          setOpen(e.to.trim());
          setEditing(e.to.trim());
        }
        if (e.kind === 'deleteScenario') setEditing(null);
        if (e.kind === 'undo' && e.before) {
          setOpen(e.before.name);
          setEditing(e.before.name);
        }
        // An undo edit puts `before` back; the same edit the other way round (`after` back) does it again.
        const label = done.replace(/\.$/, '');
        const reverse: UndoEdit | null = e.kind === 'undo' ? { kind: 'undo', before: e.after, after: e.before, position: e.position } : null;
        if (e.kind === 'undo' && again) {
          setRedo((r) => r.slice(0, -1));
          setUndo((u) => [...u.slice(-(UNDO_DEPTH - 1)), { edit: reverse!, label }]);
        } else if (e.kind === 'undo') {
          setUndo((u) => u.slice(0, -1));
          setRedo((r) => [...r.slice(-(UNDO_DEPTH - 1)), { edit: reverse!, label }]);
        } else if (inverse) {
          setUndo((u) => [...u.slice(-(UNDO_DEPTH - 1)), { edit: inverse!, label }]);
          setRedo([]);
        }
        setNotice({ text: e.kind === 'undo' ? `${again ? 'Redone' : 'Undone'}: ${done}` : done });
      } catch (err) {
        fail(e.kind === 'undo' ? (again ? 'Not redone' : 'Not undone') : 'Not changed', err);
      } finally {
        setBusy(false);
      }
    },
    [persist],
  );
  const lastUndo = undo[undo.length - 1] ?? null;
  const undoLast = () => lastUndo && void edit(lastUndo.edit, `${lastUndo.label}.`);
  const lastRedo = redo[redo.length - 1] ?? null;
  const redoLast = () => lastRedo && void edit(lastRedo.edit, `${lastRedo.label}.`, true);
  const redoLabelFor = (name: string) => {
    if (!lastRedo) return null;
    const target = lastRedo.edit.after?.name ?? lastRedo.edit.before?.name;
    return target === name ? lastRedo.label : `${lastRedo.label} (in "${target}")`;
  };
  /** The undo button of a scenario's editor names the other scenario when the last edit was made there. */
  const undoLabelFor = (name: string) => {
    if (!lastUndo) return null;
    const target = lastUndo.edit.after?.name ?? lastUndo.edit.before?.name;
    return target === name ? lastUndo.label : `${lastUndo.label} (in "${target}")`;
  };

  const runAll = () => {
    if (!file) return;
    try {
      const report = runScenarioFile(flow, file);
      setResults(report.results);
      const firstFail = report.results.find((r) => r.status === 'failed');
      if (firstFail) {
        setOpen(firstFail.name);
        if (firstFail.failure?.blockId) onFocusBlock?.(firstFail.failure.blockId);
      }
    } catch (e) {
      fail('The scenarios could not run', e);
    }
  };

  const passed = results?.filter((r) => r.status === 'passed').length ?? 0;
  const failed = results?.filter((r) => r.status === 'failed').length ?? 0;
  return (
    <div className="sim-scenarios">
      <section className="sim-section" aria-label="Save as scenario">
        <h3>Save this conversation as a scenario</h3>
        {pending.length > 0 && (
          <ul className="sim-list" aria-label="Expectations to add">
            {pending.map((p, i) => (
              <li key={i}>expect {p.label}</li>
            ))}
          </ul>
        )}
        <div className="sim-row">
          <input aria-label="Scenario name" placeholder="Scenario name" value={name} onChange={(e) => setName(e.target.value)} />
          <Button size="sm" variant="primary" disabled={!session || !name.trim() || !loaded || busy || Boolean(loadError)} onClick={() => void save()}>
            Save as scenario
          </Button>
        </div>
        {!loaded && !loadError && <p className="sim-muted">Loading the scenarios file…</p>}
        {notice && (
          <div className={notice.error ? 'sim-error' : 'sim-note'} role="status">
            {notice.text}
            {notice.problems && notice.problems.length > 0 && (
              <ul className="sim-problems" aria-label="Problems">
                {notice.problems.map((p, i) => (
                  <li key={i}>
                    <code>{p.path}</code> {p.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {loadError && <p className="sim-error" role="alert">{loadError}</p>}
      </section>
      <section className="sim-section" aria-label="Scenarios">
        <div className="sim-row">
          <h3>Scenarios ({file?.scenarios.length ?? 0})</h3>
          <Button size="sm" disabled={!file?.scenarios.length} onClick={runAll}>
            Run all
          </Button>
          {lastUndo && editing === null && (
            <Button size="sm" disabled={busy} onClick={undoLast} aria-label={`Undo: ${lastUndo.label}`}>
              Undo
            </Button>
          )}
          {results && (
            <span className="sim-summary" data-failed={failed > 0}>
              {passed} passed, {failed} failed
              {file && results.length < file.scenarios.length ? `, ${file.scenarios.length - results.length} not run since an edit` : ''}
            </span>
          )}
        </div>
        {!file?.scenarios.length && <p className="sim-muted">No scenarios yet: simulate a conversation, then save it here.</p>}
        <ul className="sim-scenario-list">
          {file?.scenarios.map((s) => {
            const r = results?.find((x) => x.name === s.name);
            return (
              <li key={s.name} data-status={r?.status ?? 'not-run'} data-open={open === s.name || undefined}>
                <button type="button" className="sim-scenario-row" aria-expanded={open === s.name} aria-current={open === s.name ? 'true' : undefined} onClick={() => setOpen(open === s.name ? null : s.name)}>
                  <span className="sim-status">{r ? (r.status === 'passed' ? 'PASS' : r.status === 'failed' ? 'FAIL' : 'SKIP') : '—'}</span> <bdi className="sim-scenario-name">{s.name}</bdi>
                </button>
                {open === s.name && (
                  <div className="sim-row">
                    <Button size="sm" aria-pressed={editing === s.name} onClick={() => setEditing(editing === s.name ? null : s.name)}>
                      {editing === s.name ? 'Done editing' : 'Edit steps'}
                    </Button>
                  </div>
                )}
                {/* While editing, the failure is shown at its step in the editor (marked FAIL), not below the Insert form. */}
                {open === s.name && editing !== s.name && r?.failure && <FailureDetail failure={r.failure} name={s.name} onFocusBlock={onFocusBlock} />}
                {editing === s.name && (
                  <ScenarioEditor scenario={s} blocks={flow.blocks} busy={busy} onEdit={(e, done) => void edit(e, done)} undoLabel={undoLabelFor(s.name)} onUndo={undoLast} redoLabel={redoLabelFor(s.name)} onRedo={redoLast} failure={r?.failure ?? null} onFocusBlock={onFocusBlock} />
                )}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
