// @vitest-environment jsdom
/**
 * The customer's chat page in the inbox (newcomer s6 #24): the open conversation's header says whether the customer's
 * page is open, "closed at 10:04", or "back at 10:07 (page closed at 10:04)"; a queue row says "Page closed 10:04";
 * a `customer_page` push event changes both at once, without a refetch.
 */
import './support/setup';
import { act, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import { customerPageWords } from '../../renderer/inbox/CustomerPageNote';
import type { AgentEventHandlers, HandoffDetail, HandoffRow } from '../../renderer/inbox/inboxApi';
import { ann, annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const at = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  const d = new Date();
  d.setHours(h, m, 0, 0);
  return d.getTime();
};
const clock = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

const row = (over: Partial<HandoffRow>): HandoffRow =>
  handoffRow({ summary: 'The customer (leaver@example.com) is waiting.', customer: 'leaver@example.com', ...over });

function setup(first: HandoffRow) {
  let push: AgentEventHandlers | null = null;
  const detail = (h: HandoffRow): HandoffDetail =>
    handoffDetail(h, { transcript: [{ id: 'e1', seq: 1, from: 'customer', text: 'I need to speak with a human', at: Date.now() }] });
  const api = fakeInboxApi({
    ...annOnline(1),
    list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [first] }),
    detail: async () => detail(first),
    events: (_t, h) => {
      push = h;
      return () => undefined;
    },
  });
  const place = placeAt('#/mine/c1:h1');
  render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={place} />);
  return { push: (type: string, data: unknown) => act(() => push!.onEvent(type, data)) };
}

describe("the customer's chat page in the inbox", () => {
  it('the words for each state', () => {
    expect(customerPageWords(null)).toBeNull();
    expect(customerPageWords({ open: true, at: at('10:00') }, clock)).toBe("Customer's page is open");
    expect(customerPageWords({ open: false, at: at('10:04') }, clock)).toBe(`Customer's page closed at ${clock(at('10:04'))}`);
    expect(customerPageWords({ open: true, at: at('10:07'), closedAt: at('10:04') }, clock)).toBe(`Customer back at ${clock(at('10:07'))} (page closed at ${clock(at('10:04'))})`);
  });

  it('header and row follow the page: open, closed at 10:04 (pushed), back at 10:07', async () => {
    const { push } = setup(row({ customerPage: { open: true, at: at('10:00') } }));
    const chip = await screen.findByTestId('customer-page');
    expect(chip).toHaveTextContent("Customer's page is open");
    const rows = document.querySelector('ul.ib-rows') as HTMLElement;
    expect(within(rows).queryByText(/Page closed/)).toBeNull();

    push('customer_page', { conversationId: 'c1', handoffIds: ['c1:h1'], page: { open: false, at: at('10:04') } });
    expect(screen.getByTestId('customer-page')).toHaveTextContent(`Customer's page closed at ${clock(at('10:04'))}`);
    expect(within(rows).getByText(`Page closed ${clock(at('10:04'))}`)).toBeInTheDocument();
    // The row's dot is hollow while the page is closed (a full green dot read as "the customer is here").
    expect(rows.querySelector('.ib-dot.is-page-closed')).not.toBeNull();

    push('customer_page', { conversationId: 'c1', handoffIds: ['c1:h1'], page: { open: true, at: at('10:07'), closedAt: at('10:04') } });
    expect(screen.getByTestId('customer-page')).toHaveTextContent(`Customer back at ${clock(at('10:07'))} (page closed at ${clock(at('10:04'))})`);
    expect(within(rows).queryByText(/Page closed/)).toBeNull();
    expect(rows.querySelector('.ib-dot.is-page-closed')).toBeNull();

    // Another conversation's page changes nothing here.
    push('customer_page', { conversationId: 'c2', handoffIds: ['c2:h1'], page: { open: false, at: at('10:09') } });
    expect(screen.getByTestId('customer-page')).toHaveTextContent('Customer back at');
  });

  it('session 39: a page in the background past the limit is shown as gone (warning chip, row note, hollow dot)', async () => {
    const bg = { open: false, at: at('10:05'), backgroundAt: at('10:04') };
    const { push } = setup(row({ customerPage: bg }));
    const chip = await screen.findByTestId('customer-page');
    expect(chip).toHaveTextContent(`Customer's page in the background since ${clock(at('10:04'))}`);
    expect(chip).not.toHaveClass('ib-warn');
    const rows = document.querySelector('ul.ib-rows') as HTMLElement;
    expect(within(rows).queryByText(/In the background since/)).toBeNull();
    expect(rows.querySelector('.ib-dot.is-page-closed')).toBeNull();

    push('customer_page', { conversationId: 'c1', handoffIds: ['c1:h1'], page: { ...bg, backgroundGone: true } });
    expect(screen.getByTestId('customer-page')).toHaveTextContent(`Customer's page in the background since ${clock(at('10:04'))}, not back`);
    expect(screen.getByTestId('customer-page')).toHaveClass('ib-warn');
    expect(within(rows).getByText(`In the background since ${clock(at('10:04'))}`)).toBeInTheDocument();
    expect(rows.querySelector('.ib-dot.is-page-closed')).not.toBeNull();
  });

  it('nothing is claimed when the runtime does not know (an API client, an older runtime)', async () => {
    setup(row({ customerPage: null }));
    expect(await screen.findByText('I need to speak with a human')).toBeInTheDocument();
    expect(screen.queryByTestId('customer-page')).toBeNull();
    expect(screen.queryByText(/Page closed/)).toBeNull();
  });
});
