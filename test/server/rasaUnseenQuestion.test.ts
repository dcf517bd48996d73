/**
 * newcomer s7 #14/#17: over the Rasa REST channel, a message the customer wrote before seeing the bot's question
 * (the greeting of a conversation their "hi" starts, the menu after an agent hands back) is not judged as a wrong
 * answer to it; a real opener ("Talk to a person") still counts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, auth, startTestRuntime, type TestRuntime } from './runtimeFixtures';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
});

const texts = (body: any[]) => body.map((m) => m.text).filter(Boolean);

describe('Rasa channel: a message is an answer only to a question the customer saw', () => {
  it('"hi" only starts the conversation; an opener that asks for something still counts', async () => {
    const r = (rt = await startTestRuntime());
    const hook = (sender: string, message: string) => r.post('/webhooks/rest/webhook', { sender, message });
    expect(texts((await hook('lead1', 'hi')).body)).toEqual(['Welcome to the shop!', 'What do you need?']);
    const opener = await hook('lead2', 'Talk to a person');
    expect(opener.body.find((m: any) => m.custom)?.custom.handoff.status).toBe('pending');
  });

  it('after an agent hands back while the customer is away, their next message gets the question, not a retry', async () => {
    const r = (rt = await startTestRuntime());
    const hook = (sender: string, message: string) => r.post('/webhooks/rest/webhook', { sender, message });
    await hook('ada', 'hello');
    await hook('ada', 'Talk to a person');
    const hid = (await r.get('/api/v1/admin/handoffs?status=pending', auth(ADMIN))).body.handoffs[0].id;
    const ev = (type: string, extra: Record<string, unknown>, eventId: string) =>
      r.post(`/api/v1/admin/handoffs/${encodeURIComponent(hid)}/events`, { type, agentId: 'a1', eventId, ...extra }, auth(ADMIN));
    await ev('accepted', { agentName: 'Sam' }, 'e1');
    await ev('message', { text: 'Sorted, your refund is on its way.' }, 'e2');
    expect((await ev('handback', {}, 'e3')).status).toBe(200);
    const next = await hook('ada', 'what now');
    const said = texts(next.body);
    expect(said).toContain('Sorted, your refund is on its way.');
    expect(said.filter((t: string) => t === 'What do you need?')).toHaveLength(1);
    expect(said.some((t: string) => /didn't get|choose one/i.test(t))).toBe(false);
    // Now the customer has seen the menu: an answer counts.
    const menu = await hook('ada', 'Rate us');
    expect(texts(menu.body)).toContain('How would you rate us, 1 to 5?');
  });
});
