/**
 * The batch counts: ONE definition for `baton simulate` (runtime/cli/simulateCommand.ts), the studio's Batch tab
 * (shared/simulator/batchWhatIf.ts) and the Batch tab's headline and sentences (renderer/studio/simulator/BatchPane.tsx).
 * Before, the CLI counted escalations, offers, clarifying questions, handoffs and "still answering" in its own loop,
 * the batch runner again, and the studio derived its headline rate and "not handed over" causes a third time.
 *
 * Per conversation the inputs are already shared: `escalationOrClarify` (the escalation that counts) and
 * `batchHandoffOutcome` (handed over / answering the takeover's questions / none), both in playConversation.ts.
 * Here they are summed, and the rates are defined:
 * - escalation rate: escalated / played;
 * - handoff rate: handed over / played (what `baton simulate` prints as "handoff rate");
 * - reached rate: (handed over + answering the takeover's questions when the turns ran out) / played, the studio's
 *   headline "Handoff rate" (newcomer s13 #19), judged against the 15-25% guidance band;
 * - escalations not handed over, by cause: an offer of a person not taken, the bot's clarifying question last, or a
 *   handoff decided that did not reach a person.
 * Pure: no I/O, no clock.
 */
import type { EscalationReason } from '../flow/schema';
import type { BatchHandoffOutcome } from './playConversation';

/** The seeds' guidance: a healthy bot hands 15-25% of conversations to a person. */
export const HANDOFF_GUIDANCE = { min: 0.15, max: 0.25 } as const;

export type GuidanceBand = 'below' | 'within' | 'above';

/** One played conversation, as the counts see it. */
export interface CountedConversation {
  id: string;
  /** `escalationOrClarify`'s answer: the escalation that counts, or null. */
  escalation: { reason: EscalationReason; action: 'handoff' | 'offer' | 'clarify' } | null;
  /** `batchHandoffOutcome`'s answer. */
  outcome: BatchHandoffOutcome;
}

export interface BatchCounts {
  played: number;
  escalated: number;
  /** Escalations that offered a person first (graduated policy). */
  offered: number;
  /** Escalations that are the conversation ending on the bot's clarifying question (counted under low_confidence). */
  clarified: number;
  /** Conversations per reason, in the order first met. */
  byReason: Map<EscalationReason, string[]>;
  handedOver: string[];
  /** Not handed over: their turns ran out while they answered a Human Takeover block's questions. */
  answering: string[];
  /** Escalated, but neither handed over nor answering the takeover's questions, by the escalation's action. */
  notHanded: { offer: string[]; clarify: string[]; handoff: string[] };
}

export function emptyBatchCounts(): BatchCounts {
  return { played: 0, escalated: 0, offered: 0, clarified: 0, byReason: new Map(), handedOver: [], answering: [], notHanded: { offer: [], clarify: [], handoff: [] } };
}

/** Adds one conversation (streaming: `baton simulate` counts line by line). */
export function countConversation(counts: BatchCounts, c: CountedConversation): void {
  counts.played++;
  const e = c.escalation;
  if (e) {
    counts.escalated++;
    if (e.action === 'offer') counts.offered++;
    if (e.action === 'clarify') counts.clarified++;
    const ids = counts.byReason.get(e.reason);
    if (ids) ids.push(c.id);
    else counts.byReason.set(e.reason, [c.id]);
  }
  if (c.outcome === 'handed_over') counts.handedOver.push(c.id);
  else if (c.outcome === 'answering') counts.answering.push(c.id);
  else if (e) counts.notHanded[e.action].push(c.id);
}

export function batchCounts(conversations: Iterable<CountedConversation>): BatchCounts {
  const counts = emptyBatchCounts();
  for (const c of conversations) countConversation(counts, c);
  return counts;
}

/** A batch runner's per-conversation result ({handoff, answering} booleans) as the counts see it. */
export function countedOf(r: { id: string; escalation: CountedConversation['escalation']; handoff: boolean; answering: boolean }): CountedConversation {
  return { id: r.id, escalation: r.escalation, outcome: r.handoff ? 'handed_over' : r.answering ? 'answering' : 'none' };
}

export function guidanceBand(rate: number): GuidanceBand {
  return rate < HANDOFF_GUIDANCE.min ? 'below' : rate > HANDOFF_GUIDANCE.max ? 'above' : 'within';
}

export interface BatchRates {
  escalationRate: number;
  /** Handed over / played: `baton simulate`'s "handoff rate". */
  handoffRate: number;
  handoffBand: GuidanceBand;
  /** (Handed over + answering the takeover's questions) / played: the studio's headline "Handoff rate". */
  reachedRate: number;
  reachedBand: GuidanceBand;
}

/** The numbers the rates are made of (a BatchRun has them as total, escalated, handoffs, answering). */
export interface BatchTotals {
  played: number;
  escalated: number;
  handedOver: number;
  answering: number;
}

export function totalsOf(counts: BatchCounts): BatchTotals {
  return { played: counts.played, escalated: counts.escalated, handedOver: counts.handedOver.length, answering: counts.answering.length };
}

export function batchRates(totals: BatchTotals): BatchRates {
  const rate = (n: number) => (totals.played ? n / totals.played : 0);
  const handoffRate = rate(totals.handedOver);
  const reachedRate = rate(totals.handedOver + totals.answering);
  return { escalationRate: rate(totals.escalated), handoffRate, handoffBand: guidanceBand(handoffRate), reachedRate, reachedBand: guidanceBand(reachedRate) };
}
