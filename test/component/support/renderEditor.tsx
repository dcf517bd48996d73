import { render } from '@testing-library/react';
import { Editor } from '../../../renderer/studio/editor/Editor';
import { StudioStoreProvider } from '../../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../../renderer/studio/store/studioStore';
import type { Flow } from '../../../shared/flow/schema';
import { tinyFlow } from './sampleFlow';

type StudioStore = ReturnType<typeof createStudioStore>;

/**
 * The studio's editor on a store made from `flow`, in a 1200 x 800 box (the size the canvas tests assume); `before`
 * runs on the store before the first render (e.g. to select a block so its inspector opens).
 */
export function renderEditor(flow: Flow = tinyFlow(), before?: (store: StudioStore) => void): StudioStore {
  const store = createStudioStore(flow);
  before?.(store);
  render(
    <div style={{ width: 1200, height: 800 }}>
      <StudioStoreProvider store={store}>
        <Editor />
      </StudioStoreProvider>
    </div>,
  );
  return store;
}
