/**
 * Hostile s9 #18: the widget frame posted the agent's unread preview to whatever origin its `?host=` named, and a site
 * that framed /widget/ (where third-party storage is not partitioned) resumed the conversation the visitor had on the
 * shop's page. The frame now believes `?host=` only when the browser vouches for the embedding page
 * (ancestorOrigins / referrer) and keeps the chat per embedding page. Driven through the real chat client over a fake
 * server, with one storage shared by every frame (a browser that does not partition it).
 */
import { describe, expect, it } from 'vitest';
import { createChatClient } from '../../../renderer/widget/chatClient';
import { scopedStorage, storageScope, trustedHostOrigin, type EmbedFacts } from '../../../renderer/widget/embedHost';

function memoryStorage() {
  const m = new Map<string, string>();
  return { m, getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

/** A chat server that creates conversations and answers catch-ups for the ones it made. */
function fakeServer() {
  const convs = new Map<string, string>();
  let n = 0;
  const fakeFetch = (async (url: string, init?: RequestInit): Promise<Response> => {
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (init?.method === 'POST' && /\/conversations$/.test(url)) {
      const id = `c${++n}`;
      convs.set(id, `t${n}`);
      return json(201, { conversationId: id, token: `t${n}`, mode: 'bot', messages: [{ seq: 1, from: 'bot', text: 'Hi' }] });
    }
    const m = /\/conversations\/([^/?]+)\?after=/.exec(url);
    if (m && convs.has(m[1])) return json(200, { mode: 'agent', messages: [{ seq: 2, from: 'agent', text: 'Bob: your refund of 240 EUR to 12 Rose St' }], lastSeq: 2 });
    return json(404, { error: 'not_found', message: 'no such conversation' });
  }) as unknown as typeof globalThis.fetch;
  return { fetch: fakeFetch, convs };
}

const frame = (page: string, claimed: string, how: 'ancestor' | 'referrer' = 'ancestor'): EmbedFacts =>
  how === 'ancestor' ? { framed: true, claimedHost: claimed, ancestorOrigins: [page], referrer: '' } : { framed: true, claimedHost: claimed, ancestorOrigins: undefined, referrer: `${page}/checkout?step=2` };

function widgetIn(facts: EmbedFacts, shared: ReturnType<typeof memoryStorage>, server: ReturnType<typeof fakeServer>) {
  return { host: trustedHostOrigin(facts), client: createChatClient({ baseUrl: 'https://chat.example', storage: scopedStorage(shared, storageScope(facts)), fetch: server.fetch }) };
}

describe('widget frame: which page embeds it (hostile s9 #18)', () => {
  it("a site framing the widget does not resume the shop visitor's conversation nor get its previews", async () => {
    const shared = memoryStorage();
    const server = fakeServer();
    const shop = widgetIn(frame('https://shop.example', 'https://shop.example'), shared, server);
    expect(shop.host).toBe('https://shop.example');
    const started = await shop.client.start('cs');
    expect(started.resumed).toBe(false);
    // The shop page reloads: its chat comes back.
    const again = await widgetIn(frame('https://shop.example', 'https://shop.example'), shared, server).client.resume!('cs');
    expect(again?.conversationId).toBe(started.conversationId);

    // evil.example frames /widget/?host=https://evil.example (its own origin, so the browser vouches for it).
    const evil = widgetIn(frame('https://evil.example', 'https://evil.example'), shared, server);
    expect(evil.host).toBe('https://evil.example');
    expect(await evil.client.resume!('cs')).toBeNull();
    const own = await evil.client.start('cs');
    expect(own.conversationId).not.toBe(started.conversationId);
    // ...and the shop's chat is still the shop's.
    expect((await widgetIn(frame('https://shop.example', 'https://shop.example'), shared, server).client.resume!('cs'))?.conversationId).toBe(started.conversationId);
  });

  it('?host= naming another page than the one the browser vouches for gets no host (no preview is posted)', () => {
    expect(trustedHostOrigin(frame('https://evil.example', 'https://shop.example'))).toBeUndefined();
    expect(trustedHostOrigin(frame('https://evil.example', 'https://shop.example', 'referrer'))).toBeUndefined();
    // Firefox has no ancestorOrigins: the referrer's origin vouches (a path and query do not matter).
    expect(trustedHostOrigin(frame('https://shop.example', 'https://shop.example', 'referrer'))).toBe('https://shop.example');
    // No referrer (Referrer-Policy: no-referrer) and no ancestorOrigins: nothing vouches, so no host.
    expect(trustedHostOrigin({ framed: true, claimedHost: 'https://shop.example', referrer: '' })).toBeUndefined();
    // An empty ancestor list (the frame was moved or the browser hides it) does not fall back to the referrer.
    expect(trustedHostOrigin({ framed: true, claimedHost: 'https://shop.example', ancestorOrigins: [], referrer: 'https://shop.example/' })).toBeUndefined();
    expect(trustedHostOrigin({ framed: true, claimedHost: 'javascript:alert(1)', ancestorOrigins: ['https://shop.example'] })).toBeUndefined();
    expect(trustedHostOrigin({ framed: false, claimedHost: 'https://shop.example', ancestorOrigins: ['https://shop.example'] })).toBeUndefined();
  });

  it('frames nobody vouches for share one scope apart from every real page; the widget opened on its own keeps the plain keys', async () => {
    const shared = memoryStorage();
    const server = fakeServer();
    const shopChat = await widgetIn(frame('https://shop.example', 'https://shop.example'), shared, server).client.start('cs');
    const hidden = widgetIn({ framed: true, claimedHost: 'https://shop.example', referrer: '' }, shared, server);
    expect(hidden.host).toBeUndefined();
    expect(await hidden.client.resume!('cs')).toBeNull();
    // Not framed (the /widget/ page opened directly, as before this change): plain key.
    const alone = createChatClient({ baseUrl: 'https://chat.example', storage: scopedStorage(shared, storageScope({ framed: false, claimedHost: null })), fetch: server.fetch });
    const s = await alone.start('cs');
    expect(shared.m.has('baton.widget.cs')).toBe(true);
    expect(s.conversationId).not.toBe(shopChat.conversationId);
  });
});
