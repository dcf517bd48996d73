// @vitest-environment jsdom
/**
 * Session 49 (studio17): newcomer s47's leftovers N5 (a scenario's block expectations picked by their canvas names),
 * N6 (the Batch tab's format, sample and line errors), N7 (opening-hours presets, a searchable time-zone picker) and
 * N8 (Flow settings of a blank flow speak of no shop).
 */
import './support/setup';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';
import { NEUTRAL_UNANSWERABLE_MESSAGE } from '../../shared/engine/shopQuestion';
import { renderEditor } from './support/renderEditor';
import { ScenarioEditor } from '../../renderer/studio/simulator/ScenarioEditor';
import { BatchPane, emptyBatch } from '../../renderer/studio/simulator/BatchPane';
import { parseConversationsJsonl } from '../../shared/simulator/batchWhatIf';
import { ExportButton } from '../../renderer/studio/home/ExportButton';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';

function flowOf(blocks: unknown[], edges: unknown[] = [], settings: Record<string, unknown> = {}): Flow {
  const r = validateFlow({ version: 1, id: 'f', name: 'F', settings, blocks: [{ id: 'start', kind: 'start', label: 'Start', position: { x: 0, y: 0 }, data: {} }, ...blocks], edges });
  if (!r.flow) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  return r.flow;
}

describe('N8: Flow settings of a blank flow speak of no shop', () => {
  it('General and Escalation name the unanswered-question reply for any business, with examples the policy reads as such', () => {
    // A blank flow as the studio makes it (runtime/studio/flowStore.ts createFlow).
    renderEditor(flowOf([], [], { shopQuestionMessage: NEUTRAL_UNANSWERABLE_MESSAGE }));
    const settings = () => screen.getByRole('tabpanel');
    const field = screen.getByLabelText('Reply to a clear question the bot has no answer for') as HTMLTextAreaElement;
    expect(field.value).toBe(NEUTRAL_UNANSWERABLE_MESSAGE);
    expect(field).toHaveAccessibleDescription(/products or services.*“do you take Apple Pay\?”/);
    expect(settings().textContent).not.toMatch(/\bshop\b|LED strip/i);
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    expect(settings().textContent).not.toMatch(/\bshop\b|LED strip/i);
  });
});

describe('N5: a block expectation is picked by the blocks\' canvas names; the file keeps ids', () => {
  const flow = () =>
    flowOf([
      { id: 'human-takeover-1', kind: 'human_takeover', label: 'Workshop team', position: { x: 300, y: 0 }, data: {} },
      { id: 'buttons-1', kind: 'buttons', label: 'Main menu', position: { x: 300, y: 200 }, data: { text: 'Hi', options: [{ id: 'a', label: 'A' }] } },
    ]);
  // A scenario file as older sessions wrote it: ids, one of a block deleted since.
  const scenario = { name: 's', steps: [{ say: 'hi' }, { expect: { waitingAt: 'human-takeover-1', reaches: ['buttons-1', 'gone-block'] } }] };
  const edits: unknown[] = [];
  const applyBeside = (el: HTMLElement) => within(el.closest('li.sim-expectation') as HTMLElement).getByRole('button', { name: 'Apply' });
  const show = () => {
    edits.length = 0;
    render(<ScenarioEditor scenario={scenario as never} blocks={flow().blocks} busy={false} onEdit={(e) => edits.push(e)} />);
  };

  it('waitingAt: a list of the blocks by name (ids in tooltips), "waits nowhere" first; the id is stored', () => {
    show();
    fireEvent.click(screen.getByRole('button', { name: 'Change expectation waitingAt of step 2' }));
    expect(screen.queryByRole('textbox', { name: 'Value of waitingAt in step 2' })).toBeNull();
    const pick = screen.getByRole('combobox', { name: 'Value of waitingAt in step 2' }) as HTMLSelectElement;
    expect(pick.selectedOptions[0]!.textContent).toBe('Workshop team');
    expect(pick.selectedOptions[0]!.title).toBe('Block id: human-takeover-1');
    const names = [...pick.options].map((o) => o.textContent);
    expect(names[0]).toMatch(/^Waits nowhere/);
    expect(names).toContain('Main menu');
    expect(names.join(' ')).not.toMatch(/human-takeover-1|buttons-1/);
    fireEvent.change(pick, { target: { value: 'buttons-1' } });
    fireEvent.click(applyBeside(pick));
    expect(edits).toMatchObject([{ kind: 'setExpectation', key: 'waitingAt', value: 'buttons-1' }]);
    cleanup();
    show();
    fireEvent.click(screen.getByRole('button', { name: 'Change expectation waitingAt of step 2' }));
    const again = screen.getByRole('combobox', { name: 'Value of waitingAt in step 2' });
    fireEvent.change(again, { target: { value: '' } });
    fireEvent.click(applyBeside(again));
    expect(edits).toMatchObject([{ kind: 'setExpectation', key: 'waitingAt', value: null }]);
  });

  it('reaches: the blocks ticked by name; a deleted block\'s id stays ticked and says so; none ticked is refused in words', () => {
    show();
    fireEvent.click(screen.getByRole('button', { name: 'Change expectation reaches of step 2' }));
    const group = screen.getByRole('group', { name: 'Value of reaches in step 2' });
    const box = (name: string | RegExp) => within(group).getByRole('checkbox', { name }) as HTMLInputElement;
    expect(box('Main menu').checked).toBe(true);
    expect(box('Workshop team').checked).toBe(false);
    expect(box(/gone-block \(no block has this id now\)/).checked).toBe(true);
    expect(box('Workshop team').closest('label')!.title).toBe('Block id: human-takeover-1');
    // The ticked blocks first (in a flow of 46 blocks they were far down the list), then the flow's order.
    expect(within(group).getAllByRole('checkbox').map((c) => c.closest('label')!.textContent)).toEqual(['Main menu', 'gone-block (no block has this id now)', 'Start', 'Workshop team']);
    fireEvent.click(box('Workshop team'));
    fireEvent.click(applyBeside(group));
    expect(edits).toMatchObject([{ kind: 'setExpectation', key: 'reaches', value: ['buttons-1', 'gone-block', 'human-takeover-1'] }]);
    cleanup();
    show();
    fireEvent.click(screen.getByRole('button', { name: 'Change expectation reaches of step 2' }));
    const g = screen.getByRole('group', { name: 'Value of reaches in step 2' });
    fireEvent.click(within(g).getByRole('checkbox', { name: 'Main menu' }));
    fireEvent.click(within(g).getByRole('checkbox', { name: /gone-block/ }));
    fireEvent.click(applyBeside(g));
    expect(screen.getByRole('alert').textContent).toMatch(/Tick at least one block/);
    expect(edits).toEqual([]);
  });

  it('Insert a step › Expect… › notReaches: ticked by name, stored as the id', () => {
    show();
    const form = screen.getByRole('group', { name: 'Insert a step' });
    fireEvent.change(within(form).getByLabelText('Step'), { target: { value: 'expect' } });
    fireEvent.change(within(form).getByLabelText('Expectation'), { target: { value: 'notReaches' } });
    const group = within(form).getByRole('group', { name: 'New step: value of notReaches' });
    fireEvent.click(within(group).getByRole('checkbox', { name: 'Workshop team' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Insert step' }));
    expect(edits).toMatchObject([{ kind: 'insertStep', step: { expect: { notReaches: 'human-takeover-1' } } }]);
  });

  it('a long flow\'s list can be searched by name', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ id: `message-${i + 1}`, kind: 'message', label: i === 7 ? 'Opening times' : `Step ${i + 1}`, position: { x: 300, y: i * 150 }, data: { text: 'x' } }));
    render(<ScenarioEditor scenario={{ name: 's', steps: [{ say: 'hi' }, { expect: { reaches: 'message-1' } }] } as never} blocks={flowOf(many).blocks} busy={false} onEdit={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Change expectation reaches of step 2' }));
    const group = screen.getByRole('group', { name: 'Value of reaches in step 2' });
    fireEvent.change(within(group).getByRole('searchbox'), { target: { value: 'opening' } });
    // The ticked block stays in view; the search shows the one that matches.
    expect(within(group).getAllByRole('checkbox').map((c) => c.closest('label')!.textContent)).toEqual(['Step 1', 'Opening times']);
  });
});

describe('N7: a whole week in one click; the time zone from a list with search', () => {
  const nine = [{ from: '09:00', to: '17:00' }];
  const hours = (weekly: Record<string, unknown>) => flowOf([{ id: 'bh', kind: 'business_hours', label: 'Workshop hours', position: { x: 300, y: 0 }, data: { timezone: 'Europe/London', weekly, closedDates: [] } }], [{ id: 'e1', from: 'start', exit: 'next', to: 'bh' }], { timezone: 'Europe/London' });
  const weekly = (store: ReturnType<typeof renderEditor>) => (store.getState().flow.blocks.find((b) => b.id === 'bh')!.data as { weekly: Record<string, { from: string; to: string }[]> }).weekly;

  it('Fill: Mon–Fri 9–17, with Saturday morning, every day, around the clock; the current one is pressed; Undo puts the week back', () => {
    const store = renderEditor(hours({ mon: [{ from: '08:00', to: '12:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }), (s) => s.getState().select(['bh']));
    const fill = within(screen.getByTestId('block-inspector')).getByRole('combobox', { name: 'Fill the week' }) as HTMLSelectElement;
    const option = (key: string) => [...fill.options].find((o) => o.value === key)!;
    expect([...fill.options].map((o) => o.value)).toEqual(['', 'weekdays', 'weekdays-saturday', 'every-day', 'always']);
    const pick = (key: string) => fireEvent.change(fill, { target: { value: key } });
    pick('weekdays');
    expect(weekly(store)).toEqual({ mon: nine, tue: nine, wed: nine, thu: nine, fri: nine, sat: [], sun: [] });
    expect(option('weekdays').disabled).toBe(true);
    expect(option('weekdays').textContent).toMatch(/\(now\)$/);
    pick('weekdays-saturday');
    expect(weekly(store).sat).toEqual([{ from: '09:00', to: '13:00' }]);
    expect(weekly(store).sun).toEqual([]);
    pick('every-day');
    expect(Object.values(weekly(store))).toEqual(Array(7).fill(nine));
    pick('always');
    expect(Object.values(weekly(store))).toEqual(Array(7).fill([{ from: '00:00', to: '24:00' }]));
    expect(screen.getByTestId('week-summary').textContent).toMatch(/Mon–Sun/);
    for (let i = 0; i < 4; i++) store.getState().undo();
    expect(weekly(store).mon).toEqual([{ from: '08:00', to: '12:00' }]);
  });

  it('the block\'s Time zone opens a list of zones with their offsets on a click; typing filters by city or offset; a pick is stored', () => {
    const store = renderEditor(hours({ mon: nine }), (s) => s.getState().select(['bh']));
    const inspector = within(screen.getByTestId('block-inspector'));
    const zone = inspector.getByRole('combobox', { name: 'Time zone' }) as HTMLInputElement;
    expect(zone.value).toBe('Europe/London');
    fireEvent.click(zone);
    const list = screen.getByRole('listbox', { name: 'Time zones' });
    expect(within(list).getAllByRole('option').length).toBeGreaterThan(300);
    fireEvent.change(zone, { target: { value: 'new york' } });
    const found = within(screen.getByRole('listbox', { name: 'Time zones' })).getAllByRole('option');
    expect(found.map((o) => o.firstChild!.textContent)).toEqual(['America/New York']);
    expect(found[0]!.textContent).toMatch(/UTC-[45]/);
    fireEvent.mouseDown(found[0]!);
    expect((store.getState().flow.blocks.find((b) => b.id === 'bh')!.data as { timezone: string }).timezone).toBe('America/New_York');
    fireEvent.change(zone, { target: { value: '+5:30' } });
    expect(within(screen.getByRole('listbox', { name: 'Time zones' })).getAllByRole('option').map((o) => o.firstChild!.textContent).join(' ')).toMatch(/Asia\/(Kolkata|Calcutta)/);
  });

  it('Flow settings › Time zone is the same list', () => {
    renderEditor(hours({ mon: nine }));
    const zone = screen.getByRole('combobox', { name: 'Time zone' }) as HTMLInputElement;
    fireEvent.change(zone, { target: { value: 'buenos' } });
    expect(within(screen.getByRole('listbox', { name: 'Time zones' })).getAllByRole('option').map((o) => o.firstChild!.textContent)).toEqual([expect.stringMatching(/^America\/(Argentina\/)?Buenos Aires$/)]);
  });
});

describe('N6: the Batch tab shows lines made from the flow, what a turn is, and names the bad lines', () => {
  const menuFlow = () =>
    flowOf(
      [{ id: 'menu', kind: 'buttons', label: 'Main menu', position: { x: 300, y: 0 }, data: { text: 'What do you need?', options: [{ id: 'repair', label: 'Book a repair' }, { id: 'other', label: 'Something else' }] } }],
      [{ id: 'e1', from: 'start', exit: 'next', to: 'menu' }],
    );

  it('the example is this flow\'s: its first menu\'s button as a turn, a conversation of two turns, a request for a person; each line reads', () => {
    render(<BatchPane flow={menuFlow()} batch={emptyBatch} setBatch={() => {}} showCounts={false} setShowCounts={() => {}} />);
    const lines = document.querySelector('.sim-batch-example')!.textContent!.split('\n');
    expect(lines[0]).toBe('{"id": "chooses-book-a-repair", "turns": ["Book a repair"]}');
    expect(lines).toHaveLength(3);
    expect(parseConversationsJsonl(lines.join('\n')).problems).toEqual([]);
    expect(screen.getByText(/A turn is text: what they type, or the label of a button they click/)).toBeInTheDocument();
  });

  it('a file with no readable line names its first bad lines and how to write them; the list below is open', async () => {
    const setBatch = vi.fn();
    render(<BatchPane flow={menuFlow()} batch={emptyBatch} setBatch={setBatch} showCounts={false} setShowCounts={() => {}} />);
    const text = ['{"id": "a", "turns": ["hi", {"click": "Book a repair"}]}', '{"id": "b", "messages": ["hi"]}', "{'id': 'c', 'turns': ['hi']}"].join('\n');
    fireEvent.drop(screen.getByTestId('batch-drop'), { dataTransfer: { files: [new File([text], 'mine.jsonl')], types: ['Files'] } });
    await waitFor(() => expect(setBatch).toHaveBeenCalled());
    const state = setBatch.mock.calls.at(-1)![0];
    expect(state.error).toMatch(/^mine\.jsonl holds no conversation that can be played\. line 1: turn 2 is not text .*"Book a repair"\. line 2: no "turns" \(found "messages": rename it "turns"\)\. \(1 more line below\.\)$/);
    cleanup();
    render(<BatchPane flow={menuFlow()} batch={state} setBatch={() => {}} showCounts={false} setShowCounts={() => {}} />);
    const details = document.querySelector('details.sim-problems') as HTMLDetailsElement;
    expect(details.open).toBe(true);
    expect(details.querySelector('summary')!.textContent).toBe('3 lines skipped');
    expect(details.textContent).toMatch(/line 3: not valid JSON: write names and texts in double quotes/);
  });
});

describe('newcomer s49 N11: the Export button says what the file holds', () => {
  it('its tooltip says the canvas layout goes with the flow (it said "logic only", while the export keeps positions)', () => {
    render(
      <StudioStoreProvider store={createStudioStore(flowOf([]))}>
        <ExportButton flowId="f" api={{} as never} />
      </StudioStoreProvider>,
    );
    const button = screen.getByRole('button', { name: 'Export flow' });
    expect(button.title).toMatch(/with its canvas layout/);
    expect(button.title).not.toMatch(/logic only/);
  });
});
