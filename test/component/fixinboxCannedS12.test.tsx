// @vitest-environment jsdom
/**
 * Newcomer s12 #13: two admins edit the canned replies. Ann adds /returns and saves; Bob, who opened the list before,
 * adds /delay and saves: refused (409, the list changed since). Before: the screen said "The list shows it as saved
 * now" but kept only Bob's list, and every later Save was refused again: Bob could only reload and lose /delay. Now the
 * list shows Ann's version with Bob's addition on top (marked "not saved yet"), and the next Save keeps both.
 * The real admin client (renderer/inbox/admin/adminApi.ts, its revision) against an in-memory server with the
 * runtime's revision rule (runtime/agents/agentDirectory.ts assertCanSave).
 */
import './support/setup';
import { configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CannedRepliesScreen, clearCannedDrafts, mergeCanned } from '../../renderer/inbox/admin/CannedRepliesScreen';
import { createAdminApi } from '../../renderer/inbox/admin/adminApi';

configure({ asyncUtilTimeout: 10_000 });

type Reply = { shortcut: string; text: string };

/** GET/PUT /api/v1/agent/canned-replies with a revision; a PUT on an older revision is refused 409 agents_file_changed. */
function server(initial: Reply[]) {
  let replies = initial;
  let revision = 3;
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (!init?.method || init.method === 'GET') return json(200, { replies, revision });
    const asked = Number(new URL(url).searchParams.get('revision'));
    if (asked !== revision) {
      return json(409, { error: 'agents_file_changed', message: 'The canned replies were not saved: the canned replies list was changed by another admin after you opened it. The list shows it as saved now: check it, then save again.' });
    }
    replies = (JSON.parse(String(init.body)) as { replies: Reply[] }).replies;
    revision += 1;
    return json(200, { replies, revision });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, replies: () => replies };
}

describe('canned replies saved by two admins (newcomer s12 #13)', () => {
  it("the refused admin sees the other's list with their own addition on top, and the next Save keeps both", async () => {
    clearCannedDrafts();
    const srv = server([
      { shortcut: 'hello', text: 'Hi, thanks for waiting!' },
      { shortcut: 'order', text: 'Could you give me your order number, please?' },
    ]);
    const bobApi = createAdminApi({ baseUrl: 'http://127.0.0.1:1', fetch: srv.fetch });
    render(<CannedRepliesScreen api={bobApi} token="bob" onUnauthorized={vi.fn()} />);
    expect(await screen.findByLabelText('Shortcut 2')).toHaveValue('order');

    // Ann saves /returns from her own inbox meanwhile.
    const annApi = createAdminApi({ baseUrl: 'http://127.0.0.1:1', fetch: srv.fetch });
    await annApi.saveCannedReplies('ann', [...(await annApi.cannedReplies('ann')), { shortcut: 'returns', text: 'You can return it within 30 days.' }]);

    // Bob adds /delay and saves: refused, and the screen now holds both.
    await userEvent.click(screen.getByRole('button', { name: 'Add reply' }));
    await userEvent.type(screen.getByLabelText('Shortcut 3'), 'delay');
    await userEvent.type(screen.getByLabelText('Reply 3'), 'Sorry for the delay.');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Not saved yet: the list was changed after you opened it/)).toBeInTheDocument();
    expect(screen.getAllByLabelText(/^Shortcut \d$/).map((i) => (i as HTMLInputElement).value)).toEqual(['hello', 'order', 'returns', 'delay']);
    const delayRow = screen.getByLabelText('Shortcut 4').closest('li')!;
    expect(within(delayRow).getByText('not saved yet')).toBeInTheDocument();
    expect(within(screen.getByLabelText('Shortcut 3').closest('li')!).queryByText('not saved yet')).toBeNull();
    expect(srv.replies().map((r) => r.shortcut)).toEqual(['hello', 'order', 'returns']);

    // Save again: accepted, both kept.
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Saved 4 canned replies/)).toBeInTheDocument();
    expect(srv.replies().map((r) => r.shortcut)).toEqual(['hello', 'order', 'returns', 'delay']);
    expect(screen.queryByText('not saved yet')).toBeNull();
  });

  it('merge: my edits and additions win, my deletions apply unless the other side changed that reply', () => {
    const base = [
      { shortcut: 'a', text: 'A' },
      { shortcut: 'b', text: 'B' },
      { shortcut: 'c', text: 'C' },
    ];
    const mine = [
      { shortcut: 'a', text: 'A edited by me' },
      { shortcut: 'new', text: 'mine' },
    ]; // deleted b and c
    const theirs = [
      { shortcut: 'a', text: 'A' },
      { shortcut: 'b', text: 'B' },
      { shortcut: 'c', text: 'C changed by them' },
      { shortcut: 'theirs', text: 'theirs' },
    ];
    expect(mergeCanned(base, mine, theirs)).toEqual([
      { shortcut: 'a', text: 'A edited by me', mine: true },
      { shortcut: 'c', text: 'C changed by them' },
      { shortcut: 'theirs', text: 'theirs' },
      { shortcut: 'new', text: 'mine', mine: true },
    ]);
  });
});
