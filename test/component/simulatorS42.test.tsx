// @vitest-environment jsdom
/**
 * Session 42 (sim): the studio simulator as a tester of Landbot / Botpress / Composer expects it.
 * - An automatic assignment gives the chat to the agent; the customer hears she joined only when the tester opens the
 *   chat as her (or she replies), as `baton serve` and Run say it (newcomer s26 F12 / s28 N6 rest).
 * - The agent pane speaks the inbox's words: Hand back to bot, Resolve (the rating first when the block asks one),
 *   statuses "Assigned", "Back with the bot", "Resolved" (newcomer s19 F20).
 * - The clock starts on Monday 10:00 in the flow's zone (its opening hours' zone when the flow is left at UTC), shows the
 *   zone and whether the opening hours are open, and a new conversation starts on any day and time (newcomer s19 F15).
 */
import './support/setup';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import customerSupport from '../../flows/customer-support.json';
import { SimulatorPanel } from '../../renderer/studio/simulator/SimulatorPanel';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';
import { createScenarioSession } from '../../shared/simulator/scenarioSession';
import { defaultVirtualAgents } from '../../shared/simulator/virtualAgents';
import { clockZone, defaultStartTime, weekdayTime } from '../../shared/simulator/virtualClock';

function sample(): Flow {
  const r = validateFlow(structuredClone(customerSupport));
  if (!r.flow) throw new Error('sample flow invalid');
  return r.flow;
}
/** The sample with its flow zone left at UTC and its opening hours in New York. */
function newYorkHours(): Flow {
  const f = sample();
  f.settings.timezone = 'UTC';
  for (const b of f.blocks) {
    const d = b.data as unknown as Record<string, unknown>;
    if (typeof d.timezone === 'string') d.timezone = 'America/New_York';
    const av = d.availability as Record<string, unknown> | undefined;
    if (av && typeof av.timezone === 'string') av.timezone = 'America/New_York';
  }
  return f;
}
function setup(f: Flow = sample()) {
  render(
    <StudioStoreProvider store={createStudioStore(f)}>
      <SimulatorPanel onClose={() => {}} onFocusBlock={() => {}} storage={null} overlay={false} />
    </StudioStoreProvider>,
  );
}
function say(text: string) {
  const input = screen.getByLabelText('Customer message');
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}
const pane = () => screen.getByLabelText('Agent pane');
const transcript = () => screen.getByRole('list', { name: 'Transcript' });

describe('assigned, then joined when the tester opens the chat as the agent', () => {
  it('the customer hears "will be with you shortly"; Open the chat says she joined, once', () => {
    setup();
    say('Can I talk to a real person please?');
    say('sam@example.com');
    expect(within(pane()).getByText('Assigned · Ana · not opened yet')).toBeInTheDocument();
    expect(within(transcript()).getByText(/Ana from Northwind Goods will be with you shortly/)).toBeInTheDocument();
    expect(within(transcript()).queryByText(/has joined/)).toBeNull();
    fireEvent.click(within(pane()).getByRole('button', { name: 'Open the chat as Ana' }));
    expect(within(transcript()).getByText(/Ana from Northwind Goods has joined/)).toBeInTheDocument();
    expect(within(pane()).getByText('Assigned · Ana')).toBeInTheDocument();
    expect(within(pane()).queryByRole('button', { name: /Open the chat as/ })).toBeNull();
  });

  it('replying without opening first opens it: the joined line comes before her reply, no slower to play', () => {
    setup();
    say('agent please');
    say('sam@example.com');
    fireEvent.change(within(pane()).getByLabelText('Agent reply'), { target: { value: 'Hi Sam, Ana here.' } });
    fireEvent.click(within(pane()).getByRole('button', { name: 'Reply' }));
    const lines = within(transcript()).getAllByRole('listitem').map((li) => li.textContent ?? '');
    const joined = lines.findIndex((t) => /has joined/.test(t));
    const reply = lines.findIndex((t) => /Hi Sam, Ana here\./.test(t));
    expect(joined).toBeGreaterThanOrEqual(0);
    expect(reply).toBeGreaterThan(joined);
  });

  it('a scenario step {"agent": "open"} is refused when she has the chat open already, and without a handoff', () => {
    const s = createScenarioSession(sample(), { now: defaultStartTime(sample()), agents: defaultVirtualAgents() });
    const none = s.apply({ agent: 'open' });
    expect(none.ok).toBe(false);
    expect(none.error).toMatch(/no chat is with an agent/);
    s.apply({ say: 'agent please' });
    s.apply({ say: 'sam@example.com' });
    expect(s.apply({ agent: 'open' }).ok).toBe(true);
    const again = s.apply({ agent: 'open' });
    expect(again.ok).toBe(false);
    expect(again.error).toBe('Ana has the chat open already');
  });

  it('a transfer gives the chat to the colleague, who joins when she opens it', () => {
    setup();
    say('agent please');
    say('sam@example.com');
    expect(within(pane()).queryByRole('button', { name: 'Transfer' })).toBeNull();
    fireEvent.change(within(pane()).getByLabelText('Transfer to'), { target: { value: 'Ben' } });
    fireEvent.click(within(pane()).getByRole('button', { name: 'Transfer' }));
    expect(within(pane()).getByText('Assigned · Ben · not opened yet')).toBeInTheDocument();
    fireEvent.click(within(pane()).getByRole('button', { name: 'Open the chat as Ben' }));
    expect(within(transcript()).getByText(/Ben from Northwind Goods has joined/)).toBeInTheDocument();
  });
});

describe("the clock in the flow's zone", () => {
  it('a flow left at UTC with New York opening hours starts on Monday 10:00 in New York, open, zone shown', () => {
    const f = newYorkHours();
    expect(clockZone(f)).toBe('America/New_York');
    setup(f);
    const head = screen.getByTestId('sim-head-clock');
    expect(head).toHaveTextContent('Mon 2 Mar 2026 10:00 (America/New_York)');
    expect(head).toHaveTextContent('open');
    expect(head).not.toHaveTextContent('closed');
  });

  it('a flow with its own zone keeps it (Europe/London here), whatever the zone of the machine', () => {
    const f = sample();
    expect(clockZone(f)).toBe('Europe/London');
    expect(defaultStartTime(f)).toBe(Date.UTC(2026, 2, 2, 10));
  });

  it('the header clock opens the Clock tab; a conversation starts on Saturday 03:00, closed; outside and in opening hours in one click', () => {
    setup();
    fireEvent.click(screen.getByTestId('sim-head-clock'));
    expect(screen.getByRole('tab', { name: 'Clock & agents' })).toHaveAttribute('aria-selected', 'true');
    fireEvent.change(screen.getByLabelText('Day of the week'), { target: { value: 'Sat' } });
    fireEvent.change(screen.getByLabelText('Time of day (Europe/London)'), { target: { value: '03:00' } });
    fireEvent.click(within(screen.getByRole('group', { name: 'Start a new conversation at' })).getByRole('button', { name: 'Start' }));
    expect(screen.getByTestId('sim-clock')).toHaveTextContent('Sat 7 Mar 2026 03:00 (Europe/London)');
    expect(screen.getByTestId('sim-hours')).toHaveTextContent('closed');
    fireEvent.click(screen.getByRole('button', { name: 'Start in opening hours' }));
    expect(screen.getByTestId('sim-hours')).toHaveTextContent('open');
    fireEvent.click(screen.getByRole('button', { name: 'Start outside opening hours' }));
    expect(screen.getByTestId('sim-hours')).toHaveTextContent('closed');
  });

  it('a time that is no time of day is said in words and starts nothing', () => {
    setup();
    fireEvent.click(screen.getByRole('tab', { name: 'Clock & agents' }));
    fireEvent.change(screen.getByLabelText('Time of day (Europe/London)'), { target: { value: '' } });
    fireEvent.click(within(screen.getByRole('group', { name: 'Start a new conversation at' })).getByRole('button', { name: 'Start' }));
    expect(screen.getByRole('alert')).toHaveTextContent('"" is not a time of day (00:00 to 23:59).');
    expect(screen.getByTestId('sim-clock')).toHaveTextContent('Mon 2 Mar 2026 10:00 (Europe/London)');
    expect(weekdayTime('Funday', '10:00', 'UTC')).toEqual({ ok: false, message: '"Funday" is not a day of the week (Mon to Sun)' });
    expect(weekdayTime('Tue', '25:00', 'UTC').ok).toBe(false);
  });
});
