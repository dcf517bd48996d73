/**
 * Hostile s9 #11: over the Rasa channel, a message written before the customer was shown the rating question (the
 * agent handed back while they were away) is held: kept in the transcript, not judged a wrong rating (bbda027). But it
 * was missing from the conversation's recent transcript, the one a later handoff carries in its context to the agent,
 * email, Slack, webhooks and tickets: the customer's second order question was lost for every integration.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, auth, rasaConfig, rasaPost, shopFlowRatingAfterHandback as rateAfterHandback, startTestRuntime, type TestRuntime } from './runtimeFixtures';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
});


describe('Rasa channel: a held message reaches the next handoff context (hostile s9 #11)', () => {
  it("the message written before the unseen rating question is in the new handoff's context transcript, in order", async () => {
    const r = (rt = await startTestRuntime({ flows: [rateAfterHandback()], config: rasaConfig }));
    const sender = 'held2';
    const hook = (message: string) => rasaPost(r, sender, message);
    await hook('hi');
    await hook('Talk to a person');
    const pending = async () => (await r.get('/api/v1/admin/handoffs?status=pending', auth(ADMIN))).body.handoffs.filter((x: any) => x.status === 'pending');
    const [h] = await pending();
    const ev = (body: object) => r.post(`/api/v1/admin/handoffs/${encodeURIComponent(h.id)}/events`, { agentId: 'a1', agentName: 'Sam', ...body }, auth(ADMIN));
    await ev({ type: 'accepted' });
    await ev({ type: 'message', text: 'Your refund is on its way.' });
    expect((await ev({ type: 'handback' })).body.messages.map((m: any) => m.text)).toContain('How would you rate us, 1 to 5?');

    // Held: written before the rating question reached the customer.
    const held = 'and where is my other order NW-104233?';
    const away = await hook(held);
    expect(away.body.map((m: any) => m.text)).toContain('How would you rate us, 1 to 5?');
    const asked = await hook('I want to talk to a person');
    expect(asked.body.find((m: any) => m.custom)?.custom.handoff).toMatchObject({ reason: 'explicit_request' });

    const [again] = (await pending()).filter((x: any) => x.id !== h.id);
    expect(again).toBeDefined();
    // The handoff request as the integrations get it (email, Slack, webhook, ticket): its context.
    const context = again.request.context;
    const customer = (context.transcript as any[]).filter((e) => e.from === 'customer').map((e) => e.text);
    expect(customer).toContain(held);
    expect(customer.indexOf(held)).toBe(customer.indexOf('I want to talk to a person') - 1);
    // The log has it once (not twice).
    const t = await r.get(`/api/v1/admin/conversations/${h.conversationId}/transcript?format=json`, auth(ADMIN));
    expect(t.body.messages.filter((m: any) => m.text === held)).toHaveLength(1);
  });
});
