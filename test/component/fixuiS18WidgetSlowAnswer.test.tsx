// @vitest-environment jsdom
/**
 * fixui, session 18 (newcomer s18 N#10): on a slow network the bot's answer ("Anything else I can help with? [Yes |
 * No, that's all]") came by the push channel, but the typing dots stayed under it and Yes / No were greyed out until
 * the send's own answer returned (12 s in the newcomer's run). Now the pushed answer ends the dots and its choices work;
 * a choice clicked while the send is still on its way is shown as chosen and sent once it is through.
 */
import './support/setup';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Widget } from '../../renderer/widget/Widget';
import type { ChatClient, ChatEntry, ChatSnapshot } from '../../renderer/widget/chatClient';

const at = 1_700_000_000_000;

describe('widget: the bot answered by push while the send is slow (newcomer s18 N#10)', () => {
  it('no dots, the choices can be clicked, and a click goes once the send is through', async () => {
    const sent: unknown[] = [];
    const gates: Array<(s: ChatSnapshot) => void> = [];
    let push: ((e: ChatEntry) => void) | null = null;
    const client: ChatClient = {
      start: async () => ({ conversationId: 'c', token: 't', mode: 'bot', messages: [{ id: 'c:1', seq: 1, from: 'bot', text: 'What can I help you with?', at } as ChatEntry], lastSeq: 1, resumed: false }),
      restart: vi.fn(),
      send: vi.fn((_s, body) => {
        sent.push(body);
        return new Promise<ChatSnapshot>((ok) => gates.push(ok));
      }),
      typing: async () => undefined,
      catchUp: async () => ({ mode: 'bot', messages: [], lastSeq: 1 }),
      listen: (_s, _a, onEntry, onLink) => {
        push = onEntry;
        onLink('live');
        return () => undefined;
      },
    };
    render(<Widget flowId="shop" title="Shop" client={client} />);
    const box = await screen.findByRole('textbox', { name: 'Your message' });
    await screen.findByText('What can I help you with?');
    await userEvent.type(box, 'Shipping costs to Canada?{Enter}');
    await vi.waitFor(() => expect(sent).toHaveLength(1), { timeout: 10_000 });
    expect(screen.getByLabelText('The bot is typing')).toBeInTheDocument();

    const answer: ChatEntry[] = [
      { id: 'c:2', seq: 2, from: 'customer', text: 'Shipping costs to Canada?', at: at + 2 } as ChatEntry,
      { id: 'c:3', seq: 3, from: 'bot', text: 'Shipping to Canada costs 12.', at: at + 3 } as ChatEntry,
      { id: 'c:4', seq: 4, from: 'bot', text: 'Anything else I can help with?', buttons: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: "No, that's all" }], at: at + 4 } as ChatEntry,
    ];
    await act(async () => answer.forEach((e) => push!(e)));
    await screen.findByText('Anything else I can help with?');
    expect(screen.queryByLabelText('The bot is typing')).toBeNull();
    const no = screen.getByRole('button', { name: "No, that's all" });
    expect(no).toBeEnabled();

    await userEvent.click(no);
    expect(no).toHaveAttribute('aria-pressed', 'true');
    expect(sent).toHaveLength(1); // the first send is still on its way
    await act(async () => gates.shift()!({ mode: 'bot', messages: answer, lastSeq: 4 }));
    await vi.waitFor(() => expect(sent).toEqual([{ text: 'Shipping costs to Canada?' }, { choice: 'no' }]), { timeout: 10_000 });
  });
});
