/**
 * revrt, session 19 (review of s18's 2852077/f275701, #5): the runtime's previews (the inbox list row's lastMessage,
 * the live list's last message, a search hit) were cut between code points (cutUnits/sliceWhole) while the inbox and
 * widget cut between whole characters (cutPreview): a flag at the cut left a lone regional indicator ("🇬" shown as a
 * letter in a box), a family emoji left a woman with a dangling joiner. One helper now: shared/engine/unicodeText
 * cutPreview. Real HTTP on 127.0.0.1 for the row.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { preview } from '../../runtime/agents/agentLiveList';
import { agent, handoffOf, online, startAgentRuntime, stopAgentRuntimes } from './agentFixtures';
import { auth } from './runtimeFixtures';

afterEach(stopAgentRuntimes);

describe('runtime previews cut between whole characters (revrt #5)', () => {
  it("the live list's preview never keeps half a flag or half a family emoji", () => {
    expect(preview(`${'a'.repeat(156)}🇬🇧 is where I am`)).toBe(`${'a'.repeat(156)}…`);
    expect(preview(`${'a'.repeat(155)}👩‍👧 my daughter`)).toBe(`${'a'.repeat(155)}…`);
    expect(preview('short   text\n')).toBe('short text');
  });

  it("the inbox list row's lastMessage with a flag at the cut", async () => {
    const ann = agent('ann', { name: 'Ann' });
    const rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const text = `${'a'.repeat(136)}🇬🇧 and my order is NW-104233, please hurry`;
    expect((await rt.post(`/api/v1/conversations/${c.id}/messages`, { text }, auth(c.token))).status).toBe(200);
    await rt.tick();
    const row = await handoffOf(rt, c.id, ann);
    expect(row.lastMessage.text).toBe(`${'a'.repeat(136)}…`);
  });
});
