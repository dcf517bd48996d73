/**
 * Plays one recorded conversation (a list of customer messages) through a flow on a virtual clock, for
 * batch simulation. HTTP requests fail (no network in a simulation); no agent ever joins.
 */
import type { ConversationMode, Waiting } from '../engine/types';
import type { EscalationAction, Signal } from '../escalation/types';
import type { EscalationReason, Flow } from '../flow/schema';
import type { HandoffStatus } from '../handoff/types';
import { createSimulation } from './createSimulation';
import { isClarifyDecision } from '../engine/clarifyFirst';

export interface PlayedConversation {
  id: string;
  /** The first decision that handed over or offered a person. */
  escalation: { reason: EscalationReason; action: Extract<EscalationAction, 'handoff' | 'offer'>; turn: number; signals: Signal[] } | null;
  /**
   * Session 11 (escconv): the first clarifying question the policy asked instead of a low-confidence handoff
   * (escalation.lowConfidence.clarifyFirst), or null. See `escalationOrClarify` for how corpus tools count it.
   */
  asked: { reason: 'low_confidence'; turn: number; signals: Signal[] } | null;
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
  let asked: PlayedConversation['asked'] = null;
  let summary = '';
  for (let turn = 0; turn < turns.length; turn++) {
    if (turn > 0) sim.advance(TURN_GAP_MS);
    for (const step of sim.say(turns[turn])) {
      const d = step.decision;
      if (!escalation && d && d.reason && (d.action === 'handoff' || d.action === 'offer')) {
        escalation = { reason: d.reason, action: d.action, turn, signals: d.signals };
      }
      if (!asked && !escalation && d && isClarifyDecision(d)) asked = { reason: 'low_confidence', turn, signals: d.signals };
      for (const e of step.effects) if (e.type === 'handoff_request' && !summary) summary = e.context.summary;
    }
  }
  const h = sim.state.handoff;
  return {
    id,
    escalation,
    asked,
    handoff: h
      ? { id: h.id, status: h.status, assignation: h.assignation, reason: h.reason, priority: h.priority, blockId: h.blockId, summary }
      : null,
    end: { mode: sim.state.mode, waitingFor: sim.state.waiting?.kind ?? null },
    transcript: sim.transcript.map((t) => ({ from: t.from, text: t.text })),
  };
}

/**
 * Session 11 (escconv): what a labelled corpus counts as the conversation's escalation. A recorded conversation is cut
 * where its writer stopped; when it stops right after the bot asked its one clarifying question (clarifyFirst), the
 * customer never got to answer, and the policy has already read the message as low confidence and will hand over on
 * the next unclear one. Counted as that low-confidence escalation (action 'clarify'), so a flow that asks first is
 * scored on what it detected, not on a reply that was never written. A clarifying question the customer did answer
 * counts as nothing by itself: what happened next is played honestly.
 */
export function escalationOrClarify(
  p: Pick<PlayedConversation, 'escalation' | 'asked'>,
  turns: number,
): { reason: EscalationReason; action: Extract<EscalationAction, 'handoff' | 'offer'> | 'clarify'; turn: number } | null {
  if (p.escalation) return p.escalation;
  if (p.asked && p.asked.turn === turns - 1) return { reason: p.asked.reason, action: 'clarify', turn: p.asked.turn };
  return null;
}
