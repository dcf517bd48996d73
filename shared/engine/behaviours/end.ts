/** End: says its text, if any, and closes the conversation. */
import type { BlockBehaviour } from './types';
import { bot } from '../run';
import { render } from '../runBlocks';

export const endBehaviour: BlockBehaviour<'end'> = {
  enter(run, block) {
    if (block.data.text) bot(run, render(run, block.data.text), block.id);
    run.s.mode = 'closed';
    run.s.waiting = null;
    run.effects.push({ type: 'end', reason: 'flow_end' });
    return null;
  },
};
