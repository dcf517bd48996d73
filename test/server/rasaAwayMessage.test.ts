/**
 * fixrt s9 (README "Not finished", newcomer s7 #14): over the Rasa REST channel the customer only sees the bot's
 * messages on their next call. A message written while an agent was handing back, before the customer was shown
 * the rating question that followed, was judged a wrong rating ("Please pick a number from 1 (bad) to 5 (great).").
 * Now it is kept in the transcript and the rating question simply goes out with the answer; a message that does
 * answer the unseen question, or asks for a person, is applied as before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, auth, rasaConfig, rasaPost, shopFlowRatingAfterHandback as rateAfterHandback, startTestRuntime, type TestRuntime } from './runtimeFixtures';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
});


const texts = (body: any[]) => body.map((m) => m.text).filter(Boolean);
const RETRY = 'Please pick a number from 1 (bad) to 5 (great).';

async function handedBack(r: TestRuntime, sender: string) {
  const hook = (message: string) => rasaPost(r, sender, message);
  await hook('hi');
  await hook('Talk to a person');
  const [h] = (await r.get('/api/v1/admin/handoffs?status=pending', auth(ADMIN))).body.handoffs.filter((x: any) => x.status === 'pending');
  const ev = (body: object) => r.post(`/api/v1/admin/handoffs/${encodeURIComponent(h.id)}/events`, { agentId: 'a1', agentName: 'Sam', ...body }, auth(ADMIN));
  await ev({ type: 'accepted' });
  expect((await ev({ type: 'message', text: 'Your refund is on its way.' })).status).toBe(200);
  // The agent hands back while the customer is away: the bot asks for a rating they have not been shown.
  expect((await ev({ type: 'handback' })).body.messages.map((m: any) => m.text)).toContain('How would you rate us, 1 to 5?');
  return { hook, conversationId: h.conversationId as string };
}

describe('Rasa channel: a message written before an unseen question', () => {
  it('is kept in the transcript, not judged a wrong rating; the question goes out and the next answer rates', async () => {
    const r = (rt = await startTestRuntime({ flows: [rateAfterHandback()], config: rasaConfig }));
    const { hook, conversationId } = await handedBack(r, 'cara');

    const away = await hook('thanks Sam, that sorts it');
    const seen = texts(away.body);
    expect(seen).toContain('Your refund is on its way.');
    expect(seen).toContain('How would you rate us, 1 to 5?');
    expect(seen).not.toContain(RETRY);

    const rated = await hook('5');
    expect(texts(rated.body)).toEqual(['Thanks for rating!', 'Bye!']);
    const csat = (await r.get('/api/v1/admin/csat', auth(ADMIN))).body.csat;
    expect(csat.map((c: any) => c.data?.score ?? c.data)).toEqual([5]);

    const t = await r.get(`/api/v1/admin/conversations/${conversationId}/transcript?format=json`, auth(ADMIN));
    const customer = t.body.messages.filter((m: any) => m.from === 'customer').map((m: any) => m.text);
    expect(customer).toEqual(['Talk to a person', 'thanks Sam, that sorts it', '5']);
  });

  it('a message that answers the unseen question rates at once; a request for a person hands over', async () => {
    const r = (rt = await startTestRuntime({ flows: [rateAfterHandback()], config: rasaConfig }));
    const a = await handedBack(r, 'dev');
    expect(texts((await a.hook('4')).body)).toEqual(expect.arrayContaining(['How would you rate us, 1 to 5?', 'Thanks for rating!']));

    const b = await handedBack(r, 'eve');
    const asked = await b.hook('actually I need to talk to a person again');
    expect(asked.body.find((m: any) => m.custom)?.custom.handoff).toMatchObject({ status: expect.stringMatching(/^(pending|assigned)$/), reason: 'explicit_request' });
    expect(texts(asked.body)).not.toContain(RETRY);
  });

  it('once the question was shown, a wrong answer is still asked again (the usual retry)', async () => {
    const r = (rt = await startTestRuntime({ flows: [rateAfterHandback()], config: rasaConfig }));
    const { hook } = await handedBack(r, 'finn');
    await hook('thanks');
    expect(texts((await hook('no idea')).body)).toEqual([RETRY]);
  });
});
