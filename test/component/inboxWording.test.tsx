// @vitest-environment jsdom
/**
 * Inbox wording (newcomer s5 item 9): an agent's takeover of a live bot chat is recorded with reason 'flow'; the
 * inbox says "Taken over from the bot" for it instead of "The flow handed over".
 */
import './support/setup';
import { ann, fakeInboxApi, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { handoffWhy, Inbox } from '../../renderer/inbox/Inbox';
import type { HandoffRow } from '../../renderer/inbox/inboxApi';

const row = (over: Partial<HandoffRow>): HandoffRow => handoffRow({ reason: 'flow', ...over });

describe('why a chat reached a person', () => {
  it('an agent takeover reads as a takeover; a Human Takeover block reached by the flow keeps its words', () => {
    expect(handoffWhy('flow', 'Ann Lee took this conversation over from the bot. The customer asked about returns.')).toBe('Taken over from the bot');
    expect(handoffWhy('flow', 'The customer is waiting.')).toBe('The flow handed over');
    expect(handoffWhy('flow', undefined)).toBe('The flow handed over');
    expect(handoffWhy('explicit_request', 'Ann Lee took this conversation over from the bot.')).toBe('Asked for a person');
  });

  it('the list row of a taken-over chat says so', async () => {
    const api = fakeInboxApi({
      signOut: async () => undefined,
      me: async () => ({ agent: ann, status: 'online', activeChats: 1 }),
      agents: async () => [ann],
      setPresence: async (_t, s) => s,
      list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [row({ summary: 'Ann Lee took this conversation over from the bot. Order status.' })] }),
  });
    const place = placeAt('#/mine');
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={place} />);
    expect(await screen.findByText('Taken over from the bot')).toBeInTheDocument();
    expect(screen.queryByText('The flow handed over')).toBeNull();
  });
});
