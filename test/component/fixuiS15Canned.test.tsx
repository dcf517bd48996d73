// @vitest-environment jsdom
/**
 * Newcomer s14 #11: an admin's canned-replies Save a few seconds after a hand edit of agents.json overwrote the hand
 * edit, once in four tries, without the amber merge. The server refuses a save on an older revision (checked: 8
 * delays from 0 to 4.1 s after the hand edit, all 409). The cause was the screen: the inbox passes a new
 * onUnauthorized on every render (each push), the screen read the list again on each, and the list edited by hand
 * came back as the base under the admin's unsaved rows with its new revision, so Save passed and wrote the rows
 * without /refund. Likewise when the admin left the screen and came back (the kept draft was laid on the new list).
 * The real admin client (its revision) against an in-memory server with the runtime's revision rule.
 */
import { cleanup, render, screen, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CannedRepliesScreen, clearCannedDrafts } from '../../renderer/inbox/admin/CannedRepliesScreen';
import { createAdminApi } from '../../renderer/inbox/admin/adminApi';

afterEach(() => {
  cleanup();
  clearCannedDrafts();
});

type Reply = { shortcut: string; text: string };
const DEFAULTS: Reply[] = [
  { shortcut: 'hello', text: 'Hi, thanks for waiting!' },
  { shortcut: 'order', text: 'Could you give me your order number, please?' },
  { shortcut: 'done', text: 'Is there anything else I can help with?' },
  { shortcut: 'handback', text: 'I will hand you back to the assistant now.' },
];

/** GET/PUT /api/v1/agent/canned-replies with a revision; a PUT on an older revision is refused 409 agents_file_changed. */
function server() {
  let replies = DEFAULTS;
  let revision = 0;
  const puts: number[] = [];
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (!init?.method || init.method === 'GET') return json(200, { replies, revision });
    const asked = Number(new URL(url).searchParams.get('revision'));
    puts.push(asked);
    if (asked !== revision) return json(409, { error: 'agents_file_changed', message: 'The canned replies were not saved: the canned replies list was changed in the agents file on disk (by hand) after you opened it.' });
    replies = (JSON.parse(String(init.body)) as { replies: Reply[] }).replies;
    revision += 1;
    return json(200, { replies, revision });
  });
  return {
    fetch: fetch as unknown as typeof globalThis.fetch,
    replies: () => replies,
    puts,
    /** `"cannedReplies": [{"shortcut":"refund",...}]` added to agents.json by hand, taken in by the server. */
    handEdit() {
      replies = [{ shortcut: 'refund', text: 'Your refund is on its way.' }];
      revision += 1;
    },
  };
}

const shortcuts = () => screen.getAllByLabelText(/^Shortcut \d+$/).map((i) => (i as HTMLInputElement).value);
const reads = (f: ReturnType<typeof server>['fetch']) => (f as unknown as ReturnType<typeof vi.fn>).mock.calls.filter((c) => !(c[1] as RequestInit | undefined)?.method || (c[1] as RequestInit).method === 'GET').length;

describe('canned replies: a hand edit before Save is never overwritten (newcomer s14 #11)', () => {
  it('the inbox re-rendering (a new onUnauthorized each time) between the hand edit and Save: merged, /refund kept', async () => {
    const srv = server();
    const api = createAdminApi({ baseUrl: 'http://127.0.0.1:1', fetch: srv.fetch });
    const { rerender } = render(<CannedRepliesScreen api={api} token="ann" onUnauthorized={() => undefined} />);
    await screen.findByDisplayValue('hello');
    fireEvent.change(screen.getByLabelText('Reply 1'), { target: { value: 'Hi, Ann here.' } });

    srv.handEdit();
    // Pushes re-render the inbox; each passes a new arrow function, as Inbox.tsx does.
    for (let i = 0; i < 3; i++) rerender(<CannedRepliesScreen api={api} token="ann" onUnauthorized={() => undefined} />);
    await new Promise((r) => setTimeout(r, 20));
    expect(reads(srv.fetch), 'the list is read once per opening').toBe(1);

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Not saved yet: the list was changed after you opened it.*New or changed there: \/refund/)).toBeTruthy();
    expect(srv.replies().map((r) => r.shortcut), 'the hand edit is still on the server').toEqual(['refund']);
    expect(shortcuts()).toContain('refund');
    expect((screen.getByLabelText(`Reply ${shortcuts().indexOf('hello') + 1}`) as HTMLTextAreaElement).value).toBe('Hi, Ann here.');

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(srv.replies().map((r) => r.shortcut)).toContain('hello'));
    expect(srv.replies().map((r) => r.shortcut)).toContain('refund');
    expect(srv.replies().find((r) => r.shortcut === 'hello')?.text).toBe('Hi, Ann here.');
  });

  it('the admin leaves the screen with unsaved rows and comes back after a hand edit: merged with the amber warning, not laid over it', async () => {
    const srv = server();
    const api = createAdminApi({ baseUrl: 'http://127.0.0.1:1', fetch: srv.fetch });
    const first = render(<CannedRepliesScreen api={api} token="ann" onUnauthorized={() => undefined} />);
    await screen.findByDisplayValue('hello');
    fireEvent.change(screen.getByLabelText('Reply 1'), { target: { value: 'Hi, Ann here.' } });
    await new Promise((r) => setTimeout(r, 20));
    first.unmount(); // to the Agents screen

    srv.handEdit();
    render(<CannedRepliesScreen api={api} token="ann" onUnauthorized={() => undefined} />);
    expect(await screen.findByText(/Not saved yet: the list was changed after you opened it.*New or changed there: \/refund/)).toBeTruthy();
    expect(shortcuts()).toContain('refund');
    expect(shortcuts()).toContain('hello');

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(srv.replies().map((r) => r.shortcut)).toContain('hello'));
    expect(srv.replies().map((r) => r.shortcut)).toContain('refund');
    expect(srv.puts, 'one save, on the revision read after the hand edit').toEqual([1]);
  });
});
