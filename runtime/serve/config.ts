/**
 * The `--config FILE` of `baton serve` (JSON), validated with zod: a wrong key or type is reported with its
 * path and nothing starts. Secrets live here or in the environment, never in flow files.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { weakSecretProblem } from '../server/identityToken';

/** An identity secret: 32 characters or more, not guessable by its shape (session 50, rt5: hostile s50 L6). */
const identitySecret = () =>
  z.string().superRefine((s, ctx) => {
    const problem = weakSecretProblem(s);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

export const serveConfigSchema = z
  .object({
    secrets: z.record(z.string(), z.string()).default({}).describe('Values for {{secrets.NAME}} in HTTP request blocks and webhooks'),
    adminToken: z.string().min(16, 'use at least 16 characters').optional(),
    corsOrigins: z.array(z.string().url()).default([]).describe('Origins allowed to call the API from a browser (the web widget)'),
    smtp: z
      .object({
        host: z.string().min(1),
        port: z.number().int().min(1).max(65535),
        secure: z.boolean().optional(),
        auth: z.object({ user: z.string(), pass: z.string() }).optional(),
        from: z.string().min(3),
        allowSelfSigned: z.boolean().optional().describe('Test servers only: accept a TLS certificate that cannot be verified (default false: verified)'),
        allowUnencryptedAuth: z.boolean().optional().describe('Test servers only: send the password without TLS when the server offers no STARTTLS (default false)'),
      })
      .strict()
      .optional(),
    slack: z.object({ webhookUrl: z.string().optional(), webhooks: z.record(z.string(), z.string()).optional() }).strict().optional(),
    webhook: z.object({ secret: z.string().optional() }).strict().optional(),
    rateLimit: z
      .object({ perAddressPerMinute: z.number().int().min(1).default(1200), perConversationPerMinute: z.number().int().min(1).default(60) })
      .strict()
      .default({ perAddressPerMinute: 1200, perConversationPerMinute: 60 }),
    bodyLimitBytes: z.number().int().min(1024).max(10 * 1024 * 1024).default(64 * 1024),
    retentionDays: z.number().min(0).default(30).describe('Closed conversations older than this are pruned (0 = keep forever)'),
    outbox: z.object({ maxAttempts: z.number().int().min(1).default(8), baseDelayMs: z.number().int().min(1).default(1000) }).strict().default({ maxAttempts: 8, baseDelayMs: 1000 }),
    // Hostile s47 H1: the Rasa channel is off unless it has a token, or the team opts into Rasa's own unauthenticated
    // behaviour (anyone who knows a sender id reads that customer's agent replies and writes as them).
    rasa: z
      .object({
        token: z.string().min(16, 'use at least 16 characters').optional().describe('Shared token Rasa REST clients send as ?token= or "Authorization: Bearer"'),
        allowWithoutToken: z
          .boolean()
          .optional()
          .describe('Rasa REST channel open to anyone who can reach the server, with no token (as Rasa does): anyone who knows a sender id reads and writes that customer\'s chat. Default false'),
      })
      .strict()
      .refine((r) => !(r.token && r.allowWithoutToken), {
        message: 'has both "token" and "allowWithoutToken": true; keep "token" (clients send ?token=) or remove it to run the channel without one',
        path: ['allowWithoutToken'],
      })
      .default({})
      .describe('Rasa REST channel (POST /webhooks/rest/webhook): off unless "token" (or env BATON_RASA_TOKEN) or "allowWithoutToken": true'),
    metricsToken: z.string().min(16, 'use at least 16 characters').optional().describe('Bearer token for GET /metrics (env BATON_METRICS_TOKEN); unset = public'),
    identity: z
      .object({
        secret: identitySecret().optional().describe('Secret your website signs identity tokens with (env BATON_IDENTITY_SECRET); never put it in a page or a flow'),
        previousSecret: identitySecret().optional().describe('The secret before the current one, still taken while your site switches (rotation)'),
        unsigned: z
          .enum(['keep', 'refuse'])
          .default('keep')
          .describe('Details a page passes without a signature: "keep" (taken as the visitor\'s word, marked unverified in the inbox; variables the flow marks signed are refused) or "refuse" (every detail must be signed)'),
        flows: z
          .record(
            z.string().min(1).max(200),
            z
              .object({
                secret: identitySecret().describe("Secret this flow's website signs identity tokens with; replaces the server's secret for this flow"),
                previousSecret: identitySecret().optional().describe("This flow's secret before the current one (rotation)"),
                unsigned: z.enum(['keep', 'refuse']).optional().describe('Unsigned details for this flow (default: the server\'s "unsigned")'),
              })
              .strict(),
          )
          .optional()
          .describe('Session 49: one secret per flow, by flow id, for flows whose website is not the others\' (another team, another site); a flow not listed uses the server\'s secret'),
      })
      .strict()
      .default({ unsigned: 'keep' })
      .describe('Signed identity: docs/runtime.md "Signed identity"'),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .strict();

export type ServeConfig = z.infer<typeof serveConfigSchema>;

export async function loadServeConfig(file: string | undefined): Promise<ServeConfig> {
  if (!file) return serveConfigSchema.parse({});
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read --config ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`--config ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const r = serveConfigSchema.safeParse(doc);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${file} ${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
    throw new Error(`--config ${file} has problems:\n${lines.join('\n')}`);
  }
  return r.data;
}
