// @vitest-environment jsdom
/**
 * Session 37 (newcomer s35, the inbox half): session 36 made the widget say each handoff event once
 * (widgetOneLinePerEventS36), but the inbox's transcript still showed the pairs: "Ann from the team joined the
 * conversation." + "Handoff assigned", "Ann handed the conversation back to the bot." + "Handed back to the bot". It now
 * leaves out the same status lines as the widget, by the same rule (customerView toldByTheStep). The transcripts are
 * the shapes a real runtime stored (support/handoffTranscripts, shared with widgetOneLinePerEventS36).
 */
import './support/setup';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { Entry } from '../../renderer/inbox/inboxApi';
import { handoffTranscripts } from './support/handoffTranscripts';
import { annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const { TAKEOVER, BLOCK } = handoffTranscripts(Date.now() - 60_000, 'c1:h1');

async function show(transcript: Entry[], lastText: string) {
  const h = handoffRow({ status: 'resolved', agentId: 'ann', agentName: 'Ann Lee', endedAs: 'handback' });
  const api = fakeInboxApi({
    ...annOnline(0),
    list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 1 }, handoffs: [h] }),
    detail: async () => handoffDetail(h, { conversation: { id: 'c1', flowId: 'shop', mode: 'bot', createdAt: transcript[0].at, lastSeq: transcript.length }, transcript }),
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
