// @vitest-environment jsdom
/**
 * The home screen and the version history panel, rendered with Testing Library against a real studio server
 * on 127.0.0.1 (no mocked API: what the designer sees is what the server says).
 */
import './support/setup';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { createStudioApi, type StudioApi } from '../../renderer/studio/api/studioApi';
import { HistoryPanel } from '../../renderer/studio/history/HistoryPanel';
import { HomeScreen } from '../../renderer/studio/home/HomeScreen';
import { SaveStatus } from '../../renderer/studio/persistence/SaveStatus';
import { startStudioServer, type StudioServer } from '../../runtime/studio/startStudioServer';

// A real server on a 2-core machine shared with the whole suite: give answers time under load.
configure({ asyncUtilTimeout: 15_000 });

let home: string;
let studio: StudioServer;
let api: StudioApi;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'baton-home-'));
  studio = await startStudioServer({ home, port: 0 });
  api = createStudioApi({ baseUrl: studio.origin, secret: studio.secret });
});
afterEach(async () => {
  await studio?.close();
  await rm(home, { recursive: true, force: true });
});

describe('HomeScreen', () => {
  it('lists templates and flows; a template becomes a new flow that opens', async () => {
    await api.createFlow({ name: 'Existing bot' });
    const onOpen = vi.fn();
    render(<HomeScreen onOpen={onOpen} api={api} />);
    const flows = await screen.findByRole('list', { name: 'Flows' });
    expect(within(flows).getByText('Existing bot')).toBeInTheDocument();
    const template = await screen.findByRole('button', { name: /New from template Northwind Goods customer support/ });
    await userEvent.click(template);
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith('customer-support'));
    expect((await api.listFlows()).flows.map((f) => f.key)).toContain('customer-support');
  });

  it('a blank flow opens at once', async () => {
    const onOpen = vi.fn();
    render(<HomeScreen onOpen={onOpen} api={api} />);
    await userEvent.click(await screen.findByRole('button', { name: /New blank flow/ }));
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith('untitled-flow'));
  });

  it('a broken file shows what is wrong, where, and what to do, and changes nothing', async () => {
    await api.createFlow({ name: 'Keep me' });
    const onOpen = vi.fn();
    render(<HomeScreen onOpen={onOpen} api={api} />);
    await screen.findByText('Keep me');
    const file = new File(['{\n  "version": 1,\n  "blocks": [\n    { "id": "a", }\n  ]\n}'], 'broken.json', { type: 'application/json' });
    await userEvent.upload(screen.getByTestId('import-input'), file);
    const alert = await screen.findByRole('alert', { name: 'Import failed' });
    expect(alert).toHaveTextContent('broken.json cannot be imported');
    expect(alert).toHaveTextContent('line 4, column');
    expect(alert).toHaveTextContent(/Hint:|comma/);
    expect(onOpen).not.toHaveBeenCalled();
    expect((await api.listFlows()).flows.map((f) => f.key)).toEqual(['keep-me']);
  });

  it('a file with the wrong shape lists each problem with its path and block', async () => {
    render(<HomeScreen onOpen={() => {}} api={api} />);
    const doc = { version: 1, id: 'x', name: 'X', blocks: [{ id: 'greet', kind: 'message', data: { text: 42 } }] };
    await userEvent.upload(screen.getByTestId('import-input'), new File([JSON.stringify(doc)], 'shape.json'));
    const alert = await screen.findByRole('alert', { name: 'Import failed' });
    expect(alert).toHaveTextContent('$.blocks[0].data.text');
    expect(alert).toHaveTextContent('block greet');
  });

  it('a good file is imported and opened', async () => {
    const onOpen = vi.fn();
    render(<HomeScreen onOpen={onOpen} api={api} />);
    const doc = { version: 1, id: 'imported-bot', name: 'Imported bot', blocks: [{ id: 'start', kind: 'start', data: {} }] };
    await userEvent.upload(screen.getByTestId('import-input'), new File([JSON.stringify(doc)], 'bot.json'));
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith('imported-bot'));
  });

  it('duplicate adds a copy; delete moves to the trash with an undo; the trash restores', async () => {
    await api.createFlow({ name: 'Sales bot' });
    render(<HomeScreen onOpen={() => {}} api={api} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Duplicate Sales bot' }));
    expect(await screen.findByText('Sales bot (copy)')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Delete Sales bot' }));
    expect(await screen.findByText('"Sales bot" moved to the trash.')).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Flows' })).queryByText('Sales bot')).toBeNull());
    await userEvent.click(screen.getByRole('button', { name: /Show \(1\)/ }));
    expect(within(screen.getByRole('list', { name: 'Trash' })).getByText('Sales bot')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Flows' })).getByText('Sales bot')).toBeInTheDocument());
    expect(await api.trash()).toEqual([]);
  });
});

describe('HistoryPanel', () => {
  it('lists versions with what each save changed, shows a readable diff, and restores', async () => {
    const { key } = await api.createFlow({ template: 'lead-gen' });
    const opened = await api.openFlow(key);
    const changed: Flow = structuredClone(opened.flow);
    const target = changed.blocks.find((b) => b.kind === 'message')!;
    const oldText = (target.data as { text: string }).text;
    (target.data as { text: string }).text = 'A brand new greeting';
    changed.blocks.push({ id: 'added-later', kind: 'end', position: { x: 0, y: 0 }, data: { text: '' } } as Flow['blocks'][number]);
    await api.saveFlow(key, changed, 0);

    const onRestore = vi.fn();
    const onClose = vi.fn();
    render(<HistoryPanel flowId={key} onRestore={onRestore} onClose={onClose} api={api} />);
    const list = await screen.findByRole('list', { name: 'Versions' });
    await waitFor(() => expect(within(list).getAllByRole('button')).toHaveLength(2));
    expect(within(list).getByText(/1 block added, 1 block changed/)).toBeInTheDocument();
    expect(within(list).getByText('current')).toBeInTheDocument();

    await userEvent.click(within(list).getByRole('button', { name: /Version 1/ }));
    const detail = await screen.findByRole('region', { name: 'Version 1' });
    await within(detail).findByText(/Blocks it removes \(1\)/);
    expect(detail).toHaveTextContent('added-later');
    expect(detail).toHaveTextContent('Blocks it changes (1)');
    // Fields in the inspector's words since fixui s15 (newcomer s14 #15), the path in the tooltip.
    expect(within(detail).getByTitle('data.text')).toHaveTextContent('Message');
    expect(detail).toHaveTextContent('A brand new greeting');
    expect(detail).toHaveTextContent(oldText.slice(0, 30));
    await userEvent.click(within(detail).getByRole('button', { name: /Restore this version/ }));
    expect(onRestore).toHaveBeenCalledTimes(1);
    const [flow, revision] = onRestore.mock.calls[0];
    expect(revision).toBe(1);
    expect(flow.blocks.some((b: { id: string }) => b.id === 'added-later')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Close the version history' }));
    expect(onClose).toHaveBeenCalled();
  });
});

describe('SaveStatus', () => {
  it('says saved, saving, unsaved, offline and error in words', () => {
    const { rerender } = render(<SaveStatus status="saved" />);
    expect(screen.getByRole('status')).toHaveTextContent('Saved');
    rerender(<SaveStatus status="unsaved" />);
    expect(screen.getByRole('status')).toHaveTextContent('Unsaved changes');
    rerender(<SaveStatus status="offline" error="The studio server cannot be reached." hint="Your edits are kept in this browser" />);
    expect(screen.getByRole('status')).toHaveTextContent('Offline: edits kept in this browser');
    expect(screen.getByRole('status')).toHaveAttribute('title', expect.stringContaining('cannot be reached'));
    rerender(<SaveStatus status="error" error="Refused" />);
    expect(screen.getByRole('status')).toHaveTextContent('Not saved');
  });
});
