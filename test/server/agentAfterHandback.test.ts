/**
 * newcomer s9 #4: after "Hand back to bot" the agent's open chat stopped updating: the customer's rating and the bot's
 * answer appeared only after a reload, because the hub stopped forwarding the conversation's messages when its handoff
 * closed. A handoff resolved in the last 10 minutes is still followed (until the conversation hands over again).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';
import { openStream } from './agentSse';

afterEach(stopAgentRuntimes);
const ann = agent('ann');

describe('the agent push channel after a hand back', () => {
  it("delivers the customer's next messages and the bot's answers for the handed-back chat", async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    const events = await openStream(`${rt.url}/api/v1/agent/events`, tok(ann));
    expect((await rt.post(`${hid(h.id)}/handback`, {}, tok(ann))).status).toBe(200);
    await rt.tick();

    // The customer goes on with the bot: rates.
    const rate = await rt.post(`/api/v1/conversations/${c.id}/messages`, { choice: 'rate' }, auth(c.token));
    expect(rate.status).toBe(200);
    const f = await events.until((x) => x.event === 'message' && x.data.message?.text === 'How would you rate us, 1 to 5?', 'rating question');
    expect(f.data.handoffId).toBe(h.id);
    await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: '5' }, auth(c.token));
    await events.until((x) => x.event === 'message' && x.data.message?.from === 'customer' && x.data.message.text === '5', 'the rating');
    await events.until((x) => x.event === 'message' && x.data.message?.text === 'Thanks for rating!', "the bot's thanks");
    events.close();
  });
});
