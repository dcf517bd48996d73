// @vitest-environment jsdom
/**
 * fixui, session 15 (brief item 6, after newcomer s14 N#14): a window whose flow was trashed (or saved) in another
 * window said the same thing twice, in the banner across the editor and again in the inspector's note ("Read-only:
 * this flow was moved to the trash ... Restore it from the trash on the home screen, then Reload ..."). With the banner
 * shown, the inspector now says only that it is read-only and points at the banner; the reason stays in its tooltip.
 * Without a banner (no studio server) the note still gives the reason and what to do.
 */
import './support/setup';
import { act, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Editor } from '../../renderer/studio/editor/Editor';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { tinyFlow } from './support/sampleFlow';

const TRASHED = 'Read-only: this flow was moved to the trash in another tab or window, so edits here cannot be saved. Restore it from the trash on the home screen, then Reload.';

function editor(readOnlyBanner: boolean) {
  const store = createStudioStore(tinyFlow());
  render(
    <div style={{ width: 1200, height: 800 }}>
      <StudioStoreProvider store={store}>
        <Editor readOnlyBanner={readOnlyBanner} status={readOnlyBanner ? <div role="alert">This flow was moved to the trash in another tab or window. Restore it from the trash on the home screen, then Reload.</div> : null} />
      </StudioStoreProvider>
    </div>,
  );
  act(() => store.getState().setReadOnly(TRASHED));
  return within(screen.getByRole('complementary', { name: 'Inspector' }));
}

describe('a read-only window says why once (fixui s15 item 6)', () => {
  it('with the banner: the inspector points at it instead of repeating it; the reason is in the tooltip', () => {
    const inspector = editor(true);
    const note = inspector.getByRole('note');
    expect(note).toHaveTextContent('Read-only: the banner above says why and what to do.');
    expect(note).not.toHaveTextContent(/trash/);
    expect(note).toHaveAttribute('title', TRASHED);
    // The words "Restore it from the trash" are on the page once: in the banner.
    expect(document.body.textContent!.match(/Restore it from the trash/g)).toHaveLength(1);
  });

  it('without a banner: the note gives the reason and what to do', () => {
    const inspector = editor(false);
    expect(inspector.getByRole('note')).toHaveTextContent(TRASHED);
  });
});
