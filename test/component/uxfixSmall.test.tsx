// @vitest-environment jsdom
/** Smaller newcomer s5 items (uxfix): problem counts without a zero part; no bot buttons while an agent holds the simulated chat. */
import './support/setup';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import customerSupport from '../../flows/customer-support.json';
import { problemCount } from '../../renderer/studio/editor/problemCount';
import { autoLayoutEdit } from '../../renderer/studio/editor/autoLayout';
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

  it('keeps a 9-block chain in one row, left to right, even on a narrow canvas (no fold: newcomer s6 #11)', async () => {
    const flow = chain();
    for (const options of [{}, { aspectRatio: 1.2 }]) {
      const edit = await autoLayoutEdit(flow, {}, options);
      expect(extent(edit).height).toBe(120);
      const moves = (edit as { edits: { moves: { id: string; position: { x: number } }[] }[] }).edits[0].moves;
      const x = Object.fromEntries(moves.map((m) => [m.id, m.position.x]));
      const ids = ['start', ...Array.from({ length: 8 }, (_, i) => `m${i + 1}`)];
      for (let i = 1; i < ids.length; i++) expect(x[ids[i]], `${ids[i]} right of ${ids[i - 1]}`).toBeGreaterThan(x[ids[i - 1]]);
    }
  });

  it('stacks a Buttons block\'s targets in the order of its options, and every edge runs left to right', async () => {
    // Targets listed in the flow in the reverse order of the options, as palette clicks can leave them.
    const flow = validateFlow({
      version: 1,
      id: 'pets',
      name: 'Pets',
      blocks: [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'ask', kind: 'question', position: { x: 0, y: 0 }, data: { text: 'Your name?', variable: 'name' } },
        { id: 'pick', kind: 'buttons', position: { x: 0, y: 0 }, data: { text: 'Pick a pet', options: [{ id: 'dog', label: 'Dog food' }, { id: 'cat', label: 'Cat food' }] } },
        { id: 'ticket', kind: 'ticket', position: { x: 0, y: 0 }, data: {} },
        { id: 'bye', kind: 'end', position: { x: 0, y: 0 }, data: {} },
        { id: 'agent', kind: 'human_takeover', position: { x: 0, y: 0 }, data: {} },
      ],
      edges: [
        { id: 'e1', from: 'start', exit: 'next', to: 'ask' },
        { id: 'e2', from: 'ask', exit: 'next', to: 'pick' },
        { id: 'e5', from: 'pick', exit: 'fallback', to: 'ticket' },
        { id: 'e4', from: 'pick', exit: 'cat', to: 'bye' },
        { id: 'e3', from: 'pick', exit: 'dog', to: 'agent' },
      ],
      variables: [{ name: 'name', type: 'string' }],
    }).flow!;
    const edit = await autoLayoutEdit(flow, {});
    const at = Object.fromEntries((edit as { edits: { moves: { id: string; position: { x: number; y: number } }[] }[] }).edits[0].moves.map((m) => [m.id, m.position]));
    for (const e of flow.edges) expect(at[e.to].x, `${e.from} -> ${e.to} runs left to right`).toBeGreaterThan(at[e.from].x);
    expect(at.agent.y).toBeLessThan(at.bye.y); // Dog food first
    expect(at.bye.y).toBeLessThan(at.ticket.y); // then Cat food, then the fallback
  });
});
