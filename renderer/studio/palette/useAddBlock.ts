/**
 * Adding a block from a list (the palette's click, the command palette): one block selected, the new one goes after it,
 * connected; otherwise at the free spot nearest the view's centre. One function for both lists.
 */
import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { blockTitle, exitLabels, type PaletteEntry } from '../blockCatalog';
import { nextBlockId, spotNearCentre } from '../canvas/insertBlock';
import { DEFAULT_BLOCK_SIZE } from '../canvas/freeSpot';
import { chainBefore } from '../canvas/keepInView';
import { useShowBlock } from '../canvas/useShowBlock';
import { addAfterEdit } from '../canvas/placeAfter';
import { useStudioStore } from '../store/StudioStoreContext';

export function useAddBlock(): (entry: Pick<PaletteEntry, 'kind' | 'label'>) => void {
  const store = useStudioStore();
  const rf = useReactFlow();
  const showBlock = useShowBlock();
  return useCallback(
    (entry) => {
      const state = store.getState();
      const el = document.querySelector('.react-flow');
      const rect = el?.getBoundingClientRect();
      const id = nextBlockId(state.flow, entry.kind);
      // One block selected: the new one goes after it, to its right, connected from its first free exit.
      // A blank flow (Start alone) and nothing selected: the first block goes after Start, connected (newcomer s12 #18: it
      // landed unconnected under Start, with four errors at once).
      const onlyStart = state.flow.blocks.length === 1 && state.flow.blocks[0].kind === 'start' ? state.flow.blocks[0] : undefined;
      const selected = state.selection.length === 1 ? state.flow.blocks.find((b) => b.id === state.selection[0]) : onlyStart;
      const after = selected ? addAfterEdit(state.flow, state.measured, selected.id, entry.kind, id, entry.label) : null;
      if (after) {
        if (!state.dispatch(after.edit, { label: `Add ${entry.label}` })) return;
        store.getState().select([id]);
        // Newcomer s19 F17: with several exits the new block hangs from the first free one; say which, and how to change it.
        const exits = exitLabels(selected!);
        if (after.connected && exits.length > 1) {
          const exit = exits.find((x) => x.exit === after.connected);
          store.getState().notify(`${entry.label} added after “${blockTitle(selected!)}”, on its exit “${exit?.label ?? after.connected}”. To use another exit, drag from it to the new block.`, 'info');
        }
        // Bring the new block into view when it landed outside it, moving as little as possible and keeping the blocks
        // leading to it (back to Start when they fit, zoomed out a little if need be) in view too (newcomer s13 #3: the
        // view centred on the new block and the one before it, and Start slid off the left edge).
        if (rect) {
          const now = store.getState();
          const target = { x: after.position.x, y: after.position.y, width: DEFAULT_BLOCK_SIZE.width, height: DEFAULT_BLOCK_SIZE.height };
          showBlock(id, { rect: target, before: chainBefore(now.flow, now.measured, id), size: { width: rect.width, height: rect.height }, clearOverlays: true });
        }
        return;
      }
      const centre = rect ? rf.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }) : { x: 0, y: 0 };
      // The free space nearest the view's centre: never on top of an existing block or note, and BLOCK_GAP clear of
      // them. Session 45 (studio8, retest-studio s44 #7): at the kind's own size; it was taken as 110 px tall, so a
      // Question (161) added with nothing selected landed touching the block below it.
      const position = spotNearCentre(state.flow, state.measured, entry.kind, centre);
      state.dispatch({ type: 'add_block', kind: entry.kind, position, id }, { label: `Add ${entry.label}` });
    },
    [store, rf, showBlock],
  );
}
