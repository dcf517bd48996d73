/**
 * The simulator panel's state: one scenario session (shared/simulator/scenarioSession.ts) over the open flow,
 * kept in a ref (the session mutates itself) with a version counter to re-render. Every panel action is
 * `act(step)` with a scenario step; a refused action leaves the conversation as it was and its reason is shown.
 * Edits to the flow reach the session through `replaceFlow`, so they apply to the next simulated message.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Flow, Value } from '../../../shared/flow/schema';
import { createScenarioSession, restartSession, type ActionStep, type ScenarioSession, type SessionSetup } from '../../../shared/simulator/scenarioSession';
import { clockZone, DEFAULT_START_WALL_TIME, defaultStartTime } from '../../../shared/simulator/virtualClock';
import { MAX_CLOCK_MS } from '../../../shared/simulator/createSimulation';
import { parseZonedTime } from '../../../shared/flow/zonedTime';
import { formatClock, simulatorView, type SimulatorView } from '../../../shared/simulator/simulatorView';
import { defaultVirtualAgents, virtualAgent, type VirtualAgent, type VirtualAgentInput } from '../../../shared/simulator/virtualAgents';
import { customerEndedLine } from '../../../shared/handoff/statusWords';

/**
 * The setup of the flow's scenarios file (its top-level `now` and `agents`), which `baton test` and `baton chat`
 * use: the panel starts with it too, so a template's own agents (Skyline's airport desk, Harbor's claims advisors)
 * take its handoffs (newcomer s6 #19). Without a file, or without agents in it, the sample agents Ana, Ben, Chloe
 * and Dev are used.
 */
export interface SimulatorFileSetup {
  now?: string;
  agents?: VirtualAgentInput[];
}

/**
 * The clock and agents a fresh session starts with. Hostile s28 H4: the file's `now` without Z or an offset was read
 * with Date.parse, in the browser's zone (10:00 was 15:00 in London from New York); it is the flow's wall time, as
 * `baton test` and `baton chat` read it (scenarioRunner's scenarioSetup: parseZonedTime in the flow's zone). Without a
 * `now` (or one the clock cannot use) the clock starts on Monday 2 March 2026 at 10:00 in the flow's zone (session 42,
 * newcomer s19 F15: it was 10:00 UTC, five in the morning for a New York team).
 */
export function baseSetup(file: SimulatorFileSetup | null, flow: Flow | string): { now: number; agents: VirtualAgent[] } {
  // A zone alone (tests): the file's `now` and the default start are read in it.
  const fileZone = typeof flow === 'string' ? flow : flow.settings.timezone;
  const read = file?.now ? parseZonedTime(file.now, fileZone) : null;
  const at = read && read.ok && read.at >= 0 && read.at <= MAX_CLOCK_MS ? read.at : null;
  const fallback = typeof flow === 'string' ? parseZonedTime(DEFAULT_START_WALL_TIME, flow) : null;
  return {
    now: at ?? (typeof flow === 'string' ? (fallback?.ok ? fallback.at : Date.UTC(2026, 2, 2, 10)) : defaultStartTime(flow)),
    agents: file?.agents ? file.agents.map((a) => virtualAgent(a)) : defaultVirtualAgents(),
  };
}

export interface SimulatorStart {
  startAt?: string;
  variables?: Record<string, Value>;
  /**
   * Where the new conversation's clock starts (newcomer s28 N9): 'start' (default) the setup's time again (the scenarios
   * file's `now`, else Monday 10:00), 'keep' the clock as it is (e.g. after "Outside business hours"), or an instant.
   */
  clock?: 'start' | 'keep' | number;
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
  /** The setup's start time, where Restart puts the clock back, in the flow's zone ("Mon 2 Mar 2026 10:00 (Europe/London)"). */
  startClock: string;
  /** Where the virtual agents came from: the flow's scenarios file, or the sample agents. */
  agentsFrom: 'file' | 'sample';
  /** The scenarios file's agents (null: it names none, or it is not read yet). */
  fileAgents: VirtualAgentInput[] | null;
  /**
   * Session 46 (studio13, newcomer N9): the conversation shown was played again on the edited flow when the panel
   * opened (or the page came back), and it now says something other than what the bot said then. Cleared by a restart.
   */
  replayedWithEdits: boolean;
  /** The tester edited a variable in the debug drawer (not a scenario step: kept in the conversation only). */
  setVariable(name: string, value: Value): void;
  clearError(): void;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Session 27 (newcomer s24 #9 rest): a reload lost the simulated conversation. The panel keeps it in the tab's
 * sessionStorage (the session's setup and its logged actions, which are scenario steps) and plays it again on the
 * current flow when the page comes back; a step the edited flow no longer accepts ends the replay there.
 * Hostile s28 H7: it was kept under the flow's id, which two files can share (a copy keeps the id), so one flow's chat
 * was replayed on the other: it is kept under the studio's flow key (one per file) when the studio gives it.
 */
export interface KeptConversation {
  setup: SessionSetup;
  log: ActionStep[];
  /** Its agents came from the flow's scenarios file. */
  fromFile?: boolean;
  /**
   * Session 46 (studio13, newcomer N9): what the conversation showed when it was kept (each transcript entry's sender and
   * text), so a replay on an edited flow that shows other words can say so. Older kept conversations have none.
   */
  said?: string[];
}

const KEPT_PREFIX = 'baton.simulator.conversation.';

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
const isStrings = (x: unknown) => Array.isArray(x) && x.every((s) => typeof s === 'string');
const isCount = (x: unknown) => x === undefined || x === null || (typeof x === 'number' && Number.isFinite(x));

/** A kept virtual agent the panel can show (a name to list and compare, its status, lists of words). */
function isKeptAgent(a: unknown): boolean {
  return (
    isObject(a) &&
    typeof a.id === 'string' &&
    typeof a.name === 'string' &&
    (a.status === 'online' || a.status === 'busy' || a.status === 'offline') &&
    isStrings(a.skills) &&
    isStrings(a.languages) &&
    isStrings(a.teams) &&
    isCount(a.activeChats) &&
    isCount(a.capacity) &&
    isCount(a.lastAssignedAt)
  );
}

/**
 * Whether a kept value can be played again. Hostile s28 H6: only `typeof setup.now === 'number'` was checked, so a
 * start time out of the clock's range (9e15, stale or hand-edited storage) threw in render ("Invalid time value") and
 * blanked the studio tab on every reload. The clock's range is 1970 to 9999 (MAX_CLOCK_MS), as a scenarios file's.
 */
export function isReplayableKept(v: unknown): v is KeptConversation {
  if (!isObject(v) || !Array.isArray(v.log) || !isObject(v.setup)) return false;
  const { now, agents, startAt, variables } = v.setup;
  if (typeof now !== 'number' || !Number.isFinite(now) || now < 0 || now > MAX_CLOCK_MS) return false;
  if (agents !== undefined && !(Array.isArray(agents) && agents.every(isKeptAgent))) return false;
  if (startAt !== undefined && typeof startAt !== 'string') return false;
  if (variables !== undefined && !isObject(variables)) return false;
  if (v.said !== undefined && !isStrings(v.said)) return false;
  return v.log.every(isObject);
}

/** The transcript as kept: one string per entry, sender and text (what the tester saw). */
export function saidIn(session: ScenarioSession): string[] {
  return session.sim.transcript.map((t) => `${t.from}\u0000${t.text}`);
}

/** Whether a replayed conversation shows something other than what was kept (unknown for an old kept one: false). */
export function replayDiffers(kept: KeptConversation, replayed: ScenarioSession): boolean {
  if (!kept.said) return false;
  const now = saidIn(replayed);
  return now.length !== kept.said.length || now.some((x, i) => x !== kept.said![i]);
}

/** The kept conversation, or null; one that cannot be played again is dropped from the store. */
function readKept(store: Storage, key: string): KeptConversation | null {
  let raw: string | null = null;
  try {
    raw = store.getItem(KEPT_PREFIX + key);
    const v: unknown = raw ? JSON.parse(raw) : null;
    if (v === null || isReplayableKept(v)) return v;
  } catch {
    // Not JSON: dropped below.
  }
  if (raw !== null) forgetKept(store, key);
  return null;
}

/** Drops the conversation kept under `key` (the simulator's "Start over" after an error). */
export function forgetKept(store: Storage, key: string): void {
  try {
    store.removeItem(KEPT_PREFIX + key);
  } catch {
    // Refused storage: nothing was kept.
  }
}

function writeKept(store: Storage, key: string, session: ScenarioSession | null, fromFile: boolean): void {
  try {
    if (!session) store.removeItem(KEPT_PREFIX + key);
    else store.setItem(KEPT_PREFIX + key, JSON.stringify({ setup: session.setup, log: session.log, fromFile, said: saidIn(session) } satisfies KeptConversation));
  } catch {
    // Full or refused storage: the conversation is simply not kept across a reload.
  }
}

/** The kept conversation played again on `flow`; null when it cannot start (the caller starts a fresh one). */
export function replayKept(flow: Flow, kept: KeptConversation): ScenarioSession | null {
  try {
    const s = createScenarioSession(flow, kept.setup);
    for (const step of kept.log) if (!s.apply(step).ok) break;
    return s;
  } catch {
    return null;
  }
}

/**
 * `rememberKey`: what the kept conversation is filed under in `remember` (the studio's flow key, unique per file);
 * default the flow's id.
 */
export function useSimulatorSession(flow: Flow, fileSetup: SimulatorFileSetup | null = null, remember: Storage | null = null, rememberKey?: string): SimulatorController {
  const ref = useRef<ScenarioSession | null>(null);
  const setupRef = useRef(fileSetup);
  setupRef.current = fileSetup;
  /** Whether the running session's agents came from the scenarios file. */
  const fromFile = useRef(false);
  const [startError, setStartError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  const flowRef = useRef(flow);
  const [replayedWithEdits, setReplayedWithEdits] = useState(false);

  const create = useCallback(
    (f: Flow, start: SimulatorStart = {}, previous?: ScenarioSession, now?: number) => {
      try {
        const base = baseSetup(setupRef.current, f);
        ref.current = previous
          ? createScenarioSession(f, { ...previous.setup, now: now ?? previous.now, agents: previous.agents?.map((a) => ({ ...a })), startAt: start.startAt, variables: start.variables })
          : createScenarioSession(f, { ...base, now: now ?? base.now, startAt: start.startAt, variables: start.variables, httpDefault: 'wait', conversationId: 'studio' });
        if (!previous) fromFile.current = !!setupRef.current?.agents;
        setStartError(null);
        setReplayedWithEdits(false);
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
    // First render: start at once so the greeting is there when the panel opens (or the conversation kept before a reload).
    try {
      const kept = remember ? readKept(remember, rememberKey ?? flow.id) : null;
      const replayed = kept && kept.log.length > 0 ? replayKept(flow, kept) : null;
      ref.current = replayed ?? createScenarioSession(flow, { ...baseSetup(fileSetup, flow), httpDefault: 'wait', conversationId: 'studio' });
      fromFile.current = replayed ? !!kept?.fromFile : !!fileSetup?.agents;
      if (kept && replayed && replayDiffers(kept, replayed)) queueMicrotask(() => setReplayedWithEdits(true));
    } catch (e) {
      ref.current = null;
      queueMicrotask(() => setStartError(message(e)));
    }
  }

  // The scenarios file is read after the panel opened: start again with its clock and agents, unless the tester
  // already did something (their conversation is kept; "Restart" keeps the agents they have).
  const appliedSetup = useRef<SimulatorFileSetup | null>(fileSetup);
  useEffect(() => {
    if (!fileSetup || appliedSetup.current === fileSetup) return;
    appliedSetup.current = fileSetup;
    const s = ref.current;
    if (s && s.log.length > 0) return;
    create(flowRef.current);
  }, [fileSetup, create]);

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
        // The widget says "<agent> marked this chat as resolved" when the agent closes or resolves; the simulator showed
        // nothing before the rating question (newcomer s8 #10 #11). Remember where, and under whose name.
        const leaving = 'agent' in step && (step.agent === 'handback' || step.agent === 'close' || step.agent === 'resolve') ? simulatorView(s).agentPane.handoff : null;
        const at = s.sim.transcript.length;
        const r = s.apply(step);
        ok = r.ok;
        // Session 43 (newcomer s42 N13): in the widget's words, which are the inbox's: resolved, not "has left the
        // chat"; a hand back is said by the flow's own line ("Ana handed the conversation back to the bot.").
        if (ok && leaving && (leaving.agentName || leaving.agentId) && 'agent' in step && step.agent !== 'handback') {
          const lines = leftLines.get(s) ?? [];
          lines.push({ at, text: customerEndedLine(leaving.agentName ?? leaving.agentId, 'closed') });
          leftLines.set(s, lines);
        }
        setError(r.ok ? null : (r.error ?? 'The simulator refused this action.'));
      } catch (e) {
        setError(message(e));
      }
      bump();
      return ok;
    },
    [bump],
  );

  // Newcomer s28 N9: Restart kept the clock, so after "Outside business hours" every later conversation was out of hours
  // and the clock could not be set back (it never goes back within a conversation). A new conversation starts at the
  // setup's time again unless the tester keeps the clock (or names a time: "Start a new conversation at ..." in Clock).
  const restart = useCallback(
    (as: 'same_customer' | 'new_customer', start?: SimulatorStart) => {
      const s = ref.current;
      const clock = start?.clock ?? 'start';
      const now = typeof clock === 'number' ? clock : clock === 'keep' && s ? s.now : baseSetup(setupRef.current, flowRef.current).now;
      if (!s) return create(flowRef.current, start, undefined, now);
      if (start && (start.startAt !== undefined || start.variables !== undefined)) return create(flowRef.current, start, s, now);
      try {
        ref.current = restartSession(s, flowRef.current, as, now);
        setError(null);
        setReplayedWithEdits(false);
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

  // Kept for a reload after every change (an action, a restart, the flow's scenarios file applied).
  const rememberRef = useRef(remember);
  rememberRef.current = remember;
  const keptKey = rememberKey ?? flow.id;
  useEffect(() => {
    if (rememberRef.current) writeKept(rememberRef.current, keptKey, ref.current, fromFile.current);
  }, [version, keptKey]);

  const session = ref.current;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const view = useMemo(() => (session ? withLeftLines(session, simulatorView(session)) : null), [session, version]);
  const startClock = formatClock(baseSetup(fileSetup, flow).now, clockZone(flow));
  return { session, view, startError, error, act, restart, startClock, setVariable, replayedWithEdits, agentsFrom: fromFile.current ? 'file' : 'sample', fileAgents: fileSetup?.agents ?? null, clearError: () => setError(null) };
}

/** "<agent> marked this chat as resolved" lines per session, at the transcript position where the agent left (display only). */
const leftLines = new WeakMap<ScenarioSession, { at: number; text: string }[]>();

/** The view's chat with the "marked this chat as resolved" lines in place, as the widget shows them (before the bot's rating question). */
export function withLeftLines(session: ScenarioSession, view: SimulatorView): SimulatorView {
  const lines = leftLines.get(session);
  if (!lines?.length) return view;
  const chat: SimulatorView['chat'] = [];
  let k = 0;
  for (const line of view.chat) {
    while (k < lines.length && lines[k].at <= line.index) chat.push({ from: 'system', text: lines[k].text, index: -1 - k++ } as SimulatorView['chat'][number]);
    chat.push(line);
  }
  while (k < lines.length) chat.push({ from: 'system', text: lines[k].text, index: -1 - k++ } as SimulatorView['chat'][number]);
  return { ...view, chat };
}
