/**
 * Email notifications and the SMTP server's TLS (hostile s7: the certificate was never checked, so anyone on the way
 * could pose as the server and read the SMTP password and every notification). Against real `smtp-server`s on
 * 127.0.0.1 through `baton serve`'s runtime: a certificate that cannot be verified gets nothing and the log says why
 * and what to do; `smtp.allowSelfSigned` is the explicit opt-out for test servers; with a password, a server that
 * offers no STARTTLS never receives it (`smtp.allowUnencryptedAuth` opts out).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { serveConfigSchema } from '../../runtime/serve/config';
import { smtpError, smtpTransportOptions } from '../../runtime/effects/effectRunner';
import { auth, shopFlow, startTestRuntime, type TestRuntime } from './runtimeFixtures';

let rt: TestRuntime | null = null;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await rt?.stop();
  rt = null;
  for (const c of closers.splice(0)) await c();
});

interface Smtp {
  port: number;
  mails: string[];
  /** The passwords the server was given (AUTH), as it saw them. */
  logins: string[];
}

/**
 * A loopback SMTP server. `starttls: true`: it offers STARTTLS with smtp-server's built-in self-signed certificate
 * (what an attacker on the way would present); false: no TLS at all.
 */
async function smtpServer(starttls: boolean): Promise<Smtp> {
  const mails: string[] = [];
  const logins: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: starttls ? [] : ['STARTTLS'],
    onAuth(a, _session, cb) {
      logins.push(String(a.password));
      cb(null, { user: a.username });
    },
    onData(stream, _session, cb) {
      let data = '';
      stream.on('data', (c) => (data += c));
      stream.on('end', () => {
        mails.push(data);
        cb();
      });
    },
  });
  server.on('error', () => undefined); // a client that gives up mid-handshake is expected here
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise<void>((r) => server.close(() => r())));
  return { port: (server.server.address() as AddressInfo).port, mails, logins };
}

/** The order API the shop flow asks before it notifies (answers "delivered"). */
async function orderApi(): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'delivered' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise<void>((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/orders/1`;
}

/** Runs the shop flow's email notification once through the runtime; returns the warnings logged. */
async function notifyOnce(smtp: Record<string, unknown>): Promise<Array<{ msg?: string; error?: string }>> {
  const lines: Array<{ msg?: string; error?: string }> = [];
  rt = await startTestRuntime({
    flows: [shopFlow({ apiUrl: await orderApi(), notify: { channel: 'email', to: ['team@shop.example'] } })],
    config: { smtp: { host: '127.0.0.1', from: 'bot@shop.example', ...smtp } as never },
    logger: pino({ level: 'warn' }, { write: (l: string) => void lines.push(JSON.parse(l)) }),
  });
  const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
  const r = await rt.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'order' }, auth(c.token));
  expect(r.body.messages.map((m: { text: string }) => m.text)).toContain('Your order is delivered.');
  await rt.runner.tick();
  return lines;
}

const failure = (lines: Array<{ msg?: string; error?: string }>) => lines.find((l) => l.msg === 'effect failed; will retry' || l.msg === 'effect failed for good')?.error ?? '';

describe('SMTP TLS for email notifications', () => {
  it('a certificate that cannot be verified gets nothing; the log says why and names the opt-out', async () => {
    const smtp = await smtpServer(true);
    const lines = await notifyOnce({ port: smtp.port });
    expect(smtp.mails).toEqual([]);
    const error = failure(lines);
    expect(error).toContain(`SMTP server 127.0.0.1:${smtp.port} presented a TLS certificate that could not be verified`);
    expect(error).toContain('"allowSelfSigned": true');
  });

  it('with a password: the certificate is checked before the password is sent (the attacker never sees it)', async () => {
    const smtp = await smtpServer(true);
    await notifyOnce({ port: smtp.port, auth: { user: 'bot', pass: 'smtp-password-123' } });
    expect(smtp.logins).toEqual([]);
    expect(smtp.mails).toEqual([]);
  });

  it('with a password, a server that offers no STARTTLS never receives it; the log names the opt-out', async () => {
    const smtp = await smtpServer(false);
    const lines = await notifyOnce({ port: smtp.port, auth: { user: 'bot', pass: 'smtp-password-123' } });
    expect(smtp.logins).toEqual([]);
    expect(smtp.mails).toEqual([]);
    expect(failure(lines)).toContain('offers no STARTTLS, so the password was not sent');
    expect(failure(lines)).toContain('"allowUnencryptedAuth": true');
    expect(failure(lines)).not.toContain('smtp-password-123');
  });

  it('without a password, a plain local server (no TLS offered) still gets the mail, as before', async () => {
    const smtp = await smtpServer(false);
    await notifyOnce({ port: smtp.port });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toContain('Subject: Order looked up');
  });

  it('"allowSelfSigned": true (test servers) delivers through the self-signed STARTTLS server', async () => {
    const smtp = await smtpServer(true);
    await notifyOnce({ port: smtp.port, allowSelfSigned: true, auth: { user: 'bot', pass: 'smtp-password-123' } });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.logins).toEqual(['smtp-password-123']);
  });

  it('"allowUnencryptedAuth": true (local test servers) lets the password go without TLS', async () => {
    const smtp = await smtpServer(false);
    await notifyOnce({ port: smtp.port, allowUnencryptedAuth: true, auth: { user: 'bot', pass: 'smtp-password-123' } });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.logins).toEqual(['smtp-password-123']);
  });

  it('the --config file accepts the two opt-outs as booleans only', () => {
    const base = { host: 'smtp.example.com', port: 587, from: 'bot@example.com' };
    expect(serveConfigSchema.parse({ smtp: { ...base, allowSelfSigned: true, allowUnencryptedAuth: true } }).smtp).toMatchObject({ allowSelfSigned: true, allowUnencryptedAuth: true });
    const bad = serveConfigSchema.safeParse({ smtp: { ...base, allowSelfSigned: 'yes' } });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues[0]?.path)).toBe('["smtp","allowSelfSigned"]');
  });

  it('transport options: verified by default, STARTTLS required only with a password on a non-TLS port', () => {
    const base = { host: 'smtp.example.com', port: 587, from: 'bot@example.com' };
    expect(smtpTransportOptions(base)).toMatchObject({ secure: false, requireTLS: false, tls: { rejectUnauthorized: true } });
    expect(smtpTransportOptions({ ...base, auth: { user: 'u', pass: 'p' } })).toMatchObject({ requireTLS: true, tls: { rejectUnauthorized: true } });
    expect(smtpTransportOptions({ ...base, port: 465, secure: true, auth: { user: 'u', pass: 'p' } })).toMatchObject({ secure: true, requireTLS: false, tls: { rejectUnauthorized: true } });
    expect(smtpError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' }), base)).toBe('email notification: SMTP server smtp.example.com:587: connect ECONNREFUSED 127.0.0.1:25');
  });
});
