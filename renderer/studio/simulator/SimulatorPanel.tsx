/**
 * The simulator panel (issue 9): runs the open flow with the engine in the studio itself, no server.
 * Tabs: Chat (customer chat + agent pane on handoff), Setup (virtual clock, virtual agents, restart options),
 * Debug (variables, decisions, handoff context, effects, HTTP replies), Scenarios (save, run all), Batch
 * (what-if on a JSONL of conversations). It also draws the path / current block / batch counts on the canvas.
 */
import { X } from 'lucide-react';
import { Component, Fragment, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { expectationFromEntry } from '../../../shared/simulator/scenarioRecorder';
import { actionOfTranscriptEntry } from '../../../shared/simulator/scenarioSession';
import type { ChatLine } from '../../../shared/simulator/simulatorView';
import type { Expectation } from '../../../shared/simulator/scenarioSchema';
import { Button } from '../../ui/Button';
import { Tabs } from '../../ui/Tabs';
import { useStudio } from '../store/StudioStoreContext';
import { BatchPane, emptyBatch, type BatchState } from './BatchPane';
import { CanvasOverlay } from './CanvasOverlay';
import { ChatPane } from './ChatPane';
import { DebugDrawer } from './DebugDrawer';
import { ScenariosPane, type PendingExpectation, type ScenarioStorage } from './ScenariosPane';
import { AgentsEditor, ClockPane, hoursWords, RestartPane } from './SetupPane';
import { forgetKept, useSimulatorSession, type SimulatorFileSetup } from './useSimulatorSession';
import { useRealHttp, type HttpCaller } from './useRealHttp';
import { studioApi } from '../api/studioApi';
import './simulator.css';
import { cutText } from '../../inbox/inertText';

export interface SimulatorPanelProps {
  onClose(): void;
  /** Select and centre a block on the canvas. */
  onFocusBlock?(id: string): void;
  /** Where scenarios are kept (the studio server); null: in memory only. */
  storage?: ScenarioStorage | null;
  /** Draw highlights and counts on the canvas (needs the canvas's ReactFlowProvider). Default true. */
  overlay?: boolean;
  /**
   * Calls an HTTP Request block's URL for real through the studio server ("HTTP: call for real"). Default: the
   * studio server's POST /api/simulate/http when `storage` is given (the panel runs in a studio page); null: only "ask me".
   */
  http?: HttpCaller | null;
  /** Where the conversation is kept across a reload of the page (the studio page: the tab's sessionStorage); null: not kept. */
  remember?: Storage | null;
  /** What the conversation is kept under in `remember`: the studio's flow key (two files may share a flow id); default the flow's id. */
  rememberKey?: string;
}

const TABS = [
  { value: 'chat', label: 'Chat' },
  { value: 'setup', label: 'Clock & agents' },
  { value: 'debug', label: 'Debug' },
  { value: 'scenarios', label: 'Scenarios' },
  { value: 'batch', label: 'Batch' },
];

const serverHttp: HttpCaller = (req) => studioApi.simulateHttp(req);

/**
 * Hostile s28 H6: an error while drawing the simulator (a kept conversation the panel could not show) blanked the whole
 * studio tab, on every reload, since nothing in the studio caught it. The panel is drawn inside this boundary: an error
 * shows what happened and "Start over", which drops the conversation kept in the tab and starts the panel afresh; the
 * canvas and the rest of the studio stay.
 */
export class SimulatorBoundary extends Component<{ children: ReactNode; onStartOver(): void; onClose(): void }, { error: string | null; round: number }> {
  override state = { error: null as string | null, round: 0 };

  static getDerivedStateFromError(e: unknown): { error: string } {
    return { error: e instanceof Error ? e.message : String(e) };
  }

  private startOver = () => {
    this.props.onStartOver();
    this.setState((s) => ({ error: null, round: s.round + 1 }));
  };

  override render() {
    if (this.state.error === null) return <Fragment key={this.state.round}>{this.props.children}</Fragment>;
    return (
      <aside className="sim-panel" aria-label="Simulator">
        <header className="sim-head">
          <strong>Simulator</strong>
          <span className="sim-spacer" />
          <Button variant="ghost" size="icon" aria-label="Close the simulator" onClick={this.props.onClose}>
            <X size={16} />
          </Button>
        </header>
        <div className="sim-scroll">
          <p className="sim-error" role="alert">
            The simulator stopped on an error: {this.state.error.replace(/[.\s]+$/, '')}. Your flow is not affected. Start over drops the simulated conversation kept in this tab
            and starts a new one.
          </p>
          <Button size="sm" variant="primary" onClick={this.startOver}>
            Start over
          </Button>
        </div>
      </aside>
    );
  }
}

export function SimulatorPanel(props: SimulatorPanelProps) {
  const flowId = useStudio((s) => s.flow.id);
  const { remember, rememberKey, onClose } = props;
  const startOver = useCallback(() => {
    if (remember) forgetKept(remember, rememberKey ?? flowId);
  }, [remember, rememberKey, flowId]);
  return (
    <SimulatorBoundary onStartOver={startOver} onClose={onClose}>
      <SimulatorPanelInner {...props} />
    </SimulatorBoundary>
  );
}

function SimulatorPanelInner({ onClose, onFocusBlock, storage = null, overlay = true, http, remember = null, rememberKey }: SimulatorPanelProps) {
  const flow = useStudio((s) => s.flow);
  // The flow's scenarios file names its own virtual agents and clock (as `baton test` and `baton chat` use them).
  const [fileSetup, setFileSetup] = useState<SimulatorFileSetup | null>(null);
  useEffect(() => {
    if (!storage) return;
    let live = true;
    storage
      .load()
      .then((r) => {
        if (live && r.exists && (r.file.agents || r.file.now)) setFileSetup({ now: r.file.now, agents: r.file.agents });
      })
      // An unreadable file is reported by the Scenarios tab; the sample agents are used meanwhile.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [storage]);
  const sim = useSimulatorSession(flow, fileSetup, remember, rememberKey);
  const realHttp = useRealHttp(sim.session, sim.view, sim.act, http !== undefined ? http : storage ? serverHttp : null);
  const [tab, setTab] = useState('chat');
  const [pending, setPending] = useState<PendingExpectation[]>([]);
  const [batch, setBatch] = useState<BatchState>(emptyBatch);
  const [showCounts, setShowCounts] = useState(true);
  const view = sim.view;

  const onExpect = useCallback(
    (line: ChatLine) => {
      const s = sim.session;
      const exp = expectationFromEntry(line);
      if (!s || !exp) return;
      // Session 50 (studio18, newcomer s49 N6): once per line; the line then shows "✓ expected" (a click takes it back).
      setPending((p) => (p.some((x) => x.line === line.index) ? p : [...p, { afterAction: actionOfTranscriptEntry(s, line.index), expect: exp, label: `${line.from} says “${cutText(line.text, 51)}”`, line: line.index }]));
    },
    [sim.session],
  );
  const onUnexpect = useCallback((line: ChatLine) => setPending((p) => p.filter((x) => x.line !== line.index)), []);
  const expectedLines = useMemo(() => new Set(pending.flatMap((p) => (p.line === undefined ? [] : [p.line]))), [pending]);
  const onExpectOther = useCallback(
    (expect: Expectation, turn: number | null, label: string) => {
      const s = sim.session;
      if (!s) return;
      let afterAction = s.log.length - 1;
      if (turn !== null) {
        const line = s.sim.transcript.map((t, i) => ({ t, i })).filter((x) => x.t.from === 'customer')[turn];
        if (line) afterAction = actionOfTranscriptEntry(s, line.i);
      }
      setPending((p) => [...p, { afterAction, expect, label }]);
    },
    [sim.session],
  );
  const clearPending = useCallback(() => setPending([]), []);
  const restart = useCallback<typeof sim.restart>(
    (as, start) => {
      setPending([]);
      sim.restart(as, start);
    },
    [sim],
  );

  const counts = showCounts && batch.run;
  const overlayProps = useMemo(
    () => ({ flow, follow: true, path: view?.path ?? [], currentBlockId: view?.currentBlockId ?? null, blockCounts: counts ? batch.run!.blockVisits : null, edgeCounts: counts ? batch.run!.edgeTraversals : null }),
    [flow, view, counts, batch.run],
  );

  return (
    <aside className="sim-panel" aria-label="Simulator">
      {overlay && <CanvasOverlay {...overlayProps} />}
      <header className="sim-head">
        <strong>Simulator</strong>
        {view && (
          <span className="sim-mode" data-mode={view.mode}>
            {view.mode === 'bot' ? 'bot' : view.mode === 'waiting' ? 'waiting for an agent' : view.mode === 'agent' ? 'with an agent' : 'chat ended'}
          </span>
        )}
        {view && (
          // Session 42 (newcomer s19 F15): the clock with its zone and whether the flow's opening hours are open; a click
          // opens the Clock tab, where a conversation starts on any day and time.
          <button type="button" className="sim-clock-small" data-testid="sim-head-clock" title={`Virtual clock (${view.zone}): set the day and time in Clock & agents`} onClick={() => setTab('setup')}>
            {view.clock}
            {hoursWords(view.hours) && (
              // Newcomer s43 N10: "closed" (the conversation) beside "open" (the hours) read as a contradiction: the
              // conversation says "chat ended", the hours chip "open now" / "closed now".
              <span className="sim-hours-chip" data-hours={view.hours} title="The flow's opening hours at this time">
                {hoursWords(view.hours)} now
              </span>
            )}
          </button>
        )}
        <span className="sim-spacer" />
        <Button size="sm" onClick={() => restart('new_customer')} title={`Restart as a new customer, the clock back at ${sim.startClock}`}>
          Restart
        </Button>
        <Button variant="ghost" size="icon" aria-label="Close the simulator" onClick={onClose}>
          <X size={16} />
        </Button>
      </header>
      {sim.replayedWithEdits && (
        // Newcomer s46 N9: the kept conversation was played again on the edited flow; the bot's lines above now show the
        // edited words, which it never said in that conversation. Say so, with Restart beside it.
        <p className="sim-replayed" role="status">
          <span>Replayed with your latest edits: the bot&apos;s lines show the flow as it is now, not what it said then.</span>
          <Button size="sm" onClick={() => restart('new_customer')}>
            Restart
          </Button>
        </p>
      )}
      {sim.startError && (
        <p className="sim-error" role="alert">
          The simulator cannot start this flow: {sim.startError} Fix it on the canvas; the simulator restarts with your next edit.
        </p>
      )}
      {sim.error && (
        <p className="sim-error" role="alert">
          {sim.error}{' '}
          <button type="button" className="sim-link" onClick={sim.clearError}>
            dismiss
          </button>
        </p>
      )}
      <Tabs label="Simulator" items={TABS} value={tab} onChange={setTab}>
        {view && tab === 'chat' && <ChatPane view={view} act={sim.act} onFocusBlock={onFocusBlock} onExpect={onExpect} expected={expectedLines} onUnexpect={onUnexpect} agents={sim.session?.agents ?? []} onOpenHttp={() => setTab('debug')} onOpenDebug={() => setTab('debug')} httpReal={realHttp.mode === 'real' && realHttp.available} />}
        {view && tab === 'setup' && (
          <div className="sim-scroll">
            <ClockPane view={view} act={sim.act} startClock={sim.startClock} restart={restart} flow={flow} />
            <AgentsEditor agents={sim.session?.agents} act={sim.act} from={sim.agentsFrom} fileAgents={sim.fileAgents} />
            <RestartPane flow={flow} restart={restart} clock={view.clock} startClock={sim.startClock} />
          </div>
        )}
        {view && tab === 'debug' && (
          <div className="sim-scroll">
            <DebugDrawer view={view} act={sim.act} setVariable={sim.setVariable} onExpect={onExpectOther} onFocusBlock={onFocusBlock} http={realHttp} />
          </div>
        )}
        {tab === 'scenarios' && (
          <div className="sim-scroll">
            <ScenariosPane flow={flow} session={sim.session} storage={storage} pending={pending} onClearPending={clearPending} onFocusBlock={onFocusBlock} />
          </div>
        )}
        {tab === 'batch' && (
          <div className="sim-scroll">
            <BatchPane flow={flow} batch={batch} setBatch={setBatch} showCounts={showCounts} setShowCounts={setShowCounts} storage={storage} onFocusBlock={onFocusBlock} />
          </div>
        )}
      </Tabs>
    </aside>
  );
}
