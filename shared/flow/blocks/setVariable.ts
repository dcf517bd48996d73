/** Set variable: sets, increments or clears variables. */
import { z } from 'zod';
import { defineBlock, nextExit, readsOf } from './helpers';
import type { VariableUse } from './types';

export const assignmentSchema = z.object({
  variable: z.string().min(1).meta({ title: 'Variable', help: 'The variable to change.', widget: 'variable' }),
  /** `set`: value is a `{{template}}`; `add`: numeric increment; `clear`: sets null. */
  op: z
    .enum(['set', 'add', 'clear'])
    .default('set')
    .meta({
      title: 'Action',
      help: 'What to do with the variable.',
      widget: 'select',
      choices: {
        set: { label: 'Set to', help: 'Replace the value ({{variables}} allowed).' },
        add: { label: 'Add', help: 'Add a number to the current value (0 when unset).' },
        clear: { label: 'Clear', help: 'Remove the value.' },
      },
    }),
  value: z.union([z.string(), z.number(), z.boolean()]).default('').meta({ title: 'Value', help: 'The new value, or the number to add.', showWhen: { field: 'op', oneOf: ['set', 'add'] } }),
});
export const setVariableData = z.object({
  assignments: z.array(assignmentSchema).default([]).meta({ title: 'Changes', help: 'Applied in order, top to bottom.', widget: 'list' }),
});

export const setVariableBlock = defineBlock({
  kind: 'set_variable',
  label: 'Set variable',
  description: 'Sets, increments or clears variables.',
  group: 'Logic',
  icon: 'Variable',
  data: setVariableData,
  defaultData: () => ({ assignments: [] }),
  waitsForCustomer: false,
  exits: nextExit,
  requiredExits: nextExit,
  variablesRead(b) {
    const out: VariableUse[] = [];
    b.data.assignments.forEach((a, i) => {
      if (a.op !== 'clear' && typeof a.value === 'string') out.push(...readsOf(a.value, ['data', 'assignments', i, 'value']));
    });
    return out;
  },
  variablesWritten: (b) => b.data.assignments.map((a) => a.variable),
  // A variable only cleared here is not computed here (travel-urgency forgets an unclear booking reference).
  variablesNotComputed: (b) => {
    const computed = new Set(b.data.assignments.filter((a) => a.op !== 'clear').map((a) => a.variable));
    return b.data.assignments.map((a) => a.variable).filter((v) => !computed.has(v));
  },
});
