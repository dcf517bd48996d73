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
import { handoffTranscripts } from './support/handoffTranscripts';

/** The transcripts a real runtime stored (shared with the inbox's test: support/handoffTranscripts). */
const { TAKEOVER, BLOCK } = handoffTranscripts(1_796_517_198_531, 'c:h1') as { TAKEOVER: ChatEntry[]; BLOCK: ChatEntry[] };

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

  it('a Human Takeover block: the join message alone; its end keeps a line naming Ann (nothing else says it; session 43: in the inbox\'s words)', async () => {
    render(<Widget flowId="shop" title="Shop" client={client(BLOCK)} />);
    await screen.findByText('Hi, Ann here.');
    expect(lines().filter((l) => /joined|A person is in the conversation/.test(l))).toEqual(['Ann from Northwind Goods has joined the chat.']);
    expect(lines().filter((l) => /has left the chat|marked this chat as resolved/.test(l))).toEqual(['Ann marked this chat as resolved']);
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
