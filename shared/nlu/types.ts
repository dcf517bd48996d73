/**
 * Contract of the NLU layer (implemented in this folder). Pure and synchronous: runs the same in the
 * browser, in Node and in tests, with no network and no model download.
 */

export type EntityType = 'email' | 'phone' | 'order_id' | 'date' | 'time' | 'amount' | 'url' | 'policy_number';

export interface Entity {
  type: EntityType;
  /** Normalised value, e.g. lower-cased email, digits-only phone, ISO date, amount as "42.50 EUR". */
  value: string;
  /** The words as the customer wrote them. */
  text: string;
}

export interface Sentiment {
  /** -1 (very negative) .. 1 (very positive); VADER's compound score or equivalent. */
  score: number;
  /** Words that pulled the score down, for explanations. */
  negativeWords: string[];
}

export interface TextAnalysis {
  text: string;
  /** Lower-cased, accents and punctuation removed, whitespace collapsed, texting spelled out ("u" -> "you"). */
  normalized: string;
  tokens: string[];
  /** Stems of `tokens` (same order). */
  stems: string[];
  sentiment: Sentiment;
  entities: Entity[];
  /** Fraction of letters in upper case among words of 2+ letters (shouting). */
  shouting: number;
}

export interface IntentDefinition {
  id: string;
  name: string;
  examples: string[];
}

export interface IntentMatch {
  /** Best intent's id, or null when nothing matched at all. */
  intentId: string | null;
  intentName: string | null;
  /** Calibrated 0..1: text unrelated to every intent scores low, never 1.0. */
  confidence: number;
  /** Best few candidates, best first. */
  ranking: { intentId: string; intentName: string; score: number }[];
}

export interface IntentMatcher {
  match(input: string | TextAnalysis): IntentMatch;
}
