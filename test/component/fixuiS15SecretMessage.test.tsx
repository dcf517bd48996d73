// @vitest-environment jsdom
/**
 * fixui, session 15 (the lead's ask at 08:00, with hostile s15 H#3): the bot's words after it hides a card number or
 * password the customer typed (settings.secretHiddenMessage, aef115d) are a Flow settings field: it shows what the bot
 * says now (the built-in sentence until changed), an edit goes into the flow, and emptied the bot says nothing.
 */
import './support/setup';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SECRET_HIDDEN_MESSAGE } from '../../shared/engine/customerSecrets';
import { renderEditor } from './support/renderEditor';

describe('Flow settings: the hidden card number / password message', () => {
  it('shows the built-in sentence, takes an edit, and can be emptied', () => {
    const store = renderEditor();
    const field = screen.getByLabelText('Card number or password hidden') as HTMLTextAreaElement;
    expect(field.value).toBe(DEFAULT_SECRET_HIDDEN_MESSAGE);
    expect(store.getState().flow.settings.secretHiddenMessage).toBeUndefined();
    fireEvent.change(field, { target: { value: 'Please do not send card numbers here: I hid it.' } });
    expect(store.getState().flow.settings.secretHiddenMessage).toBe('Please do not send card numbers here: I hid it.');
    fireEvent.change(field, { target: { value: '' } });
    expect(store.getState().flow.settings.secretHiddenMessage).toBe('');
    expect(field.value).toBe('');
    expect(field).toHaveAccessibleDescription(/Empty: nothing is said/);
  });
});
