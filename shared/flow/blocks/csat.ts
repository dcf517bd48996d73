/** CSAT: asks for a 1 to 5 rating and stores it. */
import { z } from 'zod';
import { text } from './fields';
import { defineBlock, nextExit, templateReads } from './helpers';

export const csatData = z.object({
  text: text.default('How would you rate this conversation, from 1 (bad) to 5 (great)?').meta({ title: 'Question', help: 'Shown with buttons 1 to 5.', widget: 'template' }),
  variable: z.string().default('csat').meta({ title: 'Save rating in', help: 'The variable that receives the rating.', widget: 'variable' }),
  thanks: text.default('Thank you for your feedback!').meta({ title: 'Thanks', help: 'Said after the rating.', widget: 'template' }),
});

export const csatBlock = defineBlock({
  kind: 'csat',
  label: 'CSAT',
  description: 'Asks for a 1 to 5 rating and stores it.',
  group: 'Questions',
  icon: 'Star',
  data: csatData,
  defaultData: () => ({ text: 'How would you rate this conversation, from 1 (bad) to 5 (great)?', variable: 'csat', thanks: 'Thank you for your feedback!' }),
  waitsForCustomer: true,
  exits: nextExit,
  requiredExits: nextExit,
  variablesRead: (b) => templateReads(b, ['text', 'thanks']),
  variablesWritten: (b) => [b.data.variable],
});
