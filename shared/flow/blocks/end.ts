/** End: ends the conversation. */
import { z } from 'zod';
import { text } from './fields';
import { defineBlock, noExits, noVariables, templateReads } from './helpers';

export const endData = z.object({
  text: text.default('').meta({ title: 'Goodbye message', help: 'Said before the conversation closes (leave empty to say nothing).', widget: 'template', placeholder: 'Thanks for chatting!' }),
});

export const endBlock = defineBlock({
  kind: 'end',
  label: 'End',
  description: 'Ends the conversation.',
  group: 'Messages',
  icon: 'CircleStop',
  data: endData,
  defaultData: () => ({ text: '' }),
  waitsForCustomer: false,
  exits: noExits,
  requiredExits: noExits,
  variablesRead: (b) => templateReads(b, ['text']),
  variablesWritten: noVariables,
});
