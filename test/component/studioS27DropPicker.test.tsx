// @vitest-environment jsdom
/**
 * Session 27 (studio), newcomer s26 F15: a connection dropped on empty canvas opens a block picker there; the chosen
 * block is added at the drop point, connected from that exit, in one undo step. (The drag itself: test/e2e/studioS27Canvas.)
 */
import './support/setup';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DropPicker } from '../../renderer/studio/canvas/DropPicker';
import { addConnectedEdit } from '../../renderer/studio/canvas/insertBlock';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { tinyFlow } from './support/sampleFlow';

describe('F15: a connection dropped on empty canvas', () => {
  it('the picker filters as one types, picks with Enter, closes on Escape', () => {
    const onPick = vi.fn();
    const onClose = vi.fn();
    render(<DropPicker left={100} top={100} title="after “Human takeover”, on its exit “No agent”" onPick={onPick} onClose={onClose} />);
    const dialog = screen.getByRole('dialog', { name: 'Add a block here' });
    expect(dialog).toHaveTextContent('Add a block after “Human takeover”, on its exit “No agent”');
    expect(screen.getByLabelText('Search blocks to add')).toHaveFocus();
    fireEvent.change(screen.getByLabelText('Search blocks to add'), { target: { value: 'ticket' } });
    expect(within(dialog).getAllByRole('option').map((o) => o.textContent)).toEqual(['Ticket']);
    fireEvent.keyDown(dialog, { key: 'Enter' });
    expect(onPick).toHaveBeenCalledWith(expect.objectContaining({ kind: 'ticket' }));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });

  it('the chosen block is added at the drop point, connected from that exit, and one undo takes both back', () => {
    const store = createStudioStore(tinyFlow());
    const { edit, id, replaced } = addConnectedEdit(store.getState().flow, 'agent', 'no_agent', 'ticket', { x: 1200, y: 240 }, 'Ticket');
    expect(replaced).toBeNull();
    expect(store.getState().dispatch(edit)).toBe(true);
    const flow = store.getState().flow;
    expect(flow.blocks.find((b) => b.id === id)).toMatchObject({ kind: 'ticket', position: { x: 1200, y: 240 } });
    expect(flow.edges.filter((e) => e.from === 'agent')).toEqual([expect.objectContaining({ exit: 'no_agent', to: id })]);
    store.getState().undo();
    expect(store.getState().flow.blocks.some((b) => b.id === id)).toBe(false);
    expect(store.getState().flow.edges.some((e) => e.from === 'agent')).toBe(false);
  });

  it('an exit already connected is moved to the new block, and says which block it left', () => {
    const store = createStudioStore(tinyFlow());
    const { edit, id, replaced } = addConnectedEdit(store.getState().flow, 'menu', 'a', 'message', { x: 0, y: 400 }, 'Message');
    expect(replaced).toBe('bye');
    expect(store.getState().dispatch(edit)).toBe(true);
    expect(store.getState().flow.edges.filter((e) => e.from === 'menu')).toEqual([expect.objectContaining({ exit: 'a', to: id })]);
  });
});
