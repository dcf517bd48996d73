/**
 * The simulator panel's state: one scenario session (shared/simulator/scenarioSession.ts) over the open flow,
 * kept in a ref (the session mutates itself) with a version counter to re-render. Every panel action is
 * `act(step)` with a scenario step; a refused action leaves the conversation as it was and its reason is shown.
 * Edits to the flow reach the session through `replaceFlow`, so they apply to the next simulated message.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Flow, Value } from '../../../shared/flow/schema';
import { createScenarioSession, restartSession, type ActionStep, type ScenarioSession } from '../../../shared/simulator/scenarioSession';
import { DEFAULT_SCENARIO_NOW } from '../../../shared/simulator/scenarioSchema';
import { simulatorView, type SimulatorView } from '../../../shared/simulator/simulatorView';
import { defaultVirtualAgents } from '../../../shared/simulator/virtualAgents';

export interface SimulatorStart {
  startAt?: string;
  variables?: Record<string, Value>;
}

export interface SimulatorController {
  session: ScenarioSession | null;
  view: SimulatorView | null;
  /** Why the session could not start (e.g. the flow has no Start block), in words. */
  startError: string | null;
  /** The last refused action's reason. */
  error: string | null;
  act(step: ActionStep): boolean;
  restart(as: 'same_customer' | 'new_customer', start?: SimulatorStart): void;
  /** The tester edited a variable in the debug drawer (not a scenario step: kept in the conversation only). */
  setVariable(name: string, value: Value): void;
  clearError(): void;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function useSimulatorSession(flow: Flow): SimulatorController {
  const ref = useRef<ScenarioSession | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  const flowRef = useRef(flow);

  const create = useCallback(
    (f: Flow, start: SimulatorStart = {}, previous?: ScenarioSession) => {
      try {
        ref.current = previous
          ? createScenarioSession(f, { ...previous.setup, now: previous.now, agents: previous.agents?.map((a) => ({ ...a })), startAt: start.startAt, variables: start.variables })
          : createScenarioSession(f, { now: Date.parse(DEFAULT_SCENARIO_NOW), agents: defaultVirtualAgents(), startAt: start.startAt, variables: start.variables, httpDefault: 'wait', conversationId: 'studio' });
        setStartError(null);
      } catch (e) {
        ref.current = null;
        setStartError(message(e));
      }
      setError(null);
      bump();
    },
    [bump],
  );

  if (ref.current === null && startError === null && version === 0) {
    // First render: start at once so the greeting is there when the panel opens.
    try {
      ref.current = createScenarioSession(flow, { now: Date.parse(DEFAULT_SCENARIO_NOW), agents: defaultVirtualAgents(), httpDefault: 'wait', conversationId: 'studio' });
    } catch (e) {
      ref.current = null;
      queueMicrotask(() => setStartError(message(e)));
    }
  }

  // Studio edits apply to the next message.
  useEffect(() => {
    if (flowRef.current === flow) return;
    flowRef.current = flow;
    const s = ref.current;
    if (!s) {
      create(flow);
      return;
    }
    try {
      const r = s.replaceFlow(flow);
      if (!r.ok && r.error) setError(`The edited flow could not be applied: ${r.error}`);
    } catch (e) {
      setError(`The edited flow could not be applied: ${message(e)}`);
    }
    bump();
  }, [flow, create, bump]);

  const act = useCallback(
    (step: ActionStep) => {
      const s = ref.current;
      if (!s) return false;
      let ok = false;
      try {
        const r = s.apply(step);
        ok = r.ok;
        setError(r.ok ? null : (r.error ?? 'The simulator refused this action.'));
      } catch (e) {
        setError(message(e));
      }
      bump();
      return ok;
    },
    [bump],
  );

  const restart = useCallback(
    (as: 'same_customer' | 'new_customer', start?: SimulatorStart) => {
      const s = ref.current;
      if (!s) return create(flowRef.current, start);
      if (start) return create(flowRef.current, start, s);
      try {
        ref.current = restartSession(s, flowRef.current, as);
        setError(null);
      } catch (e) {
        setError(message(e));
      }
      bump();
    },
    [create, bump],
  );

  // Recorded as a `set` step, so a saved scenario replays the conversation the tester had (before, the edit
  // changed the state only and the saved scenario did something else).
  const setVariable = useCallback((name: string, value: Value) => void act({ set: { [name]: value } }), [act]);

  const session = ref.current;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const view = useMemo(() => (session ? simulatorView(session) : null), [session, version]);
  return { session, view, startError, error, act, restart, setVariable, clearError: () => setError(null) };
}
