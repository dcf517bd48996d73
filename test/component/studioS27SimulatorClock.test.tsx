// @vitest-environment jsdom
/**
 * Session 27 (studio), newcomer s24 #7 / #9 rest: the simulator's clock is set in the flow's time zone (it was read as
 * UTC while the clock showed the flow's zone), and the simulated conversation is kept across a reload (sessionStorage).
 */
import './support/setup';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SimulatorPanel } from '../../renderer/studio/simulator/SimulatorPanel';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import type { Flow } from '../../shared/flow/schema';
import { sampleFlow } from './support/sampleFlow';

function renderSim(flow: Flow, remember: Storage | null) {
  const store = createStudioStore(flow);
  render(
    <StudioStoreProvider store={store}>
      <SimulatorPanel onClose={() => {}} storage={null} overlay={false} remember={remember} />
    </StudioStoreProvider>,
  );
  return store;
}
function say(text: string) {
  const input = screen.getByLabelText('Customer message');
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

describe('simulator: the clock in the flow zone, the conversation kept across a reload', () => {
  it("sets the date and time in the flow's zone (Europe/London, summer time), as the clock shows it", () => {
    renderSim(sampleFlow(), null);
    fireEvent.click(screen.getByRole('tab', { name: 'Clock & agents' }));
    fireEvent.change(screen.getByLabelText('Set date and time (Europe/London)'), { target: { value: '2026-07-01T10:00' } });
    expect(screen.getByTestId('sim-when')).toHaveTextContent('Wed 1 Jul 2026 10:00 (Europe/London)');
    fireEvent.click(screen.getByRole('button', { name: 'Set (Europe/London)' }));
    expect(screen.getByTestId('sim-clock')).toHaveTextContent('Wed 1 Jul 2026 10:00 (Europe/London)');
  });

  it('a wall time the clocks skip (the spring change) is refused with the reason', () => {
    renderSim(sampleFlow(), null);
    fireEvent.click(screen.getByRole('tab', { name: 'Clock & agents' }));
    const t0 = screen.getByTestId('sim-clock').textContent;
    fireEvent.change(screen.getByLabelText('Set date and time (Europe/London)'), { target: { value: '2026-03-29T01:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set (Europe/London)' }));
    expect(screen.getByRole('alert').textContent).toMatch(/Europe\/London/);
    expect(screen.getByTestId('sim-clock').textContent).toBe(t0);
  });

  it('the conversation comes back after a reload (same tab); Restart starts a fresh one that is kept instead', () => {
    sessionStorage.clear();
    renderSim(sampleFlow(), sessionStorage);
    say('where is my parcel, it is so late');
    expect(screen.getAllByText('where is my parcel, it is so late').length).toBeGreaterThan(0);
    cleanup();
    renderSim(sampleFlow(), sessionStorage);
    expect(screen.getAllByText('where is my parcel, it is so late').length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: 'Restart' }));
    cleanup();
    renderSim(sampleFlow(), sessionStorage);
    expect(screen.queryByText('where is my parcel, it is so late')).toBeNull();
    cleanup();
    renderSim(sampleFlow(), null);
    expect(screen.queryByText('where is my parcel, it is so late')).toBeNull();
    sessionStorage.clear();
  });
});
