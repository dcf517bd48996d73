// @vitest-environment jsdom
/**
 * The scenario editor's session-4 capabilities (README "Not finished" > Simulator): insert a step anywhere,
 * reorder steps by drag handle and by keyboard (Move up / Move down, the focus follows the step), change an
 * expectation's value, undo (button and Ctrl+Z), and invalid values refused in words at the field with nothing
 * written. Every change is checked in the "file on disk" of an in-memory studio server.
 */
import './support/setup';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import customerSupport from '../../flows/customer-support.json';
import { SimulatorPanel } from '../../renderer/studio/simulator/SimulatorPanel';
import type { ScenarioStorage } from '../../renderer/studio/simulator/ScenariosPane';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';
import type { ScenarioFile } from '../../shared/simulator/scenarioSchema';

function flow(): Flow {
  const r = validateFlow(customerSupport);
  if (!r.flow) throw new Error('sample flow invalid');
  return r.flow;
}

function serverStorage(initial: ScenarioFile) {
  const disk = { file: initial, rev: 1, saves: 0 };
  const storage: ScenarioStorage = {
    load: async () => ({ file: structuredClone(disk.file), exists: true, revision: `r${disk.rev}` }),
    save: async (f, base) => {
      if (base !== `r${disk.rev}`) throw Object.assign(new Error('The scenarios file changed since it was loaded'), { status: 409, code: 'stale_scenarios' });
      disk.file = structuredClone(f);
      disk.rev++;
      disk.saves++;
      return { revision: `r${disk.rev}` };
    },
  };
  return { storage, disk, handEdit: (change: (f: ScenarioFile) => void) => (change(disk.file), disk.rev++) };
}

const file = (): ScenarioFile => ({
  version: 1,
  flow: 'customer-support',
  scenarios: [
    {
      name: 'asks for a person',
      steps: [{ say: 'Can I talk to a real person please?' }, { expect: { escalates: 'explicit_request', botSays: 'email' } }, { say: 'sam@example.com' }, { expect: { reaches: 'human_agent', mode: 'waiting' } }],
    },
    { name: 'other', steps: [{ say: 'hello' }] },
  ],
});

async function openEditor(s: ReturnType<typeof serverStorage>, name = 'asks for a person') {
  const store = createStudioStore(flow());
  render(
    <StudioStoreProvider store={store}>
      <SimulatorPanel onClose={() => {}} onFocusBlock={vi.fn()} storage={s.storage} overlay={false} />
    </StudioStoreProvider>,
  );
  fireEvent.click(screen.getByRole('tab', { name: 'Scenarios' }));
  await act(async () => {});
  fireEvent.click(screen.getByRole('button', { name: new RegExp(name) }));
  fireEvent.click(screen.getByRole('button', { name: 'Edit steps' }));
  return () => screen.getByRole('region', { name: `Edit ${name}` });
}

const steps = (s: ReturnType<typeof serverStorage>, i = 0) => s.disk.file.scenarios[i].steps;
const click = async (el: HTMLElement) => {
  await act(async () => {
    fireEvent.click(el);
  });
};

describe('scenario editor: reorder', () => {
  it('moves a step with the keyboard buttons; the focus follows the step; first/last cannot move further', async () => {
    const s = serverStorage(file());
    const editor = await openEditor(s);
    expect(within(editor()).getByRole('button', { name: 'Move step 1 up' })).toBeDisabled();
    expect(within(editor()).getByRole('button', { name: 'Move step 4 down' })).toBeDisabled();
    const down = within(editor()).getByRole('button', { name: 'Move step 1 down' });
    down.focus();
    await click(down);
    expect(steps(s).map((x) => Object.keys(x)[0])).toEqual(['expect', 'say', 'say', 'expect']);
    expect(steps(s)[1]).toEqual({ say: 'Can I talk to a real person please?' });
    // The focus is on the moved step's "down" button at its new place, so pressing it again keeps moving it.
    expect(document.activeElement).toBe(within(editor()).getByRole('button', { name: 'Move step 2 down' }));
    await click(within(editor()).getByRole('button', { name: 'Move step 2 up' }));
    expect(steps(s)).toEqual(file().scenarios[0].steps);
    expect(screen.getByRole('status')).toHaveTextContent('Moved step 2 up (now step 1).');
  });

  it('moves a step by dragging its handle onto another step', async () => {
    const s = serverStorage(file());
    const editor = await openEditor(s);
    const handle = within(editor()).getByTitle('Drag step 3 to move it');
    expect(handle).toHaveAttribute('draggable', 'true');
    const data = new Map<string, string>();
    const dataTransfer = { setData: (k: string, v: string) => data.set(k, v), getData: (k: string) => data.get(k) ?? '', effectAllowed: '', dropEffect: '' };
    fireEvent.dragStart(handle, { dataTransfer });
    const target = editor().querySelector('[data-step="0"]') as HTMLElement;
    fireEvent.dragOver(target, { dataTransfer });
    expect(target).toHaveAttribute('data-drop', 'above');
    await act(async () => {
      fireEvent.drop(target, { dataTransfer });
    });
    expect(steps(s)[0]).toEqual({ say: 'sam@example.com' });
    expect(steps(s)[1]).toEqual({ say: 'Can I talk to a real person please?' });
    expect(screen.getByRole('status')).toHaveTextContent('Moved step 3 to position 1.');
  });
});

describe('scenario editor: insert', () => {
  it('inserts a customer turn first, an agent step in the middle and an expectation last', async () => {
    const s = serverStorage(file());
    const editor = await openEditor(s);
    const form = () => within(editor()).getByRole('group', { name: 'Insert a step' });
    // Position "first".
    fireEvent.change(within(form()).getByLabelText('Position'), { target: { value: '0' } });
    fireEvent.change(within(form()).getByLabelText('New step: Text'), { target: { value: 'hi there' } });
    await click(within(form()).getByRole('button', { name: 'Insert step' }));
    expect(steps(s)[0]).toEqual({ say: 'hi there' });
    expect(steps(s)).toHaveLength(5);
    // The "+" of a step sets the position after it.
    await click(within(editor()).getByRole('button', { name: 'Insert a step after step 3' }));
    expect(within(form()).getByLabelText('Position')).toHaveValue('3');
    fireEvent.change(within(form()).getByLabelText('Step'), { target: { value: 'wait' } });
    fireEvent.change(within(form()).getByLabelText(/New step: Duration/), { target: { value: '10m' } });
    await click(within(form()).getByRole('button', { name: 'Insert step' }));
    expect(steps(s)[3]).toEqual({ wait: '10m' });
    // An expectation, last.
    fireEvent.change(within(form()).getByLabelText('Step'), { target: { value: 'expect' } });
    fireEvent.change(within(form()).getByLabelText('Expectation'), { target: { value: 'handoff' } });
    fireEvent.change(within(form()).getByLabelText('Position'), { target: { value: '6' } });
    fireEvent.change(within(form()).getByLabelText('New step: value of handoff'), { target: { value: '{"status": "pending"}' } });
    await click(within(form()).getByRole('button', { name: 'Insert step' }));
    expect(steps(s)[6]).toEqual({ expect: { handoff: { status: 'pending' } } });
    expect(steps(s)).toHaveLength(7);
  });

  it('refuses an invalid new step at the field, in words, and writes nothing', async () => {
    const s = serverStorage(file());
    const editor = await openEditor(s);
    const form = within(editor()).getByRole('group', { name: 'Insert a step' });
    fireEvent.change(within(form).getByLabelText('Step'), { target: { value: 'wait' } });
    const field = within(form).getByLabelText(/New step: Duration/);
    fireEvent.change(field, { target: { value: '10 minutes' } });
    await click(within(form).getByRole('button', { name: 'Insert step' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('"10 minutes" is not a duration; use e.g. "30s", "10m"');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(/is not a duration/);
    fireEvent.change(within(form).getByLabelText('Step'), { target: { value: 'json' } });
    fireEvent.change(within(form).getByLabelText(/New step: Step/), { target: { value: '{"onlin": ["Ana"]}' } });
    await click(within(form).getByRole('button', { name: 'Insert step' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('"onlin" is not a step action. Did you mean "online"?');
    expect(s.disk.saves).toBe(0);
    // Corrected, it goes in.
    fireEvent.change(within(form).getByLabelText(/New step: Step/), { target: { value: '{"online": ["Ana"]}' } });
    await click(within(form).getByRole('button', { name: 'Insert step' }));
    expect(within(form).queryByRole('alert')).toBeNull();
    expect(steps(s)[4]).toEqual({ online: ['Ana'] });
  });
});

describe('scenario editor: expectation values', () => {
  it('changes an expectation\'s value (text, enum, list) and refuses an invalid one at the field', async () => {
    const s = serverStorage(file());
    const editor = await openEditor(s);
    await click(within(editor()).getByRole('button', { name: 'Change expectation botSays of step 2' }));
    const field = within(editor()).getByLabelText('Value of botSays in step 2');
    expect(field).toHaveValue('email');
    fireEvent.change(field, { target: { value: '["email", "/disconnected/i"]' } });
    await click(within(editor()).getAllByRole('button', { name: 'Apply' }).find((b) => b.closest('.sim-expectation'))!);
    expect(steps(s)[1]).toEqual({ expect: { escalates: 'explicit_request', botSays: ['email', '/disconnected/i'] } });
    // An invalid mode: refused in words at the field, the file unchanged.
    await click(within(editor()).getByRole('button', { name: 'Change expectation mode of step 4' }));
    const mode = within(editor()).getByLabelText('Value of mode in step 4');
    expect(mode).toHaveValue('waiting');
    const saves = s.disk.saves;
    fireEvent.change(mode, { target: { value: 'wating' } });
    fireEvent.keyDown(mode, { key: 'Enter' });
    expect(within(editor()).getByRole('alert')).toHaveTextContent('"wating" is not a valid "mode". "mode" takes bot, waiting, agent or closed.');
    expect(mode).toHaveAttribute('aria-invalid', 'true');
    expect(s.disk.saves).toBe(saves);
    fireEvent.change(mode, { target: { value: 'agent' } });
    await act(async () => {
      fireEvent.keyDown(mode, { key: 'Enter' });
    });
    expect(steps(s)[3]).toEqual({ expect: { reaches: 'human_agent', mode: 'agent' } });
    await click(within(editor()).getByRole('button', { name: 'Change expectation escalates of step 2' }));
    const esc = within(editor()).getByLabelText('Value of escalates in step 2');
    fireEvent.change(esc, { target: { value: 'false' } });
    await act(async () => {
      fireEvent.keyDown(esc, { key: 'Enter' });
    });
    expect(steps(s)[1]).toEqual({ expect: { escalates: false, botSays: ['email', '/disconnected/i'] } });
    // A bad regular expression is refused with the reason.
    await click(within(editor()).getByRole('button', { name: 'Change expectation botSays of step 2' }));
    const says = within(editor()).getByLabelText('Value of botSays in step 2');
    fireEvent.change(says, { target: { value: '/(/' } });
    fireEvent.keyDown(says, { key: 'Enter' });
    expect(within(editor()).getByRole('alert')).toHaveTextContent('the regular expression /(/ cannot be used');
    // Escape cancels: the value is shown again.
    fireEvent.keyDown(says, { key: 'Escape' });
    expect(within(editor()).queryByLabelText('Value of botSays in step 2')).toBeNull();
  });
});

describe('scenario editor: undo', () => {
  it('undoes moves, inserts, value changes and a delete, in reverse order (button and Ctrl+Z)', async () => {
    const s = serverStorage(file());
    const editor = await openEditor(s);
    const original = structuredClone(steps(s));
    expect(within(editor()).getByRole('button', { name: 'Undo' })).toBeDisabled();
    await click(within(editor()).getByRole('button', { name: 'Move step 1 down' }));
    await click(within(editor()).getByRole('button', { name: 'Delete step 4' }));
    await click(within(editor()).getByRole('button', { name: 'Change expectation botSays of step 1' }));
    const f = within(editor()).getByLabelText('Value of botSays in step 1');
    fireEvent.change(f, { target: { value: 'address' } });
    await act(async () => {
      fireEvent.keyDown(f, { key: 'Enter' });
    });
    expect(steps(s)).toEqual([{ expect: { escalates: 'explicit_request', botSays: 'address' } }, { say: 'Can I talk to a real person please?' }, { say: 'sam@example.com' }]);
    // Ctrl+Z inside the editor (not in a field) undoes the value change, and does not reach the canvas's undo.
    const windowKeys = vi.fn();
    window.addEventListener('keydown', windowKeys);
    await act(async () => {
      fireEvent.keyDown(within(editor()).getByRole('button', { name: /^Undo/ }), { key: 'z', ctrlKey: true });
    });
    window.removeEventListener('keydown', windowKeys);
    expect(windowKeys).not.toHaveBeenCalled();
    expect(steps(s)[0]).toEqual({ expect: { escalates: 'explicit_request', botSays: 'email' } });
    await click(within(editor()).getByRole('button', { name: 'Undo: Deleted step 4' }));
    await click(within(editor()).getByRole('button', { name: 'Undo: Moved step 1 down (now step 2)' }));
    expect(steps(s)).toEqual(original);
    expect(within(editor()).getByRole('button', { name: 'Undo' })).toBeDisabled();
  });

  it('session 42: Redo does an undone edit again (button and Ctrl+Shift+Z); a new edit empties Redo', async () => {
    const s = serverStorage(file());
    const editor = await openEditor(s);
    const original = structuredClone(steps(s));
    expect(within(editor()).getByRole('button', { name: 'Redo' })).toBeDisabled();
    await click(within(editor()).getByRole('button', { name: 'Move step 1 down' }));
    const moved = structuredClone(steps(s));
    await click(within(editor()).getByRole('button', { name: 'Delete step 4' }));
    const deleted = structuredClone(steps(s));
    await click(within(editor()).getByRole('button', { name: 'Undo: Deleted step 4' }));
    await click(within(editor()).getByRole('button', { name: 'Undo: Moved step 1 down (now step 2)' }));
    expect(steps(s)).toEqual(original);
    await click(within(editor()).getByRole('button', { name: 'Redo: Moved step 1 down (now step 2)' }));
    expect(steps(s)).toEqual(moved);
    await act(async () => {
      fireEvent.keyDown(within(editor()).getByRole('button', { name: /^Redo/ }), { key: 'z', ctrlKey: true, shiftKey: true });
    });
    expect(steps(s)).toEqual(deleted);
    expect(within(editor()).getByRole('button', { name: 'Redo' })).toBeDisabled();
    // Undo again, then a new edit: nothing left to redo.
    await click(within(editor()).getByRole('button', { name: 'Undo: Deleted step 4' }));
    expect(within(editor()).getByRole('button', { name: 'Redo: Deleted step 4' })).toBeEnabled();
    await click(within(editor()).getByRole('button', { name: 'Move step 2 up' }));
    expect(within(editor()).getByRole('button', { name: 'Redo' })).toBeDisabled();
  });

  it('an undo whose scenario changed on disk since is refused, and nothing is overwritten', async () => {
    const s = serverStorage(file());
    const editor = await openEditor(s);
    await click(within(editor()).getByRole('button', { name: 'Move step 1 down' }));
    s.handEdit((f) => f.scenarios[0].steps.push({ say: 'added by hand' }));
    await click(within(editor()).getByRole('button', { name: /^Undo: Moved step 1 down/ }));
    expect(screen.getByRole('status')).toHaveTextContent('Not undone: The scenario changed in the file since that edit');
    expect(steps(s)[4]).toEqual({ say: 'added by hand' });
  });

  it('the undo button names the other scenario when the last edit was made there', async () => {
    const s = serverStorage(file());
    const editor = await openEditor(s);
    await click(within(editor()).getByRole('button', { name: 'Move step 1 down' }));
    fireEvent.click(screen.getByRole('button', { name: /other/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Edit steps' }));
    const other = screen.getByRole('region', { name: 'Edit other' });
    await click(within(other).getByRole('button', { name: 'Undo: Moved step 1 down (now step 2) (in "asks for a person")' }));
    expect(steps(s)).toEqual(file().scenarios[0].steps);
  });

  it('a deleted scenario comes back at its place with Undo', async () => {
    const s = serverStorage(file());
    const editor = await openEditor(s);
    fireEvent.click(within(editor()).getByRole('button', { name: 'Delete scenario' }));
    await click(within(editor()).getByRole('button', { name: 'Delete "asks for a person" for good' }));
    expect(s.disk.file.scenarios.map((x) => x.name)).toEqual(['other']);
    await click(screen.getByRole('button', { name: 'Undo: Deleted "asks for a person"' }));
    expect(s.disk.file.scenarios.map((x) => x.name)).toEqual(['asks for a person', 'other']);
    expect(s.disk.file).toEqual(file());
  });
});

describe('a scenario saved from baton chat after /takeover', () => {
  it('replays in the studio ("Run all") and shows the takeover as an agent step', async () => {
    const s = serverStorage({
      version: 1,
      flow: 'customer-support',
      scenarios: [
        {
          name: 'taken over',
          steps: [
            { say: 'Track my order' },
            { agent: 'takeover', as: 'Ana' },
            { say: 'where is it?' },
            { agent: 'say', text: 'Hi, Ana here. Let me check.' },
            { agent: 'handback' },
            { expect: { since: 'start', handoff: 'resolved', mode: 'bot', agentSays: 'Ana here', waitingAt: 'ask_order_number' } },
          ],
        },
      ],
    });
    const editor = await openEditor(s, 'taken over');
    expect(within(editor()).getByText('Ana takes over from the bot')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Run all' }));
    expect(screen.getByText('1 passed, 0 failed')).toBeInTheDocument();
    // Without the takeover the agent's reply is refused, and Run all says so.
    await click(within(editor()).getByRole('button', { name: 'Delete step 2' }));
    fireEvent.click(screen.getByRole('button', { name: 'Run all' }));
    expect(screen.getByText('0 passed, 1 failed')).toBeInTheDocument();
  });
});

describe('Take over in the studio simulator', () => {
  it('an agent takes over from the bot, replies and hands back; "Save as scenario" keeps the takeover and it replays', async () => {
    const s = serverStorage({ version: 1, flow: 'customer-support', scenarios: [] });
    const store = createStudioStore(flow());
    render(
      <StudioStoreProvider store={store}>
        <SimulatorPanel onClose={() => {}} onFocusBlock={vi.fn()} storage={s.storage} overlay={false} />
      </StudioStoreProvider>,
    );
    const say = (text: string) => {
      const input = screen.getByLabelText('Customer message');
      fireEvent.change(input, { target: { value: text } });
      fireEvent.keyDown(input, { key: 'Enter' });
    };
    say('Track my order');
    const row = screen.getByRole('region', { name: 'Take over' });
    fireEvent.change(within(row).getByLabelText('Take over as'), { target: { value: 'Ben' } });
    fireEvent.click(within(row).getByRole('button', { name: 'Take over' }));
    expect(screen.getByText('Ben from the team joined the conversation.')).toBeInTheDocument();
    // Now the agent pane has the conversation; the take-over row is gone (Ben already has it).
    expect(screen.queryByRole('region', { name: 'Take over' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Agent reply'), { target: { value: 'Hi, Ben here.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Reply' }));
    fireEvent.click(screen.getByRole('button', { name: 'Hand back to bot' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Scenarios' }));
    await act(async () => {});
    fireEvent.change(screen.getByLabelText('Scenario name'), { target: { value: 'Ben takes over' } });
    await click(screen.getByRole('button', { name: 'Save as scenario' }));
    const saved = s.disk.file.scenarios[0].steps;
    expect(saved.slice(0, 4)).toEqual([{ say: 'Track my order' }, { agent: 'takeover', as: 'Ben' }, { agent: 'say', text: 'Hi, Ben here.' }, { agent: 'handback' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Run all' }));
    expect(screen.getByText('1 passed, 0 failed')).toBeInTheDocument();
  });
});
