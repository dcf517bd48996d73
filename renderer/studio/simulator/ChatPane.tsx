/**
 * The customer chat and, on handoff, the agent pane beside it. Clicking a message focuses the block that
 * produced it; "+ expect" on a message adds an expectation to the scenario being recorded.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ActionStep, AssignmentRecord } from '../../../shared/simulator/scenarioSession';
import { handoffBadge, type AgentPaneView, type ChatLine, type SimulatorView } from '../../../shared/simulator/simulatorView';
import type { VirtualAgent } from '../../../shared/simulator/virtualAgents';
import { Button } from '../../ui/Button';
import { useStudio } from '../store/StudioStoreContext';
import { blockTitle } from '../blockCatalog';
import { ShownDirection, withoutDirection } from '../../ui/ShownDirection';
import { Icon } from '../../ui/Icon';
import { handoffWhy } from '../../ui/reasonWords';
import { CLARIFY_MARK, CLARIFY_MARK_HELP, clarifyLineIndexes } from './clarifyMarks';
import { cutText } from '../../inbox/inertText';
import { decisionLine } from '../../../shared/simulator/decisionLine';
import { useStickToBottom } from '../../ui/useStickToBottom';

export interface ChatPaneProps {
  view: SimulatorView;
  act(step: ActionStep): boolean;
  onFocusBlock?(id: string): void;
  onExpect?(line: ChatLine): void;
  /**
   * Session 50 (studio18, newcomer s49 N6): the lines "+ expect" has added to the scenario being recorded (by
   * transcript index): they show "✓ expected", and a click takes the expectation back (`onUnexpect`).
   */
  expected?: ReadonlySet<number>;
  onUnexpect?(line: ChatLine): void;
  agents?: readonly VirtualAgent[];
  /** A waiting HTTP request: open the Debug tab, where it is answered (typed, or called for real). */
  onOpenHttp?(): void;
  /** "Call for real" is on: the waiting request is being sent by the studio server. */
  httpReal?: boolean;
  /** Open the Debug tab (the signals, scores and thresholds behind a handover line). */
  onOpenDebug?(): void;
}

/** The chat widget's limit (renderer/widget MAX_MESSAGE_CHARS; a test keeps them equal). */
export const SIM_MAX_MESSAGE_CHARS = 4000;

/**
 * Newcomer s23 #2: the Chat tab did not say why the bot handed over (only Debug did). The escalation decisions that
 * handed over or offered a person, by the customer message (0-based customer turn) that decided them; shown as a short
 * line after that message. Session 29 (newcomer s28 N2): one sentence in plain words with the customer's own words
 * (shared/simulator/decisionLine.ts), not the whole explanation (scores, thresholds, every other signal and the weights
 * that ranked them, up to eight lines): that stays in Debug, and on the line's tooltip.
 */
export function handoverLines(view: Pick<SimulatorView, 'decisions'>): Map<number, string> {
  const out = new Map<number, string>();
  for (const d of view.decisions) if (d.action === 'handoff' || d.action === 'offer') out.set(d.turn, decisionLine(d));
  return out;
}

/** The whole explanation of each decision `handoverLines` shows, by turn (the line's tooltip). */
function handoverExplanations(view: Pick<SimulatorView, 'decisions'>): Map<number, string> {
  const out = new Map<number, string>();
  for (const d of view.decisions) if (d.action === 'handoff' || d.action === 'offer') out.set(d.turn, d.explanation);
  return out;
}

/** Private notes by the transcript length when they were written (newcomer s49 N3: shown in their place in the chat). */
function notesByPlace(view: Pick<SimulatorView, 'agentPane' | 'chat'>): Map<number, AgentPaneView['notes']> {
  const out = new Map<number, AgentPaneView['notes']>();
  for (const n of view.agentPane.notes) {
    const at = Math.min(n.afterTranscript ?? view.chat.length, view.chat.length);
    out.set(at, [...(out.get(at) ?? []), n]);
  }
  return out;
}

function NoteLines({ notes, at }: { notes: AgentPaneView['notes'] | undefined; at: number }) {
  if (!notes) return null;
  return (
    <>
      {notes.map((n, k) => (
        <li key={`note-${at}-${k}`} className="sim-line sim-note-line" data-from="note">
          <div className="sim-bubble sim-note-bubble" title="A private note: agents see it in the inbox; the customer never does">
            <span className="sim-who">
              Private note · {n.agentName} <span className="sim-note-hidden">(the customer does not see it)</span>
            </span>
            <ShownDirection text={n.text} />
          </div>
        </li>
      ))}
    </>
  );
}

export function ChatPane({ view, act, onFocusBlock, onExpect, expected, onUnexpect, agents, onOpenHttp, httpReal, onOpenDebug }: ChatPaneProps) {
  const [text, setText] = useState('');
  const history = useRef<string[]>([]);
  const cursor = useRef(-1);
  const list = useRef<HTMLOListElement>(null);
  // Keep the newest message in view: on a new message, and when the chat's box changes size (newcomer s42 N9: after a
  // resize to 1024 x 700 the newest lines were below the fold) unless the tester scrolled up to read.
  useStickToBottom(list, `${view.chat.length}:${view.buttons.length}:${view.agentPane.notes.length}`);
  const send = () => {
    const t = text.trim();
    // The widget refuses more than 4,000 characters (the text stays in the box, the counter says why): so does the
    // simulator, with the same words (newcomer s8 #18: it passed a 5,000-character message to the bot).
    if (!t || t.length > SIM_MAX_MESSAGE_CHARS) return;
    if (act({ say: t })) {
      history.current.push(t);
      cursor.current = -1;
      setText('');
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const h = history.current;
    if (e.key === 'Enter') {
      e.preventDefault();
      send();
    } else if (e.key === 'ArrowUp' && h.length) {
      e.preventDefault();
      cursor.current = cursor.current < 0 ? h.length - 1 : Math.max(0, cursor.current - 1);
      setText(h[cursor.current]);
    } else if (e.key === 'ArrowDown' && cursor.current >= 0) {
      e.preventDefault();
      cursor.current += 1;
      if (cursor.current >= h.length) {
        cursor.current = -1;
        setText('');
      } else setText(h[cursor.current]);
    }
  };
  const closed = view.mode === 'closed';
  const clarifying = clarifyLineIndexes(view.chat, view.decisions);
  const why = handoverLines(view);
  const whyFull = handoverExplanations(view);
  // The customer turn of each customer line (the k-th customer line is turn k, as simulatorView numbers decisions).
  const turnOf = new Map<number, number>();
  let turns = 0;
  for (const line of view.chat) if (line.from === 'customer') turnOf.set(line.index, turns++);
  const notesAt = notesByPlace(view);
  return (
    <div className="sim-chat-wrap">
      <section className="sim-chat" aria-label="Customer chat">
        <ol ref={list} className="sim-transcript" aria-label="Transcript">
          <NoteLines notes={notesAt.get(0)} at={0} />
          {view.chat.map((line) => {
            const explanation = line.from === 'customer' ? why.get(turnOf.get(line.index) ?? -1) : undefined;
            const full = line.from === 'customer' ? whyFull.get(turnOf.get(line.index) ?? -1) : undefined;
            return [
              <li key={line.index} className="sim-line" data-from={line.from}>
                <button
                  type="button"
                  className="sim-bubble"
                  title={line.blockId ? `Show block ${line.blockId} on the canvas` : undefined}
                  onClick={() => line.blockId && onFocusBlock?.(line.blockId)}
                >
                  {line.from === 'agent' && <span className="sim-who">{line.name ?? 'Agent'}</span>}
                  {line.from === 'system' && <span className="sim-who">System</span>}
                  {clarifying.has(line.index) && (
                    <span className="sim-who sim-clarify-mark" title={CLARIFY_MARK_HELP}>
                      {CLARIFY_MARK} · a second unclear message hands over
                    </span>
                  )}
                  {/* Session 46 (studio10): the lines too, so a text the flow says with a direction character reads as typed. */}
                  <ShownDirection text={line.text} />
                </button>
                {onExpect && line.from !== 'customer' && line.from !== 'system' && (expected?.has(line.index) ? (
                  <button
                    type="button"
                    className="sim-expect sim-expected"
                    aria-pressed="true"
                    aria-label={`Expected: ${cutText(line.text, 41)}`}
                    title="The scenario being recorded expects this line (Scenarios tab: Save as scenario). Click to take the expectation back."
                    onClick={() => onUnexpect?.(line)}
                  >
                    ✓ expected
                  </button>
                ) : (
                  <button type="button" className="sim-expect" aria-pressed="false" aria-label={`Expect: ${cutText(line.text, 41)}`} title="Add an expectation: the scenario must say this" onClick={() => onExpect(line)}>
                    + expect
                  </button>
                ))}
              </li>,
              explanation && (
                <li key={`why-${line.index}`} className="sim-why" data-testid="handover-why">
                  <Icon name="Headset" size={14} className="sim-why-icon" />
                  <span className="sim-why-text" title={full}>
                    {explanation}
                  </span>
                  {onOpenDebug && (
                    <button type="button" className="sim-link sim-why-more" onClick={onOpenDebug}>
                      Signals in Debug
                    </button>
                  )}
                </li>
              ),
              <NoteLines key={`notes-${line.index}`} notes={notesAt.get(line.index + 1)} at={line.index + 1} />,
            ];
          })}
        </ol>
        {/* Nothing said yet (empty Message and Question texts): an empty pane read as broken (newcomer s6 #6). */}
        {!closed && view.path.length > 0 && view.waitingHttp.length === 0 && !view.chat.some((l) => l.from !== 'customer') && (
          <p className="sim-note sim-silent" role="status">
            The bot has said nothing yet: the blocks it went through have no text.{' '}
            {view.path.map((id, i) => (
              <span key={id}>
                {i > 0 && ' → '}
                <button type="button" className="sim-link" onClick={() => onFocusBlock?.(id)}>
                  {id}
                </button>
              </span>
            ))}
            {view.currentBlockId ? ` (waiting at ${view.currentBlockId})` : ''}. Fill in their text, or type as the customer.
          </p>
        )}
        {/* While a person holds the chat the bot's buttons would be answered by nobody: they come back after the handback. */}
        {view.buttons.length > 0 && !closed && view.mode === 'agent' && (
          <p className="sim-muted sim-buttons-held">The bot’s buttons come back when the agent hands the chat back.</p>
        )}
        {view.buttons.length > 0 && !closed && view.mode !== 'agent' && (
          <div className="sim-buttons" role="group" aria-label="Buttons">
            {/* Session 46 (studio10, newcomer s45 rest): a label with a direction character was drawn as the customer gets it,
                reversed ("Yes ⟨RLO⟩please" as "Yes esaelp"), the one place of the studio left so: marked as everywhere else
                (ShownDirection); the click still sends the label itself. Its name for screen readers carries "(RLO)". */}
            {view.buttons.map((b) => (
              <Button key={b.id} size="sm" aria-label={withoutDirection(b.label)} onClick={() => act({ click: b.label })}>
                <ShownDirection text={b.label} />
              </Button>
            ))}
          </div>
        )}
        {view.waitingHttp.length > 0 && !closed && (
          <p className="sim-note sim-http-wait" role="status">
            The bot waits for the answer of {view.waitingHttp[0].method} {view.waitingHttp[0].url}
            {httpReal ? ' (calling it for real…). ' : '. '}
            {onOpenHttp && (
              <button type="button" className="sim-link" onClick={onOpenHttp}>
                {httpReal ? 'See the call' : 'Answer it'}
              </button>
            )}
          </p>
        )}
        {expected && expected.size > 0 && !closed && (
          <p className="sim-muted sim-expected-count" role="status">
            {expected.size === 1 ? '1 line is' : `${expected.size} lines are`} expected: Scenarios › Save as scenario keeps {expected.size === 1 ? 'it' : 'them'} with this conversation.
          </p>
        )}
        <div className="sim-input">
          <input
            aria-label="Customer message"
            placeholder={closed ? 'The conversation is closed: restart' : 'Type as the customer (↑ ↓ history)'}
            value={text}
            disabled={closed}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <Button variant="primary" size="sm" onClick={send} disabled={closed || !text.trim() || text.trim().length > SIM_MAX_MESSAGE_CHARS}>
            Send
          </Button>
        </div>
        {text.length > SIM_MAX_MESSAGE_CHARS * 0.9 && (
          <p className={text.trim().length > SIM_MAX_MESSAGE_CHARS ? 'bt-field-error' : 'sim-muted'} role={text.trim().length > SIM_MAX_MESSAGE_CHARS ? 'alert' : 'status'}>
            {text.trim().length > SIM_MAX_MESSAGE_CHARS
              ? `Your message is ${text.length.toLocaleString('en')} characters; the limit is ${SIM_MAX_MESSAGE_CHARS.toLocaleString('en')}. Shorten it, or send part of it now and the rest in another message.`
              : `${(SIM_MAX_MESSAGE_CHARS - text.length).toLocaleString('en')} characters left`}
          </p>
        )}
      </section>
      {view.agentPane.handoff ? (
        <AgentPane pane={view.agentPane} act={act} agents={agents} />
      ) : (
        view.agentPane.noAgent && <NoAgentNotice record={view.agentPane.noAgent} />
      )}
      {view.agentPane.takeover.can && <TakeOverRow pane={view.agentPane} act={act} />}
    </div>
  );
}

/**
 * Play an agent who takes the live bot conversation over (the inbox's "Take over"), while the bot waits for the
 * customer. Recorded as `{"agent": "takeover", "as": NAME}`, so "Save as scenario" keeps it.
 */
export function TakeOverRow({ pane, act }: { pane: AgentPaneView; act(step: ActionStep): boolean }) {
  const [as, setAs] = useState('');
  const names = pane.takeover.as.map((a) => a.name);
  const who = as || names[0] || '';
  return (
    <section className="sim-takeover" aria-label="Take over">
      <div className="sim-row">
        <span className="sim-muted" title="Play an agent who takes the conversation over from the bot (the inbox's Take over)">
          Agent takes over as
        </span>
        {names.length > 0 ? (
          <select aria-label="Take over as" value={who} onChange={(e) => setAs(e.target.value)}>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        ) : (
          <input aria-label="Take over as" placeholder="Agent name" value={as} onChange={(e) => setAs(e.target.value)} />
        )}
        <Button size="sm" disabled={!who.trim()} onClick={() => act({ agent: 'takeover', as: who.trim() })}>
          Take over
        </Button>
      </div>
    </section>
  );
}

/** A Human Takeover left by `no_agent` before any handoff was requested: say why nobody could take it. */
export function NoAgentNotice({ record }: { record: AssignmentRecord }) {
  return (
    <section className="sim-agent sim-noagent" aria-label="Agent pane">
      <header className="sim-agent-head">
        <strong>Agent</strong>
        <span className="bt-badge" data-status="rejected">
          no agent found
        </span>
        {record.blockId && <NoAgentBlock id={record.blockId} />}
      </header>
      <p className="sim-note">{record.explanation}</p>
    </section>
  );
}

/** "“Customer service team” · exit “No agent”": the canvas's words, the id in a tooltip (newcomer s39 N15 rest). */
function NoAgentBlock({ id }: { id: string }) {
  const block = useStudio((s) => s.flow.blocks.find((b) => b.id === id));
  return (
    <span className="sim-muted" title={`Block id: ${id}`}>
      “<ShownDirection text={block ? blockTitle(block) : id} />” · exit “No agent”
    </span>
  );
}

export function AgentPane({ pane, act, agents = [] }: { pane: AgentPaneView; act(step: ActionStep): boolean; agents?: readonly VirtualAgent[] }) {
  const [reply, setReply] = useState('');
  const [acceptAs, setAcceptAs] = useState('');
  const [transferTo, setTransferTo] = useState('');
  const h = pane.handoff!;
  // Newcomer s39 N13: the card took half the panel, and after hand back and close it still said "The customer ... is
  // waiting". It folds to its header line (and folds by itself once the handoff is over); the summary then says
  // "was waiting", under "What the agent received", folded.
  const over = h.status !== 'pending' && h.status !== 'assigned';
  const [folded, setFolded] = useState(over);
  const wasOver = useRef(over);
  useEffect(() => {
    if (over && !wasOver.current) setFolded(true);
    wasOver.current = over;
  }, [over]);
  const bodyId = useId();
  return (
    <section className="sim-agent" aria-label="Agent pane" data-folded={folded ? 'true' : undefined}>
      <header className="sim-agent-head">
        <strong>Agent</strong>
        <span className="bt-badge" data-status={h.status}>
          {pane.badge ?? handoffBadge(h, pane.closedByAgent)}
        </span>
        <span className="sim-muted sim-agent-why" title={`reason ${h.reason}`}>
          {handoffWhy(h.reason, pane.context?.summary)}
        </span>
        <Button size="sm" variant="ghost" className="sim-agent-fold" aria-expanded={!folded} aria-controls={bodyId} onClick={() => setFolded((f) => !f)}>
          {folded ? 'Show' : 'Hide'}
        </Button>
      </header>
      <div id={bodyId} hidden={folded}>
      {pane.context &&
        (over ? (
          <details className="sim-context">
            <summary className="sim-muted">What the agent received</summary>
            <p>{pane.context.summary.replace(/\bis waiting\b/g, 'was waiting')}</p>
          </details>
        ) : (
          // Newcomer s41 N7: the full text took four lines of a pane that squeezed the chat; one line here, the
          // rest one click away.
          <details className="sim-context sim-context-live">
            <summary className="sim-muted" title={pane.context.summary}>
              What the agent receives: <span className="sim-context-line">{pane.context.summary}</span>
            </summary>
            <p>{pane.context.summary}</p>
            <p className="sim-muted">Suggested: {pane.context.suggestedResolution}</p>
          </details>
        ))}
      {pane.whyNot && <p className="sim-note">{pane.whyNot}</p>}
      {pane.can.accept && (
        <div className="sim-row">
          <select aria-label="Accept as" value={acceptAs} onChange={(e) => setAcceptAs(e.target.value)}>
            <option value="">first online agent</option>
            {pane.canAcceptAs.map((a) => (
              <option key={a.id} value={a.name}>
                {a.name}
              </option>
            ))}
          </select>
          <Button size="sm" variant="primary" onClick={() => act(acceptAs ? { agent: 'accept', as: acceptAs } : { agent: 'accept' })}>
            Accept
          </Button>
          {pane.can.noAgent && (
            <Button size="sm" onClick={() => act({ noAgent: true })}>
              No agent found
            </Button>
          )}
        </div>
      )}
      {pane.can.open && (
        // Session 42 (newcomer s26 F12 / s28 N6 rest): an automatic assignment gives the agent the chat; the customer hears they
        // joined when they open it (as in the inbox) or replies, as `baton serve` says it. Replying below opens it too.
        <div className="sim-row sim-agent-open">
          <span className="sim-muted">
            {/* Retest s43 N5: no guessed pronoun ("told she will be" of Ben): the name again, as the customer read it. */}
            {h.agentName ?? 'The agent'} has not opened the chat yet; the customer was told {h.agentName ?? 'an agent'} will be with them shortly.
          </span>
          <Button size="sm" variant="primary" onClick={() => act({ agent: 'open' })}>
            Open the chat as {h.agentName ?? 'the agent'}
          </Button>
        </div>
      )}
      {pane.can.say && (
        <>
          {/* Newcomer s41 N7: the reply box and its two buttons share a row; the chat's actions the next one. */}
          <div className="sim-row sim-agent-say">
            <input className="sim-agent-reply" aria-label="Agent reply" placeholder="Reply as the agent (Enter sends)" value={reply} onChange={(e) => setReply(e.target.value)} onKeyDown={(e) => {
              if (e.key === 'Enter' && reply.trim() && act({ agent: 'say', text: reply.trim() })) setReply('');
            }} />
            <Button size="sm" variant="primary" disabled={!reply.trim()} onClick={() => act({ agent: 'say', text: reply.trim() }) && setReply('')}>
              Reply
            </Button>
            <Button size="sm" disabled={!reply.trim()} title="Private note: the customer never sees it" onClick={() => act({ agent: 'note', text: reply.trim() }) && setReply('')}>
              Note
            </Button>
          </div>
          <div className="sim-row sim-agent-actions">
            {/* Session 42 (newcomer s19 F20): the inbox's two buttons, in its words and with its effect: Hand back to bot (the
                block's resolved exit), Resolve (closes the chat; the rating first when the resolved exit asks one). */}
            <Button size="sm" title="The bot carries on from the block's resolved exit (as the inbox's Hand back to bot); handed back before any reply to a customer who asked for a person, it goes back to where they asked" onClick={() => act({ agent: 'handback' })}>
              Hand back to bot
            </Button>
            <Button
              size="sm"
              variant="danger"
              title={
                pane.resolveRates
                  ? "As the inbox's Resolve: the bot asks the customer for a rating, then the conversation ends"
                  : pane.resolveUnanswered
                    ? "As the inbox's Resolve: nobody has written to the customer yet, so the bot says nobody could answer in the chat and the conversation ends (no rating)"
                    : "As the inbox's Resolve: the conversation ends"
              }
              onClick={() => act({ agent: 'resolve' })}
            >
              Resolve
            </Button>
            <Button size="sm" title="Put the chat back in the queue for someone else (the agent API's declined)" onClick={() => act({ agent: 'decline' })}>
              Decline
            </Button>
          {pane.can.transfer && (
            <span className="sim-agent-transfer">
              <select aria-label="Transfer to" value={transferTo} onChange={(e) => setTransferTo(e.target.value)}>
                <option value="">Transfer to…</option>
                {agents
                  .filter((a) => a.status === 'online' && a.id !== h.agentId)
                  .map((a) => (
                    <option key={a.id} value={a.name}>
                      {a.name}
                    </option>
                  ))}
              </select>
              {/* Session 42 (session 41 studio2 rest): the button shows once a colleague is chosen, so the row fits at 1024 px. */}
              {transferTo && (
                <Button size="sm" onClick={() => act({ agent: 'transfer', to: transferTo }) && setTransferTo('')}>
                  Transfer
                </Button>
              )}
            </span>
          )}
          </div>
        </>
      )}
      {pane.notes.length > 0 && (
        <ul className="sim-notes" aria-label="Private notes">
          {pane.notes.map((n, i) => (
            <li key={i}>
              <strong>{n.agentName}</strong> (private): {n.text}
            </li>
          ))}
        </ul>
      )}
      {pane.assignments.length > 0 && (
        <p className="sim-muted sim-agent-assigned" title={pane.assignments.at(-1)!.explanation}>
          {pane.assignments.at(-1)!.explanation}
        </p>
      )}
      </div>
    </section>
  );
}
