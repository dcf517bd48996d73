// @vitest-environment jsdom
/**
 * Session 27 (studio), newcomer s26 F3 / F6: Flow settings no longer opens with the editor nor stays beside the
 * simulator; a selection opens the inspector; the palette stays (as icons) while the simulator is open.
 */
import './support/setup';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderEditor } from './support/renderEditor';
import { tinyFlow } from './support/sampleFlow';

const main = () => document.querySelector('.st-main') as HTMLElement;

describe('F3 / F6: the side panels do not crowd the canvas', () => {
  it('opens with no inspector; Flow settings opens on its button and closes on its X and on Escape', () => {
    renderEditor(tinyFlow());
    expect(main().dataset.inspector).toBe('closed');
    fireEvent.click(screen.getByRole('button', { name: 'Flow settings' }));
    expect(main().dataset.inspector).toBe('open');
    expect(screen.getByRole('button', { name: 'Flow settings' })).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(screen.getByRole('button', { name: 'Close Flow settings' }));
    expect(main().dataset.inspector).toBe('closed');
    fireEvent.click(screen.getByRole('button', { name: 'Flow settings' }));
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(main().dataset.inspector).toBe('closed');
  });

  it('a selected block opens its inspector; deselecting closes it (Flow settings asked earlier is not shown again)', () => {
    const store = renderEditor(tinyFlow());
    fireEvent.click(screen.getByRole('button', { name: 'Flow settings' }));
    act(() => store.getState().select(['welcome']));
    expect(main().dataset.inspector).toBe('open');
    expect(screen.getByTestId('block-inspector')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Close the inspector' }));
    expect(store.getState().selection).toEqual([]);
    expect(main().dataset.inspector).toBe('closed');
  });

  it('with the simulator open the palette stays, as named icons, and blocks can still be added from it', () => {
    const store = renderEditor(tinyFlow());
    fireEvent.click(screen.getByRole('button', { name: 'Open the simulator' }));
    expect(main().dataset.simulator).toBe('open');
    expect(main().dataset.inspector).toBe('closed');
    const palette = screen.getByRole('complementary', { name: 'Blocks' });
    expect(palette).toHaveAttribute('data-compact', 'true');
    const message = within(palette).getByRole('button', { name: 'Message' });
    expect(message.title).toMatch(/^Message: /);
    const before = store.getState().flow.blocks.length;
    fireEvent.click(message);
    expect(store.getState().flow.blocks.length).toBe(before + 1);
  });
});
