/**
 * A zod schema for a persisted conversation state: what a runtime checks before resuming a conversation it
 * read from storage, and what the property test checks after every random step.
 */
import { z } from 'zod';
import { assignationModes, escalationReasons, priorities, valueSchema } from '../flow/schema';

const button = z.object({ id: z.string(), label: z.string() });
const reason = z.enum(escalationReasons);

const signal = z.object({
  reason,
  score: z.number().min(0).max(1),
  threshold: z.number(),
  evidence: z.array(z.string()),
  turn: z.number().int().min(0),
  explanation: z.string(),
});

const decision = z.object({
  action: z.enum(['none', 'rephrase', 'offer', 'handoff']),
  reason: reason.nullable(),
  signals: z.array(signal),
  explanation: z.string(),
  turn: z.number().int().min(0),
});

const status = z.enum(['pending', 'assigned', 'resolved', 'expired', 'rejected', 'cancelled']);
const handoff = z.object({
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
    z.object({ from: status.nullable(), to: status, at: z.number(), actor: z.string(), note: z.string().optional() }),
  ),
});

const waiting = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('input'), blockId: z.string(), retries: z.number().int().min(0) }),
  z.object({ kind: z.literal('offer'), blockId: z.string(), retries: z.number().int().min(0), reason }),
  z.object({ kind: z.literal('takeover_question'), blockId: z.string(), field: z.enum(['name', 'email', 'reason']), retries: z.number().int().min(0), reason: reason.optional() }),
  z.object({ kind: z.literal('ticket_question'), blockId: z.string(), field: z.enum(['email', 'issue']), retries: z.number().int().min(0) }),
  z.object({ kind: z.literal('handoff'), blockId: z.string() }),
  z.object({ kind: z.literal('http'), blockId: z.string(), requestId: z.string() }),
  z.object({ kind: z.literal('restart'), blockId: z.string() }),
]);

export const conversationStateSchema = z.object({
  v: z.literal(1),
  id: z.string(),
  flowId: z.string(),
  mode: z.enum(['bot', 'waiting', 'agent', 'closed']),
  waiting: waiting.nullable(),
  variables: z.record(z.string(), valueSchema),
  transcript: z.array(
    z.object({
      from: z.enum(['customer', 'bot', 'agent', 'system']),
      text: z.string(),
      at: z.number(),
      blockId: z.string().optional(),
      name: z.string().optional(),
      buttons: z.array(button).optional(),
    }),
  ),
  turn: z.number().int().min(0),
  intents: z.array(z.object({ name: z.string(), confidence: z.number().min(0).max(1), turn: z.number().int().min(0) })),
  entities: z.array(z.object({ type: z.string(), value: z.string(), text: z.string() })),
  escalation: z.object({
    fallbacksInRow: z.number().int().min(0),
    recent: z.array(z.string()),
    sentiments: z.array(z.number()),
    level: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  }),
  lastEscalation: decision.nullable(),
  handoff: handoff.nullable(),
  timers: z.array(z.object({ id: z.string(), purpose: z.enum(['queue_timeout', 'waiting_email']), at: z.number() })),
  seq: z.number().int().min(0),
  startedAt: z.number(),
  updatedAt: z.number(),
});
