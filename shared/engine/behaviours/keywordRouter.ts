/** Keyword router: routes on keywords; one exit per route, `fallback` when none matches. */
import type { BlockOf } from '../../flow/schema';
import type { Run } from '../run';
import { ClassifiedInput, type BlockBehaviour } from './types';
import { bot } from '../run';
import { normalizeText } from '../../nlu/normalizeText';
import { matchKeywords } from '../matchKeywords';
import { follow, render, routerFallback, waitForInput } from '../runBlocks';

type Action = { block: BlockOf<'keyword_router'>; routeId: string | null };

function act(run: Run, a: Action): void {
  if (a.routeId === null) routerFallback(run, a.block);
  else follow(run, a.block, a.routeId);
}

export const keywordRouterBehaviour: BlockBehaviour<'keyword_router'> = {
  waitsAs: ['input', 'offer'],
  enter: (run, block) => waitForInput(run, block),
  acceptsForwardedText: true,
  topicTexts: (block) => block.data.routes.flatMap((r) => r.keywords),
  prompt(run, block) {
    if (block.data.prompt) bot(run, render(run, block.data.prompt), block.id);
  },
  classify(run, block, _w, text, analysis) {
    const normalized = analysis?.normalized ?? normalizeText(text);
    const routeId = matchKeywords(run.c.keywordRoutes(block), normalized);
    return new ClassifiedInput<Action>(routeId === null, null, run, act, { block, routeId });
  },
};
