// @vitest-environment jsdom
/**
 * Hostile s11 #9 and #10 (the widget).
 * - #9: a send that reached the server but whose answer was lost, with words typed after it in the box: on reconnect
 *   the whole box went out as a new message with a new Idempotency-Key, and the agent read the complaint twice
 *   (the hostile's component test, kept). Now: catch up first; arrived -> not sent again; not arrived -> sent alone
 *   with its first key; what was typed after it stays in the box.
 * - #10: the frame took 'identify' (the visitor's email for the next conversation), 'opened' and 'closed' from any
 *   window that could reach it, not only the page embedding it.
 */
import './support/setup';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Widget } from '../../renderer/widget/Widget';
import { ChatError, type ChatClient, type ChatEntry, type LinkState } from '../../renderer/widget/chatClient';

const entry = (seq: number, from: ChatEntry['from'], text: string): ChatEntry => ({ id: `c:${seq}`, seq, from, text, at: 1_700_000_000_000 + seq * 1000 });
const down = () => new ChatError('No connection to the chat server. Check your internet connection and try again.', 0, 'network');

/** A server that can be down: sends fail with a network error while `up` is false. */
function server() {
  const log: ChatEntry[] = [entry(1, 'agent', 'Hi, Bob here.')];
  const sent: string[] = [];
  let up = true;
  let arriveThenFail = false;
  const keys: string[] = [];
  let link: ((s: LinkState) => void) | null = null;
  const client: ChatClient = {
    start: vi.fn(async () => ({ conversationId: 'c', token: 't', mode: 'agent', messages: [...log], lastSeq: log.length, resumed: false })),
    restart: vi.fn(),
    send: vi.fn(async (_s, body, key) => {
      if (arriveThenFail) { arriveThenFail = false; const text = 'text' in body ? body.text : body.choice; sent.push(text); keys.push(key); log.push(entry(log.length + 1, 'customer', text)); up = false; throw down(); }
      if (!up) throw down();
      keys.push(key);
      const text = 'text' in body ? body.text : body.choice;
      sent.push(text);
      log.push(entry(log.length + 1, 'customer', text));
      return { mode: 'agent', messages: [], lastSeq: log.length };
    }),
    typing: vi.fn(async () => undefined),
    catchUp: vi.fn(async (_s, after) => {
      if (!up) throw down();
      return { mode: 'agent', messages: log.filter((e) => e.seq > after), lastSeq: log.length };
    }),
    listen: vi.fn((_s, _after, _onEntry, onLink) => {
      link = onLink;
      onLink('live');
      return () => undefined;
    }),
  };
  return {
    client,
    sent,
    keys,
    arriveThenFail: () => { arriveThenFail = true; },
    stop: () => act(() => { up = false; link!('reconnecting'); }),
    restart: () => act(() => { up = true; link!('live'); }),
    /** The server is back, but the push channel never noticed it was gone (no 'live' comes): only the probe sees it. */
    backQuietly: () => { up = true; },
  };
}

describe('resend on reconnect (hostile s11 #9)', () => {
  it('a message that reached the server before the answer was lost, with words typed after it, is not sent twice', async () => {
    const s = server();
    render(<Widget flowId="shop" title="Shop" client={s.client} reconnectProbeMs={60_000} />);
    await screen.findByText('Hi, Bob here.');
    await vi.waitFor(() => expect(s.client.listen).toHaveBeenCalled(), { timeout: 10_000 });
    s.arriveThenFail();
    const box = screen.getByLabelText('Your message') as HTMLTextAreaElement;
    await userEvent.type(box, 'I was charged twice{Enter}');
    await screen.findByRole('alert');
    await userEvent.type(box, ' for order NW-1');
    s.restart();
    await vi.waitFor(() => expect(box.value).toBe('for order NW-1'), { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(s.sent).toEqual(['I was charged twice']);
    // Shown once, and nothing typed is lost: the rest waits in the box for the customer.
    expect(screen.getAllByText('I was charged twice')).toHaveLength(1);
    expect(box.value).toBe('for order NW-1');
  });

  it('a message that did not reach the server is sent once on reconnect, with the key of its first try; words typed after it stay in the box', async () => {
    const s = server();
    render(<Widget flowId="shop" title="Shop" client={s.client} reconnectProbeMs={60_000} />);
    await screen.findByText('Hi, Bob here.');
    await vi.waitFor(() => expect(s.client.listen).toHaveBeenCalled(), { timeout: 10_000 });
    s.stop();
    const box = screen.getByLabelText('Your message') as HTMLTextAreaElement;
    await userEvent.type(box, 'Where is my parcel{Enter}');
    await screen.findByRole('alert');
    const firstKey = (s.client.send as ReturnType<typeof vi.fn>).mock.calls[0][2];
    await userEvent.type(box, ' NW-7');
    s.restart();
    await vi.waitFor(() => expect(s.sent).toEqual(['Where is my parcel']), { timeout: 10_000 });
    expect(s.keys).toEqual([firstKey]);
    await vi.waitFor(() => expect(box.value).toBe('NW-7'), { timeout: 10_000 });
  });
});

describe('messages to the frame from other windows (hostile s11 #10)', () => {
  it('identify, opened and closed are taken from the embedding page only, not from another frame', async () => {
    const started: unknown[] = [];
    const client = {
      start: vi.fn(async (_f: string, id?: unknown) => {
        started.push(id);
        return { conversationId: 'c', token: 't', mode: 'bot', messages: [entry(1, 'bot', 'Hello!')], lastSeq: 1, resumed: false };
      }),
      resume: vi.fn(async () => null),
      restart: vi.fn(),
      send: vi.fn(),
      typing: vi.fn(async () => undefined),
      catchUp: vi.fn(async () => ({ mode: 'bot', messages: [], lastSeq: 1 })),
      listen: vi.fn((_s, _after, _onEntry, onLink: (s: LinkState) => void) => {
        onLink('live');
        return () => undefined;
      }),
    } as unknown as ChatClient;
    // No vouched host (no ?host=, or a no-referrer shop): the origin cannot be checked, the sender window can.
    render(<Widget flowId="shop" title="Shop" client={client} startNow={false} />);
    await vi.waitFor(() => expect(client.resume).toHaveBeenCalled(), { timeout: 10_000 });
    const adFrame = document.createElement('iframe');
    document.body.appendChild(adFrame);
    const other = adFrame.contentWindow!;
    const post = (data: unknown, source: Window) => act(() => window.dispatchEvent(new MessageEvent('message', { data, origin: 'https://ads.example', source })));
    post({ baton: 'identify', identity: { email: 'someone@else.example', name: 'Mallory' } }, other);
    post({ baton: 'opened' }, other);
    await new Promise((r) => setTimeout(r, 100));
    expect(client.start).not.toHaveBeenCalled();
    // The page embedding the frame (here the frame is the top window: its parent is itself).
    post({ baton: 'identify', identity: { name: 'Lee' } }, window.parent);
    post({ baton: 'opened' }, window.parent);
    await vi.waitFor(() => expect(client.start).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect(started[0]).toMatchObject({ profile: { name: 'Lee' } });
    expect((started[0] as { profile: Record<string, unknown> }).profile.email).toBeUndefined();
    expect(JSON.stringify(started)).not.toContain('someone@else');
    adFrame.remove();
  });
});
