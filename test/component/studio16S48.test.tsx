// @vitest-environment jsdom
/**
 * Session 48 (studio16): newcomer s47's findings N2 (HTTP request's "Save from the reply" rows), N3 (Condition rules),
 * N5 (block names in scenarios and the batch), N9 (two time zones), N8 (a blank flow's shop wording) and studio14's
 * leftovers (Business hours on the canvas, overlapping openings).
 */
import './support/setup';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';
import { renderEditor } from './support/renderEditor';
import { ScenarioEditor } from '../../renderer/studio/simulator/ScenarioEditor';
import { nodeBodies } from '../../renderer/studio/canvas/nodes/bodies';

function flowOf(blocks: unknown[], edges: unknown[] = [], settings: Record<string, unknown> = {}): Flow {
  const r = validateFlow({ version: 1, id: 'f', name: 'F', settings, blocks: [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} }, ...blocks], edges });
  if (!r.flow) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  return r.flow;
}

describe('N2: HTTP request › Save from the reply › Add', () => {
  const http = { id: 'api', kind: 'http_request', position: { x: 300, y: 0 }, data: { url: 'https://api.example.com/x' } };

  it('adds a row with an empty Variable field showing a placeholder, and the block lists what is missing', () => {
    const store = renderEditor(flowOf([http], [{ id: 'e1', from: 'start', exit: 'next', to: 'api' }]), (s) => s.getState().select(['api']));
    const inspector = screen.getByTestId('block-inspector');
    fireEvent.click(within(inspector).getByRole('button', { name: 'Add save from the reply' }));
    const data = () => store.getState().flow.blocks.find((b) => b.id === 'api')!.data as { responseMapping: { variable: string; path: string }[] };
    expect(data().responseMapping).toEqual([{ variable: '', path: '' }]);
    const variable = within(inspector).getByLabelText('Variable') as HTMLInputElement;
    expect(variable.value).toBe('');
    expect(variable.placeholder).toBe('replyStatus'); // session 50 (newcomer s50 N8): no shop's word in a blank flow's hints
    const problems = validateFlow(store.getState().flow).problems.filter((p) => p.blockId === 'api').map((p) => p.code);
    expect(problems).toContain('http_mapping_no_variable');
    expect(problems).toContain('http_mapping_no_path');
  });

  it('a name that no {{template}} can read is an error naming the row; a good name and path are not', () => {
    const codes = (variable: string, path: string) =>
      validateFlow(flowOf([{ ...http, data: { ...http.data, responseMapping: [{ variable, path }] } }])).problems.filter((p) => p.blockId === 'api' && p.code.startsWith('http_mapping'));
    const bad = codes('Save from the reply 1', 'status');
    expect(bad.map((p) => p.code)).toEqual(['http_mapping_bad_variable']);
    expect(bad[0]!.message).toMatch(/row 1 of "Save from the reply".*'Save from the reply 1'.*spaces/);
    expect(codes('2fast', 'status').map((p) => p.code)).toEqual(['http_mapping_bad_variable']);
    expect(codes('order-status', 'status').map((p) => p.code)).toEqual(['http_mapping_bad_variable']);
    expect(codes('orderStatus', 'order.status')).toEqual([]);
    expect(codes('order_status', 'items.0.name')).toEqual([]);
  });
});

describe('N3: Condition rules start on the flow\'s own variable, the list opens on a click, the canvas speaks words', () => {
  const blocks = [
    { id: 'q1', kind: 'question', position: { x: 200, y: 0 }, data: { text: 'Email?', inputType: 'email', variable: 'email' } },
    { id: 'q2', kind: 'question', position: { x: 400, y: 0 }, data: { text: 'Which bike?', variable: 'bikeType' } },
    { id: 'cond', kind: 'condition', position: { x: 600, y: 0 }, data: { combinator: 'and', rules: [] } },
    { id: 'cond2', kind: 'condition', position: { x: 600, y: 300 }, data: { combinator: 'and', rules: [] } },
  ];
  const edges = [
    { id: 'e1', from: 'start', exit: 'next', to: 'q1' },
    { id: 'e2', from: 'q1', exit: 'next', to: 'q2' },
    { id: 'e3', from: 'q2', exit: 'next', to: 'cond' },
  ];
  const rulesOf = (store: ReturnType<typeof renderEditor>, id: string) => (store.getState().flow.blocks.find((b) => b.id === id)!.data as { rules: { variable: string; op: string }[] }).rules;

  it('Add rule starts on the variable asked for last before the block (bikeType), not the system agentName', () => {
    const store = renderEditor(flowOf(blocks, edges), (s) => s.getState().select(['cond']));
    fireEvent.click(screen.getByRole('button', { name: /Add rule/ }));
    expect(rulesOf(store, 'cond')).toEqual([{ variable: 'bikeType', op: 'eq', value: '' }]);
  });

  it('a Condition with nothing asked before it starts on the flow\'s first own variable', () => {
    const store = renderEditor(flowOf(blocks, edges), (s) => s.getState().select(['cond2']));
    fireEvent.click(screen.getByRole('button', { name: /Add rule/ }));
    expect(['bikeType', 'email']).toContain(rulesOf(store, 'cond2')[0]!.variable);
  });

  it("clicking the rule's variable field opens a list of the flow's variables (undeclared ones too); a click picks one", () => {
    const store = renderEditor(flowOf(blocks, edges), (s) => s.getState().select(['cond']));
    fireEvent.click(screen.getByRole('button', { name: /Add rule/ }));
    const field = screen.getByRole('combobox', { name: 'Rule 1 variable' });
    fireEvent.click(field);
    const list = screen.getByRole('listbox', { name: "The flow's variables" });
    const names = within(list).getAllByRole('option').map((o) => o.textContent);
    expect(names.slice(0, 2).sort()).toEqual(['bikeType', 'email']);
    expect(names).toContain('agentName');
    fireEvent.mouseDown(within(list).getByRole('option', { name: 'email' }));
    expect(rulesOf(store, 'cond')[0]!.variable).toBe('email');
  });

  it('the canvas shows operators in words ("is", "is at least"), never the codes eq/gte', () => {
    const store = renderEditor(
      flowOf([{ id: 'c', kind: 'condition', position: { x: 300, y: 0 }, data: { combinator: 'and', rules: [{ variable: 'bikeType', op: 'eq', value: 'e-bike' }, { variable: 'age', op: 'gte', value: 18 }] } }]),
    );
    expect(store).toBeTruthy();
    const node = document.querySelector('[data-id="c"]') as HTMLElement;
    expect(node.textContent).toContain('bikeType is “e-bike” and age is at least 18');
    expect(node.textContent).not.toMatch(/\beq\b|\bgte\b/);
  });
});

describe('N5: a scenario step names blocks as the canvas does, the id in a tooltip', () => {
  it('waitingAt "human-takeover-1" shows "Workshop team"; reaches lists names; an unknown id stays an id', () => {
    const flow = flowOf([
      { id: 'human-takeover-1', kind: 'human_takeover', label: 'Workshop team', position: { x: 300, y: 0 }, data: {} },
      { id: 'buttons-1', kind: 'buttons', label: 'Main menu', position: { x: 300, y: 200 }, data: { text: 'Hi', options: [{ id: 'a', label: 'A' }] } },
    ]);
    render(
      <ScenarioEditor
        scenario={{ name: 's', steps: [{ say: 'hi' }, { expect: { waitingAt: 'human-takeover-1', reaches: ['buttons-1', 'gone-block'] } }] } as never}
        blocks={flow.blocks}
        busy={false}
        onEdit={() => {}}
      />,
    );
    const waiting = screen.getByText((_, el) => el?.tagName === 'CODE' && el.textContent!.startsWith('waitingAt:'));
    expect(waiting.textContent).toBe('waitingAt: “Workshop team”');
    expect(within(waiting).getByTitle('Block id: human-takeover-1')).toBeInTheDocument();
    const reaches = screen.getByText((_, el) => el?.tagName === 'CODE' && el.textContent!.startsWith('reaches:'));
    expect(reaches.textContent).toBe('reaches: [“Main menu”, "gone-block"]');
    expect(within(reaches).getByTitle('No block has the id gone-block now')).toBeInTheDocument();
  });
});

describe('N9: the flow\'s time zone and a block\'s hours zone', () => {
  it('a Business hours block added to a Europe/London flow starts in Europe/London (was UTC)', () => {
    const store = renderEditor(flowOf([], [], { timezone: 'Europe/London' }));
    expect(store.getState().dispatch({ type: 'add_block', kind: 'business_hours', position: { x: 300, y: 0 }, id: 'bh' } as never, { label: 'Add' })).toBeTruthy();
    expect((store.getState().flow.blocks.find((b) => b.id === 'bh')!.data as { timezone: string }).timezone).toBe('Europe/London');
  });

  it('hours in another zone than the flow\'s are a warning on the block (takeover and Business hours); the same zone is not', () => {
    const week = { mon: [{ from: '09:00', to: '17:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    const blocks = (zone: string) => [
      { id: 'ho', kind: 'human_takeover', label: 'Workshop team', position: { x: 300, y: 0 }, data: { assignation: 'custom', availability: { timezone: zone, weekly: week, closedDates: [] } } },
      { id: 'bh', kind: 'business_hours', position: { x: 300, y: 300 }, data: { timezone: zone, weekly: week, closedDates: [] } },
    ];
    const differs = (zone: string, flowZone: string) => validateFlow(flowOf(blocks(zone), [], { timezone: flowZone })).problems.filter((p) => p.code === 'timezone_differs');
    const found = differs('Europe/London', 'UTC');
    expect(found.map((p) => [p.blockId, p.severity])).toEqual([['ho', 'warning'], ['bh', 'warning']]);
    expect(found[0]!.message).toMatch(/Europe\/London.*flow's time zone is UTC/);
    expect(String(found[0]!.path)).toMatch(/availability\.timezone$/);
    expect(String(found[1]!.path)).toMatch(/data\.timezone$/);
    expect(differs('Europe/London', 'Europe/London')).toEqual([]);
  });
});

describe("studio14's leftover: overlapping openings in one day", () => {
  it('09:00-13:00 and 12:00-17:00 on Monday are a warning naming Monday; back-to-back openings are not', () => {
    const week = (mon: { from: string; to: string }[]) => ({ mon, tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });
    const overlaps = (mon: { from: string; to: string }[]) =>
      validateFlow(flowOf([{ id: 'bh', kind: 'business_hours', position: { x: 300, y: 0 }, data: { timezone: 'UTC', weekly: week(mon), closedDates: [] } }])).problems.filter((p) => p.code === 'overlapping_hours');
    const found = overlaps([{ from: '12:00', to: '17:00' }, { from: '09:00', to: '13:00' }]);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/Monday overlap: 09:00-13:00 and 12:00-17:00/);
    expect(found[0]!.hint).toContain('09:00-17:00');
    expect(overlaps([{ from: '09:00', to: '12:00' }, { from: '12:00', to: '17:00' }])).toEqual([]);
    expect(overlaps([{ from: '09:00', to: '17:00' }, { from: '10:00', to: '11:00' }])).toHaveLength(1);
  });
});

describe("studio14's leftover: the canvas's Business hours says days and hours in words", () => {
  it('"Europe/London · Mon–Fri 09:00–17:00; Sat 09:00–13:00", not "mon, tue, wed, thu, fri, sat"', () => {
    const nine = [{ from: '09:00', to: '17:00' }];
    const Body = nodeBodies.business_hours!;
    const { container } = render(<Body data={{ timezone: 'Europe/London', weekly: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine, sat: [{ from: '09:00', to: '13:00' }], sun: [] } }} block={{} as never} />);
    expect(container.textContent).toBe('Europe/London · Mon–Fri 09:00–17:00; Sat 09:00–13:00');
    const closed = render(<Body data={{ timezone: 'UTC', weekly: {} }} block={{} as never} />);
    expect(closed.container.textContent).toBe('UTC · Closed every day');
  });
});
