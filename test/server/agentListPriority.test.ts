/**
 * newcomer s9 #8 (inbox side): urgent and high-priority handoffs sat in the list like any other, newest first. The
 * Unassigned and All views now list them first (the order the queue assigns in), then the oldest first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth, shopFlow, startTestRuntime, type TestRuntime } from './runtimeFixtures';
import { agent, flowWithTakeover, tok } from './agentFixtures';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
});
const ann = agent('ann');

describe("the agent's queue order", () => {
  it('urgent first, then high, then normal; oldest first within a priority', async () => {
    const vip = (p: string) => ({ ...flowWithTakeover({ priority: p }), id: `shop-${p}` });
    const r = (rt = await startTestRuntime({ flows: [shopFlow(), vip('urgent'), vip('high')], agents: { agents: [ann] } }));
    await r.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
    const ask = async (flowId: string) => {
      const c = (await r.post(`/api/v1/flows/${flowId}/conversations`, {})).body;
      await r.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'person' }, auth(c.token));
      r.clock.now += 60_000;
      return c.conversationId as string;
    };
    const normal1 = await ask('shop');
    const high = await ask('shop-high');
    const normal2 = await ask('shop');
    const urgent = await ask('shop-urgent');
    for (const view of ['unassigned', 'all']) {
      const rows = (await r.get(`/api/v1/agent/handoffs?view=${view}`, tok(ann))).body.handoffs;
      expect(rows.map((h: any) => h.conversationId), view).toEqual([urgent, high, normal1, normal2]);
      expect(rows.map((h: any) => h.priority)).toEqual(['urgent', 'high', 'normal', 'normal']);
    }
  });
});
