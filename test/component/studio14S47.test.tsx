// @vitest-environment jsdom
/**
 * Session 47 (studio14): newcomer s46 N6 (opening hours as a week grid), N19 (Simulator › Batch: file picker, format,
 * sample, saved scenarios, block names instead of ids), N17 leftovers (Flow settings' title, the widget launcher's
 * labels, the Ticket block's default confirmation).
 */
import './support/setup';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BatchPane, emptyBatch, runBatchState, sampleFileName } from '../../renderer/studio/simulator/BatchPane';
import type { ScenarioStorage } from '../../renderer/studio/simulator/ScenariosPane';
import { refusedFields } from '../../renderer/ui/refusedFields';
import { copyDay, fullWeek, localTime, nextRange, shownTime, storedTime, weekSummary, workWeek, WORKDAYS } from '../../renderer/studio/inspector/weeklyHours';
import { DAY_SHORT } from '../../renderer/studio/inspector/WeeklyHoursEditor';
import { ticketBlock } from '../../shared/flow/blocks/ticket';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';
import { renderEditor } from './support/renderEditor';
import { sampleFlow } from './support/sampleFlow';
import { createSimulation } from '../../shared/simulator/createSimulation';

const nineToFive = [{ from: '09:00', to: '17:00' }];
const HOURS = { timezone: 'Europe/London', weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] }, closedDates: [] };

function hoursFlow(): Flow {
  const r = validateFlow({
    version: 1,
    id: 'hours',
    name: 'Hours',
    settings: { timezone: 'Europe/Paris' },
    blocks: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'bh', kind: 'business_hours', position: { x: 300, y: 0 }, data: HOURS },
      { id: 'ho', kind: 'human_takeover', position: { x: 300, y: 300 }, data: { assignation: 'custom' } },
    ],
    edges: [{ id: 'e1', from: 'start', exit: 'next', to: 'bh' }],
  });
  if (!r.flow) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  return r.flow;
}

function editor(select: string) {
  const store = renderEditor(hoursFlow(), (s) => s.getState().select([select]));
  const data = (id: string) => store.getState().flow.blocks.find((b) => b.id === id)!.data as Record<string, any>;
  return { store, data, inspector: () => screen.getByTestId('block-inspector') };
}

describe('N6: opening hours as a week grid', () => {
  it('one row a day with a switch and two labelled time inputs; opening the block changes nothing', () => {
    const { store, data, inspector } = editor('bh');
    const before = store.getState().flow;
    const days = within(inspector()).getAllByRole('group').filter((g) => g.classList.contains('st-week-day'));
    expect(days.map((d) => d.getAttribute('aria-label'))).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(screen.getByRole('switch', { name: 'Open on Monday' })).toBeChecked();
    expect(screen.getByRole('switch', { name: 'Open on Sunday' })).not.toBeChecked();
    const opens = screen.getByLabelText('Monday opens at');
    expect(opens).toHaveAttribute('type', 'time');
    expect(opens).toHaveValue('09:00');
    expect(screen.getByLabelText('Friday closes at')).toHaveValue('17:00');
    expect(screen.queryByLabelText('Saturday opens at')).toBeNull();
    // The old per-day cards' "Add" buttons and free-text boxes are gone.
    expect(within(inspector()).queryByRole('button', { name: /^Add monday$/i })).toBeNull();
    expect(store.getState().flow).toBe(before);
    expect(data('bh').weekly).toEqual(HOURS.weekly);
  });

  it('a switch opens a day with the nearest open day before it, and closes it; back on, its hours come back', () => {
    const { data } = editor('bh');
    fireEvent.click(screen.getByRole('switch', { name: 'Open on Saturday' }));
    expect(data('bh').weekly.sat).toEqual(nineToFive);
    fireEvent.change(screen.getByLabelText('Saturday closes at'), { target: { value: '13:00' } });
    expect(data('bh').weekly.sat).toEqual([{ from: '09:00', to: '13:00' }]);
    fireEvent.click(screen.getByRole('switch', { name: 'Open on Saturday' }));
    expect(data('bh').weekly.sat).toEqual([]);
    fireEvent.click(screen.getByRole('switch', { name: 'Open on Saturday' }));
    expect(data('bh').weekly.sat).toEqual([{ from: '09:00', to: '13:00' }]);
  });

  it('Copy Monday to weekdays / to all days; a closing time of 00:00 is stored as 24:00 (midnight)', () => {
    const { data } = editor('bh');
    fireEvent.change(screen.getByLabelText('Monday opens at'), { target: { value: '08:30' } });
    fireEvent.change(screen.getByLabelText('Monday closes at'), { target: { value: '00:00' } });
    expect(data('bh').weekly.mon).toEqual([{ from: '08:30', to: '24:00' }]);
    expect(screen.getByLabelText('Monday closes at')).toHaveValue('00:00');
    fireEvent.click(screen.getByRole('button', { name: 'Copy Monday to weekdays' }));
    expect(data('bh').weekly.fri).toEqual([{ from: '08:30', to: '24:00' }]);
    expect(data('bh').weekly.sat).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Copy Monday to all days' }));
    expect(data('bh').weekly.sun).toEqual([{ from: '08:30', to: '24:00' }]);
    expect(screen.getByRole('button', { name: 'Copy Monday to all days' })).toBeDisabled();
  });

  it('several openings a day; a closing time before the opening is said on the row', () => {
    const { data } = editor('bh');
    fireEvent.change(screen.getByLabelText('Tuesday closes at'), { target: { value: '12:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add an opening on Tuesday' }));
    expect(data('bh').weekly.tue).toEqual([
      { from: '09:00', to: '12:00' },
      { from: '13:00', to: '17:00' },
    ]);
    expect(screen.getByLabelText('Tuesday opens at (2nd opening)')).toHaveValue('13:00');
    fireEvent.click(screen.getByRole('button', { name: "Remove Tuesday's first opening (09:00–12:00)" }));
    expect(data('bh').weekly.tue).toEqual([{ from: '13:00', to: '17:00' }]);
    fireEvent.change(screen.getByLabelText('Wednesday closes at'), { target: { value: '08:00' } });
    expect(within(screen.getByRole('group', { name: 'Wednesday' })).getByRole('alert')).toHaveTextContent('Wednesday closes before it opens');
  });

  it('a time not complete stays in its box, is not stored, and counts as refused until it is', () => {
    const { data } = editor('bh');
    const box = screen.getByLabelText('Thursday opens at');
    fireEvent.change(box, { target: { value: '' } });
    expect(data('bh').weekly.thu).toEqual(nineToFive);
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(refusedFields().some((f) => f.label === 'Thursday opens at')).toBe(true);
    fireEvent.change(box, { target: { value: '10:15' } });
    expect(data('bh').weekly.thu).toEqual([{ from: '10:15', to: '17:00' }]);
    expect(refusedFields().some((f) => f.label === 'Thursday opens at')).toBe(false);
  });

  it("the takeover's Availability: null reads \"at any hour\"; \"only in opening hours\" starts Mon-Fri 9-5 in the flow's zone", () => {
    const { data } = editor('ho');
    fireEvent.click(screen.getByRole('tab', { name: /Custom/ }));
    const any = screen.getByRole('radio', { name: 'At any hour (no opening hours)' });
    expect(any).toBeChecked();
    expect(screen.queryByRole('switch', { name: 'Open on Monday' })).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'Only in opening hours' }));
    expect(data('ho').availability).toEqual({ timezone: 'Europe/Paris', weekly: HOURS.weekly, closedDates: [] });
    fireEvent.click(screen.getByRole('switch', { name: 'Open on Sunday' }));
    fireEvent.click(any);
    expect(data('ho').availability).toBeNull();
    // Chosen again in the same visit: the week as it was left.
    fireEvent.click(screen.getByRole('radio', { name: 'Only in opening hours' }));
    expect(data('ho').availability.weekly.sun).toEqual(nineToFive);
  });

  it("the grid's edits are pure functions over the stored format", () => {
    expect(fullWeek({ mon: nineToFive })).toEqual({ mon: nineToFive, tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });
    expect(copyDay(workWeek(), 'mon', ['sat'])).toEqual({ ...workWeek(), sat: nineToFive });
    expect(WORKDAYS).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(nextRange([])).toEqual({ from: '09:00', to: '17:00' });
    expect(nextRange([{ from: '09:00', to: '12:00' }])).toEqual({ from: '13:00', to: '17:00' });
    expect(nextRange([{ from: '09:00', to: '21:30' }])).toEqual({ from: '22:30', to: '24:00' });
    expect(nextRange([{ from: '09:00', to: '23:30' }])).toBeNull();
    expect(shownTime('24:00')).toBe('00:00');
    expect(storedTime('00:00', true)).toBe('24:00');
    expect(storedTime('00:00', false)).toBe('00:00');
    expect(storedTime('07:05:00', false)).toBe('07:05');
    for (const bad of ['', '7:05', '24:00', '12:60', 'noon']) expect(storedTime(bad, false)).toBeNull();
    const week = { ...workWeek(), sat: [{ from: '10:00', to: '14:00' }], sun: [{ from: '10:00', to: '14:00' }] };
    expect(weekSummary(week, DAY_SHORT)).toBe('Mon–Fri 09:00–17:00; Sat–Sun 10:00–14:00');
    expect(weekSummary(fullWeek({}), DAY_SHORT)).toBe('Closed every day');
    expect(localTime('17:00', 'en-US')).toBe('05:00 PM');
    expect(localTime('17:00', 'en-GB')).toBe('17:00');
    expect(localTime('24:00', 'en-GB')).toBe('midnight');
  });
});

describe('N19: Simulator › Batch', () => {
  const flow = () => sampleFlow();
  const storage = (scenarios: unknown[]): ScenarioStorage => ({
    load: async () => ({ exists: true, file: { version: 1, scenarios } as never }),
    save: async () => ({}),
  });

  it('a design-system file button and drop zone (the input hidden behind it), the format with an example line', () => {
    render(<BatchPane flow={flow()} batch={emptyBatch} setBatch={() => {}} showCounts={false} setShowCounts={() => {}} />);
    const input = screen.getByLabelText('Conversations file (JSONL)') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.hidden).toBe(true);
    const click = vi.spyOn(input, 'click');
    fireEvent.click(screen.getByRole('button', { name: 'Choose a file…' }));
    expect(click).toHaveBeenCalled();
    expect(screen.getByTestId('batch-drop')).toHaveTextContent('Drop a .jsonl file of conversations here, or');
    // Session 49 (studio17, N6): several lines, made from the flow; each one a conversation the tab reads.
    const example = document.querySelector('.sim-batch-example')!.textContent!.split('\n');
    // Session 50 (newcomer s50 N8): the conversation of several turns is made from the flow too (no shop's "where is my
    // order?" in any flow): its menu's second answer, or a neutral one.
    const lines = example.map((l) => JSON.parse(l) as { id: string; turns: string[] });
    expect(lines.some((c) => c.turns.length >= 2)).toBe(true);
    expect(example.join('\n')).not.toMatch(/where is my order/);
  });

  it('a file dropped on the zone is played', async () => {
    const setBatch = vi.fn();
    render(<BatchPane flow={flow()} batch={emptyBatch} setBatch={setBatch} showCounts={false} setShowCounts={() => {}} />);
    const file = new File(['{"id":"a","turns":["I want to talk to a human"]}\n'], 'dropped.jsonl');
    fireEvent.drop(screen.getByTestId('batch-drop'), { dataTransfer: { files: [file], types: ['Files'] } });
    await waitFor(() => expect(setBatch).toHaveBeenCalled());
    expect(setBatch.mock.calls.at(-1)![0]).toMatchObject({ name: 'dropped.jsonl', conversations: [{ id: 'a' }] });
  });

  it('"Run my saved scenarios": their customer messages and clicks, one conversation each; skipped ones left out', async () => {
    const setBatch = vi.fn();
    const scenarios = [
      { name: 'Track', steps: [{ click: 'Track my order' }, { say: 'NW-104233' }, { expect: { botSays: 'x' } }] },
      { name: 'Person', steps: [{ say: 'I want a person' }, { agent: 'accept' }, { agent: 'say', text: 'Hi' }] },
      { name: 'Off', skip: true, steps: [{ say: 'hi' }] },
      { name: 'Agents only', steps: [{ nobodyOnline: true }] },
    ];
    render(<BatchPane flow={flow()} batch={emptyBatch} setBatch={setBatch} showCounts={false} setShowCounts={() => {}} storage={storage(scenarios)} />);
    const run = await screen.findByRole('button', { name: 'Run my 2 saved scenarios' });
    fireEvent.click(run);
    await waitFor(() => expect(setBatch).toHaveBeenCalled());
    const state = setBatch.mock.calls.at(-1)![0];
    expect(state.conversations).toEqual([
      { id: 'Track', turns: ['Track my order', 'NW-104233'] },
      { id: 'Person', turns: ['I want a person'] },
    ]);
    expect(state.fromScenarios).toBe(true);
    expect(state.run.total).toBe(2);
  });

  it('"Download a sample file": the saved scenarios, else conversations made from the flow (and the tab says so)', async () => {
    const created: Blob[] = [];
    const url = URL.createObjectURL;
    URL.createObjectURL = ((b: Blob) => (created.push(b), 'blob:x')) as typeof URL.createObjectURL;
    const revoke = URL.revokeObjectURL;
    URL.revokeObjectURL = () => undefined;
    try {
      render(<BatchPane flow={flow()} batch={emptyBatch} setBatch={() => {}} showCounts={false} setShowCounts={() => {}} storage={storage([])} />);
      await screen.findByTestId('batch-no-scenarios');
      expect(screen.queryByRole('button', { name: /Run my/ })).toBeNull();
      await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Download a sample file' })));
      const lines = (await created[0].text()).trim().split('\n').map((l) => JSON.parse(l));
      // The sample flow's first menu (Main menu) has four buttons: one conversation each, then a person, then unclear.
      expect(lines.map((l) => l.turns[0])).toEqual(['Track my order', 'Returns', 'Shipping', 'Something else', 'Can I talk to a person, please?', 'hmm not sure']);
      expect(screen.getByTestId('batch-sample-note')).toHaveTextContent('6 conversations made from this flow');
    } finally {
      URL.createObjectURL = url;
      URL.revokeObjectURL = revoke;
    }
    expect(sampleFileName('Spoke & Chain Cycles')).toBe('spoke-and-chain-cycles-sample-conversations.jsonl');
    expect(sampleFileName('   ')).toBe('flow-sample-conversations.jsonl');
  });

  it('results name blocks as the canvas does, never by id; a name shows its block', () => {
    const f = flow();
    // Two unlabelled Buttons blocks: told apart by their question, as the Problems list does.
    const two = {
      ...f,
      blocks: [
        ...f.blocks.map((b) => (b.id === 'main_menu' ? { ...b, label: undefined } : b)),
        { id: 'buttons-1', kind: 'buttons', position: { x: 0, y: 900 }, data: { text: 'What do you need today?', options: [{ id: 'x', label: 'X', synonyms: [] }], retryMessage: 'Pick one.', maxRetries: 2 } },
      ],
    } as Flow;
    const batch = runBatchState(two, { ...emptyBatch, name: 'b.jsonl', conversations: [{ id: 'c', turns: ['hmm'] }] });
    const run = { ...batch.run!, dropOffs: { 'buttons-1': 3, router: 2 }, fallbacks: { main_menu: 4, gone: 1 } };
    const focus = vi.fn();
    render(<BatchPane flow={two} batch={{ ...batch, run }} setBatch={() => {}} showCounts={false} setShowCounts={() => {}} onFocusBlock={focus} />);
    const lists = screen.getByTestId('batch-drop-offs');
    expect(lists).toHaveTextContent('Buttons “What do you need today?”: 3');
    expect(lists).toHaveTextContent('What do they want?: 2');
    expect(lists).toHaveTextContent('Buttons “What can I help you with…”: 4');
    expect(lists).toHaveTextContent('a deleted block: 1');
    for (const id of ['buttons-1', 'router', 'main_menu', 'gone']) expect(lists.textContent).not.toContain(id);
    fireEvent.click(within(lists).getByRole('button', { name: 'Buttons “What do you need today?”' }));
    expect(focus).toHaveBeenCalledWith('buttons-1');
  });
});

describe('N17 leftovers', () => {
  it('Flow settings has a title', () => {
    renderEditor(hoursFlow(), (s) => s.getState().select([]));
    fireEvent.click(screen.getByRole('button', { name: 'Flow settings' }));
    expect(within(screen.getByTestId('flow-settings')).getByRole('heading', { name: 'Flow settings' })).toBeInTheDocument();
  });

  it("a new Ticket block's confirmation gives the ticket number", () => {
    const data = ticketBlock.defaultData();
    expect(data.text).toContain('{{ticketId}}');
    // Said by the engine with the number filled in (a flow whose ticket text was left out: the schema's default).
    const r = validateFlow({
      version: 1,
      id: 't',
      name: 'T',
      blocks: [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'tk', kind: 'ticket', position: { x: 300, y: 0 }, data: { askIssue: false } },
      ],
      edges: [{ id: 'e', from: 'start', exit: 'next', to: 'tk' }],
    });
    const sim = createSimulation(r.flow!, { now: Date.parse('2026-03-02T10:00:00Z'), conversationId: 'abc12345' });
    sim.say('ada@example.com');
    const said = sim.transcript.filter((e) => e.from === 'bot').map((e) => e.text);
    expect(said.join('\n')).toMatch(/opened ticket T-ABC12345 and will reply by email/);
  });

  describe('the widget launcher', () => {
    afterEach(() => document.querySelectorAll('[data-baton-widget]').forEach((r) => r.remove()));
    async function bubbleLabel(preview: string): Promise<string | null> {
      const { WIDGET_LOADER } = await import('../../runtime/server/servePages');
      const flow = `f${Math.random().toString(36).slice(2, 8)}`;
      const script = document.createElement('script');
      script.src = 'http://127.0.0.1:4000/widget.js';
      script.setAttribute('data-flow', flow);
      Object.defineProperty(document, 'currentScript', { configurable: true, get: () => script });
      new Function(WIDGET_LOADER)();
      const root = document.querySelector(`#baton-widget-${flow}`)!;
      const frame = root.querySelector('iframe')!;
      act(() => void window.dispatchEvent(new MessageEvent('message', { origin: 'http://127.0.0.1:4000', source: frame.contentWindow, data: { baton: 'unread', count: preview ? 1 : 0, preview } })));
      return root.querySelector('button:not([aria-expanded])')!.getAttribute('aria-label');
    }
    // Wordings written before the change (newcomer s46 N17: "...with that.. Open the chat", "New message: . Open the chat").
    it.each([
      ['Ann: Hi, are you still there? We can help with that.', 'New message: Ann: Hi, are you still there? We can help with that. Open the chat'],
      ['Ann: Are you there?', 'New message: Ann: Are you there? Open the chat'],
      ['Ann: Great!', 'New message: Ann: Great! Open the chat'],
      ['Ann: one moment…', 'New message: Ann: one moment… Open the chat'],
      ['Ann: Hi', 'New message: Ann: Hi. Open the chat'],
      ['', 'Open the chat'],
    ])('before: %j', async (preview, label) => {
      expect(await bubbleLabel(preview)).toBe(label);
    });
    // Held out, written after: a closing quote or bracket after the stop, trailing spaces.
    it.each([
      ['Ann: She said “ok.”', 'New message: Ann: She said “ok.” Open the chat'],
      ['Ann: (see the link.)', 'New message: Ann: (see the link.) Open the chat'],
      ['Ann: Hi.   ', 'New message: Ann: Hi. Open the chat'],
    ])('held out: %j', async (preview, label) => {
      expect(await bubbleLabel(preview)).toBe(label);
    });
  });
});
