/**
 * The effect interpreter for real, against servers on 127.0.0.1: HTTP request blocks (secrets filled by the
 * runtime, reply mapped, timeout takes the error exit), notifications through the outbox (webhook signed with
 * HMAC, retried with backoff and sent once; email over SMTP; Slack webhook), and handoff timers.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSmtp as startTestSmtp } from '../support/smtp';
import { singleAddresses, slackSubject } from '../../runtime/effects/effectRunner';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { auth, shopFlow, startTestRuntime, type TestRuntime } from './runtimeFixtures';

let rt: TestRuntime | null = null;
const servers: Array<{ close(cb?: () => void): unknown; closeAllConnections?: () => void }> = [];
afterEach(async () => {
  await rt?.stop();
  rt = null;
  for (const s of servers.splice(0)) {
    s.closeAllConnections?.();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

async function fakeService(handle: (req: Received, res: ServerResponse) => void): Promise<{ url: string; calls: Received[] }> {
  const calls: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const r = { method: req.method!, url: req.url!, headers: req.headers, body };
      calls.push(r);
      handle(r, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

/** The shared loopback SMTP server (test/support/smtp.ts), closed with the other servers after each test. */
async function startSmtp(): Promise<{ mails: Array<{ to: string[]; data: string }>; smtpPort: number }> {
  const smtp = await startTestSmtp();
  servers.push({ close: (cb?: () => void) => void smtp.close().then(() => cb?.()) });
  return smtp;
}

describe('HTTP request blocks', () => {
  it('calls the API with the secret filled in, maps the reply, and answers in the same request', async () => {
    const api = await fakeService((req, res) => json(res, 200, { status: 'shipped', id: 1 }));
    rt = await startTestRuntime({ flows: [shopFlow({ apiUrl: `${(await api).url}/orders/1` })] });
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    const res = await rt.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'order' }, auth(c.token));
    expect(res.body.messages.map((m: any) => m.text)).toContain('Your order is shipped.');
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0].headers.authorization).toBe('Bearer k-123'); // from BATON_SECRET_SHOP_KEY, never from the flow
  });

  it('takes the error exit when the API is too slow or refuses, and the conversation goes on', async () => {
    const slow = await fakeService((_req, res) => setTimeout(() => json(res, 200, { status: 'late' }), 2500));
    rt = await startTestRuntime({ flows: [shopFlow({ apiUrl: `${slow.url}/orders/1` })] });
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    const t0 = Date.now();
    const res = await rt.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'order' }, auth(c.token));
    expect(Date.now() - t0).toBeLessThan(2400); // the block's 1 s timeout, not the API's 2.5 s
    expect(res.body.messages.map((m: any) => m.text)).toContain('The order service is down, sorry.');
    expect(res.body.messages.at(-1).text).toBe('What do you need?');
    await rt.stop();

    const broken = await fakeService((_req, res) => json(res, 503, { error: 'maintenance' }));
    rt = await startTestRuntime({ flows: [shopFlow({ apiUrl: `${broken.url}/orders/1` })] });
    const d = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    const r2 = await rt.post(`/api/v1/conversations/${d.conversationId}/messages`, { choice: 'order' }, auth(d.token));
    expect(r2.body.messages.map((m: any) => m.text)).toContain('The order service is down, sorry.');
    const metrics = await rt.get('/metrics');
    expect(metrics.body).toMatch(/baton_effect_failures_total\{kind="http_request"\} 1/);
  });

  it('takes the error exit with a clear log when a secret is not set', async () => {
    const api = await fakeService((_req, res) => json(res, 200, { status: 'shipped' }));
    rt = await startTestRuntime({ flows: [shopFlow({ apiUrl: `${api.url}/orders/1` })], env: {} });
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    const res = await rt.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'order' }, auth(c.token));
    expect(res.body.messages.map((m: any) => m.text)).toContain('The order service is down, sorry.');
    expect(api.calls).toHaveLength(0); // nothing sent with an empty key
  });
});

describe('notifications through the outbox', () => {
  it('signs webhooks with HMAC, retries a failing one with backoff and sends it once', async () => {
    let fail = 2;
    const hook = await fakeService((_req, res) => (fail-- > 0 ? json(res, 500, { error: 'down' }) : json(res, 200, { ok: true })));
    const api = await fakeService((_req, res) => json(res, 200, { status: 'packed' }));
    rt = await startTestRuntime({
      flows: [shopFlow({ apiUrl: `${api.url}/o`, webhookUrl: `${hook.url}/hook` })],
      config: { webhook: { secret: 'hmac-secret' }, outbox: { maxAttempts: 5, baseDelayMs: 1000 } },
    });
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    await rt.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'order' }, auth(c.token));
    await rt.runner.tick();
    expect(hook.calls).toHaveLength(1); // failed (500)
    await rt.runner.tick();
    expect(hook.calls).toHaveLength(1); // backing off: not yet
    rt.clock.now += 1000;
    await rt.runner.tick();
    expect(hook.calls).toHaveLength(2); // failed again; next wait is 2 s
    rt.clock.now += 1000;
    await rt.runner.tick();
    expect(hook.calls).toHaveLength(2);
    rt.clock.now += 1000;
    await rt.runner.tick();
    expect(hook.calls).toHaveLength(3); // delivered
    rt.clock.now += 600_000;
    await rt.runner.tick();
    expect(hook.calls).toHaveLength(3); // and never again
    const call = hook.calls[2];
    expect(JSON.parse(call.body)).toMatchObject({ subject: 'Order looked up', text: 'Status packed', conversationId: c.conversationId });
    expect(call.headers['x-baton-signature']).toBe('sha256=' + createHmac('sha256', 'hmac-secret').update(call.body).digest('hex'));
    expect(new Set(hook.calls.map((x) => x.headers['idempotency-key'])).size).toBe(1);
    expect((await rt.get('/metrics')).body).toMatch(/baton_effect_failures_total\{kind="webhook"\} 2/);
  });

  it('a webhook that cannot be reached is logged with the cause a designer can act on, not "fetch failed"', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r)); // nothing listens there now
    const api = await fakeService((_req, res) => json(res, 200, { status: 'packed' }));
    const lines: Array<{ msg?: string; error?: string }> = [];
    rt = await startTestRuntime({
      flows: [shopFlow({ apiUrl: `${api.url}/o`, webhookUrl: `http://127.0.0.1:${port}/hook` })],
      logger: pino({ level: 'warn' }, { write: (l: string) => void lines.push(JSON.parse(l)) }),
    });
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    await rt.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'order' }, auth(c.token));
    await rt.runner.tick();
    const failed = lines.find((l) => l.msg === 'effect failed; will retry');
    expect(failed?.error).toBe(`POST http://127.0.0.1:${port}/…: the connection was refused (nothing listens on that port)`);
  });

  it('sends email through SMTP from the config, and Slack through its webhook', async () => {
    const { mails, smtpPort } = await startSmtp();
    const api = await fakeService((_req, res) => json(res, 200, { status: 'delivered' }));
    rt = await startTestRuntime({
      flows: [shopFlow({ apiUrl: `${api.url}/o`, notify: { channel: 'email', to: ['team@shop.example'] } })],
      config: { smtp: { host: '127.0.0.1', port: smtpPort, from: 'bot@shop.example' } },
    });
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    await rt.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'order' }, auth(c.token));
    await rt.runner.tick();
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['team@shop.example']);
    expect(mails[0].data).toContain('Subject: Order looked up');
    expect(mails[0].data).toContain('Status delivered');
    await rt.stop();

    const slack = await fakeService((_req, res) => json(res, 200, { ok: true }));
    rt = await startTestRuntime({
      flows: [shopFlow({ apiUrl: `${api.url}/o`, notify: { channel: 'slack', to: ['#orders'] } })],
      config: { slack: { webhooks: { '#orders': `${slack.url}/services/T/B/{{secrets.SLACK_PATH}}` } }, secrets: { SLACK_PATH: 'xyz' } },
    });
    const d = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    await rt.post(`/api/v1/conversations/${d.conversationId}/messages`, { choice: 'order' }, auth(d.token));
    await rt.runner.tick();
    expect(slack.calls.map((x) => x.url)).toEqual(['/services/T/B/xyz']);
    expect(JSON.parse(slack.calls[0].body)).toMatchObject({ channel: '#orders', text: '*Order looked up*\nStatus delivered' });
  });

  it('an email recipient from customer input must be one plain address: a list or a display name cannot relay mail', async () => {
    const { mails, smtpPort } = await startSmtp();
    const api = await fakeService((_req, res) => json(res, 200, { status: 'delivered' }));
    rt = await startTestRuntime({
      flows: [shopFlow({ apiUrl: `${api.url}/o`, variables: [{ name: 'contactEmail', type: 'string' }], notify: { channel: 'email', to: ['team@shop.example', '{{contactEmail}}'] } })],
      config: { smtp: { host: '127.0.0.1', port: smtpPort, from: 'bot@shop.example' } },
    });
    const hostile = 'me@shop-customer.example, victim1@other.example, "x" <victim2@third.example>';
    const c = (await rt.post('/api/v1/flows/shop/conversations', { variables: { contactEmail: hostile } })).body;
    await rt.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'order' }, auth(c.token));
    await rt.runner.tick();
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['team@shop.example']);
  });
});

describe('notification recipients and Slack subjects', () => {
  it('singleAddresses keeps one plain address per entry and refuses lists, names and comments', () => {
    const r = singleAddresses(['ana@example.com', ' bo@shop.example ', 'a@b.c, d@e.f', '"x" <v@t.example>', 'a@b.c;d@e.f', 'no-at-sign', 'x@y', 'a b@c.d']);
    expect(r.valid).toEqual(['ana@example.com', 'bo@shop.example']);
    expect(r.refused).toHaveLength(6);
  });
  it('slackSubject keeps the bold header on one line and escapes mentions', () => {
    expect(slackSubject('refund\r\nBcc: x <!channel>')).toBe('refund Bcc: x &lt;!channel&gt;');
  });
});
