/**
 * Scores `baton simulate` output against the labelled set: per-reason recall and the false-escalation rate.
 * Shared by the labelled-set test and `npm run eval` (which prints the table used in the README).
 */
import { escalationOrClarify } from '../../shared/simulator/playConversation';
export interface Labelled {
  id: string;
  expect: string;
  turns: string[];
}

export interface SimulatedLine {
  id: string;
  escalation: { reason: string; action: string; turn: number } | null;
  /** The clarifying question asked instead of a low-confidence handoff (`lowConfidence.clarifyFirst`), or null. */
  asked?: { reason: 'low_confidence'; turn: number } | null;
}

export interface ReasonScore {
  reason: string;
  total: number;
  correct: number;
  /** Conversations of this label that escalated for another reason. */
  wrongReason: number;
  /** Conversations of this label that did not escalate at all. */
  missed: number;
  rate: number;
  misses: { id: string; got: string | null; turns: string[] }[];
}

export function scoreLabelled(labelled: Labelled[], lines: SimulatedLine[]): ReasonScore[] {
  const byId = new Map(lines.map((l) => [l.id, l]));
  const reasons = [...new Set(labelled.map((l) => l.expect))];
  return reasons.map((reason) => {
    const items = labelled.filter((l) => l.expect === reason);
    let correct = 0;
    let wrongReason = 0;
    let missed = 0;
    const misses: ReasonScore['misses'] = [];
    for (const item of items) {
      // A conversation that ends right on the flow's one clarifying question counts as the low confidence the policy
      // read (the customer never answered it): the same rule as every corpus tool (escalationOrClarify).
      const line = byId.get(item.id);
      const got = line ? (escalationOrClarify({ escalation: line.escalation as never, asked: (line.asked ?? null) as never }, item.turns.length)?.reason ?? null) : null;
      const ok = reason === 'none' ? got === null : got === reason;
      if (ok) correct++;
      else {
        if (got === null) missed++;
        else wrongReason++;
        misses.push({ id: item.id, got, turns: item.turns });
      }
    }
    // For 'none' the rate is the false-escalation rate; for reasons it is recall.
    const rate = reason === 'none' ? (items.length - correct) / items.length : correct / items.length;
    return { reason, total: items.length, correct, wrongReason, missed, rate, misses };
  });
}
