// @vitest-environment jsdom
/**
 * Newcomer s9 #6: with the chat server down (a restart), the widget said "Check your internet connection" (the
 * customer's internet was fine) and the message typed meanwhile stayed in the box, unsent, after the reconnect, although
 * the banner promised "Your messages are safe". Now the line says the chat server cannot be reached and that the
 * message will be sent, and it is sent when the connection is back.
 */
import './support/setup';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SEND_WAITS_FOR_CONNECTION, Widget } from '../../renderer/widget/Widget';
import { ChatError, type ChatClient, type ChatEntry, type LinkState } from '../../renderer/widget/chatClient';

const entry = (seq: number, from: ChatEntry['from'], text: string): ChatEntry => ({ id: `c:${seq}`, seq, from, text, at: 1_700_000_000_000 + seq * 1000 });
const down = () => new ChatError('No connection to the chat server. Check your internet connection and try again.', 0, 'network');

/** A server that can be down: sends fail with a network error while `up` is false. */
function server() {
  const log: ChatEntry[] = [entry(1, 'agent', 'Hi, Bob here.')];
  const sent: string[] = [];
  let up = true;
  let link: ((s: LinkState) => void) | null = null;
  const client: ChatClient = {
    start: vi.fn(async () => ({ conversationId: 'c', token: 't', mode: 'agent', messages: [...log], lastSeq: log.length, resumed: false })),
    restart: vi.fn(),
    send: vi.fn(async (_s, body) => {
      if (!up) throw down();
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
    stop: () => act(() => { up = false; link!('reconnecting'); }),
    restart: () => act(() => { up = true; link!('live'); }),
    /** The server is back, but the push channel never noticed it was gone (no 'live' comes): only the probe sees it. */
    backQuietly: () => { up = true; },
  };
}

describe('widget: the chat server is down (newcomer s9 #6)', () => {
  it('says the chat server cannot be reached (not "your internet") and sends the message on reconnect', async () => {
    const s = server();
    render(<Widget flowId="shop" title="Shop" client={s.client} reconnectProbeMs={60_000} />);
    await screen.findByText('Hi, Bob here.');
    await vi.waitFor(() => expect(s.client.listen).toHaveBeenCalled(), { timeout: 10_000 });
    s.stop();
    await userEvent.type(screen.getByLabelText('Your message'), 'hello? are you still there?{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(SEND_WAITS_FOR_CONNECTION);
    expect(alert).not.toHaveTextContent(/internet/i);
    expect(screen.getByLabelText('Your message')).toHaveValue('hello? are you still there?'); // kept while it waits
    expect(s.sent).toEqual([]);
    s.restart();
    await waitFor(() => expect(s.sent).toEqual(['hello? are you still there?']));
    await screen.findByText('hello? are you still there?');
    expect(screen.getByLabelText('Your message')).toHaveValue('');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('the probe noticing the server is back also sends it', async () => {
    const s = server();
    render(<Widget flowId="shop" title="Shop" client={s.client} reconnectProbeMs={50} />);
    await screen.findByText('Hi, Bob here.');
    await act(async () => { vi.mocked(s.client.send).mockRejectedValueOnce(down()).mockRejectedValueOnce(down()); });
    await userEvent.type(screen.getByLabelText('Your message'), 'my order NW-1{Enter}');
    await screen.findByRole('alert');
    s.backQuietly();
    await waitFor(() => expect(s.sent).toEqual(['my order NW-1']));
  });

  it('a message the customer changed while waiting is not sent on its own', async () => {
    const s = server();
    render(<Widget flowId="shop" title="Shop" client={s.client} reconnectProbeMs={60_000} />);
    await screen.findByText('Hi, Bob here.');
    await vi.waitFor(() => expect(s.client.listen).toHaveBeenCalled(), { timeout: 10_000 });
    s.stop();
    const box = screen.getByLabelText('Your message');
    await userEvent.type(box, 'cancel my order{Enter}');
    await screen.findByRole('alert');
    await userEvent.clear(box);
    await userEvent.type(box, 'never mind');
    s.restart();
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(s.sent).toEqual([]);
    expect(box).toHaveValue('never mind');
  });
});
