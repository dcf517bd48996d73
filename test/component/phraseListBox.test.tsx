// @vitest-environment jsdom
// newcomer s7 #19: a sensitive topic's phrases are edited in a box that grows with the list, not a one-line input.
import './support/setup';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { listRows } from '../../renderer/studio/inspector/FieldEditor';
import { tinyFlow } from './support/sampleFlow';
import { renderEditor } from './support/renderEditor';

describe('phrase lists grow with their text (newcomer s7 #19)', () => {
  it('a 10-phrase topic is shown whole on several lines, and one phrase a line also works', () => {
    const store = renderEditor(tinyFlow());
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    const topics = document.querySelector('[data-signal="sensitiveTopics"]') as HTMLElement;
    fireEvent.click(within(topics).getByRole('button', { name: 'Add topic' }));
    const phrases = within(topics).getByLabelText('Phrases') as HTMLTextAreaElement;
    expect(phrases.tagName).toBe('TEXTAREA');
    expect(phrases.rows).toBe(1);
    const ten = 'refund, money back, reimbursement, chargeback, return my money, cancel and refund, refund status, partial refund, store credit, warranty claim';
    fireEvent.change(phrases, { target: { value: ten } });
    fireEvent.blur(phrases);
    expect(store.getState().flow.escalation.sensitiveTopics.topics[0].phrases).toHaveLength(10);
    expect((within(topics).getByLabelText('Phrases') as HTMLTextAreaElement).rows).toBeGreaterThanOrEqual(4);
    expect((within(topics).getByLabelText('Phrases') as HTMLTextAreaElement).value).toContain('warranty claim');

    fireEvent.change(within(topics).getByLabelText('Phrases'), { target: { value: 'refund\nmoney back\nwarranty claim' } });
    expect(store.getState().flow.escalation.sensitiveTopics.topics[0].phrases).toEqual(['refund', 'money back', 'warranty claim']);
  });

  it('rows: one for a short list, more for a long one, never above 8', () => {
    expect(listRows('')).toBe(1);
    expect(listRows('refund, money back')).toBe(1);
    expect(listRows('a\nb\nc')).toBe(3);
    expect(listRows('x'.repeat(1000))).toBe(8);
  });
});
