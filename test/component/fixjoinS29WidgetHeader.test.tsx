// @vitest-environment jsdom
/**
 * Session 29 (newcomer s28 N6): a chat the hub assigned automatically is not "with" the agent until she opens it. The
 * widget's header said "You are chatting with Ann" (and the log "A person is in the conversation.") the moment the
 * chat was assigned. While the latest status line says `joined: false`, the header says who is coming ("Ann will be
 * with you shortly"), a waiting bar says she has not opened the chat yet, and that status line is never shown (the bot's
 * "Ann will be with you shortly." says it); once she joins, "You are chatting with Ann" as before.
 */
import './support/setup';
import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Widget } from '../../renderer/widget/Widget';
import type { AgentSignal, ChatClient, ChatEntry } from '../../renderer/widget/chatClient';

afterEach(() => vi.restoreAllMocks());

const at = 1_700_000_000_000;

function pushClient() {
  const ref: { push: ((e: ChatEntry) => void) | null; signal?: (s: AgentSignal) => void } = { push: null };
  const client: ChatClient = {
    start: async () => ({ conversationId: 'c', token: 't', mode: 'waiting', messages: [{ id: 'c:1', seq: 1, from: 'bot', text: "I'm connecting you.", at }], lastSeq: 1, resumed: false }),
    restart: vi.fn(),
    send: vi.fn(),
    typing: async () => undefined,
    catchUp: async () => ({ mode: 'waiting', messages: [], lastSeq: 1 }),
    listen: (_s, _a, onEntry, onLink, onSignal) => {
      ref.push = onEntry;
      ref.signal = onSignal;
      onLink('live');
      return () => undefined;
    },
  };
  return { client, ref };
}

const assigned = (seq: number, joined: boolean | undefined, text: string): ChatEntry => ({
  id: `c:${seq}`,
  seq,
  from: 'system',
  text,
  status: { mode: 'agent', handoff: { id: 'h', status: 'assigned', reason: 'flow', ...(joined === undefined ? {} : { joined }) } },
  at: at + seq * 1000,
});

describe('widget header while an automatically assigned agent has not opened the chat (newcomer s28 N6)', () => {
  it('"Ann will be with you shortly" until she joins, then "You are chatting with Ann"', async () => {
    const { client, ref } = pushClient();
    render(<Widget flowId="shop" title="Help" client={client} />);
    await screen.findByText("I'm connecting you.");
    await vi.waitFor(() => expect(ref.signal).toBeDefined(), { timeout: 10_000 });
    act(() => ref.signal!({ type: 'agent', name: 'Ann' }));
    act(() => ref.push!({ id: 'c:2', seq: 2, from: 'bot', text: 'Ann will be with you shortly.', at: at + 2000 }));
    act(() => ref.push!(assigned(3, false, 'A person will join shortly.')));
    expect(await screen.findByText('Ann will be with you shortly')).toBeInTheDocument();
    expect(screen.queryByText(/You are chatting with/)).toBeNull();
    expect(screen.getByText(/to join\. You can keep writing\./)).toHaveTextContent('Waiting for Ann to join. You can keep writing.');
    expect(screen.queryByText('A person will join shortly.')).toBeNull();

    act(() => ref.push!({ id: 'c:4', seq: 4, from: 'bot', text: 'Ann has joined the chat.', at: at + 4000 }));
    act(() => ref.push!(assigned(5, true, 'A person is in the conversation.')));
    expect(await screen.findByText('You are chatting with Ann')).toBeInTheDocument();
    expect(screen.queryByText('Ann will be with you shortly')).toBeNull();
    expect(screen.queryByText(/Waiting for Ann to join/)).toBeNull();
    expect(screen.getByText('A person is in the conversation.')).toBeInTheDocument();
    // The not-joined status line stays out of the history too: the bot's line above says it.
    expect(screen.queryByText('A person will join shortly.')).toBeNull();
  });

  it('negative: an accepted chat (no joined mark) says "You are chatting with Ann" at once', async () => {
    const { client, ref } = pushClient();
    render(<Widget flowId="shop" title="Help" client={client} />);
    await screen.findByText("I'm connecting you.");
    await vi.waitFor(() => expect(ref.signal).toBeDefined(), { timeout: 10_000 });
    act(() => ref.signal!({ type: 'agent', name: 'Ann' }));
    act(() => ref.push!(assigned(2, undefined, 'A person is in the conversation.')));
    expect(await screen.findByText('You are chatting with Ann')).toBeInTheDocument();
    expect(screen.queryByText(/will be with you shortly/)).toBeNull();
    expect(screen.queryByText(/Waiting for Ann to join/)).toBeNull();
  });
});
