// @vitest-environment jsdom
/**
 * Session 13 review debt: the Human takeover's lead-in sentences ("I don't think I can help with this myself, so I'll
 * get a person for you.") are block settings, shown in the inspector's Default and Custom tabs right after the block's
 * other texts (Handoff message, Agent joined message), so a designer can edit and translate them. One edit, one undo.
 */
import './support/setup';
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../shared/flow/schema';
import { DEFAULT_LEAD_IN } from '../../shared/flow/blocks/humanTakeover';
import { tinyFlow } from './support/sampleFlow';
import { renderEditor } from './support/renderEditor';

function setup() {
  const store = renderEditor(tinyFlow(), (s) => s.getState().select(['agent']));
  const data = () => (store.getState().flow.blocks.find((b) => b.id === 'agent')! as Block & { data: Record<string, any> }).data;
  return { store, data };
}

describe('Human takeover inspector: the lead-in texts (s13)', () => {
  it('Simple hides them (Simple asks nothing); Custom shows the four texts after the other texts, with the old sentences', async () => {
    const user = userEvent.setup();
    setup();
    const inspector = screen.getByTestId('block-inspector');
    expect(within(inspector).queryByText('Before the first question')).toBeNull();
    await user.click(within(inspector).getByRole('tab', { name: 'Custom' }));
    const panel = within(inspector).getByRole('tabpanel');
    expect(panel).toHaveTextContent('Before the first question');
    const misunderstood = within(panel).getByLabelText('When the bot did not understand');
    expect(misunderstood).toHaveValue(DEFAULT_LEAD_IN.misunderstood);
    expect(within(panel).getByLabelText('When the customer asked for a person')).toHaveValue(DEFAULT_LEAD_IN.asked);
    expect(within(panel).getByLabelText('When the bot escalated')).toHaveValue(DEFAULT_LEAD_IN.escalated);
    expect(within(panel).getByLabelText('When the flow led here')).toHaveValue(DEFAULT_LEAD_IN.flow);
    // Next to the block's other texts: right after "Agent joined message" in the panel's order.
    const text = panel.textContent ?? '';
    expect(text.indexOf('Agent joined message')).toBeGreaterThan(-1);
    expect(text.indexOf('Before the first question')).toBeGreaterThan(text.indexOf('Agent joined message'));
    expect(text.indexOf('Before the first question')).toBeLessThan(text.indexOf('Agents allowed'));
  });

  it('typing a translation writes it to the block; undo brings the default back', async () => {
    const user = userEvent.setup();
    const { store, data } = setup();
    const inspector = screen.getByTestId('block-inspector');
    await user.click(within(inspector).getByRole('tab', { name: 'Default' }));
    const before = store.getState().past.length;
    const field = within(within(inspector).getByRole('tabpanel')).getByLabelText('When the bot did not understand');
    fireEvent.change(field, { target: { value: 'Je ne peux pas vous aider moi-même : je vous passe une personne.' } });
    expect(data().leadIn).toEqual({ ...DEFAULT_LEAD_IN, misunderstood: 'Je ne peux pas vous aider moi-même : je vous passe une personne.' });
    expect(store.getState().past.length).toBe(before + 1);
    act(() => store.getState().undo());
    expect(data().leadIn.misunderstood).toBe(DEFAULT_LEAD_IN.misunderstood);
  });
});
