/** Ticket: opens a ticket for offline follow-up. */
import { z } from 'zod';
import { priorities, priorityChoices, text } from './fields';
import { defineBlock, nextExit, templateReads } from './helpers';

export const DEFAULT_TICKET_TEXT = 'Thanks, we have opened ticket {{ticketId}} and will reply by email.';

export const ticketData = z.object({
  /**
   * Confirmation shown to the customer; `{{ticketId}}` is available. Session 47 (studio14, newcomer s46 N17): the
   * default gives the ticket's number (it said "a ticket", and the customer had nothing to quote back).
   */
  text: text.default(DEFAULT_TICKET_TEXT).meta({ title: 'Confirmation', help: 'Said once the ticket is open; {{ticketId}} is available.', widget: 'template' }),
  /** Ask for an email first when none is known. */
  askEmail: z.boolean().default(true).meta({ title: 'Ask for an email', help: 'Asks for an email first when none is known.', widget: 'switch' }),
  /** Ask what the issue is when no reason is known. */
  askIssue: z.boolean().default(true).meta({ title: 'Ask what the issue is', help: 'Asks what the issue is when no reason is known.', widget: 'switch' }),
  priority: z.enum(priorities).default('normal').meta({ title: 'Priority', help: 'Priority of the ticket.', widget: 'select', choices: priorityChoices }),
});

export const ticketBlock = defineBlock({
  kind: 'ticket',
  label: 'Ticket',
  description: 'Opens a ticket for offline follow-up.',
  group: 'Handoff',
  icon: 'Ticket',
  data: ticketData,
  defaultData: () => ({ text: DEFAULT_TICKET_TEXT, askEmail: true, askIssue: true, priority: 'normal' as const }),
  waitsForCustomer: false,
  exits: nextExit,
  requiredExits: nextExit,
  variablesRead: (b) => templateReads(b, ['text']),
  variablesWritten: () => ['ticketId', 'customerEmail', 'handoffReason'],
});
