/** Question: asks and validates an answer (text, email, phone, number, date, date and time, web address, postal address). */
import { z } from 'zod';
import { answerDateRanges, questionInputTypes, text } from './fields';
import { defineBlock, templateReads } from './helpers';
import { GENERIC_QUESTION_RETRY } from './questionRetry';

export const questionData = z.object({
  text: text.default('').meta({ title: 'Question', help: 'What the bot asks; {{variables}} allowed.', widget: 'template', placeholder: 'What day would suit you?' }),
  inputType: z
    .enum(questionInputTypes)
    .default('text')
    .meta({
      title: 'Answer type',
      help: 'How the answer is checked and normalised.',
      widget: 'select',
      choices: {
        text: { label: 'Text', help: 'Any answer is accepted.' },
        email: { label: 'Email', help: 'An email address, stored in lower case.' },
        phone: { label: 'Phone', help: 'A phone number, stored in international form.' },
        number: { label: 'Number', help: 'A number, stored as a number.' },
        date: { label: 'Date', help: 'A date such as "tomorrow", "12 March", "the 5th" or "14/03/2026" (day first), also inside a sentence ("it was the 5th"); a correction takes the last one. Stored as YYYY-MM-DD.' },
        datetime: { label: 'Date and time', help: 'A time of day, with or without a date: "11:45", "it leaves at 11h45", "Monday 6pm", "twenty to twelve", "9/3/2026 11:45"; a correction takes the last one. Stored as YYYY-MM-DDTHH:MM in the flow\'s time zone (no date: today, or tomorrow for a time more than an hour gone).' },
        url: { label: 'Web address', help: 'A link starting with http:// or https://.' },
        address: { label: 'Postal address', help: 'A number (house or postcode) and words, e.g. 12 High Street, Leeds LS1 4AB; "yes" or a sentence with no number is asked again.' },
      },
    }),
  /** Session 38: which dates a date or date-and-time answer may name (an incident that already happened: past). */
  dates: z
    .enum(answerDateRanges)
    .optional()
    .meta({
      title: 'Dates allowed',
      placeholder: 'Any date',
      help: 'For a Date or Date and time answer: "Today or before" refuses a date after today (an incident that already happened) and reads "Monday" or "the 5th" as the last one; "Today or later" refuses a date before today and reads them as the next one. A refused date gets the retry message (left as given, it says which dates are allowed).',
      widget: 'select',
      showWhen: { field: 'inputType', oneOf: ['date', 'datetime'] },
      choices: {
        any: { label: 'Any date' },
        past: { label: 'Today or before' },
        future: { label: 'Today or later' },
      },
    }),
  /** Session 38: the currency a Number answer is in; an amount in another currency is asked again. */
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'a currency is a three-letter code such as USD or EUR')
    .optional()
    .meta({
      title: 'Currency',
      placeholder: 'Any (not checked)',
      widget: 'text',
      help: 'For a Number answer that is an amount of money: its three-letter code (USD, EUR, GBP). An answer naming another currency ("20.000 €" when this is USD) is asked again with the retry message, instead of being stored as this one; an answer with no currency is taken as this one. Say the currency in the question and the retry message.',
      showWhen: { field: 'inputType', equals: 'number' },
    }),
  /** Variable that receives the (normalised) answer. */
  variable: z.string().min(1).meta({ title: 'Save answer in', help: 'The variable that receives the answer.', widget: 'variable', placeholder: 'preferredDay' }),
  retryMessage: text
    .default(GENERIC_QUESTION_RETRY)
    .meta({
      title: 'Retry message',
      help: 'Said when the answer does not fit the answer type. Left as given (or empty), the bot says instead what the answer type expects, with an example (for Date and time: a day and a time, like Monday 6pm).',
      widget: 'template',
    }),
  /** Invalid answers allowed before the `fallback` exit is taken. */
  maxRetries: z.number().int().min(0).max(20).default(2).meta({ title: 'Retries', help: 'Invalid answers allowed before the fallback exit is taken.', widget: 'number' }),
  /** Do not ask when the variable already holds a valid answer (prefilled, set earlier, or by an agent). */
  skipIfKnown: z
    .boolean()
    .default(false)
    .meta({
      title: 'Skip when already known',
      help: 'When the variable already holds a valid answer (from the profile, an earlier block, or an agent who filled it in before handing back), the bot does not ask again and takes the next exit.',
      widget: 'switch',
    }),
  /** Take the answer from something the customer already said (an entity of this kind), instead of asking. */
  fromEntity: z
    .enum(['order_id', 'email', 'phone', 'date', 'amount', 'url', 'policy_number', 'address'])
    .optional()
    .meta({
      title: 'Take from the conversation',
      placeholder: 'No: always ask',
      help: 'When the customer already wrote a value of this kind (an order number in "where is my order NW-104233?", an email address), the bot uses the latest one that fits the answer type and does not ask. Leave empty to always ask (unless "Skip when already known" applies).',
      widget: 'select',
      choices: {
        order_id: { label: 'Order number', help: 'Such as NW-104233 or #123456.' },
        email: { label: 'Email address' },
        phone: { label: 'Phone number' },
        date: { label: 'Date' },
        amount: { label: 'Amount of money', help: 'Such as $60,000 or 42.50 EUR.' },
        url: { label: 'Web address' },
        policy_number: { label: 'Policy number' },
        address: { label: 'Postal address', help: 'A house number and street, or a postcode, written in the message ("send it to 12 High Street, Leeds LS1 4AB"). Use with the Postal address answer type.' },
      },
    }),
});

export const questionBlock = defineBlock({
  kind: 'question',
  label: 'Question',
  description: 'Asks and validates an answer (text, email, phone, number, date, date and time, web address, postal address).',
  group: 'Questions',
  icon: 'MessageCircleQuestionMark',
  data: questionData,
  defaultData: () => ({ text: '', inputType: 'text' as const, variable: 'answer', retryMessage: GENERIC_QUESTION_RETRY, maxRetries: 2, skipIfKnown: false }),
  waitsForCustomer: true,
  exits: () => ['next', 'fallback'],
  requiredExits: () => ['next'],
  validate: (b, ctx) =>
    b.data.text.trim() === ''
      ? [{ severity: 'warning', code: 'question_empty', path: ['data', 'text'], message: `${ctx.nameBlock(b.id, b.kind)} asks nothing: its question is empty, so the customer is left to guess what to answer.`, hint: 'Type the question in the Question field.' }]
      : [],
  variablesRead: (b) => templateReads(b, ['text', 'retryMessage']),
  variablesWritten: (b) => [b.data.variable],
  variablesNotComputed: (b) => [b.data.variable],
});
