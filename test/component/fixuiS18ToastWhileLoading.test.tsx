// @vitest-environment jsdom
/**
 * fixui, session 18 (review of s17's N#14 toast fix): a chat told "assigned to you" with no earlier state while the
 * inbox was still reading Mine at sign-in was taken for one already held and silenced for good: a really new chat in
 * those first moments got no toast and no alert. It now waits for the list: not in it, it is announced then; in it
 * (held already), it stays quiet.
 */
import './support/setup';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { AgentEventHandlers, HandoffRow } from '../../renderer/inbox/inboxApi';
import { annOnline, fakeInboxApi, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const row = (over: Partial<HandoffRow>) => handoffRow({ summary: 'The customer asked for a person.', assignation: 'custom', ...over });

describe('a new chat told while Mine is loading is not lost (review s18)', () => {
  it('not in the Mine list: announced once the list is read; in it: quiet', async () => {
    let push: AgentEventHandlers | null = null;
    let mineLoaded: (() => void) | null = null;
    const alerted: string[] = [];
    const held = row({ id: 'c4:h1', conversationId: 'c4', customer: 'c4@example.com', status: 'assigned', agentId: 'ann' });
    const fresh = row({ id: 'c7:h1', conversationId: 'c7', customer: 'c7@example.com', status: 'assigned', agentId: 'ann', summary: 'Sofa arrived broken.' });
    const empty = { counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [] };
    let mineCalls = 0;
    const api = fakeInboxApi({
      ...annOnline(1),
      list: (_t: string, view?: string) => {
        if (view !== 'mine') return Promise.resolve(empty);
        // The first read of Mine (at sign-in) is slow; later reads answer at once.
        if (mineCalls++ > 0) return Promise.resolve({ ...empty, handoffs: [held, fresh] });
        return new Promise((ok) => (mineLoaded = () => ok({ ...empty, handoffs: [held] })));
      },
      events: (_t, h) => {
        push = h;
        return () => undefined;
      },
    } as never);
    render(<Inbox api={api} storage={signedInStorage()} alerts={{ ...quietAlerts, newHandoff: (t) => alerted.push(t) }} place={placeAt('#/unassigned')} />);
    await screen.findByText(/No one is waiting/);
    await act(async () => {
      push!.onEvent('handoff', { handoff: held, previous: null });
      push!.onEvent('handoff', { handoff: fresh, previous: null });
    });
    expect(alerted).toEqual([]);
    await act(async () => mineLoaded!());
    expect(alerted).toHaveLength(1);
    expect(alerted[0]).toMatch(/Assigned to you\..*Sofa arrived broken/);
    expect(screen.getByRole('status')).toHaveTextContent('Assigned to you:');
    expect(screen.getByRole('status')).toHaveAttribute('title', expect.stringContaining('A chat was assigned to you (Asked for a person: Sofa arrived broken.)'));
  });
});
