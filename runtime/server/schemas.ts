/**
 * The zod schemas of the runtime API: they validate requests (fastify-type-provider-zod) and generate
 * /openapi.json (@fastify/swagger), so the documentation cannot drift from what the server accepts.
 */
import { z } from 'zod';
import { validateAnswer } from '../../shared/engine/questionValidators';
import { MAX_IDENTITY_TOKEN_CHARS } from './identityToken';

const value = z.union([z.string().max(4000), z.number(), z.boolean(), z.null()]);

export const flowParams = z.object({ flowId: z.string().min(1).max(200) });
export const conversationParams = z.object({ id: z.string().min(1).max(100) });
export const handoffParams = z.object({ handoffId: z.string().min(1).max(200) });

/**
 * An email given up front (profile.email, variables.customerEmail) fills customerEmail, and the Human Takeover and
 * Ticket blocks then skip their "What is your email address?" question. So it gets the check a typed answer gets
 * (hostile s7: "not-an-email" was taken, the question skipped, the agent and the ticket left without a contact):
 * the same rule (validateAnswer 'email'), and it must be ONE address, nothing around it.
 */
export const EMAIL_UP_FRONT = 'must be one email address such as ana@example.com (the same check as when the customer types it); leave it out when you do not know it';
export function isOneEmail(v: string): boolean {
  const r = validateAnswer('email', v, 0);
  return r.ok && r.value === v.trim().toLowerCase();
}

export const createConversationBody = z
  .object({
    variables: z
      .record(z.string().max(100), value)
      .optional()
      .describe(
        "Initial values the website knows, as the visitor's word: this call needs no credentials (the widget makes it), so anybody can send anything here; never use them to grant anything without checking them on your server. " +
          'A page may pass customerName, customerEmail, customerPhone, a variable the flow declares and no block sets (such as a plan or cart value), and one only a Question block asks (its question is then skipped when "skip if known"). ' +
          "Refused with 400 variable_not_settable, the field named: the engine's own variables (agentName, estimatedWait, handoffReason, ticketId, lastMessage, intent) and variables the flow computes (set by a Set variable, Buttons, HTTP request, CSAT or intent router block, such as a lead score). " +
          'The 400 lists what this flow takes. customerEmail must be one email address; customerName and customerPhone are texts (or null), the phone one phone number (checked like a typed answer and kept as one: +447700900123), the name cleaned of control and direction characters, a blank name or phone ignored (400 invalid_variable otherwise). ' +
          'Details that must be trusted come signed in identityToken; a variable the flow marks signed is refused here (400 signature_required), and so is every one when the server takes signed details only.',
      ),
    profile: z
      .object({
        name: z.string().max(200).optional(),
        email: z.string().max(320).refine(isOneEmail, EMAIL_UP_FRONT).optional().describe('One email address (checked like a typed answer).'),
        phone: z.string().max(50).optional(),
      })
      .strict()
      .optional()
      .describe('What the website knows about the customer; fills customerName, customerEmail, customerPhone, with the same checks as those variables. The visitor\'s word, like variables. A field that says something else than the same variable in variables is refused (400 conflicting_details); the same value twice is taken once.'),
    identityToken: z
      .string()
      .min(1)
      .max(MAX_IDENTITY_TOKEN_CHARS)
      .optional()
      .describe(
        'Signed identity (docs/runtime.md "Signed identity"): a JWT your server makes with the identity secret of baton serve (HS256; claims sub = your id of the visitor, aud = this flow id, exp = seconds since 1970, optional variables = the signed details such as {"plan": "pro", "customerEmail": "ana@example.com"}). ' +
          'The signed variables are set like `variables` (the same names are taken) and marked verified in the agent inbox; a variable the flow marks signed is taken only from here. ' +
          'A token starts one chat: a second start with it is 400 identity_used (make one per page view, with a random jti). ' +
          'Refused with 400 invalid_identity (the reason named: signature, expiry, another flow, format), identity_not_configured (the server has no identity secret), identity_conflict (variables or profile gives another value for a signed one), signature_required (an unsigned value for a signed-only variable, or any unsigned detail when the server takes signed details only).',
      ),
  })
  .strict()
  .superRefine((b, ctx) => {
    const e = b.variables?.customerEmail;
    if (e !== undefined && e !== null && !(typeof e === 'string' && isOneEmail(e))) ctx.addIssue({ code: 'custom', path: ['variables', 'customerEmail'], message: EMAIL_UP_FRONT });
  })
  // No body at all (`curl -X POST URL`: Fastify reads it as null) or JSON null: the same as {} (newcomer s35 #8).
  .nullish();

export const sendMessageBody = z
  .object({
    text: z.string().min(1, 'text must not be empty').max(4000, 'text is limited to 4,000 characters').optional().describe('What the customer typed.'),
    choice: z.string().min(1).max(200).optional().describe('The id of a button shown by the last bot message.'),
  })
  .strict()
  .refine((b) => (b.text === undefined) !== (b.choice === undefined), { message: 'send exactly one of "text" or "choice"', path: ['text'] });

export const afterQuery = z.object({
  after: z.coerce.number().int().min(0).optional().describe('Only messages with a larger seq (what the client has already seen).'),
});

export const eventsQuery = afterQuery.extend({
  token: z.string().max(200).optional().describe('For EventSource clients, which cannot send an Authorization header.'),
});

export const messageSchema = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    from: z.enum(['bot', 'customer', 'agent', 'system']),
    text: z.string(),
    buttons: z.array(z.object({ id: z.string(), label: z.string() })).optional(),
    name: z.string().optional(),
    at: z.number().describe('ms since epoch'),
    status: z
      .object({
        mode: z.string(),
        handoff: z
          .object({
            id: z.string(),
            status: z.string(),
            reason: z.string(),
            joined: z.boolean().optional().describe('Assigned automatically: false until the agent opens the chat, then true. Absent when the agent accepted it themselves.'),
            ended: z.enum(['handback', 'closed']).optional().describe('Resolved: how the person\'s part ended (handed back to the bot, or resolved/closed by the agent). Absent before session 43.'),
          })
          .optional(),
      })
      .optional()
      .describe('Present on status events (mode or handoff changed).'),
  })
  .describe('A message or status event; seq is consecutive per conversation.');

const mode = z.enum(['bot', 'waiting', 'agent', 'closed']);
const handoff = z.object({ id: z.string(), status: z.string(), reason: z.string() }).nullable();

export const conversationCreated = z.object({
  conversationId: z.string(),
  token: z.string().describe('Bearer token for this conversation only; keep it secret.'),
  mode,
  messages: z.array(messageSchema),
});

export const stepResponse = z.object({ mode, messages: z.array(messageSchema), handoff, lastSeq: z.number().int() });

export const errorSchema = z.object({
  error: z.string().describe('Machine-readable code'),
  message: z.string().describe('What went wrong and what to do'),
  field: z.string().optional().describe('The request field at fault, e.g. body.text'),
});

export const rasaBody = z
  .object({
    sender: z.string().min(1).max(200).describe('The Rasa sender id; one conversation per sender.'),
    message: z.string().max(4000),
    metadata: z.unknown().optional(),
  })
  .strict();

export const rasaResponse = z.array(
  z.object({
    recipient_id: z.string(),
    text: z.string().optional(),
    buttons: z.array(z.object({ title: z.string(), payload: z.string() })).optional(),
    custom: z.object({ handoff: z.object({ status: z.string(), reason: z.string(), joined: z.boolean().optional() }) }).optional(),
  }),
);

/**
 * `{"flow": <the flow file>}`. The flow file itself sent as the body (the likely first try, newcomer s7 #10) is refused
 * with a sentence saying to wrap it, instead of zod's "expected nonoptional ... Unrecognized keys: version, id, ...".
 */
export const deployBody = z
  .object({ flow: z.unknown().optional().describe('A flow document, as exported by the studio (required).') })
  .catchall(z.unknown())
  .superRefine((b, ctx) => {
    const extra = Object.keys(b).filter((k) => k !== 'flow');
    if (b.flow === undefined && ['version', 'blocks', 'edges'].some((k) => extra.includes(k))) {
      ctx.addIssue({ code: 'custom', path: ['flow'], message: 'the body is {"flow": <the flow file>}; you sent the flow file itself: wrap it, e.g. jq \'{flow: .}\' flow.json | curl --data-binary @- ...' });
      return;
    }
    if (b.flow === undefined) ctx.addIssue({ code: 'custom', path: ['flow'], message: 'required: the flow document, as {"flow": <the flow file>}' });
    for (const k of extra) ctx.addIssue({ code: 'custom', path: [k], message: `unknown key "${k}": the body has only "flow"` });
  });

export const agentEventBody = z
  .object({
    type: z.enum(['accepted', 'message', 'declined', 'handback', 'closed', 'no_agent']),
    agentId: z.string().min(1).max(200).optional(),
    agentName: z.string().max(200).optional(),
    text: z.string().min(1).max(4000).optional(),
    note: z.string().max(2000).optional(),
    eventId: z.string().min(1).max(200).optional().describe('Unique per event; a repeated id is refused (stale or duplicate delivery).'),
  })
  .strict();

export const listQuery = z.object({ status: z.string().max(50).optional(), flowId: z.string().max(200).optional() });

export const idempotencyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(200).optional().describe('Makes a retried request safe: the same key and body return the first answer.'),
});
