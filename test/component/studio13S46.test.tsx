// @vitest-environment jsdom
/**
 * Session 46 (studio13): newcomer s46 findings N20, N9, N14, N10.
 */
import './support/setup';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';
import { SimulatorPanel } from '../../renderer/studio/simulator/SimulatorPanel';
import { tinyFlow } from './support/sampleFlow';
import { VersionDiff } from '../../renderer/studio/history/VersionDiff';
import { diffFlows } from '../../runtime/studio/diffFlows';
import { wordDiff } from '../../shared/flow/wordDiff';
import { renderEditor } from './support/renderEditor';

function phoneFlow(): Flow {
  const r = validateFlow({
    version: 1,
    id: 'phone',
    name: 'Phone',
    blocks: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'menu', kind: 'buttons', position: { x: 300, y: 0 }, data: { text: 'Pick one', variable: 'choice', options: [{ id: 'a', label: 'Call me' }] } },
      { id: 'ask', kind: 'question', position: { x: 600, y: 0 }, data: { text: 'Your phone?', variable: 'phone' } },
      { id: 'thanks', kind: 'message', position: { x: 900, y: 0 }, data: { text: 'We will call {{phone}} ({{choice}}), {{agentName}}' } },
      { id: 'bye', kind: 'end', position: { x: 1200, y: 0 }, data: {} },
    ],
    edges: [
      { id: 'e1', from: 'start', exit: 'next', to: 'menu' },
      { id: 'e2', from: 'menu', exit: 'a', to: 'ask' },
      { id: 'e3', from: 'ask', exit: 'next', to: 'thanks' },
      { id: 'e4', from: 'thanks', exit: 'next', to: 'bye' },
    ],
    variables: [{ name: 'name', type: 'string' }],
  });
  if (!r.flow) throw new Error('phone flow does not parse: ' + JSON.stringify(r.problems.slice(0, 2)));
  return r.flow;
}

async function openVariables(flow: Flow) {
  const store = createStudioStore(flow);
  const { FlowSettings } = await import('../../renderer/studio/inspector/FlowSettings');
  render(
    <StudioStoreProvider store={store}>
      <FlowSettings />
    </StudioStoreProvider>,
  );
  fireEvent.click(screen.getByRole('tab', { name: 'Variables' }));
  return store;
}

describe('N20: Settings > Variables lists the variables the blocks create', () => {
  it('lists declared and block-created variables with where they are set and used, not the built-in ones', async () => {
    await openVariables(phoneFlow());
    const rows = [...document.querySelectorAll('.st-variable')].map((li) => li.getAttribute('data-variable'));
    expect(rows).toEqual(['name', 'choice', 'phone']);
    const phone = document.querySelector('.st-variable[data-variable="phone"]') as HTMLElement;
    expect(phone).toHaveTextContent(/Set in Question/);
    expect(phone).toHaveTextContent(/used in Message/);
    expect(screen.getByLabelText('Variable phone name')).toHaveValue('phone');
  });

  it('renaming a block-created variable renames every use and declares it (one undo brings all back)', async () => {
    const store = await openVariables(phoneFlow());
    const input = screen.getByLabelText('Variable phone name');
    fireEvent.change(input, { target: { value: 'mobile' } });
    act(() => {
      fireEvent.keyDown(input, { key: 'Enter' });
    });
    const flow = store.getState().flow;
    expect(flow.blocks.find((b) => b.id === 'ask')!.data).toMatchObject({ variable: 'mobile' });
    expect((flow.blocks.find((b) => b.id === 'thanks')!.data as { text: string }).text).toBe('We will call {{mobile}} ({{choice}}), {{agentName}}');
    expect(flow.variables.map((v) => v.name)).toEqual(['name', 'mobile']);
    act(() => {
      store.getState().undo();
    });
    expect((store.getState().flow.blocks.find((b) => b.id === 'thanks')!.data as { text: string }).text).toContain('{{phone}}');
    expect(store.getState().flow.variables.map((v) => v.name)).toEqual(['name']);
  });
});

describe('N9: a kept conversation replayed on the edited flow says so', () => {
  function renderSim(flow: Flow) {
    render(
      <StudioStoreProvider store={createStudioStore(flow)}>
        <SimulatorPanel onClose={() => {}} storage={null} overlay={false} remember={sessionStorage} rememberKey="tiny" />
      </StudioStoreProvider>,
    );
  }
  function say(text: string) {
    const input = screen.getByLabelText('Customer message');
    fireEvent.change(input, { target: { value: text } });
    fireEvent.keyDown(input, { key: 'Enter' });
  }
  const note = () => screen.queryByText(/Replayed with your latest edits/);
  function edited(): Flow {
    const f = tinyFlow();
    const welcome = f.blocks.find((b) => b.id === 'welcome')!;
    (welcome.data as { text: string }).text = 'Hello there (edited)';
    return f;
  }

  it('reopened on the same flow: the conversation comes back with no note', async () => {
    sessionStorage.clear();
    renderSim(tinyFlow());
    say('Alpha');
    cleanup();
    renderSim(tinyFlow());
    await act(async () => {});
    expect(screen.getAllByText('Alpha').length).toBeGreaterThan(0);
    expect(note()).toBeNull();
    cleanup();
    sessionStorage.clear();
  });

  it('reopened after the welcome text changed: the note says so, and Restart beside it clears it', async () => {
    sessionStorage.clear();
    renderSim(tinyFlow());
    say('Alpha');
    cleanup();
    renderSim(edited());
    await act(async () => {});
    expect(screen.getAllByText(/Hello there \(edited\)/).length).toBeGreaterThan(0);
    const status = note()!.closest('.sim-replayed') as HTMLElement;
    expect(status).toBeInTheDocument();
    fireEvent.click(status.querySelector('button')!);
    expect(note()).toBeNull();
    cleanup();
    sessionStorage.clear();
  });
});

describe('N14: the version history marks the changed words and never cuts a text', () => {
  const long = "Hi! I'm the Northwind Goods assistant. I can track your order, help with a return or answer shipping questions. You can ask for a person at any time. We usually reply within 5 minutes on weekdays, and within the hour at weekends.";

  it('wordDiff: the words each side has and the other has not, the rest the same', () => {
    const parts = wordDiff('We reply within 5 minutes.', 'We reply within 10 minutes.');
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual(['5']);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text)).toEqual(['10']);
    // Both texts come back whole from their parts.
    expect(parts.filter((p) => p.kind !== 'added').map((p) => p.text).join('')).toBe('We reply within 5 minutes.');
    expect(parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join('')).toBe('We reply within 10 minutes.');
    expect(wordDiff('same text', 'same text')).toEqual([{ text: 'same text', kind: 'same' }]);
    const moved = wordDiff('a b c d', 'a c d b');
    expect(moved.filter((p) => p.kind !== 'added').map((p) => p.text).join('')).toBe('a b c d');
    expect(moved.filter((p) => p.kind !== 'removed').map((p) => p.text).join('')).toBe('a c d b');
  });

  it('a long Message edited near its end: both texts whole, only the changed words marked', () => {
    const now = tinyFlow();
    (now.blocks.find((b) => b.id === 'welcome')!.data as { text: string }).text = long;
    const version = tinyFlow();
    (version.blocks.find((b) => b.id === 'welcome')!.data as { text: string }).text = long.replace('within the hour', 'within two hours');
    render(<VersionDiff diff={diffFlows(now, version)} />);
    const before = document.querySelector('.bt-diff-before') as HTMLElement;
    const after = document.querySelector('.bt-diff-after') as HTMLElement;
    expect(before.textContent).toBe(long);
    expect(after.textContent).toBe(long.replace('within the hour', 'within two hours'));
    expect([...before.querySelectorAll('del')].map((d) => d.textContent)).toEqual(['the hour']);
    expect([...after.querySelectorAll('ins')].map((d) => d.textContent)).toEqual(['two hours']);
    cleanup();
  });
});

describe('N10: opening the simulator puts the inspector away, closing it brings it back', () => {
  const main = () => document.querySelector('.st-main') as HTMLElement;
  it('a selected block: inspector closed while the simulator is open, the same block again after', async () => {
    const store = renderEditor(tinyFlow(), (st) => st.getState().select(['welcome'], []));
    expect(main().dataset.inspector).toBe('open');
    fireEvent.click(screen.getByRole('button', { name: 'Open the simulator' }));
    expect(main().dataset.simulator).toBe('open');
    expect(main().dataset.inspector).toBe('closed');
    // A block clicked while testing still opens its inspector.
    act(() => store.getState().select(['menu'], []));
    expect(main().dataset.inspector).toBe('open');
    act(() => store.getState().select([], []));
    await act(async () => {
      fireEvent.click(screen.getAllByRole('button', { name: 'Close the simulator' })[0]);
    });
    expect(main().dataset.simulator).toBeUndefined();
    expect(main().dataset.inspector).toBe('open');
    expect(store.getState().selection).toEqual(['welcome']);
    cleanup();
  });
});
