// @vitest-environment jsdom
// newcomer s7 #12: Flow settings > Escalation lets the designer word the graduated steps.
import './support/setup';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultGraduatedTexts } from '../../shared/engine/escalationWording';
import { tinyFlow } from './support/sampleFlow';
import { renderEditor } from './support/renderEditor';

function setup() {
  const store = renderEditor(tinyFlow());
  fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
  return store;
}

describe('escalation inspector: graduated step texts (newcomer s7 #12)', () => {
  it('shows the step texts in graduated mode only, with the built-in sentences as placeholders, and saves an edit', () => {
    const store = setup();
    expect(screen.queryByRole('group', { name: 'What the bot says at each step' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Mode'), { target: { value: 'graduated' } });
    const box = screen.getByRole('group', { name: 'What the bot says at each step' });
    const ack = within(box).getByLabelText(/upset or on a sensitive topic/) as HTMLTextAreaElement;
    expect(ack.placeholder).toBe(defaultGraduatedTexts.acknowledge);
    expect((within(box).getByLabelText(/did not understand/) as HTMLTextAreaElement).placeholder).toBe(defaultGraduatedTexts.rephrase);
    expect((within(box).getByLabelText(/offering a person/) as HTMLTextAreaElement).placeholder).toBe(defaultGraduatedTexts.offer);

    fireEvent.change(ack, { target: { value: 'So sorry. Tell me what happened?' } });
    expect(store.getState().flow.escalation.texts?.acknowledge).toBe('So sorry. Tell me what happened?');
    fireEvent.change(within(box).getByLabelText(/offering a person/), { target: { value: 'Want a colleague?' } });
    expect(store.getState().flow.escalation.texts).toMatchObject({ acknowledge: 'So sorry. Tell me what happened?', offer: 'Want a colleague?' });
    // Emptied: the built-in sentence again, and nothing left in the flow file for it.
    fireEvent.change(ack, { target: { value: '' } });
    expect(store.getState().flow.escalation.texts).toEqual({ offer: 'Want a colleague?' });
  });

  it('refuses a text too long for one chat message in place and keeps the last good one', () => {
    const store = setup();
    fireEvent.change(screen.getByLabelText('Mode'), { target: { value: 'graduated' } });
    const offer = screen.getByLabelText(/offering a person/);
    fireEvent.change(offer, { target: { value: 'Want a colleague?' } });
    fireEvent.change(offer, { target: { value: 'x'.repeat(600) } });
    expect(screen.getByRole('alert')).toHaveTextContent(/under 500 characters/);
    expect(store.getState().flow.escalation.texts?.offer).toBe('Want a colleague?');
    expect((offer as HTMLTextAreaElement).value).toHaveLength(600);
  });
});
