// @vitest-environment jsdom
/**
 * Session 25 (review of session 24): the bot's words to thanks, bye, ok or 👍 after the chat ended
 * (settings.closedCourtesyMessage) are a Flow settings field beside the hidden-secret message: it shows what the bot
 * says now (the built-in sentence until changed), an edit goes into the flow, and emptied the bot says nothing. A flow
 * in another language that leaves it out shows the warning under the field.
 */
import './support/setup';
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLOSED_COURTESY_MESSAGE } from '../../shared/engine/afterClose';
import { renderEditor } from './support/renderEditor';

describe('Flow settings: the reply to thanks after the chat ended', () => {
  it('shows the built-in sentence, takes an edit, can be emptied, and warns for a French flow that leaves it out', async () => {
    const store = renderEditor();
    const field = screen.getByLabelText('Reply to thanks after the chat ended') as HTMLTextAreaElement;
    expect(field.value).toBe(DEFAULT_CLOSED_COURTESY_MESSAGE);
    expect(store.getState().flow.settings.closedCourtesyMessage).toBeUndefined();
    expect(field).toHaveAccessibleDescription(/Empty: nothing is said/);
    act(() => void store.getState().dispatch({ type: 'set_settings', settings: { language: 'fr' } }));
    expect((await screen.findAllByText(/the reply to thanks after the chat ended is the built-in English sentence/)).length).toBeGreaterThan(0);
    fireEvent.change(field, { target: { value: 'Je vous en prie ! Écrivez-nous ici si besoin.' } });
    expect(store.getState().flow.settings.closedCourtesyMessage).toBe('Je vous en prie ! Écrivez-nous ici si besoin.');
    fireEvent.change(field, { target: { value: '' } });
    expect(store.getState().flow.settings.closedCourtesyMessage).toBe('');
    expect(field.value).toBe('');
    await expect.poll(() => screen.queryAllByText(/the reply to thanks after the chat ended is the built-in English sentence/).length).toBe(0);
  });
});
