// @vitest-environment jsdom
/**
 * Session 26 (shopfb): the bot's words to a clear shop question the flow cannot answer (settings.shopQuestionMessage)
 * are a Flow settings field beside the reply to thanks after the end: it shows what the bot says now (the built-in
 * sentence until changed), an edit goes into the flow, and emptied the fallback message is said there. A flow in another
 * language that leaves it out shows the warning under the field.
 */
import './support/setup';
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHOP_QUESTION_MESSAGE } from '../../shared/engine/shopQuestion';
import { renderEditor } from './support/renderEditor';

describe('Flow settings: the reply to a shop question the bot cannot answer', () => {
  it('shows the built-in sentence, takes an edit, can be emptied, and warns for a French flow that leaves it out', async () => {
    const store = renderEditor();
    const field = screen.getByLabelText('Reply to a clear question the bot has no answer for') as HTMLTextAreaElement;
    expect(store.getState().flow.settings.shopQuestionMessage).toBeUndefined();
    expect(field.value).toBe(DEFAULT_SHOP_QUESTION_MESSAGE);
    expect(field).toHaveAccessibleDescription(/Empty: the fallback message is said/);
    act(() => void store.getState().dispatch({ type: 'set_settings', settings: { language: 'fr' } }));
    expect((await screen.findAllByText(/the reply to a clear question the bot has no answer for is the built-in English sentence/)).length).toBeGreaterThan(0);
    fireEvent.change(field, { target: { value: 'Je ne vois pas les détails des produits ici. Une personne peut vous aider.' } });
    expect(store.getState().flow.settings.shopQuestionMessage).toBe('Je ne vois pas les détails des produits ici. Une personne peut vous aider.');
    fireEvent.change(field, { target: { value: '' } });
    expect(store.getState().flow.settings.shopQuestionMessage).toBe('');
    expect(field.value).toBe('');
    await expect.poll(() => screen.queryAllByText(/the reply to a clear question the bot has no answer for is the built-in English sentence/).length).toBe(0);
  });
});
