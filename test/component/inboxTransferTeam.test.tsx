// @vitest-environment jsdom
/**
 * "Transfer to team" when nobody of that team can take the chat (README "Not finished", session 7): the option says
 * who is signed in, a team with nobody signed in is disabled with the reason, and a team whose members are all busy
 * says the chat waits in their queue. Before, every team was offered as "Team <name>" and the chat could be sent into
 * a queue nobody would ever read.
 */
import './support/setup';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { AgentInfo } from '../../renderer/inbox/inboxApi';
import { ann, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const colleague = (id: string, teams: string[], status: AgentInfo['status']): AgentInfo => ({ id, name: id.toUpperCase(), email: `${id}@example.com`, teams, admin: false, status });

function show(agents: AgentInfo[]) {
  const h = handoffRow();
  const transfer = vi.fn(async () => ({ ok: true }));
  const api = fakeInboxApi({
    me: async () => ({ agent: ann, status: 'online', activeChats: 1 }),
    agents: async () => [{ ...ann, status: 'online' }, ...agents],
    setPresence: async (_t, s) => s,
    list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [h] }),
    detail: async () => handoffDetail(h, { transcript: [{ id: 'e1', seq: 1, from: 'customer', text: 'Where is my refund?', at: Date.now() }] }),
    transfer,
  });
  render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine/c1:h1')} />);
  return { transfer };
}

describe('transfer to a team', () => {
  it('disables a team with nobody signed in, with the reason, and does not send the chat there', async () => {
    const { transfer } = show([colleague('bea', ['billing'], 'offline'), colleague('cal', ['sales'], 'online')]);
    await screen.findByText('Where is my refund?');
    const select = screen.getByRole('combobox', { name: 'Transfer to' });
    const billing = within(select).getByRole('option', { name: 'Team billing (nobody signed in)' }) as HTMLOptionElement;
    expect(billing.disabled).toBe(true);
    const sales = within(select).getByRole('option', { name: 'Team sales (1 online)' }) as HTMLOptionElement;
    expect(sales.disabled).toBe(false);
    // Ann's own team: she is its only member signed in, so giving it to "support" would reach nobody but her.
    expect((within(select).getByRole('option', { name: 'Team support (nobody signed in)' }) as HTMLOptionElement).disabled).toBe(true);
    await userEvent.selectOptions(select, 'team:sales');
    // Session 41 (newcomer s41 N5): the confirm is named after the choice (was an icon named "Transfer").
    await userEvent.click(screen.getByRole('button', { name: 'Transfer to team sales' }));
    expect(transfer).toHaveBeenCalledWith('tok', 'c1:h1', { team: 'sales' });
  });

  it('a team whose members are all busy is offered with the wait said', async () => {
    show([colleague('bea', ['billing'], 'busy')]);
    await screen.findByText('Where is my refund?');
    const select = screen.getByRole('combobox', { name: 'Transfer to' });
    await userEvent.selectOptions(select, 'team:billing');
    expect(within(select).getByRole('option', { name: 'Team billing (all busy)' })).toBeInTheDocument();
    expect(screen.getByText('Everyone in team billing is busy: the chat waits in their queue until one of them picks it up.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Transfer to team billing' })).toBeEnabled();
  });
});
