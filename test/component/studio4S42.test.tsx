// @vitest-environment jsdom
/**
 * Session 42 (studio4), newcomer s42's second pass on the studio:
 *  - N10: Flow settings › Escalation › Hand over to lists Human takeover blocks by title (the id only to tell apart two
 *    of the same title); the takeover's inspector names the other target by its title.
 *  - N1: a block dropped on a connection is placed at its own kind's size (a Human takeover is 175 px tall, not 110) clear
 *    of an unconnected block below, and a block the moved ones would land on moves with them.
 *  - N5: "Add an End block" is offered beside the "no next block" problem, in the inspector and the Problems list.
 *  - N4: a row of the Problems list closes the list as it selects its block.
 */
import './support/setup';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { insertWithRoomEdit, newBlockSize } from '../../renderer/studio/canvas/insertBlock';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';
import { tinyFlow } from './support/sampleFlow';
import { renderEditor } from './support/renderEditor';

function withTakeovers(labels: (string | undefined)[]): Flow {
  const flow = tinyFlow();
  const extra = labels.slice(1).map((label, i) => ({ id: `agent-${i + 2}`, kind: 'human_takeover', position: { x: 900, y: 400 + i * 200 }, data: {}, ...(label ? { label } : {}) }));
  const first = flow.blocks.find((b) => b.id === 'agent')!;
  return {
    ...flow,
    blocks: [...flow.blocks.map((b) => (b === first && labels[0] ? { ...b, label: labels[0] } : b)), ...extra] as Flow['blocks'],
  };
}

function handOverOptions(): string[] {
  const field = document.querySelector('[data-settings-path="$.escalation.targetBlockId"]') as HTMLElement;
  return [...within(field).getByLabelText('Hand over to').querySelectorAll('option')].map((o) => o.textContent ?? '');
}

describe('studio4 s42 N10: Hand over to names blocks by their titles', () => {
  it('lists each Human takeover by its title, with no id', () => {
    renderEditor(withTakeovers(['Customer service team', 'Billing team']));
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    const options = handOverOptions();
    expect(options).toContain('Customer service team');
    expect(options).toContain('Billing team');
    expect(options.join('|')).not.toMatch(/agent/);
  });

  it('two takeovers of the same title keep their ids to tell them apart', () => {
    renderEditor(withTakeovers([undefined, undefined]));
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    const options = handOverOptions().slice(1);
    expect(options).toEqual(['Human takeover (agent)', 'Human takeover (agent-2)']);
  });

  it("the takeover's inspector names the other target by its title", () => {
    const flow = withTakeovers(['Customer service team', 'Billing team']);
    const store = renderEditor({ ...flow, escalation: { ...flow.escalation, targetBlockId: 'agent' } } as Flow, (s) => s.getState().select(['agent-2']));
    expect(screen.getByTestId('takeover-escalation-note')).toHaveTextContent("Escalations go to 'Customer service team', not here");
    expect(store.getState().flow.escalation.targetBlockId).toBe('agent');
  });
});

function flowOf(doc: unknown): Flow {
  const r = validateFlow({ version: 1, id: 't', name: 'T', variables: [], ...(doc as object) });
  if (!r.flow) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  return r.flow;
}
type R = { x: number; y: number; width: number; height: number };
const overlaps = (a: R, b: R) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('studio4 s42 N1: a block dropped on a connection never lands on another block', () => {
  // The newcomer's blank flow: Start -> Message, a Question dropped below-right, unconnected; a Human takeover dropped on
  // Start -> Message. The takeover is 175 px tall (three exits); it was placed as if 110 px, over the Question.
  const sizes: Record<string, { width: number; height: number }> = { start: { width: 224, height: 68 }, msg: { width: 224, height: 100 }, ask: { width: 224, height: 160 } };
  const realTakeover = { width: 224, height: 175 };
  const rectsAfter = (f: Flow, added: string) => f.blocks.map((b) => ({ id: b.id, ...b.position!, ...(b.id === added ? realTakeover : (sizes[b.id] ?? { width: 240, height: 110 })) }));

  it('a Human takeover inserted above an unconnected Question is placed clear of it (its size by its exits)', () => {
    const flow = flowOf({
      blocks: [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'msg', kind: 'message', position: { x: 320, y: 0 }, data: { text: 'Hello' } },
        { id: 'ask', kind: 'question', position: { x: 280, y: 140 }, data: { text: '', variable: 'answer' } },
      ],
      edges: [{ id: 'e1', from: 'start', exit: 'next', to: 'msg' }],
    });
    expect(newBlockSize(flow, sizes, 'human_takeover').height).toBeGreaterThanOrEqual(realTakeover.height);
    const store = createStudioStore(flow);
    expect(store.getState().dispatch(insertWithRoomEdit(flow, sizes, 'human_takeover', { x: 160, y: 0 }, flow.edges[0])!)).toBeTruthy();
    const f = store.getState().flow;
    const added = f.blocks.find((b) => b.kind === 'human_takeover')!.id;
    const rects = rectsAfter(f, added);
    for (const a of rects) for (const b of rects) if (a.id < b.id) expect(overlaps(a, b), `${a.id} over ${b.id}`).toBe(false);
    expect(f.edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual([`${added}>msg`, `start>${added}`].sort());
  });

  it('a block beside the moved ones (not on the connection) moves with them instead of being covered; one far below does not', () => {
    const flow = flowOf({
      blocks: [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'msg', kind: 'message', position: { x: 320, y: 0 }, data: { text: 'Hello' } },
        { id: 'side', kind: 'message', position: { x: 600, y: 20 }, data: { text: 'Not connected' } },
        { id: 'far', kind: 'message', position: { x: 600, y: 900 }, data: { text: 'Far below' } },
      ],
      edges: [{ id: 'e1', from: 'start', exit: 'next', to: 'msg' }],
    });
    const store = createStudioStore(flow);
    expect(store.getState().dispatch(insertWithRoomEdit(flow, sizes, 'notify', { x: 160, y: 0 }, flow.edges[0])!)).toBeTruthy();
    const f = store.getState().flow;
    const added = f.blocks.find((b) => b.kind === 'notify')!.id;
    const pos = Object.fromEntries(f.blocks.map((b) => [b.id, b.position!]));
    expect(pos.msg.x).toBeGreaterThan(320);
    expect(pos.side.x - 600).toBe(pos.msg.x - 320);
    expect(pos.far).toEqual({ x: 600, y: 900 });
    const rects = f.blocks.map((b) => ({ id: b.id, ...pos[b.id], ...(b.id === added ? newBlockSize(flow, sizes, 'notify') : (sizes[b.id] ?? { width: 240, height: 110 })) }));
    for (const a of rects) for (const b of rects) if (a.id < b.id) expect(overlaps(a, b), `${a.id} over ${b.id}`).toBe(false);
    // One undo takes the insert and every move back.
    store.getState().undo();
    expect(store.getState().flow.blocks.map((b) => b.position)).toEqual(flow.blocks.map((b) => b.position));
  });
});

describe('studio4 s42 N5: the "no next block" problem offers "Add an End block" where it is read', () => {
  // tinyFlow: Welcome -> Menu; Menu's Beta option and the takeover's exits are unwired; nothing has a dead end. A Message
  // with nothing after it has.
  function deadEnd(): Flow {
    const flow = tinyFlow();
    return { ...flow, blocks: [...flow.blocks, { id: 'loose', kind: 'message', position: { x: 300, y: 300 }, data: { text: 'Nothing after me' } }] as Flow['blocks'], edges: [...flow.edges, { id: 'e9', from: 'welcome', exit: 'next', to: 'loose' }].filter((e) => e.id !== 'e9') };
  }

  it('in the inspector: one click adds an End block connected from the block, the problem goes, one undo takes it back', () => {
    const store = renderEditor(deadEnd(), (s) => s.getState().select(['loose']));
    const inspector = screen.getByTestId('block-inspector');
    const problems = within(inspector).getByRole('list', { name: 'Problems in this block' });
    expect(problems).toHaveTextContent('has no next block');
    fireEvent.click(within(problems).getByRole('button', { name: 'Add an End block' }));
    const f = store.getState().flow;
    const end = f.edges.find((e) => e.from === 'loose');
    expect(end).toBeDefined();
    expect(f.blocks.find((b) => b.id === end!.to)?.kind).toBe('end');
    expect(within(inspector).queryByText(/has no next block/)).toBeNull();
    expect(within(inspector).queryByRole('button', { name: 'Add an End block' })).toBeNull();
    act(() => store.getState().undo());
    expect(store.getState().flow.blocks.some((b) => b.id === end!.to)).toBe(false);
  });

  // Session 46 (studio10, newcomer s45 N7): an unwired option gets the button too now (every unconnected exit but Start's).
  it('in the Problems list, under the problem; an unwired option gets one too (session 46), other problems none', () => {
    const store = renderEditor(deadEnd());
    fireEvent.click(document.querySelector('.st-problems-toggle') as HTMLElement);
    const panel = screen.getByRole('region', { name: 'Problems' });
    const rows = within(panel).getAllByRole('listitem');
    const dead = rows.filter((li) => /has no next block/i.test(li.textContent ?? ''));
    const option = rows.filter((li) => /nothing connected to the .* option/i.test(li.textContent ?? ''));
    expect(dead).toHaveLength(1);
    const withFix = rows.filter((li) => within(li).queryByRole('button', { name: 'Add an End block' }));
    expect(withFix).toEqual(expect.arrayContaining([...dead, ...option]));
    // Only rows about an unconnected exit (here also the takeover's Resolved), none about anything else.
    for (const li of withFix) expect(li.textContent).toMatch(/has no next block|nothing connected to/i);
    expect(rows.length).toBeGreaterThan(withFix.length);
    fireEvent.click(within(dead[0]).getByRole('button', { name: 'Add an End block' }));
    expect(store.getState().flow.edges.some((e) => e.from === 'loose')).toBe(true);
    expect(within(screen.getByRole('region', { name: 'Problems' })).queryByText(/has no next block/i)).toBeNull();
  });
});

describe('studio4 s42 N4: a problem clicked in the list closes the list', () => {
  it('selects the block and closes the list', () => {
    const store = renderEditor(tinyFlow());
    fireEvent.click(document.querySelector('.st-problems-toggle') as HTMLElement);
    const panel = screen.getByRole('region', { name: 'Problems' });
    const row = [...panel.querySelectorAll('li > button')].find((b) => b.querySelector('[title="Block id: menu"]')) as HTMLButtonElement;
    fireEvent.click(row);
    expect(store.getState().selection).toEqual(['menu']);
    expect(screen.queryByRole('region', { name: 'Problems' })).toBeNull();
  });
});
