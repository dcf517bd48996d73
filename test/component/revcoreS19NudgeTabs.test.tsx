// @vitest-environment jsdom
/**
 * Review s19 (revcore R14): arrow keys belong to the control that has the focus. At 26ea32c an arrow key on the
 * inspector's Assignation tabs (a role="tab" button, not a text field) switches the tab AND moves the selected block on
 * the canvas (a second edit, a second undo step).
 */
import './support/setup';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderEditor } from './support/renderEditor';

describe('arrow keys on a focused control', () => {
  it('move the tab, not the selected block', () => {
    const store = renderEditor(undefined, (s) => s.getState().select(['agent']));
    const before = { ...store.getState().flow.blocks.find((b) => b.id === 'agent')!.position };
    const tabs = screen.getByRole('tablist', { name: 'Assignation' });
    const first = within(tabs).getAllByRole('tab')[0];
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    expect(store.getState().flow.blocks.find((b) => b.id === 'agent')!.position).toEqual(before);
  });
});
