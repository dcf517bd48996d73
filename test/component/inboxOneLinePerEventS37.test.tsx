// @vitest-environment jsdom
/**
 * Session 37 (newcomer s35, the inbox half): session 36 made the widget say each handoff event once
 * (widgetOneLinePerEventS36), but the inbox's transcript still showed the pairs: "Ann from the team joined the
 * conversation." + "Handoff assigned", "Ann handed the conversation back to the bot." + "Handed back to the bot". It now
 * leaves out the same status lines as the widget, by the same rule (customerView toldByTheStep). The transcripts are
 * the shapes a real runtime stored (as in widgetOneLinePerEventS36).
 */
import './support/setup';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { Entry } from '../../renderer/inbox/inboxApi';
import { annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const at = Date.now() - 60_000;
const st = (status: string, mode: string, reason = 'explicit_request') => ({ mode, handoff: { id: 'c1:h1', status, reason } });
const e = (seq: number, from: Entry['from'], text: string, t: number, extra: Partial<Entry> = {}): Entry => ({ id: `c1:${seq}`, seq, from, text, at: at + t, ...extra });

/** Live → Take over, a reply, hand back (agentTakeover.ts lines; the runtime's status lines). */
const TAKEOVER: Entry[] = [
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
const BLOCK: Entry[] = [
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

async function show(transcript: Entry[], lastText: string) {
  const h = handoffRow({ status: 'resolved', agentId: 'ann', agentName: 'Ann Lee', endedAs: 'handback' });
  const api = fakeInboxApi({
    ...annOnline(0),
    list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 1 }, handoffs: [h] }),
    detail: async () => handoffDetail(h, { conversation: { id: 'c1', flowId: 'shop', mode: 'bot', createdAt: at, lastSeq: transcript.length }, transcript }),
  });
  render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/closed/c1:h1')} />);
  await screen.findByText(lastText);
}

/** The transcript's lines (messages and status lines) as the agent reads them, in order, without their times. */
const lines = () =>
  [...document.querySelectorAll('.ib-log > li')].map((li) => (li.classList.contains('ib-sys') ? `· ${li.textContent!.replace(/ · [^·]*$/, '').trim()}` : li.querySelector('.ib-bubble')?.textContent?.trim() ?? ''));

describe('inbox transcript: one line per handoff event, as the widget', () => {
  it('a live takeover: joined once, handed back once', async () => {
    await show(TAKEOVER, 'Hi! Ann here.');
    const l = lines();
    expect(l.filter((x) => /joined|Handoff assigned/.test(x))).toEqual(['· Ann from the team joined the conversation.']);
    expect(l.filter((x) => /handed the conversation back|Handed back to the bot/i.test(x))).toEqual(['· Ann handed the conversation back to the bot.']);
  });

  it('a Human Takeover block: the join message alone; its hand back keeps its status line (nothing else says it)', async () => {
    await show(BLOCK, 'Hi, Ann here.');
    const l = lines();
    expect(l.filter((x) => /joined|Handoff assigned/.test(x))).toEqual(['Ann from Northwind Goods has joined the chat.']);
    expect(l.filter((x) => /Handed back to the bot/.test(x))).toEqual(['· Handed back to the bot']);
    expect(l.some((x) => x.startsWith('· Handoff waiting'))).toBe(true);
  });

  it("a join with no words of its own: the status line still says it", async () => {
    await show(
      BLOCK.filter((x) => x.seq !== 5),
      'Hi, Ann here.',
    );
    expect(lines()).toContain('· Handoff assigned');
  });
});
