// @vitest-environment jsdom
/**
 * Newcomer s12 #22: the offer's two buttons with the same label ("Yes please" / "yes please!") were an error named only
 * in the problems badge; the two fields in Flow settings > Escalation were not marked. The field the error is about
 * now shows it under itself, with a red border.
 */
import './support/setup';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Editor } from '../../renderer/studio/editor/Editor';
import { SaveStatus } from '../../renderer/studio/persistence/SaveStatus';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { tinyFlow } from './support/sampleFlow';

describe('Flow settings > Escalation: the offer buttons (newcomer s12 #22)', () => {
  it('the field of an error shows it under itself; fixing the label clears it', () => {
    const store = createStudioStore(tinyFlow());
    render(
      <div style={{ width: 1200, height: 800 }}>
        <StudioStoreProvider store={store}>
          <Editor status={<SaveStatus status="saved" />} />
        </StudioStoreProvider>
      </div>,
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    fireEvent.change(screen.getByLabelText('Mode'), { target: { value: 'graduated' } });
    const person = screen.getByLabelText(/Step 2 button: talk to a person/i);
    fireEvent.change(person, { target: { value: 'Yes please' } });
    fireEvent.blur(person);
    const bot = screen.getByLabelText(/Step 2 button: keep chatting/i);
    fireEvent.change(bot, { target: { value: 'yes please!' } });
    fireEvent.blur(bot);
    const field = document.querySelector('[data-settings-path="$.escalation.texts.botButton"]') as HTMLElement;
    expect(field.dataset.tone).toBe('error');
    expect(within(field).getByRole('alert')).toHaveTextContent('Error: The two buttons of the offer read the same (“Yes please” and “yes please!”)');
    expect(document.querySelector('[data-settings-path="$.escalation.texts.personButton"]')!.getAttribute('data-tone')).toBeNull();
    fireEvent.change(bot, { target: { value: 'Keep chatting' } });
    fireEvent.blur(bot);
    expect(field.dataset.tone).toBeUndefined();
    expect(within(field).queryByRole('alert')).toBeNull();
  });
});
