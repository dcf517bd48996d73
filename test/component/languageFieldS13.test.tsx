// @vitest-environment jsdom
// Newcomer s13 #5: Flow settings > General took "english please" as the bot's language without a word and dropped it.
import './support/setup';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { tinyFlow } from './support/sampleFlow';
import { renderEditor } from './support/renderEditor';

describe('Flow settings > Language (newcomer s13 #5)', () => {
  it('refuses what is not a language code under the field, keeps the flow as it was, and takes a real code', () => {
    const store = renderEditor(tinyFlow());
    const before = store.getState().flow.settings.language;
    const lang = screen.getByLabelText('Language');
    fireEvent.change(lang, { target: { value: 'english please' } });
    expect(screen.getByRole('alert')).toHaveTextContent('“english please” is not a language code');
    expect(store.getState().flow.settings.language).toBe(before);
    fireEvent.change(lang, { target: { value: 'fr' } });
    expect(store.getState().flow.settings.language).toBe('fr');
  });
});
