// @vitest-environment jsdom
/**
 * Session 36 (newcomer s35, cosmetic): the simulator's agent pane said "Handoff studio:h1 is resolved: …",
 * "Handoff studio~1:h1 is rejected: …", a badge "rejected" and "reason explicit_request": the runtime's internal
 * handoff id and status codes. A tester reads who did what, in words.
 */
import './support/setup';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import customerSupport from '../../flows/customer-support.json';
import { SimulatorPanel } from '../../renderer/studio/simulator/SimulatorPanel';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { validateFlow } from '../../shared/flow/validateFlow';

function setup() {
  const r = validateFlow(customerSupport);
  if (!r.flow) throw new Error('sample flow invalid');
  render(
    <StudioStoreProvider store={createStudioStore(r.flow)}>
      <SimulatorPanel onClose={() => {}} onFocusBlock={() => {}} storage={null} overlay={false} />
    </StudioStoreProvider>,
  );
}
function say(text: string) {
  const input = screen.getByLabelText('Customer message');
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}
const tab = (name: string) => fireEvent.click(screen.getByRole('tab', { name }));
const pane = () => screen.getByLabelText('Agent pane');
const click = (name: string) => fireEvent.click(within(pane()).getByRole('button', { name }));
/** No internal handoff id ("studio:h1", "studio~1:h1") and no status or reason code anywhere in the pane. */
function noCodes() {
  const text = pane().textContent ?? '';
  expect(text).not.toMatch(/studio[~:\d]*:h\d|\bh\d\b/);
  expect(text).not.toMatch(/\b(resolved|rejected|pending|explicit_request)\b/);
}

describe('simulator agent pane in words', () => {
  it('while assigned and after the hand back: who has the chat, why, and what became of it', () => {
    setup();
    say('Can I talk to a real person please?');
    say('sam@example.com');
    expect(within(pane()).getByText('assigned · Ana')).toBeInTheDocument();
    expect(within(pane()).getByText('Asked for a person')).toBeInTheDocument();
    noCodes();
    click('Hand back to bot');
    expect(within(pane()).getByText('handed back · Ana')).toBeInTheDocument();
    expect(within(pane()).getByText('Ana handed the conversation back to the bot.')).toBeInTheDocument();
    noCodes();
  });

  it('the agent closes the chat: "closed · Ana" and the conversation has ended', () => {
    setup();
    say('agent please');
    say('sam@example.com');
    click('Close');
    expect(within(pane()).getByText('closed · Ana')).toBeInTheDocument();
    expect(within(pane()).getByText('Ana closed the chat. The conversation has ended.')).toBeInTheDocument();
    noCodes();
  });

  it('a waiting chat nobody takes: "in the queue", then "no agent found" in words', () => {
    setup();
    say('agent please');
    say('sam@example.com');
    tab('Clock & agents');
    fireEvent.change(screen.getByLabelText('Ben status'), { target: { value: 'offline' } });
    tab('Chat');
    click('Decline');
    expect(within(pane()).getByText('in the queue')).toBeInTheDocument();
    noCodes();
    click('No agent found');
    expect(within(pane()).getByText('no agent found')).toBeInTheDocument();
    expect(within(pane()).getByText(/^No agent could take the chat\./)).toBeInTheDocument();
    noCodes();
  });
});
