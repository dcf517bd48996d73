// @vitest-environment jsdom
/**
 * Session 29 (fixsim): the studio simulator's kept conversation and start clock.
 * - hostile s28 H7: two flows with the same id (a copy keeps the id) shared one kept conversation; it is kept under the
 *   studio's flow key.
 */
import './support/setup';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatorPanel } from '../../renderer/studio/simulator/SimulatorPanel';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import type { Flow } from '../../shared/flow/schema';
import { sampleFlow } from './support/sampleFlow';

function renderSim(flow: Flow, remember: Storage | null, rememberKey?: string) {
  const store = createStudioStore(flow);
  render(
    <StudioStoreProvider store={store}>
      <SimulatorPanel onClose={() => {}} storage={null} overlay={false} remember={remember} rememberKey={rememberKey} />
    </StudioStoreProvider>,
  );
  return store;
}
function say(text: string) {
  const input = screen.getByLabelText('Customer message');
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

describe('hostile s28 H7: the kept conversation is filed under the studio flow key, not the flow id', () => {
  it("a copy with the same id does not replay the original's chat; each key gets its own back", () => {
    const original = sampleFlow();
    const copy = sampleFlow();
    expect(copy.id).toBe(original.id);
    renderSim(original, sessionStorage, 'customer-support');
    say('where is my parcel, it is so late');
    expect(screen.getAllByText('where is my parcel, it is so late').length).toBeGreaterThan(0);
    cleanup();
    // The copy (same flow id, another file: key customer-support-2) starts fresh.
    renderSim(copy, sessionStorage, 'customer-support-2');
    expect(screen.queryByText('where is my parcel, it is so late')).toBeNull();
    say('I want a refund');
    cleanup();
    // Back on the original: its own chat, not the copy's.
    renderSim(original, sessionStorage, 'customer-support');
    expect(screen.getAllByText('where is my parcel, it is so late').length).toBeGreaterThan(0);
    expect(screen.queryByText('I want a refund')).toBeNull();
    cleanup();
    renderSim(copy, sessionStorage, 'customer-support-2');
    expect(screen.getAllByText('I want a refund').length).toBeGreaterThan(0);
    expect(screen.queryByText('where is my parcel, it is so late')).toBeNull();
  });

  it('without a key (a page with no studio server) the flow id files it, as before', () => {
    renderSim(sampleFlow(), sessionStorage);
    say('where is my parcel, it is so late');
    expect(sessionStorage.getItem('baton.simulator.conversation.customer-support')).toContain('where is my parcel');
    cleanup();
    renderSim(sampleFlow(), sessionStorage);
    expect(screen.getAllByText('where is my parcel, it is so late').length).toBeGreaterThan(0);
  });
});
