// @vitest-environment jsdom
/**
 * Hostile s17 H#20 (lead, session 17): the studio simulator showed "my card is •••• 1111 and my password is [hidden]"
 * but "Save as scenario" wrote the card number and the password as typed into FLOW.scenarios.json. A recorded
 * conversation holding a secret (the customer's or an agent's) is now refused with the steps named; one without is
 * saved as before.
 */
import './support/setup';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import customerSupport from '../../flows/customer-support.json';
import { SimulatorPanel } from '../../renderer/studio/simulator/SimulatorPanel';
import type { ScenarioStorage } from '../../renderer/studio/simulator/ScenariosPane';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { ScenarioFile } from '../../shared/simulator/scenarioSchema';
import { secretSteps } from '../../shared/simulator/scenarioRecorder';

function storage() {
  const saved: ScenarioFile[] = [];
  const s: ScenarioStorage = {
    load: async () => ({ file: { version: 1, scenarios: [] } as ScenarioFile, exists: false, revision: 'r1' }),
    save: async (f) => {
      saved.push(structuredClone(f));
      return { scenarios: f.scenarios.length, revision: `r${saved.length + 1}` };
    },
  };
  return { s, saved };
}

function setup(st: ScenarioStorage) {
  const r = validateFlow(customerSupport);
  if (!r.flow) throw new Error('sample flow invalid');
  render(
    <StudioStoreProvider store={createStudioStore(r.flow)}>
      <SimulatorPanel onClose={() => {}} onFocusBlock={vi.fn()} storage={st} overlay={false} />
    </StudioStoreProvider>,
  );
}
function say(text: string) {
  const input = screen.getByLabelText('Customer message');
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}
async function saveAs(name: string) {
  fireEvent.click(screen.getByRole('tab', { name: 'Scenarios' }));
  await act(async () => {});
  fireEvent.change(screen.getByLabelText('Scenario name'), { target: { value: name } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Save as scenario' }));
  });
}

describe('Save as scenario never writes a secret (hostile s17 H#20)', () => {
  it('a card number and a password typed by the tester: refused, the step named, nothing written', async () => {
    const { s, saved } = storage();
    setup(s);
    say('hello');
    say('my card is 4111 1111 1111 1111 and my password is hunter2');
    await saveAs('with a card');
    expect(saved).toHaveLength(0);
    const notice = screen.getByRole('status');
    expect(notice).toHaveTextContent(/Not saved: step 2 \(the customer's message: a card number and a password\) holds a secret/);
    expect(notice.textContent).not.toContain('4111');
    expect(notice.textContent).not.toContain('hunter2');
  });

  it('the same conversation without the secret is saved', async () => {
    const { s, saved } = storage();
    setup(s);
    say('my card ends 1111, where is my refund?');
    await saveAs('no secret');
    expect(saved).toHaveLength(1);
    expect(saved[0].scenarios[0].steps[0]).toEqual({ say: 'my card ends 1111, where is my refund?' });
  });

  it("an agent's message or note holding a card number counts too", () => {
    const found = secretSteps({ name: 'x', steps: [{ say: 'hi' }, { agent: 'accept' }, { agent: 'note', text: 'card 4111 1111 1111 1111 on file' }] } as never);
    expect(found).toEqual([{ step: 3, who: 'agent', hidden: ['card'] }]);
  });
});
