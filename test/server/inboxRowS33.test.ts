/**
 * Newcomer s32 #6: the row of a chat waiting for a person previewed the bot's "will be with you shortly" line rather
 * than what the customer wrote; the list shows the customer's (or an agent's) last words. The waiting chip's time is in
 * test/component/inboxRowS33.test.tsx.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);
const ann = agent('ann');

describe("a waiting chat's row", () => {
  it("previews the customer's last message, not the bot's lines since the request", async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    const botSaid = (c.reply.messages as Array<{ from: string; text: string }>).filter((m) => m.from === 'bot').map((m) => m.text);
    expect(botSaid.length).toBeGreaterThan(0);
    const rowNow = async () => ((await rt.get('/api/v1/agent/handoffs?view=unassigned', tok(ann))).body.handoffs as any[]).find((r) => r.conversationId === c.id);
    // Right after the request the bot's lines are the latest; the row shows what the customer chose.
    expect((await rowNow()).lastMessage.from).toBe('customer');
    const asked = rt.clock.now;
    rt.clock.now += 60_000;
    await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: 'hello? are you still there?' }, auth(c.token));
    const row = await rowNow();
    expect(row.lastMessage).toMatchObject({ from: 'customer', text: 'hello? are you still there?' });
    expect(row.waitingSince).toBe(asked); // waiting since the request, not since the latest message
  });

  it("previews the customer's words, not the queue's lines (from 'system')", async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(ann));
    await rt.customerWantsPerson();
    const c = await rt.customerWantsPerson();
    for (let i = 0; i < 5; i++) {
      rt.clock.now += 30_000;
      // Session 46 (apisec, newcomer s46 N2): Ann's inbox stays open (a request is her heartbeat); one put offline by
      // inactivity would leave nobody to serve the queue, which now takes No agent.
      await rt.get('/api/v1/agent/handoffs?view=unassigned', tok(ann));
      await rt.tick();
    }
    const log = (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages as Array<{ from: string; text: string }>;
    const last = log.filter((m) => m.text.trim() !== '').at(-1)!;
    expect(last.from).toBe("system");
    const row = ((await rt.get('/api/v1/agent/handoffs?view=unassigned', tok(ann))).body.handoffs as any[]).find((r) => r.conversationId === c.id);
    expect(row.lastMessage.from).toBe("customer");
  });
});
