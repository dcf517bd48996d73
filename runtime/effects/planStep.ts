/**
 * Turns one engine Step into one atomic store write: the new state, the transcript entries to append, status
 * events, timers set and cancelled, handoffs queued or updated, tickets and CSAT, and the outbox items for
 * everything that leaves the process (notify, HTTP requests). Nothing here does I/O: the interpreter commits
 * the write, then carries out outbox items (runtime/effects/effectRunner.ts).
 */
import type { Effect, Step, TranscriptEntry } from '../../shared/engine/types';
import type { ConversationRecord, HandoffRecord, NewLogEntry, StepWrite } from '../store/types';
import { buttonsStillAsked } from '../../shared/engine/shownButtons';
import { handoffEnding } from '../../shared/handoff/lifecycle';
import type { HandoffEnding } from '../../shared/handoff/types';
import type { VisitorDetails } from '../store/types';
import { withVisitorNote } from '../server/visitorNote';

/** The engine's Step, including fields of the newer engine contract (transcript out of state, rejected inputs). */
export type EngineStep = Step & {
  transcript?: TranscriptEntry[];
  rejected?: { reason: string } | null;
};
type AnyEffect = Effect & { idempotencyKey?: string };
type HttpEffect = Extract<Effect, { type: 'http_request' }>;

export interface HttpJob {
  outboxId: string;
  conversationId: string;
  effect: HttpEffect;
}

export interface PlannedStep {
  write: StepWrite;
  http: HttpJob[];
  /** Outbox items to send soon (notify). */
  hasOutbox: boolean;
  /** Handoff status changes (for metrics): [status, requestedAt]. */
  handoffChanges: Array<{ status: string; requestedAt: number; from: string | null }>;
}

interface StateLike {
  mode: ConversationRecord['mode'];
  transcript?: TranscriptEntry[];
  handoff?: { id: string; status: string; reason: string; requestedAt: number; joined?: boolean; transitions?: ReadonlyArray<{ to: string; note?: string; ended?: HandoffEnding; cause?: string; transfer?: { by: string; to: string; from?: string } }> } | null;
}

/** Transcript entries this step added: `step.transcript` (new engine) or the growth of `state.transcript`. */
export function newTranscriptEntries(prior: StateLike | null, step: EngineStep): TranscriptEntry[] {
  if (Array.isArray(step.transcript)) return step.transcript;
  const after = (step.state as unknown as StateLike).transcript ?? [];
  const before = prior?.transcript?.length ?? 0;
  return after.slice(before);
}

function toLogEntry(e: TranscriptEntry): NewLogEntry {
  const out: NewLogEntry = { from: e.from, text: e.text, at: e.at };
  if (e.buttons && e.buttons.length > 0) out.buttons = e.buttons.map((b) => ({ id: b.id, label: b.label }));
  if (e.name) out.name = e.name;
  if (e.rating === true) out.rating = true;
  if (e.unanswered === true) out.unanswered = true;
  if (e.secretsHidden !== undefined && e.secretsHidden.length > 0) out.secretsHidden = [...e.secretsHidden];
  return out;
}

/**
 * Session 29 (newcomer s28 N4, the widget's half): the web widget offers the buttons of the last bot message in the log
 * with no customer message after it (renderer/widget/customerView.ts buttonsSeq), and the log does not say which block
 * said what. When the step's last message with buttons is one the flow no longer waits at (a message held during an
 * HTTP call handed over right after the reply's "Anything else?" [Yes / No]), the simulator hides those buttons
 * (shared/engine/shownButtons.ts) and a click is refused: the log gets that message without its buttons, by the
 * same rule (buttonsStillAsked), so the widget and the inbox show none.
 *
 * The log entries of the step's transcript entries (before any status entry): toLogEntry, stale buttons dropped.
 */
export function stepLogEntries(priorState: StateLike | null, step: EngineStep): NewLogEntry[] {
  const added = newTranscriptEntries(priorState, step);
  const append: NewLogEntry[] = added.map(toLogEntry);
  dropStaleButtons(added, append, step.state);
  return append;
}

function dropStaleButtons(added: readonly TranscriptEntry[], append: NewLogEntry[], state: EngineStep['state']): void {
  for (let i = added.length - 1; i >= 0; i--) {
    const e = added[i]!;
    if (e.from === 'customer') return;
    if (!e.buttons?.length) continue;
    if (!buttonsStillAsked(e, state)) delete append[i]!.buttons;
    return;
  }
}

const modeText: Record<ConversationRecord['mode'], string> = {
  bot: 'The bot is answering.',
  waiting: 'Waiting for a person.',
  agent: 'A person is in the conversation.',
  closed: 'The conversation has ended.',
};
/** Session 29 (newcomer s28 N6): mode 'agent' while the automatically assigned agent has not opened the chat yet. */
export const NOT_JOINED_TEXT = 'A person will join shortly.';

/** The status line's key of a handoff: its id and status, and whether its agent has joined when that is recorded. */
const handoffKey = (h: StateLike['handoff']) => (h ? `${h.id}:${h.status}${h.joined === undefined ? '' : `:${h.joined}`}` : null);

/**
 * The handoffs a step opens (its `handoff_request` effects) as the records planStep writes for them, without planning
 * the rest. ConversationService tells the agent hub of them as soon as the step is computed, before its commit, so a
 * customer asking at the same moment (their step computed while this one is committing) is told the wait of a queue
 * that counts this one (hostile s16 H#13: ten customers at once were all told "under a minute").
 */
export function requestedHandoffs(step: EngineStep, conversationId: string, flowId: string, now: number, visitor?: VisitorDetails): HandoffRecord[] {
  let out: HandoffRecord[] | null = null;
  for (const effect of step.effects as AnyEffect[]) {
    if (effect.type !== 'handoff_request') continue;
    (out ??= []).push(handoffRecordOf(effect, conversationId, flowId, now, visitor));
  }
  return out ?? [];
}

/**
 * Session 49 (apisec4): the context's summary with which starting details the website signed (startDetails.ts
 * `withVisitorNote`), as the notifications and the inbox's Variables panel say it. The engine's own effect is not
 * changed (the notification's text is the summary, and the effect runner adds the same note there).
 */
function contextWithVisitor<C extends { summary?: string } | undefined>(context: C, visitor: VisitorDetails | undefined): C {
  if (!visitor || !context || typeof context.summary !== 'string') return context;
  return { ...context, summary: withVisitorNote(context.summary, visitor) };
}

/** The record a `handoff_request` effect opens (planStep writes it; requestedHandoffs tells the hub of it first). */
function handoffRecordOf(effect: Extract<AnyEffect, { type: 'handoff_request' }>, conversationId: string, flowId: string, now: number, visitor: VisitorDetails | undefined): HandoffRecord {
  const h = effect.handoff;
  const request = visitor ? { ...effect, context: contextWithVisitor(effect.context, visitor) } : effect;
  return { id: h.id, conversationId, flowId, status: h.status, priority: h.priority, requestedAt: h.requestedAt, updatedAt: now, request, handoff: h };
}

export function planStep(args: {
  record: ConversationRecord;
  priorState: StateLike | null;
  step: EngineStep;
  now: number;
  create?: boolean;
  /** Existing handoff records for `handoff_update` effects, by id. */
  knownHandoffs: ReadonlyMap<string, HandoffRecord>;
  extra?: Partial<StepWrite>;
}): PlannedStep {
  const { record, priorState, step, now } = args;
  const state = step.state as unknown as StateLike;
  const id = record.id;
  const append = stepLogEntries(priorState, step);
  const write: StepWrite = {
    conversation: {
      ...record,
      state: step.state,
      mode: state.mode,
      updatedAt: now,
      closedAt: state.mode === 'closed' ? (record.closedAt ?? now) : null,
    },
    create: args.create,
    append,
    setTimers: [],
    cancelTimers: [],
    outbox: [],
    handoffs: [],
    records: [],
    ...args.extra,
  };
  if (args.extra?.cancelTimers) write.cancelTimers = [...args.extra.cancelTimers];
  const http: HttpJob[] = [];
  const handoffChanges: PlannedStep['handoffChanges'] = [];
  // Created on the first handoff effect: most steps have none.
  let handoffs: Map<string, HandoffRecord> | null = null;
  let hasOutbox = false;

  const priorMode = priorState?.mode ?? null;
  const priorHandoffStatus = handoffKey(priorState?.handoff);
  const handoffNow = handoffKey(state.handoff);
  const changed = priorState ? priorMode !== state.mode || priorHandoffStatus !== handoffNow : state.mode !== 'bot' || handoffNow !== null;
  if (changed) {
    const h = state.handoff;
    // `joined` only while it says something (an automatic assignment): other status lines stay as they were.
    const joined = h && h.status === 'assigned' && h.joined !== undefined ? { joined: h.joined } : {};
    // Session 43 (newcomer s42 N13): how a resolved handoff ended (resolved by the agent, or handed back), so the widget
    // says "Ann marked this chat as resolved" rather than "Ann has left the chat".
    const ending = h ? handoffEnding(h.status, h.transitions) : null;
    const ended = ending === 'handback' || ending === 'closed' ? { ended: ending } : {};
    // Session 46 (inbox11, newcomer s46 N11): back in the queue by a transfer: who transferred it to whom, so the inbox
    // says "Transferred by Ann to Bob" and not "Handoff waiting" with the bot's reason again.
    const lastMove = h?.transitions?.[h.transitions.length - 1];
    const transfer = h && h.status === 'pending' && lastMove?.to === 'pending' && lastMove.cause === 'transfer' && lastMove.transfer ? { transfer: { by: lastMove.transfer.by, to: lastMove.transfer.to, ...(lastMove.transfer.from ? { from: lastMove.transfer.from } : {}) } } : {};
    append.push({
      from: 'system',
      text: state.mode === 'agent' && h?.joined === false ? NOT_JOINED_TEXT : modeText[state.mode],
      at: now,
      status: { mode: state.mode, ...(h ? { handoff: { id: h.id, status: h.status, reason: String(h.reason), ...joined, ...ended, ...transfer } } : {}) },
    });
  }

  const effects = step.effects as AnyEffect[];
  for (let index = 0; index < effects.length; index++) {
    const effect = effects[index];
    const key = effect.idempotencyKey ?? `${id}:${record.lastSeq}:${index}`;
    switch (effect.type) {
      case 'set_timer':
        write.setTimers!.push({ key: `${id}:${effect.timer.id}`, conversationId: id, timerId: effect.timer.id, at: effect.timer.at });
        break;
      case 'cancel_timer':
        write.cancelTimers!.push(`${id}:${effect.timerId}`);
        break;
      case 'handoff_request': {
        const h = effect.handoff;
        (handoffs ??= new Map()).set(h.id, handoffRecordOf(effect, id, record.flowId, now, record.visitor));
        handoffChanges.push({ status: h.status, requestedAt: h.requestedAt, from: null });
        break;
      }
      case 'handoff_update': {
        const h = effect.handoff;
        const prior = handoffs?.get(h.id) ?? args.knownHandoffs.get(h.id);
        (handoffs ??= new Map()).set(h.id, {
          id: h.id,
          conversationId: id,
          flowId: record.flowId,
          status: h.status,
          priority: h.priority,
          requestedAt: h.requestedAt,
          updatedAt: now,
          // Session 43 (policy1, hostile s42 L6): a context the engine made again (a reference typed while waiting) replaces
          // the request's, so the inbox shows it.
          request: effect.context !== undefined && prior?.request ? { ...(prior.request as object), context: contextWithVisitor(effect.context, record.visitor) } : (prior?.request ?? null),
          handoff: h,
        });
        // The agent joining a chat given to her automatically (newcomer s28 N6) changes no status: no second count.
        if (prior?.status !== h.status) handoffChanges.push({ status: h.status, requestedAt: h.requestedAt, from: prior?.status ?? null });
        break;
      }
      case 'notify':
        write.outbox!.push({ id: key, conversationId: id, kind: 'notify', payload: effect, nextAt: now, createdAt: now });
        hasOutbox = true;
        break;
      case 'http_request':
        // Carried out at once by the caller; the outbox item is the crash-recovery copy, due only after the
        // request's own deadline (so the recovery loop never races the live request).
        write.outbox!.push({ id: key, conversationId: id, kind: 'http_request', payload: effect, nextAt: now + effect.timeoutMs + 5000, createdAt: now });
        http.push({ outboxId: key, conversationId: id, effect });
        break;
      case 'create_ticket':
        // Session 49 (apisec4): the ticket's summary says which starting details the website signed (withVisitorNote).
        write.records!.push({ id: effect.ticketId, kind: 'ticket', conversationId: id, flowId: record.flowId, at: now, data: record.visitor ? { ...effect, summary: withVisitorNote(effect.summary, record.visitor) } : effect });
        break;
      case 'record_csat': {
        // The rating belongs to the agent who last held the chat (newcomer s9 #12; none: only the bot was rated).
        // Session 16: the effect names the agent itself when the same step handed over again ("1 star, get me a human":
        // the state's handoff is then the new one).
        const h = state.handoff as { agentId?: string | null; agentName?: string | null } | null | undefined;
        const by = effect.agentId ? { agentId: effect.agentId, agentName: effect.agentName ?? effect.agentId } : h?.agentId ? { agentId: h.agentId, agentName: h.agentName ?? h.agentId } : {};
        write.records!.push({ id: key, kind: 'csat', conversationId: id, flowId: record.flowId, at: now, data: { score: effect.score, blockId: effect.blockId, ...by } });
        break;
      }
      case 'relay_to_agent':
      case 'end':
        // relay: the customer's message is in the log the agent reads; end: mode 'closed' is in the state.
        break;
    }
  }
  if (handoffs !== null) write.handoffs = [...handoffs.values()];
  return { write, http, hasOutbox, handoffChanges };
}
