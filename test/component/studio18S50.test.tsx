// @vitest-environment jsdom
/**
 * Session 50 (studio18): newcomer s49 N3 (the simulator's private note leaves no trace in the chat), N6 ("+ expect"
 * gives no feedback), N8 (the canvas shows no takeover hours), N10 (no and/or between Condition rules), N12 (the
 * read-only tab's status cut to "Chang…"); hostile s49 L6 (a rule that can never work says so under it). L7 in the
 * simulator: test/unit/simulator/studio18S50AgentText.test.ts (jsdom's one-line box drops pasted line breaks).
 */
import './support/setup';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import customerSupport from '../../flows/customer-support.json';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';
import { renderEditor } from './support/renderEditor';
import { SimulatorPanel } from '../../renderer/studio/simulator/SimulatorPanel';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { nodeBodies, takeoverHoursLine } from '../../renderer/studio/canvas/nodes/bodies';
import { SaveStatus, shortStatusLabel } from '../../renderer/studio/persistence/SaveStatus';
import { FlowSettings } from '../../renderer/studio/inspector/FlowSettings';

function flowOf(blocks: unknown[], edges: unknown[] = []): Flow {
  const r = validateFlow({ version: 1, id: 'f', name: 'F', blocks: [{ id: 'start', kind: 'start', label: 'Start', position: { x: 0, y: 0 }, data: {} }, ...blocks], edges });
  if (!r.flow) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  return r.flow;
}

describe('N10: the word joining Condition rules stands between them', () => {
  const blocks = [
    { id: 'q', kind: 'question', position: { x: 200, y: 0 }, data: { text: 'What is wrong with it?', variable: 'bikeIssue' } },
    {
      id: 'cond',
      kind: 'condition',
      position: { x: 500, y: 0 },
      data: {
        combinator: 'or',
        rules: [
          { variable: 'bikeIssue', op: 'contains', value: 'e-bike' },
          { variable: 'bikeIssue', op: 'contains', value: 'electric' },
          { variable: 'bikeIssue', op: 'contains', value: 'battery' },
        ],
      },
    },
  ];
  const edges = [{ id: 'e1', from: 'start', exit: 'next', to: 'q' }, { id: 'e2', from: 'q', exit: 'next', to: 'cond' }];

  it('three rules: numbered, two "or"s between them; a click on one makes them all "and" (the Match choice)', () => {
    const store = renderEditor(flowOf(blocks, edges), (s) => s.getState().select(['cond']));
    const joins = screen.getAllByTestId('rule-join');
    expect(joins.map((j) => j.textContent)).toEqual(['or', 'or']);
    for (const n of [1, 2, 3]) expect(screen.getByText(`Rule ${n}`, { selector: '.st-rule-number' })).toBeInTheDocument();
    // Each separator stands between two rules, in the document's order.
    const order = [...document.querySelectorAll('.st-rule[data-rule], [data-testid="rule-join"]')].map((el) => el.getAttribute('data-rule') ?? 'join');
    expect(order).toEqual(['1', 'join', '2', 'join', '3']);
    fireEvent.click(within(joins[1]).getByRole('button', { name: /Rules joined by “or”: switch to “and”/ }));
    expect((store.getState().flow.blocks.find((b) => b.id === 'cond')!.data as { combinator: string }).combinator).toBe('and');
    expect(screen.getAllByTestId('rule-join').map((j) => j.textContent)).toEqual(['and', 'and']);
    // The Match choice above the rules says the same.
    expect((screen.getByRole('combobox', { name: /^Match/ }) as HTMLSelectElement).value).toBe('and');
  });

  it('"and" rules show "and" between them (the word follows the Match choice)', () => {
    const and = [blocks[0], { ...blocks[1], data: { ...blocks[1].data, combinator: 'and' } }];
    renderEditor(flowOf(and, edges), (s) => s.getState().select(['cond']));
    expect(screen.getAllByTestId('rule-join').map((j) => j.textContent)).toEqual(['and', 'and']);
    fireEvent.change(screen.getByRole('combobox', { name: /^Match/ }), { target: { value: 'or' } });
    expect(screen.getAllByTestId('rule-join').map((j) => j.textContent)).toEqual(['or', 'or']);
  });

  it('one rule: no separator', () => {
    const one = [blocks[0], { ...blocks[1], data: { combinator: 'and', rules: [blocks[1].data.rules[0]] } }];
    renderEditor(flowOf(one, edges), (s) => s.getState().select(['cond']));
    expect(screen.queryAllByTestId('rule-join')).toEqual([]);
  });

  it('L6: a rule that can never work as meant says why under it, in validation\'s words', () => {
    const bad = [blocks[0], { ...blocks[1], data: { combinator: 'and', rules: [{ variable: 'bikeIssue', op: 'gt', value: 'abc' }, { variable: 'bikeIssue', op: 'matches', value: '/hello/i' }] } }];
    renderEditor(flowOf(bad, edges), (s) => s.getState().select(['cond']));
    const statuses = [...document.querySelectorAll('[data-code]')].map((el) => [el.getAttribute('data-code'), el.textContent]);
    expect(statuses).toEqual([
      ['rule_not_a_number', expect.stringMatching(/^Rule 1 \(bikeIssue is more than "abc"\) is never true: “is more than” compares numbers/)],
      ['rule_pattern_slashes', expect.stringMatching(/Write the pattern without the slashes: hello/)],
    ]);
    fireEvent.change(screen.getByLabelText('Rule 1 value'), { target: { value: '3' } });
    expect(document.querySelector('[data-code="rule_not_a_number"]')).toBeNull();
  });
});

describe('N8: a Custom takeover with opening hours shows them on the canvas', () => {
  const hours = { timezone: 'Europe/London', weekly: { mon: [{ from: '08:00', to: '21:00' }], tue: [{ from: '08:00', to: '21:00' }], wed: [{ from: '08:00', to: '21:00' }], thu: [{ from: '08:00', to: '21:00' }], fri: [{ from: '08:00', to: '21:00' }], sat: [{ from: '09:00', to: '13:00' }], sun: [] }, closedDates: ['2026-12-25', '2026-12-26'] };
  const Body = nodeBodies.human_takeover!;

  it("the newcomer's week, zone and closed dates in one line; the tooltip says what happens outside them", () => {
    expect(takeoverHoursLine(hours)).toBe('Hours Mon–Fri 08:00–21:00; Sat 09:00–13:00 · Europe/London · 2 closed dates');
    render(<Body data={{ assignation: 'custom', priority: 'normal', queueTimeoutMinutes: 10, availability: hours }} block={{} as never} />);
    const line = screen.getByTestId('takeover-hours');
    expect(line).toHaveTextContent('Hours Mon–Fri 08:00–21:00; Sat 09:00–13:00 · Europe/London · 2 closed dates');
    expect(line).toHaveAttribute('title', expect.stringMatching(/Outside these hours: the out-of-hours message, then the “No agent” exit/));
  });

  it('no hours line without hours, or when the takeover is not Custom (its hours are not used then)', () => {
    const { unmount } = render(<Body data={{ assignation: 'custom', priority: 'normal', queueTimeoutMinutes: 10, availability: null }} block={{} as never} />);
    expect(screen.queryByTestId('takeover-hours')).toBeNull();
    unmount();
    render(<Body data={{ assignation: 'simple', priority: 'normal', queueTimeoutMinutes: 10, availability: hours }} block={{} as never} />);
    expect(screen.queryByTestId('takeover-hours')).toBeNull();
  });
});

describe('N9: Flow settings say which file the flow is saved in when it is not named after the id', () => {
  const settingsFor = (id: string, file: string) => {
    const store = createStudioStore({ ...flowOf([]), id, name: 'Spoke & Chain bike repairs' });
    render(
      <StudioStoreProvider store={store}>
        <FlowSettings flowFile={file} />
      </StudioStoreProvider>,
    );
  };

  it('a renamed blank flow: saved in untitled-flow.json, Export writes spoke-chain-bike-repairs.json', () => {
    settingsFor('spoke-chain-bike-repairs', '/home/me/.baton/studio/flows/untitled-flow.json');
    const line = screen.getByTestId('flow-file-name');
    expect(line).toHaveTextContent(/Saved in untitled-flow\.json, .*a rename or a new id does not move that file, its versions or its scenarios\. Export writes spoke-chain-bike-repairs\.json\./);
    expect(line.querySelector('code')).toHaveAttribute('title', '/home/me/.baton/studio/flows/untitled-flow.json');
  });

  it('nothing said when the file is named after the id', () => {
    settingsFor('spoke-chain-bike-repairs', 'C:\\Users\\me\\.baton\\studio\\flows\\spoke-chain-bike-repairs.json');
    expect(screen.queryByTestId('flow-file-name')).toBeNull();
  });
});

describe('N12: a long save status shows a word that fits, the whole wording kept', () => {
  it('"Changed elsewhere: not saved" shows "Read-only"; screen readers and the title get the whole wording', () => {
    render(<SaveStatus status="conflict" error="Another tab saved this flow." />);
    const status = screen.getByRole('status');
    expect(status.querySelector('[data-short]')).toHaveTextContent('Read-only');
    expect(status.querySelector('[data-short]')).toHaveAttribute('aria-hidden', 'true');
    expect(status).toHaveTextContent('Changed elsewhere: not saved');
    expect(status).toHaveAttribute('title', expect.stringMatching(/^Changed elsewhere: not saved\./));
  });

  it('every long wording has a short word of at most 9 characters; short ones are shown whole', () => {
    for (const [label, st] of [
      ['Changed elsewhere: not saved', 'conflict'],
      ['In the trash: not saved', 'conflict'],
      ['Offline: edits kept in this browser', 'offline'],
      ['Changed on disk: not saved', 'disk_changed'],
      ['Not saved: fix the 2 red fields', 'refused'],
    ]) {
      expect(shortStatusLabel(label, st).length, label).toBeLessThanOrEqual(9);
    }
    expect(shortStatusLabel('In the trash: not saved', 'conflict')).toBe('In trash');
    expect(shortStatusLabel('Saved', 'saved')).toBe('Saved');
    expect(shortStatusLabel('Saving…', 'saving')).toBe('Saving…');
  });
});

describe('the simulator: N3 private notes in the chat, N6 "+ expect" marks its line', () => {
  function setup() {
    const r = validateFlow(customerSupport);
    const store = createStudioStore(r.flow!);
    render(
      <StudioStoreProvider store={store}>
        <SimulatorPanel onClose={() => {}} onFocusBlock={() => {}} storage={null} overlay={false} />
      </StudioStoreProvider>,
    );
  }
  const transcript = () => screen.getByRole('list', { name: 'Transcript' });
  const say = (text: string) => {
    const input = screen.getByLabelText('Customer message');
    fireEvent.change(input, { target: { value: text } });
    fireEvent.keyDown(input, { key: 'Enter' });
  };

  it('N3: a note shows in its place in the chat, marked private, and stays after Hand back (the agent pane folds)', () => {
    setup();
    say('Can I talk to a real person please?');
    say('sam@example.com');
    const pane = screen.getByLabelText('Agent pane');
    fireEvent.change(within(pane).getByLabelText('Agent reply'), { target: { value: 'Hi Sam, Ana here.' } });
    fireEvent.click(within(pane).getByRole('button', { name: 'Reply' }));
    fireEvent.change(within(pane).getByLabelText('Agent reply'), { target: { value: 'Customer booked for 9am Tue, check BMS' } });
    fireEvent.click(within(pane).getByRole('button', { name: 'Note' }));
    const note = within(transcript()).getByText('Customer booked for 9am Tue, check BMS').closest('li')!;
    expect(note).toHaveAttribute('data-from', 'note');
    expect(note).toHaveTextContent(/Private note · Ana \(the customer does not see it\)/);
    // In its place: right after Ana's reply.
    expect(note.previousElementSibling).toHaveTextContent('Hi Sam, Ana here.');
    fireEvent.click(within(pane).getByRole('button', { name: 'Hand back to bot' }));
    expect(within(transcript()).getByText('Customer booked for 9am Tue, check BMS')).toBeInTheDocument();
  });

  it('N6: "+ expect" turns into "✓ expected" (pressed), says where it is kept, and a second click takes it back', () => {
    setup();
    const first = within(transcript()).getAllByRole('button', { name: /^Expect: / })[0]!;
    const name = first.getAttribute('aria-label')!.replace(/^Expect: /, '');
    fireEvent.click(first);
    const marked = within(transcript()).getByRole('button', { name: `Expected: ${name}` });
    expect(marked).toHaveTextContent('✓ expected');
    expect(marked).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByText(/1 line is expected: Scenarios › Save as scenario keeps it/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('tab', { name: 'Scenarios' }));
    expect(screen.getByLabelText('Expectations to add').querySelectorAll('li')).toHaveLength(1);
    fireEvent.click(screen.getByRole('tab', { name: 'Chat' }));
    fireEvent.click(within(transcript()).getByRole('button', { name: `Expected: ${name}` }));
    expect(within(transcript()).getAllByRole('button', { name: `Expect: ${name}` }).length).toBeGreaterThan(0);
    expect(screen.queryByText(/line is expected/)).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: 'Scenarios' }));
    expect(screen.queryByLabelText('Expectations to add')).toBeNull();
  });
});

describe('hostile s50 L5: zones renamed by IANA are found by today\'s name', () => {
  it("the tester's four: Kolkata, Kyiv, Ho Chi Minh, Yangon; listed by today's name", async () => {
    const { timeZones, zoneMatches } = await import('../../renderer/studio/inspector/TimeZonePicker');
    const all = timeZones();
    expect(zoneMatches('kolkata', all)[0]).toMatch(/^Asia\/(Kolkata|Calcutta)$/);
    expect(zoneMatches('kyiv', all)[0]).toMatch(/^Europe\/(Kyiv|Kiev)$/);
    expect(zoneMatches('ho chi minh', all)[0]).toMatch(/^Asia\/(Ho_Chi_Minh|Saigon)$/);
    expect(zoneMatches('yangon', all)[0]).toMatch(/^Asia\/(Yangon|Rangoon)$/);
    // Node's ICU here accepts today's names: the list shows them, not the former ones.
    expect(all).toContain('Asia/Kolkata');
    expect(all).not.toContain('Asia/Calcutta');
  });

  it('held out: the former names still find them; Kathmandu, Nuuk too', async () => {
    const { timeZones, zoneMatches } = await import('../../renderer/studio/inspector/TimeZonePicker');
    const all = timeZones();
    expect(zoneMatches('calcutta', all)).toContain('Asia/Kolkata');
    expect(zoneMatches('saigon', all)).toContain('Asia/Ho_Chi_Minh');
    expect(zoneMatches('kathmandu', all)[0]).toMatch(/^Asia\/(Kathmandu|Katmandu)$/);
    expect(zoneMatches('nuuk', all)[0]).toMatch(/^America\/(Nuuk|Godthab)$/);
    expect(zoneMatches('london', all)[0]).toBe('Europe/London');
  });
});
