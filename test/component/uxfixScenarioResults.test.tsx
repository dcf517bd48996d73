// @vitest-environment jsdom
/**
 * Scenario run results in the editor (newcomer s5 #8 / brief item 5): the failing step is marked in the step
 * list with the failure next to it (not below the Insert form), the open scenario is highlighted, and one Undo
 * clears only the edited scenario's PASS/FAIL.
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
import type { ScenarioFile } from '../../shared/simulator/scenarioSchema';

function storage(initial: ScenarioFile): ScenarioStorage {
  let disk = initial;
  let rev = 1;
  return {
    load: async () => ({ file: structuredClone(disk), exists: true, revision: `r${rev}` }),
    save: async (f) => {
      disk = structuredClone(f);
      rev++;
      return { revision: `r${rev}` };
    },
  };
}

const file = (): ScenarioFile => ({
  version: 1,
  flow: 'customer-support',
  scenarios: [
    {
      name: 'asks for a person',
      steps: [{ say: 'Can I talk to a real person please?' }, { expect: { escalates: 'explicit_request', botSays: '/delivered/i' } }, { say: 'sam@example.com' }],
    },
    { name: 'says hello', steps: [{ say: 'hello' }] },
    { name: 'also hello', steps: [{ say: 'hello again' }] },
  ],
});

async function setup() {
  const r = validateFlow(customerSupport);
  const store = createStudioStore(r.flow!);
  render(
    <StudioStoreProvider store={store}>
      <SimulatorPanel onClose={() => {}} onFocusBlock={vi.fn()} storage={storage(file())} overlay={false} />
    </StudioStoreProvider>,
  );
  fireEvent.click(screen.getByRole('tab', { name: 'Scenarios' }));
  await act(async () => {});
}

const row = (name: string) => screen.getByRole('button', { name: new RegExp(name) }).closest('li')!;
const click = async (el: HTMLElement) => {
  await act(async () => {
    fireEvent.click(el);
  });
};

describe('scenario run results next to the steps', () => {
  it('marks the failing step, shows the failure at it, highlights the open scenario, and Undo keeps the other results', async () => {
    await setup();
    await click(screen.getByRole('button', { name: 'Run all' }));
    expect(row('asks for a person')).toHaveAttribute('data-status', 'failed');
    expect(row('says hello')).toHaveAttribute('data-status', 'passed');
    // Run all opened the failing scenario: it is the highlighted (current) one.
    expect(within(row('asks for a person')).getByRole('button', { name: /asks for a person/ })).toHaveAttribute('aria-current', 'true');
    expect(within(row('says hello')).getByRole('button', { name: /says hello/ })).not.toHaveAttribute('aria-current');

    await click(screen.getByRole('button', { name: 'Edit steps' }));
    const editor = screen.getByRole('region', { name: 'Edit asks for a person' });
    const failing = editor.querySelector('[data-step="1"]') as HTMLElement;
    expect(failing).toHaveAttribute('data-failed', 'true');
    expect(failing).toHaveAttribute('aria-invalid', 'true');
    expect(within(failing).getByText('FAIL')).toBeInTheDocument();
    // The explanation is inside the failing step's row (so above the Insert form), and shown once.
    const failure = within(failing).getByRole('region', { name: 'Failure of asks for a person' });
    expect(failure).toHaveTextContent(/delivered/);
    expect(screen.getAllByRole('region', { name: 'Failure of asks for a person' })).toHaveLength(1);
    expect(failing.getAttribute('aria-describedby')).toBe(failure.id);
    expect(editor.querySelectorAll('[data-failed]')).toHaveLength(1);

    // Edit this scenario, then undo: only its result goes back to "not run".
    await click(within(editor).getByRole('button', { name: 'Move step 3 up' }));
    expect(row('asks for a person')).toHaveAttribute('data-status', 'not-run');
    expect(row('says hello')).toHaveAttribute('data-status', 'passed');
    expect(row('also hello')).toHaveAttribute('data-status', 'passed');
    await click(within(screen.getByRole('region', { name: 'Edit asks for a person' })).getByRole('button', { name: /^Undo: Moved step 3/ }));
    expect(row('says hello')).toHaveAttribute('data-status', 'passed');
    expect(row('also hello')).toHaveAttribute('data-status', 'passed');
    expect(document.querySelector('.sim-summary')).toHaveTextContent('2 passed, 0 failed, 1 not run since an edit');
  });
});
