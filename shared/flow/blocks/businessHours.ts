/** Business hours: branches on opening hours. */
import { openingHoursSchema } from './fields';
import { defineBlock, noReads, noVariables } from './helpers';
import { openingHoursProblems } from '../openingHoursProblems';

export const businessHoursData = openingHoursSchema;

export const businessHoursBlock = defineBlock({
  kind: 'business_hours',
  label: 'Business hours',
  description: 'Branches on opening hours.',
  group: 'Logic',
  icon: 'Clock',
  data: businessHoursData,
  defaultData: () => ({
    timezone: 'UTC',
    weekly: {
      mon: [{ from: '09:00', to: '17:00' }],
      tue: [{ from: '09:00', to: '17:00' }],
      wed: [{ from: '09:00', to: '17:00' }],
      thu: [{ from: '09:00', to: '17:00' }],
      fri: [{ from: '09:00', to: '17:00' }],
      sat: [],
      sun: [],
    },
    closedDates: [],
  }),
  waitsForCustomer: false,
  exits: () => ['open', 'closed'],
  requiredExits: () => ['open', 'closed'],
  // A Ticket is for closed hours; a Human takeover for open ones (session 46, newcomer s46 N4).
  exitsFor: (kind) => (kind === 'ticket' ? ['closed'] : kind === 'human_takeover' ? ['open'] : []),
  validate: (b, ctx) => openingHoursProblems(b.data, ['data'], ctx),
  openingHoursOf: (b) => ({ hours: b.data, whenClosed: 'Business hours block: takes its "closed" exit' }),
  variablesRead: noReads,
  variablesWritten: noVariables,
});
