// @vitest-environment jsdom
/**
 * Session 36 (newcomer s35, cosmetic): the widget said each handoff event twice, a line in words and a status pill
 * under it: "Ann from the team joined the conversation." + "A person is in the conversation.", "Ann handed the
 * conversation back to the bot." + "Ann has left the chat", and (a Human Takeover block) "Ann from Northwind Goods has
 * joined the chat." + "A person is in the conversation.". One line per event. The transcripts below are the ones a
 * real runtime stored (test/e2e shots, session 36: seq, from, text, status, and one timestamp per step).
 */
import './support/setup';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Widget } from '../../renderer/widget/Widget';
import type { ChatClient, ChatEntry } from '../../renderer/widget/chatClient';

const at = 1_796_517_198_531;
const st = (status: string, mode: string, reason = 'explicit_request') => ({ mode, handoff: { id: 'c:h1', status, reason } });
const e = (seq: number, from: ChatEntry['from'], text: string, t: number, extra: Partial<ChatEntry> = {}): ChatEntry => ({ id: `c:${seq}`, seq, from, text, at: at + t, ...extra });

/** Live → Take over, a reply, hand back (agentTakeover.ts lines; the runtime's status lines). */
const TAKEOVER: ChatEntry[] = [
  e(1, 'bot', 'What can I help you with?', 0),
  e(2, 'customer', 'Where is my parcel?', 300),
  e(3, 'bot', "What's your order number?", 300),
  e(4, 'system', 'Ann from the team joined the conversation.', 1300),
  e(5, 'system', 'A person is in the conversation.', 1300, { status: st('assigned', 'agent', 'flow') }),
  e(6, 'agent', 'Hi! Ann here.', 1400, { name: 'Ann' }),
  e(7, 'system', 'Ann handed the conversation back to the bot.', 2100),
  e(8, 'bot', "What's your order number?", 2100),
  e(9, 'system', 'The bot is answering.', 2100, { status: st('resolved', 'bot', 'flow') }),
];

/** A Human Takeover block: the customer asks, Ann accepts, replies and hands back; the bot asks for a rating. */
const BLOCK: ChatEntry[] = [
  e(1, 'bot', 'What can I help you with?', 0),
  e(2, 'customer', 'I want to talk to a human', 300),
  e(3, 'bot', "I'm connecting you with someone from our customer service team.", 300),
  e(4, 'system', 'Waiting for a person.', 300, { status: st('pending', 'waiting') }),
  e(5, 'bot', 'Ann from Northwind Goods has joined the chat.', 500),
  e(6, 'system', 'A person is in the conversation.', 500, { status: st('assigned', 'agent') }),
  e(7, 'agent', 'Hi, Ann here.', 600, { name: 'Ann' }),
  e(8, 'bot', 'Before you go: how would you rate this chat?', 1200),
  e(9, 'system', 'The bot is answering.', 1200, { status: st('resolved', 'bot') }),
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

/** The log's lines as the customer reads them, in order. */
const lines = () => [...document.querySelectorAll('.bw-log > li')].map((li) => li.textContent?.trim() ?? '');

describe('widget: one line per handoff event', () => {
  it('a live takeover: joined once, handed back once', async () => {
    render(<Widget flowId="shop" title="Shop" client={client(TAKEOVER)} />);
    await screen.findByText('Hi! Ann here.');
    expect(lines().filter((l) => /joined|A person is in the conversation/.test(l))).toEqual(['Ann from the team joined the conversation.']);
    expect(lines().filter((l) => /handed the conversation back|has left the chat/.test(l))).toEqual(['Ann handed the conversation back to the bot.']);
  });

  it('a Human Takeover block: the join message alone; its hand back keeps "Ann has left the chat" (nothing else says it)', async () => {
    render(<Widget flowId="shop" title="Shop" client={client(BLOCK)} />);
    await screen.findByText('Hi, Ann here.');
    expect(lines().filter((l) => /joined|A person is in the conversation/.test(l))).toEqual(['Ann from Northwind Goods has joined the chat.']);
    expect(lines().filter((l) => /has left the chat/.test(l))).toEqual(['Ann has left the chat']);
    // The waiting line is its own event (the wait), kept in the history as before.
    expect(lines()).toContain('Waiting for a person.');
  });

  it('a join with no words of its own (the block\'s join message left empty): the status line still says it', async () => {
    const silent = BLOCK.filter((x) => x.seq !== 5);
    render(<Widget flowId="shop" title="Shop" client={client(silent)} />);
    await screen.findByText('Hi, Ann here.');
    expect(lines()).toContain('A person is in the conversation.');
  });
});
