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
  // Session 42: "resolved" is the inbox's word for Resolve now ("Ana resolved the chat"); the status code sentence is not.
  expect(text).not.toMatch(/\b(rejected|pending|explicit_request)\b|is resolved/);
}

describe('simulator agent pane in words', () => {
  it('while assigned and after the hand back: who has the chat, why, and what became of it', () => {
    setup();
    say('Can I talk to a real person please?');
    say('sam@example.com');
    // Session 42 (newcomer s19 F20): the inbox's words for the status, and whether she opened the chat yet.
    expect(within(pane()).getByText('Assigned · Ana · not opened yet')).toBeInTheDocument();
    expect(within(pane()).getByText('Asked for a person')).toBeInTheDocument();
    noCodes();
    click('Hand back to bot');
    expect(within(pane()).getByText('Back with the bot · Ana')).toBeInTheDocument();
    expect(within(pane()).getByText('Ana handed the conversation back to the bot.')).toBeInTheDocument();
    noCodes();
  });

  it('Resolve, as in the inbox: the rating first (the block\'s resolved exit asks one), then "Resolved · Ana" and the end', () => {
    setup();
    say('agent please');
    say('sam@example.com');
    expect(within(pane()).queryByRole('button', { name: 'Close' })).toBeNull();
    // Session 46 (studio10, newcomer s45 N10): Resolve asks the rating only after the agent wrote (before, nobody answered
    // the customer: an apology, no rating); so Ana writes first.
    const reply = within(pane()).getByLabelText('Agent reply');
    fireEvent.change(reply, { target: { value: 'Hello Sam, I can help with that.' } });
    fireEvent.keyDown(reply, { key: 'Enter' });
    click('Resolve');
    expect(within(pane()).getByText('Resolved · Ana')).toBeInTheDocument();
    expect(within(pane()).getByText('Ana resolved the chat: the bot asks for a rating, then the conversation ends.')).toBeInTheDocument();
    expect(screen.getAllByText(/how would you rate this chat/i).length).toBeGreaterThan(0);
    say('5');
    expect(within(pane()).getByText('Ana resolved the chat. The conversation has ended.')).toBeInTheDocument();
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
    expect(within(pane()).getByText('Waiting')).toBeInTheDocument();
    noCodes();
    click('No agent found');
    expect(within(pane()).getByText('No agent')).toBeInTheDocument();
    expect(within(pane()).getByText(/^No agent could take the chat\./)).toBeInTheDocument();
    noCodes();
  });
});
