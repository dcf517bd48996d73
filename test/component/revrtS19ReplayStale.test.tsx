// @vitest-environment jsdom
/**
 * revrt, session 19 (review of s18's 01031bd, #4): a chat told "assigned to you" while Mine was loading at sign-in is
 * replayed once the list is read, with the event as it was then. A chat transferred to a colleague meanwhile (so not in
 * the list) was still announced to Ann: toast, sound/desktop notice, unseen count, for a chat that is not hers. It is
 * now looked up first and announced only if it is still hers.
 */
import './support/setup';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { AgentEventHandlers, HandoffDetail, HandoffRow } from '../../renderer/inbox/inboxApi';
import { annOnline, fakeInboxApi, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const row = (over: Partial<HandoffRow>) => handoffRow({ summary: 'The customer asked for a person.', assignation: 'custom', ...over });

describe('a chat told while Mine is loading and gone since is not announced (revrt #4)', () => {
  it('transferred to Bob before the list was read: quiet; still hers: announced', async () => {
    let push: AgentEventHandlers | null = null;
    let mineLoaded: (() => void) | null = null;
    const alerted: string[] = [];
    const moved = row({ id: 'c5:h1', conversationId: 'c5', customer: 'c5@example.com', status: 'assigned', agentId: 'ann', summary: 'Lamp missing a part.' });
    const fresh = row({ id: 'c7:h1', conversationId: 'c7', customer: 'c7@example.com', status: 'assigned', agentId: 'ann', summary: 'Sofa arrived broken.' });
    const now: Record<string, HandoffRow> = { 'c5:h1': { ...moved, agentId: 'bob', agentName: 'Bob' }, 'c7:h1': fresh };
    const empty = { counts: { unassigned: 0, mine: 0, all: 0, closed: 0 }, handoffs: [] };
    let mineCalls = 0;
    const api = fakeInboxApi({
      ...annOnline(1),
      list: (_t: string, view?: string) => {
        if (view !== 'mine' || mineCalls++ > 0) return Promise.resolve(empty);
        return new Promise((ok) => (mineLoaded = () => ok(empty)));
      },
      detail: async (_t: string, id: string) => ({ handoff: now[id], context: null, conversation: null, variables: {}, transcript: [], notes: [], alsoViewing: [] }) as unknown as HandoffDetail,
      events: (_t, h) => {
        push = h;
        return () => undefined;
      },
    } as never);
    render(<Inbox api={api} storage={signedInStorage()} alerts={{ ...quietAlerts, newHandoff: (t) => alerted.push(t) }} place={placeAt('#/unassigned')} />);
    await screen.findByText(/No one is waiting/);
    await act(async () => {
      push!.onEvent('handoff', { handoff: moved, previous: null });
      push!.onEvent('handoff', { handoff: fresh, previous: null });
    });
    expect(alerted).toEqual([]);
    await act(async () => mineLoaded!());
    await act(async () => undefined);
    expect(alerted).toHaveLength(1);
    expect(alerted[0]).toMatch(/Sofa arrived broken/);
    expect(alerted.join(' ')).not.toMatch(/Lamp missing a part/);
  });
});
