// @vitest-environment jsdom
/** Smaller newcomer s5 items (uxfix): problem counts without a zero part; no bot buttons while an agent holds the simulated chat. */
import './support/setup';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import customerSupport from '../../flows/customer-support.json';
import { problemCount } from '../../renderer/studio/editor/problemCount';
import { autoLayoutEdit } from '../../renderer/studio/editor/autoLayout';
import { READABLE_ZOOM } from '../../renderer/studio/canvas/Canvas';
import { SimulatorPanel } from '../../renderer/studio/simulator/SimulatorPanel';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { validateFlow } from '../../shared/flow/validateFlow';

describe('problems badge wording', () => {
  it('leaves out a zero count', () => {
    expect(problemCount(0, 1)).toBe('1 warning');
    expect(problemCount(2, 0)).toBe('2 errors');
    expect(problemCount(1, 3)).toBe('1 error, 3 warnings');
    expect(problemCount(0, 0)).toBe('No problems');
  });
});

describe('simulator: bot buttons during a takeover', () => {
  it('hides the bot buttons while an agent holds the chat, and shows them again after the handback', () => {
    const store = createStudioStore(validateFlow(customerSupport).flow!);
    render(
      <StudioStoreProvider store={store}>
        <SimulatorPanel onClose={() => {}} onFocusBlock={vi.fn()} overlay={false} />
      </StudioStoreProvider>,
    );
    const chat = screen.getByRole('region', { name: 'Customer chat' });
    expect(within(chat).getByRole('group', { name: 'Buttons' })).toBeInTheDocument();
    const row = screen.getByRole('region', { name: 'Take over' });
    fireEvent.click(within(row).getByRole('button', { name: 'Take over' }));
    expect(within(chat).queryByRole('group', { name: 'Buttons' })).toBeNull();
    expect(within(chat).getByText(/buttons come back when the agent hands the chat back/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Hand back to bot' }));
    expect(within(chat).getByRole('group', { name: 'Buttons' })).toBeInTheDocument();
  });
});

describe('automatic layout of a long chain', () => {
  const chain = () => {
    const blocks = [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} }, ...Array.from({ length: 8 }, (_, i) => ({ id: `m${i + 1}`, kind: 'message', position: { x: 0, y: 0 }, data: { text: `Step ${i + 1}` } }))];
    const ids = blocks.map((b) => b.id);
    const edges = ids.slice(1).map((to, i) => ({ id: `e${i}`, from: ids[i], exit: 'next', to }));
    return validateFlow({ version: 1, id: 'chain', name: 'Chain', blocks, edges }).flow!;
  };
  const extent = (edit: Awaited<ReturnType<typeof autoLayoutEdit>>) => {
    const moves = (edit as { edits: { moves: { position: { x: number; y: number } }[] }[] }).edits[0].moves;
    const xs = moves.map((m) => m.position.x);
    const ys = moves.map((m) => m.position.y);
    return { width: Math.max(...xs) - Math.min(...xs) + 260, height: Math.max(...ys) - Math.min(...ys) + 120 };
  };

  it('wraps a 9-block chain into rows shaped like the canvas, so Fit View can show it at a readable zoom', async () => {
    const flow = chain();
    const oneRow = extent(await autoLayoutEdit(flow, {}));
    expect(oneRow.height).toBe(120);
    const wrapped = extent(await autoLayoutEdit(flow, {}, { aspectRatio: 1.2 }));
    expect(wrapped.width / wrapped.height).toBeLessThan(3);
    // Fit zoom on a 700 x 600 px canvas area: below the readable zoom in one row, at or above it wrapped.
    const zoom = (e: { width: number; height: number }) => Math.min(700 / e.width, 600 / e.height);
    expect(zoom(oneRow)).toBeLessThan(READABLE_ZOOM);
    expect(zoom(wrapped)).toBeGreaterThanOrEqual(READABLE_ZOOM - 0.05);
  });
});
