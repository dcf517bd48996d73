/**
 * CSAT: asks for a 1 to 5 rating, stores it and records it. A message that is clearly not a rating (a question, an
 * order number, a request: `notARating`) skips the rating when the block says so (`otherMessages: 'answer'`, the
 * default) and its `fallback` exit is wired: it goes on to that block, and an intent router there gets this very message
 * (as a Buttons block forwards typed text), so the customer is answered without typing it again. Anything else that is
 * not a score is asked for a number once, then the conversation moves on (`next`).
 */
import type { BlockOf } from '../../flow/schema';
import type { Run } from '../run';
import { ClassifiedInput, Click, type BlockBehaviour, type Classified, type InputWaiting } from './types';
import { bot, setVar } from '../run';
import { notARating, parseCsat } from '../parseCsat';
import { analyzeText } from '../../nlu/analyzeText';
import { behaviourOf } from '../blockBehaviours';
import { classifyInput, csatButtons, follow, forwardRouter, render, waitForInput } from '../runBlocks';
import { analysedPart } from '../analysedPart';

type Action =
  | { type: 'rate'; block: BlockOf<'csat'>; score: number | null; w: InputWaiting | null }
  | { type: 'skip'; block: BlockOf<'csat'> }
  | { type: 'forward'; routerId: string; inner: Classified };

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

function act(run: Run, a: Action): void {
  if (a.type === 'forward') {
    // The customer skipped the rating: the router wired to `fallback` answers the message (see buttons.ts).
    run.s.waiting = { kind: 'input', blockId: a.routerId, retries: 0 };
    run.visited.push(a.routerId);
    a.inner.apply();
    return;
  }
  if (a.type === 'skip') return follow(run, a.block, 'fallback');
  if (a.score !== null) {
    record(run, a.block, a.score);
    bot(run, render(run, a.block.data.thanks), a.block.id);
    follow(run, a.block, 'next');
    return;
  }
  // Re-ask once; a customer who does not want to rate should not be stuck here.
  if (a.w === null || a.w.retries >= 1) follow(run, a.block, 'next');
  else {
    run.s.waiting = { ...a.w, retries: 1 };
    bot(run, 'Please pick a number from 1 (bad) to 5 (great).', a.block.id, csatButtons);
  }
}

/** Where a message that is not a rating goes: null when the block is strict or its `fallback` exit is unwired. */
function skipsTo(run: Run, block: BlockOf<'csat'>): 'router' | 'block' | null {
  if (block.data.otherMessages === 'ask_again' || run.c.exitOf(block.id, 'fallback') === undefined) return null;
  return forwardRouter(run, block) ? 'router' : 'block';
}

export const csatBehaviour: BlockBehaviour<'csat'> = {
  waitsAs: ['input', 'offer'],
  enter: (run, block) => waitForInput(run, block),
  prompt(run, block) {
    bot(run, render(run, block.data.text), block.id, csatButtons);
  },
  classify(run, block, w, text, analysis, intentMatch) {
    const score = parseCsat(text);
    // A reply that is not a score is asked for a number once, then the conversation moves on: it is never a "did not
    // understand" for the escalation policy (hostile s11 #6: after Resolve, "no" then "no" at the rating counted as a
    // repeated fallback and queued a finished chat for a person again).
    const rate = () => new ClassifiedInput<Action>(false, null, run, act, { type: 'rate', block, score, w });
    if (score !== null) return new RatingAnswer(false, null, run, act, { type: 'rate', block, score, w });
    const to = skipsTo(run, block);
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
