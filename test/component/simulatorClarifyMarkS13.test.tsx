// @vitest-environment jsdom
/**
 * Newcomer s12 #16 (session 13): the simulator's Chat marks the bot's clarifying question (asked once instead of a
 * low-confidence handoff) as such, in its bubble; an ordinary bot message is not marked.
 */
import './support/setup';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import customerSupport from '../../flows/customer-support.json';
import { SimulatorPanel } from '../../renderer/studio/simulator/SimulatorPanel';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { validateFlow } from '../../shared/flow/validateFlow';
import { defaultClarifyText } from '../../shared/engine/clarifyFirst';
import { CLARIFY_MARK } from '../../renderer/studio/simulator/clarifyMarks';

function setup() {
  const r = validateFlow(JSON.parse(JSON.stringify(customerSupport)));
  if (!r.flow) throw new Error('flow invalid');
  render(
    <StudioStoreProvider store={createStudioStore(r.flow)}>
      <SimulatorPanel onClose={() => {}} onFocusBlock={vi.fn()} storage={null} overlay={false} />
    </StudioStoreProvider>,
  );
}
function say(text: string) {
  const input = screen.getByLabelText('Customer message');
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

describe('simulator Chat: the clarifying question says what it is (newcomer s12 #16)', () => {
  it('marks the clarifying question, not the other bot lines', () => {
    setup();
    const transcript = () => screen.getByRole('list', { name: 'Transcript' });
    fireEvent.click(within(screen.getByRole('group', { name: 'Buttons' })).getByRole('button', { name: 'Something else' }));
    expect(within(transcript()).queryByText(new RegExp(CLARIFY_MARK))).toBeNull();
    say('umm the thing from before');
    const bubble = within(transcript()).getByText(defaultClarifyText, { exact: false }).closest('button')!;
    expect(bubble).toHaveTextContent(`${CLARIFY_MARK} · a second unclear message hands over`);
    expect(within(transcript()).getAllByText(new RegExp(CLARIFY_MARK))).toHaveLength(1);
  });
});
