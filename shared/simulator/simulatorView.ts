/**
 * What the studio's simulator panel shows, derived from a scenario session in one pure call: the chat, the
 * agent pane (which actions are possible now, and why not), the clock and its timers, the debug drawer
 * (variables, for every customer message the signals with scores, thresholds and evidence and the decision
 * in words, near misses, the handoff context as the agent receives it) and the effects log rendered the way
 * each email, Slack message, webhook, ticket or handoff would look. The panel renders this; it computes
 * nothing itself, so the same view can be tested without a DOM.
 */
import { takeoverRefusal } from '../engine/agentTakeover';
import { takeoverRatesResolved } from '../flow/takeoverRatesResolved';
import { agentWrote } from '../engine/humanTakeover';
import { handoffEnding } from '../handoff/lifecycle';
import { handoffStatusWords } from '../handoff/statusWords';
import type { Button, Effect, HandoffContext, TranscriptEntry } from '../engine/types';
import type { Signal } from '../escalation/types';
import { quotesAsTyped } from '../escalation/quotesAsTyped';
import type { Value } from '../flow/schema';
import type { Handoff } from '../handoff/types';
import type { AgentNote, AssignmentRecord, ScenarioSession } from './scenarioSession';
import type { VirtualAgent } from './virtualAgents';
import { clockZone, hoursAt } from './virtualClock';

export interface ChatLine extends TranscriptEntry {
  /** Index in the session's transcript (for "click a message to focus its block" and click-to-add expectations). */
  index: number;
}

export interface AgentPaneView {
  /** A handoff exists and the conversation is waiting for or with a person. */
  open: boolean;
  handoff: Handoff | null;
  /** The agent closed (resolved) the chat, not handed it back: the badge says "Resolved", not "Back with the bot". */
  closedByAgent: boolean;
  /** The badge: the handoff's status in the inbox's words, with who has it ("Assigned · Ana · not opened yet"); null without a handoff. */
  badge: string | null;
  /** The context exactly as the agent receives it with the handoff request. */
  context: HandoffContext | null;
  /** Actions possible now; each one that is not says why in `whyNot`. */
  /**
   * `open`: the agent an automatic assignment (or a transfer) gave the chat to has not opened it yet (the customer was
   * told she will be with them shortly; opening it, or her first reply, tells them she joined). `resolve` is the inbox's
   * Resolve; `close` closes without the rating (scenario files only).
   */
  can: { accept: boolean; open: boolean; say: boolean; note: boolean; transfer: boolean; decline: boolean; handback: boolean; resolve: boolean; close: boolean; noAgent: boolean };
  /** The inbox's Resolve asks the customer for a rating first (the block's resolved exit leads to one). */
  resolveRates: boolean;
  /** Resolve now would close a chat nobody from the team wrote in (no rating; the bot says nobody could answer). */
  resolveUnanswered: boolean;
  whyNot: string | null;
  /** Virtual agents who could accept (online). */
  canAcceptAs: VirtualAgent[];
  notes: AgentNote[];
  assignments: AssignmentRecord[];
  /**
   * The latest Human Takeover that left by `no_agent` without requesting a handoff, with why (who was online
   * and what they lacked); null when the last takeover did request one.
   */
  noAgent: AssignmentRecord | null;
  /**
   * Taking the live bot conversation over (the inbox's "Take over"; `{"agent": "takeover"}` in scenarios): possible
   * only while the bot waits for the customer; `as` lists the online virtual agents; `whyNot` says why not.
   */
  takeover: { can: boolean; as: VirtualAgent[]; whyNot: string | null };
}

export interface DecisionView {
  /** 0-based customer turn. */
  turn: number;
  /** The customer's message. */
  text: string;
  action: 'none' | 'rephrase' | 'offer' | 'handoff';
  reason: string | null;
  explanation: string;
  signals: Signal[];
  nearMisses: Signal[];
}

export interface EffectView {
  at: number;
  type: Effect['type'];
  /** One line, e.g. "Email to support-leads@northwind.example: New chat waiting: ...". */
  title: string;
  /** The body as it would be sent (email text, Slack text, ticket issue, handoff summary...). */
  body: string;
}

export interface TimerView {
  id: string;
  purpose: string;
  at: number;
  /** "in 4 min 30 s" from the virtual clock. */
  due: string;
}

export interface SimulatorView {
  now: number;
  /** The virtual clock in the flow's zone (its opening hours' zone: clockZone), e.g. "Mon 2 Mar 2026 10:00 (Europe/London)". */
  clock: string;
  /** That zone. */
  zone: string;
  /** Whether the flow's opening hours are open at the clock ('partly': some sets are); null: the flow has none. */
  hours: 'open' | 'closed' | 'partly' | null;
  mode: 'bot' | 'waiting' | 'agent' | 'closed';
  waitingAt: string | null;
  waitingFor: string | null;
  /** Blocks visited so far, in order, and the block to highlight now. */
  path: string[];
  currentBlockId: string | null;
  chat: ChatLine[];
  buttons: Button[];
  agentPane: AgentPaneView;
  timers: TimerView[];
  variables: Record<string, Value>;
  decisions: DecisionView[];
  effects: EffectView[];
  /** HTTP calls waiting for a reply typed by the tester. */
  waitingHttp: { method: string; url: string; body: string }[];
  /**
   * A Human Takeover block asking the customer for a detail before it requests the handoff (newcomer s23 #3: Debug said
   * "No handoff requested yet" while the handover was decided and the email was being asked); `reason`: the escalation
   * that brought the conversation there (absent when the flow simply reached the block). Null otherwise.
   */
  takeoverQuestion: { blockId: string; field: 'name' | 'email' | 'reason'; reason: string | null } | null;
}

/** "4 min 30 s", "2 h 5 min", "12 s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h) return m ? `${h} h ${m} min` : `${h} h`;
  if (m) return sec ? `${m} min ${sec} s` : `${m} min`;
  return `${sec} s`;
}

/** "Mon 2 Mar 2026 10:00 (Europe/London)" in `timeZone` (unknown zones fall back to UTC). */
export function formatClock(now: number, timeZone: string): string {
  let zone = timeZone;
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
  } catch {
    zone = 'UTC';
    fmt = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
  }
  return `${fmt.format(new Date(now)).replace(/,/g, '')} (${zone})`;
}

/** An effect the way it would be sent. */
export function renderEffect(e: Effect): { title: string; body: string } {
  switch (e.type) {
    case 'notify': {
      const who = e.to.join(', ');
      const title = e.channel === 'email' ? `Email to ${who}: ${e.subject}` : e.channel === 'slack' ? `Slack to ${who}: ${e.subject}` : `Webhook to ${who}: ${e.subject}`;
      return { title, body: e.text };
    }
    case 'handoff_request':
      return {
        title: `Handoff ${e.handoff.id} requested (${e.assignation}, ${e.priority} priority, reason ${e.handoff.reason})${e.autoAssign ? `, auto-assign ${e.autoAssign.strategy.replace('_', ' ')}` : ''}`,
        body: `${e.context.summary}\nSuggested: ${e.context.suggestedResolution}`,
      };
    case 'handoff_update':
      return { title: `Handoff ${e.handoff.id} ${e.handoff.status}${e.handoff.agentName ? ` (${e.handoff.agentName})` : ''}`, body: e.handoff.transitions.at(-1)?.note ?? '' };
    case 'relay_to_agent':
      return { title: `Customer message passed to the agent (${e.handoffId})`, body: e.text };
    case 'create_ticket':
      return {
        title: `Ticket ${e.ticketId} (${e.priority}) for ${e.contact.name ?? e.contact.email ?? e.contact.phone ?? 'an unknown contact'}`,
        body: `${e.issue}\n${e.summary}`,
      };
    case 'record_csat':
      return { title: `CSAT ${e.score}/5 recorded (block ${e.blockId})`, body: '' };
    case 'http_request':
      return { title: `${e.method} ${e.url}`, body: e.body };
    case 'end':
      return { title: `Conversation ended (${e.reason.replace('_', ' ')})`, body: '' };
    case 'set_timer':
      return { title: `Timer ${e.timer.purpose.replace('_', ' ')} set`, body: '' };
    case 'cancel_timer':
      return { title: `Timer ${e.timerId} cancelled`, body: '' };
  }
}

/**
 * Whether the agent closed (resolved) the chat rather than handing it back: the handoff's last move says so (the inbox's
 * Resolve with a rating question first is a hand back that closes), or the engine's `end` effect does.
 */
function closedByAgent(session: ScenarioSession): boolean {
  const h = session.sim.state.handoff;
  if (h && h.status === 'resolved') {
    const ending = handoffEnding(h.status, h.transitions);
    if (ending) return ending === 'closed';
  }
  return session.sim.effects.some((e) => e.type === 'end' && e.reason === 'agent_closed');
}

/**
 * The agent pane's badge: the inbox's words for the handoff's status (shared/handoff/statusWords.ts; session 42, newcomer
 * s19 F20: the simulator said "closed" and "handed back" where the inbox says "Resolved" and "Back with the bot"), with
 * who has or had the chat, and "not opened yet" while an agent given the chat automatically has not opened it (the
 * inbox's row says the same).
 */
export function handoffBadge(h: Pick<Handoff, 'status' | 'agentName'> & { joined?: boolean; transitions?: Handoff['transitions'] }, closed = false, conversationEnded = false): string {
  const who = h.agentName && (h.status === 'assigned' || h.status === 'resolved') ? ` · ${h.agentName}` : '';
  const endedAs = h.status === 'resolved' ? (closed ? 'closed' : 'handback') : handoffEnding(h.status, h.transitions);
  const words = handoffStatusWords({ status: h.status, endedAs, conversationEnded });
  return `${words}${who}${h.status === 'assigned' && h.joined === false ? ' · not opened yet' : ''}`;
}

/**
 * What became of a handoff that is over, in a sentence a tester reads (session 36, newcomer s35: it said
 * "Handoff studio:h1 is resolved", the runtime's internal id and status code). Session 42: "resolved" as the inbox's
 * Resolve (the chat is closed, after the rating when the block asks one), "handed back" as its Hand back to bot.
 */
export function handoffEndedLine(h: Pick<Handoff, 'status' | 'agentName'> & { transitions?: Handoff['transitions'] }, mode: string, closed = false): string {
  const who = h.agentName ?? 'The agent';
  const after = mode === 'closed' ? ' The conversation has ended.' : ' The bot has the conversation again.';
  switch (h.status) {
    case 'resolved':
      if (closed) return mode === 'closed' ? `${who} resolved the chat. The conversation has ended.` : `${who} resolved the chat: the bot asks for a rating, then the conversation ends.`;
      return `${who} handed the conversation back to the bot.${mode === 'closed' ? ' The conversation has ended.' : ''}`;
    case 'rejected':
      return `No agent could take the chat.${after}`;
    case 'expired':
      return `Nobody joined before the queue timeout.${after}`;
    case 'cancelled':
      // Session 38 (hostile s38 H1): a request withdrawn in the queue is no customer who left.
      if (handoffEnding(h.status, h.transitions) === 'withdrawn') return `The customer withdrew the request before an agent joined.${after}`;
      return `The customer left before an agent joined.${after}`;
    default:
      return `The handoff is over.${after}`;
  }
}

function agentPane(session: ScenarioSession): AgentPaneView {
  const s = session.sim.state;
  const h = s.handoff;
  const involved = h !== null && (s.mode === 'waiting' || s.mode === 'agent');
  const assigned = involved && h!.status === 'assigned';
  const pending = involved && h!.status === 'pending';
  const online = (session.agents ?? []).filter((a) => a.status === 'online');
  const request = session.sim.effects.filter((e) => e.type === 'handoff_request').at(-1);
  const lastRecord = session.assignments.at(-1) ?? null;
  const requests = session.sim.effects.filter((e) => e.type === 'handoff_request').length;
  const noAgent = lastRecord && lastRecord.exit === 'no_agent' && lastRecord.requestsBefore === requests ? lastRecord : null;
  let whyNot: string | null = null;
  if (noAgent && !involved) whyNot = noAgent.explanation;
  else if (!h) whyNot = 'No handoff yet: the bot is handling this conversation.';
  else if (!involved) whyNot = handoffEndedLine(h, s.mode, closedByAgent(session));
  else if (pending && session.agents && online.length === 0) whyNot = 'Nobody is online: set a virtual agent online to accept.';
  return {
    open: involved,
    handoff: h,
    closedByAgent: closedByAgent(session),
    badge: h ? handoffBadge(h, closedByAgent(session), s.mode === 'closed') : null,
    context: request && request.type === 'handoff_request' && h && request.handoff.id === h.id ? request.context : null,
    can: {
      accept: pending && (!session.agents || online.length > 0),
      open: assigned && h!.joined === false,
      say: assigned,
      note: assigned,
      transfer: assigned && online.some((a) => a.id !== h!.agentId),
      decline: assigned,
      handback: assigned,
      resolve: assigned,
      close: assigned,
      noAgent: pending,
    },
    // Session 46 (studio10, newcomer s45 N10): only once the agent wrote (a chat nobody answered closes without the rating).
    resolveRates: assigned && s.waiting?.kind === 'handoff' && takeoverRatesResolved(session.flow, s.waiting.blockId) && agentWrote(s, h!),
    resolveUnanswered: assigned && !agentWrote(s, h!),
    whyNot,
    canAcceptAs: pending ? online : [],
    notes: [...session.notes],
    assignments: [...session.assignments],
    noAgent,
    takeover: takeoverView(session, online),
  };
}

function takeoverView(session: ScenarioSession, online: VirtualAgent[]): AgentPaneView['takeover'] {
  // The engine's own check, with a stand-in agent (who takes over does not change whether it is possible).
  const refusal = takeoverRefusal(session.sim.state, { type: 'agent_takeover', agentId: 'simulator', agentName: 'Simulator', eventId: 'view' });
  if (refusal) return { can: false, as: [], whyNot: `An agent cannot take over now: ${refusal}` };
  if (session.agents && online.length === 0) return { can: false, as: [], whyNot: 'Nobody is online: set a virtual agent online to take over.' };
  return { can: true, as: online, whyNot: null };
}

export function simulatorView(session: ScenarioSession): SimulatorView {
  const sim = session.sim;
  const s = sim.state;
  const path = session.visited();
  const customer = sim.transcript.filter((t) => t.from === 'customer');
  const decisions: DecisionView[] = [];
  for (const step of sim.steps) {
    const d = step.decision;
    if (!d) continue;
    // Session 28 (newcomer s27 G5): quotes of the customer's words as typed, not as the detectors normalised them.
    const text = customer[d.turn]?.text ?? '';
    const typed = (x: Signal) => ({ ...x, explanation: quotesAsTyped(x.explanation, text) });
    decisions.push({
      turn: d.turn,
      text,
      action: d.action,
      reason: d.reason,
      explanation: quotesAsTyped(d.explanation, text),
      signals: d.signals.map(typed),
      nearMisses: ((d as { nearMisses?: Signal[] }).nearMisses ?? []).map(typed),
    });
  }
  // Effects with the time of the step that emitted them.
  const effects: EffectView[] = [];
  for (const step of sim.steps) {
    for (const e of step.effects) {
      if (e.type === 'set_timer' || e.type === 'cancel_timer') continue;
      effects.push({ at: step.state.updatedAt, type: e.type, ...renderEffect(e) });
    }
  }
  return {
    now: sim.now,
    clock: formatClock(sim.now, clockZone(session.flow)),
    zone: clockZone(session.flow),
    hours: hoursAt(session.flow, sim.now),
    mode: s.mode,
    waitingAt: s.waiting?.blockId ?? null,
    waitingFor: s.waiting?.kind ?? null,
    path,
    currentBlockId: s.waiting?.blockId ?? path.at(-1) ?? null,
    chat: sim.transcript.map((t, index) => ({ ...t, index })),
    buttons: sim.shownButtons(),
    agentPane: agentPane(session),
    timers: [...s.timers].sort((a, b) => a.at - b.at).map((t) => ({ id: t.id, purpose: t.purpose, at: t.at, due: `in ${formatDuration(t.at - sim.now)}` })),
    variables: { ...s.variables },
    decisions,
    effects,
    waitingHttp: session.waitingHttp.map((r) => ({ method: r.method, url: r.url, body: r.body })),
    takeoverQuestion: s.waiting?.kind === 'takeover_question' && s.mode === 'bot' ? { blockId: s.waiting.blockId, field: s.waiting.field, reason: s.waiting.reason ?? null } : null,
  };
}
