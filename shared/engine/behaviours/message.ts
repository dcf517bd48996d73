/** Message: says its text (with {{variables}}) and continues on `next`. */
import type { BlockBehaviour } from './types';
import { bot } from '../run';
import { exitTarget, render } from '../runBlocks';

export const messageBehaviour: BlockBehaviour<'message'> = {
  onlySays: true,
  enter(run, block) {
    bot(run, render(run, block.data.text), block.id);
    return exitTarget(run, block, 'next');
  },
};
