/**
 * The effect interpreter's I/O half: HTTP request blocks (real requests with a timeout; failures take the
 * block's error exit), the outbox (notifications sent with retries and exponential backoff, each once per
 * idempotency key) and the timer loop (deadlines stored in the store, fired after a restart too).
 */
import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import type { Transporter } from 'nodemailer';
import nodemailer from 'nodemailer';
import type { Effect } from '../../shared/engine/types';
import { fillSecrets as fillEffectSecrets } from '../../shared/engine/secrets';
import { secretMasker } from '../../shared/engine/maskSecrets';
import type { HttpJob } from './planStep';
import { callHttp, networkError } from './httpCall';
import { fillSecrets, MissingSecretError, secretLookup, type SecretLookup } from './secrets';
import type { ServeConfig } from '../serve/config';
import type { OutboxItem, RuntimeStore, TimerRecord } from '../store/types';
import { visitorNote } from '../server/startDetails';
import type { ConversationService, HttpPerformer } from '../server/conversationService';
import type { RuntimeMetrics } from '../server/metrics';

export interface SmtpConfig {
  host: string;
  port: number;
  /** true: TLS from the first byte (port 465). false (default): plain connection upgraded with STARTTLS. */
  secure?: boolean;
  auth?: { user: string; pass: string };
  from: string;
  /**
   * Test servers only: accept a TLS certificate that cannot be verified (self-signed, expired, another host's
   * name). Default false: the server's certificate is checked like a browser checks a web site's, so nobody on the
   * way can pose as the SMTP server and read the password or the notifications.
   */
  allowSelfSigned?: boolean;
  /**
   * Test servers only: with `auth`, let the password go over a connection without TLS when the server offers no
   * STARTTLS. Default false: with `auth` (and not `secure`), STARTTLS is required, so an attacker who strips the
   * server's STARTTLS offer gets an error, not the password.
   */
  allowUnencryptedAuth?: boolean;
}

export interface NotifyConfig {
  smtp?: SmtpConfig;
  slack?: { webhookUrl?: string; webhooks?: Record<string, string> };
  webhook?: { secret?: string };
}

export interface EffectRunnerOptions {
  store: RuntimeStore;
  service: ConversationService;
  metrics: RuntimeMetrics;
  logger: Logger;
  now: () => number;
  secrets: SecretLookup;
  notify: NotifyConfig;
  /** Attempts before an outbox item is marked dead (default 8). */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt, capped at 10 minutes (default 1000 ms). */
  baseDelayMs?: number;
  /** How often the timer and outbox loops look for due work (default 200 ms). */
  pollMs?: number;
}

type NotifyEffect = Extract<Effect, { type: 'notify' }>;
type HttpEffect = Extract<Effect, { type: 'http_request' }>;

/** A failure that retrying will not fix (bad address, missing configuration, 4xx). */
class PermanentError extends Error {}

/** An HTTP Request block's answer larger than this takes the error exit (the engine keeps at most 10,000 characters per variable anyway). */
export const HTTP_MAX_ANSWER_BYTES = 5 * 1024 * 1024;

/**
 * The runner `baton serve` builds from its configuration: secrets from the config file and the environment,
 * notification channels and outbox retries. The main thread and each conversation shard (`--workers N`) make theirs here.
 */
export function effectRunnerFor(
  deps: Pick<EffectRunnerOptions, 'store' | 'service' | 'metrics' | 'logger' | 'now' | 'pollMs'>,
  config: ServeConfig,
  env: NodeJS.ProcessEnv,
): EffectRunner {
  return new EffectRunner({
    ...deps,
    secrets: secretLookup(config.secrets, env),
    notify: { smtp: config.smtp, slack: config.slack, webhook: config.webhook },
    maxAttempts: config.outbox.maxAttempts,
    baseDelayMs: config.outbox.baseDelayMs,
  });
}

export class EffectRunner implements HttpPerformer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true; // until start()
  private kicked = false;
  private mailer: Transporter | null = null;

  constructor(private o: EffectRunnerOptions) {}

  start() {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops the loops and waits for the work in progress. */
  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.mailer?.close();
  }

  kick() {
    if (this.stopped) return;
    if (this.running) {
      this.kicked = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick()
        .catch((err) => this.o.logger.error({ err }, 'effect loop failed; retrying'))
        .finally(() => {
          this.running = null;
          const again = this.kicked;
          this.kicked = false;
          this.schedule(again ? 0 : (this.o.pollMs ?? 200));
        });
    }, ms);
    this.timer.unref?.();
  }

  /** One pass: fire due timers, send due outbox items. Exposed for tests. */
  async tick() {
    const now = this.o.now();
    const timers = await this.o.store.claimDueTimers(now, 200, 30_000);
    await Promise.all(timers.map((t) => this.fireTimer(t)));
    const items = await this.o.store.claimOutbox(now, 50, 60_000);
    await Promise.all(items.map((i) => this.sendOutbox(i)));
  }

  private async fireTimer(t: TimerRecord) {
    try {
      await this.o.service.apply(t.conversationId, { type: 'timer', timerId: t.timerId }, { cancelTimers: [t.key] });
    } catch (err) {
      // A rejected or failing timer input must not fire forever: log it and drop the timer.
      this.o.logger.warn({ err, conversationId: t.conversationId, timerId: t.timerId }, 'timer input failed; timer dropped');
      try {
        const rec = await this.o.store.getConversation(t.conversationId);
        if (rec) await this.o.store.commit({ conversation: rec, cancelTimers: [t.key] });
      } catch {
        /* the lease runs out and it is retried */
      }
    }
  }

  private async sendOutbox(item: OutboxItem) {
    try {
      if (item.kind === 'notify') {
        await this.sendNotify(item.id, item.payload as NotifyEffect, item.conversationId);
        await this.o.store.completeOutbox(item.id, this.o.now());
        this.o.logger.info({ id: item.id, channel: (item.payload as NotifyEffect).channel }, 'notification sent');
      } else if (item.kind === 'http_request') {
        // Crash recovery: the process died before the request's result was applied.
        const job: HttpJob = { outboxId: item.id, conversationId: item.conversationId, effect: item.payload as HttpEffect };
        const res = await this.performHttp(job);
        await this.o.service
          .apply(item.conversationId, { type: 'http_result', requestId: job.effect.requestId, ok: res.ok, status: res.status, body: res.body })
          .catch(() => null);
        await this.o.store.completeOutbox(item.id, this.o.now());
      } else {
        await this.o.store.failOutbox(item.id, `unknown outbox kind "${item.kind}"`, null);
      }
    } catch (err) {
      const message = (err as Error).message;
      this.o.metrics.effectFailures.inc({ kind: item.kind === 'notify' ? (item.payload as NotifyEffect).channel : item.kind });
      const attempts = item.attempts + 1;
      const max = this.o.maxAttempts ?? 8;
      const permanent = err instanceof PermanentError || err instanceof MissingSecretError;
      const nextAt = permanent || attempts >= max ? null : this.o.now() + Math.min(600_000, (this.o.baseDelayMs ?? 1000) * 2 ** (attempts - 1));
      this.o.logger.warn({ id: item.id, attempts, nextAt, error: message }, nextAt === null ? 'effect failed for good' : 'effect failed; will retry');
      await this.o.store.failOutbox(item.id, message, nextAt);
    }
  }

  private async sendNotify(id: string, raw: NotifyEffect, conversationId: string) {
    const cfg = this.o.notify;
    const filled = fillEffectSecrets(raw, this.o.secrets);
    if (!filled.ok) throw new MissingSecretError(filled.missing.join(', '));
    const e = { ...filled.effect };
    // Session 48 (apisec3): which starting details the website signed (startDetails.ts `visitorNote`), after the text.
    const visitor = (await this.o.store.getConversation(conversationId).catch(() => null))?.visitor;
    const note = visitorNote(visitor);
    if (note) e.text = `${e.text}\n\n${note}`;
    if (e.channel === 'email') {
      if (!cfg.smtp) throw new PermanentError('email notification: no "smtp" section in the --config file');
      // A recipient may come from customer input ({{customerEmail}}, the profile's email): each entry must be ONE
      // plain address, so "me@x, victim@y" or '"x" <victim@y>' cannot turn the runtime into a mail relay.
      const { valid: to, refused } = singleAddresses(e.to);
      if (refused.length > 0) this.o.logger.warn({ id, conversationId, refused }, 'email notification: recipients that are not one plain address were left out');
      if (to.length === 0) throw new PermanentError(`email notification: no valid recipient (each must be one plain address such as ana@example.com; got ${JSON.stringify(e.to).slice(0, 200)})`);
      this.mailer ??= nodemailer.createTransport(smtpTransportOptions(cfg.smtp));
      try {
        await this.mailer.sendMail({
          from: cfg.smtp.from,
          to,
          subject: e.subject,
          text: e.text,
          messageId: `<${id.replace(/[^A-Za-z0-9.:-]/g, '_')}@baton>`,
          headers: { 'X-Baton-Idempotency-Key': id, 'X-Baton-Conversation': conversationId },
        });
      } catch (err) {
        throw new Error(smtpError(err, cfg.smtp));
      }
      return;
    }
    if (e.channel === 'slack') {
      for (const channel of e.to) {
        const url = cfg.slack?.webhooks?.[channel] ?? cfg.slack?.webhookUrl;
        if (!url) throw new PermanentError(`Slack notification to ${channel}: no "slack.webhookUrl" (or slack.webhooks["${channel}"]) in the --config file`);
        // Slack reads <...> as links and mentions (<!channel>, <http://x|click>): customer text is escaped as Slack says.
        await postJson(fillSecrets(url, this.o.secrets), { channel, text: `*${slackSubject(e.subject)}*\n${slackEscape(e.text)}` }, { 'Idempotency-Key': id });
      }
      return;
    }
    // webhook: a JSON POST signed with HMAC-SHA256 when a secret is configured.
    const identity = visitor && note ? { visitor: { subject: visitor.subject ?? null, verified: Object.keys(visitor.signed ?? {}), unverified: Object.keys(visitor.unsigned ?? {}) } } : {};
    const body = JSON.stringify({ id, conversationId, subject: e.subject, text: e.text, at: this.o.now(), ...identity });
    const headers: Record<string, string> = { 'Idempotency-Key': id };
    const secret = cfg.webhook?.secret ? fillSecrets(cfg.webhook.secret, this.o.secrets) : undefined;
    if (secret) headers['X-Baton-Signature'] = 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
    for (const target of e.to) await postJson(target, body, headers);
  }

  async performHttp(job: HttpJob): Promise<{ ok: boolean; status: number; body: unknown }> {
    const raw = job.effect;
    const used: string[] = [];
    const filled = fillEffectSecrets(raw, (name) => {
      const v = this.o.secrets(name);
      if (v) used.push(v);
      return v;
    });
    if (!filled.ok) {
      const err = new MissingSecretError(filled.missing.join(', '));
      this.o.metrics.effectFailures.inc({ kind: 'http_request' });
      this.o.logger.warn({ conversationId: job.conversationId, requestId: raw.requestId, error: err.message }, 'HTTP request block not sent; taking the error exit');
      return { ok: false, status: 0, body: { error: err.message } };
    }
    const e = filled.effect;
    const timeoutMs = e.timeoutMs > 0 ? e.timeoutMs : 10_000;
    const r = await callHttp(e, { timeoutMs, maxBytes: HTTP_MAX_ANSWER_BYTES, maxRedirects: 5 });
    if (r.error !== undefined) {
      // An error may quote the filled URL ("... is not a valid URL"): no secret in the log or the flow's variables.
      const error = secretMasker(used)(r.error);
      this.o.metrics.effectFailures.inc({ kind: 'http_request' });
      this.o.logger.warn({ conversationId: job.conversationId, requestId: e.requestId, error }, 'HTTP request block failed; taking the error exit');
      return { ok: false, status: 0, body: { error } };
    }
    if (!r.ok) this.o.metrics.effectFailures.inc({ kind: 'http_request' });
    return { ok: r.ok, status: r.status, body: r.body };
  }
}

async function postJson(url: string, body: unknown, headers: Record<string, string>) {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    // "fetch failed" alone tells the designer nothing: name the cause (DNS, refused, timeout, TLS).
    throw new Error(`POST ${redact(url)}: ${networkError(err, 10_000)}`);
  }
  await res.arrayBuffer().catch(() => null);
  if (res.ok) return;
  const msg = `POST ${redact(url)} answered ${res.status}`;
  if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new PermanentError(msg);
  throw new Error(msg);
}

/** URLs may carry secrets (Slack webhook paths, tokens in query strings): log the origin only. */
function redact(url: string): string {
  try {
    return new URL(url).origin + '/…';
  } catch {
    return 'an invalid URL';
  }
}

/** Slack mrkdwn escaping (https://api.slack.com/reference/surfaces/formatting#escaping): &, <, > only. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A subject line for Slack's bold header: line breaks and other control characters become spaces. */
export function slackSubject(text: string): string {
  return slackEscape(text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim());
}

/** One plain address: no list separators, display names, quotes, comments or spaces. */
const PLAIN_ADDRESS = /^[^\s@,;:<>"'()[\]\\]+@[^\s@,;:<>"'()[\]\\]+\.[^\s@,;:<>"'()[\]\\]+$/;

/** Splits email recipients into those that are one plain address each and those refused. */
export function singleAddresses(list: readonly string[]): { valid: string[]; refused: string[] } {
  const valid: string[] = [];
  const refused: string[] = [];
  for (const raw of list) {
    const a = raw.trim();
    if (a.length <= 254 && PLAIN_ADDRESS.test(a)) valid.push(a);
    else refused.push(raw.slice(0, 200));
  }
  return { valid, refused };
}

/**
 * nodemailer's transport options for the --config file's "smtp" section. The server's TLS certificate is verified
 * (hostile s7: it never was), and with a password STARTTLS is required, so the password and the notifications
 * (customer names, emails, summaries) are never readable on the way. `allowSelfSigned` / `allowUnencryptedAuth`
 * are the explicit, documented opt-outs for test servers.
 */
export function smtpTransportOptions(smtp: SmtpConfig) {
  const secure = smtp.secure ?? false;
  return {
    host: smtp.host,
    port: smtp.port,
    secure,
    auth: smtp.auth,
    requireTLS: !secure && smtp.auth !== undefined && smtp.allowUnencryptedAuth !== true,
    tls: { rejectUnauthorized: smtp.allowSelfSigned !== true, servername: smtp.host },
  };
}

/** Node's codes for a certificate that could not be verified (node:tls / OpenSSL). */
const CERT_CODES = /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|CERT_UNTRUSTED|CERT_REVOKED|ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH)$/;

/** An SMTP failure as a sentence that says where it happened and what to do (never the password). */
export function smtpError(err: unknown, smtp: SmtpConfig): string {
  const where = `SMTP server ${smtp.host}:${smtp.port}`;
  const e = err as { message?: unknown; code?: unknown; cause?: { code?: unknown; message?: unknown } } | null;
  const message = String(e?.message ?? err);
  const codes = [e?.code, e?.cause?.code].filter((c): c is string => typeof c === 'string');
  const certificate =
    codes.some((c) => CERT_CODES.test(c)) || /self[- ]signed certificate|unable to (verify|get local issuer)|certificate has expired|does not match certificate|altnames/i.test(message);
  if (certificate)
    return (
      `email notification: the ${where} presented a TLS certificate that could not be verified (${message.replace(/^Error initiating TLS - /, '')}); nothing was sent. ` +
      `Use the server's real name in "smtp.host" and a certificate a public authority signed, or, for a test server only, set "smtp": { "allowSelfSigned": true } in the --config file.`
    );
  if (/STARTTLS/i.test(message) && smtp.auth && !smtp.secure)
    return (
      `email notification: the ${where} offers no STARTTLS, so the password was not sent over an unencrypted connection (${message}); nothing was sent. ` +
      `Use the server's TLS port ("secure": true, usually port 465) or one that offers STARTTLS, or, for a local test server only, set "smtp": { "allowUnencryptedAuth": true } in the --config file.`
    );
  return `email notification: ${where}: ${message}`;
}
