/**
 * Newcomer s12 #16 (session 13): the simulator's Chat showed the bot's clarifying question ("Could you tell me a bit
 * more...?", asked once instead of a low-confidence handoff) as an ordinary bot message; only Debug said what it was.
 * This finds the chat lines to mark: the first bot line after each customer message whose decision was the clarifying
 * question (shared/engine/clarifyFirst.ts isClarifyDecision). Pure.
 */
import { isClarifyDecision } from '../../../shared/engine/clarifyFirst';
import type { ChatLine, DecisionView } from '../../../shared/simulator/simulatorView';

/** The words on the marked line (in the bubble, above the text). */
export const CLARIFY_MARK = 'Clarifying question';
export const CLARIFY_MARK_HELP = 'Asked once instead of handing over (low confidence): a second unclear message hands over.';

/** Transcript indexes (ChatLine.index) of the bot lines that are the clarifying question. */
export function clarifyLineIndexes(chat: readonly ChatLine[], decisions: readonly DecisionView[]): Set<number> {
  const turns = new Set(decisions.filter((d) => isClarifyDecision(d as Parameters<typeof isClarifyDecision>[0])).map((d) => d.turn));
  const out = new Set<number>();
  if (turns.size === 0) return out;
  let turn = -1;
  let pending = false;
  for (const line of chat) {
    if (line.from === 'customer') {
      turn++;
      pending = turns.has(turn);
    } else if (pending && line.from === 'bot') {
      out.add(line.index);
      pending = false;
    }
  }
  return out;
}
