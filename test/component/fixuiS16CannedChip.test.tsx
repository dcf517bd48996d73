// @vitest-environment jsdom
/**
 * Newcomer s16 N#8 (fixui): on Canned replies, a row merged under a list saved elsewhere carries a "not saved yet" chip.
 * It was a row of its own between the Shortcut label and the field, drawn over the field's top edge; it sits beside the
 * label now (in the label's row). The focus ring goes round the whole "/ shortcut" field (admin.css, looked at in
 * Chromium: /work/coord/s16/fixui-shots/fixui16-canned-chip.png).
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CannedRepliesScreen, clearCannedDrafts } from '../../renderer/inbox/admin/CannedRepliesScreen';
import { createAdminApi } from '../../renderer/inbox/admin/adminApi';

afterEach(() => {
  cleanup();
  clearCannedDrafts();
});

describe('canned replies: the "not saved yet" chip is beside its label (newcomer s16 N#8)', () => {
  it('after a hand edit and Save, the merged row\'s chip is in the label row, not between the label and the field', async () => {
    let replies = [{ shortcut: 'hello', text: 'Hi!' }];
    let revision = 0;
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (!init?.method || init.method === 'GET') return json(200, { replies, revision });
      if (Number(new URL(url).searchParams.get('revision')) !== revision) return json(409, { error: 'agents_file_changed', message: 'The canned replies were not saved: the list was changed in the agents file on disk.' });
      replies = (JSON.parse(String(init.body)) as { replies: typeof replies }).replies;
      revision += 1;
      return json(200, { replies, revision });
    });
    const api = createAdminApi({ baseUrl: 'http://127.0.0.1:1', fetch: fetch as unknown as typeof globalThis.fetch });
    render(<CannedRepliesScreen api={api} token="ann" onUnauthorized={() => undefined} />);
    await screen.findByDisplayValue('hello');
    fireEvent.change(screen.getByLabelText('Reply 1'), { target: { value: 'Hi, Ann here.' } });
    replies = [{ shortcut: 'hand2', text: 'Second hand edit' }];
    revision += 1;
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const chip = await screen.findByText('not saved yet');
    const head = chip.parentElement!;
    expect(head.className).toBe('ia-field-head');
    expect(head.querySelector('label')?.textContent).toMatch(/^Shortcut \d+$/);
    // The field follows the head: nothing of the chip's between them.
    expect(head.nextElementSibling?.className).toBe('ia-slash');
  });
});
