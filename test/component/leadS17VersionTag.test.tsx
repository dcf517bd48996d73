// @vitest-environment jsdom
/**
 * Newcomer s16 #5 (lead, session 17): the history listed "Version 5 (current), Version 2, Version 1" and the user
 * looked for 3 and 4, which had been folded into 5 (saves of the same field within two minutes are one version).
 * The version that took others in now says which numbers it holds, with why in its tooltip.
 */
import './support/setup';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { StudioApi, VersionInfo } from '../../renderer/studio/api/studioApi';
import { HistoryPanel } from '../../renderer/studio/history/HistoryPanel';

const at = '2026-12-02T08:00:00Z';
const api = (versions: VersionInfo[]) =>
  ({
    versions: vi.fn(async () => versions),
    version: vi.fn(() => new Promise(() => {})),
  }) as unknown as StudioApi;

describe('version history: folded versions say which numbers they hold (newcomer s16 #5)', () => {
  it('Version 5 that folded 3 and 4 says "includes 3–4"; Version 2 that folded 1 says "includes 1"; others say nothing', async () => {
    const versions: VersionInfo[] = [
      { revision: 5, savedAt: at, summary: '1 block changed: changed "Message" (Message)', edit: { fields: 'x', since: at, first: 3 } },
      { revision: 2, savedAt: at, summary: '1 block changed', edit: { fields: 'y', since: at, first: 1 } },
      { revision: 1, savedAt: at, summary: '1 block added', edit: { fields: 'z', since: at } },
    ];
    render(<HistoryPanel flowId="f" onRestore={vi.fn()} onClose={vi.fn()} api={api(versions)} />);
    const list = await screen.findByRole('list', { name: 'Versions' });
    const items = await within(list).findAllByRole('button');
    expect(items[0]).toHaveTextContent('Version 5');
    const tag = within(items[0]).getByText('includes 3–4');
    expect(tag).toHaveAttribute('title', expect.stringContaining('within two minutes'));
    expect(within(items[1]).getByText('includes 1')).toBeInTheDocument();
    expect(items[2].textContent).not.toContain('includes');
  });
});
