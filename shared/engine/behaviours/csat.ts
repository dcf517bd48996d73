/**
 * CSAT: asks for a 1 to 5 rating, stores it and records it. A message that is clearly not a rating (a question, an
 * order number, a request: `notARating`) skips the rating when the block says so (`otherMessages: 'answer'`, the
 * default) and its `fallback` exit is wired: it goes on to that block, and an intent router there gets this very message
 * (as a Buttons block forwards typed text), so the customer is answered without typing it again. Anything else that is
 * not a score is asked for a number once, then the conversation moves on (`next`).
 */
import type { BlockOf, EscalationReason } from '../../flow/schema';
import type { Run } from '../run';
import type { IntentMatch } from '../../nlu/types';
import { ClassifiedInput, Click, type BlockBehaviour, type Classified, type InputWaiting } from './types';
import { bot, setVar } from '../run';
import { leadingScore, notARating, parseCsat, ratingAndRest } from '../parseCsat';
import { policyActsOn } from '../policyReads';
import { onlyCourtesy } from '../../nlu/courtesy';
import { analyzeText } from '../../nlu/analyzeText';
import { behaviourOf } from '../blockBehaviours';
import { classifyInput, csatButtons, exitTarget, follow, forwardRouter, intentMatchAt, render, waitForInput } from '../runBlocks';
import { analysedPart } from '../analysedPart';
import { closesChat } from '../closing';
import { backsOut } from '../backOut';
import { LOW_RATING_MAX, LOW_RATING_THANKS } from '../../flow/blocks/csat';

type Action =
  | { type: 'rate'; block: BlockOf<'csat'>; score: number | null; w: InputWaiting | null; leaving?: boolean }
  | { type: 'skip'; block: BlockOf<'csat'> }
  | { type: 'forward'; routerId: string; inner: Classified }
  | { type: 'rate_then'; block: BlockOf<'csat'>; score: number; routerId: string | null; inner: Classified | null };

/**
 * Session 15 (hostile s15 H#9): a score read at the Rating block is the answer to the block's own question. The message
 * carrying it ("1 star", "2 stars, useless") is checked only by the conversation-level readings of the escalation policy
 * (an explicit request for a person, a loop, repeated fallbacks: engine.ts `ownQuestionPolicy`), not by sentiment, topic
 * or urgency: "1 star" read as negative sentiment handed the customer to a person and the rating was never recorded, so
 * the unhappiest ratings were missing from the CSAT figures. `answered` tells the engine (Classified.answered).
 */
class RatingAnswer extends ClassifiedInput<Action> {
  readonly answered = true;
  readonly rating = true;

  /** Session 16 (hostile s15 H#9 rest): the score is recorded even when the policy hands over on the same message. */
  keepAnswer(): void {
    const a = this.action;
    if (a.type === 'rate' && a.score !== null) record(this.run, a.block, a.score, true);
  }
}

/**
 * Session 24 (hostile s17 #22 rest, s18 #11): a score with a request beside it ("5 stars, and cancel order NW-230919",
 * "⭐ get me a human", "cancel NW-230919, 1 star"). Before, the score was recorded and the request dropped (the rating's
 * thanks, then goodbye), or the request was acted on and the score lost (a row of stars glued to words was no score).
 * Now the score is recorded and thanked, then the request goes where a skipped rating goes (the router on `fallback`
 * gets the rest of the message, or the `fallback` block). The whole escalation policy reads the request without the
 * score (`policyText`: "1 star" is the rating, not anger); when the policy hands over, the score is kept.
 */
class RatingAndRequest extends ClassifiedInput<Action> {
  readonly rating = true;

  constructor(fallback: boolean, intent: IntentMatch | null, run: Run, action: Action, readonly policyText: string) {
    super(fallback, intent, run, act, action);
  }

  keepAnswer(): void {
    const a = this.action;
    if (a.type === 'rate_then') record(this.run, a.block, a.score, true);
  }
}

/** A clicked score: its transcript entry is marked as the rating too. */
class RatingClick extends Click<Action> {
  readonly rating = true;
}

/**
 * `before`: the policy acts on the same message (keepAnswer), so the state after the step may hold a new handoff: the
 * effect names the agent who held the chat (Effect record_csat.agentId); otherwise the runtime reads it from the state.
 */
function record(run: Run, block: BlockOf<'csat'>, score: number, before = false): void {
  setVar(run, block.data.variable, score);
  const h = run.s.handoff;
  if (before && h?.agentId) run.effects.push({ type: 'record_csat', score, blockId: block.id, agentId: h.agentId, agentName: h.agentName ?? h.agentId });
  else run.effects.push({ type: 'record_csat', score, blockId: block.id });
}

/**
 * Session 43 (studio5, newcomer s42 N13): the words after a score: a low one (1 or 2) is answered with the block's
 * apology (lowThanks; its Thanks when that is empty), the others with its Thanks.
 */
function thank(run: Run, block: BlockOf<'csat'>, score: number): void {
  const apology = block.data.lowThanks ?? LOW_RATING_THANKS;
  const low = score <= LOW_RATING_MAX && apology.trim() !== '';
  bot(run, render(run, low ? apology : block.data.thanks), block.id);
}

function act(run: Run, a: Action): void {
  if (a.type === 'forward') {
    // The customer skipped the rating: the router wired to `fallback` answers the message (see buttons.ts).
    run.s.waiting = { kind: 'input', blockId: a.routerId, retries: 0 };
    run.visited.push(a.routerId);
    a.inner.apply();
    return;
  }
  if (a.type === 'skip') return follow(run, a.block, 'fallback');
  if (a.type === 'rate_then') {
    record(run, a.block, a.score);
    thank(run, a.block, a.score);
    if (a.routerId !== null && a.inner !== null) return act(run, { type: 'forward', routerId: a.routerId, inner: a.inner });
    return follow(run, a.block, 'fallback');
  }
  if (a.score !== null) {
    record(run, a.block, a.score);
    thank(run, a.block, a.score);
    // A low rating goes where the designer asks what went wrong, when that exit is wired; not when the customer said
    // goodbye with it ("2 bye"): the apology, then on as before.
    const low = a.score <= LOW_RATING_MAX && !a.leaving && run.c.exitOf(a.block.id, 'low_rating') !== undefined;
    follow(run, a.block, low ? 'low_rating' : 'next');
    return;
  }
  // Re-ask once; a customer who does not want to rate should not be stuck here.
  if (a.w === null || a.w.retries >= 1) follow(run, a.block, 'next');
  else {
    run.s.waiting = { ...a.w, retries: 1 };
    bot(run, 'Please pick a number from 1 (bad) to 5 (great).', a.block.id, csatButtons);
  }
}

/** A reply at the rating that declines it: a goodbye or closing, a back-out, or a plain no / skip / rather not. */
const DECLINES_RATING = /^(?:no|nope|nah|skip|pass|no\s+thanks?|no\s+thank\s+you|i'?d\s+rather\s+not|rather\s+not|not\s+now|no\s+rating|don'?t\s+want\s+to(?:\s+rate)?|i\s+don'?t\s+want\s+to(?:\s+rate)?)(?:\s+(?:thanks?|thank\s+you|sorry|bye))*$/;
function declinesToRate(text: string): boolean {
  const t = text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[^\p{L}\p{N}'\s]/gu, ' ').replace(/\s+/g, ' ').trim();
  return closesChat(text) || backsOut(text) || DECLINES_RATING.test(t) || /^\s*(?:👋|🙅(?:\u200d[♀♂]\ufe0f?)?)\s*$/u.test(text);
}

/** Where a message that is not a rating goes: null when the block is strict or its `fallback` exit is unwired. */
function skipsTo(run: Run, block: BlockOf<'csat'>): 'router' | 'block' | null {
  if (block.data.otherMessages === 'ask_again' || run.c.exitOf(block.id, 'fallback') === undefined) return null;
  return forwardRouter(run, block) ? 'router' : 'block';
}

/** What a comment beside a score may say without being a problem to act on: that the customer is unhappy. */
const COMMENT_ONLY: ReadonlySet<EscalationReason> = new Set(['negative_sentiment']);

/**
 * A score and a request in one message (see RatingAndRequest): the request is what the message says besides the score
 * (`ratingAndRest`), read as a skipped rating is (`notARating`, with the router's reading of it). Null when there is no
 * such request ("5 stars!!! Ann was great", "4/5, quick answer"): the score alone, as before.
 */
function rateThen(run: Run, block: BlockOf<'csat'>, text: string, to: 'router' | 'block'): Classified | null {
  const parts = ratingAndRest(text);
  if (parts === null || parts.rest === '') return null;
  const a = analyzeText(analysedPart(parts.rest));
  const router = to === 'router' ? forwardRouter(run, block) : null;
  const inner = router ? classifyInput(run, router, { kind: 'input', blockId: router.id, retries: 0 }, parts.rest, a, intentMatchAt(run, router, a)) : null;
  // A request, or (hostile s24 #2) a problem the escalation policy hands over on ("1, my son swallowed a magnet": the chat
  // ended on the rating's thanks). Not for negative sentiment alone: "one star, useless" is the rating's comment on the
  // chat (session 15, hostile s15 H#9).
  if (!notARating({ text: parts.rest, normalized: a.normalized, tokens: a.tokens, entities: a.entities, understood: inner !== null && !inner.fallback }) && !policyActsOn(run, parts.rest, a, COMMENT_ONLY)) return null;
  const action: Action = { type: 'rate_then', block, score: parts.score, routerId: router?.id ?? null, inner };
  return new RatingAndRequest(inner?.fallback ?? false, inner?.intent ?? null, run, action, parts.rest);
}

/**
 * Session 24: the customer rated at this block and no agent has spoken since (a score beside a request, RatingAndRequest,
 * then the request's way came back to the rating): not asked again. After an agent's messages (a handback) the rating
 * is about that agent and is asked as before. Read from the recent transcript (the customer's rating entries carry
 * `rating`).
 */
function ratedAlready(run: Run, block: BlockOf<'csat'>): boolean {
  const t = run.s.recentTranscript;
  for (let i = t.length - 1; i >= 0; i--) {
    const e = t[i];
    if (e.from === 'agent') return false;
    if (e.from === 'customer' && e.rating === true && e.blockId === block.id) return true;
  }
  return false;
}

export const csatBehaviour: BlockBehaviour<'csat'> = {
  waitsAs: ['input', 'offer'],
  enter: (run, block) => (ratedAlready(run, block) ? exitTarget(run, block, 'next') : waitForInput(run, block)),
  prompt(run, block) {
    bot(run, render(run, block.data.text), block.id, csatButtons);
  },
  classify(run, block, w, text, analysis, intentMatch) {
    const score = parseCsat(text);
    // A reply that is not a score is asked for a number once, then the conversation moves on: it is never a "did not
    // understand" for the escalation policy (hostile s11 #6: after Resolve, "no" then "no" at the rating counted as a
    // repeated fallback and queued a finished chat for a person again).
    // Session 38 (hostile s38 L3): "no thanks, bye", "skip", "I'd rather not", "👋" decline the rating: the conversation
    // moves on at once (was "Please pick a number from 1 (bad) to 5 (great)." first).
    const rate = () => new ClassifiedInput<Action>(false, null, run, act, { type: 'rate', block, score, w: score === null && declinesToRate(text) ? null : w });
    const to = skipsTo(run, block);
    if (score !== null) {
      const both = to === null ? null : rateThen(run, block, text, to);
      return both ?? new RatingAnswer(false, null, run, act, { type: 'rate', block, score, w });
    }
    // Session 24 (hostile s24 #5): a bare score first, then a request ("1 get me a human", "5 I want a refund": the score
    // and the request, as "⭐ get me a human") or a courtesy ("5 thanks", "4 🙂": the score).
    const lead = leadingScore(text);
    if (lead !== null) {
      const both = to === null ? null : rateThen(run, block, text, to);
      if (both !== null) return both;
      if (onlyCourtesy(lead.rest)) return new RatingAnswer(false, null, run, act, { type: 'rate', block, score: lead.score, w, leaving: closesChat(lead.rest) });
    }
    if (to === null) return rate();
    const a = analyzeText(analysedPart(text));
    const router = to === 'router' ? forwardRouter(run, block) : null;
    let inner: Classified | null = null;
    if (router) inner = classifyInput(run, router, { kind: 'input', blockId: router.id, retries: 0 }, text, analysis, intentMatch);
    const skipped = notARating({ text, normalized: a.normalized, tokens: a.tokens, entities: a.entities, understood: inner !== null && !inner.fallback });
    if (!skipped) return rate();
    if (router && inner) return new ClassifiedInput<Action>(inner.fallback, inner.intent, run, act, { type: 'forward', routerId: router.id, inner });
    return new ClassifiedInput<Action>(false, null, run, act, { type: 'skip', block });
  },
  intentMatch(run, block, analysis) {
    if (skipsTo(run, block) !== 'router') return null;
    const router = forwardRouter(run, block);
    return router ? (behaviourOf(router.kind).intentMatch?.(run, router, analysis) ?? null) : null;
  },
  click(run, block, buttonId) {
    const b = csatButtons.find((x) => x.id === buttonId);
    if (!b) return null;
    return new RatingClick(b.label, run, act, { type: 'rate', block, score: Number(b.id), w: null });
  },
};
