// @vitest-environment jsdom
/**
 * Session 41 (newcomer s40 N12): Bob's assignment toast said "The flow handed over" for a customer who pressed the
 * flow's "Talk to a person" button. The toast, the alert and the list row now say why the chat came: the button the
 * customer chose at the bot's offer (shared/engine/handoffContext.ts offerChosenPhrase, read by handoffWhy).
 */
import './support/setup';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { AgentEventHandlers, HandoffRow } from '../../renderer/inbox/inboxApi';
import { annOnline, fakeInboxApi, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const offerSummary = 'The customer (sam@example.com) is waiting. Handed over because the customer chose "Talk to a person" where the flow offered a person.';
const row = (over: Partial<HandoffRow>) => handoffRow({ id: 'c9:h1', conversationId: 'c9', reason: 'flow', summary: offerSummary, assignation: 'custom', ...over });

describe("newcomer s40 N12: a chat from the flow's Talk to a person button", () => {
  it('the toast and the alert say the customer chose it at the bot\'s offer, not "The flow handed over"', async () => {
    let push: AgentEventHandlers | null = null;
    const alerted: string[] = [];
    const api = fakeInboxApi({
      ...annOnline(0),
      list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 0 }, handoffs: [] }),
      events: (_t, h) => {
        push = h;
        return () => undefined;
      },
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={{ ...quietAlerts, newHandoff: (t) => alerted.push(t) }} place={placeAt('#/unassigned')} />);
    await screen.findByText(/No one is waiting/);
    await act(async () => push!.onEvent('handoff', { handoff: row({}), previous: { status: 'pending', agentId: null } }));
    expect(screen.getByRole('status')).toHaveTextContent(/Chose “Talk to a person” \(the bot's offer\) · in Mine/);
    expect(screen.getByRole('status')).not.toHaveTextContent('The flow handed over');
    expect(alerted).toEqual([`Assigned to you. Chose “Talk to a person” (the bot's offer): ${offerSummary}`]);
  });

  it('a takeover the flow reached by itself still reads "The flow handed over"', async () => {
    let push: AgentEventHandlers | null = null;
    const api = fakeInboxApi({
      ...annOnline(0),
      list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 0 }, handoffs: [] }),
      events: (_t, h) => {
        push = h;
        return () => undefined;
      },
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/unassigned')} />);
    await screen.findByText(/No one is waiting/);
    await act(async () => push!.onEvent('handoff', { handoff: row({ summary: 'The customer is waiting. Handed over because the flow reached a human takeover.' }), previous: { status: 'pending', agentId: null } }));
    expect(screen.getByRole('status')).toHaveTextContent(/The flow handed over · in Mine/);
  });
});
