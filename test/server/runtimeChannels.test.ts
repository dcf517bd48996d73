/**
 * Channels of `baton serve` over real HTTP: the Server-Sent Events push channel (resumable, nothing missed or
 * repeated), the Rasa REST channel (with a handoff and agent messages), and bad requests of every kind
 * (a fuzz test: random bodies never get a 5xx).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, RASA_TOKEN, auth, rasaConfig, rasaPost, startTestRuntime, type TestRuntime } from './runtimeFixtures';
import { readSeqEvents } from '../support/sse';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
});

/** Opens the push channel; collects events until `until` says stop, then closes the connection. */
const readEvents = readSeqEvents;

describe('push channel (Server-Sent Events)', () => {
  it('streams bot, customer and status events live, and resumes from Last-Event-ID with nothing missed or repeated', async () => {
    const r = (rt = await startTestRuntime());
    const c = (await r.post('/api/v1/flows/shop/conversations', {})).body;
    const url = `${r.url}/api/v1/conversations/${c.conversationId}/events`;
    // First connection: the backlog (2 greeting messages), then live events from a click.
    let opened!: () => void;
    const open = new Promise<void>((res) => (opened = res));
    const firstP = readEvents(url, auth(c.token), (ev) => ev.some((e) => e.data.status?.mode === 'waiting'), () => opened());
    await open;
    await r.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'person' }, auth(c.token));
    const first = await firstP;
    expect(first.map((e) => e.id)).toEqual(first.map((_, i) => i + 1));
    expect(first[0].data.text).toBe('Welcome to the shop!');
    expect(first.some((e) => e.data.from === 'customer' && e.data.text === 'Talk to a person')).toBe(true);
    const last = first.at(-1)!.id;

    // Messages while disconnected, then a reconnect with Last-Event-ID: exactly the missed ones.
    await r.post(`/api/v1/conversations/${c.conversationId}/messages`, { text: 'hello?' }, auth(c.token));
    await r.post(`/api/v1/conversations/${c.conversationId}/messages`, { text: 'anyone?' }, auth(c.token));
    const second = await readEvents(url, { ...auth(c.token), 'last-event-id': String(last) }, (ev) => ev.length >= 2);
    expect(second.map((e) => e.id)).toEqual([last + 1, last + 2]);
    expect(second.map((e) => e.data.text)).toEqual(['hello?', 'anyone?']);

    // EventSource clients pass the token in the query and resume with ?after.
    const third = await readEvents(`${url}?after=${last + 1}&token=${c.token}`, {}, (ev) => ev.length >= 1);
    expect(third.map((e) => e.id)).toEqual([last + 2]);
    await expect(readEvents(url, auth('not-the-token'), () => true)).rejects.toThrow('status 401');
  });
});

describe('Rasa REST channel', () => {
  it('maps a sender to one conversation, announces a handoff, stays quiet while an agent is in control and delivers agent messages on the next call', async () => {
    const r = (rt = await startTestRuntime({ config: rasaConfig }));
    const hook = (sender: string, message: string) => rasaPost(r, sender, message);
    const hello = await hook('alice', 'hi');
    expect(hello.status).toBe(200);
    expect(hello.body[0]).toEqual({ recipient_id: 'alice', text: 'Welcome to the shop!' });
    const menu = hello.body.find((m: any) => m.buttons);
    expect(menu.buttons.map((b: any) => b.title)).toEqual(['Order status', 'Talk to a person', 'Rate us', 'Report a problem']);

    const handoff = await hook('alice', menu.buttons[1].payload); // a Rasa client sends the payload back
    expect(handoff.body.some((m: any) => m.text?.startsWith('I am connecting you with a person'))).toBe(true);
    expect(handoff.body.find((m: any) => m.custom)).toEqual({ recipient_id: 'alice', custom: { handoff: { status: 'pending', reason: 'explicit_request' } } }); // typed "Talk to a person" is an explicit request

    // Another sender is another conversation.
    const bob = await hook('bob', 'hello');
    expect(bob.body[0].text).toBe('Welcome to the shop!');

    // An agent takes the chat and writes (admin agent events stand in for the live inbox).
    const pending = (await r.get('/api/v1/admin/handoffs?status=pending', auth(ADMIN))).body.handoffs;
    expect(pending).toHaveLength(1);
    const hid = pending[0].id;
    const accepted = await r.post(`/api/v1/admin/handoffs/${encodeURIComponent(hid)}/events`, { type: 'accepted', agentId: 'a1', agentName: 'Sam', eventId: 'e1' }, auth(ADMIN));
    expect(accepted.status).toBe(200);
    expect(accepted.body.mode).toBe('agent');
    const dup = await r.post(`/api/v1/admin/handoffs/${encodeURIComponent(hid)}/events`, { type: 'accepted', agentId: 'a1', agentName: 'Sam', eventId: 'e1' }, auth(ADMIN));
    expect(dup.status).toBe(409); // the same event delivered twice is refused, not applied twice
    await r.post(`/api/v1/admin/handoffs/${encodeURIComponent(hid)}/events`, { type: 'message', agentId: 'a1', text: 'Hi, Sam here. How can I help?', eventId: 'e2' }, auth(ADMIN));

    const next = await hook('alice', 'my order is late');
    const texts = next.body.map((m: any) => m.text).filter(Boolean);
    expect(texts).toContain('Hi, Sam here. How can I help?');
    expect(texts.some((t: string) => t.includes('What do you need'))).toBe(false); // the bot stays quiet
    const again = await hook('alice', 'thanks');
    expect(again.body.map((m: any) => m.text)).not.toContain('Hi, Sam here. How can I help?'); // delivered once
  });
});

describe('bad requests', () => {
  it('answers malformed calls with a 4xx that names the field, and the conversation is untouched', async () => {
    const r = (rt = await startTestRuntime({ config: { bodyLimitBytes: 4096 } }));
    const c = (await r.post('/api/v1/flows/shop/conversations', {})).body;
    const path = `/api/v1/conversations/${c.conversationId}/messages`;
    const cases: Array<[unknown, Record<string, string>, number, string | RegExp]> = [
      [{}, auth(c.token), 400, 'body.text'],
      [{ text: '' }, auth(c.token), 400, 'body.text'],
      [{ text: 'a', choice: 'b' }, auth(c.token), 400, 'body.text'],
      [{ text: 42 }, auth(c.token), 400, 'body.text'],
      [{ text: 'x'.repeat(4001) }, auth(c.token), 400, 'body.text'],
      [{ text: 'hi', admin: true }, auth(c.token), 400, 'body.admin'],
      ['{"text": "unterminated', auth(c.token), 400, 'body'],
      [JSON.stringify({ text: 'y'.repeat(5000) }), auth(c.token), 413, 'body'],
      [[1, 2], auth(c.token), 400, /body/],
    ];
    for (const [body, headers, status, field] of cases) {
      const res = await r.post(path, body, headers);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(status);
      if (typeof field === 'string') expect(res.body.field).toBe(field);
      else expect(res.body.field).toMatch(field);
      expect(res.body.message).toBeTruthy();
      expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules/); // no stack trace
    }
    const xml = await fetch(r.url + path, { method: 'POST', headers: { ...auth(c.token), 'content-type': 'application/xml' }, body: '<text>hi</text>' });
    expect(xml.status).toBe(415);
    expect((await r.get(`/api/v1/conversations/${c.conversationId}?after=-1`, auth(c.token))).status).toBe(400);
    expect((await r.get('/nope')).status).toBe(404);
    const log = await r.get(`/api/v1/conversations/${c.conversationId}`, auth(c.token));
    expect(log.body.messages.filter((m: any) => m.from === 'customer')).toEqual([]);
  });

  it('never answers a random body with a 5xx (fuzz)', async () => {
    const r = (rt = await startTestRuntime({ config: { rateLimit: { perAddressPerMinute: 100_000, perConversationPerMinute: 100_000 }, ...rasaConfig } }));
    const c = (await r.post('/api/v1/flows/shop/conversations', {})).body;
    const targets = [
      ['POST', `/api/v1/conversations/${c.conversationId}/messages`],
      ['POST', '/api/v1/flows/shop/conversations'],
      ['POST', '/webhooks/rest/webhook'],
      ['POST', '/api/v1/admin/flows'],
      ['POST', '/api/v1/admin/handoffs/x/events'],
    ] as const;
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), fc.string({ maxLength: 200 }), fc.constant('{"text":"\u0000\ud800"}')),
        fc.boolean(),
        async ([method, path], body, withAuth) => {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (withAuth) headers.authorization = `Bearer ${path.includes('admin') ? ADMIN : path.includes('webhooks') ? RASA_TOKEN : c.token}`;
          const res = await fetch(r.url + path, { method, headers, body });
          statuses.add(res.status);
          await res.text();
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
    expect([...statuses].some((s) => s === 400)).toBe(true);
  });
});
