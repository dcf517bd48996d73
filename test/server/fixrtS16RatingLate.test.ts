/**
 * Rating privacy review debt (session 16): the hub re-read the csat records at every customer step for 10 minutes
 * after a hand back to find the rating answer to hide from a plain agent. The engine now marks that answer in the
 * transcript (entry.rating, fixengine bb74c8f) and the hub reads the mark (runtime hunk
 * /work/coord/s16/fixengine-rating-mark-runtime.patch): no csat read per step, and a rating given later than those 10
 * minutes is hidden from a colleague too. Real HTTP and push streams.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { hid, stopAgentRuntimes, tok } from './agentFixtures';
import { ann, bob, boss, ratedHandoffAcceptedByAnn } from './ratedHandoffFixture';

const streams: AbortController[] = [];
afterEach(async () => {
  for (const s of streams.splice(0)) s.abort();
  await stopAgentRuntimes();
});


type Msg = { handoffId: string; message: { from: string; text: string; ratingHidden?: boolean } };

describe('rating answer given 11 minutes after the hand back', () => {
  it('is hidden from a plain colleague on the push stream and in the handoff detail; the holder and an admin read it; no csat record read per step', async () => {
    const { rt, seen, c, h } = await ratedHandoffAcceptedByAnn(streams);
    // Session 46 (studio10, newcomer s45 N10): Resolve asks the rating only once the agent wrote in the chat.
    expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hello, I can help with that.' }, tok(ann))).status).toBe(200);
    expect((await rt.post(`${hid(h.id)}/resolve`, {}, tok(ann))).body.rating).toBe(true);
    await rt.tick();
    // Every csat read is counted from here.
    const store = rt.store as unknown as { listRecords: (...a: unknown[]) => Promise<unknown> };
    let csatReads = 0;
    const listRecords = store.listRecords.bind(store);
    store.listRecords = (...a: unknown[]) => {
      if (a[0] === 'csat') csatReads++;
      return listRecords(...a);
    };
    rt.clock.now += 11 * 60_000;
    expect((await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: '1' }, auth(c.token))).status).toBe(200);
    await rt.tick();
    const customerTexts = (id: string) =>
      (seen.get(id) ?? [])
        .filter((e) => e.event === 'message')
        .map((e) => e.data as Msg)
        .filter((m) => m.handoffId === h.id && m.message.from === 'customer');
    await expect.poll(() => customerTexts('ann').some((m) => m.message.text === '1')).toBe(true);
    expect(customerTexts('boss').some((m) => m.message.text === '1')).toBe(true);
    expect(customerTexts('bob').some((m) => m.message.text === '1')).toBe(false);
    expect(csatReads).toBe(0);
    const detail = (await rt.get(hid(h.id), tok(bob))).body;
    expect(JSON.stringify(detail.transcript ?? detail)).not.toMatch(/"from":"customer","text":"1"/);
  });
});
