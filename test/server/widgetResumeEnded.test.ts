/**
 * The widget's client against a real runtime (HTTP on 127.0.0.1): a page reload after the chat ended (an agent
 * pressed Resolve) shows the same ended chat, with the agent's last answer, instead of silently starting a new
 * conversation (newcomer s7 #1). A new conversation starts only when the customer asks for it (restart).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createChatClient } from '../../renderer/widget/chatClient';
import { agent, handoffOf, hid, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann');

/** localStorage as the browser keeps it across reloads (one Map shared by every "page load"). */
function browserStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

describe('widget reload after an ended chat', () => {
  it('shows the ended chat with the agent\'s last answer; a new conversation starts only on request', async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
    const storage = browserStorage();

    // First page load: the customer asks for a person, Ann answers and resolves the chat.
    const page1 = createChatClient({ baseUrl: rt.url, storage });
    const s = await page1.start('shop');
    expect(s.resumed).toBe(false);
    const asked = await page1.send(s, { choice: 'person' });
    expect(asked.mode).toBe('waiting');
    const h = await handoffOf(rt, s.conversationId);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Your tracking number is NW-777123.' }, tok(ann))).status).toBe(200);
    expect((await rt.post(`${hid(h.id)}/resolve`, {}, tok(ann))).status).toBe(200);
    const before = await page1.catchUp(s, 0);
    expect(before.mode).toBe('closed');

    // Reload: a new page, same localStorage. The ended chat comes back whole, nothing new is created.
    const page2 = createChatClient({ baseUrl: rt.url, storage });
    const again = await page2.start('shop');
    expect(again).toMatchObject({ conversationId: s.conversationId, mode: 'closed', resumed: true });
    expect(again.messages.map((m) => m.seq)).toEqual(before.messages.map((m) => m.seq));
    expect(again.messages.some((m) => m.from === 'agent' && m.text === 'Your tracking number is NW-777123.')).toBe(true);
    // A third load (coming back later) still shows it: reloading never throws the transcript away.
    const page3 = createChatClient({ baseUrl: rt.url, storage });
    expect((await page3.start('shop')).conversationId).toBe(s.conversationId);
    const live = (await rt.get('/api/v1/agent/conversations?mode=bot', tok(ann))).body.total;
    expect(live).toBe(0); // no bot conversation was started behind the customer's back

    // "Start a new chat": a fresh conversation, remembered for the next reload.
    const fresh = await page3.restart('shop');
    expect(fresh.conversationId).not.toBe(s.conversationId);
    expect(fresh.mode).toBe('bot');
    const page4 = createChatClient({ baseUrl: rt.url, storage });
    expect(await page4.start('shop')).toMatchObject({ conversationId: fresh.conversationId, mode: 'bot', resumed: true });
  });
});
