// @vitest-environment jsdom
/**
 * fixui, session 17 (newcomer s17 N#3): Ann adds /refund while the agents file gets a hand-written
 * "cannedReplies": [hello, byhand]. Her Save is refused and merged; the banner named only "New or changed there:
 * /hello, /byhand" while /order, /done and /handback (the defaults, never in the file) silently left the screen, and a
 * Save then dropped them. The banner now names them: "Gone there: /order, /done, /handback".
 */
import './support/setup';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
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

describe('canned replies: replies gone from the list are named (newcomer s17 N#3)', () => {
  it('after a hand edit that drops the defaults, the warning says "Gone there: /order, /done, /handback"', async () => {
    let replies = DEFAULTS;
    let revision = 0;
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (!init?.method || init.method === 'GET') return json(200, { replies, revision });
      if (Number(new URL(url).searchParams.get('revision')) !== revision) return json(409, { error: 'agents_file_changed', message: 'changed in the agents file on disk' });
      replies = (JSON.parse(String(init.body)) as { replies: Reply[] }).replies;
      revision += 1;
      return json(200, { replies, revision });
    });
    const api = createAdminApi({ baseUrl: 'http://127.0.0.1:1', fetch: fetch as unknown as typeof globalThis.fetch });
    render(<CannedRepliesScreen api={api} token="ann" onUnauthorized={() => undefined} />);
    await screen.findByDisplayValue('handback');
    fireEvent.click(screen.getByRole('button', { name: 'Add reply' }));
    fireEvent.change(screen.getByLabelText('Shortcut 5'), { target: { value: 'refund' } });
    fireEvent.change(screen.getByLabelText('Reply 5'), { target: { value: 'Your refund is on its way.' } });
    // By hand in agents.json: hello (changed) and byhand; the defaults /order /done /handback are not in it.
    replies = [
      { shortcut: 'hello', text: 'Hello from the file' },
      { shortcut: 'byhand', text: 'Written by hand.' },
    ];
    revision += 1;
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const warn = (await screen.findByText(/Not saved yet: the list was changed after you opened it/)).closest('p')!;
    expect(warn).toHaveTextContent('New or changed there: /hello, /byhand.');
    expect(warn).toHaveTextContent('Gone there: /order, /done, /handback (not in the list any more; add them again if the team still needs them).');
    const shown = screen.getAllByLabelText(/^Shortcut \d+$/).map((i) => (i as HTMLInputElement).value);
    expect(shown).toEqual(['hello', 'byhand', 'refund']);
  });
});
