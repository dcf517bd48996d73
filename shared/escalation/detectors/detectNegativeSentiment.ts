/**
 * negative_sentiment: one clearly negative message (score <= threshold), or a run of mildly negative ones
 * (the last `trendTurns` scores, this one included, each <= trendThreshold). Scores are the boosted ones
 * from `effectiveSentiment` (insults, profanity, "?!" count extra).
 */
import type { EscalationPolicy } from '../../flow/schema';
import type { EscalationMemory, Signal, TurnFacts } from '../types';
import { effectiveSentiment } from '../effectiveSentiment';

const fmt = (n: number) => n.toFixed(2);
const quoteList = (words: string[]) => words.slice(0, 4).map((w) => `"${w}"`).join(', ');

export function detectNegativeSentiment(facts: TurnFacts, policy: EscalationPolicy, memory: EscalationMemory): Signal | null {
  const cfg = policy.negativeSentiment;
  const { score, words } = effectiveSentiment(facts.analysis);
  const said = words.length > 0 ? `: ${quoteList(words)}` : '';
  if (score <= cfg.threshold) {
    return {
      reason: 'negative_sentiment',
      score: Math.min(1, -score),
      threshold: cfg.threshold,
      evidence: words,
      turn: facts.turn,
      explanation: `Negative sentiment (${fmt(score)} <= ${cfg.threshold}${said}).`,
    };
  }
  const need = cfg.trendTurns;
  if (memory.sentiments.length + 1 < need || score > cfg.trendThreshold) return null;
  const run: number[] = memory.sentiments.slice(-(need - 1));
  run.push(score);
  if (!run.every((s) => s <= cfg.trendThreshold)) return null;
  const mean = run.reduce((a, b) => a + b, 0) / run.length;
  return {
    reason: 'negative_sentiment',
    score: Math.min(1, -mean),
    threshold: cfg.trendThreshold,
    evidence: words,
    turn: facts.turn,
    explanation: `Negative sentiment for ${need} messages in a row (${run.map(fmt).join(', ')}; each <= ${cfg.trendThreshold}${said}).`,
  };
}
