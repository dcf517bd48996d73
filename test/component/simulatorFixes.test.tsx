// @vitest-environment jsdom
/**
 * Fixes after a newcomer tried the simulator (see /work/coord/newcomer-report.md): a Human Takeover that finds
 * no agent says why, and a long word wraps inside the chat bubble.
 */
import './support/setup';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import customerSupport from '../../flows/customer-support.json';
import { SimulatorPanel } from '../../renderer/studio/simulator/SimulatorPanel';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';

/** The sample flow with its Human Takeover asking for the skill `billing` (auto-assign on). */
function billingFlow(): Flow {
  const raw = JSON.parse(JSON.stringify(customerSupport));
  for (const b of raw.blocks) {
    if (b.kind === 'human_takeover') {
      b.data.skill = 'billing';
      delete b.data.availability; // open all the time: the only reason left is the skill
    }
  }
  const r = validateFlow(raw);
  if (!r.flow) throw new Error('flow invalid');
  return r.flow;
}

function setup(flow: Flow) {
  const store = createStudioStore(flow);
  render(
    <StudioStoreProvider store={store}>
      <SimulatorPanel onClose={() => {}} onFocusBlock={vi.fn()} storage={null} overlay={false} />
    </StudioStoreProvider>,
  );
  return { store };
}
function say(text: string) {
  const input = screen.getByLabelText('Customer message');
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}
const tab = (name: string) => fireEvent.click(screen.getByRole('tab', { name }));

describe('simulator: a Human Takeover that finds no agent says why', () => {
  it('names the skill and each online agent with their skills, in the agent pane and the debug drawer', () => {
    setup(billingFlow());
    // Give Ana a skill that is not billing (Ben keeps none).
    tab('Clock & agents');
    // An agent without skills shows an example, not an empty cell (session 43, studio6, newcomer s43 N12: 'none (e.g. billing)' was cut to 'non' in the narrow cell).
    // Session 46 (studio11, newcomer s46 N17): "e.g. billing" was still cut ("e.g."): the example is one word now, "e.g." in the title.
    expect(screen.getByLabelText('Ben skills')).toHaveAttribute('placeholder', 'billing');
    expect(screen.getByLabelText('Ben skills')).toHaveAttribute('title', expect.stringMatching(/e\.g\. billing/));
    const anaSkills = screen.getByLabelText('Ana skills');
    fireEvent.change(anaSkills, { target: { value: 'returns' } });
    fireEvent.blur(anaSkills);
    tab('Chat');
    say('Can I talk to a real person please?');
    expect(screen.getByText('Sorry, no one from our team is available right now.')).toBeInTheDocument();

    const pane = screen.getByRole('region', { name: 'Agent pane' });
    expect(within(pane).getByText(/no agent found/i)).toBeInTheDocument();
    const why = within(pane).getByText(/knows 'billing'/);
    expect(why.textContent).toMatch(/Ana \(skills: returns[;)]/);
    expect(why.textContent).toMatch(/Ben \(skills: none[;)]/);
    // Session 39: the exit named as on the canvas.
    expect(why.textContent).toMatch(/“No agent” exit/);

    tab('Debug');
    const handoff = screen.getByRole('region', { name: 'Handoff context' });
    expect(within(handoff).queryByText('No handoff requested yet.')).toBeNull();
    expect(handoff.textContent).toMatch(/The block “Customer service team”: No handoff was requested\. No online agent knows 'billing'\./);
    expect(handoff.textContent).toMatch(/Online: Ana \(skills: returns[^)]*\), Ben \(skills: none[^)]*\)/);
  });

  it('says nothing about a missing agent when the skill matches (the handoff is requested and assigned)', () => {
    setup(billingFlow());
    tab('Clock & agents');
    const benSkills = screen.getByLabelText('Ben skills');
    fireEvent.change(benSkills, { target: { value: 'billing' } });
    fireEvent.blur(benSkills);
    tab('Chat');
    say('Can I talk to a real person please?');
    // The sample flow asks for the email first, then hands over.
    say('sam@example.com');
    const pane = screen.getByRole('region', { name: 'Agent pane' });
    expect(within(pane).queryByText(/no agent found/i)).toBeNull();
    expect(pane.textContent).toMatch(/Ben/);
    tab('Debug');
    const handoff = screen.getByRole('region', { name: 'Handoff context' });
    expect(within(handoff).getByRole('list', { name: 'Assignment decisions' }).textContent).toMatch(/Ben/);
  });
});

describe('simulator clock', () => {
  it('spells out the date and time picked (the browser shows the picker in its own locale, e.g. mm/dd/yyyy)', () => {
    setup(billingFlow());
    tab('Clock & agents');
    expect(screen.queryByTestId('sim-when')).toBeNull();
    fireEvent.change(screen.getByLabelText('Set date and time (Europe/London)'), { target: { value: '2026-03-04T14:30' } });
    expect(screen.getByTestId('sim-when')).toHaveTextContent('Wed 4 Mar 2026 14:30 (Europe/London)');
  });
});

describe('simulator chat bubble', () => {
  it('wraps a long word without spaces inside the bubble (overflow-wrap: anywhere)', () => {
    const css = readFileSync(join(process.cwd(), 'renderer/studio/simulator/simulator.css'), 'utf8');
    const style = document.createElement('style');
    style.textContent = css;
    document.head.appendChild(style);
    const raw = JSON.parse(JSON.stringify(customerSupport));
    setup(validateFlow(raw).flow!);
    const word = 'Supercalifragilistic' + 'x'.repeat(90);
    say(word);
    const bubble = within(screen.getByRole('list', { name: 'Transcript' })).getByText(word);
    expect(getComputedStyle(bubble).overflowWrap).toBe('anywhere');
    style.remove();
  });
});
