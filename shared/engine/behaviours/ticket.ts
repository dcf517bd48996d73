/** Ticket: opens a ticket for offline follow-up (see `../ticketBlock.ts`). */
import type { BlockBehaviour } from './types';
import { answerNobodyFree, answerTicketQuestion, askAfterNobody, continueTicket, ticketAnswerFits, ticketAnswerGivesAddress } from '../ticketBlock';

export const ticketBehaviour: BlockBehaviour<'ticket'> = {
  waitsAs: ['ticket_question'],
  enter: (run, block) => continueTicket(run, block, 'email'),
  questionWaiting: 'ticket_question',
  answerQuestion: (run, block, w, text) => {
    if (w.kind === 'ticket_question') answerTicketQuestion(run, block, w, text);
  },
  answerFits: (run, _block, w, text) => w.kind !== 'ticket_question' || ticketAnswerFits(run, w, text),
  answerGivesValue: (run, _block, w, text) => w.kind === 'ticket_question' && ticketAnswerGivesAddress(run, w, text),
  takesDetails: true,
  askAfterNobody: (run, block, w, said, text) => {
    if (w.kind === 'ticket_question') askAfterNobody(run, block, w, said, text);
  },
  answerNobodyFree: (run, block, w, after, text, closedLine) => w.kind === 'ticket_question' && answerNobodyFree(run, block, w, after, text, closedLine),
};
