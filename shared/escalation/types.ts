/**
 * Contract of the escalation layer: signal detectors and the policy that turns signals into a decision.
 */
import type { EscalationReason, Value } from '../flow/schema';
import type { IntentMatch, TextAnalysis } from '../nlu/types';

export type { EscalationReason };

/** One detector's finding. */
export interface Signal {
  reason: EscalationReason;
  /** Strength 0..1 (sentiment: the magnitude of negativity; rules: 1). */
  score: number;
  /** The threshold the designer set (or the detector's default) that `score` was compared with. */
  threshold: number;
  /** The words, phrase or rule that caused it. */
  evidence: string[];
  /** 0-based index of the customer turn that caused it. */
  turn: number;
  /** One sentence a tester understands, e.g. 'Customer asked for a person ("put me through").' */
  explanation: string;
  /** Which part found it: a word or phrase rule, the learned classifier, or the designer's own phrases and examples. */
  source?: 'rule' | 'classifier' | 'designer';
  /**
   * Set on the built-in self-harm / crisis reading (an urgency signal, selfHarm.ts): the customer may be in danger, so
   * whoever answers says where to get help now (shared/engine/crisisSignal.ts). Absent otherwise.
   */
  crisis?: true;
  /**
   * Session 41 (injury, hostile s40 H2): set on an urgency signal whose message says a person is hurt or ill now (an
   * injury, a medical emergency, something dangerous swallowed: detectUrgency personInDanger). The engine says the flow's
   * emergency line (112 / 999 / 911) first, once, before any question, whatever the opening hours. Absent otherwise.
   */
  emergency?: true;
}

export type EscalationAction = 'none' | 'rephrase' | 'offer' | 'handoff';

/** The policy's verdict for one customer message. */
export interface EscalationDecision {
  action: EscalationAction;
  /** The deciding signal's reason (the strongest fired one), or null when nothing fired. */
  reason: EscalationReason | null;
  /** Every signal that fired on this turn, in the order a supervisor would name them (see evaluateEscalation.ts). */
  signals: Signal[];
  /** Human-readable summary of why (or why not). */
  explanation: string;
  turn: number;
  /**
   * Signals that came close without firing (a classifier score or a sentiment score below its threshold,
   * or a rule a guard switched off), strongest first, for the simulator's debug drawer. Never acted on.
   */
  nearMisses?: Signal[];
  /**
   * Session 26 (shopfb): true when the bot could not use the message and it is a clear, calm question about the shop
   * (detectRepeatedFallback: calmShopQuestion, asked the first time or again), not at a block's own question, and nothing
   * is done about it: the engine then says the flow's settings.shopQuestionMessage instead of its fallback message
   * (shared/engine/shopQuestion.ts). Absent otherwise.
   */
  shopQuestion?: true;
  /**
   * Session 43 (policy1): every signal is negative sentiment and the waiting block used the message (complaintFirst.ts).
   * 'answered': a soft complaint, the first: the action is 'none', the engine says the flow's apology and the block
   * answers. 'strong' / 'again': handed over (abuse, or a complaint already answered once); the engine answers these first
   * only when nobody can take the chat now (engine.ts answersFirstWhileNobody). Absent otherwise.
   */
  understoodComplaint?: 'answered' | 'strong' | 'again';
}

/** What the policy remembers between turns (kept small: it is persisted with the conversation). */
export interface EscalationMemory {
  /** Consecutive customer turns the bot could not use. */
  fallbacksInRow: number;
  /**
   * How many of those were clear questions about the shop, which count half towards the repeated-fallback limit
   * (round seven, see detectRepeatedFallback.fallbackWeight). Absent in memories written before; ignored when
   * fallbacksInRow is 0.
   */
  clearInRow?: number;
  /**
   * Session 31 (rffe): every message counted in the current fallback streak reads as about the shop by the learned
   * in-domain score (at least IN_SHOP_STREAK, detectRepeatedFallback.ts): questions the shop should answer, not a
   * customer stuck. Absent when not so, or unknown (memories written before); ignored when fallbacksInRow is 0.
   */
  inShopStreak?: true;
  /** Session 31 (rffe): the streak is the customer's opening words alone ("Jambo", "heyy"); see detectRepeatedFallback.opener. */
  openerOnly?: true;
  /** Normalised recent customer questions, newest last (at most 6). */
  recent: string[];
  /** Sentiment scores of recent customer turns, newest last (at most 6). */
  sentiments: number[];
  /** Graduated mode: 0 = nothing done yet, 1 = asked to rephrase, 2 = offered a person. */
  level: 0 | 1 | 2;
  /**
   * Session 12: the intent the bot understood for each of the latest customer messages, newest last (at most 6); '' for
   * a message it understood as no intent (a fallback, a thanks, an answer to a question). Read by the loop detector
   * (the same intent asked again while the bot answers each time); see intentMemory.ts. Absent in memories written before.
   */
  intents?: string[];
  /**
   * Session 43 (policy1): a complaint the flow understood was answered first in this conversation (complaintFirst.ts): the
   * next one hands over. Cleared with the rest of the memory by a handoff. Absent otherwise (and in memories written before).
   */
  complained?: true;
  /**
   * Session 49 (conv11, hostile s49 M11): the block whose own question the latest customer messages could not answer, and
   * how many of them in a row (the bot asked that question again after each). Cleared by any other message. See
   * detectRepeatedFallback.askedAgainAt. Absent otherwise (and in memories written before).
   */
  askedAgain?: { at: string; n: number };
}

/** Everything the detectors may look at for one customer message. */
export interface TurnFacts {
  text: string;
  analysis: TextAnalysis;
  /** 0-based index of this customer turn in the conversation. */
  turn: number;
  now: number;
  variables: Record<string, Value | undefined>;
  /** Set when an intent router classified this message. */
  intent: IntentMatch | null;
  /** True when the waiting block could not use this message (no button, intent or keyword matched; invalid answer). */
  fallback: boolean;
  /**
   * Session 15: set with `fallback` when the message was read only as the answer to the waiting block's own question
   * (a Question block, Buttons with no router to forward typed text to) and did not fit, so the block asks again or takes
   * its fallback exit: no intent or keyword router read it as a request. False or absent otherwise.
   */
  ownQuestion?: boolean;
  /**
   * Session 50 (emerg7, hostile s49 M8): the message answers a date-and-time question for a time from now on with a time
   * this many minutes ahead on the conversation's clock ("12:00" at 11:30 at Skyline Air's departure question: 30). The
   * urgency detector reads it as a deadline within the policy's horizon (a time answered at that question has no words
   * of a flight or a need beside it). Absent otherwise.
   */
  answeredMinutesAway?: number;
  /**
   * Session 49 (conv11): with `ownQuestion`, the id of the block whose own question the message did not answer (the
   * engine's waiting block). Absent otherwise.
   */
  askedAt?: string;
  /**
   * Session 50 (conv12, newcomer s49 N2): the waiting block asks its question again after this message, within the Retries
   * the designer set (a Buttons or Question block's `maxRetries` not used up). A repeated-fallback reading alone is then
   * not acted on yet: the block's retries come first, and a miss after the last of them hands over (the streak goes on).
   * Absent otherwise.
   */
  retriesLeft?: true;
  /**
   * Session 50 (conv12, hostile s49 L1): at a router, this message and every one since the bot last understood one are
   * bare acknowledgements ("ok", "okay", "alright"): they ask nothing the bot failed at, so a repeated-fallback reading
   * alone is not acted on. Absent otherwise.
   */
  onlyAcknowledged?: true;
  /**
   * Session 43 (policy1): the waiting block used the message: a menu option picked (by a button or by its words: "my bag
   * never arrived" at Skyline Air's "Lost, delayed or damaged bag"), an intent its router routes, a valid answer to its
   * question. Set by the engine's reading of a block's input only (absent for a message read on its own: beside a
   * rating, held during an HTTP call, at a closed chat). The rule for a complaint the flow understood reads it
   * (complaintFirst.ts). (It replaces session 42's `picked`, which silenced only the "what never came" reading.)
   */
  understood?: boolean;
  /**
   * Session 42 (fe): set with `fallback` when the conversation waited at a block that asks for a value (a Question block:
   * the order number, the new address) and the message did not give it, whatever read it (the block itself, or the
   * router it forwards a question to): the bot's question stays open and is asked again. Absent otherwise.
   */
  atQuestion?: boolean;
  /** The flow's time zone (settings.timezone): deadlines the customer names are read on this clock. UTC when absent. */
  timezone?: string;
  /**
   * Session 28 (hostile s28 H2): the message as typed, set only when the policy's Never-trigger words were taken out of
   * `analysis`. The built-in self-harm / crisis check reads this one: no designer word ("kill", "die") may silence it.
   */
  typedAnalysis?: TextAnalysis;
}
