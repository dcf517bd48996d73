/**
 * The ONE definition of a conversation's persisted state: a STRICT zod schema (unknown keys are an error,
 * never silently dropped) from which `ConversationState` and its parts are inferred (see types.ts). A runtime
 * checks a state it read from storage with `parseConversationState`, which also upgrades older state versions
 * (`migrateState`): v1 kept the whole transcript in the state; v2 keeps a bounded `recentTranscript` and records the
 * flow revision, the step counter and the agent events already applied.
 */
import { z } from 'zod';
import { assignationModes, escalationReasons, priorities, valueSchema } from '../flow/schema';
import { handoffEndings, requeueCauses } from '../handoff/types';

/** Newest state version written by the engine. */
export const STATE_VERSION = 2;
/** Transcript entries kept in the state (for the handoff context and the shown buttons); the rest lives in the runtime's log. */
export const WINDOW_SIZE = 30;
/** Agent event ids remembered to refuse a duplicate delivery. */
export const RECENT_EVENT_IDS = 32;
/** Customer messages held while an HTTP call is out (the oldest are kept; the rest are transcript lines only). */
export const MAX_HELD_MESSAGES = 5;

const button = z.strictObject({ id: z.string(), label: z.string() });
const reason = z.enum(escalationReasons);

export const transcriptEntrySchema = z.strictObject({
  from: z.enum(['customer', 'bot', 'agent', 'system']),
  text: z.string(),
  at: z.number(),
  blockId: z.string().optional(),
  /** Agent's display name for `from: 'agent'`. */
  name: z.string().optional(),
  buttons: z.array(button).optional(),
  /**
   * Session 16 (review debt b): the customer's answer to a Rating block (a typed score or a clicked one). The runtime
   * hides it from agents who may not see that rating by this mark instead of matching csat records by time. Optional:
   * states saved before it load unchanged.
   */
  rating: z.literal(true).optional(),
  /**
   * Session 19 (newcomer s17 #7): an agent's message in which a card number, password or PIN was masked: the kinds, so
   * the inbox can say so after a reload too (private notes keep the same). Optional: states saved before it load unchanged.
   */
  secretsHidden: z.array(z.enum(['card', 'password', 'pin'])).optional(),
  /**
   * Session 25 (hostile25 #9): the bot's line to thanks after the chat ended (shared/engine/afterClose.ts), so that it is
   * said once per ended chat whatever its text (a template line such as "Bye! you said {{lastMessage}}" changes).
   * Optional: states saved before it load unchanged.
   */
  closedCourtesy: z.literal(true).optional(),
  /**
   * Session 26 (newfix, newcomer s26 F11): a customer message the block it reached did not understand (a fallback), so
   * a handoff's summary can name what the customer needed rather than "I want to talk to a person". Optional: states
   * saved before it load unchanged.
   */
  unanswered: z.literal(true).optional(),
});

const signal = z.strictObject({
  reason,
  score: z.number().min(0).max(1),
  threshold: z.number(),
  evidence: z.array(z.string()),
  turn: z.number().int().min(0),
  explanation: z.string(),
  /** Which part of the escalation layer found it (shared/escalation/types.ts). */
  source: z.enum(['rule', 'classifier', 'designer']).optional(),
  /** The built-in self-harm / crisis reading (shared/escalation/types.ts Signal.crisis). */
  crisis: z.literal(true).optional(),
  /** A person hurt or ill now (shared/escalation/types.ts Signal.emergency). */
  emergency: z.literal(true).optional(),
});

const decision = z.strictObject({
  action: z.enum(['none', 'rephrase', 'offer', 'handoff']),
  reason: reason.nullable(),
  signals: z.array(signal),
  explanation: z.string(),
  turn: z.number().int().min(0),
  /** Signals that came close without firing (shared/escalation/types.ts). */
  nearMisses: z.array(signal).optional(),
  /** Session 43 (policy1): a complaint the flow understood (shared/escalation/complaintFirst.ts); optional. */
  understoodComplaint: z.enum(['answered', 'strong', 'again']).optional(),
});

const status = z.enum(['pending', 'assigned', 'resolved', 'expired', 'rejected', 'cancelled']);
export const handoffSchema = z.strictObject({
  id: z.string(),
  conversationId: z.string(),
  blockId: z.string(),
  assignation: z.enum(assignationModes),
  status,
  agentId: z.string().nullable(),
  agentName: z.string().nullable(),
  reason: z.union([reason, z.literal('flow')]),
  priority: z.enum(priorities),
  requestedAt: z.number(),
  deadline: z.number(),
  transitions: z.array(
    z.strictObject({
      from: status.nullable(),
      to: status,
      at: z.number(),
      actor: z.string(),
      note: z.string().optional(),
      /** Session 38: why a chat went back from its agent to the queue, and a transfer's team. Optional: additive. */
      cause: z.enum(requeueCauses).optional(),
      team: z.string().optional(),
      /** Session 39: how the handoff ended (on the move to resolved / cancelled). Optional: additive. */
      ended: z.enum(handoffEndings).optional(),
    }),
  ),
  /** Session 29 (newcomer s28 N6): an automatically assigned agent has not opened the chat yet (false). Optional: additive. */
  joined: z.boolean().optional(),
  /** Session 45 (ui9): an agent wrote to the customer during this handoff. Optional: additive. */
  agentWrote: z.literal(true).optional(),
  /** Session 46 (ui10): opened by its agent, not yet joined (shared/handoff/types.ts). */
  opened: z.literal(true).optional(),
});

const retries = z.number().int().min(0);
/**
 * Session 48 (conv9, hostile s47 M1): questions asked at an email question (questionAtEmail.ts): how many so far, and the
 * blocks of the flow's last answer to one (not said twice in a row). Optional: additive.
 */
const asideFields = {
  asides: z.number().int().min(1).optional(),
  asideIds: z.array(z.string()).max(50).optional(),
};
export const waitingSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('input'), blockId: z.string(), retries }),
  /** Graduated escalation offered a person: buttons 'person' / 'bot'. */
  z.strictObject({ kind: z.literal('offer'), blockId: z.string(), retries, reason }),
  /** Human takeover is collecting details before handing over (default/custom modes). */
  z.strictObject({
    kind: z.literal('takeover_question'),
    blockId: z.string(),
    field: z.enum(['name', 'email', 'reason']),
    retries,
    /** The escalation reason that brought the conversation here (absent when the flow simply reached the block). */
    reason: reason.optional(),
    /**
     * Session 37 (hostile s35 F11 rest): the customer declined the email in the message that brought them here or at an
     * earlier question of this block ("no email, just get me a person"): the email question is not asked. Optional: additive.
     */
    emailDeclined: z.literal(true).optional(),
    /**
     * Session 43 (hostq, hostile s43 M3/M4): the customer said at one of this block's questions that they would rather
     * explain the matter to the person ("I'd rather explain it on the call"): the reason question is not asked. Optional: additive.
     */
    reasonForPerson: z.literal(true).optional(),
    ...asideFields,
  }),
  /** Ticket block collecting details. */
  // Session 46 (details5): callAsked, the customer asked to be called and was asked for the number (ticketBlock.ts).
  z.strictObject({ kind: z.literal('ticket_question'), blockId: z.string(), field: z.enum(['email', 'issue']), retries, callAsked: z.literal(true).optional(), ...asideFields }),
  /**
   * Human takeover: in the queue or with an agent. `takeoverFrom` is set when an agent took over a live bot
   * conversation (`agent_takeover`): how the bot was waiting at `blockId`, resumed on handback (agentTakeover.ts).
   * Optional and additive: every state written before it existed is still valid, so no migration is needed.
   */
  z.strictObject({
    kind: z.literal('handoff'),
    blockId: z.string(),
    takeoverFrom: z.enum(['input', 'offer', 'takeover_question', 'ticket_question']).optional(),
  }),
  /** HTTP request effect issued; waiting for its result until the `http_timeout` timer `timerId` fires. */
  z.strictObject({
    kind: z.literal('http'),
    blockId: z.string(),
    requestId: z.string(),
    timerId: z.string(),
    /**
     * Session 26 (newfix, newcomer s26 F7): customer messages sent while the call was out (already in the transcript, with
     * the turn they were given), read when the call returns (engine.ts readHeld). Optional: older states lack it.
     */
    held: z.array(z.strictObject({ text: z.string(), turn: z.number().int().min(0) })).max(MAX_HELD_MESSAGES).optional(),
  }),
  /** After the chat ended with restart buttons. */
  z.strictObject({ kind: z.literal('restart'), blockId: z.string() }),
]);

export const timerSchema = z.strictObject({
  id: z.string(),
  purpose: z.enum(['queue_timeout', 'waiting_email', 'http_timeout']),
  at: z.number(),
});

export const conversationStateSchema = z.strictObject({
  /** State format version (see `migrateState`). */
  v: z.literal(STATE_VERSION),
  /** Conversation id, given by the runtime; every other id derives from it. */
  id: z.string().min(1),
  flowId: z.string(),
  /** `flowRevision(flow)` of the flow this state was last stepped with. */
  flowRevision: z.string(),
  mode: z.enum(['bot', 'waiting', 'agent', 'closed']),
  waiting: waitingSchema.nullable(),
  variables: z.record(z.string(), valueSchema),
  /** The last WINDOW_SIZE transcript entries; the full transcript is the runtime's append-only log (Step.transcript). */
  recentTranscript: z.array(transcriptEntrySchema),
  /** Number of customer messages so far (the next customer turn's 0-based index). */
  turn: z.number().int().min(0),
  intents: z.array(z.strictObject({ name: z.string(), confidence: z.number().min(0).max(1), turn: z.number().int().min(0) })),
  entities: z.array(
    z.strictObject({ type: z.enum(['email', 'phone', 'order_id', 'date', 'time', 'amount', 'url', 'policy_number']), value: z.string(), text: z.string() }),
  ),
  escalation: z.strictObject({
    fallbacksInRow: z.number().int().min(0),
    /** Clear shop questions among fallbacksInRow (escalation round seven); optional, older states lack it. */
    clearInRow: z.number().int().min(0).optional(),
    /** Every message of the fallback streak reads as about the shop (escalation session 31); optional, older states lack it. */
    inShopStreak: z.literal(true).optional(),
    /** The streak is the customer's opening words alone (escalation session 31); optional. */
    openerOnly: z.literal(true).optional(),
    recent: z.array(z.string()),
    sentiments: z.array(z.number()),
    level: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    /** The intent understood for each of the latest customer messages (escalation session 12); optional, older states lack it. */
    intents: z.array(z.string()).max(6).optional(),
    /** A complaint the flow understood was answered first in this chat (session 43, complaintFirst.ts); optional. */
    complained: z.literal(true).optional(),
    /** The block whose own question the latest messages could not answer, and how many in a row (session 49, conv11); optional. */
    askedAgain: z.strictObject({ at: z.string(), n: z.number().int().min(1) }).optional(),
  }),
  /** The last decision that did something (rephrase, offer, handoff). */
  lastEscalation: decision.nullable(),
  handoff: handoffSchema.nullable(),
  timers: z.array(timerSchema),
  /** Counter used to make ids (handoffs, timers, requests, tickets) deterministic. */
  seq: z.number().int().min(0),
  /** Steps applied so far; part of every effect's idempotency key. */
  step: z.number().int().min(0),
  /** Agent event ids already applied (newest last, bounded): a duplicate delivery is refused. */
  recentEventIds: z.array(z.string()),
  /**
   * HTTP calls made since the customer last wrote (absent = 0). Bounded by MAX_HTTP_CALLS_PER_TURN
   * (shared/flow/limits.ts) so a retry loop on a failing API cannot run forever. Optional: older v2 states lack it.
   */
  httpCalls: z.number().int().min(0).optional(),
  /**
   * The last HTTP call that failed (an error status, no answer, or its deadline passed), until a later call succeeds:
   * a handoff the flow makes right after it tells the agent what failed (shared/engine/handoffContext.ts), then it is
   * forgotten. `status` 0 = no answer; `turn` = the customer turn at which it was last current (the lifetime rule, in
   * one place: shared/engine/failureMemory.ts). Optional: older states lack it.
   */
  lastFailure: z
    .strictObject({ blockId: z.string(), label: z.string(), status: z.number().int(), at: z.number(), turn: z.number().int().min(0) })
    .optional(),
  /**
   * The Human takeover block that just left by `no_agent` or `timeout` (nobody available, out of hours, the queue timed
   * out) and `turn`, the customer turn count then: while set, a request for a person at the block that exit leads to is
   * not handed to that block again (shared/engine/noAgentFollowUp.ts). Cleared when a takeover is entered again, an
   * agent takes the conversation over, or the customer has written more than FRESH_TURNS messages since. Optional (session
   * 15): older states lack it and load as "nobody was just found".
   */
  nobodyFound: z.strictObject({ blockId: z.string(), turn: z.number().int().min(0) }).optional(),
  /**
   * Session 33: the Human takeover block whose out-of-hours message this conversation was given, and when that block next
   * opens (null: not within two weeks). Entered again before then, the block says one short line instead of the whole
   * message again (humanTakeover.ts stillClosed). Optional: older states lack it and get the whole message once more.
   */
  closedNotice: z
    .strictObject({
      blockId: z.string(),
      until: z.number().nullable(),
      /** Session 41 (hostile s40 L7): the customer turn the still-closed line was last said at (optional: older states). */
      stillTurn: z.number().int().min(0).optional(),
    })
    .optional(),
  /**
   * Session 38 (hostile s37 #1, #2): the customer declined to give an email address (or put it off) at an email question
   * of this conversation: no later question asks it again (the takeover's, a ticket's: lead-gen asked it after a queue
   * timeout, the out-of-hours ticket twice more). Optional: older states lack it and may ask once more.
   */
  emailDeclined: z.literal(true).optional(),
  /**
   * Session 41 (hostile s40 L6): the Question block whose reference the customer gave in the message that was handed to
   * a person instead (Skyline Air's "What is your booking reference?" -> "at the gate, flight in 10 minutes, K7XQ2P"):
   * the variable is set, and the block, entered again (the agent hands back, a declined offer), takes it without asking.
   * Cleared when that block is entered again. Optional: older states lack it and ask again as before.
   */
  keptAnswer: z.strictObject({ blockId: z.string(), variable: z.string() }).optional(),
  /**
   * Session 44 (details2, hostile s43 M5 / newcomer s43 N7): a request typed at a question that holds no value of its kind
   * ("my bag never arrived" at Skyline Air's booking-reference question) which a menu further on the way picks an option
   * for: that menu (blockId) takes it when the flow reaches it (the customer does not repeat it). Dropped when another
   * menu is reached, or `turn` is more than a few turns back. Optional: older states lack it.
   */
  laterRequest: z.strictObject({ blockId: z.string(), text: z.string().max(4000), turn: z.number() }).optional(),
  /**
   * Session 48 (conv9, hostile s47 L1): how many times the customer withdrew a request for a person before the handover
   * (backOutOfTakeover): from the second, the bot says plainly what it can do. Optional: additive.
   */
  personWithdrawn: z.number().int().min(1).optional(),
  /**
   * Session 49 (conv10, hostile s46 L1): the bot asked "Did you mean kim@gmail.com?" at the email question of `blockId`
   * (emailTypo.ts); the next message answers it. Optional: additive.
   */
  emailTypo: z.strictObject({ blockId: z.string(), typed: z.string().max(400), suggested: z.string().max(400) }).optional(),
  startedAt: z.number(),
  updatedAt: z.number(),
});

export type StateResult = { ok: true; state: z.infer<typeof conversationStateSchema> } | { ok: false; error: string };

/**
 * Upgrades a persisted state of any known version to the current one (pure; the input is not changed).
 * v1 -> v2: `transcript` becomes the bounded `recentTranscript`; `flowRevision` is unknown ('') so the next step treats
 * the flow as possibly redeployed; `step` starts at `seq`; no agent events remembered.
 */
export function migrateState(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const s = raw as Record<string, unknown>;
  if (s.v === 1) {
    const { transcript, ...rest } = s;
    const all = Array.isArray(transcript) ? transcript : [];
    const waiting = rest.waiting as Record<string, unknown> | null;
    const timerId = `${String(rest.id)}:t-migrated`;
    return {
      ...rest,
      v: 2,
      flowRevision: '',
      recentTranscript: all.slice(-WINDOW_SIZE),
      step: typeof rest.seq === 'number' ? rest.seq : 0,
      recentEventIds: [],
      // v1 HTTP waits had no deadline timer: give them one that is already due, so a resumed conversation
      // takes the error exit instead of waiting forever.
      waiting: waiting && waiting.kind === 'http' && waiting.timerId === undefined ? { ...waiting, timerId } : waiting,
      timers:
        waiting && waiting.kind === 'http' && waiting.timerId === undefined
          ? [...((rest.timers as unknown[]) ?? []), { id: timerId, purpose: 'http_timeout', at: 0 }]
          : rest.timers,
    };
  }
  return raw;
}

/** Reads a persisted state: migrates it, then checks it strictly. Errors name the JSON path. */
export function parseConversationState(raw: unknown): StateResult {
  const migrated = migrateState(raw);
  const v = (migrated as { v?: unknown } | null)?.v;
  if (typeof v === 'number' && v > STATE_VERSION) {
    return { ok: false, error: `state version ${v} is newer than this Baton understands (${STATE_VERSION}): upgrade Baton.` };
  }
  const r = conversationStateSchema.safeParse(migrated);
  if (r.success) return { ok: true, state: r.data };
  const first = r.error.issues[0];
  return { ok: false, error: `${first.path.length ? first.path.join('.') : '(root)'}: ${first.message}` };
}
