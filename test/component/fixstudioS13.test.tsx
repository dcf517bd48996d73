// @vitest-environment jsdom
// Session 13 newcomer findings in the studio (fixstudio): N#4 the Problems list; N#9 a read-only window.
import './support/setup';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderEditor } from './support/renderEditor';

const panel = () => screen.queryByRole('region', { name: 'Problems' });
const toggle = () => document.querySelector('.st-problems-toggle') as HTMLElement;

describe('Problems list closes like a popover and says when more are below (newcomer s13 #4)', () => {
  it('closes on Escape, also with a block selected (the editor clears the selection on the same key)', () => {
    const store = renderEditor(undefined, (s) => s.getState().select([s.getState().flow.blocks[1]!.id]));
    fireEvent.click(toggle());
    expect(panel()).not.toBeNull();
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(store.getState().selection).toEqual([]);
    expect(panel()).toBeNull();
  });

  it('closes on a click on the canvas, stays open on a click inside it, and the badge still toggles it', () => {
    renderEditor();
    fireEvent.click(toggle());
    const p = panel()!;
    fireEvent.pointerDown(p.querySelector('header')!);
    expect(panel()).not.toBeNull();
    fireEvent.pointerDown(screen.getByRole('main', { name: 'Canvas' }).querySelector('.react-flow__pane') ?? screen.getByRole('main', { name: 'Canvas' }));
    expect(panel()).toBeNull();
    // Badge: pointerdown then click on it opens it (the outside-click rule does not close and reopen it).
    fireEvent.pointerDown(toggle());
    fireEvent.click(toggle());
    expect(panel()).not.toBeNull();
    fireEvent.pointerDown(toggle());
    fireEvent.click(toggle());
    expect(panel()).toBeNull();
  });

  it('says how many items are below the visible part of the list, and not when all are shown', () => {
    // jsdom has no layout: give the list a 3-item window over 5 items of 60px.
    const proto = HTMLElement.prototype;
    const saved = ['scrollHeight', 'clientHeight', 'offsetTop', 'offsetHeight'].map((k) => [k, Object.getOwnPropertyDescriptor(proto, k)] as const);
    const tall = { on: true };
    Object.defineProperty(proto, 'scrollHeight', { configurable: true, get(this: HTMLElement) { return this.tagName === 'UL' ? this.children.length * 60 : 0; } });
    Object.defineProperty(proto, 'clientHeight', { configurable: true, get(this: HTMLElement) { return this.tagName === 'UL' ? (tall.on ? 180 : this.children.length * 60) : 0; } });
    Object.defineProperty(proto, 'offsetTop', { configurable: true, get(this: HTMLElement) { return this.tagName === 'LI' ? Array.from(this.parentElement!.children).indexOf(this) * 60 : 0; } });
    Object.defineProperty(proto, 'offsetHeight', { configurable: true, get(this: HTMLElement) { return this.tagName === 'LI' ? 60 : 0; } });
    try {
      renderEditor();
      fireEvent.click(toggle());
      const items = within(panel()!).getAllByRole('listitem');
      expect(items.length).toBeGreaterThan(3);
      const more = within(panel()!).getByRole('button', { name: new RegExp(`${items.length - 3} more below`) });
      expect(more).toBeInTheDocument();
      // Scrolled to the end: the hint goes.
      const ul = panel()!.querySelector('ul')!;
      act(() => {
        ul.scrollTop = items.length * 60 - 180;
        fireEvent.scroll(ul);
      });
      expect(within(panel()!).queryByText(/more below/)).toBeNull();
      // All items fit: no hint.
      fireEvent.keyDown(window, { key: 'Escape' });
      tall.on = false;
      fireEvent.click(toggle());
      expect(within(panel()!).queryByText(/more below/)).toBeNull();
    } finally {
      for (const [k, d] of saved) if (d) Object.defineProperty(proto, k, d); else delete (proto as unknown as Record<string, unknown>)[k];
    }
  });
});

describe('a window another window saved over is read-only (newcomer s13 #9)', () => {
  it('disables the palette, the inspector fields and Undo, and says why in the inspector', () => {
    const store = renderEditor(undefined, (s) => {
      s.getState().dispatch({ type: 'set_settings', settings: { language: 'fr' } });
    });
    expect(screen.getByRole('button', { name: 'Undo' })).not.toBeDisabled();
    act(() => store.getState().setReadOnly('Read-only: another tab or window saved this flow, so edits here cannot be saved. Reload to edit the latest version.'));
    expect(screen.getByRole('button', { name: 'Undo' })).toBeDisabled();
    const palette = screen.getByRole('complementary', { name: 'Blocks' });
    for (const b of within(palette).getAllByRole('button')) expect(b).toBeDisabled();
    const inspector = screen.getByRole('complementary', { name: 'Inspector' });
    expect(within(inspector).getByRole('note')).toHaveTextContent(/Read-only: .* Reload/);
    const fields = within(inspector).getAllByRole('textbox');
    expect(fields.length).toBeGreaterThan(0);
    for (const f of fields) expect(f).toBeDisabled();
    // A keyboard edit (Ctrl+Z) changes nothing.
    const flow = store.getState().flow;
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(store.getState().flow).toBe(flow);
  });
});
