// @vitest-environment jsdom
/**
 * Reading order of the handoff's status lines in the widget (newcomer s7 #7): the bot's "I'm connecting you..."
 * comes before "Waiting for a person.", and "Ann has joined the chat." before "A person is in the conversation."
 * (the runtime stores them in that order, in one step with one timestamp). The handback's "Ann has left the chat"
 * still comes before the bot's rating question (newcomer s6 #8).
 */
import './support/setup';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Widget } from '../../renderer/widget/Widget';
import type { ChatClient, ChatEntry } from '../../renderer/widget/chatClient';

const at = 1_700_000_000_000;
const handoff = (status: string, mode: string) => ({ mode, handoff: { id: 'h1', status, reason: 'explicit_request' } });

/** The transcript as GET /api/v1/conversations/:id gives it after a handoff and a join (seq order, shared timestamps). */
const TRANSCRIPT: ChatEntry[] = [
  { id: 'c:1', seq: 1, from: 'bot', text: 'What do you need?', at },
  { id: 'c:2', seq: 2, from: 'customer', text: 'I want to talk to a human', at: at + 1000 },
  { id: 'c:3', seq: 3, from: 'bot', text: "I'm connecting you with someone from our team.", at: at + 1000 },
  { id: 'c:4', seq: 4, from: 'system', text: 'Waiting for a person.', status: handoff('pending', 'waiting'), at: at + 1000 },
  { id: 'c:5', seq: 5, from: 'bot', text: 'Ann from Northwind Goods has joined the chat.', at: at + 4000 },
  { id: 'c:6', seq: 6, from: 'system', text: 'A person is in the conversation.', status: handoff('assigned', 'agent'), at: at + 4000 },
  { id: 'c:7', seq: 7, from: 'agent', name: 'Ann', text: 'Hello, Ann here.', at: at + 9000 },
  { id: 'c:8', seq: 8, from: 'bot', text: 'Before you go: how would you rate this chat?', at: at + 20_000 },
  { id: 'c:9', seq: 9, from: 'system', text: '', status: handoff('resolved', 'bot'), at: at + 20_000 },
];

function client(messages: ChatEntry[]): ChatClient {
  return {
    start: async () => ({ conversationId: 'c', token: 't', mode: 'bot', messages, lastSeq: messages.length, resumed: true }),
    restart: async () => {
      throw new Error('not used');
    },
    send: async () => {
      throw new Error('not used');
    },
    typing: async () => undefined,
    catchUp: async () => ({ mode: 'bot', messages: [], lastSeq: messages.length }),
    listen: (_s, _a, _e, onLink) => (onLink('live'), () => undefined),
  };
}

const before = (a: HTMLElement, b: HTMLElement) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);

describe('widget: handoff status lines in reading order', () => {
  it('the bot announces, then the status line follows; the leaving line still precedes the rating question', async () => {
    render(<Widget flowId="shop" title="Shop" client={client(TRANSCRIPT)} />);
    const connecting = await screen.findByText(/I'm connecting you/);
    const waiting = screen.getByText('Waiting for a person.');
    const joined = screen.getByText('Ann from Northwind Goods has joined the chat.');
    // Session 36: the join message says it; its status line "A person is in the conversation." is not said again.
    expect(screen.queryByText('A person is in the conversation.')).toBeNull();
    const hello = screen.getByText('Hello, Ann here.');
    const left = screen.getByText('Ann marked this chat as resolved'); // session 43: was "Ann has left the chat" (newcomer s42 N13)
    const rating = screen.getByText(/how would you rate this chat/);
    expect(before(connecting, waiting)).toBe(true);
    expect(before(waiting, joined)).toBe(true);
    expect(before(joined, hello)).toBe(true);
    expect(before(hello, left)).toBe(true);
    expect(before(left, rating)).toBe(true);
  });
});
