// @vitest-environment jsdom
/**
 * Session 27 (convo; session 26 review): Flow settings › Escalation › Repeated fallback's "Offer a person after
 * unanswered questions" showed an empty box while its default of 3 applied (only its help said so). The box now shows
 * "3 (default)" as its placeholder while empty, and emptying a value typed there goes back to the default (it was
 * refused with "Enter a number." and the old value kept).
 */
import './support/setup';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderEditor } from './support/renderEditor';
import { DEFAULT_OFFER_AFTER_UNANSWERED } from '../../shared/engine/shopQuestion';

const field = () => screen.getByLabelText(/^Offer a person after unanswered questions/) as HTMLInputElement;

describe('Flow settings: the default of "Offer a person after unanswered questions" is shown', () => {
  it('empty: the placeholder says "3 (default)"; a value replaces it', () => {
    const store = renderEditor();
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    expect(field().value).toBe('');
    expect(field().placeholder).toBe(`${DEFAULT_OFFER_AFTER_UNANSWERED} (default)`);
    fireEvent.change(field(), { target: { value: '5' } });
    expect(field().value).toBe('5');
    expect(store.getState().flow.escalation.repeatedFallback.offerAfterUnanswered).toBe(5);
  });

  it('emptied again: back to the default (no "Enter a number."), the placeholder shows it', () => {
    const store = renderEditor();
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    fireEvent.change(field(), { target: { value: '2' } });
    fireEvent.change(field(), { target: { value: '' } });
    expect(store.getState().flow.escalation.repeatedFallback.offerAfterUnanswered).toBeUndefined();
    expect(screen.queryByText('Enter a number.')).toBeNull();
    expect(field().placeholder).toBe('3 (default)');
  });

  it('a required number emptied is still refused (Repeated fallback › Fallbacks)', () => {
    const store = renderEditor();
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    const before = store.getState().flow.escalation.repeatedFallback.count;
    const count = screen.getByLabelText(/^Fallbacks/) as HTMLInputElement;
    fireEvent.change(count, { target: { value: '' } });
    expect(screen.getByText('Enter a number.')).toBeTruthy();
    expect(store.getState().flow.escalation.repeatedFallback.count).toBe(before);
  });
});
