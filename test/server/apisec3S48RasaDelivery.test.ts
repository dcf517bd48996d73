/**
 * Session 48 (apisec3, hostile s47 H1's rest): what the Rasa REST channel promises about a reply when the channel is
 * open on purpose (rasa.allowWithoutToken) and two callers use one sender id.
 *
 * Decided (docs/runtime.md "Rasa REST channel", "Who gets a reply"): a reply is delivered once per sender: each call
 * answers what was written for that sender since the last call for that sender (one cursor per conversation), the same
 * with or without a token. Not per caller: the channel has no caller identity to keep a cursor by (without a token any
 * caller is anyone; with one, the token is the server's connector's, one per server, so per token is per sender), and
 * giving every call everything since some earlier point would repeat each reply on every call of the real client.
 * So on an open channel a second caller for the same sender takes the replies the customer's client then never gets:
 * the start-up WARNING now says so in words (it said only "reads that customer's replies"), and the reply stays in the
 * conversation's transcript for the agent (the inbox, exports), nothing is lost there. Fails before: the warning.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rasaAccessOf, rasaChannelNote, securityWarnings } from '../../runtime/serve/startRuntime';
import { serveConfigSchema } from '../../runtime/serve/config';
import { ADMIN, auth, startTestRuntime, type TestRuntime } from './runtimeFixtures';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
});

describe('Rasa channel open on purpose: a reply is delivered once per sender', () => {
  it('the first call after the reply gets it, the next one does not; the transcript keeps it; the warning says so', async () => {
    rt = await startTestRuntime({ config: { rasa: { allowWithoutToken: true } } as never });
    const as = (message: string) => rt!.post('/webhooks/rest/webhook', { sender: '+447700900777', message });
    expect((await as('hi')).status).toBe(200);
    await as('Talk to a person');
    const [h] = (await rt.get('/api/v1/admin/handoffs?status=pending', auth(ADMIN))).body.handoffs;
    for (const [type, extra] of [['accepted', {}], ['message', { text: 'your refund of £340 is approved' }]] as const)
      expect((await rt.post(`/api/v1/admin/handoffs/${encodeURIComponent(h.id)}/events`, { type, agentId: 'ann', agentName: 'Ann', ...extra }, auth(ADMIN))).status).toBe(200);
    const first = await as('anything new?'); // whoever calls first: the customer's client or someone else
    expect(first.body.map((m: any) => m.text)).toContain('your refund of £340 is approved');
    const second = await as('hello?');
    expect(JSON.stringify(second.body)).not.toContain('refund');
    // A later reply goes to the next call, once.
    expect((await rt.post(`/api/v1/admin/handoffs/${encodeURIComponent(h.id)}/events`, { type: 'message', agentId: 'ann', agentName: 'Ann', text: 'anything else?' }, auth(ADMIN))).status).toBe(200);
    expect((await as('ok')).body.map((m: any) => m.text)).toContain('anything else?');
    expect(JSON.stringify((await as('ok')).body)).not.toContain('anything else?');
    const id = (await rt.store.findByExternalKey('rasa:shop:+447700900777'))!.id;
    const log = (await rt.store.readLog(id, 0, 100)).map((e) => e.text);
    expect(log).toContain('your refund of £340 is approved');

    const access = rasaAccessOf(serveConfigSchema.parse({ rasa: { allowWithoutToken: true } }), {});
    const note = rasaChannelNote(access, '0.0.0.0')!;
    expect(note).toContain('each reply goes out once, to the first call for that sender: a reply such a caller takes never reaches the customer');
    expect(securityWarnings({ host: '127.0.0.1', rasa: access })[0]).toContain('each reply goes out once, to the first call for that sender');
  });
});
