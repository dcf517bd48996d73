// @vitest-environment jsdom
/**
 * Session 39 (studioui): the newcomer s39 findings in the studio and the simulator (see docs/history.md,
 * "Session 39 (studioui)"). Each describe names its finding.
 */
import './support/setup';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { renderEditor } from './support/renderEditor';
import { tinyFlow } from './support/sampleFlow';
import customerSupport from '../../flows/customer-support.json';
import { SimulatorPanel } from '../../renderer/studio/simulator/SimulatorPanel';
import { validateFlow } from '../../shared/flow/validateFlow';


describe('N3: a toast with an action opens the problems list', () => {
  it('shows the one-line text and a Show button that opens the problems list and closes the toast', () => {
    const store = renderEditor();
    expect(screen.queryByRole('region', { name: 'Problems' })).toBeNull();
    act(() => store.getState().notify('Exported tiny.json — 3 warnings.', 'info', { label: 'Show', opens: 'problems' }));
    const toast = screen.getByRole('alert');
    expect(toast).toHaveTextContent('Exported tiny.json — 3 warnings.');
    fireEvent.click(within(toast).getByRole('button', { name: 'Show' }));
    expect(screen.getByRole('region', { name: 'Problems' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a toast without an action has no button', () => {
    const store = renderEditor();
    act(() => store.getState().notify('Refused.', 'error'));
    expect(within(screen.getByRole('alert')).queryByRole('button')).toBeNull();
  });
});

describe('N9, N10: the Question block speaks the inspector\'s words', () => {
  it('Dates allowed help names its own options; the description lists every answer type', async () => {
    const { questionData, questionBlock } = await import('../../shared/flow/blocks/question');
    const dates = questionData.shape.dates.meta() as { help: string; choices: Record<string, { label: string }> };
    for (const c of Object.values(dates.choices).filter((c) => c.label !== 'Any date')) expect(dates.help).toContain(`"${c.label}"`);
    expect(dates.help).not.toMatch(/"Past"|"Future"/);
    const types = questionData.shape.inputType.meta() as { choices: Record<string, { label: string }> };
    for (const c of Object.values(types.choices)) expect(questionBlock.description.toLowerCase()).toContain(c.label.toLowerCase());
  });

  it('the node chip shows "Date & time", not the raw value', async () => {
    const { validateFlow } = await import('../../shared/flow/validateFlow');
    const r = validateFlow({
      version: 1,
      id: 'dt',
      name: 'Dt',
      blocks: [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'when', kind: 'question', position: { x: 300, y: 0 }, data: { text: 'When?', inputType: 'datetime', variable: 'when' } },
      ],
      edges: [{ id: 'e1', from: 'start', exit: 'next', to: 'when' }],
    });
    renderEditor(r.flow!);
    const node = await screen.findByText('When?');
    const card = node.closest('.react-flow__node') as HTMLElement;
    expect(within(card).getByText('Date & time')).toHaveClass('bn-chip');
    expect(within(card).queryByText('datetime')).toBeNull();
  });
});

describe('N7: the drop picker stays at the drop point', () => {
  it('near the bottom-right edge it slides just enough to stay inside, not to the other side of the point', async () => {
    const { DropPicker } = await import('../../renderer/studio/canvas/DropPicker');
    const noop = () => {};
    // Dropped 80 px from the right and 150 px from the bottom of a 700 x 750 canvas (the picker is 260 x 320).
    render(<DropPicker left={620} top={600} bounds={{ width: 700, height: 750 }} title="after “Question”" onPick={noop} onClose={noop} />);
    const box = screen.getByRole('dialog', { name: 'Add a block here' });
    expect(box.style.left).toBe('436px'); // 700 - 4 - 260: its right edge at the canvas's, not 360 (620 - 260)
    expect(box.style.top).toBe('426px'); // 750 - 4 - 320, not 280 (600 - 320)
  });

  it('with room, its corner is at the drop point', async () => {
    const { DropPicker } = await import('../../renderer/studio/canvas/DropPicker');
    const noop = () => {};
    render(<DropPicker left={100} top={120} bounds={{ width: 900, height: 750 }} title="after “Question”" onPick={noop} onClose={noop} />);
    const box = screen.getByRole('dialog', { name: 'Add a block here' });
    expect([box.style.left, box.style.top]).toEqual(['100px', '120px']);
  });
});

function simulator() {
  const r = validateFlow(customerSupport);
  const store = createStudioStore(r.flow!);
  render(
    <StudioStoreProvider store={store}>
      <SimulatorPanel onClose={() => {}} onFocusBlock={() => {}} storage={null} overlay={false} />
    </StudioStoreProvider>,
  );
  return { store };
}
function say(text: string) {
  const input = screen.getByLabelText('Customer message');
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

describe('N12: the Debug path names blocks as the canvas does', () => {
  it('shows labels, with the id in the tooltip', () => {
    simulator();
    say('Can I talk to a real person please?');
    say('sam@example.com');
    fireEvent.click(screen.getByRole('tab', { name: 'Debug' }));
    const path = screen.getByRole('region', { name: 'Path' });
    const link = within(path).getByRole('button', { name: 'Customer service team' });
    expect(link).toHaveAttribute('title', 'Block id: human_agent');
    expect(within(path).getByRole('button', { name: 'Main menu' })).toBeInTheDocument();
    expect(within(path).queryByRole('button', { name: 'human_agent' })).toBeNull();
  });
});

describe('N13: the simulator agent card', () => {
  it('the reply box shares its line only with Reply and Note (s41 N7: compact card); the card folds and unfolds', () => {
    simulator();
    say('Can I talk to a real person please?');
    say('sam@example.com');
    const pane = screen.getByLabelText('Agent pane');
    const reply = within(pane).getByLabelText('Agent reply');
    expect(reply).toHaveClass('sim-agent-reply');
    // Session 41 (newcomer s41 N7) changed s39's "alone on its line" on purpose: the box and its own two buttons
    // share a row (the card took half the panel); the chat's actions (hand back, decline, close) are on the next.
    const row = reply.closest('.sim-row') as HTMLElement;
    expect([...row.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Reply', 'Note']);
    expect(within(pane).getByRole('button', { name: 'Hand back to bot' }).closest('.sim-row')).not.toBe(row);
    const fold = within(pane).getByRole('button', { name: 'Hide' });
    expect(fold).toHaveAttribute('aria-expanded', 'true');
    fireEvent.click(fold);
    expect(within(pane).queryByRole('textbox', { name: 'Agent reply' })).toBeNull();
    fireEvent.click(within(pane).getByRole('button', { name: 'Show' }));
    expect(within(pane).getByRole('textbox', { name: 'Agent reply' })).toBeInTheDocument();
  });

  it('s41 N7: while the handoff is live, what the agent receives is one line that opens for the full text and the suggestion', () => {
    simulator();
    say('Can I talk to a real person please?');
    say('sam@example.com');
    const pane = screen.getByLabelText('Agent pane');
    const details = pane.querySelector('details.sim-context') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    const summary = details.querySelector('summary')!;
    expect(summary).toHaveTextContent(/^What the agent receives: The customer \(sam@example\.com\) is waiting/);
    expect(summary.getAttribute('title')).toMatch(/is waiting/);
    expect(details).toHaveTextContent(/Suggested: /);
  });

  it('once the handoff is over it folds itself and no longer says the customer "is waiting"', () => {
    simulator();
    say('Can I talk to a real person please?');
    say('sam@example.com');
    const pane = () => screen.getByLabelText('Agent pane');
    expect(pane()).toHaveTextContent(/is waiting/);
    fireEvent.click(within(pane()).getByRole('button', { name: 'Hand back to bot' }));
    expect(within(pane()).getByRole('button', { name: 'Show' })).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(within(pane()).getByRole('button', { name: 'Show' }));
    expect(pane()).not.toHaveTextContent(/is waiting/);
    expect(pane()).toHaveTextContent(/What the agent received/);
  });
});

describe('N14: escalation Phrases and Examples say which is which', () => {
  it('Explicit request and Negative sentiment have one help line for each', async () => {
    const store = createStudioStore(tinyFlow());
    const { FlowSettings } = await import('../../renderer/studio/inspector/FlowSettings');
    render(
      <StudioStoreProvider store={store}>
        <FlowSettings />
      </StudioStoreProvider>,
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    for (const signal of ['explicitRequest', 'negativeSentiment']) {
      const section = document.querySelector(`.st-signal[data-signal="${signal}"]`) as HTMLElement;
      expect(within(section).getByText(/^Exact words that always count/)).toBeInTheDocument();
      expect(within(section).getByText(/^Whole (customer|upset) messages/)).toBeInTheDocument();
    }
  });
});

describe('N15: the Human takeover Custom tab', () => {
  function customTakeover() {
    const flow = tinyFlow();
    const r = validateFlow({ ...flow, blocks: flow.blocks.map((b) => (b.id === 'agent' ? { ...b, data: { ...b.data, assignation: 'custom' } } : b)) });
    const store = renderEditor(r.flow!);
    act(() => store.getState().select(['agent']));
    return screen.getByTestId('block-inspector');
  }

  it('folds its fields in groups, Assignment open, every field still in the page', async () => {
    const inspector = customTakeover();
    const groups = [...inspector.querySelectorAll('details.st-field-group')] as HTMLDetailsElement[];
    expect(groups.map((g) => g.dataset.group)).toEqual(['Messages', 'Assignment', 'Hours', 'Timers and notifications']);
    expect(groups.map((g) => g.open)).toEqual([false, true, false, false]);
    // Every Custom field is in one group (none left over after them) and reachable by its label.
    const { humanTakeoverData } = await import('../../shared/flow/blocks/humanTakeover');
    const customFields = Object.entries(humanTakeoverData.shape)
      .map(([k, v]) => [k, (v as { meta(): { title?: string; tabs?: readonly string[]; showWhen?: { field: string } } | undefined }).meta()] as const)
      // (Those shown only when another option is on, e.g. "Agent assigned message" with automatic assignment, aside.)
      .filter(([k, m]) => k !== 'assignation' && m?.tabs?.includes('custom') && (!m.showWhen || m.showWhen.field === 'assignation'));
    expect(customFields.length).toBeGreaterThan(15);
    for (const [, m] of customFields) expect(within(inspector).getAllByText(m!.title!, { exact: true }).some((el) => el.closest('details.st-field-group'))).toBe(true);
    fireEvent.click(within(groups[2]).getByText('Hours'));
    expect(groups[2].open).toBe(true);
  });

  it('names exits as the canvas does, not "no_agent"', () => {
    const inspector = customTakeover();
    expect(inspector.textContent).not.toMatch(/no_agent|timeout exit/);
    expect(inspector).toHaveTextContent('before the “No agent” exit');
  });
});

describe('N27: the minimap can be hidden', () => {
  // (jsdom has no layout, so the minimap itself is not drawn here: e2e studioS39 checks it goes and comes back.)
  it('a toggle beside the zoom buttons; the choice is kept for the next page', () => {
    localStorage.removeItem('baton.studio.minimap');
    renderEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Hide the minimap' }));
    expect(localStorage.getItem('baton.studio.minimap')).toBe('hidden');
    expect(screen.getByRole('button', { name: 'Show the minimap' })).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(screen.getByRole('button', { name: 'Show the minimap' }));
    expect(localStorage.getItem('baton.studio.minimap')).toBe('shown');
    expect(screen.getByRole('button', { name: 'Hide the minimap' })).toHaveAttribute('aria-pressed', 'true');
    localStorage.removeItem('baton.studio.minimap');
  });
});
