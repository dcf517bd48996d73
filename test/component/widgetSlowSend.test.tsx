// @vitest-environment jsdom
/**
 * Enter while the previous message is still on its way (newcomer s7 #26: on a slow connection nothing happened and
 * nothing said why): the widget says the new message follows, sends it when the first is through, and loses no text
 * when the first fails.
 */
import './support/setup';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Widget } from '../../renderer/widget/Widget';
import { ChatError, type ChatClient, type ChatEntry, type ChatSnapshot } from '../../renderer/widget/chatClient';

const at = 1_700_000_000_000;

/** A client whose sends wait until the test lets each one through (or fail it). */
function slowClient() {
  const sent: unknown[] = [];
  const gates: Array<{ ok: (s: ChatSnapshot) => void; fail: (e: Error) => void }> = [];
  let seq = 1;
  const client: ChatClient = {
    start: async () => ({ conversationId: 'c', token: 't', mode: 'bot', messages: [{ id: 'c:1', seq: 1, from: 'bot', text: 'What can I help you with?', at } as ChatEntry], lastSeq: 1, resumed: false }),
    restart: vi.fn(),
    send: vi.fn((_s, body) => {
      sent.push(body);
      return new Promise<ChatSnapshot>((ok, fail) => gates.push({ ok, fail }));
    }),
    typing: async () => undefined,
    catchUp: async () => ({ mode: 'bot', messages: [], lastSeq: seq }),
    listen: (_s, _a, _e, onLink) => (onLink('live'), () => undefined),
  };
  const answer = (text: string) => {
    seq += 2;
    gates.shift()!.ok({ mode: 'bot', messages: [{ id: `c:${seq}`, seq, from: 'bot', text, at: at + seq }], lastSeq: seq });
  };
  return { client, sent, gates, answer };
}

describe('widget: Enter while the previous message is on its way', () => {
  it('says the new message follows, then sends it once the first is through', async () => {
    const c = slowClient();
    render(<Widget flowId="shop" title="Shop" client={c.client} />);
    const box = await screen.findByRole('textbox', { name: 'Your message' });
    await screen.findByText('What can I help you with?');
    await userEvent.type(box, 'Shipping{Enter}');
    await vi.waitFor(() => expect(c.sent).toEqual([{ text: 'Shipping' }]), { timeout: 10_000 });
    await userEvent.type(box, 'Returns too{Enter}');
    expect(await screen.findByText('Sending your previous message… this one follows as soon as it is through.')).toBeInTheDocument();
    expect(box).toHaveValue('Returns too');
    expect(c.sent).toHaveLength(1);

    c.answer('Shipping takes 2-3 days.');
    await vi.waitFor(() => expect(c.sent).toEqual([{ text: 'Shipping' }, { text: 'Returns too' }]), { timeout: 10_000 });
    expect(box).toHaveValue('');
    expect(screen.queryByText(/this one follows/)).toBeNull();
    c.answer('Returns are free.');
    await screen.findByText('Returns are free.');
    expect(c.sent).toHaveLength(2);
  });

  it('a first send that fails: nothing else is sent, and both texts are back in the box', async () => {
    const c = slowClient();
    render(<Widget flowId="shop" title="Shop" client={c.client} />);
    const box = await screen.findByRole('textbox', { name: 'Your message' });
    await screen.findByText('What can I help you with?');
    await userEvent.type(box, 'Shipping{Enter}');
    await vi.waitFor(() => expect(c.gates).toHaveLength(1), { timeout: 10_000 });
    await userEvent.type(box, 'Returns too{Enter}');
    await screen.findByText(/this one follows/);
    c.gates.shift()!.fail(new ChatError('The chat server answered 500.', 500, 'internal'));
    await screen.findByText('The chat server answered 500.');
    await vi.waitFor(() => expect(box).toHaveValue('Shipping\nReturns too'), { timeout: 10_000 });
    expect(c.sent).toEqual([{ text: 'Shipping' }]);
    expect(screen.queryByText(/this one follows/)).toBeNull();
  });
});
