// @vitest-environment jsdom
/**
 * Newcomer s13 #1: Flow settings > Escalation > "Hand over to" shows the flow's warning about it under the select.
 * Newcomer s13 #2: the Human takeover's inspector says whether escalations come to it, and "Send escalations here" makes
 * it the target in one undo step.
 */
import './support/setup';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { tinyFlow } from './support/sampleFlow';
import { renderEditor } from './support/renderEditor';

describe('where escalations go, said where the designer looks (newcomer s13 #1, #2)', () => {
  it('Flow settings: the empty Hand over to carries its warning under it', () => {
    renderEditor(tinyFlow());
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    const field = document.querySelector('[data-settings-path="$.escalation.targetBlockId"]') as HTMLElement;
    expect(field).not.toBeNull();
    expect(within(field).getByLabelText('Hand over to')).toHaveValue('');
    expect(field.dataset.tone).toBe('warning');
    expect(within(field).getByRole('status')).toHaveTextContent("Hand over to is empty, so escalations reach no one: choose “Human takeover”");
  });

  it("the takeover's inspector says escalations go nowhere; the button sends them here; undo takes it back", () => {
    const store = renderEditor(tinyFlow(), (s) => s.getState().select(['agent']));
    const note = () => screen.getByTestId('takeover-escalation-note');
    expect(note()).toHaveTextContent('Escalations go nowhere yet (Flow settings > Escalation > Hand over to).');
    fireEvent.click(within(note()).getByRole('button', { name: 'Send escalations here' }));
    expect(store.getState().flow.escalation.targetBlockId).toBe('agent');
    expect(note()).toHaveTextContent('Escalations come here');
    expect(within(note()).queryByRole('button')).toBeNull();
    act(() => store.getState().undo());
    expect(store.getState().flow.escalation.targetBlockId).toBeNull();
  });
});
