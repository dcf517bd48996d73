/**
 * Buttons: offers choices; typed text is matched forgivingly. Text that matches no button goes straight to
 * an intent or keyword router wired to `fallback` when that router understands it (the customer never types it twice);
 * otherwise the block asks again while its Retries allow, then takes `fallback`.
 */
import type { BlockOf } from '../../flow/schema';
import type { ButtonChoice } from '../compileFlow';
import type { Run } from '../run';
import { ClassifiedInput, Click, type BlockBehaviour, type Classified, type InputWaiting } from './types';
import { bot, setVar } from '../run';
import { matchButton } from '../matchButton';
import { splitLeadingAnswer } from '../answeringWord';
import { isUnsureReply } from '../../nlu/bareReplies';
import { normalizeText } from '../../nlu/normalizeText';
import { behaviourOf } from '../blockBehaviours';
import { classifyInput, follow, forwardRouter, render, retry, waitForInput } from '../runBlocks';

type Action =
  | { type: 'choose'; block: BlockOf<'buttons'>; choice: ButtonChoice }
  | { type: 'retry'; block: BlockOf<'buttons'>; w: InputWaiting }
  | { type: 'reask'; block: BlockOf<'buttons'>; w: InputWaiting }
  | { type: 'unsure'; block: BlockOf<'buttons'>; w: InputWaiting }
  | { type: 'forward'; routerId: string; inner: Classified };

const shown = (block: BlockOf<'buttons'>) => block.data.options.map((o) => ({ id: o.id, label: o.label }));

function act(run: Run, a: Action): void {
  if (a.type === 'choose') {
    if (a.block.data.variable) setVar(run, a.block.data.variable, a.choice.value);
    follow(run, a.block, a.choice.id);
  } else if (a.type === 'retry') {
    retry(run, a.block, a.w, a.block.data.maxRetries, a.block.data.retryMessage, shown(a.block));
  } else if (a.type === 'reask') {
    // Asked again even past the block's Retries (never its fallback): see isUnsureReply below.
    run.s.waiting = { ...a.w, retries: Math.min(a.w.retries + 1, a.block.data.maxRetries) };
    bot(run, render(run, a.block.data.retryMessage), a.block.id, shown(a.block));
  } else if (a.type === 'unsure') {
    // Asked again with the block's own question (its Retries unchanged): see fallbackActsAsAnOption below.
    run.s.waiting = a.w;
    bot(run, `No rush. ${render(run, a.block.data.text)}`, a.block.id, shown(a.block));
  } else {
    run.s.waiting = { kind: 'input', blockId: a.routerId, retries: 0 };
    run.visited.push(a.routerId);
    a.inner.apply();
  }
}

/** Whether the block's fallback exit leads where one of its options leads (taking it would act on that choice). */
function fallbackActsAsAnOption(run: Run, block: BlockOf<'buttons'>): boolean {
  const target = run.c.exitOf(block.id, 'fallback');
  return target !== undefined && block.data.options.some((o) => run.c.exitOf(block.id, o.id) === target);
}

export const buttonsBehaviour: BlockBehaviour<'buttons'> = {
  waitsAs: ['input', 'offer'],
  readsRequests: true,
  enter: (run, block) => waitForInput(run, block),
  prompt(run, block) {
    bot(run, render(run, block.data.text), block.id, shown(block));
  },
  classify(run, block, w, text, analysis, intentMatch) {
    const choice = matchButton(run.c.buttons(block), text);
    if (choice) return new ClassifiedInput<Action>(false, null, run, act, { type: 'choose', block, choice });
    const router = forwardRouter(run, block);
    if (router) {
      // The designer wired typed text to a router: it gets this very message, so the customer never
      // has to type it twice. Whether it was understood is the router's call.
      let inner = classifyInput(run, router, { kind: 'input', blockId: router.id, retries: 0 }, text, analysis, intentMatch);
      // Session 14 (hostile s14 H#18): "no thanks, but where is my order NW-104233?": the router did not understand the
      // whole message (its leading answer pulls the match down); it reads the request after the answer.
      const rest = inner.fallback ? (splitLeadingAnswer(text)?.request ?? null) : null;
      if (rest !== null) {
        const again = classifyInput(run, router, { kind: 'input', blockId: router.id, retries: 0 }, rest, null, null);
        if (!again.fallback) inner = again;
      }
      // Session 12 (newcomer s12 #9): text the router would not understand either (an email typed at "Would you like to
      // talk to a person? [Talk to a person] [No thanks]") is asked again while the block's Retries allow, buttons and
      // all, instead of dropping the question for the router's "Sorry, I didn't get that". Text the router understands
      // still goes to it at once.
      if (inner.fallback && w.retries < block.data.maxRetries) return new ClassifiedInput<Action>(true, inner.intent, run, act, { type: 'retry', block, w });
      // Session 14 (newcomer s13 #21): an undecided answer ("maybe", "not sure", "I don't know") answers this block's
      // question without picking; the router can do nothing with it either. It is asked again even when the Retries are
      // used up, instead of dropping the question for the router's "Sorry, I didn't get that" ("Would you like to talk to
      // a person?" / "maybe" / "maybe" lost the offer). The turn is still one the bot could not use, so the escalation
      // policy's repeated-fallback check sees every one of them.
      if (inner.fallback && isUnsureReply(analysis?.normalized ?? normalizeText(text))) return new ClassifiedInput<Action>(true, inner.intent, run, act, { type: 'reask', block, w });
      return new ClassifiedInput<Action>(inner.fallback, inner.intent, run, act, { type: 'forward', routerId: router.id, inner });
    }
    // Session 16 (hostile s15 H#17): "I'm not sure" / "maybe" at "Just to check: shall I cancel order NW-104233? [Yes,
    // cancel it | Another order | No, keep it]" took the fallback, which leads where "Another order" leads: the order
    // just named was dropped and asked for again as if the customer had picked it. An undecided answer picks nothing, so
    // where the fallback would act as one of the options, the block asks its question again ("No rush. ...") instead.
    // A fallback to a block of its own (lead-gen's size question asked another way) still takes the undecided answer.
    if (fallbackActsAsAnOption(run, block) && isUnsureReply(analysis?.normalized ?? normalizeText(text))) {
      return new ClassifiedInput<Action>(true, null, run, act, { type: 'unsure', block, w }, true);
    }
    return new ClassifiedInput<Action>(true, null, run, act, { type: 'retry', block, w }, true);
  },
  intentMatch(run, block, analysis) {
    const router = forwardRouter(run, block);
    return router ? (behaviourOf(router.kind).intentMatch?.(run, router, analysis) ?? null) : null;
  },
  click(run, block, buttonId) {
    const choice = run.c.buttons(block).find((b) => b.id === buttonId);
    if (!choice) return null;
    return new Click<Action>(choice.label, run, act, { type: 'choose', block, choice });
  },
};
