// @vitest-environment jsdom
/**
 * Session 6 studio and inbox fixes (helper uxfix): a cancelled handoff's summary no longer says the customer
 * "is waiting"; the flow id can be changed in Flow settings (validated, undoable, nothing lost on a bad id);
 * ticket numbers are kept on one line.
 */
import './support/setup';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox, summaryNow } from '../../renderer/inbox/Inbox';
import type { HandoffDetail, HandoffRow } from '../../renderer/inbox/inboxApi';
import { ann, fakeInboxApi, quietAlerts, signedInStorage } from './support/inboxFakes';

const row = (over: Partial<HandoffRow>): HandoffRow => ({
  id: 'c1:h1',
  conversationId: 'c1',
  flowId: 'shop',
  status: 'cancelled',
  priority: 'normal',
  reason: 'explicit_request',
  summary: 'Dana (dana@example.com) is waiting. Handed over because the customer asked for a person.',
  assignation: 'simple',
  teams: ['support'],
  agentId: null,
  agentName: null,
  requestedAt: Date.now() - 60_000,
  updatedAt: Date.now(),
  deadline: null,
  ...over,
});

describe('a handoff summary after the wait is over', () => {
  it('is told in the past for every status but pending', () => {
    const s = 'The customer is waiting. Topic: refund (91% sure).';
    expect(summaryNow(s, 'pending')).toBe(s);
    expect(summaryNow(s, 'cancelled')).toBe('The customer left before anyone took the chat (cancelled). Topic: refund (91% sure).');
    expect(summaryNow(s, 'assigned')).toBe('The customer was handed over to a person. Topic: refund (91% sure).');
    expect(summaryNow(s, 'expired')).toMatch(/^The customer waited, but no one took the chat in time/);
    // A summary with the reason the customer gave has no "is waiting" to change.
    expect(summaryNow('Dana needs help with: a refund.', 'cancelled')).toBe('Dana needs help with: a refund.');
  });

  it('a cancelled chat opened from Closed does not say the customer is waiting', async () => {
    const h = row({});
    const detail: HandoffDetail = {
      handoff: h,
      context: { reason: 'explicit_request', signals: [], intents: [], entities: [], summary: h.summary, suggestedResolution: '' },
      conversation: { id: 'c1', flowId: 'shop', mode: 'closed', createdAt: 0, lastSeq: 1 },
      variables: {},
      transcript: [{ id: 'c1:1', seq: 1, from: 'customer', text: 'a person please', at: Date.now() - 50_000 }],
      notes: [],
      alsoViewing: [],
    };
    const api = fakeInboxApi({
      me: async () => ({ agent: ann, status: 'online', activeChats: 0 }),
      agents: async () => [ann],
      setPresence: async (_t, s) => s,
      list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 1 }, handoffs: [h] }),
      detail: async () => detail,
    });
    const place = { read: () => '#/closed', write: () => undefined, listen: () => () => undefined };
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={place} />);
    (await screen.findByRole('button', { name: /Asked for a person/ })).click();
    const context = await screen.findByRole('complementary', { name: 'Context' });
    expect(await within(context).findByText(/Dana \(dana@example.com\) left before anyone took the chat \(cancelled\)\./)).toBeInTheDocument();
    expect(context.textContent).not.toMatch(/is waiting/);
  });
});
