/**
 * Scenarios: save the simulated conversation as a scenario (with the expectations clicked in the transcript),
 * the flow's scenarios with "Run all" (pass / fail), and a failure's first difference side by side with its
 * block focused. Stored beside the flow through the studio server (GET/PUT /api/flows/:key/scenarios).
 */
import { useCallback, useEffect, useState } from 'react';
import type { Flow } from '../../../shared/flow/schema';
import { insertExpectation, recordScenario, upsertScenario } from '../../../shared/simulator/scenarioRecorder';
import { describeStep, runScenarioFile, type ScenarioResult } from '../../../shared/simulator/scenarioRunner';
import type { Expectation, ScenarioFile } from '../../../shared/simulator/scenarioSchema';
import type { ScenarioSession } from '../../../shared/simulator/scenarioSession';
import { Button } from '../../ui/Button';

export interface PendingExpectation {
  afterAction: number;
  expect: Expectation;
  label: string;
}

export interface ScenarioStorage {
  load(): Promise<{ file: ScenarioFile; exists: boolean }>;
  save(file: ScenarioFile): Promise<unknown>;
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

export function ScenariosPane({ flow, session, storage, pending, onClearPending, onFocusBlock }: ScenariosPaneProps) {
  const [file, setFile] = useState<ScenarioFile | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [results, setResults] = useState<ScenarioResult[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    if (!storage) return;
    let live = true;
    storage.load().then(
      (r) => live && setFile(r.exists ? r.file : null),
      (e) => live && setLoadError(`The scenarios file could not be read: ${message(e)}. Saving will replace nothing until it is fixed.`),
    );
    return () => {
      live = false;
    };
  }, [storage]);

  const save = useCallback(async () => {
    if (!session || !name.trim()) return;
    let scenario = recordScenario(session, { name: name.trim() });
    for (const p of pending) scenario = insertExpectation(scenario, p.afterAction, p.expect);
    const next = upsertScenario(file, flow.id, scenario);
    try {
      if (storage) {
        if (loadError) throw new Error(loadError);
        await storage.save(next);
      }
      setFile(next);
      setNotice(storage ? `Saved "${scenario.name}" (${next.scenarios.length} scenario${next.scenarios.length === 1 ? '' : 's'} in the file).` : `Kept "${scenario.name}" in memory: this studio has no server, nothing is written.`);
      setName('');
      onClearPending();
    } catch (e) {
      setNotice(`Not saved: ${message(e)}`);
    }
  }, [session, name, pending, file, flow.id, storage, loadError, onClearPending]);

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
      setNotice(`The scenarios could not run: ${message(e)}`);
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
          <Button size="sm" variant="primary" disabled={!session || !name.trim()} onClick={() => void save()}>
            Save as scenario
          </Button>
        </div>
        {notice && <p className="sim-note" role="status">{notice}</p>}
        {loadError && <p className="sim-error" role="alert">{loadError}</p>}
      </section>
      <section className="sim-section" aria-label="Scenarios">
        <div className="sim-row">
          <h3>Scenarios ({file?.scenarios.length ?? 0})</h3>
          <Button size="sm" disabled={!file?.scenarios.length} onClick={runAll}>
            Run all
          </Button>
          {results && (
            <span className="sim-summary" data-failed={failed > 0}>
              {passed} passed, {failed} failed
            </span>
          )}
        </div>
        {!file?.scenarios.length && <p className="sim-muted">No scenarios yet: simulate a conversation, then save it here.</p>}
        <ul className="sim-scenario-list">
          {file?.scenarios.map((s) => {
            const r = results?.find((x) => x.name === s.name);
            return (
              <li key={s.name} data-status={r?.status ?? 'not-run'}>
                <button type="button" className="sim-scenario-row" aria-expanded={open === s.name} onClick={() => setOpen(open === s.name ? null : s.name)}>
                  <span className="sim-status">{r ? (r.status === 'passed' ? 'PASS' : r.status === 'failed' ? 'FAIL' : 'SKIP') : '—'}</span> {s.name}
                </button>
                {open === s.name && r?.failure && (
                  <div className="sim-failure" role="region" aria-label={`Failure of ${s.name}`}>
                    <div>
                      At step {r.failure.stepIndex + 1}: {r.failure.step ? describeStep(r.failure.step) : r.failure.check}
                    </div>
                    <div className="sim-diff">
                      <div>
                        <div className="sim-muted">expected</div>
                        <pre>{r.failure.expected}</pre>
                      </div>
                      <div>
                        <div className="sim-muted">actual</div>
                        <pre>{r.failure.actual}</pre>
                      </div>
                    </div>
                    {r.failure.blockId && (
                      <Button size="sm" onClick={() => onFocusBlock?.(r.failure!.blockId!)}>
                        Show block {r.failure.blockId}
                      </Button>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
