import { useMemo, type ReactNode } from 'react';
import type { Flow } from '../../shared/flow/schema';
import { Editor, type EditorProps } from './editor/Editor';
import { StudioStoreProvider } from './store/StudioStoreContext';
import { createStudioStore, type StudioStore } from './store/studioStore';

export interface EditorScreenProps extends Omit<EditorProps, 'saveStatus'> {
  flow: Flow;
  /** Lets the caller attach persistence to the store it gets. */
  children?: (store: StudioStore) => ReactNode;
}

/** One store per opened flow; the editor and (optionally) the persistence hook share it. */
export function EditorScreen({ flow, children, ...props }: EditorScreenProps) {
  const store = useMemo(() => createStudioStore(flow), [flow]);
  return <StudioStoreProvider store={store}>{children ? children(store) : <Editor {...props} />}</StudioStoreProvider>;
}
