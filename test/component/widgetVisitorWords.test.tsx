// @vitest-environment jsdom
/**
 * Words the widget shows a site's visitors (newcomer s7): a typo in data-flow (#23) shows "Chat is unavailable right
 * now" instead of a developer sentence listing the server's flows (that sentence goes to the browser console), and
 * after a hand back the pill names the agent who held the chat even when she never wrote ("Ann has left the chat",
 * re-test of #7: it read "The person has left the chat").
 */
import './support/setup';
import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHAT_UNAVAILABLE, Widget } from '../../renderer/widget/Widget';
import { ChatError, type AgentSignal, type ChatClient, type ChatEntry } from '../../renderer/widget/chatClient';

afterEach(() => vi.restoreAllMocks());

const at = 1_700_000_000_000;
const failing = (err: Error): ChatClient => ({
  start: vi.fn(async () => Promise.reject(err)),
  restart: vi.fn(async () => Promise.reject(err)),
  send: vi.fn(),
  typing: vi.fn(async () => undefined),
  catchUp: vi.fn(),
  listen: vi.fn(() => () => undefined),
});

describe('widget: what visitors read', () => {
  it('an unknown data-flow: visitors read "Chat is unavailable right now"; the console names the flow and the fix', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const precise = 'No flow "customer-suport" is served here; served flows: customer-support.';
    render(<Widget flowId="customer-suport" title="Help" client={failing(new ChatError(precise, 404, 'flow_not_found'))} />);
    expect(await screen.findByRole('alert')).toHaveTextContent(CHAT_UNAVAILABLE);
    expect(screen.queryByText(/served flows/)).toBeNull();
    expect(consoleError).toHaveBeenCalledWith(`Baton chat widget: ${precise} Check data-flow="..." on the widget's script tag.`);
  });

  it('other errors (no connection) are still said as they are', async () => {
    const down = new ChatError('No connection to the chat server. Check your internet connection and try again.', 0, 'network');
    render(<Widget flowId="shop" title="Help" client={failing(down)} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('No connection to the chat server');
  });

  it('after a hand back, the pill names the agent who held the chat though she never wrote', async () => {
    let push: ((e: ChatEntry) => void) | null = null;
    let signal: ((s: AgentSignal) => void) | undefined;
    const client: ChatClient = {
      start: async () => ({ conversationId: 'c', token: 't', mode: 'waiting', messages: [{ id: 'c:1', seq: 1, from: 'bot', text: "I'm connecting you.", at }], lastSeq: 1, resumed: false }),
      restart: vi.fn(),
      send: vi.fn(),
      typing: async () => undefined,
      catchUp: async () => ({ mode: 'waiting', messages: [], lastSeq: 1 }),
      listen: (_s, _a, onEntry, onLink, onSignal) => {
        push = onEntry;
        signal = onSignal;
        onLink('live');
        return () => undefined;
      },
    };
    render(<Widget flowId="shop" title="Help" client={client} />);
    await screen.findByText("I'm connecting you.");
    await vi.waitFor(() => expect(signal).toBeDefined(), { timeout: 10_000 });
    act(() => signal!({ type: 'agent', name: 'Ann' }));
    act(() => push!({ id: 'c:2', seq: 2, from: 'system', text: 'A person is in the conversation.', status: { mode: 'agent', handoff: { id: 'h', status: 'assigned', reason: 'flow' } }, at: at + 1000 }));
    expect(await screen.findByText('You are chatting with Ann')).toBeInTheDocument();
    // Ann hands back without a word: the holder becomes nobody, then the resolved pill comes.
    act(() => signal!({ type: 'agent', name: null }));
    act(() => push!({ id: 'c:3', seq: 3, from: 'system', text: '', status: { mode: 'bot', handoff: { id: 'h', status: 'resolved', reason: 'flow', ended: 'handback' } }, at: at + 9000 }));
    // Session 43 (newcomer s42 N13): in the inbox's words, a hand back says so (was "Ann has left the chat").
    expect(await screen.findByText('Ann handed the chat back to the bot')).toBeInTheDocument();
    expect(screen.queryByText('The chat is back with the bot')).toBeNull();
  });
});
