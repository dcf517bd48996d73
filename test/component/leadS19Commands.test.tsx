// @vitest-environment jsdom
/**
 * Session 19 (lead): keyboard first (DESIGN.md). The README said "no command palette" and "no moving blocks with the
 * keyboard": Ctrl+K opens a palette of every action, panel and block kind; arrow keys move the selection, a burst of
 * presses being one undo step.
 */
import './support/setup';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderEditor } from './support/renderEditor';

// cmdk scrolls the chosen option into view; jsdom has no layout.
Element.prototype.scrollIntoView ??= function scrollIntoView() {};

const position = (store: ReturnType<typeof renderEditor>, id: string) => store.getState().flow.blocks.find((b) => b.id === id)!.position;

describe('command palette (Ctrl+K)', () => {
  it('finds a block kind by a few letters and adds it; Enter runs, the dialog closes', async () => {
    const store = renderEditor();
    const before = store.getState().flow.blocks.length;
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'Commands' });
    const input = within(dialog).getByRole('combobox');
    await userEvent.type(input, 'csat');
    const options = within(dialog).getAllByRole('option');
    expect(options[0]).toHaveTextContent('Add a CSAT block');
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Commands' })).toBeNull());
    const blocks = store.getState().flow.blocks;
    expect(blocks).toHaveLength(before + 1);
    expect(blocks.at(-1)!.kind).toBe('csat');
  });

  it('lists the editor actions with their shortcuts and runs them (undo)', async () => {
    const store = renderEditor();
    act(() => void store.getState().dispatch({ type: 'move_blocks', moves: [{ id: 'welcome', position: { x: 310, y: 0 } }] }));
    fireEvent.click(screen.getByRole('button', { name: 'Commands' }));
    const dialog = await screen.findByRole('dialog', { name: 'Commands' });
    const undo = within(dialog).getByRole('option', { name: /^Undo/ });
    expect(undo).toHaveTextContent('Ctrl+Z');
    expect(within(dialog).getByRole('option', { name: /Open the simulator/ })).toBeInTheDocument();
    fireEvent.click(undo);
    expect(position(store, 'welcome')).toEqual({ x: 300, y: 0 });
  });
});

describe('arrow keys move the selection', () => {
  it('10 px per press, 50 with Shift; three presses are one undo step; nothing selected: nothing moves', async () => {
    const store = renderEditor(undefined, (s) => s.getState().select(['welcome', 'menu']));
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    fireEvent.keyDown(window, { key: 'ArrowDown', shiftKey: true });
    expect(position(store, 'welcome')).toEqual({ x: 320, y: 50 });
    expect(position(store, 'menu')).toEqual({ x: 620, y: 50 });
    act(() => store.getState().undo());
    expect(position(store, 'welcome')).toEqual({ x: 300, y: 0 });
    expect(position(store, 'menu')).toEqual({ x: 600, y: 0 });
    act(() => store.getState().select([]));
    const flow = store.getState().flow;
    fireEvent.keyDown(window, { key: 'ArrowLeft' });
    expect(store.getState().flow).toBe(flow);
  });

  it('not while typing in a field', async () => {
    const store = renderEditor(undefined, (s) => s.getState().select(['welcome']));
    const field = await screen.findAllByRole('textbox');
    fireEvent.keyDown(field[0], { key: 'ArrowLeft' });
    expect(position(store, 'welcome')).toEqual({ x: 300, y: 0 });
  });
});

describe('Ctrl+K from a text field', () => {
  it('opens the palette (it types nothing there)', async () => {
    renderEditor(undefined, (s) => s.getState().select(['welcome']));
    const field = (await screen.findAllByRole('textbox'))[0];
    fireEvent.keyDown(field, { key: 'k', ctrlKey: true });
    expect(await screen.findByRole('dialog', { name: 'Commands' })).toBeInTheDocument();
  });
});

describe('adding after a block with several exits says which exit (newcomer s19 F17)', () => {
  it('the notice names the exit the new block hangs from', async () => {
    const store = renderEditor(undefined, (s) => s.getState().select(['menu']));
    fireEvent.click(await screen.findByRole('button', { name: /^Message/ }));
    const added = store.getState().flow.blocks.at(-1)!;
    expect(store.getState().flow.edges.some((e) => e.from === 'menu' && e.exit === 'b' && e.to === added.id)).toBe(true);
    expect(store.getState().notice?.text).toBe('Message added after “Buttons”, on its exit “Beta”. To use another exit, drag from it to the new block.');
  });

  it('a block with one exit says nothing more', async () => {
    const store = renderEditor(undefined, (s) => s.getState().select(['welcome']));
    const before = store.getState().notice;
    fireEvent.click(await screen.findByRole('button', { name: /^Question/ }));
    expect(store.getState().flow.blocks.at(-1)!.kind).toBe('question');
    expect(store.getState().notice).toBe(before);
  });
});

describe('arrow keys from the canvas (review s19 R14)', () => {
  it('a focused block on the canvas moves with the arrows', async () => {
    const store = renderEditor(undefined, (s) => s.getState().select(['welcome']));
    const node = await waitFor(() => {
      const n = document.querySelector('.react-flow__node[data-id="welcome"]') as HTMLElement | null;
      if (!n) throw new Error('no node yet');
      return n;
    });
    fireEvent.keyDown(node, { key: 'ArrowUp' });
    expect(position(store, 'welcome')).toEqual({ x: 300, y: -10 });
  });
});

describe('command palette ranking (newcomer s39 N19)', () => {
  it('"date" offers the Question block first and not "Show the problems list" (its keyword "validate")', async () => {
    renderEditor();
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'Commands' });
    await userEvent.type(within(dialog).getByRole('combobox'), 'date');
    const options = within(dialog).getAllByRole('option');
    expect(options[0]).toHaveTextContent('Add a Question block');
    expect(options.map((o) => o.textContent)).not.toContainEqual(expect.stringContaining('problems list'));
  });
});
