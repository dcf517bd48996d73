/** Start: where every conversation begins. */
import { z } from 'zod';
import { defineBlock, nextExit, noReads, noVariables } from './helpers';

export const startData = z.object({}).default({});

export const startBlock = defineBlock({
  kind: 'start',
  label: 'Start',
  description: 'Where every conversation begins.',
  group: 'Messages',
  icon: 'Play',
  data: startData,
  defaultData: () => ({}),
  waitsForCustomer: false,
  isEntry: true,
  exits: nextExit,
  requiredExits: nextExit,
  variablesRead: noReads,
  variablesWritten: noVariables,
});
