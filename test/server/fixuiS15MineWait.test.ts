/**
 * Newcomer s14 #17 rest (fixui, session 15), real HTTP on 127.0.0.1: Mine puts the customers waiting longest for a
 * reply first, by `waitingSince` (the customer's first message since the last agent message). A chat an agent took
 * over from the bot counted it from a message the bot had answered before the takeover, so it went to the top of
 * Mine ahead of a customer really waiting for a person (the inbox row, clamped since session 14, showed no wait).
 * Now, in a takeover, the bot's replies end a wait too; a handoff the customer asked for is unchanged.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann', { name: 'Ann' });
const MIN = 60_000;

describe('newcomer s14 #17 rest: Mine and the wait of a chat taken over from the bot', () => {
  it('a takeover whose customer the bot had answered is not waiting and sorts after a customer waiting for a person; its next message starts a wait', async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    // A bot chat: the customer writes, the bot answers.
    const c = await rt.post('/api/v1/flows/shop/conversations', {});
    const bot = { id: c.body.conversationId as string, token: c.body.token as string };
    expect((await rt.post(`/api/v1/conversations/${bot.id}/messages`, { text: 'hello there' }, auth(bot.token))).status).toBe(200);
    const wroteToBot = rt.clock.now;
    rt.clock.now += 2 * MIN;
    // A customer who asks for a person, accepted by Ann and not answered yet: really waiting.
    const asked = await rt.customerWantsPerson();
    const askedAt = rt.clock.now;
    await rt.tick();
    const h = await handoffOf(rt, asked.id, ann);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    rt.clock.now += 2 * MIN;
    // Ann takes the bot chat over, 4 minutes after its customer wrote to the bot.
    expect((await rt.post(`/api/v1/agent/conversations/${bot.id}/takeover`, {}, tok(ann))).status).toBe(200);
    await rt.tick();

    const mine = async () => (await rt.get('/api/v1/agent/handoffs?view=mine', tok(ann))).body.handoffs as Array<{ conversationId: string; waitingSince: number | null }>;
    const rows = await mine();
    expect(rows.map((r) => r.conversationId)).toEqual([asked.id, bot.id]);
    expect(rows.find((r) => r.conversationId === bot.id)!.waitingSince, 'the bot had answered').toBeNull();
    expect(rows.find((r) => r.conversationId === asked.id)!.waitingSince).toBeGreaterThanOrEqual(askedAt - MIN);
    expect(wroteToBot).toBeLessThan(askedAt);

    // The customer of the taken-over chat writes after the takeover: waiting from that message.
    rt.clock.now += MIN;
    expect((await rt.post(`/api/v1/conversations/${bot.id}/messages`, { text: 'are you a person?' }, auth(bot.token))).status).toBe(200);
    const after = (await mine()).find((r) => r.conversationId === bot.id)!;
    expect(after.waitingSince).toBe(rt.clock.now);
  });
});
