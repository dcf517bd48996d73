/** Intent router: understands what the customer wants; one exit per intent, `fallback` below the threshold. */
import type { BlockOf } from '../../flow/schema';
import type { Run } from '../run';
import { ClassifiedInput, type BlockBehaviour } from './types';
import { bot, setVar } from '../run';
import { follow, render, routerFallback, waitForInput } from '../runBlocks';

type Action =
  | { understood: true; block: BlockOf<'intent_router'>; intentId: string; name: string; confidence: number }
  | { understood: false; block: BlockOf<'intent_router'> };

function act(run: Run, a: Action): void {
  if (!a.understood) return routerFallback(run, a.block);
  const rec = { name: a.name, confidence: a.confidence, turn: run.s.turn - 1 };
  run.s.intents = [...run.s.intents.slice(-9), rec];
  setVar(run, 'intent', a.name);
  if (a.block.data.variable) setVar(run, a.block.data.variable, a.name);
  follow(run, a.block, a.intentId);
}

export const intentRouterBehaviour: BlockBehaviour<'intent_router'> = {
  waitsAs: ['input', 'offer'],
  enter: (run, block) => waitForInput(run, block),
  acceptsForwardedText: true,
  prompt(run, block) {
    if (block.data.prompt) bot(run, render(run, block.data.prompt), block.id);
  },
  classify(run, block, _w, text, _analysis, intentMatch) {
    const m = intentMatch ?? run.c.matcher(block).match(text);
    if (m.intentId !== null && m.intentName !== null && m.confidence >= block.data.threshold) {
      return new ClassifiedInput<Action>(false, m, run, act, { understood: true, block, intentId: m.intentId, name: m.intentName, confidence: m.confidence });
    }
    return new ClassifiedInput<Action>(true, m, run, act, { understood: false, block });
  },
  intentMatch: (run, block, analysis) => run.c.matcher(block).match(analysis),
};
