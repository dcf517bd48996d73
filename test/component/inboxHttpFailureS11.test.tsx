// @vitest-environment jsdom
/**
 * Newcomer s9 #3: a chat the flow handed over right after an HTTP call failed says which call failed in the list and
 * in "Why the bot handed over", instead of only "The flow handed over".
 */
import './support/setup';
import { ann, fakeInboxApi, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { handoffWhy, Inbox } from '../../renderer/inbox/Inbox';

const failedSummary =
  'The customer is waiting. Handed over because the flow reached a human takeover after "Look up the order" failed (HTTP 503). Last message: "NW-104233"';

describe('a handoff after a failed HTTP call (newcomer s9 #3)', () => {
  it('names the call that failed; other flow handoffs keep their words', () => {
    expect(handoffWhy('flow', failedSummary)).toBe('The flow handed over: "Look up the order" failed');
    expect(handoffWhy('flow', failedSummary.replace('(HTTP 503)', '(no answer)'))).toBe('The flow handed over: "Look up the order" failed');
    expect(handoffWhy('flow', 'The customer is waiting. Handed over because the flow reached a human takeover.')).toBe('The flow handed over');
    // A customer's own words quoted later in the summary do not count.
    expect(handoffWhy('explicit_request', failedSummary)).toBe('Asked for a person');
  });

  it('the list row says which call failed', async () => {
    const api = fakeInboxApi({
      signOut: async () => undefined,
      me: async () => ({ agent: ann, status: 'online', activeChats: 0 }),
      agents: async () => [ann],
      setPresence: async (_t, s) => s,
      list: async () => ({ counts: { unassigned: 1, mine: 0, all: 1, closed: 0 }, handoffs: [handoffRow({ reason: 'flow', summary: failedSummary })] }),
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/unassigned')} />);
    expect(await screen.findByText('The flow handed over: "Look up the order" failed')).toBeInTheDocument();
    expect(screen.queryByText('The flow handed over')).toBeNull();
  });
});
