/** Ticket: opens a ticket for offline follow-up (see `../ticketBlock.ts`). */
import type { BlockBehaviour } from './types';
import { answerTicketQuestion, continueTicket } from '../ticketBlock';

export const ticketBehaviour: BlockBehaviour<'ticket'> = {
  waitsAs: ['ticket_question'],
  enter: (run, block) => continueTicket(run, block, 'email'),
  questionWaiting: 'ticket_question',
  answerQuestion: (run, block, w, text) => {
    if (w.kind === 'ticket_question') answerTicketQuestion(run, block, w, text);
  },
};
