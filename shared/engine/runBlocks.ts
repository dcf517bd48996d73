/**
 * Walks the flow from a block until it has to wait (for the customer, an agent, a timer or an HTTP reply)
 * or the conversation closes, and routes input at a waiting block to the block's behaviour. What each kind
 * does lives in its own module under `behaviours/` (looked up with `behaviourOf`); this file knows no kind.
 * Input is handled in two phases: `classifyInput` decides what the input means WITHOUT changing the state
 * (so the escalation policy can look at "was this a fallback?" first), and the returned `apply` carries it
 * out.
 */
import type { Block, EscalationReason } from '../flow/schema';
import type { Signal } from '../escalation/types';
import type { IntentMatch, TextAnalysis as NluAnalysis } from '../nlu/types';
import type { Button, Waiting } from './types';
import { renderTemplate } from '../flow/template';
import { boundText } from '../flow/limits';
import { getBlockDefinition } from '../flow/blockRegistry';
import { bot, notSaidTwice, system, vars, type Run } from './run';
import { ruleHandoff } from './ruleSignals';
import { offerPerson, offersPersonNow, shopQuestionLine } from './shopQuestion';
import { offerForOwnProblem } from './ownProblem';
import { behaviourOf } from './blockBehaviours';
import { ClassifiedInput, type Classified, type InputWaiting, type TextAnalysis } from './behaviours/types';

export type { Classified } from './behaviours/types';

/**
 * Runaway protection: a block entered again in the same step counts as a hop round a loop; after this many
 * the engine gives up. Only re-entries count, so a long chain of blocks that never wait (more than 200 in a
 * row is legitimate in a big flow) always runs to its end, while a real loop is still stopped.
 */
export const MAX_BLOCKS_PER_STEP = 200;

/** Blocks entered in the current step of each run (a WeakMap: no field to add to `Run`, nothing to clean up). */
const enteredThisStep = new WeakMap<Run, Set<string>>();

/** Set when a Human Takeover block is entered because the escalation policy decided so. */
export type TakeoverEntry = { reason: EscalationReason; signals: Signal[] } | null;

export const csatButtons: Button[] = [1, 2, 3, 4, 5].map((n) => ({ id: String(n), label: String(n) }));

/** Closes the conversation with a message a tester can act on; never throws at a customer. */
export function endConversation(run: Run, text: string, blockId?: string): void {
  system(run, text, blockId);
  run.s.mode = 'closed';
  run.s.waiting = null;
  run.effects.push({ type: 'end', reason: 'flow_end' });
}

/** Target of `exit` on `block`, or null after ending the conversation gracefully when it is unwired. */
export function exitTarget(run: Run, block: Block, exit: string): string | null {
  const to = run.c.exitOf(block.id, exit);
  if (to !== undefined) return to;
  endConversation(
    run,
    `This flow has no next step here (block "${block.label ?? block.id}", exit "${exit}"), so the conversation has ended. Connect that exit to a block to continue.`,
    block.id,
  );
  return null;
}

/** Leaves a waiting block through `exit`. */
export function follow(run: Run, block: Block, exit: string): void {
  run.s.waiting = null;
  const to = exitTarget(run, block, exit);
  if (to !== null) goTo(run, to);
}

export function goTo(run: Run, blockId: string, entry: TakeoverEntry = null): void {
  let id: string | null = blockId;
  let e = entry;
  while (id !== null) {
    let entered = enteredThisStep.get(run);
    if (!entered) enteredThisStep.set(run, (entered = new Set()));
    if (entered.has(id)) run.hops++;
    else entered.add(id);
    if (run.hops >= MAX_BLOCKS_PER_STEP) {
      endConversation(
        run,
        `Stopped after ${MAX_BLOCKS_PER_STEP} blocks without waiting for the customer: the flow loops around block "${id}". Add a block that waits (a question, buttons) or an End block to that loop.`,
        id,
      );
      return;
    }
    const block = run.c.blocks.get(id);
    if (!block) {
      endConversation(run, `This flow has no block "${id}", so the conversation has ended. Fix the connection that points to it.`);
      return;
    }
    if (run.rulesBefore !== null) {
      const def = getBlockDefinition(block.kind);
      if (def.isHandoffTarget && e === null) {
        // The flow itself hands over (after its own blocks, e.g. a Slack notify for hot leads): when a
        // variable rule just became true, the handoff records that reason instead of a bare "flow".
        const handoff = ruleHandoff(run);
        if (handoff) e = { reason: handoff.reason, signals: handoff.signals };
      } else if (def.waitsForCustomer && !def.isHandoffTarget) {
        // About to ask the customer something: hand over first if a variable rule just became true.
        const handoff = ruleHandoff(run);
        if (handoff) {
          id = handoff.targetId;
          e = { reason: handoff.reason, signals: handoff.signals };
          continue;
        }
      }
    }
    run.visited.push(id);
    id = behaviourOf(block.kind).enter(run, block, e);
    e = null;
  }
}

/** Renders a `{{template}}` with the conversation's variables. */
export const render = (run: Run, text: string) => boundText(renderTemplate(text, vars(run)));

/** Starts waiting for the customer's input at `block` (after its prompt was shown). */
export function waitForInput(run: Run, block: Block): null {
  behaviourOf(block.kind).prompt?.(run, block);
  run.s.waiting = { kind: 'input', blockId: block.id, retries: 0 };
  return null;
}

/** Shows a waiting block's question again (first time, or after the customer declined a person). */
export function showPrompt(run: Run, block: Block): void {
  behaviourOf(block.kind).prompt?.(run, block);
}

/** Invalid answer: say `message` and wait again, or take `fallback` once retries run out (when wired). */
export function retry(run: Run, block: Block, w: InputWaiting, maxRetries: number, message: string, buttons?: Button[]) {
  const retries = w.retries + 1;
  if (retries > maxRetries && run.c.exitOf(block.id, 'fallback') !== undefined) {
    follow(run, block, 'fallback');
    return;
  }
  run.s.waiting = { ...w, retries };
  // Session 49 (conv11, hostile s49 M11): the same retry line twice in a row says so, in other words (run.notSaidTwice).
  const line = render(run, message);
  bot(run, notSaidTwice(run, line, () => `Let's try that once more. ${line}`), block.id, buttons);
}

/** Intent/keyword router did not understand: say so, and take `fallback` when it is wired. */
export function routerFallback(run: Run, block: Block): void {
  // Session 26 (shopfb): a clear shop question the flow has no answer for is told so (shopQuestion.ts), not "didn't get that".
  const shopLine = shopQuestionLine(run);
  // Session 47 (conv8, retest-conv s46 L5): something of the customer's own is wrong and the flow has no way for it:
  // said so and a person offered (ownProblem.ts), not "Sorry, I didn't get that".
  // (Before the shop question's line: "there's an issue with my account" read as a clear question the flow has no data
  // for got "I can't see product details here".)
  const said = run.s.variables.lastMessage;
  if (typeof said === 'string' && offerForOwnProblem(run, block.id, said)) return;
  bot(run, render(run, shopLine ?? run.flow.settings.fallbackMessage), block.id);
  // Session 26 (lead, newcomer s26 F16): every few unanswered shop questions the bot offers a person (shopQuestion.ts).
  if (shopLine !== null && offersPersonNow(run)) return offerPerson(run, block.id);
  // Session 27 (convo, newcomer s26 F5 rest): the line for a shop question was followed by the fallback path's "I can
  // help with orders, returns, ..." and the router's question again: three bubbles per question, where the line has
  // said all there is (the customer asked clearly; the bot has no data). When that path only says something and comes
  // back to the router, the line is the one bubble and the router waits as it was; a path that leads elsewhere (a
  // person, a ticket) is followed as before.
  if (shopLine !== null && fallbackStaysHere(run, block.id)) return;
  if (run.c.exitOf(block.id, 'fallback') !== undefined) follow(run, block, 'fallback');
}

/**
 * Whether a router's fallback stays at the router: its fallback exit is not wired, or leads only through message blocks
 * back to the router (customer-support's "What I can do"). At most a few blocks are followed. Session 17 (review revcore
 * item 7) wrote it for acknowledgements at the intent router; session 27 reads it for shop questions too.
 */
export function fallbackStaysHere(run: Run, routerId: string): boolean {
  let at = run.c.exitOf(routerId, 'fallback');
  if (at === undefined) return true;
  for (let steps = 0; at !== undefined && steps < 4; steps++) {
    if (at === routerId) return true;
    const next = run.c.blocks.get(at);
    if (next === undefined || behaviourOf(next.kind).onlySays !== true) return false;
    at = run.c.exitOf(at, 'next');
  }
  return false;
}

/**
 * The block a waiting block's `fallback` exit leads to directly, when that block accepts forwarded text
 * (intent and keyword routers): typed text that matches no button is handed to it at once instead of
 * asking the customer to repeat it.
 */
export function forwardRouter(run: Run, block: Block): Block | null {
  const target = run.c.exitOf(block.id, 'fallback');
  const next = target === undefined ? undefined : run.c.blocks.get(target);
  return next && behaviourOf(next.kind).acceptsForwardedText ? next : null;
}

const doNothing = () => {};

/** What customer text means at a waiting block (see the file comment); `analysis` is reused when given. */
export function classifyInput(
  run: Run,
  block: Block,
  w: InputWaiting,
  text: string,
  analysis: TextAnalysis | null,
  intentMatch: IntentMatch | null,
): Classified {
  const b = behaviourOf(block.kind);
  if (b.classify) return b.classify(run, block, w, text, analysis, intentMatch);
  return new ClassifiedInput(false, null, run, doNothing, null);
}

/** The intent match the escalation policy sees for text at `block` (null when no intent router reads it). */
export function intentMatchAt(run: Run, block: Block, analysis: string | NluAnalysis): IntentMatch | null {
  return behaviourOf(block.kind).intentMatch?.(run, block, analysis) ?? null;
}

/** A button click at a waiting block; null when that button is not on screen. */
export function clickAt(run: Run, block: Block, buttonId: string): { label: string; apply: () => void; rating?: boolean } | null {
  return behaviourOf(block.kind).click?.(run, block, buttonId) ?? null;
}

/** The reply to an HTTP call made by `block`; false when the block does not make HTTP calls. */
export function httpResultAt(run: Run, block: Block, ok: boolean, body: unknown): boolean {
  const b = behaviourOf(block.kind);
  if (!b.httpResult) return false;
  b.httpResult(run, block, ok, body);
  return true;
}

/** Kept for callers of the former API: the reply to an HTTP request block's call. */
export function httpResult(run: Run, block: Block, ok: boolean, body: unknown): void {
  httpResultAt(run, block, ok, body);
}

/** True when `block` asks its own questions while waiting and `w` is such a question (`takeover_question`, `ticket_question`). */
export function asksQuestionAt(block: Block, w: Waiting): boolean {
  return behaviourOf(block.kind).questionWaiting === w.kind;
}

/** The customer's answer to such a question (already recorded in the transcript); see `asksQuestionAt`. */
export function answerQuestionAt(run: Run, block: Block, w: Waiting, text: string): void {
  behaviourOf(block.kind).answerQuestion?.(run, block, w, text);
}

/**
 * Whether `text` answers the block's own question `w`, for blocks whose own questions get the escalation policy's
 * conversation-level checks (see `BlockBehaviour.answerFits`); null for blocks that do not.
 */
export function answerFitsAt(run: Run, block: Block, w: Waiting, text: string): boolean | null {
  const fits = behaviourOf(block.kind).answerFits;
  return fits ? fits(run, block, w, text) : null;
}
