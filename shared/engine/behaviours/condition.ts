/** Condition: follows `true` or `false` depending on its rules. */
import type { BlockBehaviour } from './types';
import { evaluateRuleGroup } from '../../flow/rules';
import { exitTarget } from '../runBlocks';

export const conditionBehaviour: BlockBehaviour<'condition'> = {
  enter: (run, block) => exitTarget(run, block, evaluateRuleGroup(block.data, run.s.variables, run.now, run.flow.settings.timezone) ? 'true' : 'false'),
};
