/** CSAT: asks for a 1 to 5 rating, stores it and records it; re-asks once, then moves on. */
import type { BlockOf } from '../../flow/schema';
import type { Run } from '../run';
import { ClassifiedInput, Click, type BlockBehaviour, type InputWaiting } from './types';
import { bot, setVar } from '../run';
import { parseCsat } from '../parseCsat';
import { csatButtons, follow, render, waitForInput } from '../runBlocks';

type Action = { block: BlockOf<'csat'>; score: number | null; w: InputWaiting | null };

function act(run: Run, a: Action): void {
  if (a.score !== null) {
    setVar(run, a.block.data.variable, a.score);
    run.effects.push({ type: 'record_csat', score: a.score, blockId: a.block.id });
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

export const csatBehaviour: BlockBehaviour<'csat'> = {
  waitsAs: ['input', 'offer'],
  enter: (run, block) => waitForInput(run, block),
  prompt(run, block) {
    bot(run, render(run, block.data.text), block.id, csatButtons);
  },
  classify(run, block, w, text) {
    const score = parseCsat(text);
    return new ClassifiedInput<Action>(score === null, null, run, act, { block, score, w });
  },
  click(run, block, buttonId) {
    const b = csatButtons.find((x) => x.id === buttonId);
    if (!b) return null;
    return new Click<Action>(b.label, run, act, { block, score: Number(b.id), w: null });
  },
};
