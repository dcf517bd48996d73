// @vitest-environment jsdom
import './support/setup';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../shared/flow/schema';
import { tinyFlow } from './support/sampleFlow';
import { renderEditor } from './support/renderEditor';

/** Question > "Take from the conversation" (newcomer s6 #4): an optional choice the designer can set and clear. */
describe('question inspector: take the answer from the conversation', () => {
  it('starts empty ("No: always ask"), sets an entity kind, and clears it again', () => {
    const flow = tinyFlow();
    flow.blocks.push({ id: 'ask', kind: 'question', position: { x: 600, y: 300 }, data: { text: 'Order number?', variable: 'orderNumber' } } as Block);
    const store = renderEditor(flow, (s) => s.getState().select(['ask']));
    const data = () => (store.getState().flow.blocks.find((b) => b.id === 'ask') as Block & { data: Record<string, unknown> }).data;
    const select = within(screen.getByTestId('block-inspector')).getByLabelText('Take from the conversation') as HTMLSelectElement;
    expect(select.value).toBe('');
    expect(select.selectedOptions[0].textContent).toBe('No: always ask');
    fireEvent.change(select, { target: { value: 'order_id' } });
    expect(data().fromEntity).toBe('order_id');
    fireEvent.change(select, { target: { value: '' } });
    expect(data().fromEntity).toBeUndefined();
    expect(store.getState().flow.blocks.find((b) => b.id === 'ask')).toBeDefined();
  });
});
