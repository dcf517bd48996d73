/**
 * Batch what-if: load a JSONL of conversation logs (the `baton simulate` format: one {"id", "turns": [...]}
 * per line), play them against the open flow, and show the escalation rate by reason as a chart with the
 * 15-25% handoff guidance band, the conversations behind each bar, and traversal counts on the canvas.
 * "Run again" after changing a threshold or a phrase shows the new rates beside the previous run.
 *
 * Session 47 (studio14, newcomer s46 N19): the file is chosen with the design system's button or dropped on the pane
 * (the browser's bare "Choose File / No file chosen" before), the format is shown with an example line, the flow's saved
 * scenarios run as a batch in one click, and "Download a sample file" gives a file to start from (the saved scenarios,
 * else conversations made from the flow's own menu: batchSamples.ts). Blocks in the results are named as the canvas and
 * the Problems list name them ("Buttons “What do you need today?”", not "Buttons buttons-1") and each shows its block.
 */
import { FileUp } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Flow } from '../../../shared/flow/schema';
import { HANDOFF_GUIDANCE as GUIDE, createBatchRunner, diffBatch, parseConversationsJsonl, runBatch, type BatchConversation, type BatchDiff, type BatchLineProblem, type BatchRun } from '../../../shared/simulator/batchWhatIf';
import { batchCounts, batchRates, countedOf, type BatchCounts } from '../../../shared/simulator/batchCounts';
import { ShownDirection } from '../../ui/ShownDirection';
import { problemBlockName } from '../hooks/designerWords';
import { saveTextFile } from '../home/exportFlowFile';
import { batchExampleLines, conversationsJsonl, flowSampleConversations, scenariosAsBatch, type ScenarioBatch } from '../../../shared/simulator/batchSamples';
import type { ScenarioStorage } from './ScenariosPane';
import { DEFAULT_SCENARIO_NOW } from '../../../shared/simulator/scenarioSchema';
import { flowRevision } from '../../../shared/engine/flowRevision';
import { Button } from '../../ui/Button';

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
/** Counts with thousands separators (newcomer s11 #20: "20000" read as a code). */
const num = (n: number) => n.toLocaleString('en-US');

export interface BatchState {
  name: string;
  conversations: BatchConversation[];
  problems: BatchLineProblem[];
  run: BatchRun | null;
  previous: BatchRun | null;
  diff: BatchDiff | null;
  error: string | null;
  /** Newcomer s11 #20: the designer cancelled the run: the chart shows the conversations played until then. */
  cancelled?: { played: number; total: number } | null;
  /** The conversations are the flow's saved scenarios (no file was loaded). */
  fromScenarios?: boolean;
}

export const emptyBatch: BatchState = { name: '', conversations: [], problems: [], run: null, previous: null, diff: null, error: null };

export function runBatchState(flow: Flow, state: BatchState): BatchState {
  try {
    const run = runBatch(flow, state.conversations, { now: Date.parse(DEFAULT_SCENARIO_NOW) });
    const previous = state.run;
    return { ...state, run, previous, diff: previous ? diffBatch(previous, run) : null, error: null };
  } catch (e) {
    return { ...state, error: `The batch could not run on this flow: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export function loadBatchText(flow: Flow, name: string, text: string): BatchState {
  const { conversations, problems } = parseConversationsJsonl(text);
  if (conversations.length === 0) {
    return { ...emptyBatch, name, problems, error: noConversationWords(name, problems) };
  }
  return runBatchState(flow, { ...emptyBatch, name, conversations, problems });
}

/** Largest file the studio reads for a batch (a 100 MB file froze the page for 9 s). */
export const MAX_BATCH_BYTES = 50 * 1024 * 1024;
/** Time the batch may hold the page before it lets clicks, edits and autosave through. */
const SLICE_MS = 30;

/**
 * Plays the batch in slices of about 30 ms, yielding to the page between them: the studio stays usable, the
 * pane shows progress, and Cancel stops it (null). Same result as runBatch.
 */
export async function runBatchInSlices(
  flow: Flow,
  conversations: readonly BatchConversation[],
  opts: { signal?: AbortSignal; onProgress?(done: number, total: number): void; sliceMs?: number; onCancelled?(partial: BatchRun, played: number): void } = {},
): Promise<BatchRun | null> {
  const runner = createBatchRunner(flow, { now: Date.parse(DEFAULT_SCENARIO_NOW) });
  let start = performance.now();
  const stopped = () => {
    // The conversations played so far are still a result (newcomer s11 #20): given to whoever asked for them.
    if (opts.onCancelled && runner.played > 0) opts.onCancelled(runner.result(), runner.played);
    return null;
  };
  for (const c of conversations) {
    if (opts.signal?.aborted) return stopped();
    runner.play(c);
    if (performance.now() - start > (opts.sliceMs ?? SLICE_MS)) {
      opts.onProgress?.(runner.played, conversations.length);
      await new Promise((r) => setTimeout(r, 0));
      start = performance.now();
    }
  }
  if (opts.signal?.aborted) return stopped();
  return runner.result();
}

/** The abort reason of the Cancel button (other aborts, a new run or closing the pane, keep nothing). */
const CANCELLED = 'cancelled by the designer';

export interface BatchPaneProps {
  flow: Flow;
  batch: BatchState;
  setBatch(b: BatchState): void;
  showCounts: boolean;
  setShowCounts(v: boolean): void;
  /** Where the flow's scenarios are kept (the studio server): "Run my saved scenarios" and the sample read them. */
  storage?: ScenarioStorage | null;
  /** Shows a block on the canvas (a block named in the results). */
  onFocusBlock?(id: string): void;
}

/** One conversation as the format line shows it. */
export const BATCH_EXAMPLE = '{"id": "c1", "turns": ["hello", "can you help me?"]}';

/**
 * Session 49 (studio17, newcomer s47 N6): a file with no readable line names its first bad lines in the alert (it said
 * only what a line must look like), the rest are listed under it.
 */
export function noConversationWords(name: string, problems: readonly BatchLineProblem[]): string {
  if (problems.length === 0) return `${name} holds no conversation: it is empty. Each line is one conversation, e.g. ${BATCH_EXAMPLE}`;
  const shown = problems.slice(0, 2).map((p) => `line ${p.line}: ${p.message.replace(/; line skipped$/, '')}`);
  const more = problems.length - shown.length;
  return `${name} holds no conversation that can be played. ${shown.join('. ')}.${more > 0 ? ` (${more} more line${more === 1 ? '' : 's'} below.)` : ''}`;
}

/** "2 lines skipped", "1 line skipped, 1 worth a look". */
export function problemsSummary(problems: readonly BatchLineProblem[]): string {
  const skipped = problems.filter((p) => / skipped$|not loaded/.test(p.message)).length;
  const look = problems.length - skipped;
  const n = (k: number, what: string) => `${k} line${k === 1 ? '' : 's'} ${what}`;
  return [skipped > 0 ? n(skipped, 'skipped') : '', look > 0 ? n(look, 'worth a look') : ''].filter(Boolean).join(', ');
}

/** The sample file's name: the flow's name, e.g. "spoke-and-chain-sample-conversations.jsonl". */
export function sampleFileName(flowName: string): string {
  const base = flowName
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base || 'flow'}-sample-conversations.jsonl`;
}

/** The flow's saved scenarios as a batch; null while they load (or with no storage: none). */
function useSavedScenarios(flow: Flow, storage: ScenarioStorage | null | undefined): ScenarioBatch | null {
  const [file, setFile] = useState<Parameters<typeof scenariosAsBatch>[1] | null>(storage ? null : { scenarios: [] });
  useEffect(() => {
    if (!storage) return;
    let live = true;
    storage.load().then(
      (r) => live && setFile(r.exists ? r.file : { scenarios: [] }),
      // An unreadable file is the Scenarios tab's to report; here it only means no saved scenarios to offer.
      () => live && setFile({ scenarios: [] }),
    );
    return () => {
      live = false;
    };
  }, [storage]);
  return file ? scenariosAsBatch(flow, file) : null;
}

export function BatchPane({ flow, batch, setBatch, showCounts, setShowCounts, storage, onFocusBlock }: BatchPaneProps) {
  const [reason, setReason] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [sampleNote, setSampleNote] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const saved = useSavedScenarios(flow, storage);
  const savedCount = saved?.conversations.length ?? 0;
  const fileLoaded = Boolean(batch.name) && batch.conversations.length > 0 && !batch.fromScenarios;
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);
  const run = batch.run;

  /** Plays `base.conversations` in slices; the pane keeps its previous run until the new one is complete. */
  const play = async (base: BatchState) => {
    running.current?.abort();
    const ctl = new AbortController();
    running.current = ctl;
    setProgress({ done: 0, total: base.conversations.length });
    try {
      const total = base.conversations.length;
      let partial: { run: BatchRun; played: number } | null = null;
      const next = await runBatchInSlices(flow, base.conversations, {
        signal: ctl.signal,
        onProgress: (done) => setProgress({ done, total }),
        // Only a Cancel keeps the partial run (not a new file or run replacing this one, nor closing the pane).
        onCancelled: (run, played) => (ctl.signal.reason === CANCELLED ? (partial = { run, played }) : null),
      });
      const got = next ?? (partial as { run: BatchRun; played: number } | null)?.run ?? null;
      if (!got) {
        if (ctl.signal.reason === CANCELLED) setBatch({ ...base, cancelled: { played: 0, total }, error: null });
        return;
      }
      const previous = base.run;
      setBatch({ ...base, run: got, previous, diff: previous ? diffBatch(previous, got) : null, error: null, cancelled: next ? null : { played: (partial as { played: number } | null)?.played ?? 0, total } });
    } catch (e) {
      setBatch({ ...base, error: `The batch could not run on this flow: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      if (running.current === ctl) {
        running.current = null;
        setProgress(null);
      }
    }
  };

  const onFile = async (f: File | undefined) => {
    if (!f) return;
    setReason(null);
    if (f.size > MAX_BATCH_BYTES) {
      setBatch({ ...emptyBatch, name: f.name, error: `${f.name} is ${(f.size / 1048576).toFixed(0)} MB; the studio plays batches of at most ${MAX_BATCH_BYTES / 1048576} MB. Split the file, or run it with baton simulate.` });
      return;
    }
    const text = await f.text();
    const { conversations, problems } = parseConversationsJsonl(text);
    if (conversations.length === 0) {
      setBatch({ ...emptyBatch, name: f.name, problems, error: noConversationWords(f.name, problems) });
      return;
    }
    await play({ ...emptyBatch, name: f.name, conversations, problems });
  };
  const runSaved = () => {
    if (!saved || savedCount === 0) return;
    setReason(null);
    void play({ ...emptyBatch, name: `Your ${savedCount === 1 ? 'saved scenario' : `${num(savedCount)} saved scenarios`}`, conversations: saved.conversations, fromScenarios: true });
  };
  const downloadSample = async () => {
    const fromScenarios = savedCount > 0;
    const conversations = fromScenarios ? saved!.conversations : flowSampleConversations(flow);
    const name = sampleFileName(flow.name);
    const done = await saveTextFile(name, conversationsJsonl(conversations), 'application/x-ndjson');
    if (!done) return;
    setSampleNote(
      fromScenarios
        ? `${name}: your ${num(conversations.length)} saved scenario${conversations.length === 1 ? '' : 's'}, one conversation a line. Edit it or add your own, then load it here.`
        : `${name}: ${num(conversations.length)} conversations made from this flow (each button of its first menu, a request for a person, an unclear message). Edit it or add your own, then load it here.`,
    );
  };
  const example = useMemo(() => batchExampleLines(flow), [flow]);
  const bars = run ? [...run.byReason].filter((r) => r.count > 0 || (batch.previous?.byReason.find((p) => p.reason === r.reason)?.count ?? 0) > 0) : [];
  // The rate the band verdict reads: requested handoffs plus conversations stopped at the handoff's questions (#16).
  const counted = run ? countedHandoffs(run) : { rate: 0, band: 'within' as const };
  const max = Math.max(0.3, run?.handoffRate ?? 0, counted.rate, run?.escalationRate ?? 0, ...bars.map((b) => b.rate), ...(batch.previous ? [batch.previous.handoffRate, batch.previous.escalationRate] : []));
  const selected = run?.byReason.find((r) => r.reason === reason);
  return (
    <div className="sim-batch">
      <section className="sim-section" aria-label="Load a batch">
        <h3>Batch what-if</h3>
        <p className="sim-muted">Play many customer conversations on this flow at once: how often it hands over to a person, and why.</p>
        <div
          className="sim-drop"
          data-dragging={dragging || undefined}
          data-testid="batch-drop"
          onDragOver={(e) => {
            if (!e.dataTransfer.types.includes('Files')) return;
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={(e) => {
            if (e.currentTarget === e.target) setDragging(false);
          }}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void onFile(e.dataTransfer.files?.[0]);
          }}
        >
          <FileUp size={20} aria-hidden className="sim-drop-icon" />
          <div className="sim-drop-text">
            <span>{fileLoaded ? <>Loaded: <strong><ShownDirection text={batch.name} /></strong></> : 'Drop a .jsonl file of conversations here, or'}</span>
            <Button size="sm" onClick={() => fileInput.current?.click()} disabled={progress !== null}>
              {fileLoaded ? 'Choose another file…' : 'Choose a file…'}
            </Button>
          </div>
          <input
            ref={fileInput}
            type="file"
            hidden
            accept=".jsonl,.ndjson,.txt,application/x-ndjson"
            aria-label="Conversations file (JSONL)"
            onChange={(e) => {
              const f = e.target.files?.[0];
              // The same file chosen again (after editing it) is read again.
              e.target.value = '';
              void onFile(f);
            }}
          />
        </div>
        {/* Session 49 (studio17, newcomer s47 N6): what a line and a turn are, with lines made from this flow. */}
        <p className="sim-muted" id="batch-format">
          One conversation a line (JSONL, the <code>baton simulate</code> format): an <code>"id"</code> you choose, and <code>"turns"</code>, what the customer
          sends, in order. A turn is text: what they type, or the label of a button they click. For this flow, e.g.:
        </p>
        <pre className="sim-batch-example" aria-describedby="batch-format">
          <code>{example.join('\n')}</code>
        </pre>
        <p className="sim-muted sim-batch-note">Lines that cannot be read are skipped, and listed below with their line number and how to write them.</p>
        <div className="sim-row">
          {savedCount > 0 && (
            <Button size="sm" variant="primary" disabled={progress !== null} onClick={runSaved} title="Play the customer's messages of each saved scenario (Scenarios tab) as one batch">
              Run my {savedCount === 1 ? 'saved scenario' : `${num(savedCount)} saved scenarios`}
            </Button>
          )}
          <Button size="sm" disabled={saved === null} onClick={() => void downloadSample()} title={savedCount > 0 ? 'Your saved scenarios as a JSONL file' : 'A few conversations made from this flow, as a JSONL file'}>
            Download a sample file
          </Button>
          <Button size="sm" disabled={!batch.conversations.length || progress !== null} onClick={() => void play(batch)} title="Play the same conversations on the flow as it is now">
            {/* Newcomer s12 #17: "on the edited flow" read wrong when nothing was edited since the last run. */}
            {run && run.flowRevision !== flowRevision(flow) ? 'Run again on the edited flow' : 'Run again'}
          </Button>
        </div>
        {saved && savedCount === 0 && (
          <p className="sim-muted" data-testid="batch-no-scenarios">
            No saved scenarios yet: the sample file is made from this flow. Chats saved in the Scenarios tab can run here as a batch.
          </p>
        )}
        {saved && savedCount > 0 && saved.fromStart.length > 0 && (
          <p className="sim-muted" data-testid="batch-from-start">
            A batch starts every conversation at Start with no variables set: {saved.fromStart.length === 1 ? 'one saved scenario starts' : `${num(saved.fromStart.length)} saved scenarios start`} elsewhere or with variables ({saved.fromStart.slice(0, 3).join(', ')}
            {saved.fromStart.length > 3 ? ', …' : ''}) and {saved.fromStart.length === 1 ? 'is' : 'are'} played from Start.
          </p>
        )}
        {sampleNote && (
          <p className="sim-muted" role="status" data-testid="batch-sample-note">
            Downloaded {sampleNote}
          </p>
        )}
        {progress && (
          <div className="sim-row" role="status" aria-label="Batch progress">
            <progress max={progress.total} value={progress.done} />
            <span>
              {num(progress.done)} of {num(progress.total)} conversations played
            </span>
            <Button size="sm" onClick={() => running.current?.abort(CANCELLED)}>
              Cancel
            </Button>
          </div>
        )}
        {batch.cancelled && (
          <p className="sim-muted" role="status" data-testid="batch-cancelled">
            {batch.cancelled.played > 0
              ? `Cancelled after ${num(batch.cancelled.played)} of ${num(batch.cancelled.total)} conversations played: the results below count those ${num(batch.cancelled.played)}. Run again to play them all.`
              : `Cancelled before any of the ${num(batch.cancelled.total)} conversations was played: nothing to show. Run again to play them.`}
          </p>
        )}
        {batch.error && (
          <p className="sim-error" role="alert">
            {batch.error}
          </p>
        )}
        {batch.problems.length > 0 && (
          <details className="sim-problems" open={batch.problems.some((p) => / skipped$|not loaded/.test(p.message)) || undefined}>
            <summary>{problemsSummary(batch.problems)}</summary>
            <ul>
              {batch.problems.slice(0, 20).map((p, i) => (
                <li key={i}>
                  line {p.line}: {p.message}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
      {run && (
        <section className="sim-section" aria-label="Escalation chart">
          <div className="sim-row">
            <strong>
              {batch.name}: {num(run.total)} conversations{batch.cancelled ? ` (cancelled: ${num(batch.cancelled.played)} of ${num(batch.cancelled.total)} played)` : ''}
            </strong>
            <label className="sim-check">
              <input type="checkbox" checked={showCounts} onChange={(e) => setShowCounts(e.target.checked)} /> counts on the canvas
            </label>
          </div>
          {showCounts && (
            // Newcomer s12 #17: two counts on the canvas, neither explained.
            <p className="sim-muted">On the canvas: × on a block is how many times it was visited; the number on a connection is how many conversations took it.</p>
          )}
          {/* Newcomer s13 #19: the first bar read "Handoff rate 0.0% (0)" for a run where 162 of 300 conversations reached the
              takeover (they were answering its questions when their turns ran out). One headline rate: conversations that
              reached a Human takeover, the customer having asked for a person; the split in smaller text under it. */}
          <div className="sim-chart" role="img" aria-label={`Handoff rate ${pct(counted.rate)}, escalation rate ${pct(run.escalationRate)}; guidance 15 to 25 percent`}>
            <Bar label="Handoff rate" rate={counted.rate} prev={batch.previous ? countedHandoffs(batch.previous).rate : undefined} max={max} band={counted.band} count={run.handoffs + (run.answering ?? 0)} />
            {(run.answering ?? 0) > 0 && (
              <p className="sim-bar-split" data-testid="batch-handoff-split">
                {num(run.handoffs)} handed over to a person · {num(run.answering)} answering the handoff's questions (name, email, reason) when their turns ran out
              </p>
            )}
            <Bar label="Escalation rate" rate={run.escalationRate} prev={batch.previous?.escalationRate} max={max} />
            {bars.map((b) => (
              <Bar key={b.reason} label={b.reason.replace(/_/g, ' ')} rate={b.rate} prev={batch.previous?.byReason.find((p) => p.reason === b.reason)?.rate} max={max} count={b.count} onClick={() => setReason(b.reason === reason ? null : b.reason)} active={b.reason === reason} />
            ))}
          </div>
          <p className="sim-muted" data-testid="batch-band">
            {/* Newcomer s8 #16: the verdict goes on the rate that counts the conversations stopped at the handoff's questions. */}
            Band: the guidance of {pct(run.guidance.min)}–{pct(run.guidance.max)} handoffs. This run is <strong>{counted.band}</strong> it.
            {batch.previous && ' Grey marks: the previous run.'}
          </p>
          <NotHandedOver run={run} flow={flow} />
          {(run.clarified ?? 0) > 0 && (
            // The same count as baton simulate and the corpus tools (escalationOrClarify in shared/simulator/playConversation.ts).
            <p className="sim-muted" data-testid="batch-clarified">
              {num(run.clarified)} conversation{run.clarified === 1 ? '' : 's'} ended on the bot's clarifying question (low confidence, “Ask once before handing over”): the
              customer's answer is not in the file. {run.clarified === 1 ? 'It is' : 'They are'} counted in the escalation rate under low confidence, as baton
              simulate counts {run.clarified === 1 ? 'it' : 'them'}: a second unclear message would have gone to a person.
            </p>
          )}
          {(run.answering ?? 0) > 0 && (
            // The same definition and words as baton simulate (shared/simulator/playConversation.ts batchHandoffOutcome).
            <p className="sim-muted" data-testid="batch-answering">
              The handoff rate counts the {num(run.answering)} conversation{run.answering === 1 ? '' : 's'} that {run.answering === 1 ? 'was' : 'were'} answering the handoff's questions (name, email, reason) when
              their turns ran out ({run.answeringIds.slice(0, 8).join(', ')}
              {run.answering > 8 ? ', …' : ''}): the bot was handing {run.answering === 1 ? 'it' : 'them'} over to a person. baton simulate counts only the {num(run.handoffs)} handed over ({pct(run.handoffRate)}).
            </p>
          )}
          {selected && (
            <div aria-label={`Conversations escalated for ${selected.reason}`} role="region">
              <strong>{selected.reason.replace(/_/g, ' ')}</strong>: {selected.conversationIds.join(', ') || 'none'}
            </div>
          )}
          {batch.diff && (
            <div className="sim-diffsum" aria-label="Change from the previous run">
              Escalation {pct(batch.diff.escalationRate.before)} → {pct(batch.diff.escalationRate.after)}, handoff {pct(batch.diff.handoffRate.before)} → {pct(batch.diff.handoffRate.after)}; {batch.diff.changed.length} conversation(s) changed reason
              {batch.diff.changed.length > 0 && (
                <ul>
                  {batch.diff.changed.slice(0, 12).map((c) => (
                    <li key={c.id}>
                      {c.id}: {c.before ?? 'none'} → {c.after ?? 'none'}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <DropOffs run={run} flow={flow} onFocusBlock={onFocusBlock} />
        </section>
      )}
    </div>
  );
}

/** The run's counts, as `baton simulate` defines them (shared/simulator/batchCounts.ts, one definition for both). */
function countsOf(run: BatchRun): BatchCounts {
  return batchCounts(run.conversations.map((c) => countedOf({ id: c.id, escalation: c.escalation, handoff: c.handoff, answering: c.answering })));
}

/** The headline rate (handed over + answering the handoff's questions) and where it sits in the band (#16, s13 #19). */
function countedHandoffs(run: BatchRun): { rate: number; band: BatchRun['handoffBand'] } {
  const r = batchRates({ played: run.total, escalated: run.escalated, handedOver: run.handoffs, answering: run.answering ?? 0 });
  return { rate: r.reachedRate, band: r.reachedBand };
}

/**
 * Newcomer s11 #21: "Handoff rate 0.2%" beside "Escalation rate 32.0%" read as a bug. Escalations that did not reach a
 * person, by their actual cause (newcomer s14 N#6: one sentence listed every possible cause whatever happened): an
 * offer of a person not taken, the bot's clarifying question last, a handoff decided that did not reach a person.
 */
export function notHandedOver(run: BatchRun): {
  escalated: number;
  notHanded: number;
  offersNotTaken: number;
  clarified: number;
  handoffsNotReached: number;
  ids: BatchCounts['notHanded'];
} {
  const c = countsOf(run);
  const { offer, clarify, handoff } = c.notHanded;
  return { escalated: c.escalated, notHanded: offer.length + clarify.length + handoff.length, offersNotTaken: offer.length, clarified: clarify.length, handoffsNotReached: handoff.length, ids: c.notHanded };
}

const someIds = (ids: string[]) => `${ids.slice(0, 6).join(', ')}${ids.length > 6 ? ', …' : ''}`;

function NotHandedOver({ run, flow }: { run: BatchRun; flow: Flow }) {
  const n = notHandedOver(run);
  if (n.notHanded === 0) return null;
  const target = flow.escalation.targetBlockId;
  const noTarget = !target || flow.blocks.find((b) => b.id === target)?.kind !== 'human_takeover';
  const causes: { key: string; text: string }[] = [];
  if (n.offersNotTaken > 0)
    causes.push({
      key: 'offer',
      text: `${num(n.offersNotTaken)} offer${n.offersNotTaken === 1 ? '' : 's'} of a person the customer declined or did not take; the conversation went on with the bot (${someIds(n.ids.offer)}).`,
    });
  if (n.clarified > 0)
    causes.push({ key: 'clarify', text: `${num(n.clarified)} ended on the bot's clarifying question (${someIds(n.ids.clarify)}).` });
  if (n.handoffsNotReached > 0)
    causes.push({
      key: 'handoff',
      text: `${num(n.handoffsNotReached)} handoff${n.handoffsNotReached === 1 ? ' was' : 's were'} decided but did not reach a person: ${
        noTarget ? 'Flow settings > Escalation > Hand over to names no Human takeover block' : `play ${n.handoffsNotReached === 1 ? 'it' : 'them'} in the simulator to see why`
      } (${someIds(n.ids.handoff)}).`,
    });
  return (
    <div className="sim-muted" data-testid="batch-not-handed">
      {num(n.notHanded)} of the {num(n.escalated)} escalation{n.escalated === 1 ? '' : 's'} did not end in a handoff, so the handoff rate is lower than the escalation rate:
      <ul className="sim-list">
        {causes.map((c) => (
          <li key={c.key}>{c.text}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A block as the canvas and the Problems list name it (its label, else its kind; an unlabelled block that shares its
 * kind's name with another, by its first words: problemBlockName), a button that shows it on the canvas. Newcomer s46
 * N19: "Buttons buttons-1" gave the id, which the canvas never shows. A block deleted since the run: "a deleted block".
 */
function BlockName({ flow, id, onFocusBlock }: { flow: Flow; id: string; onFocusBlock?(id: string): void }) {
  const block = flow.blocks.find((b) => b.id === id);
  if (!block) return <span title={`Block ${id}, deleted since this run`}>a deleted block</span>;
  const name = problemBlockName(block, flow.blocks);
  if (!onFocusBlock) return <ShownDirection text={name} />;
  return (
    <button type="button" className="sim-block-link" title="Show this block on the canvas" onClick={() => onFocusBlock(id)}>
      <ShownDirection text={name} />
    </button>
  );
}

function DropOffs({ run, flow, onFocusBlock }: { run: BatchRun; flow: Flow; onFocusBlock?(id: string): void }) {
  const drops = Object.entries(run.dropOffs).sort((a, b) => b[1] - a[1]).slice(0, 5);
  const falls = Object.entries(run.fallbacks).sort((a, b) => b[1] - a[1]).slice(0, 5);
  return (
    <div className="sim-two" data-testid="batch-drop-offs">
      <div>
        <div className="sim-muted">Where customers stop</div>
        <ul className="sim-list">
          {drops.map(([id, n]) => (
            <li key={id}>
              <BlockName flow={flow} id={id} onFocusBlock={onFocusBlock} />: {num(n)}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <div className="sim-muted">Where fallbacks pile up</div>
        <ul className="sim-list">
          {falls.length
            ? falls.map(([id, n]) => (
                <li key={id}>
                  <BlockName flow={flow} id={id} onFocusBlock={onFocusBlock} />: {num(n)}
                </li>
              ))
            : <li>none</li>}
        </ul>
      </div>
    </div>
  );
}

function Bar({ label, rate, prev, max, count, band, onClick, active }: { label: string; rate: number; prev?: number; max: number; count?: number; band?: string; onClick?(): void; active?: boolean }) {
  return (
    <button type="button" className="sim-bar" data-active={active} data-band={band} onClick={onClick} disabled={!onClick} aria-label={`${label}: ${pct(rate)}${prev !== undefined ? ` (was ${pct(prev)})` : ''}`}>
      <span className="sim-bar-label">{label}</span>
      <span className="sim-bar-track">
 <span className="sim-bar-band" style={{ left: `${(GUIDE.min / max) * 100}%`, width: `${((GUIDE.max - GUIDE.min) / max) * 100}%` }} />
        <span className="sim-bar-fill" style={{ width: `${(rate / max) * 100}%` }} />
        {prev !== undefined && <span className="sim-bar-prev" style={{ left: `${(prev / max) * 100}%` }} />}
      </span>
      <span className="sim-bar-value">
        {pct(rate)}
        {count !== undefined ? ` (${num(count)})` : ''}
        {prev !== undefined && prev !== rate ? ` was ${pct(prev)}` : ''}
      </span>
    </button>
  );
}
