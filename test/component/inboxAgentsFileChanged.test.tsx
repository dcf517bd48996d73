// @vitest-environment jsdom
/**
 * newcomer s9 #24, the admin's side: an agent edited by hand in the agents file while the admin had the edit form
 * open. The server refuses the stale save (409 agents_file_changed); the form shows why, the list reloads, the fields
 * the admin did not touch take the file's values while what the admin typed stays, and the next save sends the new
 * revision. Adding an agent sends revision 'new'.
 */
import './support/setup';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AgentsScreen } from '../../renderer/inbox/admin/AgentsScreen';
import { AdminError, type AdminAgent, type AdminApi, type AgentInput } from '../../renderer/inbox/admin/adminApi';

configure({ asyncUtilTimeout: 5_000 });

const ada: AdminAgent = { id: 'ada', name: 'Ada Admin', email: 'ada@example.com', teams: ['support'], skills: [], languages: ['en'], maxChats: 5, admin: true, status: 'online', activeChats: 0, revision: 0 };
const bob: AdminAgent = { id: 'bob', name: 'Bob', email: 'bob@example.com', teams: ['support'], skills: [], languages: ['en'], maxChats: 3, admin: false, status: 'offline', activeChats: 0, revision: 0 };

/** A server whose agents file gets Bob's maxChats changed to 7 by hand right after the screen first loads. */
function server() {
  let list = [ada, bob];
  const saves: Array<{ id: string; body: AgentInput; revision: number | 'new' | undefined }> = [];
  const api: AdminApi = {
    agents: vi.fn(async () => list.map((a) => ({ ...a }))),
    saveAgent: vi.fn(async (_t: string, id: string, body: AgentInput, revision?: number | 'new') => {
      saves.push({ id, body, revision });
      const cur = list.find((a) => a.id === id);
      if (revision === 'new' && cur) throw new AdminError(`an agent with the id "${id}" already exists`, 409, 'agents_file_changed');
      if (typeof revision === 'number' && cur && cur.revision !== revision) {
        throw new AdminError(`Agent "${id}" was not saved: Agent "${id}" was changed in the agents file on disk (by hand) after you opened it. The list shows it as saved now: check it, then save again.`, 409, 'agents_file_changed');
      }
      const saved = { ...(cur ?? { status: 'offline' as const, activeChats: 0 }), ...body, id, revision: (cur?.revision ?? 0) + 1 } as AdminAgent;
      list = [...list.filter((a) => a.id !== id), saved];
      return { agent: saved, created: !cur };
    }),
    removeAgent: vi.fn(async () => undefined),
    cannedReplies: vi.fn(async () => []),
    saveCannedReplies: vi.fn(async () => []),
    tickets: vi.fn(),
    ticket: vi.fn(),
    updateTicket: vi.fn(),
    csat: vi.fn(),
  } as unknown as AdminApi;
  const editByHand = () => (list = list.map((a) => (a.id === 'bob' ? { ...a, maxChats: 7, revision: 5 } : a)));
  return { api, saves, editByHand };
}

describe('agents screen: an agent edited by hand in the agents file meanwhile (newcomer s9 #24)', () => {
  it('a stale save is refused with the reason, the form takes the file values it did not touch, and saving again keeps both', async () => {
    const s = server();
    const user = userEvent.setup();
    render(<AgentsScreen api={s.api} token="tok" me={{ id: 'ada', name: 'Ada Admin' }} onUnauthorized={() => {}} pollMs={0} />);
    await user.click(await screen.findByRole('button', { name: 'Edit Bob' }));
    const form = await screen.findByRole('form');
    const name = within(form).getByLabelText(/^Name/);
    await user.clear(name);
    await user.type(name, 'Bobby');

    s.editByHand(); // someone sets Bob's maxChats to 7 in agents.json with an editor
    await user.click(within(form).getByRole('button', { name: /^Save/ }));
    expect(await within(form).findByText(/was changed in the agents file on disk \(by hand\) after you opened it/)).toBeTruthy();
    expect(s.saves[0].revision).toBe(0);

    // The list reloaded: the untouched field shows the file's 7, the typed name stays.
    await waitFor(() => expect((within(form).getByLabelText(/^Max chats/) as HTMLInputElement).value).toBe('7'));
    expect((within(form).getByLabelText(/^Name/) as HTMLInputElement).value).toBe('Bobby');

    await user.click(within(form).getByRole('button', { name: /^Save/ }));
    await waitFor(() => expect(s.saves).toHaveLength(2));
    expect(s.saves[1]).toMatchObject({ id: 'bob', revision: 5, body: { name: 'Bobby', maxChats: 7 } });
    expect(await screen.findByText(/Bobby was saved\./)).toBeTruthy();
  });

  it('adding an agent sends revision "new" (an id added by hand meanwhile is not replaced)', async () => {
    const s = server();
    const user = userEvent.setup();
    render(<AgentsScreen api={s.api} token="tok" me={{ id: 'ada', name: 'Ada Admin' }} onUnauthorized={() => {}} pollMs={0} />);
    await user.click(await screen.findByRole('button', { name: /Add agent/ }));
    const form = await screen.findByRole('form');
    await user.type(within(form).getByLabelText(/^Name/), 'Eve');
    await user.type(within(form).getByLabelText(/^Email/), 'eve@example.com');
    await user.type(within(form).getByLabelText(/^Password/), 'eves-password-1');
    await user.click(within(form).getByRole('button', { name: /^(Save|Add)/ }));
    await waitFor(() => expect(s.saves).toHaveLength(1));
    expect(s.saves[0]).toMatchObject({ id: 'eve', revision: 'new' });
  });
});
