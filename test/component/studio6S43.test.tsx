// @vitest-environment jsdom
/**
 * Session 43 (studio6), newcomer s43:
 *  - N1: a direction override (U+202E) in ANY stored text (a Message, a button label, an escalation phrase, a
 *    variable's default) is warned about on the block / the Flow settings field, with "Remove the hidden direction
 *    characters" (one undo step).
 *  - N5: a Question-like block with nothing on its Next exit (unwired_exit) offers "Add an End block"; a block reached
 *    from a Problems row shows its own problem list open even with more than two problems.
 *  - N2: automatic layout of a long chain wraps into rows (read like lines of text) instead of one row 100,000 px wide.
 */
import './support/setup';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';
import { problemFix } from '../../renderer/studio/editor/problemFix';
import { autoLayoutEdit, wrapLongLayout } from '../../renderer/studio/editor/autoLayout';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { tinyFlow } from './support/sampleFlow';
import { renderEditor } from './support/renderEditor';

const RLO = '\u202E';
const PDF = '\u202C';

function withHidden(): Flow {
  const flow = tinyFlow();
  const blocks = flow.blocks.map((b) =>
    b.id === 'welcome'
      ? { ...b, data: { ...b.data, text: `Welcome to Spokes ${RLO}evil${PDF} bike shop!` } }
      : b.id === 'menu'
        ? { ...b, data: { ...b.data, options: [{ id: 'a', label: `Al${RLO}pha` }, { id: 'b', label: 'Beta' }] } }
        : b,
  ) as Flow['blocks'];
  const escalation = { ...flow.escalation, explicitRequest: { ...flow.escalation.explicitRequest, phrases: ['speak to Sam', `talk to ${RLO}a human`] } };
  const variables = [{ name: 'name', type: 'string' as const, default: `Gu${RLO}est` }];
  return validateFlow({ ...flow, blocks, escalation, variables }).flow!;
}

describe('studio6 s43 N1: hidden direction characters in every stored text', () => {
  it('are warned about in a Message, a button label, an escalation phrase and a variable default, each at its path', () => {
    const problems = validateFlow(withHidden()).problems.filter((p) => p.code === 'text_direction');
    expect(problems.map((p) => [p.path, p.blockId])).toEqual([
      ['$.blocks[1].data.text', 'welcome'],
      ['$.blocks[2].data.options[0].label', 'menu'],
      ['$.variables[0].default', null],
      ['$.escalation.explicitRequest.phrases[1]', null],
    ]);
    // Session 44 (ui8, N5): plain words, not the "\u202e" escape or the document path.
    expect(problems[0].message).toContain('hidden direction character (right-to-left override, U+202E)');
    expect(problems[1].message).toMatch(/^Option 1's label of block/);
    expect(problems[2].message).toMatch(/^The flow's variable 1's default/);
    expect(problems[3].message).toMatch(/^Flow settings › Escalation › Explicit request phrase 2 /);
    expect(problems[0].message).toMatch(/another order than they were typed/);
    // A clean flow and plain right-to-left marks / Hebrew text: nothing.
    expect(validateFlow(tinyFlow()).problems.filter((p) => p.code === 'text_direction')).toEqual([]);
    const rtl = tinyFlow();
    const hebrew = validateFlow({ ...rtl, blocks: rtl.blocks.map((b) => (b.id === 'welcome' ? { ...b, data: { text: 'שלום\u200F world' } } : b)) });
    expect(hebrew.problems.filter((p) => p.code === 'text_direction')).toEqual([]);
  });

  it('the fix removes them from the block, or from the escalation policy / variables, in one undo step', () => {
    const flow = withHidden();
    const store = createStudioStore(flow);
    const [msg, , variable, phrase] = validateFlow(flow).problems.filter((p) => p.code === 'text_direction');
    for (const p of [msg, phrase, variable]) {
      const fix = problemFix(store.getState().flow, {}, p)!;
      expect(fix.label).toBe('Remove the hidden direction characters');
      expect(store.getState().dispatch(fix.edit, { label: fix.label })).toBeTruthy();
    }
    const f = store.getState().flow;
    expect((f.blocks[1].data as { text: string }).text).toBe('Welcome to Spokes evil bike shop!');
    expect(f.escalation.explicitRequest.phrases).toEqual(['speak to Sam', 'talk to a human']);
    expect(f.variables[0].default).toBe('Guest');
    // The menu's label was not in the fixed block: still warned about.
    expect(validateFlow(f).problems.filter((p) => p.code === 'text_direction').map((p) => p.blockId)).toEqual(['menu']);
    act(() => store.getState().undo());
    expect(store.getState().flow.variables[0].default).toBe(`Gu${RLO}est`);
  });

  it('the inspector shows the warning with its button; one click clears it', () => {
    const store = renderEditor(withHidden(), (s) => s.getState().select(['welcome']));
    const inspector = screen.getByTestId('block-inspector');
    const list = within(inspector).getByRole('list', { name: 'Problems in this block' });
    expect(list).toHaveTextContent('hidden direction character');
    fireEvent.click(within(list).getByRole('button', { name: 'Remove the hidden direction characters' }));
    expect((store.getState().flow.blocks[1].data as { text: string }).text).toBe('Welcome to Spokes evil bike shop!');
    expect(within(inspector).queryByText(/hidden direction character \(/)).toBeNull();
  });
});

describe('studio6 s43 N5: Add an End block on a Next exit; the block reached from Problems shows its problems', () => {
  function questionLoose(): Flow {
    const flow = tinyFlow();
    return validateFlow({
      ...flow,
      blocks: [...flow.blocks, { id: 'ask', kind: 'question', position: { x: 300, y: 400 }, data: { text: 'Your email?', variable: 'name' } }],
      edges: [...flow.edges, { id: 'e8', from: 'welcome', exit: 'next', to: 'ask' }].filter((e) => e.id !== 'e2'),
    }).flow!;
  }

  it("a Question's unwired Next exit gets the button; the End block is connected from that exit", () => {
    const flow = questionLoose();
    const problem = validateFlow(flow).problems.find((p) => p.blockId === 'ask' && p.code === 'unwired_exit')!;
    expect(problem).toBeDefined();
    const store = createStudioStore(flow);
    const fix = problemFix(flow, {}, problem)!;
    expect(fix.label).toBe('Add an End block');
    store.getState().dispatch(fix.edit, { label: fix.label });
    const f = store.getState().flow;
    const e = f.edges.find((x) => x.from === 'ask' && x.exit === 'next')!;
    expect(f.blocks.find((b) => b.id === e.to)?.kind).toBe('end');
    expect(validateFlow(f).problems.some((p) => p.blockId === 'ask' && p.code === 'unwired_exit')).toBe(false);
  });

  it('a Problems row opens the block with its own problem list open (more than two problems)', () => {
    const flow = withHidden();
    // The menu: an unwired option, a hidden character and the takeover exits elsewhere: give it three of its own.
    const menu = flow.blocks.find((b) => b.id === 'menu')!;
    (menu.data as { text: string }).text = `Pick ${RLO}one`;
    const many = validateFlow({ ...flow, blocks: flow.blocks.map((b) => (b.id === 'menu' ? { ...menu, label: `M${RLO}enu` } : b)) }).flow!;
    const mine = validateFlow(many).problems.filter((p) => p.blockId === 'menu');
    expect(mine.length).toBeGreaterThan(2);
    renderEditor(many);
    fireEvent.click(document.querySelector('.st-problems-toggle') as HTMLElement);
    const panel = screen.getByRole('region', { name: 'Problems' });
    const row = within(panel).getAllByRole('listitem').find((li) => li.querySelector('[title="Block id: menu"]') !== null)!;
    fireEvent.click(within(row).getAllByRole('button')[0]);
    const details = screen.getByTestId('block-inspector').querySelector('details.st-inspector-problems') as HTMLDetailsElement;
    expect(details.open).toBe(true);
  });
});

describe('studio6 s43 N2: automatic layout wraps a long chain into rows', () => {
  function chain(n: number): Flow {
    const blocks: unknown[] = [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} }];
    const edges: unknown[] = [];
    let prev = 'start';
    for (let i = 1; i <= n; i++) {
      blocks.push({ id: `m${i}`, kind: 'message', position: { x: i * 300, y: 0 }, data: { text: `Message ${i}` } });
      edges.push({ id: `e${i}`, from: prev, exit: 'next', to: `m${i}` });
      prev = `m${i}`;
    }
    return validateFlow({ version: 1, id: 'long', name: 'Long', blocks, edges }).flow!;
  }

  it('a 61-block chain: rows read left to right, the next row below starting at the left, about the canvas shape, no overlap', async () => {
    const flow = chain(60);
    const edit = (await autoLayoutEdit(flow, {}, { aspectRatio: 1.6 })) as unknown as { edits: [{ moves: { id: string; position: { x: number; y: number } }[] }] };
    const at = new Map(edit.edits[0].moves.map((m) => [m.id, m.position]));
    const xs = [...at.values()].map((p) => p.x);
    const ys = [...at.values()].map((p) => p.y);
    const width = Math.max(...xs) - Math.min(...xs) + 260;
    const height = Math.max(...ys) - Math.min(...ys) + 120;
    expect(new Set(ys).size).toBeGreaterThan(2);
    expect(width / height).toBeGreaterThan(0.8);
    expect(width / height).toBeLessThan(3.2);
    // Reading order: within a row x grows; a new row is below the previous one and starts at the left edge.
    const order = ['start', ...Array.from({ length: 60 }, (_, i) => `m${i + 1}`)].map((id) => at.get(id)!);
    for (let i = 1; i < order.length; i++) {
      if (order[i].y === order[i - 1].y) expect(order[i].x).toBeGreaterThan(order[i - 1].x);
      else {
        expect(order[i].y).toBeGreaterThan(order[i - 1].y);
        expect(order[i].x).toBe(Math.min(...xs));
      }
    }
    const rects = [...at.values()];
    for (let i = 0; i < rects.length; i++)
      for (let j = i + 1; j < rects.length; j++) {
        const a = rects[i];
        const b = rects[j];
        expect(a.x < b.x + 260 && b.x < a.x + 260 && a.y < b.y + 120 && b.y < a.y + 120).toBe(false);
      }
  });

  it('wrapLongLayout leaves a layout that is not far wider than tall (or has few layers) as it is', () => {
    const size = () => ({ width: 260, height: 120 });
    const short = Array.from({ length: 8 }, (_, i) => ({ id: `b${i}`, x: i * 340, y: 0 }));
    expect(wrapLongLayout(short, size, 1.6)).toBe(short);
    const tall = Array.from({ length: 20 }, (_, i) => ({ id: `b${i}`, x: (i % 14) * 340, y: Math.floor(i / 14) * 900 + (i % 3) * 200 }));
    expect(wrapLongLayout(tall, size, 1.6)).toBe(tall);
  });
});
