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
});
