// @vitest-environment jsdom
/**
 * fixui, session 18 (newcomer s18 N#1): the kept-changes "Replace with mine…" dialog said "saving yours undoes, from
 * the other window: … Time zone" for a change made in this very window after the reload, and "this editor has version
 * 5, saved in another window since" when the kept edits were made on version 5. It now says what is undone since the
 * kept changes were made (no window named) and no "since" when the versions are the same.
 */
import './support/setup';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SaveStatus } from '../../renderer/studio/persistence/SaveStatus';
import { conflictCopyKey } from '../../renderer/studio/persistence/flowPersistence';
import type { Flow } from '../../shared/flow/schema';
import { tinyFlow } from './support/sampleFlow';

const KEY = 'harbor-3';
const named = (f: Flow, name: string): Flow => ({ ...f, name });

afterEach(() => localStorage.clear());

async function openDialog(baseRevision: number, latestRevision: number, latest: Flow, base: Flow, mine: Flow) {
  localStorage.setItem(conflictCopyKey(KEY), JSON.stringify({ seq: 5, flow: mine, at: '2026-12-02T13:20:00.000Z', baseRevision }));
  render(
    <SaveStatus
      status="saved"
      flowKey={KEY}
      keptCopy={{ at: '2026-12-02T13:20:00.000Z', baseRevision }}
      onPrepareKept={async () => ({ latestRevision, latest, baseRevision, base, mine })}
      onUseKept={async () => {}}
      onDiscardKept={() => {}}
    />,
  );
  fireEvent.click(within(screen.getByRole('alert', { name: 'Your kept changes' })).getByRole('button', { name: 'Replace with mine…' }));
  const dialog = await screen.findByRole('dialog');
  await waitFor(() => expect(dialog).toHaveTextContent('Your kept changes were made on version'));
  return dialog;
}

describe('the kept changes dialog names no window and no "since" that is not (newcomer s18 N#1)', () => {
  it('a change made after the reload is "saved since your changes were made", not "from the other window"', async () => {
    const base = named(tinyFlow(), 'Harbor');
    const latest = { ...named(base, 'Harbor (B)'), settings: { ...base.settings, timezone: 'Europe/London' } } as Flow;
    const dialog = await openDialog(1, 3, latest, base, named(base, 'Harbor mine'));
    expect(dialog).toHaveTextContent('Your kept changes were made on version 1; this editor has version 3.');
    expect(dialog).toHaveTextContent('Saving yours undoes, from what was saved since your changes were made (');
    expect(dialog.textContent).not.toMatch(/other window|another window/);
  });

  it('made on the version the editor has: no "saved in another window since", nothing undone', async () => {
    const base = named(tinyFlow(), 'Harbor');
    const dialog = await openDialog(5, 5, base, base, named(base, 'Harbor mine'));
    expect(dialog).toHaveTextContent('Your kept changes were made on version 5, the version this editor has.');
    expect(dialog).toHaveTextContent('Nothing saved since your changes were made is undone by this.');
    expect(dialog.textContent).not.toMatch(/other window|another window|saved since\./);
  });
});
