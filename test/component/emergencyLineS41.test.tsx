// @vitest-environment jsdom
/**
 * Session 41 (injury, hostile s40 H2): Flow settings > Escalation > Urgency has "Emergency line", said first to a customer
 * who writes that someone is hurt or ill now; what is typed there is stored in escalation.urgency.emergencyLine.
 */
import './support/setup';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { tinyFlow } from './support/sampleFlow';
import { renderEditor } from './support/renderEditor';

describe('Flow settings > Escalation > Urgency > Emergency line (hostile s40 H2)', () => {
  it('is edited under Urgency and stored in the flow', () => {
    const store = renderEditor(tinyFlow());
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    const urgency = document.querySelector('[data-signal="urgency"]') as HTMLElement;
    const field = within(urgency).getByLabelText('Emergency line') as HTMLTextAreaElement;
    expect(field.tagName).toBe('TEXTAREA');
    expect(within(urgency).getByText(/999 UK, 911 US and Canada/)).toBeTruthy();
    expect(store.getState().flow.escalation.urgency.emergencyLine).toBeUndefined();
    const line = 'Call 911 now and tell the store staff: they can help faster than we can.';
    fireEvent.change(field, { target: { value: line } });
    fireEvent.blur(field);
    expect(store.getState().flow.escalation.urgency.emergencyLine).toBe(line);
  });
});
