/** Business hours: follows `open` or `closed` depending on the opening hours at `now`. */
import type { BlockBehaviour } from './types';
import { isOpen } from '../../flow/openingHours';
import { exitTarget } from '../runBlocks';

export const businessHoursBehaviour: BlockBehaviour<'business_hours'> = {
  enter: (run, block) => exitTarget(run, block, isOpen(block.data, run.now) ? 'open' : 'closed'),
};
