// @vitest-environment jsdom
/** Smaller newcomer s5 items (uxfix): problem counts without a zero part; no bot buttons while an agent holds the simulated chat. */
import './support/setup';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import customerSupport from '../../flows/customer-support.json';
import { problemCount } from '../../renderer/studio/editor/problemCount';
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
