/**
 * The flow document: one zod definition shared by the studio, the runtime and the CLI.
 *
 * A flow is a versioned JSON document: blocks (id, kind, position, data), edges (from block + exit, to
 * block), variables, settings and the escalation policy. Every block's `data` has defaults, so a designer
 * (or a hand-written JSON file) can omit anything that has a sensible default; `parseFlow` returns the
 * document with every default filled in.
 *
 * Block kinds are defined one module per kind in `blocks/` and collected by `blockRegistry.ts`; the block
 * union below is built from that registry, so adding a kind never means editing this file.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import { z } from 'zod';
import { blockDefinitions, blockKinds, type BlockDefinitions, type BlockKind } from './blockRegistry';
import { id, ruleGroupSchema, ruleSchema, text, valueSchema } from './blocks/fields';
import { canvasFields } from './edit/canvasSchema';
import {
  exampleLengthHint,
  exampleListHint,
  listLimitHint,
  MAX_EXAMPLE_CHARS,
  MAX_EXAMPLES_PER_LIST,
  MAX_PHRASE_CHARS,
  MAX_POLICY_EXAMPLES,
  MAX_POLICY_ENTRIES,
  MAX_POLICY_LIST_ENTRIES,
  MAX_SENSITIVE_TOPICS,
  phraseLengthHint,
} from './policyLimits';

export type { BlockKind } from './blockRegistry';
export { blockKinds } from './blockRegistry';
export {
  assignationModes,
  notifyChannels,
  openingHoursSchema,
  priorities,
  questionInputTypes,
  ruleGroupSchema,
  ruleOperators,
  ruleSchema,
  timeRangeSchema,
  valueSchema,
  weekdays,
} from './blocks/fields';
export type { Assignation, OpeningHours, Priority, Rule, RuleGroup, Value, Weekday } from './blocks/fields';
export { startData } from './blocks/start';
export { messageData } from './blocks/message';
export { questionData } from './blocks/question';
export { buttonOptionSchema, buttonsData } from './blocks/buttons';
export { conditionData } from './blocks/condition';
export { assignmentSchema, setVariableData } from './blocks/setVariable';
export { intentRouterData, intentSchema } from './blocks/intentRouter';
export { keywordRouteSchema, keywordRouterData } from './blocks/keywordRouter';
export { httpRequestData } from './blocks/httpRequest';
export { businessHoursData } from './blocks/businessHours';
export { notifyData } from './blocks/notify';
export { humanTakeoverData, type HumanTakeoverData } from './blocks/humanTakeover';
export { ticketData } from './blocks/ticket';
export { csatData } from './blocks/csat';
export { jumpData } from './blocks/jump';
export { endData } from './blocks/end';

/** The schema version this build reads and writes. Older documents go through `migrations.ts`. */
export const FLOW_VERSION = 1;

export const positionSchema = z.object({ x: z.number(), y: z.number() });

/* ------------------------------------------------------------------ blocks, from the block registry */

/** Every block kind and its data schema (from `blockDefinitions`). The order is the palette order. */
export const blockDataSchemas = Object.fromEntries(blockKinds.map((k) => [k, blockDefinitions[k].data])) as {
  [K in BlockKind]: BlockDefinitions[K]['data'];
};

/** The data of a block of kind K, with every default filled in. */
export type BlockDataOf<K extends BlockKind> = z.output<BlockDefinitions[K]['data']>;

/** A block of kind K, as parsed (defaults filled in). */
export type BlockOf<K extends BlockKind> = {
  id: string;
  kind: K;
  /** Canvas position; optional so an exported flow can be stripped of layout. */
  position?: { x: number; y: number } | undefined;
  /** Designer's label shown on the canvas. */
  label?: string | undefined;
  data: BlockDataOf<K>;
};
export type Block = { [K in BlockKind]: BlockOf<K> }[BlockKind];
/** A block as a designer may write it (data fields with defaults may be left out). */
export type BlockInput = {
  [K in BlockKind]: { id: string; kind: K; position?: { x: number; y: number } | undefined; label?: string | undefined; data: z.input<BlockDefinitions[K]['data']> };
}[BlockKind];

/** A block without its data: what every kind shares (the validator reads it apart from `data` to reuse a parsed `data`). */
export const blockEnvelopeSchema = z.object({
  id,
  kind: z.enum(blockKinds as [BlockKind, ...BlockKind[]]),
  /** Canvas position; optional so an exported flow can be stripped of layout. */
  position: positionSchema.optional(),
  /** Designer's label shown on the canvas. */
  label: z.string().max(200).optional(),
});

function blockSchemaFor(kind: BlockKind) {
  return z.object({
    id,
    kind: z.literal(kind),
    position: positionSchema.optional(),
    label: z.string().max(200).optional(),
    data: blockDefinitions[kind].data as z.ZodType,
  });
}

/** One block of any kind: a union discriminated on `kind`, built from the registry. */
const blockSchema_ = z.discriminatedUnion(
  'kind',
  blockKinds.map(blockSchemaFor) as unknown as [ReturnType<typeof blockSchemaFor>, ...ReturnType<typeof blockSchemaFor>[]],
) as unknown as z.ZodType<Block, BlockInput>;
export { blockSchema_ as blockSchema };

/** The schema of one kind's block (for per-block checks of a document that did not parse as a whole). */
export const blockSchemasByKind = Object.fromEntries(blockKinds.map((k) => [k, blockSchemaFor(k)])) as unknown as {
  [K in BlockKind]: z.ZodType<BlockOf<K>>;
};

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
  /**
   * Session 47 (apisec2): a website may set it at chat start only inside a signed identity token (`baton serve`'s
   * identity secret: docs/runtime.md "Signed identity"); an unsigned value is refused. Mark a variable that only the
   * page passes and that a rule reads to decide who serves the chat or how fast (a plan, a cart value).
   */
  signed: z.boolean().optional(),
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

/** What the bot says at a graduated step is one chat message: keep it short. */
export const MAX_STEP_TEXT_CHARS = 500;
const stepTextHint = `Keep a graduated step's message under ${MAX_STEP_TEXT_CHARS} characters: it is one chat message.`;
/** A graduated offer's button label fits on one button. */
export const MAX_BUTTON_LABEL_CHARS = 60;
const buttonLabelHint = `Keep a button label under ${MAX_BUTTON_LABEL_CHARS} characters: it has to fit on one button.`;

/* Vocabulary lists, bounded (shared/flow/policyLimits.ts says why). */
const phrase = z.string().min(1).max(MAX_PHRASE_CHARS, { error: phraseLengthHint });
const phraseList = z.array(phrase).max(MAX_POLICY_LIST_ENTRIES, { error: listLimitHint('phrases') });
const exampleList = z
  .array(z.string().min(1).max(MAX_EXAMPLE_CHARS, { error: exampleLengthHint }))
  .max(MAX_EXAMPLES_PER_LIST, { error: exampleListHint });

export const sensitiveTopicSchema = z.object({
  name: z.string().min(1).max(MAX_PHRASE_CHARS),
  /** Phrases matched after normalisation (case, punctuation, stemming, synonyms). */
  phrases: phraseList.default([]),
  /** Intent names (from any intent router) that count as this topic. */
  intents: z.array(z.string().max(MAX_PHRASE_CHARS)).max(MAX_POLICY_LIST_ENTRIES, { error: listLimitHint('intents') }).default([]),
  /** Example customer messages of this topic: a message close enough in wording to one of them counts. */
  examples: exampleList.default([]),
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
  /**
   * The designer's wording for the graduated steps (absent or empty: the built-in sentences, see
   * shared/engine/escalationWording.ts). rephrase: the bot did not follow ("Could you put it another way?");
   * acknowledge: the first step for an upset customer, a sensitive topic or an urgent message, where "I didn't
   * understand" would be wrong; offer: the question before the "Talk to a person" buttons.
   */
  texts: z
    .object({
      rephrase: z.string().max(MAX_STEP_TEXT_CHARS, { error: stepTextHint }).optional(),
      acknowledge: z.string().max(MAX_STEP_TEXT_CHARS, { error: stepTextHint }).optional(),
      offer: z.string().max(MAX_STEP_TEXT_CHARS, { error: stepTextHint }).optional(),
      /** The offer's two buttons (newcomer s8 #27): absent or empty, "Talk to a person" / "Keep chatting with the bot". */
      personButton: z.string().max(MAX_BUTTON_LABEL_CHARS, { error: buttonLabelHint }).optional(),
      botButton: z.string().max(MAX_BUTTON_LABEL_CHARS, { error: buttonLabelHint }).optional(),
    })
    .optional(),
  explicitRequest: z
    .object({
      enabled: z.boolean().default(true),
      /** Extra wordings that mean "I want a person" for this business (matched on normalised words). */
      phrases: phraseList.default([]),
      /** Example requests: a message close enough in wording to one of them counts. */
      examples: exampleList.default([]),
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
      phrases: phraseList.default([]),
      /** Example upset messages: a message close enough in wording to one of them counts. */
      examples: exampleList.default([]),
    })
    .default({ enabled: true, threshold: -0.5, trendThreshold: -0.2, trendTurns: 2, phrases: [], examples: [] }),
  lowConfidence: z
    .object({
      enabled: z.boolean().default(true),
      threshold: z.number().min(0).max(1).default(0.35),
      /**
       * Session 10 (newcomer s9 #27): in immediate mode, the first low-confidence handoff of a conversation is replaced by
       * one clarifying question (`clarifyText`); a message still unclear after it hands over as before. Absent: off.
       */
      clarifyFirst: z.boolean().optional(),
      /** The clarifying question (absent or empty: the built-in one, see shared/engine/clarifyFirst.ts). */
      clarifyText: z.string().max(MAX_STEP_TEXT_CHARS, { error: stepTextHint }).optional(),
    })
    .default({ enabled: true, threshold: 0.35 }),
  repeatedFallback: z
    .object({
      enabled: z.boolean().default(true),
      count: z.number().int().min(1).max(20).default(2),
      /**
       * Session 26: clear questions about the shop that the flow cannot answer count nothing towards `count`; every this
       * many in a row the bot offers a person (absent: 3; 0: never). See shared/engine/shopQuestion.ts.
       */
      offerAfterUnanswered: z.number().int().min(0).max(20).optional(),
    })
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
    .object({
      enabled: z.boolean().default(true),
      topics: z
        .array(sensitiveTopicSchema)
        .max(MAX_SENSITIVE_TOPICS, { error: `Keep at most ${MAX_SENSITIVE_TOPICS} sensitive topics: merge topics that lead to the same people.` })
        .default([]),
    })
    .default({ enabled: true, topics: [] }),
  urgency: z
    .object({
      enabled: z.boolean().default(true),
      /** Extra words or phrases that mean "urgent" for this business. */
      // Session 24 (hostile s23 #3): the one phrase list without min(1), so an empty urgency phrase was taken silently.
      phrases: phraseList.default([]),
      /** Variable rules that make the conversation urgent (e.g. departure within 20 minutes). */
      rules: z.array(ruleSchema).default([]),
      /** Example urgent messages: a message close enough in wording to one of them counts. */
      examples: exampleList.default([]),
      /** A deadline the customer names (a clock time, "tonight", "tomorrow", a weekday) is urgent when it is at most this many hours away on the conversation's clock. */
      deadlineHours: z.number().min(0).max(24 * 14).default(168),
      /**
       * Session 30 (hostile s29 H10): what the bot tells a customer who wrote words of self-harm when nobody can answer
       * now (out of hours, nobody online, the ticket's questions). Empty: the built-in line (crisisLineOf), which names
       * Samaritans only in a UK / Ireland flow. Said as written (no {{variables}}).
       */
      crisisLine: z.string().max(1000, { error: 'Keep the crisis line under 1,000 characters: a customer in crisis reads it at once.' }).optional(),
      /**
       * Session 41 (injury, hostile s40 H2): what the bot tells a customer who writes that a person is hurt or ill now
       * (an injury, a medical emergency), first, whatever the opening hours. Empty: the built-in line with the number the
       * flow's messages give ("call 112"), else the number of the flow's time zone (emergencyLineOf). Said as written.
       */
      emergencyLine: z.string().max(1000, { error: 'Keep the emergency line under 1,000 characters: a customer in an emergency reads it at once.' }).optional(),
    })
    .default({ enabled: true, phrases: [], rules: [], examples: [], deadlineHours: 168 }),
  hotLead: z
    .object({ enabled: z.boolean().default(false), rules: ruleGroupSchema.default({ combinator: 'or', rules: [] }) })
    .default({ enabled: false, rules: { combinator: 'or', rules: [] } }),
  /** Words or phrases that must never trigger a text detector (e.g. a product called "Rage Red"): they are removed from the message before the detectors read it. */
  neverTrigger: z.array(phrase).max(MAX_POLICY_LIST_ENTRIES, { error: listLimitHint('neverTrigger entries') }).default([]),
  /** The learned classifier that reads wordings the phrase lists miss; off = phrase and word rules only. */
  classifier: z
    .object({ enabled: z.boolean().default(true) })
    .default({ enabled: true }),
}).superRefine((p, ctx) => {
  const lists = [p.explicitRequest.phrases, p.explicitRequest.examples, p.negativeSentiment.phrases, p.negativeSentiment.examples, p.urgency.phrases, p.urgency.examples, p.neverTrigger];
  for (const t of p.sensitiveTopics.topics) lists.push(t.phrases, t.examples);
  const total = lists.reduce((n, l) => n + l.length, 0);
  const exampleLists = [p.explicitRequest.examples, p.negativeSentiment.examples, p.urgency.examples, ...p.sensitiveTopics.topics.map((t) => t.examples)];
  const examples = exampleLists.reduce((n, l) => n + l.length, 0);
  if (examples > MAX_POLICY_EXAMPLES) {
    ctx.addIssue({
      code: 'custom',
      path: [],
      message: `it lists ${examples} examples in all; at most ${MAX_POLICY_EXAMPLES} are allowed`,
      params: { hint: exampleListHint },
    });
  }
  if (total > MAX_POLICY_ENTRIES) {
    ctx.addIssue({
      code: 'custom',
      path: [],
      message: `it lists ${total} phrases, examples and neverTrigger entries in all; at most ${MAX_POLICY_ENTRIES} are allowed`,
      params: { hint: listLimitHint('entries') },
    });
  }
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
  /**
   * Said after a customer message in which the bot hid a card number or a password (shared/engine/customerSecrets.ts,
   * hostile s15 H#3). Absent: the built-in sentence; empty: nothing is said (the text is masked all the same).
   */
  secretHiddenMessage: z.string().max(1000).optional(),
  /**
   * Said once when, after the conversation ended, the customer only says thanks, bye, ok or a friendly emoji (the chat
   * stays closed: shared/engine/afterClose.ts). Absent: the built-in English sentence; empty: nothing is said. A template
   * like the restart message. Session 25 (review of session 24): was an English line said only when `language` began
   * with "en".
   */
  closedCourtesyMessage: z.string().max(1000).optional(),
  /**
   * Session 26 (shopfb): said instead of the fallback message when the bot cannot answer a clear question about the shop
   * ("do the led strips work w alexa": the escalation policy's reading, EscalationDecision.shopQuestion), where "Sorry, I
   * didn't get that" was untrue (shared/engine/shopQuestion.ts). Absent: the built-in English sentence; empty: the
   * fallback message. A template like the fallback message.
   */
  shopQuestionMessage: z.string().max(1000).optional(),
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
  /** Canvas-only: sticky notes and block groups (shared/flow/edit/canvasSchema.ts); the engine ignores them. */
  ...canvasFields,
});
export type Flow = z.infer<typeof flowSchema>;
/** What a designer may write: every field with a default may be left out. */
export type FlowInput = z.input<typeof flowSchema>;
