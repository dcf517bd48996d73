// @vitest-environment jsdom
/**
 * Hostile s29 H10: the crisis line said to a customer in crisis when nobody can answer named the UK's Samaritans in
 * every flow and could not be changed. Flow settings > Escalation > Urgency now has "Crisis line"; what is typed there
 * is stored in escalation.urgency.crisisLine (emptied: removed, the built-in line again).
 */
import './support/setup';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { tinyFlow } from './support/sampleFlow';
import { renderEditor } from './support/renderEditor';

describe('Flow settings > Escalation > Urgency > Crisis line (hostile s29 H10)', () => {
  it('is edited under Urgency and stored in the flow', () => {
    const store = renderEditor(tinyFlow());
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    const urgency = document.querySelector('[data-signal="urgency"]') as HTMLElement;
    const field = within(urgency).getByLabelText('Crisis line') as HTMLTextAreaElement;
    expect(field.tagName).toBe('TEXTAREA');
    expect(within(urgency).getByText(/findahelpline\.com/)).toBeTruthy();
    const line = 'Please call 988 (Suicide & Crisis Lifeline, US) or 911 if you are in danger now.';
    fireEvent.change(field, { target: { value: line } });
    fireEvent.blur(field);
    expect(store.getState().flow.escalation.urgency.crisisLine).toBe(line);
  });
});
