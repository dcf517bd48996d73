/**
 * Hostile s17 H#19 (runtime part, real HTTP): the inbox list row's lastMessage preview was cut at 139 UTF-16 units,
 * so an emoji there was cut in half and a lone surrogate went out in the JSON (the renderer part is fixui's bead821).
 * Now runtime/agents/agentRoutes.ts sliceWhole cuts before the pair.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sliceWhole } from '../../runtime/agents/agentRoutes';
import { agent, handoffOf, online, startAgentRuntime, stopAgentRuntimes } from './agentFixtures';
import { auth } from './runtimeFixtures';

afterEach(stopAgentRuntimes);
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('hostile s17 H#19: previews never hold half an emoji', () => {
  it('sliceWhole moves a cut off the middle of a pair; other cuts unchanged', () => {
    expect(sliceWhole('ab😊cd', 0, 3)).toBe('ab');
    expect(sliceWhole('ab😊cd', 3, 6)).toBe('cd');
    expect(sliceWhole('ab😊cd', 0, 4)).toBe('ab😊');
    expect(sliceWhole('abcdef', 1, 4)).toBe('bcd');
  });

  it("the list row's lastMessage of a customer text with an emoji at the cut", async () => {
    const ann = agent('ann', { name: 'Ann' });
    const rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const text = `${'a'.repeat(138)}😊 and my order is NW-104233, please hurry`;
    expect((await rt.post(`/api/v1/conversations/${c.id}/messages`, { text }, auth(c.token))).status).toBe(200);
    await rt.tick();
    const row = await handoffOf(rt, c.id, ann);
    expect(row.lastMessage.text).toBe(`${'a'.repeat(138)}…`);
    expect(LONE.test(row.lastMessage.text)).toBe(false);
  });
});
