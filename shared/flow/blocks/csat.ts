/** CSAT: asks for a 1 to 5 rating and stores it. */
import { z } from 'zod';
import { text } from './fields';
import { defineBlock, nextExit, templateReads } from './helpers';

/** What a low rating (1 or 2) is answered with when the block says nothing else (session 43). */
export const LOW_RATING_THANKS = "I'm sorry this chat didn't go as well as it should have. Thank you for telling us.";
/** The highest rating that counts as low: 1 and 2 of 5 (the widget's "very dissatisfied", "dissatisfied"). */
export const LOW_RATING_MAX = 2;

export const csatData = z.object({
  text: text.default('How would you rate this conversation, from 1 (bad) to 5 (great)?').meta({ title: 'Question', help: 'Shown with buttons 1 to 5.', widget: 'template' }),
  variable: z.string().default('csat').meta({ title: 'Save rating in', help: 'The variable that receives the rating.', widget: 'variable' }),
  thanks: text.default('Thank you for your feedback!').meta({ title: 'Thanks', help: 'Said after the rating.', widget: 'template' }),
  /**
   * Session 43 (studio5, newcomer s42 N13): a 1 or a 2 got the same cheery thanks (and goodbye) as a 5. Said instead of
   * Thanks after a low rating; the `low_rating` exit, when wired, goes on to a block that asks what went wrong.
   */
  // Optional, no schema default: a flow saved before has the same revision (flowRevision hashes the parsed data); left
  // out, the engine says LOW_RATING_THANKS; emptied by the designer, the block's Thanks as before.
  lowThanks: text
    .optional()
    .meta({
      title: 'Thanks after a low rating (1 or 2)',
      help: `Said instead of Thanks when the customer rates 1 or 2: an apology rather than cheer (left out: "${LOW_RATING_THANKS}"; empty: the Thanks above). Connect the 'Low rating' exit to a question asking what went wrong; unconnected, a low rating goes on by 'Next' as the others.`,
      widget: 'template',
    }),
  /**
   * Session 10 (newcomer s9 #1): what a message that is clearly not a rating does ("where is my order NW-104233?", "can
   * I return the jacket too?", an email address). 'answer' (the default, as Intercom and Chatwoot treat their optional
   * rating): the customer skipped the rating; the message goes to the block wired to the `fallback` exit (an intent
   * router answers it at once). 'ask_again': the strict behaviour, "Please pick a number" once, then the `next` exit.
   */
  otherMessages: z
    .enum(['answer', 'ask_again'])
    .default('answer')
    .meta({
      title: 'When the customer writes something else',
      help: "A question, an order number or a request instead of a rating. Short replies that are not clear ('meh', 'hmm') are always asked for a number once.",
      widget: 'select',
      choices: {
        answer: {
          label: 'Skip the rating and answer it',
          help: "The message goes to the block wired to the 'Fallback' exit (wire it to your intent router and the customer is answered at once). With that exit unwired, the bot asks for a number again.",
        },
        ask_again: { label: 'Ask for a number again', help: "Strict: 'Please pick a number from 1 (bad) to 5 (great).' once, then the conversation moves on without a rating." },
      },
    }),
});

export const csatBlock = defineBlock({
  kind: 'csat',
  label: 'CSAT',
  description: 'Asks for a 1 to 5 rating and stores it.',
  group: 'Questions',
  icon: 'Star',
  data: csatData,
  defaultData: () => ({ text: 'How would you rate this conversation, from 1 (bad) to 5 (great)?', variable: 'csat', thanks: 'Thank you for your feedback!', lowThanks: LOW_RATING_THANKS, otherMessages: 'answer' as const }),
  waitsForCustomer: true,
  asksForRating: true,
  // `fallback`: where a message that is not a rating goes (optional; see `otherMessages`). `low_rating` (optional, session
  // 43): where a rating of 1 or 2 goes, when wired (a question asking what went wrong); else `next`.
  exits: () => ['next', 'low_rating', 'fallback'],
  // A person or a ticket follows a low rating (session 46, newcomer s46 N4).
  exitsFor: (kind) => (kind === 'ticket' || kind === 'human_takeover' ? ['low_rating'] : []),
  requiredExits: nextExit,
  variablesRead: (b) => templateReads(b, ['text', 'thanks', 'lowThanks']),
  variablesWritten: (b) => [b.data.variable],
});
