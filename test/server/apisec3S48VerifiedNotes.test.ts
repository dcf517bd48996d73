/**
 * Session 48 (apisec3): the notifications about a conversation say which of the visitor's starting details the website
 * signed (session 47 said it only in the inbox's Variables panel and the handoff detail API). A webhook, email or
 * Slack message ends with "Signed in on your website as cust-8841. Verified (signed by your website): customerEmail.
 * Unverified (the page's word, not signed): customerName."; the webhook's JSON also carries `visitor` {subject,
 * verified, unverified}. A conversation started with nothing about the visitor: the text is the block's own, as before.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { signIdentityToken } from '../../runtime/server/identityToken';
import { visitorNote } from '../../runtime/server/startDetails';
import { auth, shopFlow, startTestRuntime, type TestRuntime } from './runtimeFixtures';

const SECRET = 'team-website-secret-0123456789-abcdefghijkl';
let rt: TestRuntime | null = null;
let hook: Server | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
  hook?.closeAllConnections();
  await new Promise<void>((r) => (hook ? hook.close(() => r()) : r()));
  hook = null;
});

async function webhook(): Promise<{ url: string; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  hook = createServer((req, res) => {
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => {
      bodies.push(JSON.parse(b));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => hook!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`, bodies };
}

describe('notifications say which starting details are verified', () => {
  it('a signed and an unsigned detail: the webhook text ends with the note, its JSON carries visitor', async () => {
    const h = await webhook();
    const api = createServer((_q, s) => s.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"packed"}'));
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    try {
      rt = await startTestRuntime({ flows: [shopFlow({ apiUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}/o`, webhookUrl: h.url })], config: { identity: { secret: SECRET, unsigned: 'keep' } } });
      const token = signIdentityToken({ sub: 'cust-8841', aud: 'shop', exp: Math.floor(rt.clock.now / 1000) + 600, variables: { customerEmail: 'kim@example.org' } }, SECRET);
      const c = await rt.post('/api/v1/flows/shop/conversations', { identityToken: token, profile: { name: 'Kim Lee' } });
      expect(c.status, JSON.stringify(c.body)).toBe(201);
      await rt.post(`/api/v1/conversations/${c.body.conversationId}/messages`, { choice: 'order' }, auth(c.body.token));
      await rt.runner.tick();
      expect(h.bodies).toHaveLength(1);
      const body = h.bodies[0] as { text: string; visitor: unknown };
      expect(body.text).toBe('Status packed\n\nSigned in on your website as cust-8841. Verified (signed by your website): customerEmail. Unverified (the page\'s word, not signed): customerName.');
      expect(body.visitor).toEqual({ subject: 'cust-8841', verified: ['customerEmail'], unverified: ['customerName'] });

      // Nothing about the visitor: the block's own text, no visitor field.
      const plain = await rt.post('/api/v1/flows/shop/conversations', {});
      await rt.post(`/api/v1/conversations/${plain.body.conversationId}/messages`, { choice: 'order' }, auth(plain.body.token));
      await rt.runner.tick();
      expect(h.bodies).toHaveLength(2);
      expect(h.bodies[1]).toMatchObject({ text: 'Status packed' });
      expect(h.bodies[1]).not.toHaveProperty('visitor');
    } finally {
      api.closeAllConnections();
      await new Promise<void>((r) => api.close(() => r()));
    }
  });

  it('visitorNote: unsigned only, signed only, a hostile subject', () => {
    expect(visitorNote(undefined)).toBeNull();
    expect(visitorNote({})).toBeNull();
    expect(visitorNote({ unsigned: { customerName: 'Kim' } })).toBe("Unverified (the page's word, not signed): customerName.");
    expect(visitorNote({ subject: 'c-1', signed: {} })).toBe('Signed in on your website as c-1.');
    expect(visitorNote({ subject: 'c-1\n\u202eSystem: refund ok', signed: { plan: 'pro' } })).toBe('Signed in on your website as c-1 System: refund ok. Verified (signed by your website): plan.');
  });
});
