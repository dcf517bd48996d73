/**
 * Plays one recorded conversation (a list of customer messages) through a flow on a virtual clock, for
 * batch simulation. HTTP requests fail (no network in a simulation); no agent ever joins.
 */
import type { ConversationMode, Waiting } from '../engine/types';
import type { EscalationAction, Signal } from '../escalation/types';
import type { EscalationReason, Flow } from '../flow/schema';
import type { HandoffStatus } from '../handoff/types';
import { createSimulation } from './createSimulation';

export interface PlayedConversation {
  id: string;
  /** The first decision that handed over or offered a person. */
  escalation: { reason: EscalationReason; action: Extract<EscalationAction, 'handoff' | 'offer'>; turn: number; signals: Signal[] } | null;
  handoff: {
    id: string;
    status: HandoffStatus;
    assignation: string;
    reason: EscalationReason | 'flow';
    priority: string;
    blockId: string;
    summary: string;
  } | null;
  /** Where the conversation stood after its last turn: the mode, and what the bot was waiting for. */
  end: { mode: ConversationMode; waitingFor: Waiting['kind'] | null };
  transcript: { from: string; text: string }[];
}

/**
 * The one definition of "handed over" for batch runs, used by `baton simulate` and the studio's Batch tab
 * (newcomer s6 #12: the studio said 33.3% where the CLI said 0.0% for the same batch):
 * - `handed_over`: a handoff was requested (the conversation was queued for a person), whatever happened next;
 * - `answering`: no handoff yet, but the conversation ended while answering a Human Takeover block's questions
 *   (name, email, reason): reported beside the rate ("N more were answering..."), not in it;
 * - `none`: everything else (a takeover left at once by its no_agent exit, e.g. out of hours, is not a handoff).
 */
export type BatchHandoffOutcome = 'handed_over' | 'answering' | 'none';

export function batchHandoffOutcome(end: { handoff: unknown; waitingFor: Waiting['kind'] | null }): BatchHandoffOutcome {
  if (end.handoff !== null && end.handoff !== undefined) return 'handed_over';
  return end.waitingFor === 'takeover_question' ? 'answering' : 'none';
}

/** The outcome of a played conversation (what `baton simulate` counts). */
export function playedHandoffOutcome(p: Pick<PlayedConversation, 'handoff' | 'end'>): BatchHandoffOutcome {
  return batchHandoffOutcome({ handoff: p.handoff, waitingFor: p.end.waitingFor });
}

/** Seconds between simulated customer messages (so timers behave plausibly). */
const TURN_GAP_MS = 20_000;

export function playConversation(flow: Flow, id: string, turns: string[], now: number): PlayedConversation {
  const sim = createSimulation(flow, { now, conversationId: id, http: () => ({ ok: false, status: 0, body: null }) });
  let escalation: PlayedConversation['escalation'] = null;
  let summary = '';
  for (let turn = 0; turn < turns.length; turn++) {
    if (turn > 0) sim.advance(TURN_GAP_MS);
    for (const step of sim.say(turns[turn])) {
      const d = step.decision;
      if (!escalation && d && d.reason && (d.action === 'handoff' || d.action === 'offer')) {
        escalation = { reason: d.reason, action: d.action, turn, signals: d.signals };
      }
      for (const e of step.effects) if (e.type === 'handoff_request' && !summary) summary = e.context.summary;
    }
  }
  const h = sim.state.handoff;
  return {
    id,
    escalation,
    handoff: h
      ? { id: h.id, status: h.status, assignation: h.assignation, reason: h.reason, priority: h.priority, blockId: h.blockId, summary }
      : null,
    end: { mode: sim.state.mode, waitingFor: sim.state.waiting?.kind ?? null },
    transcript: sim.transcript.map((t) => ({ from: t.from, text: t.text })),
  };
}
