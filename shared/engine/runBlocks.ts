/**
 * Walks the flow from a block until it has to wait (for the customer, an agent, a timer or an HTTP reply)
 * or the conversation closes. Also the per-kind handling of input at a waiting block, split in two
 * phases: `classifyInput` decides what the input means WITHOUT changing the state (so the escalation
 * policy can look at "was this a fallback?" first), and the returned `apply` carries it out.
 */
import type { Block, BlockOf, EscalationReason } from '../flow/schema';
import type { Signal } from '../escalation/types';
import type { IntentMatch } from '../nlu/types';
import type { Value } from '../flow/schema';
import type { Button, Waiting } from './types';
import type { ButtonChoice } from './compileFlow';
import { evaluateRuleGroup } from '../flow/rules';
import { renderTemplate } from '../flow/template';
import { isOpen } from '../flow/openingHours';
import { normalizeText } from '../nlu/normalizeText';
import { validateAnswer } from './questionValidators';
import { matchButton } from './matchButton';
import { matchKeywords } from './matchKeywords';
import { parseCsat } from './parseCsat';
import { readPath } from './readPath';
import { enterTakeover } from './humanTakeover';
import { continueTicket } from './ticketBlock';
import { bot, nextId, setVar, system, vars, type Run } from './run';
import { ruleHandoff } from './ruleSignals';
import { blockRegistry } from '../flow/blockRegistry';

/** Runaway protection: blocks entered in one step before the engine gives up on a loop. */
export const MAX_BLOCKS_PER_STEP = 200;

/** Set when a Human Takeover block is entered because the escalation policy decided so. */
export type TakeoverEntry = { reason: EscalationReason; signals: Signal[] } | null;

type InputWaiting = Extract<Waiting, { kind: 'input' }>;

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
    if (run.hops >= MAX_BLOCKS_PER_STEP) {
      endConversation(
        run,
        `Stopped after ${MAX_BLOCKS_PER_STEP} blocks without waiting for the customer: the flow loops around block "${id}". Add a block that waits (a question, buttons) or an End block to that loop.`,
        id,
      );
      return;
    }
    run.hops++;
    const block = run.c.blocks.get(id);
    if (!block) {
      endConversation(run, `This flow has no block "${id}", so the conversation has ended. Fix the connection that points to it.`);
      return;
    }
    if (run.rulesBefore !== null && block.kind !== 'human_takeover' && blockRegistry[block.kind].waitsForCustomer) {
      // About to ask the customer something: hand over first if a variable rule just became true.
      const handoff = ruleHandoff(run);
      if (handoff) {
        id = handoff.targetId;
        e = { reason: handoff.reason, signals: handoff.signals };
        continue;
      }
    }
    run.visited.push(id);
    id = enterBlock(run, block, e);
    e = null;
  }
}

const render = (run: Run, text: string) => renderTemplate(text, vars(run));

/** Runs one block; returns the next block id, or null when the step stops here. */
function enterBlock(run: Run, block: Block, entry: TakeoverEntry): string | null {
  const s = run.s;
  switch (block.kind) {
    case 'start':
      return exitTarget(run, block, 'next');
    case 'message':
      bot(run, render(run, block.data.text), block.id);
      return exitTarget(run, block, 'next');
    case 'set_variable':
      for (const a of block.data.assignments) {
        if (a.op === 'clear') setVar(run, a.variable, null);
        else if (a.op === 'add') {
          const cur = Number(s.variables[a.variable] ?? 0);
          const inc = Number(typeof a.value === 'string' ? render(run, a.value) : a.value);
          setVar(run, a.variable, (Number.isFinite(cur) ? cur : 0) + (Number.isFinite(inc) ? inc : 0));
        } else setVar(run, a.variable, typeof a.value === 'string' ? render(run, a.value) : a.value);
      }
      return exitTarget(run, block, 'next');
    case 'condition':
      return exitTarget(run, block, evaluateRuleGroup(block.data, s.variables, run.now) ? 'true' : 'false');
    case 'business_hours':
      return exitTarget(run, block, isOpen(block.data, run.now) ? 'open' : 'closed');
    case 'notify':
      run.effects.push({
        type: 'notify',
        channel: block.data.channel,
        to: block.data.to.map((t) => render(run, t)),
        subject: render(run, block.data.subject),
        text: render(run, block.data.text),
      });
      return exitTarget(run, block, 'next');
    case 'jump': {
      const target = block.data.target;
      if (target && run.c.blocks.has(target)) return target;
      endConversation(
        run,
        `This flow has no next step here: jump block "${block.label ?? block.id}" points to ${target ? `"${target}", which does not exist` : 'no block'}, so the conversation has ended. Choose its target.`,
        block.id,
      );
      return null;
    }
    case 'end':
      if (block.data.text) bot(run, render(run, block.data.text), block.id);
      s.mode = 'closed';
      s.waiting = null;
      run.effects.push({ type: 'end', reason: 'flow_end' });
      return null;
    case 'http_request': {
      const requestId = nextId(run, 'r');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(block.data.headers)) headers[k] = render(run, v);
      run.effects.push({
        type: 'http_request',
        requestId,
        method: block.data.method,
        url: render(run, block.data.url),
        headers,
        body: render(run, block.data.body),
        timeoutMs: block.data.timeoutMs,
      });
      s.waiting = { kind: 'http', blockId: block.id, requestId };
      return null;
    }
    case 'human_takeover':
      return enterTakeover(run, block, entry);
    case 'ticket':
      return continueTicket(run, block, 'email');
    case 'question':
    case 'buttons':
    case 'intent_router':
    case 'keyword_router':
    case 'csat':
      showPrompt(run, block);
      s.waiting = { kind: 'input', blockId: block.id, retries: 0 };
      return null;
  }
}

/** Shows a waiting block's question again (first time, or after the customer declined a person). */
export function showPrompt(run: Run, block: Block): void {
  switch (block.kind) {
    case 'question':
      bot(run, render(run, block.data.text), block.id);
      break;
    case 'buttons':
      bot(run, render(run, block.data.text), block.id, block.data.options.map((o) => ({ id: o.id, label: o.label })));
      break;
    case 'intent_router':
    case 'keyword_router':
      if (block.data.prompt) bot(run, render(run, block.data.prompt), block.id);
      break;
    case 'csat':
      bot(run, render(run, block.data.text), block.id, csatButtons);
      break;
    default:
      break;
  }
}

/**
 * What `apply` will do, as plain data. (Why not a closure: a turn classifies every customer message, and
 * creating a closure per message is measurable on the hot path; under tsx, which names every closure with
 * `Object.defineProperty`, it costs ~0.4 µs each.)
 */
type Action =
  | { kind: 'answer'; block: BlockOf<'question'>; value: Value }
  | { kind: 'retry'; block: BlockOf<'question'> | BlockOf<'buttons'>; w: InputWaiting }
  | { kind: 'choose'; block: BlockOf<'buttons'>; choice: ButtonChoice }
  | { kind: 'forward'; routerId: string; inner: Action }
  | { kind: 'intent'; block: BlockOf<'intent_router'>; intentId: string; name: string; confidence: number }
  | { kind: 'router_fallback'; block: Block }
  | { kind: 'follow'; block: Block; exit: string }
  | { kind: 'csat'; block: BlockOf<'csat'>; score: number }
  | { kind: 'csat_retry'; block: BlockOf<'csat'>; w: InputWaiting }
  | { kind: 'none' };

/** What one customer message means at a waiting block, before anything changes. */
export interface Classified {
  /** The block could not use the message (counts as a fallback turn for escalation). */
  fallback: boolean;
  /** The intent router's reading of the message, when the block is one. */
  intent: IntentMatch | null;
  apply: () => void;
}

/** A Classified whose `apply` is a prototype method over a data Action (no closure per message). */
class ClassifiedInput implements Classified {
  constructor(
    readonly fallback: boolean,
    readonly intent: IntentMatch | null,
    private readonly run: Run,
    readonly action: Action,
  ) {}

  apply(): void {
    runAction(this.run, this.action);
  }
}

function runAction(run: Run, a: Action): void {
  switch (a.kind) {
    case 'answer':
      setVar(run, a.block.data.variable, a.value);
      follow(run, a.block, 'next');
      return;
    case 'retry': {
      const d = a.block.data;
      const buttons = a.block.kind === 'buttons' ? a.block.data.options.map((o) => ({ id: o.id, label: o.label })) : undefined;
      retry(run, a.block, a.w, d.maxRetries, d.retryMessage, buttons);
      return;
    }
    case 'choose':
      chooseButton(run, a.block, a.choice.id, a.choice.value);
      return;
    case 'forward':
      run.s.waiting = { kind: 'input', blockId: a.routerId, retries: 0 };
      run.visited.push(a.routerId);
      runAction(run, a.inner);
      return;
    case 'intent': {
      const rec = { name: a.name, confidence: a.confidence, turn: run.s.turn - 1 };
      run.s.intents = [...run.s.intents.slice(-9), rec];
      setVar(run, 'intent', a.name);
      if (a.block.data.variable) setVar(run, a.block.data.variable, a.name);
      follow(run, a.block, a.intentId);
      return;
    }
    case 'router_fallback':
      routerFallback(run, a.block);
      return;
    case 'follow':
      follow(run, a.block, a.exit);
      return;
    case 'csat':
      scoreCsat(run, a.block, a.score);
      return;
    case 'csat_retry':
      // Re-ask once; a customer who does not want to rate should not be stuck here.
      if (a.w.retries >= 1) follow(run, a.block, 'next');
      else {
        run.s.waiting = { ...a.w, retries: 1 };
        bot(run, 'Please pick a number from 1 (bad) to 5 (great).', a.block.id, csatButtons);
      }
      return;
    case 'none':
      return;
  }
}

/** Invalid answer: say `message` and wait again, or take `fallback` once retries run out (when wired). */
function retry(run: Run, block: Block, w: InputWaiting, maxRetries: number, message: string, buttons?: Button[]) {
  const retries = w.retries + 1;
  if (retries > maxRetries && run.c.exitOf(block.id, 'fallback') !== undefined) {
    follow(run, block, 'fallback');
    return;
  }
  run.s.waiting = { ...w, retries };
  bot(run, render(run, message), block.id, buttons);
}

function chooseButton(run: Run, block: BlockOf<'buttons'>, optionId: string, value: string): void {
  if (block.data.variable) setVar(run, block.data.variable, value);
  follow(run, block, optionId);
}

function scoreCsat(run: Run, block: BlockOf<'csat'>, score: number): void {
  setVar(run, block.data.variable, score);
  run.effects.push({ type: 'record_csat', score, blockId: block.id });
  bot(run, render(run, block.data.thanks), block.id);
  follow(run, block, 'next');
}

/**
 * `analysis` is the text's NLU analysis when the caller made one (it is reused by intent and keyword
 * routers instead of analysing twice).
 */
/**
 * The intent or keyword router a Buttons block's `fallback` exit leads to directly, if any: typed text that
 * matches no button is handed to it at once instead of asking the customer to repeat it.
 */
export function forwardRouter(run: Run, block: Block): BlockOf<'intent_router'> | BlockOf<'keyword_router'> | null {
  if (block.kind !== 'buttons') return null;
  const target = run.c.exitOf(block.id, 'fallback');
  const next = target === undefined ? undefined : run.c.blocks.get(target);
  return next && (next.kind === 'intent_router' || next.kind === 'keyword_router') ? next : null;
}

export function classifyInput(
  run: Run,
  block: Block,
  w: InputWaiting,
  text: string,
  analysis: { normalized: string } | null,
  intentMatch: IntentMatch | null,
): Classified {
  switch (block.kind) {
    case 'question': {
      const r = validateAnswer(block.data.inputType, text, run.now);
      if (r.ok) return new ClassifiedInput(false, null, run, { kind: 'answer', block, value: r.value });
      return new ClassifiedInput(true, null, run, { kind: 'retry', block, w });
    }
    case 'buttons': {
      const choice = matchButton(run.c.buttons(block), text);
      if (choice) return new ClassifiedInput(false, null, run, { kind: 'choose', block, choice });
      const router = forwardRouter(run, block);
      if (router) {
        // The designer wired typed text to a router: it gets this very message, so the customer never
        // has to type it twice. Whether it was understood is the router's call.
        const inner = classifyInput(run, router, { kind: 'input', blockId: router.id, retries: 0 }, text, analysis, intentMatch) as ClassifiedInput;
        return new ClassifiedInput(inner.fallback, inner.intent, run, { kind: 'forward', routerId: router.id, inner: inner.action });
      }
      return new ClassifiedInput(true, null, run, { kind: 'retry', block, w });
    }
    case 'intent_router': {
      const m = intentMatch ?? run.c.matcher(block).match(text);
      if (m.intentId !== null && m.intentName !== null && m.confidence >= block.data.threshold) {
        return new ClassifiedInput(false, m, run, { kind: 'intent', block, intentId: m.intentId, name: m.intentName, confidence: m.confidence });
      }
      return new ClassifiedInput(true, m, run, { kind: 'router_fallback', block });
    }
    case 'keyword_router': {
      const normalized = analysis?.normalized ?? normalizeText(text);
      const routeId = matchKeywords(run.c.keywordRoutes(block), normalized);
      if (routeId !== null) return new ClassifiedInput(false, null, run, { kind: 'follow', block, exit: routeId });
      return new ClassifiedInput(true, null, run, { kind: 'router_fallback', block });
    }
    case 'csat': {
      const score = parseCsat(text);
      if (score !== null) return new ClassifiedInput(false, null, run, { kind: 'csat', block, score });
      return new ClassifiedInput(true, null, run, { kind: 'csat_retry', block, w });
    }
    default:
      return new ClassifiedInput(false, null, run, { kind: 'none' });
  }
}

/** Intent/keyword router did not understand: say so, and take `fallback` when it is wired. */
function routerFallback(run: Run, block: Block): void {
  bot(run, render(run, run.flow.settings.fallbackMessage), block.id);
  if (run.c.exitOf(block.id, 'fallback') !== undefined) follow(run, block, 'fallback');
}

/** A button click at a waiting block; false when that button is not on screen. */
export function clickAt(run: Run, block: Block, buttonId: string): { label: string; apply: () => void } | null {
  if (block.kind === 'buttons') {
    const choice = run.c.buttons(block).find((b) => b.id === buttonId);
    if (!choice) return null;
    return new Click(choice.label, run, { kind: 'choose', block, choice });
  }
  if (block.kind === 'csat') {
    const b = csatButtons.find((x) => x.id === buttonId);
    if (!b) return null;
    return new Click(b.label, run, { kind: 'csat', block, score: Number(b.id) });
  }
  return null;
}

/** A click's label and its `apply`, as a prototype method (see `Action`: no closure per click). */
class Click {
  constructor(
    readonly label: string,
    private readonly run: Run,
    readonly action: Action,
  ) {}

  apply(): void {
    runAction(this.run, this.action);
  }
}

/** The reply to an HTTP request block's call. */
export function httpResult(run: Run, block: BlockOf<'http_request'>, ok: boolean, body: unknown): void {
  if (ok) {
    let parsed = body;
    if (typeof body === 'string') {
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = body;
      }
    }
    for (const m of block.data.responseMapping) {
      const v = readPath(parsed, m.path);
      if (v === undefined) continue;
      setVar(run, m.variable, v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v));
    }
  }
  follow(run, block, ok ? 'success' : 'error');
}
