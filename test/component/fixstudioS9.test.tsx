// @vitest-environment jsdom
// Session 9 studio fixes (fixstudio): newcomer s8 #36 ("+ expect" on a graduated step), #34 (urgent priority shown).
import './support/setup';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import customerSupport from '../../flows/customer-support.json';
import { Editor } from '../../renderer/studio/editor/Editor';
import { SaveStatus } from '../../renderer/studio/persistence/SaveStatus';
import { SimulatorPanel } from '../../renderer/studio/simulator/SimulatorPanel';
import type { ScenarioStorage } from '../../renderer/studio/simulator/ScenariosPane';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { validateFlow } from '../../shared/flow/validateFlow';
import { defaultGraduatedTexts } from '../../shared/engine/escalationWording';
import type { Flow } from '../../shared/flow/schema';
import type { ScenarioFile } from '../../shared/simulator/scenarioSchema';
import { tinyFlow } from './support/sampleFlow';

function graduatedSample(): Flow {
  const r = validateFlow({ ...customerSupport, escalation: { ...customerSupport.escalation, mode: 'graduated' } });
  if (!r.flow) throw new Error('sample flow invalid');
  return r.flow;
}

function simulator() {
  const saved: ScenarioFile[] = [];
  let file: ScenarioFile | null = null;
  const storage: ScenarioStorage = {
    load: async () => (file ? { file, exists: true } : { file: { version: 1, scenarios: [] } as ScenarioFile, exists: false }),
    save: async (f) => {
      file = f;
      saved.push(f);
      return { scenarios: f.scenarios.length };
    },
  };
  const store = createStudioStore(graduatedSample());
  render(
    <StudioStoreProvider store={store}>
      <SimulatorPanel onClose={() => {}} onFocusBlock={() => {}} storage={storage} overlay={false} />
    </StudioStoreProvider>,
  );
  return { store, saved };
}
function say(text: string) {
  const input = screen.getByLabelText('Customer message');
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}
const tab = (name: string) => fireEvent.click(screen.getByRole('tab', { name }));

describe('newcomer s8 #36: "+ expect" on a graduated first step pins that step', () => {
  it('offers "acknowledge (negative sentiment)", saves the sentence the bot said, and fails once the reason is switched off', async () => {
    const { store, saved } = simulator();
    say('this is a joke. three emails and no answer');
    say('I ordered a scarf two weeks ago');
    tab('Debug');
    const decisions = screen.getByLabelText('Escalation decisions');
    expect(decisions).toHaveTextContent(/acknowledge \(negative sentiment\)/);
    expect(within(decisions).queryByRole('button', { name: /Expect no escalation/ })).toBeNull();
    fireEvent.click(within(decisions).getByRole('button', { name: 'Expect acknowledge (negative sentiment) at message 1' }));
    tab('Scenarios');
    await act(async () => {});
    expect(screen.getByLabelText('Expectations to add')).toHaveTextContent(`acknowledges: bot says “${defaultGraduatedTexts.acknowledge}”, no handoff yet`);
    fireEvent.change(screen.getByLabelText('Scenario name'), { target: { value: 'upset customer acknowledged' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save as scenario' }));
    });
    const steps = saved[0].scenarios[0].steps as Record<string, unknown>[];
    expect(steps[1]).toEqual({ expect: { botSays: defaultGraduatedTexts.acknowledge, escalates: false } });
    fireEvent.click(screen.getByRole('button', { name: 'Run all' }));
    expect(screen.getByText('1 passed, 0 failed')).toBeInTheDocument();

    // Negative sentiment off: the step is not taken, and the scenario fails at that step (not only at the end).
    act(() => {
      const s = store.getState();
      const f = structuredClone(s.flow) as Flow;
      f.escalation.negativeSentiment.enabled = false;
      s.replaceFlow(f, { undoable: true });
    });
    fireEvent.click(screen.getByRole('button', { name: 'Run all' }));
    expect(screen.getByText('0 passed, 1 failed')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: /Failure of upset customer acknowledged/ })).toHaveTextContent(/botSays|bot says/);
  });
});

describe('newcomer s8 #34: the Human Takeover inspector says how an urgent handoff is queued', () => {
  it('names the block priority and Urgent for urgency, and follows the Priority field in Custom mode', async () => {
    const { renderEditor } = await import('./support/renderEditor');
    const store = renderEditor(tinyFlow(), (s) => s.getState().select(['agent']));
    const note = () => screen.getByTestId('takeover-priority-note');
    expect(note()).toHaveTextContent(/^Queue priority: Normal; Urgent for a chat handed over because the matter is urgent \(“Priority when urgent” below\), and the agent is told the customer’s deadline/);
    // The designer can see and change it in every mode (here Simple), and the note follows.
    const urgent = screen.getByLabelText('Priority when urgent') as HTMLSelectElement;
    expect(urgent.value).toBe('urgent');
    fireEvent.change(urgent, { target: { value: 'high' } });
    expect(store.getState().flow.blocks.find((b) => b.id === 'agent')!.data).toMatchObject({ urgencyPriority: 'high' });
    expect(note()).toHaveTextContent(/^Queue priority: Normal; High for a chat handed over because the matter is urgent/);
    act(() => store.getState().dispatch({ type: 'set_block_field', id: 'agent', path: ['assignation'], value: 'custom' }));
    fireEvent.change(screen.getByLabelText('Priority'), { target: { value: 'low' } });
    expect(note()).toHaveTextContent(/^Queue priority: Low \(Priority below\); High for a chat handed over/);
  });
});

describe('README "Not finished" (newcomer s8 #9): a refused field is not lost when the page is left', () => {
  function openGraduated() {
    const store = createStudioStore(tinyFlow());
    render(
      <div style={{ width: 1200, height: 800 }}>
        <StudioStoreProvider store={store}>
          <Editor status={<SaveStatus status="saved" />} />
        </StudioStoreProvider>
      </div>,
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    fireEvent.change(screen.getByLabelText('Mode'), { target: { value: 'graduated' } });
    return store;
  }

  it('the refused text comes back, still red and not saved, after the page was left; fixing or discarding it forgets it', () => {
    localStorage.clear();
    const long = `Would you like a person? ${'We are here to help. '.repeat(30)}`;
    openGraduated();
    const offer = () => screen.getByLabelText(/^Step 2: offering a person/) as HTMLTextAreaElement;
    fireEvent.change(offer(), { target: { value: long } });
    expect(screen.getByText('Not saved: fix the red field')).toBeInTheDocument();
    cleanup(); // the page is left (the user confirmed the browser's question) and opened again

    const store = openGraduated();
    expect(offer().value).toBe(long);
    expect(offer()).toHaveAttribute('aria-invalid', 'true');
    expect(store.getState().flow.escalation.texts?.offer).toBeUndefined();
    expect(screen.getByText('Not saved: fix the red field')).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent('This is what you typed before leaving the page');
    // Discarded: the saved (built-in) sentence is back, nothing red, and it does not come back again.
    fireEvent.click(screen.getByRole('button', { name: /Discard what I typed in “Step 2: offering a person”/ }));
    expect(offer().value).toBe('');
    expect(screen.getByText('Saved')).toBeInTheDocument();
    cleanup();
    openGraduated();
    expect(offer().value).toBe('');

    // Typed again and fixed before leaving: the accepted text is in the flow and no copy is restored over it.
    fireEvent.change(offer(), { target: { value: long } });
    fireEvent.change(offer(), { target: { value: 'Want a colleague?' } });
    cleanup();
    const again = openGraduated();
    expect(offer().value).toBe('');
    expect(again.getState().flow.escalation.texts?.offer).toBeUndefined(); // a fresh store: the test's flow, not the saved one
    expect(screen.queryByRole('note')).toBeNull();
  });
});

describe('newcomer s8 #16: the batch band verdict counts conversations stopped at the handoff\'s own questions', () => {
  it('says the run is above the band when, counting them, the handoff rate is 50% (25% requested alone is within)', async () => {
    const r = validateFlow(customerSupport);
    render(
      <StudioStoreProvider store={createStudioStore(r.flow!)}>
        <SimulatorPanel onClose={() => {}} storage={null} overlay={false} />
      </StudioStoreProvider>,
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Batch' }));
    const lines = [
      { id: 'c1', turns: ['where is my order', 'NW-104233'] },
      { id: 'c3', turns: ['this is the third time I ask, where is my parcel??', 'useless bot', 'let me talk to someone'] },
      { id: 'c4', turns: ['do you ship to canada'] },
      { id: 'c7', turns: ['I want to speak to a human', 'Maria', 'maria@example.com', 'my parcel is lost'] },
    ];
    const file = new File([lines.map((l) => JSON.stringify(l)).join('\n')], 'convs.jsonl', { type: 'application/x-ndjson' });
    await act(async () => {
      fireEvent.change(screen.getByLabelText('Conversations file (JSONL)'), { target: { files: [file] } });
      await new Promise((res) => setTimeout(res, 50));
    });
    await screen.findByText(/convs.jsonl: 4 conversations/, {}, { timeout: 10_000 });
    // Newcomer s13 #19: the one headline rate counts them; the verdict goes on it.
    expect(screen.getByTestId('batch-band')).toHaveTextContent('Band: the guidance of 15.0%–25.0% handoffs. This run is above it.');
    const chart = screen.getByRole('img', { name: /guidance 15 to 25 percent/ });
    expect(within(chart).getByRole('button', { name: /^Handoff rate: 50\.0%/ })).toHaveAttribute('data-band', 'above');
  });
});

describe('newcomer s8 #27: the graduated offer\'s buttons can be worded in Flow settings', () => {
  it('shows both labels with the built-in ones as placeholders and saves an edit', () => {
    const store = createStudioStore(tinyFlow());
    render(
      <div style={{ width: 1200, height: 800 }}>
        <StudioStoreProvider store={store}>
          <Editor status={<SaveStatus status="saved" />} />
        </StudioStoreProvider>
      </div>,
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    fireEvent.change(screen.getByLabelText('Mode'), { target: { value: 'graduated' } });
    const person = screen.getByLabelText('Step 2 button: talk to a person') as HTMLInputElement;
    expect(person.placeholder).toBe('Talk to a person');
    expect((screen.getByLabelText('Step 2 button: keep chatting with the bot') as HTMLInputElement).placeholder).toBe('Keep chatting with the bot');
    fireEvent.change(person, { target: { value: 'Parler à quelqu’un' } });
    expect(store.getState().flow.escalation.texts?.personButton).toBe('Parler à quelqu’un');
  });
});
