// @vitest-environment jsdom
/**
 * Session 31, live (newcomer s29 N11): the inbox row of a chat Ann had opened (the customer told "Ann has joined") kept
 * the orange "waiting now" until her first reply; at her next sign-in "A chat was assigned to you" came back for a chat
 * she had opened and answered; the context panel's Signals explained the score on its -1..1 scale to the agent.
 */
import './support/setup';
import { act, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox, waitingWords } from '../../renderer/inbox/Inbox';
import type { AgentEventHandlers, HandoffRow } from '../../renderer/inbox/inboxApi';
import { annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const row = (over: Partial<HandoffRow>) => handoffRow({ summary: 'The customer (lee@example.com) is waiting.', assignation: 'custom', ...over });
const me = { id: 'ann' };

describe('the waiting chip says what the customer waits for (newcomer s29 N11)', () => {
  const t = Date.now();
  const base = row({ status: 'assigned', agentId: 'ann', waitingSince: t - 5_000, lastMessage: { from: 'bot', text: 'Ann from Northwind Goods has joined the chat.', at: t } });
  it('opened, not answered yet: her first reply; not opened: says so; answered before: a reply', () => {
    expect(waitingWords({ ...base, joined: true, answered: false }, me, t)).toBe('waiting for your first reply · <1 min');
    expect(waitingWords({ ...base, joined: true, answered: false, agentId: 'cat' }, me, t)).toBe('waiting for a first reply · <1 min');
    expect(waitingWords({ ...base, joined: false, answered: false }, me, t)).toBe('waiting <1 min · not opened yet');
    expect(waitingWords({ ...base, joined: true, answered: true, waitingSince: t - 180_000 }, me, t)).toBe('waiting for your reply · 3 min');
    expect(waitingWords({ ...base, waitingSince: null }, me, t)).toBeNull();
  });

  it('the Mine row of an opened chat reads "waiting for your first reply", never "waiting now"', async () => {
    const lee = { ...base, id: 'c1:h1', conversationId: 'c1', customer: 'lee@example.com', joined: true, answered: false };
    const api = fakeInboxApi({
      ...annOnline(1),
      list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [lee] }),
      events: () => () => undefined,
    } as never);
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine')} />);
    const r = (await screen.findByText('lee@example.com')).closest('button')!;
    const text = within(r).getByTestId('row-last-message').textContent ?? '';
    expect(text).toMatch(/^waiting for your first reply · <1 min Bot: Ann from Northwind Goods has joined the chat\.$/);
    expect(text).not.toMatch(/waiting now/);
  });
});

describe('"A chat was assigned to you" once per assignment, from the server\'s state (newcomer s29 N11)', () => {
  const setup = (mineAtSignIn: HandoffRow[]) => {
    let push: AgentEventHandlers | null = null;
    const alerted: string[] = [];
    const api = fakeInboxApi({
      ...annOnline(mineAtSignIn.length),
      list: async (_t: string, view?: string) => ({ counts: { unassigned: 0, mine: mineAtSignIn.length, all: mineAtSignIn.length, closed: 0 }, handoffs: view === 'mine' ? mineAtSignIn : [] }),
      detail: async (_t: string, id: string) => handoffDetail(row({ id })),
      events: (_t: string, h: AgentEventHandlers) => {
        push = h;
        return () => undefined;
      },
    } as never);
    render(<Inbox api={api} storage={signedInStorage()} alerts={{ ...quietAlerts, newHandoff: (s: string) => void alerted.push(s) }} place={placeAt('#/all')} />);
    return { push: () => push!, alerted };
  };

  it('an assignment the server says she has joined (opened, or took herself) is no news; one not opened yet is', async () => {
    const { push, alerted } = setup([]);
    await screen.findByText(/Nothing here|No one is waiting/);
    const max = row({ id: 'c9:h1', conversationId: 'c9', customer: 'max@example.com', status: 'assigned', agentId: 'ann', joined: true });
    await act(async () => push().onEvent('handoff', { handoff: max, previous: { status: 'pending', agentId: null } }));
    expect(alerted).toEqual([]);
    expect(screen.queryByText(/Assigned to you:/)).toBeNull();
    await act(async () => push().onEvent('handoff', { handoff: { ...max, id: 'c8:h1', conversationId: 'c8', customer: 'new@example.com', joined: false }, previous: { status: 'pending', agentId: null } }));
    expect(alerted).toHaveLength(1);
    expect(screen.getByRole('status')).toHaveTextContent('Assigned to you:');
  });

  it('a chat she held before, back with her after she was away, is not announced as a new chat', async () => {
    const { push, alerted } = setup([]);
    await screen.findByText(/Nothing here|No one is waiting/);
    const max = row({ id: 'c9:h1', conversationId: 'c9', customer: 'max@example.com', status: 'assigned', agentId: 'ann', joined: false, heldBefore: true });
    await act(async () => push().onEvent('handoff', { handoff: max, previous: { status: 'pending', agentId: null } }));
    expect(alerted).toEqual(["Back with you: max@example.com's chat"]);
    expect(screen.getByRole('status')).toHaveTextContent('A chat you had before you were away is yours again (max@example.com)');
    expect(screen.queryByText(/Assigned to you:/)).toBeNull();
  });
});

describe("the context panel's Signals: one sentence each, as the simulator's Chat line (newcomer s29 N11)", () => {
  it('no score scale to the agent; the detector\'s account on hover', async () => {
    const h = row({ id: 'c1:h1', conversationId: 'c1', customer: 'lee@example.com', status: 'assigned', agentId: 'ann', joined: true });
    const explanation = 'Negative sentiment: the message reads as very negative, -0.74 on a scale from -1 (very negative) to 1 (very positive), at or below the flow\'s single-message threshold of -0.5, so it fires (words: "ridiculous", "useless").';
    const api = fakeInboxApi({
      ...annOnline(1),
      list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [h] }),
      detail: async () =>
        handoffDetail(h, {
          context: { reason: 'negative_sentiment', signals: [{ reason: 'negative_sentiment', score: 0.74, threshold: -0.5, evidence: ['ridiculous', 'useless'], explanation }], intents: [], entities: [], summary: '', suggestedResolution: '' },
          transcript: [{ id: 'c1:1', seq: 1, from: 'customer', text: 'This is RIDICULOUS. Useless!', at: Date.now() }],
        }),
      events: () => () => undefined,
    } as never);
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine/c1:h1')} />);
    const line = await screen.findByText('The customer is upset ("RIDICULOUS", "Useless").');
    expect(line.closest('ul')!.textContent).not.toMatch(/scale|-0\.74|threshold/);
    expect(line.getAttribute('title')).toMatch(/-0\.74 on a scale from -1/);
  });
});
