/**
 * Adding a block from a list (the palette's click, the command palette): one block selected, the new one goes after it,
 * connected; otherwise at the free spot nearest the view's centre. One function for both lists.
 */
import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { blockTitle, exitLabels, type PaletteEntry } from '../blockCatalog';
import { newBlockSize, nextBlockId, placeNearCentre } from '../canvas/insertBlock';
import { DEFAULT_BLOCK_SIZE } from '../canvas/freeSpot';
import { chainBefore, KEEP_MARGIN } from '../canvas/keepInView';
import { overlayRects, PLACED_ROOM, useShowBlock } from '../canvas/useShowBlock';
import { drawnEdgeLines } from '../canvas/edgeLines';
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
          showBlock(id, { rect: target, before: chainBefore(now.flow, now.measured, id), size: { width: rect.width, height: rect.height }, clearOverlays: true, room: PLACED_ROOM });
        }
        return;
      }
      const centre = rect ? rf.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }) : { x: 0, y: 0 };
      // The free space nearest the view's centre: never on top of an existing block or note, and BLOCK_GAP clear of
      // them. Session 45 (studio8, retest-studio s44 #7): at the kind's own size; it was taken as 110 px tall, so a
      // Question (161) added with nothing selected landed touching the block below it.
      // Session 47 (studio15, retest-studio s46 L5): in a dense flow that spot lay on connection lines. Now no connection
      // runs under it either, and it is inside the visible canvas (KEEP_MARGIN in, clear of the minimap, the zoom buttons
      // and the badge); when the view has no such room, the nearest free space outside it, and the view pans to it.
      const around = rect && el ? visibleRoom(el, rect, rf.getViewport()) : undefined;
      const placed = placeNearCentre(state.flow, state.measured, entry.kind, centre, around);
      if (!state.dispatch({ type: 'add_block', kind: entry.kind, position: placed.position, id }, { label: `Add ${entry.label}` })) return;
      if (rect && !placed.inView) {
        const size = newBlockSize(state.flow, state.measured, entry.kind);
        showBlock(id, { rect: { ...placed.position, ...size }, size: { width: rect.width, height: rect.height }, clearOverlays: true, room: PLACED_ROOM });
      }
    },
    [store, rf, showBlock],
  );
}

/**
 * What the canvas shows, in flow coordinates (session 47, studio15): the visible part KEEP_MARGIN (screen pixels) in from
 * its edges, its overlays (minimap, zoom buttons, badge, notice) and the connections as drawn.
 */
/** The inspector's width beside the canvas (studio.css, .st-main's third column). */
const INSPECTOR_WIDTH = 340;

function visibleRoom(el: Element, rect: DOMRect, view: { x: number; y: number; zoom: number }) {
  const toFlow = (r: { x: number; y: number; width: number; height: number }) => ({ x: (r.x - view.x) / view.zoom, y: (r.y - view.y) / view.zoom, width: r.width / view.zoom, height: r.height / view.zoom });
  const m = Math.min(KEEP_MARGIN, rect.width / 8, rect.height / 8);
  // The new block is selected, so a closed inspector opens beside the canvas (studio.css .st-main: 340 px on the right,
  // the simulator closed) and covers that part of today's view.
  const main = el.closest('.st-main');
  const opening = main?.getAttribute('data-inspector') === 'closed' && main.getAttribute('data-simulator') !== 'open' ? Math.min(INSPECTOR_WIDTH, rect.width / 2) : 0;
  return {
    lines: drawnEdgeLines(el),
    view: toFlow({ x: m, y: m, width: rect.width - opening - 2 * m, height: rect.height - 2 * m }),
    overlays: overlayRects(el as unknown as Parameters<typeof overlayRects>[0]).map(toFlow),
  };
}
