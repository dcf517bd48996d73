// @vitest-environment jsdom
/**
 * Session 6 studio and inbox fixes (helper uxfix): a cancelled handoff's summary no longer says the customer
 * "is waiting"; the flow id can be changed in Flow settings (validated, undoable, nothing lost on a bad id);
 * ticket numbers are kept on one line.
 */
import './support/setup';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FindDialog } from '../../renderer/studio/editor/FindDialog';
import { ExportButton } from '../../renderer/studio/home/ExportButton';
import { SaveStatus } from '../../renderer/studio/persistence/SaveStatus';
import { HomeScreen } from '../../renderer/studio/home/HomeScreen';
import { createStudioApi } from '../../renderer/studio/api/studioApi';
import { startStudioServer } from '../../runtime/studio/startStudioServer';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StudioApi } from '../../renderer/studio/api/studioApi';
import { SimulatorPanel } from '../../renderer/studio/simulator/SimulatorPanel';
import { sampleFlow } from './support/sampleFlow';
import { FIT_MIN_ZOOM, fitFlowViewport } from '../../renderer/studio/canvas/fitFlow';
import { makeRoom, ROOM_GAP } from '../../renderer/studio/canvas/makeRoom';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';
import { flowIdProblem } from '../../renderer/studio/inspector/flowId';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { tinyFlow } from './support/sampleFlow';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Inbox, summaryNow } from '../../renderer/inbox/Inbox';
import { keepTicketNumbers } from '../../renderer/ui/KeepTogether';
import { inReadingOrder, Widget } from '../../renderer/widget/Widget';
import type { ChatClient } from '../../renderer/widget/chatClient';
import type { HandoffDetail, HandoffRow } from '../../renderer/inbox/inboxApi';
import { ann, fakeInboxApi, quietAlerts, signedInStorage } from './support/inboxFakes';
import { renderEditor } from './support/renderEditor';

const row = (over: Partial<HandoffRow>): HandoffRow => ({
  id: 'c1:h1',
  conversationId: 'c1',
  flowId: 'shop',
  status: 'cancelled',
  priority: 'normal',
  reason: 'explicit_request',
  summary: 'Dana (dana@example.com) is waiting. Handed over because the customer asked for a person.',
  assignation: 'simple',
  teams: ['support'],
  agentId: null,
  agentName: null,
  requestedAt: Date.now() - 60_000,
  updatedAt: Date.now(),
  deadline: null,
  ...over,
});

describe('a handoff summary after the wait is over', () => {
  it('is told in the past for every status but pending', () => {
    const s = 'The customer is waiting. Topic: refund (91% sure).';
    expect(summaryNow(s, 'pending')).toBe(s);
    expect(summaryNow(s, 'cancelled')).toBe('The customer left before anyone took the chat (cancelled). Topic: refund (91% sure).');
    expect(summaryNow(s, 'assigned')).toBe('The customer was handed over to a person. Topic: refund (91% sure).');
    expect(summaryNow(s, 'expired')).toMatch(/^The customer waited, but no one took the chat in time/);
    // A summary with the reason the customer gave has no "is waiting" to change.
    expect(summaryNow('Dana needs help with: a refund.', 'cancelled')).toBe('Dana needs help with: a refund.');
  });

  it('a cancelled chat opened from Closed does not say the customer is waiting', async () => {
    const h = row({});
    const detail: HandoffDetail = {
      handoff: h,
      context: { reason: 'explicit_request', signals: [], intents: [], entities: [], summary: h.summary, suggestedResolution: '' },
      conversation: { id: 'c1', flowId: 'shop', mode: 'closed', createdAt: 0, lastSeq: 1 },
      variables: {},
      transcript: [{ id: 'c1:1', seq: 1, from: 'customer', text: 'a person please', at: Date.now() - 50_000 }],
      notes: [],
      alsoViewing: [],
    };
    const api = fakeInboxApi({
      me: async () => ({ agent: ann, status: 'online', activeChats: 0 }),
      agents: async () => [ann],
      setPresence: async (_t, s) => s,
      list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 1 }, handoffs: [h] }),
      detail: async () => detail,
    });
    const place = { read: () => '#/closed', write: () => undefined, listen: () => () => undefined };
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={place} />);
    (await screen.findByRole('button', { name: /Asked for a person/ })).click();
    const context = await screen.findByRole('complementary', { name: 'Context' });
    expect(await within(context).findByText(/Dana \(dana@example.com\) left before anyone took the chat \(cancelled\)\./)).toBeInTheDocument();
    expect(context.textContent).not.toMatch(/is waiting/);
  });
});

describe('ticket numbers stay on one line', () => {
  it('the widget keeps a ticket number whole inside a bubble that may wrap anywhere', async () => {
    const text = 'Your ticket number is T-12184D37-2. Quote T-9 or T-ABCDEF12 when you write; T-shirts are not tickets.';
    const client: ChatClient = {
      start: async () => ({ conversationId: 'c', token: 't', mode: 'bot', messages: [{ id: 'c:1', seq: 1, from: 'bot', text, at: 1_700_000_000_000 }], lastSeq: 1, resumed: false }),
      restart: async () => { throw new Error('not used'); },
      send: async () => { throw new Error('not used'); },
      typing: async () => undefined,
      catchUp: async () => ({ mode: 'bot', messages: [], lastSeq: 1 }),
      listen: (_s, _a, _e, onLink) => (onLink('live'), () => undefined),
    };
    const { container } = render(<Widget flowId="shop" title="Shop" client={client} />);
    const bubble = (await screen.findByText(/Your ticket number is/)).closest('.bw-bubble')!;
    expect(bubble.textContent).toBe(text);
    expect([...bubble.querySelectorAll('.bt-nowrap')].map((e) => e.textContent)).toEqual(['T-12184D37-2', 'T-9', 'T-ABCDEF12']);
    expect(container.querySelectorAll('.bt-nowrap')).toHaveLength(3);
  });

  it('plain text is left as it is', () => {
    expect(keepTicketNumbers('No ticket here, only a T-shirt.')).toBe('No ticket here, only a T-shirt.');
  });
});

describe('flow settings: changing the flow id', () => {
  function setup() {
    const store = renderEditor(tinyFlow());
    return { store, input: screen.getByLabelText('Flow id') as HTMLInputElement };
  }

  it('a good id is set on Enter, names the new chat address, and is one undo step', () => {
    const { store, input } = setup();
    fireEvent.change(input, { target: { value: 'bike-shop_2' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(store.getState().flow.id).toBe('bike-shop_2');
    expect(input).toHaveAccessibleDescription(/\/chat\/bike-shop_2.*bike-shop_2\.json/);
    expect(store.getState().past.at(-1)?.label).toBe('Change flow id');
    act(() => store.getState().undo());
    expect(store.getState().flow.id).toBe('tiny');
    expect(input).toHaveValue('tiny');
    act(() => store.getState().redo());
    expect(input).toHaveValue('bike-shop_2');
  });

  it('a bad id is refused with the reason; what was typed stays, the flow keeps its id; Escape puts it back', () => {
    const { store, input } = setup();
    fireEvent.change(input, { target: { value: 'bike shop/2' } });
    fireEvent.blur(input);
    expect(store.getState().flow.id).toBe('tiny');
    expect(input).toHaveValue('bike shop/2');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('The flow id cannot contain spaces, "/": use letters, digits, - and _ (it becomes part of the chat address /chat/<id>). The flow keeps the id "tiny" until this is fixed');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(store.getState().flow.id).toBe('tiny');
    expect(store.getState().past).toHaveLength(0);
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input).toHaveValue('tiny');
    expect(input).not.toHaveAttribute('aria-invalid');
  });

  it('says why an id is refused', () => {
    expect(flowIdProblem('')).toBe('The flow id cannot be empty.');
    expect(flowIdProblem('-shop')).toBe('The flow id must start with a letter or a digit.');
    expect(flowIdProblem('x'.repeat(61))).toMatch(/61 characters long; keep it to 60/);
    expect(flowIdProblem('café')).toMatch(/cannot contain "é"/);
    expect(flowIdProblem('Shop-2_b')).toBeNull();
    // The store refuses a bad id even when asked directly, and says why.
    const store = createStudioStore(tinyFlow());
    expect(store.getState().setFlowId('a b')).toBe(false);
    expect(store.getState().flow.id).toBe('tiny');
    expect(store.getState().notice?.text).toMatch(/cannot contain spaces/);
  });
});

describe('Fit View', () => {
  // Blocks are 240 px wide: a 3-block chain is about 800 x 100 px, the customer-support template about 2,700 x 1,000.
  const chain = { x: 0, y: 0, width: 800, height: 100 };
  const template = { x: -40, y: -300, width: 2700, height: 1000 };
  const onScreen = (v: { x: number; y: number; zoom: number }, b: typeof chain, w: number, h: number) =>
    b.x * v.zoom + v.x >= 0 && b.y * v.zoom + v.y >= 0 && (b.x + b.width) * v.zoom + v.x <= w && (b.y + b.height) * v.zoom + v.y <= h;

  it('a small flow on a narrow canvas (inspector and simulator open) is shown whole at a readable zoom', () => {
    // Before: 236 px of minimap padding on a 520 px canvas fitted this chain at 27 %.
    const r = fitFlowViewport({ bounds: chain, width: 520, height: 670, minimap: false });
    expect(r.shows).toBe('all');
    expect(r.viewport.zoom).toBeGreaterThanOrEqual(FIT_MIN_ZOOM);
    expect(onScreen(r.viewport, chain, 520, 670)).toBe(true);
  });

  it('keeps the minimap clear below the blocks when that leaves more room than beside them', () => {
    const r = fitFlowViewport({ bounds: chain, width: 820, height: 850, minimap: true });
    expect(r.viewport.zoom).toBeCloseTo((820 - 96) / 800, 2);
    // Nothing under the minimap (bottom-left, 200 x 150 px at 15 px from the corner).
    expect((chain.y + chain.height) * r.viewport.zoom + r.viewport.y).toBeLessThanOrEqual(850 - 165);
  });

  it('never zooms a small flow in past 100 %', () => {
    expect(fitFlowViewport({ bounds: { x: 0, y: 0, width: 240, height: 60 }, width: 1200, height: 800, minimap: true }).viewport.zoom).toBe(1);
  });

  // Session 42 (newcomer s42 N2), changed on purpose: Fit View shows a big flow whole first (its first press gave the
  // readable 50 % view, 3 of Northwind's 46 blocks beside the inspector); pressed again, the readable view.
  it('a flow taller than the canvas at 50 %: pressed again, shown around its Start block', () => {
    const tall = { x: 0, y: -1500, width: 2400, height: 3000 };
    const start = { x: 0, y: -30, width: 224, height: 60 };
    const whole = fitFlowViewport({ bounds: tall, width: 820, height: 850, minimap: true, start });
    expect(whole.shows).toBe('all');
    const r = fitFlowViewport({ bounds: tall, width: 820, height: 850, minimap: true, start, current: whole.viewport });
    expect(r.viewport.zoom).toBe(FIT_MIN_ZOOM);
    const startMiddle = (start.y + start.height / 2) * r.viewport.zoom + r.viewport.y;
    expect(Math.abs(startMiddle - 850 / 2)).toBeLessThan(30);
    // A Start block at the flow's top edge: the flow's top stays at the top padding, no empty band above it.
    const top = fitFlowViewport({ bounds: tall, width: 820, height: 850, minimap: true, start: { ...start, y: -1500 }, current: whole.viewport });
    expect(tall.y * top.viewport.zoom + top.viewport.y).toBe(48);
  });

  it('a big flow is shown whole first, and pressing again shows it from its left edge at 50 %', () => {
    const first = fitFlowViewport({ bounds: template, width: 820, height: 850, minimap: true });
    expect(first.shows).toBe('all');
    expect(first.viewport.zoom).toBeLessThan(FIT_MIN_ZOOM);
    expect(onScreen(first.viewport, template, 820, 850)).toBe(true);
    const second = fitFlowViewport({ bounds: template, width: 820, height: 850, minimap: true, current: first.viewport });
    expect(second.shows).toBe('readable');
    expect(second.viewport.zoom).toBe(FIT_MIN_ZOOM);
    // Its left edge in view, right of the minimap (which spans x 15-215), as the flow runs past the bottom edge.
    expect(template.x * second.viewport.zoom + second.viewport.x).toBeGreaterThanOrEqual(236);
    // From any other view (the readable one, a zoom of the designer's), whole again.
    expect(fitFlowViewport({ bounds: template, width: 820, height: 850, minimap: true, current: second.viewport }).shows).toBe('all');
  });

  it('with a floor (the opening view) the readable view below it; floor 0 (after Automatic layout) always whole', () => {
    expect(fitFlowViewport({ bounds: template, width: 400, height: 600, minimap: false, floor: 0.15 }).shows).toBe('readable');
    const laid = fitFlowViewport({ bounds: template, width: 400, height: 600, minimap: false, floor: 0 });
    expect(laid.shows).toBe('all');
    expect(onScreen(laid.viewport, template, 400, 600)).toBe(true);
  });
});

describe('a block that grows makes room below it', () => {
  // menu (buttons) at (0, 0), 224 x 150; below it 'ask' at y 180 and 'bye' at y 330; 'side' to the right.
  const flow = (): Flow =>
    validateFlow({
      version: 1,
      id: 'grow',
      name: 'Grow',
      blocks: [
        { id: 'start', kind: 'start', position: { x: -300, y: 0 }, data: {} },
        { id: 'menu', kind: 'buttons', position: { x: 0, y: 0 }, data: { text: 'Pick', options: [{ id: 'a', label: 'A' }] } },
        { id: 'ask', kind: 'message', position: { x: 0, y: 180 }, data: { text: 'x' } },
        { id: 'bye', kind: 'end', position: { x: 0, y: 330 }, data: {} },
        { id: 'side', kind: 'end', position: { x: 300, y: 100 }, data: {} },
        { id: 'onTop', kind: 'end', position: { x: -300, y: 20 }, data: {} },
      ],
    }).flow!;
  const measured = { start: { width: 224, height: 60 }, menu: { width: 224, height: 150 }, ask: { width: 224, height: 120 }, bye: { width: 224, height: 60 }, side: { width: 224, height: 60 }, onTop: { width: 224, height: 60 } };

  it('pushes down what the grown block now runs into, and in turn what that runs into', () => {
    const moves = makeRoom(flow(), measured, { menu: { width: 224, height: 260 } });
    const at = Object.fromEntries(moves.map((m) => [m.id, m.position]));
    expect(at.ask).toEqual({ x: 0, y: 288 }); // 0 + 260 + 24 = 284, on the 8 px grid
    expect(at.bye.y).toBeGreaterThanOrEqual(288 + 120 + ROOM_GAP);
    expect(Object.keys(at).sort()).toEqual(['ask', 'bye']); // 'side' is beside it, 'start' and 'onTop' were already overlapping
  });

  it('moves nothing when the growth runs into nothing', () => {
    expect(makeRoom(flow(), measured, { menu: { width: 224, height: 160 } })).toEqual([]);
  });

  it('the push is part of the edit that made the block grow: one undo takes both back', () => {
    const store = createStudioStore(flow());
    store.getState().dispatch({ type: 'set_block_field', id: 'menu', path: ['options'], value: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] }, { label: 'Edit menu' });
    store.getState().dispatch({ type: 'move_blocks', moves: makeRoom(store.getState().flow, measured, { menu: { width: 224, height: 260 } }) }, { label: 'Make room', attachToLast: true });
    expect(store.getState().past).toHaveLength(1);
    expect(store.getState().flow.blocks.find((b) => b.id === 'ask')!.position).toEqual({ x: 0, y: 288 });
    store.getState().undo();
    const f = store.getState().flow;
    expect(f.blocks.find((b) => b.id === 'ask')!.position).toEqual({ x: 0, y: 180 });
    expect((f.blocks.find((b) => b.id === 'menu')!.data as { options: unknown[] }).options).toHaveLength(1);
  });
});

describe('typing spaces and commas in flow settings (newcomer s6 #1, #2)', () => {
  function setup() {
    const store = renderEditor(tinyFlow());
    return store;
  }

  it('the flow name keeps the spaces typed key by key', async () => {
    const store = setup();
    const input = screen.getByLabelText('Flow name');
    await userEvent.clear(input);
    expect(screen.getByRole('alert')).toHaveTextContent('A flow needs a name; it keeps "Tiny" until you type one.');
    await userEvent.type(input, 'Pet shop helper');
    expect(input).toHaveValue('Pet shop helper');
    expect(store.getState().flow.name).toBe('Pet shop helper');
    await userEvent.type(input, ' two ');
    await userEvent.tab();
    expect(store.getState().flow.name).toBe('Pet shop helper two');
    expect(input).toHaveValue('Pet shop helper two');
  });

  it('comma-separated phrases can be typed key by key: "lawyer, sue you, legal action" is three phrases', async () => {
    const store = setup();
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    const explicit = document.querySelector('[data-signal="explicitRequest"]') as HTMLElement;
    const phrases = within(explicit).getByLabelText(/Phrases/);
    await userEvent.clear(phrases);
    await userEvent.type(phrases, 'speak to a human, manager');
    expect(phrases).toHaveValue('speak to a human, manager');
    expect((store.getState().flow.escalation as { explicitRequest: { phrases: string[] } }).explicitRequest.phrases).toEqual(['speak to a human', 'manager']);
    const urgency = document.querySelector('[data-signal="urgency"]') as HTMLElement;
    const extra = within(urgency).getByLabelText('Extra urgent phrases');
    await userEvent.type(extra, 'lawyer, sue you, legal action');
    expect(extra).toHaveValue('lawyer, sue you, legal action');
    await userEvent.tab();
    expect((store.getState().flow.escalation as { urgency: { phrases: string[] } }).urgency.phrases).toEqual(['lawyer', 'sue you', 'legal action']);
  });

  it('and in the block inspector: Agents allowed "ann, bob" is two agents (newcomer s6 #1b)', async () => {
    const store = setup();
    act(() => store.getState().select(['agent']));
    const agents = await screen.findByLabelText('Agents allowed');
    await userEvent.type(agents, 'ann, bob');
    expect(agents).toHaveValue('ann, bob');
    expect((store.getState().flow.blocks.find((b) => b.id === 'agent')!.data as { agents: string[] }).agents).toEqual(['ann', 'bob']);
  });
});

describe('Find a block (newcomer s6 #7)', () => {
  it('lists the block whose name matches before blocks that only mention the words', async () => {
    const store = createStudioStore(sampleFlow());
    const picked: string[] = [];
    render(
      <StudioStoreProvider store={store}>
        <FindDialog onClose={() => undefined} onPick={(id) => picked.push(id)} />
      </StudioStoreProvider>,
    );
    const input = screen.getByRole('textbox', { name: 'Find a block' });
    await userEvent.type(input, 'Customer service');
    const options = screen.getAllByRole('option');
    expect(options.length).toBeGreaterThan(1); // other blocks mention customer service in their texts
    expect(options[0]).toHaveTextContent('Customer service team');
    await userEvent.keyboard('{Enter}');
    expect(store.getState().flow.blocks.find((b) => b.id === picked[0])!.kind).toBe('human_takeover');
  });
});

describe('the simulator on a flow whose first blocks are still empty (newcomer s6 #6)', () => {
  it('says why the bot said nothing and links the blocks it went through', async () => {
    const flow = validateFlow({
      version: 1,
      id: 'empty',
      name: 'Empty',
      blocks: [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'message-1', kind: 'message', position: { x: 300, y: 0 }, data: { text: '' } },
        { id: 'question-1', kind: 'question', position: { x: 600, y: 0 }, data: { text: '', variable: 'x' } },
      ],
      edges: [
        { id: 'e1', from: 'start', exit: 'next', to: 'message-1' },
        { id: 'e2', from: 'message-1', exit: 'next', to: 'question-1' },
      ],
      variables: [{ name: 'x', type: 'string' }],
    }).flow!;
    const focused: string[] = [];
    render(
      <StudioStoreProvider store={createStudioStore(flow)}>
        <SimulatorPanel onClose={() => {}} onFocusBlock={(id) => focused.push(id)} storage={null} overlay={false} />
      </StudioStoreProvider>,
    );
    const note = await screen.findByText(/The bot has said nothing yet/);
    expect(note).toHaveTextContent(/start → message-1 → question-1/);
    fireEvent.click(within(note).getByRole('button', { name: 'message-1' }));
    expect(focused).toEqual(['message-1']);
  });
});

describe('Export names both files it saves (newcomer s6 #9)', () => {
  it('says the scenarios file comes too and belongs beside the flow for baton test', async () => {
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const store = createStudioStore(tinyFlow());
    const api = { exportFlow: async () => ({ fileName: 'tiny.json', text: '{}', warnings: [], scenarios: { fileName: 'tiny.scenarios.json', text: '{}', count: 2 } }) } as unknown as StudioApi;
    render(
      <StudioStoreProvider store={store}>
        <ExportButton flowId="tiny" api={api} />
      </StudioStoreProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Export flow' }));
    expect(store.getState().notice).toMatchObject({ tone: 'info' });
    expect(store.getState().notice?.text).toMatch(/^Exported tiny\.json and tiny\.scenarios\.json \(keep them together for baton test\)/);
  });
});

describe('the widget after a handback (newcomer s6 #8)', () => {
  const at = 1_700_000_000_000;
  const entries = [
    { id: 'c:1', seq: 1, from: 'agent' as const, name: 'Bob', text: 'All sorted, bye!', at: at - 5000 },
    { id: 'c:2', seq: 2, from: 'bot' as const, text: 'Before you go: how would you rate this chat?', buttons: [{ id: '5', label: '5' }], at },
    { id: 'c:3', seq: 3, from: 'system' as const, text: '', status: { mode: 'bot', handoff: { id: 'h', status: 'resolved', reason: 'explicit_request' } }, at },
  ];

  it('says the person left before the bot asks for a rating, naming the agent', async () => {
    expect(inReadingOrder(entries).map((e) => e.seq)).toEqual([1, 3, 2]);
    // A pill of a later step stays where it is.
    expect(inReadingOrder([entries[0], entries[1], { ...entries[2], at: at + 1 }]).map((e) => e.seq)).toEqual([1, 2, 3]);
    const client: ChatClient = {
      start: async () => ({ conversationId: 'c', token: 't', mode: 'bot', messages: entries, lastSeq: 3, resumed: true }),
      restart: async () => { throw new Error('not used'); },
      send: async () => { throw new Error('not used'); },
      typing: async () => undefined,
      catchUp: async () => ({ mode: 'bot', messages: [], lastSeq: 3 }),
      listen: (_s, _a, _e, onLink) => (onLink('live'), () => undefined),
    };
    render(<Widget flowId="shop" title="Shop" client={client} />);
    const left = await screen.findByText('Bob marked this chat as resolved'); // session 43: was "Bob has left the chat"
    const rating = screen.getByText(/how would you rate this chat/);
    expect(left.compareDocumentPosition(rating) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});

describe('paste lands in free space (newcomer s6 #13)', () => {
  it('pasted blocks cover no existing block', () => {
    const store = renderEditor(tinyFlow());
    act(() => store.getState().select(['welcome', 'menu']));
    let text = '';
    const copy = new Event('copy', { bubbles: true }) as ClipboardEvent;
    Object.defineProperty(copy, 'clipboardData', { value: { setData: (_t: string, v: string) => (text = v) } });
    act(() => void document.dispatchEvent(copy));
    const before = new Set(store.getState().flow.blocks.map((b) => b.id));
    const paste = new Event('paste', { bubbles: true }) as ClipboardEvent;
    Object.defineProperty(paste, 'clipboardData', { value: { getData: () => text } });
    act(() => void document.dispatchEvent(paste));
    const box = (b: Flow['blocks'][number]) => ({ x: b.position!.x, y: b.position!.y, width: 240, height: 110 });
    const hit = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    const blocks = store.getState().flow.blocks;
    const pasted = blocks.filter((b) => !before.has(b.id));
    expect(pasted).toHaveLength(2);
    for (const p of pasted) for (const o of blocks.filter((b) => before.has(b.id))) expect(hit(box(p), box(o)), `${p.id} on ${o.id}`).toBe(false);
  });
});

describe('N adds a sticky note ready to type in (newcomer s6 #25)', () => {
  it('what is typed after N goes into the note; its "n"s add no more notes', async () => {
    const store = renderEditor(tinyFlow());
    fireEvent.keyDown(window, { key: 'n' });
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-note-editor'));
    await userEvent.keyboard('TODO: ask marketing for the welcome text');
    const notes = (store.getState().flow as { notes?: { text: string }[] }).notes ?? [];
    expect(notes.map((n) => n.text)).toEqual(['TODO: ask marketing for the welcome text']);
  });
});

describe('hot-lead and urgency rules read as words (newcomer s6 #18)', () => {
  it('operators in words; a new rule without a value says it never matches', async () => {
    const store = renderEditor(tinyFlow());
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    const hot = document.querySelector('[data-signal="hotLead"]') as HTMLElement;
    if (!within(hot).queryByRole('button', { name: /Add rule/ })) fireEvent.click(within(hot).getByRole('checkbox'));
    fireEvent.click(within(hot).getByRole('button', { name: /Add rule/ }));
    const op = within(hot).getByLabelText('Rule 1 operator') as HTMLSelectElement;
    expect([...op.options].map((o) => o.text)).toEqual(expect.arrayContaining(['is', 'is at least', 'is not set', 'is within (minutes)']));
    // Session 47 (apisec2): the new rule reads tinyFlow's page-only variable `name`, so the section also says any visitor
    // can set it (page_variable_in_rule): two statuses now, this one among them.
    expect(within(hot).getAllByRole('status').map((s) => s.textContent).join(' | ')).toMatch(/Rule 1 has no value: it compares \S+ with nothing, so it never matches/);
    fireEvent.change(within(hot).getByLabelText('Rule 1 value'), { target: { value: '500' } });
    expect(within(hot).queryByText(/has no value/)).toBeNull();
  });
});

describe('a studio restarted under an open page (newcomer s6 #17)', () => {
  it('says so across the editor with what to do, not only in the status tooltip', () => {
    render(<SaveStatus status="offline" error="The studio server does not recognise this page (it was restarted)." hint="Your edits are kept in this browser; open the new link the studio printed." />);
    expect(screen.getByRole('alert')).toHaveTextContent('The studio was restarted. This page can no longer save: open the new link the studio printed in its terminal');
  });

  it('a plain network blip shows no banner', () => {
    render(<SaveStatus status="offline" error="The studio server cannot be reached." />);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('two flows with one name on the home screen (newcomer s6 #14)', () => {
  it('are told apart by their ids', async () => {
    const home = await mkdtemp(join(tmpdir(), 'baton-twins-'));
    const studio = await startStudioServer({ home, port: 0 });
    try {
      const api = createStudioApi({ baseUrl: studio.origin, secret: studio.secret });
      const a = await api.createFlow({ template: 'customer-support' });
      const b = await api.createFlow({ template: 'customer-support' });
      // New flows get names of their own since fixui s15 (newcomer s14 #2 rest): twins come from a rename.
      await api.saveFlow(b.key, { ...b.flow, name: a.flow.name }, 0);
      await api.createFlow({ name: 'Only one' });
      render(<HomeScreen onOpen={() => undefined} api={api} />);
      const first = await screen.findByRole('button', { name: `Open Northwind Goods customer support (id ${a.flow.id})` }, { timeout: 15_000 });
      const second = screen.getByRole('button', { name: `Open Northwind Goods customer support (id ${b.flow.id})` });
      expect(a.flow.id).not.toBe(b.flow.id);
      expect(first).toHaveTextContent(`id ${a.flow.id}`);
      expect(second).toHaveTextContent(`id ${b.flow.id}`);
      expect(screen.getByRole('button', { name: 'Open Only one' })).not.toHaveTextContent(/· id /);
    } finally {
      await studio.close();
      await rm(home, { recursive: true, force: true });
    }
  });
});
