/**
 * Zod pieces shared by several block kinds and the flow document (rules, opening hours, enums), each field
 * with its inspector metadata. They live here rather than in `schema.ts` because block modules need them
 * and `schema.ts` builds its block union from the block registry (no import cycle).
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import { z } from 'zod';

export const id = z.string().min(1, 'must not be empty').max(200);
export const text = z.string().max(10_000);

/** A scalar value a variable may hold. */
export const valueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Value = z.infer<typeof valueSchema>;

export const ruleOperators = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'not_contains',
  'starts_with',
  'matches',
  'exists',
  'not_exists',
  /** date/time variable minus now is between 0 and `value` minutes (e.g. a departure in under 20 min). */
  'within_minutes',
] as const;

/** Rule operators in words, for the inspector and the canvas (newcomer s6 #18, s47 N3: "eq" was shown as a code). */
export const ruleOperatorWords: Readonly<Record<string, string>> = {
  eq: 'is',
  neq: 'is not',
  gt: 'is more than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  contains: 'contains',
  not_contains: 'does not contain',
  starts_with: 'starts with',
  matches: 'matches the pattern',
  exists: 'is set',
  not_exists: 'is not set',
  within_minutes: 'is within (minutes)',
};
export const ruleSchema = z.object({
  variable: z.string().min(1).meta({ title: 'Variable', help: 'The variable the rule looks at.', widget: 'variable' }),
  op: z.enum(ruleOperators).meta({
    title: 'Operator',
    help: 'How the variable is compared with the value.',
    widget: 'select',
    choices: {
      eq: { label: 'equals', help: 'Same value (text compared without case).' },
      neq: { label: 'does not equal', help: 'Any other value.' },
      gt: { label: 'greater than', help: 'Numbers greater than the value.' },
      gte: { label: 'at least', help: 'Numbers equal to or greater than the value.' },
      lt: { label: 'less than', help: 'Numbers smaller than the value.' },
      lte: { label: 'at most', help: 'Numbers equal to or smaller than the value.' },
      contains: { label: 'contains', help: 'The text contains the value.' },
      not_contains: { label: 'does not contain', help: 'The text does not contain the value.' },
      starts_with: { label: 'starts with', help: 'The text starts with the value.' },
      matches: { label: 'matches pattern', help: 'A regular expression (linear-time syntax).' },
      exists: { label: 'is set', help: 'The variable has a value.' },
      not_exists: { label: 'is not set', help: 'The variable has no value yet.' },
      within_minutes: { label: 'is within minutes', help: 'A date/time that is between now and this many minutes away.' },
    },
  }),
  value: valueSchema.optional().meta({ title: 'Value', help: 'What the variable is compared with.' }),
});
export type Rule = z.infer<typeof ruleSchema>;

export const ruleGroupSchema = z.object({
  combinator: z
    .enum(['and', 'or'])
    .default('and')
    .meta({
      title: 'Match',
      help: 'Whether every rule or any one rule must hold.',
      widget: 'select',
      choices: { and: { label: 'all rules', help: 'True when every rule holds.' }, or: { label: 'any rule', help: 'True when at least one rule holds.' } },
    }),
  rules: z.array(ruleSchema).default([]).meta({ title: 'Rules', help: 'Conditions on variables.', widget: 'rules' }),
});
export type RuleGroup = z.infer<typeof ruleGroupSchema>;

/* ------------------------------------------------------------------ business hours */

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:MM, e.g. 09:00');
export const timeRangeSchema = z.object({
  from: hhmm.meta({ title: 'From', help: 'Opening time, 24-hour HH:MM.', placeholder: '09:00' }),
  // Session 32 (newcomer s32 #1): one string field, as "From" is. A union of the HH:MM string and the literal '24:00' made
  // the studio's inspector show "To" as a raw JSON box: typing 17:00 there was refused as "Not valid JSON".
  to: z
    .string()
    .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'use 24-hour HH:MM, e.g. 17:00 (24:00 = midnight)')
    .meta({ title: 'To', help: 'Closing time, 24-hour HH:MM (24:00 = midnight).', placeholder: '17:00' }),
});
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];
/** The weekdays' names as people read them (the inspector's titles, validation messages, the takeover's "back on Monday"). */
export const dayNames: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
const day = (d: Weekday) => z.array(timeRangeSchema).default([]).meta({ title: dayNames[d], help: `Opening time ranges on ${dayNames[d]}s (none = closed).` });

export const openingHoursSchema = z.object({
  /** IANA time zone, e.g. "Europe/Paris". */
  timezone: z
    .string()
    .min(1)
    .default('UTC')
    .meta({ title: 'Time zone', help: "The team's time zone (IANA name, e.g. Europe/Paris).", widget: 'timezone', placeholder: 'Europe/Paris' }),
  weekly: z
    .object({ mon: day('mon'), tue: day('tue'), wed: day('wed'), thu: day('thu'), fri: day('fri'), sat: day('sat'), sun: day('sun') })
    .default({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] })
    .meta({ title: 'Weekly hours', help: 'Opening time ranges for each day of the week.', widget: 'opening_hours' }),
  /** Dates (YYYY-MM-DD, in `timezone`) when the team is closed all day. */
  closedDates: z
    .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD'))
    .default([])
    .meta({ title: 'Closed dates', help: 'Days the team is closed all day (YYYY-MM-DD), e.g. public holidays.', widget: 'tags', placeholder: '2026-12-25' }),
});
export type OpeningHours = z.infer<typeof openingHoursSchema>;

/* ------------------------------------------------------------------ enums */

export const questionInputTypes = ['text', 'email', 'phone', 'number', 'date', 'datetime', 'url', 'address'] as const;
/** Which dates a date (or date and time) answer may name: an incident that happened is 'past' (session 38). */
export const answerDateRanges = ['any', 'past', 'future'] as const;
export const notifyChannels = ['email', 'slack', 'webhook'] as const;
export const assignationModes = ['simple', 'default', 'custom'] as const;
export type Assignation = (typeof assignationModes)[number];
export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];

export const priorityChoices = {
  low: { label: 'Low', help: 'Handled after everything else.' },
  normal: { label: 'Normal', help: 'The usual order of the queue.' },
  high: { label: 'High', help: 'Ahead of normal chats in the queue.' },
  urgent: { label: 'Urgent', help: 'First in the queue, flagged in the inbox.' },
} as const;
