/**
 * Session 39 (newcomer s39 N8): a Question whose retry message was left as the block's generic default ("Sorry, that
 * doesn't look right. Could you try again?") said nothing of what to type; a "Date and time" question refused "whenever
 * suits you" with it. The engine now says, for such a block, what the answer type expects. A retry message the designer
 * wrote is always said as written. Pure (no I/O): shared by the engine and the inspector's help.
 */
import type { z } from 'zod';
import type { questionData } from './question';

/** The Question block's default retry message: the one line a designer never chose. */
export const GENERIC_QUESTION_RETRY = "Sorry, that doesn't look right. Could you try again?";

type QuestionData = Pick<z.infer<typeof questionData>, 'inputType' | 'retryMessage'> & { dates?: 'any' | 'past' | 'future'; currency?: string };

/** What the bot says to ask again for this answer type, when the designer left the retry message as given. */
export function defaultRetryFor(data: Omit<QuestionData, 'retryMessage'>): string {
  switch (data.inputType) {
    case 'email':
      return 'That doesn\'t look like an email address. Could you type it again, like name@example.com?';
    case 'phone':
      return 'That doesn\'t look like a phone number. Could you type it again, with the area code, like 020 7946 0958?';
    case 'number':
      return data.currency
        ? `Sorry, I need an amount in ${data.currency.toUpperCase()}. Could you type it as a number, like 42.50?`
        : 'Sorry, I need a number. Could you type it in figures, like 42?';
    case 'date':
      return data.dates === 'past'
        ? 'Sorry, I need a date that has already passed. Could you type it again, like "yesterday" or "12 March"?'
        : data.dates === 'future'
          ? 'Sorry, I need a date from today on. Could you type it again, like "tomorrow" or "12 March"?'
          : 'Sorry, I need a date. Could you type it again, like "tomorrow" or "12 March"?';
    case 'datetime':
      return data.dates === 'past'
        ? 'Sorry, I need a day and a time that have already passed. Could you type them again, like "yesterday 6pm"?'
        : data.dates === 'future'
          ? 'Sorry, I need a day and a time from now on. Could you type them again, like "Monday 6pm" or "tomorrow at 9:30"?'
          : 'Sorry, I need a day and a time. Could you type them again, like "Monday 6pm" or "tomorrow at 9:30"?';
    case 'url':
      return 'That doesn\'t look like a web address. Could you paste the link, starting with https://?';
    case 'address':
      return 'Sorry, I need a postal address with a house number or postcode, like "12 High Street, Leeds LS1 4AB". Could you type it again?';
    case 'text':
    default:
      return GENERIC_QUESTION_RETRY;
  }
}

/** The retry line a Question says: the designer's own, or (left empty or as the generic default) the answer type's. */
export function questionRetryText(data: QuestionData): string {
  const own = data.retryMessage?.trim() ?? '';
  return own === '' || own === GENERIC_QUESTION_RETRY ? defaultRetryFor(data) : data.retryMessage;
}
