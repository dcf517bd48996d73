/**
 * Newcomer s17 N#13: a customer's question answered by the bot at 16:55, a person asked for at 17:00: a minute later
 * the inbox row said "waiting 6 min" (waitingSince was her 16:55 question). Now never before the handoff's request.
 * Hostile s18 H#16 (runtime part): the live list's last-message preview cut an emoji in two at 159 units.
 * Real HTTP on 127.0.0.1, manual clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { preview } from '../../runtime/agents/agentLiveList';
import { auth } from './runtimeFixtures';
import { agent, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann', { name: 'Ann' });

describe('newcomer s17 N#13: waiting since the request for a person', () => {
  it('a question the bot answered five minutes before does not count as waiting', async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    const c = await rt.post('/api/v1/flows/shop/conversations', {});
    const first = await rt.post(`/api/v1/conversations/${c.body.conversationId}/messages`, { text: 'Shipping costs to Canada?' }, auth(c.body.token));
    expect(first.status).toBe(200);
    const askedAt = rt.clock.now;
    rt.clock.now += 5 * 60_000;
    // Session 46 (apisec, newcomer s46 N2): a manual queue nobody online can serve takes No agent; Ann's inbox is open (a
    // request is her heartbeat), so she is still online after the five minutes the test's clock jumped.
    await online(rt, ann);
    const requested = rt.clock.now;
    expect((await rt.post(`/api/v1/conversations/${c.body.conversationId}/messages`, { choice: 'person' }, auth(c.body.token))).status).toBe(200);
    rt.clock.now += 60_000;
    await rt.tick();
    const row = (await rt.get('/api/v1/agent/handoffs?view=all', tok(ann))).body.handoffs.find((h: any) => h.conversationId === c.body.conversationId);
    expect(row).toBeDefined();
    expect(row.waitingSince).not.toBeNull();
    expect(row.waitingSince).toBeGreaterThan(askedAt);
    expect(row.waitingSince).toBeGreaterThanOrEqual(requested);
    expect(rt.clock.now - row.waitingSince).toBeLessThanOrEqual(60_000);
  });
});

describe('hostile s18 H#16: the live list preview keeps emoji whole', () => {
  it('an emoji across the 159-unit cut is left out whole, never halved', () => {
    for (const lead of [157, 158, 159]) {
      const p = preview('a'.repeat(lead) + '😀 and more text after it');
      expect(p.endsWith('…')).toBe(true);
      expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(p)).toBe(false);
      expect(p.length).toBeLessThanOrEqual(160);
    }
  });
});
