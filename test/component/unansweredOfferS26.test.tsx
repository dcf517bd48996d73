// @vitest-environment jsdom
/**
 * Session 26 (lead; newcomer s26 F16): Flow settings › Escalation › Repeated fallback shows how many unanswered clear
 * shop questions lead to an offer of a person (escalation.repeatedFallback.offerAfterUnanswered; absent: 3, 0: never),
 * explained, and an edit goes into the flow.
 */
import './support/setup';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderEditor } from './support/renderEditor';

describe('Flow settings: offer a person after unanswered questions', () => {
  it('is a field of Repeated fallback, explained, and an edit goes into the flow', () => {
    const store = renderEditor();
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    const field = screen.getByLabelText(/^Offer a person after unanswered questions/) as HTMLInputElement;
    expect(store.getState().flow.escalation.repeatedFallback.offerAfterUnanswered).toBeUndefined();
    expect(field).toHaveAccessibleDescription(/Empty: 3; 0: never/);
    fireEvent.change(field, { target: { value: '2' } });
    expect(store.getState().flow.escalation.repeatedFallback.offerAfterUnanswered).toBe(2);
    fireEvent.change(field, { target: { value: '0' } });
    expect(store.getState().flow.escalation.repeatedFallback.offerAfterUnanswered).toBe(0);
  });
});
