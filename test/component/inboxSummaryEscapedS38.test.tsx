// @vitest-environment jsdom
/**
 * Session 38 (hostile s37 #7): the handoff summary quotes the customer's words ("Key message: ..."); whether the inbox
 * shows them escaped was not checked. It does (React text, no dangerouslySetInnerHTML anywhere in renderer/): markup
 * typed by a customer, in the summary, the list row's preview and the transcript, is shown as text, never as elements.
 */
import './support/setup';
import { configure, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { Entry } from '../../renderer/inbox/inboxApi';
import { annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

configure({ asyncUtilTimeout: 10_000 });

const MARKUP = '<img src=x onerror="window.__pwned=1"><b>bold</b><script>window.__pwned=2</script>';

describe('customer text in the summary is shown as text', () => {
  it('the summary, the list preview and the transcript show the markup literally; no element is made from it', async () => {
    const summary = `The customer is waiting. Handed over because the customer asked for a person. Key message: "${MARKUP}".`;
    const row = handoffRow({ status: 'pending', agentId: null, agentName: null, summary });
    const transcript: Entry[] = [{ id: 'c1:1', seq: 1, from: 'customer', text: MARKUP, at: Date.now() - 1000 }];
    const api = fakeInboxApi({
      ...annOnline(0),
      list: async () => ({ counts: { unassigned: 1, mine: 0, all: 1, closed: 0 }, handoffs: [row] }),
      detail: async () => handoffDetail(row, { transcript, conversation: { id: 'c1', flowId: 'shop', mode: 'waiting', createdAt: Date.now(), lastSeq: 1 } }),
    });
    const { container } = render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/unassigned/c1%3Ah1')} />);
    const log = await screen.findByRole('list', { name: 'Messages' });
    await within(log).findByText(MARKUP, { exact: false });
    const text = container.textContent ?? '';
    // The summary (detail and row) and the transcript: the words as typed, at least twice.
    expect(text.split('Key message: "<img src=x').length - 1).toBeGreaterThanOrEqual(1);
    expect(text.split(MARKUP).length - 1).toBeGreaterThanOrEqual(2);
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(container.querySelector('b')?.textContent ?? '').not.toBe('bold');
    expect(container.querySelectorAll('script')).toHaveLength(0);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
