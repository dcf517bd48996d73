/**
 * The flow canvas (@xyflow/react 12), controlled by the studio store.
 *
 * - nodes and edges are derived from the document (deriveNodes.ts) — there is no second copy to sync;
 * - a drag updates only the ephemeral `drag` positions and commits ONE `move_blocks` edit on release;
 * - selection and measured sizes are view state in the store, never in the undo history;
 * - connections go through `canConnect`: a refused one shows its reason.
 */
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  useStore as useFlowStore,
  useStoreApi,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type Node,
  type NodeChange,
  type OnSelectionChangeParams,
  type Rect,
} from '@xyflow/react';
import { Map as MapIcon, Maximize } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { canConnect } from '../../../shared/flow/edit/canConnect';
import type { XY } from '../../../shared/flow/edit/types';
import type { BlockKind, Flow } from '../../../shared/flow/schema';
import { useProblems } from '../hooks/useProblems';
import { useStudio, useStudioStore } from '../store/StudioStoreContext';
import { edgeTypes } from './edges/RoutedEdge';
import { announceMoves } from './edges/reroute';
import type { Box } from './edges/edgeRoute';
import { createEdgeDeriver, createNodeDeriver, createProblemSummarizer, fallbackPosition, groupFrame, type FlowNode } from './deriveNodes';
import { fitFlowViewport, MINIMAP_MIN_WIDTH, OPEN_MIN_ZOOM } from './fitFlow';
import { placement } from './unplaced';
import { autoLayoutEdit } from '../editor/autoLayout';
import { DEFAULT_BLOCK_SIZE, findFreeSpot, occupiedRects } from './freeSpot';
import { canvasTopRects, PLACED_ROOM, useClearOfOverlays, useShowBlock } from './useShowBlock';
import { makeRoom } from './makeRoom';
import { addConnectedEdit, endsChain, insertWithRoomEdit, newBlockSize, nextBlockId } from './insertBlock';
import { DropPicker, DropRefusal, plainConnectReason } from './DropPicker';
import { blockTitle, definitionOf, exitLabels, type PaletteEntry } from '../blockCatalog';
import { nodeTypes } from './nodes/nodeTypes';

export const PALETTE_MIME = 'application/x-baton-block-kind';

const proOptions = { hideAttribution: true };
const defaultEdgeOptions = { type: 'routed' as const };
/**
 * The opening view leaves room for the minimap (bottom-left, 200 x 150 px) so it never covers a block, and never
 * zooms in past 100 %. Fit View chooses its own padding and zoom (fitFlow.ts).
 */
export const FIT_VIEW_PADDING = { top: '48px', right: '48px', bottom: '48px', left: '236px' } as const;

/**
 * Fit View (Shift+1, the control, after automatic layout): see fitFlow.ts for what it shows. `given`: the flow's bounds
 * (and its Start block's) from the document, for a fit right after an edit moved blocks, before the canvas's nodes have
 * the new positions), and the smallest zoom it is shown whole at (newcomer s40 N5).
 */
export function useFitFlow() {
  const rf = useReactFlow();
  const flowStore = useStoreApi();
  return useCallback(
    (duration = 300, given?: { bounds: Rect; start?: Rect; floor?: number }) => {
      const { width, height } = flowStore.getState();
      const nodes = rf.getNodes();
      if ((!given && nodes.length === 0) || width === 0 || height === 0) return;
      const startNode = given ? undefined : nodes.find((n) => (n.data as { block?: { kind?: string } } | undefined)?.block?.kind === 'start');
      const start = given ? given.start : startNode ? rf.getNodesBounds([startNode]) : undefined;
      const bounds = given ? given.bounds : rf.getNodesBounds(nodes);
      const top = roomAtTop(flowStore.getState().domNode, height);
      const { viewport } = fitFlowViewport({ bounds, width, height, minimap: width >= MINIMAP_MIN_WIDTH, current: rf.getViewport(), start, floor: given?.floor, top });
      void rf.setViewport(viewport, { duration });
    },
    [rf, flowStore],
  );
}
/**
 * Session 46 (studio10, retest-studio s45 L2): the room a fit keeps at the canvas's top for what covers it (the notice
 * shown then, the problem badge), so the flow is fitted below it, not under it; a cover taller than a third of the canvas
 * is not made room for. The opening view and Fit View keep the same room (session 46, lead: the opening view kept none,
 * so Fit View never found the view already showing the whole flow and never toggled to the readable 50 % view).
 */
function roomAtTop(domNode: unknown, height: number): number | undefined {
  const cover = canvasTopRects(domNode as Parameters<typeof canvasTopRects>[0]);
  const below = Math.max(0, ...cover.map((r) => r.y + r.height));
  return below > 0 && below < height / 3 ? below + FIT_TOP_GAP : undefined;
}

/**
 * Big flows (measured with `npm run bench`, test/bench/canvas.ts): drawing 1,000 rich blocks at once made
 * every drag and pan frame repaint all of them. Above this size the canvas opens at a readable zoom (never
 * below 0.5, like React Flow's default) and only mounts the blocks and edges in view.
 */
export const LARGE_FLOW_BLOCKS = 200;
/** Most blocks laid out automatically when a flow without positions opens (see useLayoutWhenUnplaced). */
export const LAYOUT_ON_OPEN_MAX_BLOCKS = 300;
/** Between what covers the canvas's top (the notice) and a fitted flow's first row, in screen pixels. */
const FIT_TOP_GAP = 16;

export interface CanvasProps {
  /** Draw the minimap (off in the benchmark's "bare comparison" is NOT done: the bench measures the real studio). */
  minimap?: boolean;
  /** A click on empty canvas, in flow coordinates (where a paste goes next: newcomer s40 N17). */
  onPaneClickAt?: (at: XY) => void;
}

export function Canvas({ minimap = true, onPaneClickAt }: CanvasProps) {
  const store = useStudioStore();
  const flow = useStudio((s) => s.flow);
  const selection = useStudio((s) => s.selection);
  const readOnly = useStudio((s) => s.readOnly);
  const edgeSelection = useStudio((s) => s.edgeSelection);
  const drag = useStudio((s) => s.drag);
  const measured = useStudio((s) => s.measured);
  const problems = useProblems();
  const rf = useReactFlow();
  const { screenToFlowPosition } = rf;
  useOpeningViewport(flow.blocks.find((b) => b.kind === 'start')?.id ?? null);
  useLayoutWhenUnplaced(readOnly !== null);
  const [mapShown, toggleMap] = useMinimapShown();
  useKeepSelectionInView(selection);
  useAnnounceMoves(flow, measured, Object.keys(drag).length > 0);

  /** Blocks just dropped, by the size they were placed with (until their first measurement). */
  const placedAt = useRef(new Map<string, { width: number; height: number }>());
  const derivers = useRef<{ nodes: ReturnType<typeof createNodeDeriver>; edges: ReturnType<typeof createEdgeDeriver>; problems: ReturnType<typeof createProblemSummarizer> }>(null);
  if (!derivers.current) derivers.current = { nodes: createNodeDeriver(), edges: createEdgeDeriver(), problems: createProblemSummarizer() };
  const d = derivers.current;

  const summary = useMemo(() => d.problems(problems), [d, problems]);
  const nodes = useMemo(() => d.nodes({ flow, selection, drag, measured, problems: summary }), [d, flow, selection, drag, measured, summary]);
  const edges = useMemo(() => d.edges(flow, edgeSelection), [d, flow, edgeSelection]);
  const large = flow.blocks.length > LARGE_FLOW_BLOCKS;
  const fitFlow = useFitFlow();
  const canvasWidth = useFlowStore((s) => s.width);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const state = store.getState();
      let drag: Record<string, XY> | null = null;
      let sizes: Record<string, { width: number; height: number }> | null = null;
      let selected: Set<string> | null = null;
      const resized: { id: string; width: number; height: number }[] = [];
      for (const c of changes) {
        if (c.type === 'position' && c.position && c.dragging) {
          drag ??= { ...state.drag };
          const group = ((state.flow as { groups?: { id: string; blockIds: string[] }[] }).groups ?? []).find((g) => g.id === c.id);
          if (group) {
            // Dragging a group frame drags its blocks: the frame follows from their positions.
            const origin = groupFrame(state.flow, group, {}, state.measured);
            if (!origin) continue;
            const dx = c.position.x - origin.x;
            const dy = c.position.y - origin.y;
            for (const b of state.flow.blocks) if (group.blockIds.includes(b.id)) drag[b.id] = { x: (b.position?.x ?? 0) + dx, y: (b.position?.y ?? 0) + dy };
            continue;
          }
          drag[c.id] = c.position;
        } else if (c.type === 'dimensions' && c.dimensions) {
          sizes ??= {};
          sizes[c.id] = c.dimensions;
          if (c.resizing === false && c.setAttributes) resized.push({ id: c.id, ...c.dimensions });
        } else if (c.type === 'select') {
          selected ??= new Set(state.selection);
          if (c.selected) selected.add(c.id);
          else selected.delete(c.id);
        }
      }
      if (drag) state.setDrag(drag);
      // A block that grew (options added, text typed) pushes down what it now runs into, as part of the edit that
      // made it grow (one undo takes both back). First measurements (no size before) never move anything.
      // Newcomer s42 N1: a block just dropped was placed at the size it was expected to have (placedAt); its first
      // measurement counts as growth from that size, so a taller block pushes down what it landed on.
      let grown: Record<string, { width: number; height: number }> | null = null;
      let before = state.measured;
      if (sizes) {
        for (const [id, size] of Object.entries(sizes)) {
          const assumed = state.measured[id] ? undefined : placedAt.current.get(id);
          if (assumed) {
            placedAt.current.delete(id);
            before = { ...before, [id]: assumed };
          }
          const was = before[id];
          if (was && size.height > was.height + 1 && state.flow.blocks.some((b) => b.id === id)) (grown ??= {})[id] = size;
        }
      }
      const room = grown && Object.keys(state.drag).length === 0 ? makeRoom(state.flow, before, grown) : [];
      if (sizes) state.setMeasured(sizes);
      if (room.length) state.dispatch({ type: 'move_blocks', moves: room }, { label: 'Make room', attachToLast: true, coalesceMs: 3000 });
      if (selected) state.select([...selected], state.edgeSelection);
      for (const r of resized) state.dispatch({ type: 'update_note', id: r.id, size: { width: r.width, height: r.height } });
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const state = store.getState();
      let selected: Set<string> | null = null;
      for (const c of changes) {
        if (c.type === 'select') {
          selected ??= new Set(state.edgeSelection);
          if (c.selected) selected.add(c.id);
          else selected.delete(c.id);
        }
      }
      if (selected) state.select(state.selection, [...selected]);
    },
    [store],
  );

  const clearOfOverlays = useClearOfOverlays();
  /** Drag end: everything that moved becomes one undoable `move_blocks`. */
  const onDragStop = useCallback(() => {
    const state = store.getState();
    const notes = new Set(((state.flow as { notes?: { id: string }[] }).notes ?? []).map((n) => n.id));
    const blocks = new Set(state.flow.blocks.map((b) => b.id));
    const moves = Object.entries(state.drag)
      .filter(([id]) => blocks.has(id) || notes.has(id))
      .map(([id, position]) => ({ id, position: { x: Math.round(position.x), y: Math.round(position.y) } }));
    if (moves.length) state.dispatch({ type: 'move_blocks', moves }, { label: moves.length === 1 ? 'Move block' : `Move ${moves.length} blocks` });
    state.setDrag(null);
    // Session 42 (studio3): let go under the minimap or the zoom buttons, the moved blocks are panned clear once drawn.
    if (moves.length) clearOfOverlays(moves.map((m) => m.id));
  }, [store, clearOfOverlays]);

  const onConnect = useCallback(
    (c: Connection) => {
      const state = store.getState();
      if (!c.source || !c.target || !c.sourceHandle) return;
      const check = canConnect(state.flow, c.source, c.sourceHandle, c.target);
      if (!check.ok) {
        state.notify(check.reason);
        return;
      }
      state.dispatch({ type: 'connect', from: c.source, exit: c.sourceHandle, to: c.target }, { label: 'Connect' });
    },
    [store],
  );

  // Newcomer s26 F15: a connection dropped on empty canvas opens a block picker there (React Flow's "add node on edge
  // drop" example); the chosen block is created at the drop point, connected from that exit, as one undo step.
  const [dropped, setDropped] = useState<{ left: number; top: number; bounds: { width: number; height: number }; at: XY; from: string; exit: string; title: string } | null>(null);
  // Session 42 (studio3): a connection dropped on a block's body (not on its input handle) connects to that block's input,
  // as React Flow's "easy connect" example does; a connection the flow does not allow says why there, at the drop point.
  const [refused, setRefused] = useState<{ left: number; top: number; side: 'left' | 'right'; text: string } | null>(null);
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, c: FinalConnectionState) => {
      if (c.isValid || store.getState().readOnly) return;
      const handle = c.fromHandle;
      if (!c.fromNode || !handle || handle.type !== 'source' || !handle.id) return;
      const { clientX, clientY } = 'changedTouches' in event ? event.changedTouches[0] : event;
      const target = (typeof document.elementFromPoint === 'function' ? document.elementFromPoint(clientX, clientY) : null) ?? (event.target as Element | null);
      if (!target || typeof target.closest !== 'function') return;
      const state = store.getState();
      const onNode = target.closest('.react-flow__node');
      const toId = onNode?.getAttribute('data-id') ?? null;
      const toBlock = toId ? state.flow.blocks.find((b) => b.id === toId) : undefined;
      const isNote = toId !== null && ((state.flow as { notes?: { id: string }[] }).notes ?? []).some((n) => n.id === toId);
      if (toBlock || isNote) {
        const box = target.closest('.react-flow')?.getBoundingClientRect();
        const from = state.flow.blocks.find((b) => b.id === c.fromNode!.id);
        // Let go on the block it started from: nothing (a loop back to itself is drawn onto its input, on purpose).
        if (!from || toBlock?.id === from.id) return;
        const check = toBlock ? canConnect(state.flow, from.id, handle.id, toBlock.id) : { ok: false as const, reason: 'A sticky note has no input: drop the connection on a block.' };
        if (check.ok) {
          state.dispatch({ type: 'connect', from: from.id, exit: handle.id, to: toBlock!.id }, { label: 'Connect' });
          return;
        }
        const reason = check.reason;
        if (box) setRefused({ left: clientX - box.left, top: Math.max(40, Math.min(clientY - box.top, box.height - 40)), side: clientX - box.left + 324 > box.width ? 'left' : 'right', text: plainConnectReason(reason, state.flow) });
        else state.notify(reason);
        return;
      }
      if (!target.classList.contains('react-flow__pane')) return;
      const block = state.flow.blocks.find((b) => b.id === c.fromNode!.id);
      if (!block) return;
      const rect = target.closest('.react-flow')?.getBoundingClientRect();
      if (!rect) return;
      const exit = exitLabels(block).find((x) => x.exit === handle.id);
      const several = exitLabels(block).length > 1;
      setDropped({
        left: clientX - rect.left,
        top: clientY - rect.top,
        bounds: { width: rect.width, height: rect.height },
        at: screenToFlowPosition({ x: clientX, y: clientY }),
        from: block.id,
        exit: handle.id,
        title: `after “${blockTitle(block)}”${several ? `, on its exit “${exit?.label ?? handle.id}”` : ''}`,
      });
    },
    [store, screenToFlowPosition],
  );
  const showBlock = useShowBlock();
  const onDropPick = useCallback(
    (entry: PaletteEntry) => {
      const d = dropped;
      setDropped(null);
      if (!d) return;
      const state = store.getState();
      // The new block's input (its left edge, half-way down) lands where the connection was let go.
      const position = { x: Math.round(d.at.x / 8) * 8, y: Math.round((d.at.y - 40) / 8) * 8 };
      const { edit, id, replaced } = addConnectedEdit(state.flow, d.from, d.exit, entry.kind, position, entry.label);
      if (!state.dispatch(edit, { label: `Add ${entry.label}` })) return;
      store.getState().select([id]);
      // Newcomer s39 N7: a block dropped near the canvas's edge stayed half under the inspector and the zoom buttons.
      // Once drawn (its real size known, the inspector open), it is brought whole into view, clear of the zoom buttons (they
      // end 41 px from the right edge), with the smallest pan.
      const later = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (f: () => void) => setTimeout(f, 16);
      later(() => later(() => showBlock(id, { margin: DROP_MARGIN, clearOverlays: true, room: PLACED_ROOM })));
      if (replaced) {
        const was = state.flow.blocks.find((b) => b.id === replaced);
        store.getState().notify(`${entry.label} added; that exit led to “${was ? blockTitle(was) : replaced}” before (Ctrl+Z puts it back).`, 'info');
      }
    },
    [dropped, store, showBlock],
  );

  const onSelectionChange = useCallback((_: OnSelectionChangeParams) => {}, []);
  // Newcomer s13 #3: a block clicked while partly outside the canvas (under the inspector's edge) is brought whole
  // into view with the smallest pan. On click only: a drag, the palette and the Problems list place the view themselves.
  const canvasW = useFlowStore((s) => s.width);
  const canvasH = useFlowStore((s) => s.height);
  const onNodeClick = useCallback(
    (_: unknown, node: { id: string }) => {
      if (!store.getState().flow.blocks.some((b) => b.id === node.id)) return;
      showBlock(node.id, { onlyIfCut: true, size: { width: canvasW, height: canvasH } });
    },
    [showBlock, store, canvasW, canvasH],
  );

  // Session 44 (ui8, newcomer s44 N7): the connection a palette block would be inserted into is highlighted while
  // dragging (nothing showed it before, so a drop on a line was a guess). A class on React Flow's edge element, set and
  // cleared here only (a drag over the canvas does not re-render the edges).
  const dropEdge = useRef<Element | null>(null);
  const markDropEdge = useCallback((el: Element | null) => {
    if (dropEdge.current === el) return;
    dropEdge.current?.classList.remove('st-edge-drop-target');
    el?.classList.add('st-edge-drop-target');
    dropEdge.current = el;
  }, []);
  const edgeUnder = (x: number, y: number) => document.elementsFromPoint(x, y).find((el) => el.closest('.react-flow__edge'))?.closest('.react-flow__edge') ?? null;
  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(PALETTE_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      markDropEdge(edgeUnder(e.clientX, e.clientY));
    }
  }, [markDropEdge]);
  const onDragLeave = useCallback((e: DragEvent) => {
    // Left the canvas (not moved onto one of its children).
    if (!(e.relatedTarget instanceof Node) || !(e.currentTarget as Element).contains(e.relatedTarget)) markDropEdge(null);
  }, [markDropEdge]);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(PALETTE_MIME) as BlockKind;
      if (!kind) return;
      e.preventDefault();
      markDropEdge(null);
      const state = store.getState();
      const position = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const at = { x: Math.round(position.x - 120), y: Math.round(position.y - 30) };
      // Dropped on an edge: insert the block into it.
      const edgeEl = edgeUnder(e.clientX, e.clientY) as HTMLElement | null;
      const edgeId = edgeEl?.getAttribute('data-id') ?? edgeEl?.dataset.id;
      const edge = edgeId ? state.flow.edges.find((x) => x.id === edgeId) : undefined;
      if (edge) {
        const edit = insertWithRoomEdit(state.flow, state.measured, kind, at, edge);
        if (edit) {
          const added = edit.type === 'batch' ? edit.edits.find((x) => x.type === 'add_block') : undefined;
          if (!state.dispatch(edit, { label: 'Insert block' }) || added?.type !== 'add_block' || !added.id) return;
          placedAt.current.set(added.id, newBlockSize(state.flow, state.measured, kind));
          // Session 46 (studio10, retest-studio s45 L1): inserted at the connection's place, the block could stay under the
          // minimap, the zoom buttons or the notice ("End inserted... Undo"): once drawn (the inspector open, the notice
          // shown), the view pans it whole into view and clear of them, as a palette block dropped on empty canvas.
          // Session 47 (studio15, retest-studio s46 L4): inserted just under the problem badge, it ended ~10 px below it at the
          // canvas's top edge: now it gets room, DROP_MARGIN from the canvas's edges and PLACED_ROOM from the overlays.
          const id = added.id;
          const later = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (f: () => void) => setTimeout(f, 16);
          later(() => later(() => showBlock(id, { margin: DROP_MARGIN, clearOverlays: true, room: PLACED_ROOM })));
          // Session 44 (ui8, N7): an End (or Jump) ends the chain: the connection's old target is no longer reached from here.
          if (endsChain(kind)) {
            const was = state.flow.blocks.find((b) => b.id === edge.to);
            const label = definitionOf(kind).label;
            store.getState().notify(`${label} inserted: it ends the chain, so “${was ? blockTitle(was) : edge.to}” is no longer connected from here.`, 'info', { label: 'Undo', opens: 'undo' });
          }
          return;
        }
      }
      const id = nextBlockId(state.flow, kind);
      // Dropped on top of a block: the new one goes to the nearest free space instead.
      const size = newBlockSize(state.flow, state.measured, kind);
      const free = findFreeSpot(at, size, occupiedRects(state.flow, state.measured));
      if (!state.dispatch({ type: 'add_block', kind, position: free, id }, { label: 'Add block' })) return;
      placedAt.current.set(id, size);
      // Newcomer s41 N4: dropped at the bottom-left it landed under the minimap; once drawn, the view pans it clear.
      const later = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (f: () => void) => setTimeout(f, 16);
      later(() => later(() => showBlock(id, { onlyIfCut: true, clearOverlays: true, room: PLACED_ROOM })));
    },
    [store, screenToFlowPosition, showBlock, markDropEdge],
  );

  const onPaneClick = useCallback(
    (event: { clientX: number; clientY: number }) => {
      store.getState().select([], []);
      onPaneClickAt?.(screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [store, onPaneClickAt, screenToFlowPosition],
  );
  const onNodeDoubleClick = useCallback((_: unknown, node: Node) => {
    if (node.type === 'note') {
      const el = document.querySelector<HTMLTextAreaElement>('[data-note-editor]');
      el?.focus();
    }
  }, []);

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onNodeDragStop={onDragStop}
      onSelectionDragStop={onDragStop}
      onConnect={onConnect}
      onConnectEnd={onConnectEnd}
      onSelectionChange={onSelectionChange}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      onPaneClick={onPaneClick}
      onNodeDoubleClick={onNodeDoubleClick}
      onNodeClick={onNodeClick}
      deleteKeyCode={null}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      edgesReconnectable={!readOnly}
      selectionKeyCode="Shift"
      multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
      defaultEdgeOptions={defaultEdgeOptions}
      onlyRenderVisibleElements={large}
      minZoom={0.1}
      maxZoom={2}
      proOptions={proOptions}
      snapToGrid
      snapGrid={[8, 8]}
    >
      <Background variant={BackgroundVariant.Dots} gap={20} size={1.4} color="var(--bt-canvas-dot)" />
      <Controls position="bottom-right" showInteractive={false} showFitView={false}>
        <ControlButton className="react-flow__controls-fitview" title="Fit View (Shift+1)" aria-label="Fit View" onClick={() => fitFlow()}>
          <Maximize className="bt-control-icon" size={14} strokeWidth={2} aria-hidden="true" />
        </ControlButton>
        {minimap && (
          <ControlButton className="bt-minimap-toggle" title={mapShown ? 'Hide the minimap' : 'Show the minimap'} aria-label={mapShown ? 'Hide the minimap' : 'Show the minimap'} aria-pressed={mapShown} onClick={toggleMap}>
            <MapIcon className="bt-control-icon" size={14} strokeWidth={2} aria-hidden="true" />
          </ControlButton>
        )}
      </Controls>
      {refused && <DropRefusal left={refused.left} top={refused.top} side={refused.side} text={refused.text} onClose={() => setRefused(null)} />}
      {dropped && <DropPicker left={dropped.left} top={dropped.top} bounds={dropped.bounds} title={dropped.title} onPick={onDropPick} onClose={() => setDropped(null)} />}
      {minimap && mapShown && (canvasWidth === 0 || canvasWidth >= MINIMAP_MIN_WIDTH) && (
        // Newcomer s45 N11: a click meant for the canvas under the minimap hit the map and did nothing. The map is a panel
        // over the canvas (React Flow draws it so; its drags pan and its wheel zooms): a click on it now moves the view
        // to that spot, a click on a block in it selects and shows that block, and its tooltip says so.
        <MiniMap
          position="bottom-left"
          pannable
          zoomable
          nodeStrokeWidth={3}
          className="bt-minimap"
          ariaLabel="Minimap: click to move the view there, drag to pan"
          onClick={(_, at) => void rf.setCenter(at.x, at.y, { zoom: rf.getZoom(), duration: 200 })}
          onNodeClick={(e, node) => {
            e.stopPropagation();
            store.getState().select([node.id], []);
            showBlock(node.id, { clearOverlays: true });
          }}
        />
      )}
    </ReactFlow>
  );
}

/** Above this many moved blocks (a layout, a big paste or undo) every connection draws again. */
const ANNOUNCE_ALL = 300;

/**
 * Newcomer s41 N10: a block moved across a connection between two other blocks was avoided only once that connection's
 * ends next moved. Each committed change of a block's or note's box (a drag's end, arrow keys, layout, undo, a block
 * that grew) is announced with its old and new box; the connections whose drawing meets one draw again (reroute.ts).
 * Not during a drag (the dragged block's own connections follow it), and not a block's first measurement.
 */
function useAnnounceMoves(flow: Flow, measured: Record<string, { width: number; height: number }>, dragging: boolean) {
  const flowStore = useStoreApi();
  const last = useRef<Map<string, Box & { sized: boolean }> | null>(null);
  useEffect(() => {
    if (dragging) return;
    const now = new Map<string, Box & { sized: boolean }>();
    const put = (id: string, at: XY | undefined, size: { width: number; height: number } | undefined) =>
      now.set(id, { x: at?.x ?? 0, y: at?.y ?? 0, ...(size ?? DEFAULT_BLOCK_SIZE), sized: size !== undefined });
    for (const b of flow.blocks) put(b.id, b.position, measured[b.id]);
    for (const n of (flow as { notes?: { id: string; position: XY; size?: { width: number; height: number } }[] }).notes ?? []) put(n.id, n.position, measured[n.id] ?? n.size);
    const was = last.current;
    last.current = now;
    if (!was) return;
    const changed: Box[] = [];
    for (const [id, box] of now) {
      const old = was.get(id);
      if (!old) changed.push(box);
      else if (old.x !== box.x || old.y !== box.y || (old.sized && (old.width !== box.width || old.height !== box.height))) changed.push(old, box);
    }
    for (const [id, old] of was) if (!now.has(id)) changed.push(old);
    if (changed.length) announceMoves(flowStore, changed.length > 2 * ANNOUNCE_ALL ? 'all' : changed);
  }, [flow, measured, dragging, flowStore]);
}

/**
 * The first view of a flow is the whole flow when it fits at OPEN_MIN_ZOOM (15 %) or more (newcomer s39 N11), else 50 %
 * from its left edge, centred on Start (fitFlow.ts). Newcomer s26 F3: a template opened at 75 % around Start/Welcome/Main menu with most of
 * its 44 blocks off-screen (and, until then, under Flow settings), where Typebot and Landbot open fitted. Sessions 6-15
 * chose readable over fitted (a fit at 20 % shows nothing); 50 % is the floor Fit View already keeps for that reason.
 */
/**
 * Newcomer s39 N27: the minimap covered blocks at the canvas's bottom-left with no way to hide it. The zoom buttons
 * have a toggle; the choice is kept for this browser (localStorage). Fit View still keeps the minimap's corner clear.
 */
const MINIMAP_KEY = 'baton.studio.minimap';
function useMinimapShown(): [boolean, () => void] {
  const [shown, setShown] = useState(() => {
    try {
      return globalThis.localStorage?.getItem(MINIMAP_KEY) !== 'hidden';
    } catch {
      return true;
    }
  });
  const toggle = useCallback(() => {
    setShown((was) => {
      try {
        globalThis.localStorage?.setItem(MINIMAP_KEY, was ? 'hidden' : 'shown');
      } catch {
        // storage refused (private mode): the choice lasts for this page
      }
      return !was;
    });
  }, []);
  return [shown, toggle];
}

/** Room kept around a block made from a dropped connection: clear of the zoom buttons (41 px from the right edge). */
const DROP_MARGIN = 48;

function useOpeningViewport(startId: string | null) {
  const rf = useReactFlow();
  const flowStore = useStoreApi();
  const ready = useNodesInitialized();
  const width = useFlowStore((s) => s.width);
  const height = useFlowStore((s) => s.height);
  const done = useRef(false);
  useEffect(() => {
    if (done.current || !ready || width === 0 || height === 0) return;
    done.current = true;
    const nodes = rf.getNodes();
    if (nodes.length === 0) return;
    const start = startId && rf.getInternalNode(startId) ? rf.getNodesBounds([startId]) : undefined;
    const top = roomAtTop(flowStore.getState().domNode, height);
    const { viewport } = fitFlowViewport({ bounds: rf.getNodesBounds(nodes), width, height, minimap: width >= MINIMAP_MIN_WIDTH, start, floor: OPEN_MIN_ZOOM, top });
    void rf.setViewport(viewport);
  }, [rf, flowStore, ready, width, height, startId]);
}

/**
 * Newcomer s28 N1: a flow whose blocks have no positions (an export, which is logic only; a hand-written or generated
 * file) opened as a grid in file order, blocks overlapping and edges criss-crossing, and nothing said to press
 * Automatic layout. It is laid out once when it opens (one undoable edit, "Automatic layout"), and the studio says so.
 * Newcomer s29 N2: not above LAYOUT_ON_OPEN_MAX_BLOCKS: a 2,000-block import froze the tab for minutes (the layout runs on
 * the page's thread) with nothing said. A bigger flow opens in the grid and the studio says how to lay it out.
 */
function useLayoutWhenUnplaced(readOnly: boolean) {
  const store = useStudioStore();
  const ready = useNodesInitialized();
  const fitFlow = useFitFlow();
  const done = useRef(false);
  useEffect(() => {
    if (done.current || !ready || readOnly) return;
    done.current = true;
    const state = store.getState();
    const blocks = state.flow.blocks;
    const kind = placement(blocks);
    if (kind === 'placed') return;
    // Newcomer s45 N5: a file that gave every block one position (all at 0,0) opened as one block, the rest under it.
    const why =
      kind === 'missing'
        ? 'This flow had no block positions (a file written by hand or exported without its layout)'
        : `This flow's ${blocks.length.toLocaleString('en-US')} blocks all stood on one spot (the file gave them the same position)`;
    if (blocks.length > LAYOUT_ON_OPEN_MAX_BLOCKS) {
      // Stacked: spread in the grid a flow without positions gets (one undoable edit), so each block can be seen.
      if (kind === 'stacked') state.dispatch({ type: 'move_blocks', moves: blocks.map((b, i) => ({ id: b.id, position: fallbackPosition(i) })) }, { label: 'Spread the blocks in a grid' });
      state.notify(
        `${why}, so its ${blocks.length.toLocaleString('en-US')} blocks are shown in a grid. Automatic layout (Ctrl+Shift+L) arranges them; with this many blocks it takes a while, and the page does not answer meanwhile.`,
        'info',
      );
      return;
    }
    void autoLayoutEdit(state.flow, state.measured).then((edit) => {
      const now = store.getState();
      if (!edit || placement(now.flow.blocks) !== kind) return;
      if (now.dispatch(edit, { label: 'Automatic layout' })) {
        now.notify(`${why}, so it was laid out automatically. Undo puts the blocks back ${kind === 'missing' ? 'in a grid' : 'on that spot'}.`, 'info', { label: 'Undo', opens: 'undo' });
        // Two frames: the notice is drawn by then, so the fit keeps the first row below it (L2, session 46).
        requestAnimationFrame(() => requestAnimationFrame(() => fitFlow()));
      }
    });
  }, [ready, readOnly, store, fitFlow]);
}

/**
 * When the canvas gets narrower (the inspector or the simulator opens beside it), the selected block is
 * brought back into view if it ended up under the new panel.
 */
function useKeepSelectionInView(selection: string[]) {
  const showBlock = useShowBlock();
  const width = useFlowStore((s) => s.width);
  const height = useFlowStore((s) => s.height);
  const prev = useRef({ width, height });
  useEffect(() => {
    const shrank = width < prev.current.width || height < prev.current.height;
    prev.current = { width, height };
    if (!shrank || selection.length === 0 || width === 0) return;
    showBlock(selection[0], { onlyIfCut: true, size: { width, height } });
  }, [showBlock, width, height, selection]);
}
