/** Message: says something; supports {{variables}}. */
import { z } from 'zod';
import { text } from './fields';
import { defineBlock, nextExit, noVariables, templateReads } from './helpers';

export const messageData = z.object({
  text: text.default('').meta({ title: 'Message', help: 'What the bot says; insert {{variables}} with the braces.', widget: 'template', placeholder: 'Hi {{customerName}}!' }),
});

export const messageBlock = defineBlock({
  kind: 'message',
  label: 'Message',
  description: 'Says something; supports {{variables}}.',
  group: 'Messages',
  icon: 'MessageSquare',
  data: messageData,
  defaultData: () => ({ text: '' }),
  waitsForCustomer: false,
  exits: nextExit,
  requiredExits: nextExit,
  variablesRead: (b) => templateReads(b, ['text']),
  variablesWritten: noVariables,
  // Newcomer s6 #6: an empty Message said nothing in the simulator and nothing flagged it.
  validate: (b, ctx) =>
    b.data.text.trim() === ''
      ? [{ severity: 'warning', code: 'message_empty', path: ['data', 'text'], message: `${ctx.nameBlock(b.id, b.kind)} says nothing: its text is empty.`, hint: 'Type what the bot should say in the Message field, or delete the block.' }]
      : [],
});
