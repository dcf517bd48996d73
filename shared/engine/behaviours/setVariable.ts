/** Set variable: sets, increments or clears variables, then continues on `next`. */
import type { BlockBehaviour } from './types';
import { setVar } from '../run';
import { exitTarget, render } from '../runBlocks';

export const setVariableBehaviour: BlockBehaviour<'set_variable'> = {
  enter(run, block) {
    const s = run.s;
    for (const a of block.data.assignments) {
      if (a.op === 'clear') setVar(run, a.variable, null);
      else if (a.op === 'add') {
        const cur = Number(s.variables[a.variable] ?? 0);
        const inc = Number(typeof a.value === 'string' ? render(run, a.value) : a.value);
        setVar(run, a.variable, (Number.isFinite(cur) ? cur : 0) + (Number.isFinite(inc) ? inc : 0));
      } else setVar(run, a.variable, typeof a.value === 'string' ? render(run, a.value) : a.value);
    }
    return exitTarget(run, block, 'next');
  },
};
