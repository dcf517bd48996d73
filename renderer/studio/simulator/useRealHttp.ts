/**
 * The simulator's "HTTP: call for real / ask me" switch. In "ask me" (the default) a waiting HTTP Request block
 * waits for the reply the tester types in the Debug tab. In "call for real" the oldest waiting request is sent
 * through the studio server (POST /api/simulate/http: the page cannot reach most APIs, CORS, and never holds
 * secrets) and its answer is applied as an `httpReply` step, so a saved scenario replays it offline.
 * Every call is logged (method, the URL as the flow wrote it: `{{secrets.NAME}}` unfilled, status, time).
 */
import { useEffect, useRef, useState } from 'react';
import type { ActionStep, ScenarioSession } from '../../../shared/simulator/scenarioSession';
import { structureProblems } from '../../../shared/simulator/scenarioSchema';
import type { SimulateHttpRequest, SimulateHttpResult } from '../api/studioApi';

export type HttpMode = 'ask' | 'real';

/** Makes one call through the studio server; rejects (StudioApiError) when the server refuses or is gone. */
export type HttpCaller = (req: SimulateHttpRequest) => Promise<SimulateHttpResult>;

export interface HttpCallLog {
  method: string;
  /** As the block built it: secrets stay `{{secrets.NAME}}`. */
  url: string;
  status: number | null;
  ok: boolean;
  ms: number | null;
  /** The call's error (network, timeout, secret) or why it could not be made or applied. */
  error?: string;
  /** The answer was applied to the conversation (recorded as an httpReply step). */
  applied: boolean;
}

export interface RealHttpController {
  mode: HttpMode;
  setMode(mode: HttpMode): void;
  /** A caller exists (the studio server is there); without one only "ask me" works. */
  available: boolean;
  busy: boolean;
  log: HttpCallLog[];
}

type Waiting = ScenarioSession['waitingHttp'][number];

function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) {
    const hint = 'hint' in e && typeof (e as { hint: unknown }).hint === 'string' && (e as { hint: string }).hint ? ` ${(e as { hint: string }).hint}` : '';
    return `${String((e as { message: unknown }).message)}${hint}`;
  }
  return String(e);
}

/**
 * `session` and `version` come from useSimulatorSession (the session mutates itself; version changes after
 * every action). `act` applies the reply exactly as the Debug tab's "Reply" does.
 */
export function useRealHttp(session: ScenarioSession | null, version: unknown, act: (step: ActionStep) => boolean, caller: HttpCaller | null): RealHttpController {
  const [mode, setMode] = useState<HttpMode>('ask');
  const [busy, setBusy] = useState(false);
  const [log, setLog] = useState<HttpCallLog[]>([]);
  // Each waiting request is tried once (a failed call is not retried in a loop; the tester answers by hand).
  const tried = useRef(new WeakSet<Waiting>());
  const busyRef = useRef(false);
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const actRef = useRef(act);
  actRef.current = act;

  useEffect(() => {
    if (mode !== 'real' || !caller || !session || busyRef.current) return;
    const request = session.waitingHttp[0];
    if (!request || tried.current.has(request)) return;
    tried.current.add(request);
    busyRef.current = true;
    setBusy(true);
    const entry = (patch: Omit<HttpCallLog, 'method' | 'url'>) => setLog((l) => [...l, { method: request.method, url: request.url, ...patch }]);
    caller({ method: request.method, url: request.url, headers: request.headers, body: request.body, bodyFormat: request.bodyFormat, timeoutMs: request.timeoutMs })
      .then((r) => {
        const s = sessionRef.current;
        // Restarted, or the request timed out / was answered meanwhile: the answer belongs to nobody now.
        if (s !== session || s.waitingHttp[0] !== request) {
          entry({ status: r.status, ok: r.ok, ms: r.ms, error: 'the conversation moved on before the answer came; not applied', applied: false });
          return;
        }
        const structure = structureProblems({ body: r.body });
        if (structure.length) {
          entry({ status: r.status, ok: r.ok, ms: r.ms, error: `the answer cannot be kept in a scenario (${structure[0].path.replace(/^\$\./, '')} ${structure[0].message}); answer by hand`, applied: false });
          return;
        }
        const applied = actRef.current({ httpReply: { status: r.status, ok: r.ok, body: r.body as never } });
        entry({ status: r.status, ok: r.ok, ms: r.ms, error: r.error, applied });
      })
      .catch((e: unknown) => entry({ status: null, ok: false, ms: null, error: `the studio server could not make the call: ${errorText(e)} Answer by hand below.`, applied: false }))
      .finally(() => {
        busyRef.current = false;
        setBusy(false);
      });
    // `version` changes after every action: a new waiting request is picked up then.
  }, [mode, caller, session, version, busy]);

  return { mode, setMode, available: caller !== null, busy, log };
}
