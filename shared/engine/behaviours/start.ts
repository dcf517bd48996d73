/** Start: where every conversation begins; continues on `next`. */
import type { BlockBehaviour } from './types';
import { exitTarget } from '../runBlocks';

export const startBehaviour: BlockBehaviour<'start'> = {
  enter: (run, block) => exitTarget(run, block, 'next'),
};
