// @vitest-environment jsdom
/**
 * Issue 7 (newcomer findings), component level: version history names what changed and opens on the latest
 * change; the shortcut sheet shows the "+" key; the conflict banner says what happened and what to do; new
 * items land in free space; the import hint says what the value should look like.
 */
import './support/setup';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';
import { createStudioApi, type StudioApi } from '../../renderer/studio/api/studioApi';
import { findFreeSpot, occupiedRects, DEFAULT_BLOCK_SIZE } from '../../renderer/studio/canvas/freeSpot';
import { ShortcutsDialog } from '../../renderer/studio/editor/ShortcutsDialog';
import { HistoryPanel } from '../../renderer/studio/history/HistoryPanel';
import { SaveStatus } from '../../renderer/studio/persistence/SaveStatus';
import { startStudioServer, type StudioServer } from '../../runtime/studio/startStudioServer';

configure({ asyncUtilTimeout: 15_000 });

let home: string;
let studio: StudioServer;
let api: StudioApi;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'baton-fix-'));
  studio = await startStudioServer({ home, port: 0 });
  api = createStudioApi({ baseUrl: studio.origin, secret: studio.secret });
});
afterEach(async () => {
  await studio?.close();
  await rm(home, { recursive: true, force: true });
});

describe('version history', () => {
  it('entries name the blocks and fields that changed; the panel opens on the latest change', async () => {
    const { key } = await api.createFlow({ template: 'lead-gen' });
    const opened = await api.openFlow(key);
    const changed: Flow = structuredClone(opened.flow);
    const target = changed.blocks.find((b) => b.kind === 'message')!;
    target.label = 'Greeting';
    (target.data as { text: string }).text = 'A brand new greeting';
    const movers = changed.blocks.filter((b) => b.id !== target.id).slice(0, 3);
    movers.forEach((b) => (b.position = { x: b.position.x + 80, y: b.position.y }));
    await api.saveFlow(key, changed, 0);

    render(<HistoryPanel flowId={key} onRestore={vi.fn()} onClose={vi.fn()} api={api} />);
    const list = await screen.findByRole('list', { name: 'Versions' });
    await waitFor(() => expect(within(list).getAllByRole('button')).toHaveLength(2));
    const summary = within(list).getByText(/1 block changed/);
    expect(summary.textContent).toContain('"Greeting" (Label, Message)'); // the inspector's words since newcomer s16 #5 (session 17)
    expect(summary.textContent).toContain('3 blocks moved');
    // Without a click, the right half shows what the latest save changed (version 1 compared with now).
    const detail = await screen.findByRole('region', { name: 'Version 1' });
    await within(detail).findByText(/Blocks it changes \(1\)/);
    expect(detail).toHaveTextContent('A brand new greeting');
  });
});

describe('small slips', () => {
  it('the shortcut sheet shows the "+" key as one key, not two empty boxes', () => {
    render(<ShortcutsDialog onClose={vi.fn()} />);
    const row = screen.getByText('Zoom in').closest('tr')!;
    const keys = within(row).getAllByText((_, el) => el?.tagName === 'KBD');
    expect(keys.map((k) => k.textContent)).toEqual(['+']);
    expect([...document.querySelectorAll('kbd')].filter((k) => k.textContent === '')).toEqual([]);
  });

  it('the import hint says what the value should look like', () => {
    const doc = { version: 1, id: 'f', name: 'F', blocks: [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} }, { id: 'a', kind: 'message', position: { x: 0, y: 0 }, data: { text: 42 } }], edges: [] };
    const p = validateFlow(doc).problems.find((x) => x.message.includes('"text" should be text'))!;
    expect(p.hint).toBe('Give "text" a text value in double quotes, like "text": "Hello".');
  });

  it('the conflict banner says what happened and what to do', () => {
    render(<SaveStatus status="conflict" error="This flow was changed in another tab or window." hint="Reload to get the latest version." />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('This flow was changed in another tab or window.');
    expect(alert).toHaveTextContent(/Reload to get the latest version/);
    expect(within(alert).getByRole('button', { name: /Reload/ })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Changed elsewhere: not saved');
  });
});

describe('free space for new items', () => {
  it('a block wanted on top of another goes to the nearest free spot; a free spot is kept', () => {
    const flow = validateFlow({ version: 1, id: 'f', name: 'F', blocks: [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} }, { id: 'm', kind: 'message', position: { x: 300, y: 0 }, data: { text: 'hi' } }], edges: [] }).flow!;
    const rects = occupiedRects(flow, { start: { width: 200, height: 60 }, m: { width: 240, height: 100 } });
    const wanted = { x: 310, y: 10 };
    const spot = findFreeSpot(wanted, DEFAULT_BLOCK_SIZE, rects);
    const over = (p: { x: number; y: number }, r: { x: number; y: number; width: number; height: number }) =>
      p.x < r.x + r.width && r.x < p.x + DEFAULT_BLOCK_SIZE.width && p.y < r.y + r.height && r.y < p.y + DEFAULT_BLOCK_SIZE.height;
    expect(rects.some((r) => over(spot, r))).toBe(false);
    expect(Math.hypot(spot.x - wanted.x, spot.y - wanted.y)).toBeLessThan(400);
    expect(findFreeSpot({ x: 1000, y: 1000 }, DEFAULT_BLOCK_SIZE, rects)).toEqual({ x: 1000, y: 1000 });
  });
});

describe('newcomer s12 #5: the conflict banner says it once', () => {
  it("the server's refusal adds only the two versions, not the same sentence again", () => {
    const server =
      'This flow was changed in another tab or window (it is now at version 6; this editor has version 5), so this save was refused and nothing on disk changed.';
    render(<SaveStatus status="conflict" error={server} hint="Reload to get the latest version." />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The flow is at version 6; this tab has version 5.');
    expect(alert.textContent!.match(/changed in another tab or window/g)).toHaveLength(1);
  });
});
