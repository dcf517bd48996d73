/**
 * Hostile s18 H#18: a customer message of control characters only ("\u0000") was a 409 input_rejected "the message is
 * empty." and one of invisible characters only ("\u200b", "\u202e") was stored as an empty bubble the agent saw.
 * Both are now refused as an empty text is: 400 on body.text, nothing stored; text around them is kept. Real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth, startTestRuntime, type TestRuntime } from './runtimeFixtures';

const started: TestRuntime[] = [];
afterEach(async () => {
  for (const r of started.splice(0)) await r.stop();
});

describe('hostile s18 H#18: nothing visible in a customer message', () => {
  it('control-only and invisible-only: 400 body.text, not stored; visible text with them: 200', async () => {
    const rt = await startTestRuntime();
    started.push(rt);
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    const send = (text: string) => rt.post(`/api/v1/conversations/${c.conversationId}/messages`, { text }, auth(c.token));
    const before = (await rt.get(`/api/v1/conversations/${c.conversationId}`, auth(c.token))).body.messages.length;
    for (const text of ['\u0000', '\u0001\u0002', ' \u0000 ', '\u200b', '\u202e', '\ufeff\u200d ']) {
      const r = await send(text);
      expect(r.status, JSON.stringify(text)).toBe(400);
      expect(r.body.field).toBe('body.text');
      expect(r.body.message).toMatch(/nothing visible/);
    }
    expect((await rt.get(`/api/v1/conversations/${c.conversationId}`, auth(c.token))).body.messages.length).toBe(before);
    const ok = await send('hi\u200b there');
    expect(ok.status).toBe(200);
  });
});
