// @vitest-environment jsdom
/**
 * Session 36 (newcomer s35, cosmetic): the flow name in the editor's top bar was a plain heading; clicking it did
 * nothing (renaming was only in Flow settings › General). Now it renames in place, as in Landbot and Typebot: click,
 * type, Enter saves (one undo step), Escape cancels, a name the flow cannot have is explained and not saved.
 */
import './support/setup';
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { refusedFields } from '../../renderer/ui/refusedFields';
import { renderEditor } from './support/renderEditor';
import { sampleFlow } from './support/sampleFlow';

function renderFlow(over: Partial<ReturnType<typeof sampleFlow>> = {}) {
  const flow = { ...sampleFlow(), ...over };
  return { store: renderEditor(flow), name: flow.name };
}
const topbar = () => document.querySelector('.st-topbar') as HTMLElement;
const title = (name: string) => screen.getByRole('button', { name: `Flow name: ${name}. Rename` });
const box = () => screen.getByRole('textbox', { name: 'New flow name' }) as HTMLInputElement;

describe('the flow name in the top bar renames in place', () => {
  it('click, type, Enter: renamed, one undo step, the heading shows the new name', () => {
    const { store, name } = renderFlow();
    fireEvent.click(title(name));
    expect(box().value).toBe(name);
    fireEvent.change(box(), { target: { value: '  Newcomer Shop  ' } });
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(store.getState().flow.name).toBe('Newcomer Shop');
    expect(screen.queryByRole('textbox', { name: 'New flow name' })).toBeNull();
    expect(topbar()).toHaveTextContent('Newcomer Shop');
    expect(document.activeElement).toBe(title('Newcomer Shop'));
    act(() => store.getState().undo());
    expect(store.getState().flow.name).toBe(name);
    expect(title(name)).toBeInTheDocument();
  });

  it('Escape cancels: the name stays, nothing to undo', () => {
    const { store, name } = renderFlow();
    const undoable = store.getState().past.length;
    fireEvent.click(title(name));
    fireEvent.change(box(), { target: { value: 'Something else' } });
    fireEvent.keyDown(box(), { key: 'Escape' });
    expect(store.getState().flow.name).toBe(name);
    expect(store.getState().past.length).toBe(undoable);
    expect(title(name)).toBeInTheDocument();
  });

  it('an empty or too long name is explained, not saved; the box stays open until it is fixed or left', () => {
    const { store, name } = renderFlow();
    fireEvent.click(title(name));
    fireEvent.change(box(), { target: { value: '   ' } });
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(box()).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent(`A flow needs a name: type one, or press Escape to keep "${name}".`);
    expect(refusedFields().map((f) => f.label)).toContain('Flow name');
    expect(store.getState().flow.name).toBe(name);
    fireEvent.change(box(), { target: { value: 'x'.repeat(201) } });
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(screen.getByRole('alert')).toHaveTextContent('A flow name has at most 200 characters; this one has 201.');
    expect(store.getState().flow.name).toBe(name);
    // Leaving the box with a name the flow cannot have keeps the old name.
    fireEvent.blur(box());
    expect(store.getState().flow.name).toBe(name);
    expect(refusedFields().map((f) => f.label)).not.toContain('Flow name');
    // Leaving it with a good name saves it (as Typebot's title does).
    fireEvent.click(title(name));
    fireEvent.change(box(), { target: { value: 'Shop bot' } });
    fireEvent.blur(box());
    expect(store.getState().flow.name).toBe('Shop bot');
  });

  it("session 39 (newcomer s39 N1): a blank flow's placeholder id follows its new name, in the same undo step", () => {
    const { store } = renderFlow({ id: 'untitled-flow-2', name: 'Untitled flow (2)' });
    fireEvent.click(title('Untitled flow (2)'));
    fireEvent.change(box(), { target: { value: 'Callback booking bot' } });
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(store.getState().flow).toMatchObject({ name: 'Callback booking bot', id: 'callback-booking-bot' });
    // A second rename keeps the id now that it names the flow (it may be in an embed code already).
    fireEvent.click(title('Callback booking bot'));
    fireEvent.change(box(), { target: { value: 'Callbacks' } });
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(store.getState().flow).toMatchObject({ name: 'Callbacks', id: 'callback-booking-bot' });
    act(() => store.getState().undo());
    act(() => store.getState().undo());
    expect(store.getState().flow).toMatchObject({ name: 'Untitled flow (2)', id: 'untitled-flow-2' });
  });

  it('a chosen or template id never follows the name', () => {
    const { store, name } = renderFlow();
    const id = store.getState().flow.id;
    fireEvent.click(title(name));
    fireEvent.change(box(), { target: { value: 'Renamed shop' } });
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(store.getState().flow).toMatchObject({ name: 'Renamed shop', id });
  });

  it('read-only: a plain heading, nothing to click', () => {
    const { store, name } = renderFlow();
    act(() => store.getState().setReadOnly('Another tab has this flow open.'));
    expect(screen.queryByRole('button', { name: `Flow name: ${name}. Rename` })).toBeNull();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(name);
  });
});
