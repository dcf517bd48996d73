/**
 * Notifications about a new handoff, end to end over loopback: a default-mode Human Takeover emails the listed
 * addresses through a real SMTP server (smtp-server) and posts to Slack; the customer's hostile text stays inert
 * (plain-text email, no HTML part; Slack control sequences escaped); a failing channel is retried and never blocks
 * the handoff, which agents can accept at once.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSmtp } from '../support/smtp';
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, flowWithTakeover, startAgentRuntime, tok, type AgentRuntime } from './agentFixtures';

let rt: AgentRuntime | null = null;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await rt?.stop();
  rt = null;
  for (const c of closers.splice(0)) await c();
});

async function receiver(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const calls: Array<{ url: string; body: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      calls.push({ url: req.url ?? '', body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}

const decodeQp = (s: string) => s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h) => String.fromCharCode(parseInt(h, 16)));

describe('handoff notifications', () => {
  it('default mode: email (plain text, hostile text inert) and Slack (escaped); a failing Slack is retried and does not block the handoff', async () => {
    const { mails, smtpPort, close } = await startSmtp();
    closers.push(close);
    let slackUp = false;
    const slack = await receiver((_req, res) => {
      res.writeHead(slackUp ? 200 : 503, { 'content-type': 'application/json' });
      res.end(slackUp ? '{"ok":true}' : '{"ok":false}');
    });

    const ann = agent('ann');
    rt = await startAgentRuntime({
      agents: [ann],
      flow: flowWithTakeover({ assignation: 'default', notifyEmails: ['team@shop.example'], slackChannels: ['#support'] }),
      config: {
        adminToken: 'admin-token-for-tests-0123456789',
        smtp: { host: '127.0.0.1', port: smtpPort, from: 'bot@shop.example' },
        slack: { webhooks: { '#support': `${slack.url}/hook` } },
        outbox: { maxAttempts: 5, baseDelayMs: 1000 },
      },
    });
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
    const c = await rt.customerWantsPerson();
    const say = (text: string) => rt!.post(`/api/v1/conversations/${c.id}/messages`, { text }, auth(c.token));
    await say('Ada');
    await say('ada@example.com');
    const hostile = '<img src=x onerror=alert(1)> <!channel> {{constructor}}';
    const handedOver = await say(hostile);
    expect(handedOver.body.mode).toBe('waiting');

    // The handoff is in the queue before any notification is sent, and can be accepted while Slack is failing.
    const list = await rt.get('/api/v1/agent/handoffs', tok(ann));
    expect(list.body.counts.unassigned).toBe(1);
    await rt.runner.tick();
    expect(slack.calls).toHaveLength(1); // failed (503): retried later
    const accepted = await rt.post(`/api/v1/agent/handoffs/${encodeURIComponent(list.body.handoffs[0].id)}/accept`, {}, tok(ann));
    expect(accepted.status).toBe(200);

    // Email: plain text only, the customer's text verbatim (inert), templated subject.
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['team@shop.example']);
    expect(mails[0].data).toMatch(/Content-Type: text\/plain/i);
    expect(mails[0].data).not.toMatch(/text\/html/i);
    expect(mails[0].data).toMatch(/Subject: New chat waiting/);
    const body = decodeQp(mails[0].data.split(/\r?\n\r?\n/).slice(1).join('\n\n'));
    expect(body).toContain(`Ada (ada@example.com) needs help with: ${hostile}`);
    // The template syntax in the customer's text was not evaluated.
    expect(body).not.toMatch(/function Object|\[native code\]/);

    // Slack retried with backoff, then delivered once, with < > & escaped (no @channel ping, no fake link).
    slackUp = true;
    rt.clock.now += 1500;
    await rt.runner.tick();
    rt.clock.now += 5000;
    await rt.runner.tick();
    expect(slack.calls).toHaveLength(2);
    const sent = JSON.parse(slack.calls[1].body);
    expect(sent.channel).toBe('#support');
    expect(sent.text).toContain('&lt;img src=x onerror=alert(1)&gt; &lt;!channel&gt; {{constructor}}');
    expect(sent.text).not.toContain('<!channel>');
  });
});
