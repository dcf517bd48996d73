/**
 * The debug drawer: variables (editable), per customer message the signals with scores, thresholds and
 * evidence and the decision in words (near misses too), the handoff context as the agent receives it, the
 * effects log rendered as sent, and HTTP calls: answered by a reply the tester types ("ask me"), or called for
 * real through the studio server ("call for real", useRealHttp.ts: the page itself cannot, CORS and secrets).
 */
import { useEffect, useMemo, useState } from 'react';
import { sampleHttpReply } from '../../../shared/simulator/sampleHttpReply';
import { useStudio } from '../store/StudioStoreContext';
import type { Block, Value } from '../../../shared/flow/schema';
import type { ActionStep } from '../../../shared/simulator/scenarioSession';
import type { DecisionView, SimulatorView } from '../../../shared/simulator/simulatorView';
import { isClarifyDecision } from '../../../shared/engine/clarifyFirst';
import type { Signal } from '../../../shared/escalation/types';
import { structureProblems, type Expectation } from '../../../shared/simulator/scenarioSchema';
import { typedValue } from '../../../shared/simulator/scenarioText';
import { Button } from '../../ui/Button';
import type { RealHttpController } from './useRealHttp';
import { signalFigures } from './signalFigures';
import { blockTitle } from '../blockCatalog';
import { ShownDirection } from '../../ui/ShownDirection';
import { defaultGraduatedTexts, firstStepText, graduatedText } from '../../../shared/engine/escalationWording';
import type { EscalationPolicy, EscalationReason } from '../../../shared/flow/schema';

/** "007" stays text, "12" is a number (shared/simulator/scenarioText.ts typedValue). */
const parseValue = (raw: string): Value => typedValue(raw);

/**
 * The graduated first step for a reason the bot understood (upset, sensitive topic, urgent) acknowledges the customer
 * instead of asking to rephrase (shared/engine/escalationWording.ts): the drawer names it as the bot says it.
 */
const acknowledges = (action: string, reason: string | null) => action === 'rephrase' && firstStepText(reason as EscalationReason | null) === 'acknowledge';
const stepName = (action: string, reason: string | null) => (acknowledges(action, reason) ? 'acknowledge' : action);
/** Session 27: the heading already says "No escalation", so the explanation's own "No escalation: " is not said twice. */
const stepExplanation = (action: string, reason: string | null, explanation: string) =>
  acknowledges(action, reason)
    ? explanation.replace(/^Asked the customer to rephrase/, 'Acknowledged the customer and asked for more')
    : action === 'none'
      ? explanation.replace(/^No escalation[.:]\s*(\S)/, (_m, c: string) => c.toUpperCase())
      : explanation;

function SignalRow({ s, fired }: { s: Signal; fired: boolean }) {
  return (
    <li className="sim-signal" data-fired={fired}>
      <strong>{s.reason.replace(/_/g, ' ')}</strong> {signalFigures(s)}
      {s.source ? ` (${s.source})` : ''}
      {s.evidence.length > 0 && <span className="sim-evidence"> evidence: {s.evidence.map((e) => `“${e}”`).join(', ')}</span>}
      <div className="sim-muted">{s.explanation}</div>
    </li>
  );
}

export interface DebugDrawerProps {
  view: SimulatorView;
  act(step: ActionStep): boolean;
  setVariable(name: string, v: Value): void;
  /** Add an expectation to the scenario being recorded: after the action that caused customer turn `turn`, or (turn null) over the whole conversation. */
  onExpect?(expect: Expectation, turn: number | null, label: string): void;
  onFocusBlock?(id: string): void;
  /** The "HTTP: call for real / ask me" switch and its call log (SimulatorPanel); absent: "ask me" only. */
  http?: RealHttpController;
}

/**
 * "+ expect" on a decision pins what happened at that message (newcomer s8 #36: a graduated first step offered
 * "Expect no escalation", which passes whether or not the bot acknowledged or asked to rephrase):
 *  - a handoff or an offer: the escalation's reason;
 *  - a graduated first step: the step's sentence as the bot said it, and no handoff or offer yet;
 *  - nothing: no escalation.
 */
function DecisionExpect({ d, chat, onExpect }: { d: SimulatorView['decisions'][number]; chat: SimulatorView['chat']; onExpect: NonNullable<DebugDrawerProps['onExpect']> }) {
  const policy = useStudio((s) => s.flow.escalation);
  const at = ` at message ${d.turn + 1}`;
  if ((d.action === 'handoff' || d.action === 'offer') && d.reason) {
    const reason = d.reason as NonNullable<Expectation['escalates']>;
    return <ExpectButton label={`escalates ${reason}`} onClick={() => onExpect({ escalates: reason }, d.turn, `escalates with ${reason}`)} />;
  }
  if (d.action === 'rephrase') {
    const said = stepSaid(d.turn, chat, [graduatedText(policy, 'rephrase', d.reason as EscalationReason | null, true), graduatedText(policy, 'rephrase', d.reason as EscalationReason | null, false)]);
    const step = said === defaultOrOwn(policy, 'acknowledge') ? 'acknowledge' : said === defaultOrOwn(policy, 'rephrase') ? 'rephrase' : stepName(d.action, d.reason);
    const what = `${step}${d.reason ? ` (${d.reason.replace(/_/g, ' ')})` : ''}${at}`;
    if (said !== null) return <ExpectButton label={what} onClick={() => onExpect({ botSays: said, escalates: false }, d.turn, `${step === 'acknowledge' ? 'acknowledges' : 'asks to rephrase'}: bot says “${said}”, no handoff yet`)} />;
    return <ExpectButton label={what} onClick={() => onExpect({ escalates: false }, d.turn, `no handoff or offer${at}`)} />;
  }
  return <ExpectButton label={`no escalation${at}`} onClick={() => onExpect({ escalates: false }, d.turn, `does not escalate${at}`)} />;
}

const defaultOrOwn = (policy: EscalationPolicy, key: 'rephrase' | 'acknowledge'): string => policy.texts?.[key]?.trim() || defaultGraduatedTexts[key];

/** Which of `texts` the bot said after the customer's message of 0-based turn `turn` (before their next one). */
function stepSaid(turn: number, chat: SimulatorView['chat'], texts: string[]): string | null {
  let k = -1;
  for (const line of chat) {
    if (line.from === 'customer') {
      k++;
      if (k > turn) break;
      continue;
    }
    if (k === turn && line.from === 'bot') {
      const hit = texts.find((t) => line.text.includes(t));
      if (hit) return hit;
    }
  }
  return null;
}

function ExpectButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <button type="button" className="sim-expect sim-expect-visible" aria-label={`Expect ${label}`} title="Add this as an expectation of the scenario" onClick={onClick}>
      + expect
    </button>
  );
}

export function DebugDrawer({ view, act, setVariable, onExpect, onFocusBlock, http }: DebugDrawerProps) {
  const [status, setStatus] = useState('200');
  const [body, setBody] = useState('{}');
  // An API may answer HTML or plain text: the tester can send the body as text, as scenario files can.
  const [asText, setAsText] = useState(false);
  const [httpProblem, setHttpProblem] = useState<string | null>(null);
  // The waiting request's block: the form starts from the fields its "Save from the reply" reads (newcomer s6 #26).
  const blocks = useStudio((s) => s.flow.blocks);
  const waitingBlock = view.waitingHttp.length > 0 ? blocks.find((b) => b.id === view.currentBlockId && b.kind === 'http_request') : undefined;
  const mapping = waitingBlock && waitingBlock.kind === 'http_request' ? waitingBlock.data.responseMapping : null;
  const sample = useMemo(() => (mapping && mapping.length > 0 ? JSON.stringify(sampleHttpReply(mapping), null, 1).replace(/\n\s*/g, ' ') : '{}'), [mapping]);
  const waitingKey = view.waitingHttp.length > 0 ? `${view.currentBlockId} ${view.waitingHttp[0].method} ${view.waitingHttp[0].url}` : '';
  useEffect(() => {
    if (waitingKey) setBody(sample);
  }, [waitingKey, sample]);
  const vars = Object.entries(view.variables);
  const context = view.agentPane.context;
  return (
    <div className="sim-debug">
      <section className="sim-section" aria-label="Path">
        <h3>Path</h3>
        <ol className="sim-path">
          {[...new Set(view.path)].map((id) => {
            // Newcomer s39 N12: the path listed ids ("human_agent", "csat") where the canvas says "Customer service team".
            const b = blocks.find((x) => x.id === id);
            const name = b ? blockTitle(b) : id;
            return (
            <li key={id} data-current={id === view.currentBlockId}>
              <button type="button" className="sim-link" title={`Block id: ${id}`} onClick={() => onFocusBlock?.(id)}>
                <ShownDirection text={name} />
              </button>
              {onExpect && <ExpectButton label={`reaches ${id}`} onClick={() => onExpect({ reaches: id }, null, `reaches ${id}`)} />}
            </li>
            );
          })}
        </ol>
      </section>
      <section className="sim-section" aria-label="Variables">
        <h3>Variables</h3>
        {vars.length === 0 ? (
          <p className="sim-muted">No variables set yet.</p>
        ) : (
          <table className="sim-table">
            <tbody>
              {vars.map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td>
                    <input aria-label={`Variable ${k}`} key={`${k}=${String(v)}`} defaultValue={v === null ? '' : String(v)} onBlur={(e) => e.target.value !== String(v ?? '') && setVariable(k, parseValue(e.target.value))} />
                  </td>
                  {onExpect && (
                    <td>
                      <ExpectButton label={`${k} = ${String(v)}`} onClick={() => onExpect({ variables: { [k]: v } }, null, `${k} = ${String(v)}`)} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="sim-section" aria-label="Escalation decisions">
        <h3>Escalation decisions</h3>
        {view.decisions.length === 0 && <p className="sim-muted">No customer message yet.</p>}
        <ol className="sim-decisions">
          {view.decisions.map((d, i) => (
            <li key={i} className="sim-decision" data-action={d.action}>
              <div>
                <span className="sim-muted">Message {d.turn + 1}:</span> “{d.text}”
              </div>
              <div>
                <strong>{d.action === 'none' ? 'No escalation' : `${stepName(d.action, d.reason)}${d.reason ? ` (${d.reason.replace(/_/g, ' ')})` : ''}`}</strong> — {stepExplanation(d.action, d.reason, d.explanation)}
                {onExpect && <DecisionExpect d={d} chat={view.chat} onExpect={onExpect} />}
              </div>
              {afterClarifyNote(d, view.decisions[i - 1]) && (
                <p className="sim-note" data-testid="after-clarify">
                  {afterClarifyNote(d, view.decisions[i - 1])}
                </p>
              )}
              {d.signals.length > 0 && (
                <ul aria-label="Signals">
                  {d.signals.map((s, j) => (
                    <SignalRow key={j} s={s} fired />
                  ))}
                </ul>
              )}
              {d.nearMisses.length > 0 && (
                <ul aria-label="Near misses">
                  {d.nearMisses.map((s, j) => (
                    <SignalRow key={j} s={s} fired={false} />
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </section>
      <section className="sim-section" aria-label="Handoff context">
        <h3>Handoff context (as the agent gets it)</h3>
        {context ? (
          <dl className="sim-dl">
            <dt>Reason</dt>
            <dd>{context.reason}</dd>
            <dt>Summary</dt>
            <dd>{context.summary}</dd>
            <dt>Suggested</dt>
            <dd>{context.suggestedResolution}</dd>
            <dt>Intents</dt>
            <dd>{context.intents.map((i) => `${i.name} ${(i.confidence * 100).toFixed(0)}%`).join(', ') || '—'}</dd>
            <dt>Variables</dt>
            <dd>{Object.entries(context.variables).map(([k, v]) => `${k}=${String(v)}`).join(', ') || '—'}</dd>
            <dt>Transcript</dt>
            <dd>{context.transcript.length} recent messages</dd>
          </dl>
        ) : view.agentPane.noAgent ? (
          <p className="sim-note sim-noagent">
            <ShownDirection text={blockNamed(view.agentPane.noAgent.blockId, blocks)} />: {view.agentPane.noAgent.explanation}
          </p>
        ) : view.takeoverQuestion ? (
          <p className="sim-note" data-testid="takeover-collecting">
            <ShownDirection text={collectingWords(view, blocks)} />
          </p>
        ) : (
          <p className="sim-muted">No handoff requested yet.</p>
        )}
        {view.agentPane.assignments.some((a) => a !== view.agentPane.noAgent) && (
          <ol className="sim-assignments" aria-label="Assignment decisions">
            {view.agentPane.assignments.filter((a) => a !== view.agentPane.noAgent).map((a, i) => (
              <li key={i}>
                {a.handoffId ? `Handoff ${a.handoffId}: ` : ''}
                {a.explanation}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="sim-section" aria-label="Effects log">
        <h3>Effects (as they would be sent)</h3>
        {view.effects.length === 0 && <p className="sim-muted">Nothing sent yet.</p>}
        <ol className="sim-effects">
          {view.effects.map((e, i) => (
            <li key={i} data-type={e.type}>
              <div className="sim-effect-title">
                {e.title}
                {onExpect && <ExpectButton label={`effect ${e.type}`} onClick={() => onExpect({ effects: [{ type: e.type as NonNullable<Expectation['effects']>[number]['type'] }] }, null, `effect ${e.type} emitted`)} />}
              </div>
              {e.body && <pre className="sim-effect-body">{e.body}</pre>}
            </li>
          ))}
        </ol>
      </section>
      <section className="sim-section" aria-label="HTTP requests">
        <h3>HTTP requests</h3>
        <fieldset className="sim-http-mode">
          <legend>HTTP:</legend>
          <label className="sim-check">
            <input type="radio" name="sim-http-mode" checked={(http?.mode ?? 'ask') === 'ask'} onChange={() => http?.setMode('ask')} /> Ask me
          </label>
          <label className="sim-check">
            <input type="radio" name="sim-http-mode" disabled={!http?.available} checked={http?.mode === 'real'} onChange={() => http?.setMode('real')} /> Call for real
          </label>
        </fieldset>
        <p className="sim-muted">
          {http?.mode === 'real'
            ? 'Waiting requests are sent by the studio server ({{secrets.NAME}} filled from its environment variable BATON_SECRET_NAME; never shown here). Each answer is recorded in the scenario, so it replays offline.'
            : http?.available
              ? 'Type the response of each request; it is saved in the scenario. "Call for real" sends requests through the studio server instead.'
              : 'Type the response of each request; it is saved in the scenario. Calling for real needs the studio server (a browser page cannot reach most APIs: CORS).'}
        </p>
        {http && http.log.length > 0 && (
          <ol className="sim-http-log" aria-label="HTTP calls">
            {http.log.map((c, i) => (
              <li key={i} data-ok={c.ok}>
                <span className="sim-http-call">
                  {c.method} {c.url}
                </span>{' '}
                <strong>{c.status === null ? 'not sent' : c.status === 0 ? 'failed' : c.status}</strong>
                {c.ms !== null && <span className="sim-muted"> {c.ms} ms</span>}
                {c.error && <div className="sim-muted">{c.error}</div>}
              </li>
            ))}
          </ol>
        )}
        {http?.busy && <p className="sim-muted">Calling…</p>}
        {view.waitingHttp.length === 0 ? (
          <p className="sim-muted">No request waiting.</p>
        ) : (
          <>
            <div className="sim-effect-title">
              Waiting: {view.waitingHttp[0].method} {view.waitingHttp[0].url}
            </div>
            {mapping && mapping.length > 0 && (
              <p className="sim-muted" data-testid="http-reads">
                This block reads {mapping.map((m) => `${m.path} (into ${m.variable})`).join(', ')}; replace the sample values with what the API would answer.
              </p>
            )}
            <div className="sim-row">
              <input aria-label="Response status" className="sim-num" value={status} onChange={(e) => setStatus(e.target.value)} />
              <textarea aria-label={asText ? 'Response body (text)' : 'Response body (JSON)'} rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
              <label className="sim-check">
                <input type="checkbox" checked={asText} onChange={(e) => setAsText(e.target.checked)} /> Body is text
              </label>
              <Button
                size="sm"
                onClick={() => {
                  let parsed: unknown;
                  try {
                    parsed = asText ? body : body.trim() ? JSON.parse(body) : null;
                  } catch (e) {
                    setHttpProblem(`The body is not JSON: ${(e as Error).message}. Tick "Body is text" to send it as text.`);
                    return;
                  }
                  // The reply goes into the scenario file: a "__proto__" key (the server refuses it) or a nesting
                  // deeper than the file allows is said here, before saving fails.
                  const structure = structureProblems({ body: parsed });
                  if (structure.length) {
                    setHttpProblem(`The body cannot be kept in a scenario: ${structure[0].path.replace(/^\$\./, '')} ${structure[0].message}.`);
                    return;
                  }
                  const code = Number(status);
                  if (!Number.isInteger(code) || code < 100 || code > 599) {
                    setHttpProblem('The status must be a whole number between 100 and 599.');
                    return;
                  }
                  setHttpProblem(null);
                  act({ httpReply: { status: code, body: parsed as never } });
                }}
              >
                Reply
              </Button>
            </div>
            {httpProblem && (
              <p className="sim-error" role="alert">
                {httpProblem}
              </p>
            )}
          </>
        )}
      </section>
    </div>
  );
}

const FIELD_WORDS = { name: 'name', email: 'email', reason: 'reason for getting in touch' } as const;

/**
 * Newcomer s23 #3: "No handoff requested yet" while the handover was decided and the Human Takeover block was asking
 * for the email read as "nothing happened". Says the handover is decided (at which message, for which reason) or that
 * the flow reached the block, what the block is asking for, and that the handoff is requested once it is answered.
 */
export function collectingWords(view: Pick<SimulatorView, 'takeoverQuestion' | 'decisions'>, blocks: readonly Block[] = []): string {
  const q = view.takeoverQuestion;
  if (!q) return '';
  const decided = q.reason ? view.decisions.filter((d) => d.action === 'handoff' && d.reason === q.reason).at(-1) : undefined;
  const why = decided
    ? `Handover decided at message ${decided.turn + 1} (${decided.reason!.replace(/_/g, ' ')}). `
    : q.reason
      ? `Handover decided (${q.reason.replace(/_/g, ' ')}). `
      : 'The flow reached the Human takeover block. ';
  return `${why}${blockNamed(q.blockId, blocks)} is asking for the customer's ${FIELD_WORDS[q.field]} first; the handoff is requested, and its context shown here, once the customer answers.`;
}

/**
 * A block as the canvas shows it (session 25, newcomer s24 #7: Debug said "Block human_agent", an id the designer never
 * typed): "The block “Customer service team”", by its title; by its id only when the flow no longer has it.
 */
export function blockNamed(id: string | undefined, blocks: readonly Block[]): string {
  const b = id === undefined ? undefined : blocks.find((x) => x.id === id);
  return b ? `The block “${blockTitle(b)}”` : id ? `Block ${id}` : 'The Human takeover block';
}

/**
 * Newcomer s13 #18: message 1 got the clarifying question, whose explanation promises "a second unclear message hands
 * over"; message 2 then read "No escalation: No signal." with no word on why the promise did not apply. Said under
 * such a decision: the message after the clarifying question that did not hand over, and why.
 */
export function afterClarifyNote(d: DecisionView, previous: DecisionView | undefined): string | null {
  if (!previous || previous.turn !== d.turn - 1 || !isClarifyDecision(previous as Parameters<typeof isClarifyDecision>[0])) return null;
  if (d.action === 'handoff') return null;
  const close = d.nearMisses.find((s) => s.reason === 'low_confidence');
  const why = close
    ? `Low confidence came close but did not fire: ${close.explanation}`
    : d.action === 'none'
      ? 'No low-confidence signal: the bot understood it (an intent, a button, or an answer to the block\'s question), so it was not counted as unclear.'
      : `Another step was taken instead (${d.action}${d.reason ? `, ${d.reason.replace(/_/g, ' ')}` : ''}).`;
  return `Not handed over although the previous message got the clarifying question (“a second unclear message hands over”): this message was not read as unclear. ${why}`;
}
