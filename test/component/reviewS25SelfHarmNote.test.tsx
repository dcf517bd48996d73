// @vitest-environment jsdom
/**
 * Session 25 (review of session 24, item 5): the built-in self-harm / crisis phrases are shown, read-only, in Flow
 * settings > Escalation > Urgency, where the urgency vocabulary is edited; the note stays when Urgency is off (it says
 * that switches it off too).
 */
import './support/setup';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SELF_HARM_NOTE } from '../../shared/escalation/selfHarm';
import { tinyFlow } from './support/sampleFlow';
import { renderEditor } from './support/renderEditor';

describe('Flow settings > Escalation > Urgency: the self-harm / crisis note', () => {
  it('is shown under the Urgency switch, read-only, on and off', () => {
    renderEditor(tinyFlow());
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    const urgency = document.querySelector('[data-signal="urgency"]') as HTMLElement;
    const note = within(urgency).getByTestId('self-harm-note');
    expect(note).toHaveTextContent(SELF_HARM_NOTE);
    expect(note).toHaveTextContent('self-harm / crisis');
    expect(within(note).queryByRole('textbox')).toBeNull();
    fireEvent.click(within(urgency).getByRole('checkbox', { name: 'Urgency' }));
    expect(within(document.querySelector('[data-signal="urgency"]') as HTMLElement).getByTestId('self-harm-note')).toBeTruthy();
    expect(document.querySelectorAll('[data-testid="self-harm-note"]')).toHaveLength(1);
  });
});
