/**
 * Newcomer s14 #12 rest (fixui, session 15), real HTTP on 127.0.0.1: a plain agent who has a colleague's chat open
 * got the customer's rating answer ("1") live on the push stream (GET /api/v1/agent/events, `message` event), while
 * the handoff detail, the lists and the downloads hide a colleague's rating (runtime/agents/ratingPrivacy.ts). Now the
 * hub names whose rating a customer entry answers (it is the step that records the csat score) and the push route
 * blanks it as the detail does (text '', ratingHidden: true) for a plain agent who may not see it; its holder and an
 * admin get it as written. The customer's other messages are untouched.
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


type Msg = { handoffId: string; message: { from: string; text: string; at: number; ratingHidden?: boolean }; ratingBy?: unknown };

describe('newcomer s14 #12 rest: the rating answer on the push stream', () => {
  it("a plain agent watching a colleague's chat gets the rating answer blanked; the holder and an admin get it", async () => {
    const { rt, seen, c, h } = await ratedHandoffAcceptedByAnn(streams);
    expect((await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: 'where is my parcel?' }, auth(c.token))).status).toBe(200);
    // Session 46 (studio10, newcomer s45 N10): Resolve asks the rating only once the agent wrote in the chat.
    expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hello, I can help with that.' }, tok(ann))).status).toBe(200);
    expect((await rt.post(`${hid(h.id)}/resolve`, {}, tok(ann))).body.rating).toBe(true);
    await rt.tick();
    expect((await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: '1' }, auth(c.token))).status).toBe(200);

    const messages = (id: string) => (seen.get(id) ?? []).filter((e) => e.event === 'message').map((e) => e.data as Msg).filter((m) => m.handoffId === h.id);
    const ratingAnswer = (id: string) => {
      const list = messages(id);
      const q = list.findIndex((m) => m.message.from === 'bot' && m.message.text === 'How would you rate us, 1 to 5?');
      return q < 0 ? undefined : list.slice(q + 1).find((m) => m.message.from === 'customer');
    };
    for (const who of [ann, bob, boss]) await expect.poll(() => ratingAnswer(who.id) !== undefined).toBe(true);

    expect(ratingAnswer('bob')!.message).toMatchObject({ from: 'customer', text: '', ratingHidden: true });
    expect(JSON.stringify(messages('bob'))).not.toMatch(/"text":"1"/);
    for (const who of ['ann', 'boss']) {
      expect(ratingAnswer(who)!.message.text, who).toBe('1');
      expect(ratingAnswer(who)!.message).not.toHaveProperty('ratingHidden');
    }
    // Only the rating: Bob reads the customer's question as written, and nobody is sent whose rating it was.
    expect(messages('bob').some((m) => m.message.from === 'customer' && m.message.text === 'where is my parcel?')).toBe(true);
    for (const who of ['ann', 'bob', 'boss']) expect(messages(who).every((m) => !('ratingBy' in m)), who).toBe(true);
  });
});
