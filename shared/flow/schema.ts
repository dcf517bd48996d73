/**
 * The flow document: one zod definition shared by the studio, the runtime and the CLI.
 *
 * A flow is a versioned JSON document: blocks (id, kind, position, data), edges (from block + exit, to
 * block), variables, settings and the escalation policy. Every block's `data` has defaults, so a designer
 * (or a hand-written JSON file) can omit anything that has a sensible default; `parseFlow` returns the
 * document with every default filled in.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import { z } from 'zod';

/** The schema version this build reads and writes. Older documents go through `migrations.ts`. */
export const FLOW_VERSION = 1;

const id = z.string().min(1, 'must not be empty').max(200);
const text = z.string().max(10_000);

export const positionSchema = z.object({ x: z.number(), y: z.number() });

/** A scalar value a variable may hold. */
export const valueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Value = z.infer<typeof valueSchema>;

/* ------------------------------------------------------------------ rules (conditions) */

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
export const ruleSchema = z.object({
  variable: z.string().min(1),
  op: z.enum(ruleOperators),
  value: valueSchema.optional(),
});
export type Rule = z.infer<typeof ruleSchema>;

export const ruleGroupSchema = z.object({
  combinator: z.enum(['and', 'or']).default('and'),
  rules: z.array(ruleSchema).default([]),
});
export type RuleGroup = z.infer<typeof ruleGroupSchema>;

/* ------------------------------------------------------------------ business hours */

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:MM, e.g. 09:00');
export const timeRangeSchema = z.object({ from: hhmm, to: z.union([hhmm, z.literal('24:00')]) });
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

export const openingHoursSchema = z.object({
  /** IANA time zone, e.g. "Europe/Paris". */
  timezone: z.string().min(1).default('UTC'),
  weekly: z
    .object({
      mon: z.array(timeRangeSchema).default([]),
      tue: z.array(timeRangeSchema).default([]),
      wed: z.array(timeRangeSchema).default([]),
      thu: z.array(timeRangeSchema).default([]),
      fri: z.array(timeRangeSchema).default([]),
      sat: z.array(timeRangeSchema).default([]),
      sun: z.array(timeRangeSchema).default([]),
    })
    .default({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }),
  /** Dates (YYYY-MM-DD, in `timezone`) when the team is closed all day. */
  closedDates: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')).default([]),
});
export type OpeningHours = z.infer<typeof openingHoursSchema>;

/* ------------------------------------------------------------------ block data, one schema per kind */

export const startData = z.object({}).default({});

export const messageData = z.object({ text: text.default('') });

export const questionInputTypes = ['text', 'email', 'phone', 'number', 'date', 'url'] as const;
export const questionData = z.object({
  text: text.default(''),
  inputType: z.enum(questionInputTypes).default('text'),
  /** Variable that receives the (normalised) answer. */
  variable: z.string().min(1),
  retryMessage: text.default("Sorry, that doesn't look right. Could you try again?"),
  /** Invalid answers allowed before the `fallback` exit is taken. */
  maxRetries: z.number().int().min(0).max(20).default(2),
});

export const buttonOptionSchema = z.object({
  id,
  label: z.string().min(1).max(200),
  /** Value stored in `variable` when chosen (defaults to the label). */
  value: z.string().optional(),
  /** Other words a customer may type for this option. */
  synonyms: z.array(z.string()).default([]),
});
export const buttonsData = z.object({
  text: text.default(''),
  options: z.array(buttonOptionSchema).default([]),
  variable: z.string().optional(),
  retryMessage: text.default('Please choose one of the options.'),
  maxRetries: z.number().int().min(0).max(20).default(2),
});

export const conditionData = ruleGroupSchema;

export const assignmentSchema = z.object({
  variable: z.string().min(1),
  /** `set`: value is a `{{template}}`; `add`: numeric increment; `clear`: sets null. */
  op: z.enum(['set', 'add', 'clear']).default('set'),
  value: z.union([z.string(), z.number(), z.boolean()]).default(''),
});
export const setVariableData = z.object({ assignments: z.array(assignmentSchema).default([]) });

export const intentSchema = z.object({
  id,
  name: z.string().min(1),
  examples: z.array(z.string().min(1)).default([]),
});
export const intentRouterData = z.object({
  /** Optional prompt shown before waiting for the customer's message. */
  prompt: text.default(''),
  intents: z.array(intentSchema).default([]),
  /** Minimum confidence to follow an intent's exit; below it the `fallback` exit is taken. */
  threshold: z.number().min(0).max(1).default(0.5),
  /** Variable that receives the matched intent's name. */
  variable: z.string().optional(),
});

export const keywordRouteSchema = z.object({ id, keywords: z.array(z.string().min(1)).default([]) });
export const keywordRouterData = z.object({
  prompt: text.default(''),
  routes: z.array(keywordRouteSchema).default([]),
});

export const httpRequestData = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  /** `{{template}}` */
  url: z.string().default(''),
  headers: z.record(z.string(), z.string()).default({}),
  /** `{{template}}`, sent as-is (usually JSON). */
  body: z.string().default(''),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  /** Copies fields of the JSON reply into variables; `path` is dotted, e.g. `order.status` or `items.0.name`. */
  responseMapping: z.array(z.object({ variable: z.string().min(1), path: z.string() })).default([]),
});

export const businessHoursData = openingHoursSchema;

export const notifyChannels = ['email', 'slack', 'webhook'] as const;
export const notifyData = z.object({
  channel: z.enum(notifyChannels).default('email'),
  /** Email addresses, a Slack channel or webhook URL, depending on the channel. */
  to: z.array(z.string().min(1)).default([]),
  subject: z.string().default(''),
  /** `{{template}}` */
  text: text.default(''),
});

export const assignationModes = ['simple', 'default', 'custom'] as const;
export type Assignation = (typeof assignationModes)[number];
export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];

/**
 * Human Takeover. One flat record so the inspector can switch modes without losing settings; the engine
 * reads only what the chosen assignation uses:
 * - simple: agents/teams; hand over at once.
 * - default: asks name (if unknown), email and reason, then notifies `notifyEmails`.
 * - custom: every other option.
 */
export const humanTakeoverData = z.object({
  assignation: z.enum(assignationModes).default('simple'),
  handoffMessage: text.default(
    'I am connecting you with a person. Expected wait: {{estimatedWait}}. They will see this conversation, so you will not need to repeat yourself.',
  ),
  assignedMessage: text.default('{{agentName}} has joined the conversation.'),
  /** Agent ids allowed to take the chat (empty = anyone). */
  agents: z.array(z.string()).default([]),
  /** Team names allowed to take the chat (empty = any team). */
  teams: z.array(z.string()).default([]),
  /** default mode: who is emailed when the handoff is requested. */
  notifyEmails: z.array(z.string()).default([]),
  /** Any mode: Slack channels told about each handoff (e.g. "#sales-hot-leads"), with the summary. */
  slackChannels: z.array(z.string().min(1)).default([]),
  /** custom mode options */
  autoAssign: z
    .object({
      enabled: z.boolean().default(false),
      strategy: z.enum(['round_robin', 'least_busy']).default('round_robin'),
      maxChatsPerAgent: z.number().int().min(1).max(100).default(3),
    })
    .default({ enabled: false, strategy: 'round_robin', maxChatsPerAgent: 3 }),
  askEmail: z.boolean().default(false),
  askReason: z.boolean().default(false),
  availability: openingHoursSchema.nullable().default(null),
  outOfHoursMessage: text.default(
    'Our team is offline right now. Leave your details and we will get back to you.',
  ),
  restartButtons: z.boolean().default(true),
  /** Email `waitingEmailTo` when a chat waits longer than this many minutes (0 = off). */
  waitingEmailAfterMinutes: z.number().min(0).max(1440).default(0),
  waitingEmailTo: z.array(z.string()).default([]),
  /** Minutes a chat may wait in the queue before the `timeout` exit (all modes). */
  queueTimeoutMinutes: z.number().min(0.1).max(1440).default(10),
  priority: z.enum(priorities).default('normal'),
  skill: z.string().default(''),
  language: z.string().default(''),
});
export type HumanTakeoverData = z.infer<typeof humanTakeoverData>;

export const ticketData = z.object({
  /** Confirmation shown to the customer; `{{ticketId}}` is available. */
  text: text.default('Thanks, we have opened a ticket and will reply by email.'),
  /** Ask for an email first when none is known. */
  askEmail: z.boolean().default(true),
  /** Ask what the issue is when no reason is known. */
  askIssue: z.boolean().default(true),
  priority: z.enum(priorities).default('normal'),
});

export const csatData = z.object({
  text: text.default('How would you rate this conversation, from 1 (bad) to 5 (great)?'),
  variable: z.string().default('csat'),
  thanks: text.default('Thank you for your feedback!'),
});

export const jumpData = z.object({ target: z.string().default('') });

export const endData = z.object({ text: text.default('') });

/** Every block kind and its data schema. The order is the palette order. */
export const blockDataSchemas = {
  start: startData,
  message: messageData,
  question: questionData,
  buttons: buttonsData,
  condition: conditionData,
  set_variable: setVariableData,
  intent_router: intentRouterData,
  keyword_router: keywordRouterData,
  http_request: httpRequestData,
  business_hours: businessHoursData,
  notify: notifyData,
  human_takeover: humanTakeoverData,
  ticket: ticketData,
  csat: csatData,
  jump: jumpData,
  end: endData,
} as const;
export type BlockKind = keyof typeof blockDataSchemas;
export const blockKinds = Object.keys(blockDataSchemas) as BlockKind[];

function blockSchema<K extends BlockKind>(kind: K) {
  return z.object({
    id,
    kind: z.literal(kind),
    /** Canvas position; optional so an exported flow can be stripped of layout. */
    position: positionSchema.optional(),
    /** Designer's label shown on the canvas. */
    label: z.string().max(200).optional(),
    data: blockDataSchemas[kind],
  });
}

export const blockSchema_ = z.discriminatedUnion('kind', [
  blockSchema('start'),
  blockSchema('message'),
  blockSchema('question'),
  blockSchema('buttons'),
  blockSchema('condition'),
  blockSchema('set_variable'),
  blockSchema('intent_router'),
  blockSchema('keyword_router'),
  blockSchema('http_request'),
  blockSchema('business_hours'),
  blockSchema('notify'),
  blockSchema('human_takeover'),
  blockSchema('ticket'),
  blockSchema('csat'),
  blockSchema('jump'),
  blockSchema('end'),
]);
export { blockSchema_ as blockSchema };
export type Block = z.infer<typeof blockSchema_>;
export type BlockOf<K extends BlockKind> = Extract<Block, { kind: K }>;

export const edgeSchema = z.object({
  id,
  from: id,
  /** Exit name on the `from` block (see `exitsOf`). */
  exit: z.string().min(1),
  to: id,
});
export type Edge = z.infer<typeof edgeSchema>;

export const variableSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.]*$/, 'letters, digits, _ and . only; must not start with a digit'),
  type: z.enum(['string', 'number', 'boolean', 'date']).default('string'),
  default: valueSchema.optional(),
  description: z.string().optional(),
});
export type Variable = z.infer<typeof variableSchema>;

/* ------------------------------------------------------------------ escalation policy */

export const escalationReasons = [
  'explicit_request',
  'negative_sentiment',
  'low_confidence',
  'repeated_fallback',
  'loop',
  'sensitive_topic',
  'urgency',
  'hot_lead',
] as const;
export type EscalationReason = (typeof escalationReasons)[number];

export const sensitiveTopicSchema = z.object({
  name: z.string().min(1),
  /** Phrases matched after normalisation (case, punctuation, stemming, synonyms). */
  phrases: z.array(z.string().min(1)).default([]),
  /** Intent names (from any intent router) that count as this topic. */
  intents: z.array(z.string()).default([]),
  /** Example customer messages of this topic: a message close enough in wording to one of them counts. */
  examples: z.array(z.string().min(1)).default([]),
});
export type SensitiveTopic = z.infer<typeof sensitiveTopicSchema>;

export const escalationPolicySchema = z.object({
  enabled: z.boolean().default(true),
  /** The Human Takeover block the conversation is routed to when the policy fires. */
  targetBlockId: z.string().nullable().default(null),
  /**
   * immediate: hand over as soon as a signal fires.
   * graduated: first ask to rephrase, then offer a person with buttons, then hand over.
   * Explicit requests always hand over at once.
   */
  mode: z.enum(['immediate', 'graduated']).default('immediate'),
  explicitRequest: z
    .object({
      enabled: z.boolean().default(true),
      /** Extra wordings that mean "I want a person" for this business (matched on normalised words). */
      phrases: z.array(z.string().min(1)).default([]),
      /** Example requests: a message close enough in wording to one of them counts. */
      examples: z.array(z.string().min(1)).default([]),
    })
    .default({ enabled: true, phrases: [], examples: [] }),
  negativeSentiment: z
    .object({
      enabled: z.boolean().default(true),
      /** Fires when one message's sentiment (-1..1) is at or below this. */
      threshold: z.number().min(-1).max(1).default(-0.5),
      /** Fires when `trendTurns` messages in a row are each at or below `trendThreshold`. */
      trendThreshold: z.number().min(-1).max(1).default(-0.2),
      trendTurns: z.number().int().min(2).max(10).default(2),
      /** Extra words or phrases that mean an upset customer for this business. */
      phrases: z.array(z.string().min(1)).default([]),
      /** Example upset messages: a message close enough in wording to one of them counts. */
      examples: z.array(z.string().min(1)).default([]),
    })
    .default({ enabled: true, threshold: -0.5, trendThreshold: -0.2, trendTurns: 2, phrases: [], examples: [] }),
  lowConfidence: z
    .object({ enabled: z.boolean().default(true), threshold: z.number().min(0).max(1).default(0.35) })
    .default({ enabled: true, threshold: 0.35 }),
  repeatedFallback: z
    .object({ enabled: z.boolean().default(true), count: z.number().int().min(1).max(20).default(2) })
    .default({ enabled: true, count: 2 }),
  loop: z
    .object({
      enabled: z.boolean().default(true),
      /** Times the same (or near-identical) question may be asked before firing. */
      count: z.number().int().min(2).max(20).default(3),
      /** 0..1 similarity above which two questions count as the same. */
      similarity: z.number().min(0).max(1).default(0.8),
    })
    .default({ enabled: true, count: 3, similarity: 0.8 }),
  sensitiveTopics: z
    .object({ enabled: z.boolean().default(true), topics: z.array(sensitiveTopicSchema).default([]) })
    .default({ enabled: true, topics: [] }),
  urgency: z
    .object({
      enabled: z.boolean().default(true),
      /** Extra words or phrases that mean "urgent" for this business. */
      phrases: z.array(z.string()).default([]),
      /** Variable rules that make the conversation urgent (e.g. departure within 20 minutes). */
      rules: z.array(ruleSchema).default([]),
      /** Example urgent messages: a message close enough in wording to one of them counts. */
      examples: z.array(z.string().min(1)).default([]),
      /** A deadline the customer names (a clock time, "tonight", "tomorrow", a weekday) is urgent when it is at most this many hours away on the conversation's clock. */
      deadlineHours: z.number().min(0).max(24 * 14).default(96),
    })
    .default({ enabled: true, phrases: [], rules: [], examples: [], deadlineHours: 96 }),
  hotLead: z
    .object({ enabled: z.boolean().default(false), rules: ruleGroupSchema.default({ combinator: 'or', rules: [] }) })
    .default({ enabled: false, rules: { combinator: 'or', rules: [] } }),
  /** Words or phrases that must never trigger a text detector (e.g. a product called "Rage Red"): they are removed from the message before the detectors read it. */
  neverTrigger: z.array(z.string().min(1)).default([]),
  /** The learned classifier that reads wordings the phrase lists miss; off = phrase and word rules only. */
  classifier: z
    .object({ enabled: z.boolean().default(true) })
    .default({ enabled: true }),
});
export type EscalationPolicy = z.infer<typeof escalationPolicySchema>;

/* ------------------------------------------------------------------ settings and the flow */

export const settingsSchema = z.object({
  language: z.string().default('en'),
  timezone: z.string().default('UTC'),
  /** Said when the bot does not understand and the block has no better message. */
  fallbackMessage: text.default("Sorry, I didn't get that."),
  /** Said when the customer writes after the conversation has ended and the bot starts over. */
  restartMessage: text.default('Welcome back!'),
});
export type Settings = z.infer<typeof settingsSchema>;

export const flowSchema = z.object({
  version: z.literal(FLOW_VERSION),
  id,
  name: z.string().min(1).max(200),
  description: z.string().default(''),
  blocks: z.array(blockSchema_),
  edges: z.array(edgeSchema).default([]),
  variables: z.array(variableSchema).default([]),
  settings: settingsSchema.default({
    language: 'en',
    timezone: 'UTC',
    fallbackMessage: "Sorry, I didn't get that.",
    restartMessage: 'Welcome back!',
  }),
  escalation: escalationPolicySchema.default(escalationPolicySchema.parse({})),
});
export type Flow = z.infer<typeof flowSchema>;
/** What a designer may write: every field with a default may be left out. */
export type FlowInput = z.input<typeof flowSchema>;
