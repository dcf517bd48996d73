/** Jump: continues at another block (ends gracefully when the target is missing). */
import type { BlockBehaviour } from './types';
import { endConversation } from '../runBlocks';

export const jumpBehaviour: BlockBehaviour<'jump'> = {
  enter(run, block) {
    const target = block.data.target;
    if (target && run.c.blocks.has(target)) return target;
    endConversation(
      run,
      `This flow has no next step here: jump block "${block.label ?? block.id}" points to ${target ? `"${target}", which does not exist` : 'no block'}, so the conversation has ended. Choose its target.`,
      block.id,
    );
    return null;
  },
};
