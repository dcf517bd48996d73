// @vitest-environment jsdom
/**
 * Session 29 (fixsim): the studio simulator's kept conversation and start clock.
 * - hostile s28 H7: two flows with the same id (a copy keeps the id) shared one kept conversation; it is kept under the
 *   studio's flow key.
 * - hostile s28 H4: the scenarios file's "now" without an offset was read in the browser's zone; it is the flow's wall
 *   time, as baton test / baton chat read it (the test switches the host zone to New York in-process and checks it did).
 * - hostile s28 H6: a kept conversation whose start time is out of the clock's range blanked the studio on every reload;
 *   it is dropped, and an error boundary around the panel shows the error and "Start over".
 * - newcomer s28 N9: after "Outside business hours" Restart kept the late clock and the clock could not be set back;
 *   Restart starts at the setup's time again (keeping the clock is a choice), and a time before the clock offers a new
 *   conversation at that time.
 */
import './support/setup';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ScenarioStorage } from '../../renderer/studio/simulator/ScenariosPane';
import { SimulatorBoundary, SimulatorPanel } from '../../renderer/studio/simulator/SimulatorPanel';
import { StudioBoundary } from '../../renderer/studio/StudioBoundary';
import { readFileSync } from 'node:fs';
import { baseSetup, forgetKept, isReplayableKept } from '../../renderer/studio/simulator/useSimulatorSession';
import type { ScenarioFile } from '../../shared/simulator/scenarioSchema';
import { scenarioSetup } from '../../shared/simulator/scenarioRunner';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import type { Flow } from '../../shared/flow/schema';
import { sampleFlow } from './support/sampleFlow';

const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

function renderSim(flow: Flow, remember: Storage | null, rememberKey?: string, storage: ScenarioStorage | null = null) {
  const store = createStudioStore(flow);
  render(
    <StudioStoreProvider store={store}>
      <SimulatorPanel onClose={() => {}} storage={storage} overlay={false} remember={remember} rememberKey={rememberKey} />
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

function fileWithNow(now: string): ScenarioStorage {
  return { load: async () => ({ file: { version: 1, now, scenarios: [] } as unknown as ScenarioFile, exists: true }), save: async () => undefined };
}
function parisFlow(): Flow {
  const f = sampleFlow();
  f.settings.timezone = 'Europe/Paris';
  return f;
}

describe("hostile s28 H4: the scenarios file's now is read in the flow's zone, not the browser's", () => {
  it('from a browser in New York, "2026-03-02T10:00" in a Paris flow is 10:00 in Paris, the instant baton test uses', async () => {
    process.env.TZ = 'America/New_York';
    // The host zone really changed (otherwise this test would prove nothing).
    expect(new Date(Date.UTC(2026, 2, 2, 12)).getTimezoneOffset()).toBe(300);
    const cli = scenarioSetup({ name: 'x', now: '2026-03-02T10:00', steps: [] } as never, {}, 'Europe/Paris').now;
    expect(cli).toBe(Date.UTC(2026, 2, 2, 9, 0));
    expect(baseSetup({ now: '2026-03-02T10:00' }, 'Europe/Paris').now).toBe(cli);
    renderSim(parisFlow(), null, undefined, fileWithNow('2026-03-02T10:00'));
    fireEvent.click(screen.getByRole('tab', { name: 'Clock & agents' }));
    await expect.poll(() => screen.getByTestId('sim-clock').textContent).toBe('Mon 2 Mar 2026 10:00 (Europe/Paris)');
  });

  it('a now with Z or an offset keeps its instant; a now the clock cannot use starts at the default Monday 10:00 in the flow zone', async () => {
    process.env.TZ = 'America/New_York';
    expect(baseSetup({ now: '2026-03-02T10:00:00Z' }, 'Europe/Paris').now).toBe(Date.UTC(2026, 2, 2, 10));
    expect(baseSetup({ now: '2026-03-02T10:00+02:00' }, 'Europe/Paris').now).toBe(Date.UTC(2026, 2, 2, 8));
    // Session 42 (newcomer s19 F15): the default Monday 10:00 is the flow's zone's (09:00 UTC in Paris), no longer UTC's.
    expect(baseSetup({ now: 'next tuesday' }, 'Europe/Paris').now).toBe(Date.UTC(2026, 2, 2, 9));
    expect(baseSetup({ now: '1960-01-01T10:00' }, 'Europe/Paris').now).toBe(Date.UTC(2026, 2, 2, 9));
    expect(baseSetup(null, 'Europe/Paris').now).toBe(Date.UTC(2026, 2, 2, 9));
    renderSim(parisFlow(), null, undefined, fileWithNow('2026-03-02T10:00:00Z'));
    fireEvent.click(screen.getByRole('tab', { name: 'Clock & agents' }));
    await expect.poll(() => screen.getByTestId('sim-clock').textContent).toBe('Mon 2 Mar 2026 11:00 (Europe/Paris)');
  });
});

const KEY = 'baton.simulator.conversation.customer-support';
/** A real kept conversation (one customer message), as the panel writes it. */
function keptConversation(): Record<string, any> {
  renderSim(sampleFlow(), sessionStorage, 'customer-support');
  say('where is my parcel, it is so late');
  cleanup();
  const kept = JSON.parse(sessionStorage.getItem(KEY)!);
  sessionStorage.clear();
  return kept;
}

describe('hostile s28 H6: a kept conversation the panel cannot replay is dropped; a render error does not blank the studio', () => {
  it('a kept start time out of the clock range (9e15, -1e17) starts a fresh conversation instead of throwing, and is replaced', () => {
    const good = keptConversation();
    expect(isReplayableKept(good)).toBe(true);
    for (const now of [9e15, -1e17]) {
      sessionStorage.setItem(KEY, JSON.stringify({ ...good, setup: { ...good.setup, now } }));
      renderSim(sampleFlow(), sessionStorage, 'customer-support');
      expect(screen.queryByRole('alert')).toBeNull();
      expect(screen.queryByText('where is my parcel, it is so late')).toBeNull();
      expect(document.querySelector('.sim-clock-small')?.textContent).toMatch(/^Mon 2 Mar 2026 10:00/);
      // The bad entry is gone: what is kept now is the fresh conversation.
      expect(JSON.parse(sessionStorage.getItem(KEY)!).setup.now).toBe(Date.UTC(2026, 2, 2, 10));
      cleanup();
    }
  });

  it('other setups it cannot replay are refused (agents not a list of agents, not JSON); a good one replays', () => {
    const good = keptConversation();
    const bad = [
      { ...good, setup: { ...good.setup, agents: 'abc' } },
      { ...good, setup: { ...good.setup, agents: [{ id: 'x' }] } },
      { ...good, setup: { ...good.setup, now: '2026-03-02' } },
      { ...good, setup: { ...good.setup, variables: [1] } },
      { ...good, log: [null] },
      { ...good, log: 'say hi' },
      { log: [] },
    ];
    for (const b of bad) expect(isReplayableKept(b)).toBe(false);
    sessionStorage.setItem(KEY, '{not json');
    renderSim(sampleFlow(), sessionStorage, 'customer-support');
    expect(screen.queryByText('where is my parcel, it is so late')).toBeNull();
    cleanup();
    sessionStorage.setItem(KEY, JSON.stringify(good));
    renderSim(sampleFlow(), sessionStorage, 'customer-support');
    expect(screen.getAllByText('where is my parcel, it is so late').length).toBeGreaterThan(0);
  });

  it('a render error inside the panel shows a message and Start over, which drops the kept conversation and starts afresh', () => {
    sessionStorage.setItem('baton.simulator.conversation.k', '{"setup":{}}');
    function Broken() {
      if (sessionStorage.getItem('baton.simulator.conversation.k')) throw new Error('Invalid time value');
      return <p>fresh simulator</p>;
    }
    const quiet = console.error;
    console.error = () => {};
    try {
      render(
        <div>
          <p>the canvas</p>
          <SimulatorBoundary onStartOver={() => forgetKept(sessionStorage, 'k')} onClose={() => {}}>
            <Broken />
          </SimulatorBoundary>
        </div>,
      );
    } finally {
      console.error = quiet;
    }
    expect(screen.getByText('the canvas')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('The simulator stopped on an error: Invalid time value.');
    fireEvent.click(screen.getByRole('button', { name: 'Start over' }));
    expect(sessionStorage.getItem('baton.simulator.conversation.k')).toBeNull();
    expect(screen.getByText('fresh simulator')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

function clock(): string {
  return screen.getByTestId('sim-clock').textContent ?? '';
}

describe('newcomer s28 N9: after "Outside business hours" a new conversation can start at opening hours again', () => {
  it('Restart (header, Same customer, New customer) starts at the start time again; the clock moved before', () => {
    renderSim(sampleFlow(), null);
    fireEvent.click(screen.getByRole('tab', { name: 'Clock & agents' }));
    const start = clock();
    expect(start).toBe('Mon 2 Mar 2026 10:00 (Europe/London)');
    expect(screen.getByTestId('restart-clock')).toHaveTextContent(`The new conversation starts at ${start}.`);
    for (const button of ['Restart', 'Same customer', 'New customer']) {
      fireEvent.click(screen.getByRole('button', { name: 'Outside business hours' }));
      expect(clock()).not.toBe(start);
      fireEvent.click(screen.getByRole('button', { name: button }));
      expect(clock()).toBe(start);
    }
  });

  it('"Keep the clock" keeps the late time for the new conversation (to begin one outside business hours)', () => {
    renderSim(sampleFlow(), null);
    fireEvent.click(screen.getByRole('tab', { name: 'Clock & agents' }));
    fireEvent.click(screen.getByRole('button', { name: 'Outside business hours' }));
    const late = clock();
    fireEvent.click(screen.getByRole('checkbox', { name: /Keep the clock/ }));
    expect(screen.getByTestId('restart-clock')).toHaveTextContent(`The new conversation starts with the clock as it is (${late}).`);
    fireEvent.click(screen.getByRole('button', { name: 'New customer' }));
    expect(clock()).toBe(late);
  });

  it('setting the clock back says so in words and offers a new conversation at that time; forward still moves it', () => {
    renderSim(sampleFlow(), null);
    fireEvent.click(screen.getByRole('tab', { name: 'Clock & agents' }));
    fireEvent.click(screen.getByRole('button', { name: 'Outside business hours' }));
    const late = clock();
    fireEvent.change(screen.getByLabelText('Set date and time (Europe/London)'), { target: { value: '2026-03-02T09:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set (Europe/London)' }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(`The clock cannot go back during a conversation (it is ${late}).`);
    expect(alert.textContent).not.toMatch(/setTime|Z\b/);
    expect(clock()).toBe(late);
    fireEvent.click(screen.getByRole('button', { name: 'Start a new conversation at Mon 2 Mar 2026 09:30 (Europe/London)' }));
    expect(clock()).toBe('Mon 2 Mar 2026 09:30 (Europe/London)');
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.change(screen.getByLabelText('Set date and time (Europe/London)'), { target: { value: '2026-03-02T11:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set (Europe/London)' }));
    expect(clock()).toBe('Mon 2 Mar 2026 11:00 (Europe/London)');
    expect(screen.queryByRole('button', { name: /Start a new conversation/ })).toBeNull();
  });
});

describe('hostile s28 H6 rest: a render error anywhere in the studio says so instead of an empty page', () => {
  it('the studio page draws the app inside StudioBoundary', () => {
    expect(readFileSync(process.cwd() + '/renderer/studio/main.tsx', 'utf8')).toMatch(/<StudioBoundary>\s*<App \/>\s*<\/StudioBoundary>/);
  });

  it('shows the error with Reload and "Back to your flows", which draws the studio again at the home screen', () => {
    let broken = true;
    function Page() {
      if (broken) throw new Error('Invalid time value');
      return <p>home screen</p>;
    }
    location.hash = '#/flow/customer-support';
    const quiet = console.error;
    console.error = () => {};
    try {
      render(
        <StudioBoundary>
          <Page />
        </StudioBoundary>,
      );
    } finally {
      console.error = quiet;
    }
    expect(screen.getByRole('alert')).toHaveTextContent('The studio stopped on an error');
    expect(screen.getByRole('alert')).toHaveTextContent('Invalid time value.');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
    broken = false;
    fireEvent.click(screen.getByRole('button', { name: 'Back to your flows' }));
    expect(location.hash).toBe('#/');
    expect(screen.getByText('home screen')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
