/** Jump: continues at another block (no edge drawn). */
import { z } from 'zod';
import { defineBlock, noExits, noReads, noVariables } from './helpers';

export const jumpData = z.object({
  target: z.string().default('').meta({ title: 'Continue at', help: 'The block the conversation continues at.', widget: 'block' }),
});

export const jumpBlock = defineBlock({
  kind: 'jump',
  label: 'Jump',
  description: 'Continues at another block.',
  group: 'Logic',
  icon: 'CornerDownRight',
  data: jumpData,
  defaultData: () => ({ target: '' }),
  waitsForCustomer: false,
  exits: noExits,
  requiredExits: noExits,
  jumpsTo: (b) => (b.data.target ? [b.data.target] : []),
  validate(b, ctx) {
    const target = b.data.target;
    if (target && ctx.hasBlock(target)) return [];
    const who = ctx.nameBlock(b.id, b.kind);
    return [
      {
        severity: 'error',
        code: 'jump_target_missing',
        path: ['data', 'target'],
        message: target ? `${who} jumps to block '${target}', which does not exist.` : `${who} has no target.`,
        hint: 'Choose the block to continue at in the Jump block settings.',
      },
    ];
  },
  variablesRead: noReads,
  variablesWritten: noVariables,
});
