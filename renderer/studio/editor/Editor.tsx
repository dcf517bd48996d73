/**
 * The editor screen: top bar, palette, canvas, inspector and problems list around one studio store.
 * Keyboard first: every action has a shortcut (see shortcuts.ts and the cheat sheet, `?`).
 */
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { AlertTriangle, ArrowLeft, Command as CommandIcon, CircleCheck, HelpCircle, History, LayoutGrid, Moon, Play, Redo2, Search, Settings2, StickyNote, Sun, Undo2, X } from 'lucide-react';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { copyToClipboard, isClipboardDocument } from '../../../shared/flow/edit/clipboard';
import type { ClipboardDocument, XY } from '../../../shared/flow/edit/types';
import { Button } from '../../ui/Button';
import { ShownDirection } from '../../ui/ShownDirection';
import { Canvas, FIT_VIEW_PADDING, useFitFlow } from '../canvas/Canvas';
import { problemCount } from './problemCount';
import { DEFAULT_BLOCK_SIZE, DEFAULT_NOTE_SIZE, findFreeSpot, flowBounds, occupiedRects, type Size } from '../canvas/freeSpot';
import { pasteAnchor, pasteSpot } from '../canvas/pasteSpot';
import { FlowSettings } from '../inspector/FlowSettings';
import { requestSettingsFocus } from '../inspector/settingsFocus';
import { BlockInspector, ProblemFixButton } from '../inspector/Inspector';
import { requestBlockProblemsOpen } from '../inspector/problemsOpen';
import { GroupInspector, NoteInspector } from '../inspector/NoteInspector';
import { useProblems } from '../hooks/useProblems';
import { localToday, pastClosedDatesProblems } from '../hooks/pastClosedDates';
import { Palette } from '../palette/Palette';
import type { ScenarioStorage } from '../simulator/ScenariosPane';
// The simulator's styles come with the editor: its columns make room for it (data-simulator) before its code arrives.
import '../simulator/simulator.css';
import { useClearOfOverlays, useShowBlock } from '../canvas/useShowBlock';
import { useStudio, useStudioStore } from '../store/StudioStoreContext';
import { autoLayoutEdit, BIG_FLOW } from './autoLayout';
import { FindDialog } from './FindDialog';
import { ProblemsPanel, type ProblemRow } from './ProblemsPanel';
import { focusRefused, refusedPlace } from '../inspector/refusedPlace';
import { useRefusedFields } from '../../ui/refusedFields';
import type { FlowProblem } from '../../../shared/flow/flowProblem';
import { ShortcutsDialog } from './ShortcutsDialog';
import { FlowNameTitle } from './FlowNameTitle';
import { matchShortcut, nudgeDelta, shortcuts } from './shortcuts';
import { useFieldUndo } from './useFieldUndo';
import { CommandPalette, type PaletteCommand } from './CommandPalette';
import { useAddBlock } from '../palette/useAddBlock';
import { blockTitle, paletteEntries } from '../blockCatalog';
import { problemBlockName } from '../hooks/designerWords';
import { useTheme } from './useTheme';
import { BannerSlot } from './bannerSlot';
import { withArticle } from '../../ui/withArticle';

/**
 * Session 44 (studio7): the simulator runs the engine, the escalation policy and its classifier (about 1 MB of the
 * studio's code); it is loaded when it is first opened, not with the editor.
 */
const SimulatorPanel = lazy(() => import('../simulator/SimulatorPanel').then((m) => ({ default: m.SimulatorPanel })));

export interface EditorProps {
  /** Back to the home screen (hidden when absent). */
  onHome?: () => void;
  /** The save indicator (studio-server's <SaveStatus>), shown next to the flow name. */
  status?: ReactNode;
  /** The version history panel (studio-server), opened from the top bar. */
  renderHistory?: (close: () => void) => ReactNode;
  /** Where the simulator keeps the flow's scenarios (studio server); absent: in memory only. */
  scenarioStorage?: ScenarioStorage | null;
  /**
   * The studio's key of the open flow (unique per file, where two files may share a flow id): what the simulator's
   * kept conversation and open panel are filed under in the tab (hostile s28 H7). Default the flow's id.
   */
  flowKey?: string;
  /** The flow's file on disk (the studio server's), named in Flow settings (newcomer s49 N9). */
  flowFile?: string;
  /**
   * A banner across the editor already says why this window is read-only and what to do (the other-window and
   * trashed-elsewhere banners): the inspector then says only that it is read-only, pointing at the banner, instead of
   * the same sentences a second time (the reason stays in the fields' tooltip).
   */
  readOnlyBanner?: boolean;
}

export function Editor(props: EditorProps) {
  return (
    <ReactFlowProvider>
      <EditorInner {...props} />
    </ReactFlowProvider>
  );
}

/** Newcomer s42 N5: a problem's one-click fix under its row of the Problems list. */
const renderProblemFix = (p: ProblemRow) => <ProblemFixButton problem={p} />;

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return Boolean(el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)));
}

/** Memory clipboard for when the system clipboard is unavailable (no permission, no secure context). */
let memoryClipboard: ClipboardDocument | null = null;
/** The drawn sizes of the blocks last copied in this window, with the clipboard text they belong to (newcomer s46 N13). */
let copiedSizes: { text: string; sizes: Record<string, Size> } | null = null;

function EditorInner({ onHome, status, renderHistory, scenarioStorage, flowKey, flowFile, readOnlyBanner = false }: EditorProps) {
  const store = useStudioStore();
  const rf = useReactFlow();
  const showBlock = useShowBlock();
  const clearOfOverlays = useClearOfOverlays();
  const fitFlow = useFitFlow();
  // Newcomer s46 N12: Ctrl+Z in the inspector's fields undoes the flow's typing steps, a word or a pause at a time.
  useFieldUndo(store);
  const [dialog, setDialog] = useState<null | 'find' | 'shortcuts' | 'history' | 'commands'>(null);
  const addBlock = useAddBlock();
  const [showProblems, setShowProblems] = useState(false);
  // Session 27: on the studio page (scenarioStorage given) the simulator's conversation, and whether its panel was open,
  // are kept in the tab across a reload (newcomer s24 #9 rest).
  const flowId = useStudio((s) => s.flow.id);
  const simKey = flowKey ?? flowId;
  const remember = useMemo(() => (scenarioStorage && typeof sessionStorage !== 'undefined' ? sessionStorage : null), [scenarioStorage]);
  const [showSim, setShowSim] = useState(() => {
    try {
      return remember?.getItem(`baton.simulator.open.${simKey}`) === '1';
    } catch {
      return false;
    }
  });
  useEffect(() => {
    try {
      if (showSim) remember?.setItem(`baton.simulator.open.${simKey}`, '1');
      else remember?.removeItem(`baton.simulator.open.${simKey}`);
    } catch {
      // Not kept: the panel opens closed after a reload.
    }
  }, [showSim, remember, simKey]);
  // Newcomer s26 F3 / F6: Flow settings no longer opens with the editor (it covered a quarter of the canvas) nor stays
  // open beside the simulator. The right-hand inspector shows only when something is selected or Flow settings is asked
  // for (its button, a Problems row, the command palette); its X or Escape close it.
  const [settingsAsked, setSettingsAsked] = useState(false);
  /** Session 47: the block the simulator pointed to, whose inspector waits for a click (see `quiet` below). */
  const [quietId, setQuietId] = useState<string | null>(null);
  const [theme, toggleTheme] = useTheme();
  const [bannerSlot, setBannerSlot] = useState<HTMLDivElement | null>(null);

  // Newcomer s13 #9: another window saved the flow; this one can no longer save, so it takes no edits either.
  const readOnly = useStudio((s) => s.readOnly);
  const canUndo = useStudio((s) => s.past.length > 0 && !s.readOnly);
  const canRedo = useStudio((s) => s.future.length > 0 && !s.readOnly);
  const selection = useStudio((s) => s.selection);
  const notice = useStudio((s) => s.notice);
  const validated = useProblems();
  const flowDoc = useStudio((s) => s.flow);
  // Closed dates all in the past need a clock, which the pure validator does not have (newcomer s8 #25).
  const flowProblems = useMemo(() => [...validated, ...pastClosedDatesProblems(flowDoc, localToday())], [validated, flowDoc]);
  // A field showing red holds text the flow does not have (newcomer s8 #9): it is a problem until fixed.
  const refused = useRefusedFields();
  // Newcomer s40 N8: each says where the field is (Flow settings › Escalation › Negative sentiment, or its block) and its
  // row opens it: Flow settings shown again if it was closed, the field scrolled into view with the cursor in it.
  const problems = useMemo(
    (): ProblemRow[] => [
      ...refused.map((f): ProblemRow => {
        const at = refusedPlace(f.element);
        const element = f.element;
        return {
          severity: 'error',
          code: 'field_not_saved',
          path: at?.path ?? '$',
          blockId: at?.blockId ?? null,
          message: `“${f.label}” is not saved: ${f.error}`,
          hint: 'Fix the red field; until then the flow keeps its previous value, and a reload loses what you typed there.',
          ...(at?.place ? { where: at.place } : {}),
          ...(at && element
            ? {
                open: () => {
                  if (!at.blockId) setSettingsAsked(true);
                  const later = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (fn: () => void) => setTimeout(fn, 0);
                  later(() => focusRefused(element));
                },
              }
            : {}),
        };
      }),
      ...flowProblems,
    ],
    [refused, flowProblems],
  );
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;

  const centre = useCallback(() => {
    const el = document.querySelector('.react-flow');
    const r = el?.getBoundingClientRect();
    return r ? rf.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 }) : { x: 0, y: 0 };
  }, [rf]);

  /** The canvas's visible part in flow coordinates (null before the canvas is drawn). */
  const visibleArea = useCallback(() => {
    const r = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (!r || r.width <= 0 || r.height <= 0) return null;
    const a = rf.screenToFlowPosition({ x: r.left, y: r.top });
    const b = rf.screenToFlowPosition({ x: r.right, y: r.bottom });
    return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
  }, [rf]);
  /** The last click on empty canvas (flow coordinates): where the next paste goes while it is in view. */
  const lastClick = useRef<XY | null>(null);
  const onPaneClickAt = useCallback((at: XY) => {
    lastClick.current = at;
  }, []);

  /** Width / height of the canvas area Fit View uses (without its padding and the palette beside it). */
  const canvasAspect = useCallback(() => {
    const r = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (!r || r.width <= 0 || r.height <= 0) return undefined;
    const w = r.width - parseInt(FIT_VIEW_PADDING.left, 10) - parseInt(FIT_VIEW_PADDING.right, 10);
    const h = r.height - parseInt(FIT_VIEW_PADDING.top, 10) - parseInt(FIT_VIEW_PADDING.bottom, 10);
    return w > 0 && h > 0 ? w / h : undefined;
  }, []);

  /** A problem in Flow settings (newcomer s8 #1): show Flow settings, then its field. */
  const focusSettings = useCallback(
    (path: string) => {
      store.getState().select([], []);
      requestSettingsFocus(path);
      setSettingsAsked(true);
    },
    [store],
  );

  const focusBlock = useCallback(
    (id: string) => {
      const state = store.getState();
      const opening = state.selection.length === 0;
      state.select([id]);
      // Problems, Find, the simulator's block links: the one way of bringing a block into view, readable.
      // Session 27: selecting a block now opens the inspector beside the canvas (newcomer s26 F3/F6); the canvas narrows a
      // frame later and the move then judged the block against the wider canvas (and was cut short: Find left the view
      // at 25 %). With nothing selected before, the move waits two frames for the narrowed canvas.
      if (opening && typeof requestAnimationFrame === 'function') requestAnimationFrame(() => requestAnimationFrame(() => showBlock(id, { readableZoom: 1, centre: true, duration: 300 })));
      else showBlock(id, { readableZoom: 1, centre: true, duration: 300 });
    },
    [showBlock, store],
  );
  /** The simulator's pointer to a block: selected and centred, its inspector not opened over the simulator (below). */
  const focusFromSimulator = useCallback(
    (id: string) => {
      setQuietId(id);
      focusBlock(id);
    },
    [focusBlock],
  );
  /** A Problems row: the block, with its own problem list open (newcomer s43 N5). */
  const focusProblemBlock = useCallback(
    (id: string) => {
      requestBlockProblemsOpen(id);
      focusBlock(id);
    },
    [focusBlock],
  );

  const actions = useCallback(
    (name: string) => {
      const state = store.getState();
      const ids = state.selection;
      switch (name) {
        case 'undo':
          return state.undo();
        case 'redo':
          return state.redo();
        case 'delete': {
          const blocks = ids.filter((id) => state.flow.blocks.some((b) => b.id === id));
          const groupIds = new Set(((state.flow as { groups?: { id: string }[] }).groups ?? []).map((g) => g.id));
          const groups = ids.filter((id) => groupIds.has(id));
          const notes = ids.filter((id) => !blocks.includes(id) && !groupIds.has(id));
          const edits = [
            ...groups.map((id) => ({ type: 'ungroup' as const, id })),
            ...(state.edgeSelection.length ? [{ type: 'disconnect' as const, edgeIds: state.edgeSelection }] : []),
            ...(blocks.length ? [{ type: 'delete_blocks' as const, ids: blocks }] : []),
            ...(notes.length ? [{ type: 'delete_notes' as const, ids: notes }] : []),
          ];
          if (edits.length) state.dispatch({ type: 'batch', label: 'Delete', edits });
          return;
        }
        case 'duplicate': {
          const blocks = ids.filter((id) => state.flow.blocks.some((b) => b.id === id));
          // Session 42 (studio3): a copy made under the minimap or the zoom buttons is panned clear once drawn.
          if (blocks.length && state.dispatch({ type: 'duplicate_blocks', ids: blocks }, { label: 'Duplicate' })) clearOfOverlays(store.getState().selection);
          return;
        }
        case 'selectAll':
          return state.select(state.flow.blocks.map((b) => b.id));
        case 'find':
          return setDialog('find');
        case 'shortcuts':
          return setDialog('shortcuts');
        case 'commands':
          return setDialog('commands');
        case 'fitView':
          return fitFlow();
        case 'zoomIn':
          return void rf.zoomIn({ duration: 150 });
        case 'zoomOut':
          return void rf.zoomOut({ duration: 150 });
        case 'layout': {
          // Newcomer s43 N2: 302 blocks took ~14 s with no sign of it; a big flow says so first, and the notice has a frame
          // to show before elk takes the page's thread.
          const big = state.flow.blocks.length > BIG_FLOW;
          if (big) state.notify(`Laying out ${state.flow.blocks.length} blocks: this takes a few seconds…`, 'info');
          const wait = big ? new Promise<void>((r) => setTimeout(r, 60)) : Promise.resolve();
          return void wait.then(() => autoLayoutEdit(state.flow, state.measured, { aspectRatio: canvasAspect() })).then((edit) => {
            if (!edit || !store.getState().dispatch(edit, { label: 'Automatic layout' })) return;
            if (big) store.getState().notify(`Laid out ${state.flow.blocks.length} blocks. Undo (Ctrl+Z) puts them back.`, 'info');
            // Newcomer s40 N5: with the inspector open the laid-out flow was too wide for the canvas at 50 %, so Fit View's
            // "readable" view showed its left part and the rest ran on under the inspector (only a second Fit View showed it
            // whole). After a layout the designer wants its shape: the whole flow in the visible canvas (session 41 stopped at the
            // zoom a flow opens at, 15 %; see below), with the bounds taken from the laid-out positions in the document (the canvas's
            // nodes may not have them yet a frame later).
            const now = store.getState();
            const bounds = flowBounds(now.flow, now.measured);
            const startBlock = now.flow.blocks.find((b) => b.kind === 'start');
            const start = startBlock ? { x: startBlock.position?.x ?? 0, y: startBlock.position?.y ?? 0, ...(now.measured[startBlock.id] ?? DEFAULT_BLOCK_SIZE) } : undefined;
            // Newcomer s42 N2: Northwind (46 blocks) laid out beside the inspector fits at 14 % (8 % at 1,024 x 700), under
            // that floor, so the readable view showed 3 blocks: after a layout the whole flow, however small (floor 0).
            if (bounds) requestAnimationFrame(() => fitFlow(300, { bounds, start, floor: 0 }));
          });
        }
        case 'note': {
          const c = centre();
          const at = findFreeSpot({ x: c.x - DEFAULT_NOTE_SIZE.width / 2, y: c.y - DEFAULT_NOTE_SIZE.height / 2 }, DEFAULT_NOTE_SIZE, occupiedRects(state.flow, state.measured));
          // The new note is selected: its text box takes the keyboard at once, so what is typed next goes into the note
          // (newcomer s6 #25: the text went nowhere and each "n" typed added another note).
          if (state.dispatch({ type: 'add_note', position: at, text: '' }, { label: 'Add note' })) setTimeout(() => document.querySelector<HTMLTextAreaElement>('[data-note-editor]')?.focus(), 0);
          return;
        }
        case 'group': {
          const blocks = ids.filter((id) => state.flow.blocks.some((b) => b.id === id));
          if (blocks.length) state.dispatch({ type: 'group', ids: blocks, title: 'Group' }, { label: 'Group' });
          return;
        }
        case 'escape':
          setDialog(null);
          setVisibleNotice(null);
          // Escape with nothing selected closes Flow settings too (a dialog's Escape only closes the dialog).
          if (!document.querySelector('[role="dialog"]') && state.selection.length === 0 && !isTyping(document.activeElement)) setSettingsAsked(false);
          return state.select([], []);
      }
    },
    [store, rf, centre, fitFlow, clearOfOverlays],
  );

  /** Moves the selected blocks and notes by `delta` (arrow keys); a burst of presses is one undo step. False: nothing selected. */
  const nudge = useCallback(
    (delta: { x: number; y: number }) => {
      const state = store.getState();
      const ids = new Set(state.selection);
      const notes = (state.flow as { notes?: { id: string; position: { x: number; y: number } }[] }).notes ?? [];
      const moves = [
        ...state.flow.blocks.filter((b) => ids.has(b.id)).map((b) => ({ id: b.id, position: { x: (b.position?.x ?? 0) + delta.x, y: (b.position?.y ?? 0) + delta.y } })),
        ...notes.filter((n) => ids.has(n.id)).map((n) => ({ id: n.id, position: { x: n.position.x + delta.x, y: n.position.y + delta.y } })),
      ];
      if (moves.length === 0) return false;
      state.dispatch({ type: 'move_blocks', moves }, { label: moves.length === 1 ? 'Move block' : `Move ${moves.length} blocks`, coalesceKey: 'nudge', coalesceMs: 1500 });
      return true;
    },
    [store],
  );

  // Keyboard shortcuts (not while typing in a field).
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const action = matchShortcut(e);
      if (!action) return;
      // Newcomer s45 N11: Escape in the inspector's text field deselected the block and closed the inspector. Escape in a
      // text field (inspector, Flow settings, palette search, simulator) now only leaves the field, the selection kept;
      // from the canvas or the page it closes the notice and clears the selection (a dialog's Escape closes the dialog).
      // A field that used Escape itself (a suggestion list closed) keeps the focus.
      if (action === 'escape' && isTyping(e.target) && !document.querySelector('[role="dialog"]')) {
        if (!e.defaultPrevented) (e.target as HTMLElement).blur();
        e.preventDefault();
        return;
      }
      // Ctrl+K opens the command palette from a text field too (it types nothing there); other keys are the field's.
      if (isTyping(e.target) && e.key !== 'Escape' && action !== 'commands') return;
      // While a dialog is open only Escape reaches the editor.
      if (document.querySelector('[role="dialog"]') && e.key !== 'Escape') return;
      // Arrow keys move the selected blocks and notes; with nothing selected they are left to the page.
      const delta = nudgeDelta(action, e.shiftKey);
      if (delta) {
        // Only from the canvas or the page itself: a focused control (tabs, a list, a slider) owns its arrow keys
        // (review s19 R14: the inspector's Assignation tabs moved the block too).
        const t = e.target as HTMLElement | null;
        const onCanvasOrPage = !t || typeof t.closest !== 'function' || t === document.body || t.closest('.react-flow') !== null;
        if (onCanvasOrPage && nudge(delta)) e.preventDefault();
        return;
      }
      e.preventDefault();
      actions(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions, nudge]);

  // Copy, cut and paste through the system clipboard (plain JSON text: works between flows and windows).
  useEffect(() => {
    const onCopy = (e: ClipboardEvent, cut: boolean) => {
      if (isTyping(e.target)) return;
      const state = store.getState();
      if (state.selection.length === 0) return;
      const doc = copyToClipboard(state.flow, state.selection);
      memoryClipboard = doc;
      // Newcomer s46 N13: the copied blocks' drawn sizes, so a paste (into any flow of this window) leaves them room.
      copiedSizes = { text: JSON.stringify(doc), sizes: Object.fromEntries(state.selection.flatMap((id) => (state.measured[id] ? [[id, state.measured[id]]] : []))) };
      e.clipboardData?.setData('text/plain', JSON.stringify(doc));
      e.preventDefault();
      if (cut) actions('delete');
    };
    const copy = (e: ClipboardEvent) => onCopy(e, false);
    const cut = (e: ClipboardEvent) => onCopy(e, true);
    const paste = (e: ClipboardEvent) => {
      if (isTyping(e.target)) return;
      const text = e.clipboardData?.getData('text/plain');
      let doc: unknown = memoryClipboard;
      if (text) {
        try {
          doc = JSON.parse(text);
        } catch {
          doc = null;
        }
      }
      if (!doc || !isClipboardDocument(doc)) {
        if (text) store.getState().notify('The clipboard holds no Baton blocks (copy blocks in a Baton studio first).', 'info');
        return;
      }
      e.preventDefault();
      const state = store.getState();
      // Newcomer s40 N17: where the designer last clicked on empty canvas (while in view), else the view's centre.
      const sizes = copiedSizes && (text ? text === copiedSizes.text : doc === memoryClipboard) ? copiedSizes.sizes : {};
      const at = pasteSpot(state.flow, state.measured, doc as ClipboardDocument, pasteAnchor(lastClick.current, visibleArea()), sizes);
      // Session 42 (studio3): pasted at a click under the minimap or the zoom buttons, the view pans them clear once drawn.
      if (state.dispatch({ type: 'paste', clipboard: doc as ClipboardDocument, position: at }, { label: 'Paste' })) clearOfOverlays(store.getState().selection);
    };
    document.addEventListener('copy', copy);
    document.addEventListener('cut', cut);
    document.addEventListener('paste', paste);
    return () => {
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', paste);
    };
  }, [store, actions, visibleArea, clearOfOverlays]);

  // Notices fade after a few seconds.
  /** The command palette's list (Ctrl+K): the shortcut table's actions, the top bar's panels, every block kind. */
  const paletteCommands = (): PaletteCommand[] => [
    ...shortcuts
      .filter((s) => !s.unlisted && !['commands', 'escape', 'nudgeLeft'].includes(s.action))
      .map((s) => ({ id: s.action, label: s.description, group: 'Edit and view', keys: s.keys, disabled: Boolean(readOnly) && ['undo', 'redo', 'delete', 'duplicate', 'layout', 'group', 'note'].includes(s.action), run: () => actions(s.action) })),
    { id: 'simulator', label: showSim ? 'Close the simulator' : 'Open the simulator', group: 'Panels', keywords: ['test', 'try', 'chat', 'run'], run: () => setShowSim((v) => !v) },
    { id: 'problems', label: 'Show the problems list', group: 'Panels', keywords: ['errors', 'warnings', 'validate'], run: () => setShowProblems(true) },
    { id: 'settings', label: 'Flow settings', group: 'Panels', keywords: ['escalation', 'time zone', 'name', 'id'], run: openSettings },
    ...(renderHistory ? [{ id: 'history', label: 'Version history', group: 'Panels', keywords: ['versions', 'restore'], run: () => setDialog('history') }] : []),
    { id: 'theme', label: theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme', group: 'Panels', run: toggleTheme },
    ...(onHome ? [{ id: 'home', label: 'Back to flows', group: 'Panels', keywords: ['home', 'open', 'templates'], run: onHome }] : []),
    ...paletteEntries().flatMap((g) =>
      g.entries.map((e) => ({ id: `add-${e.kind}`, label: `Add ${withArticle(e.label)} block`, group: 'Add a block', keywords: [e.kind, e.description, g.group], disabled: Boolean(readOnly), run: () => addBlock(e) })),
    ),
  ];

  const [visibleNotice, setVisibleNotice] = useState<typeof notice>(null);
  useEffect(() => {
    if (!notice) return;
    setVisibleNotice(notice);
    const t = setTimeout(() => setVisibleNotice(null), 4500);
    return () => clearTimeout(t);
  }, [notice]);

  // A selection shows its own inspector: Flow settings asked for earlier is closed with it, not shown again on deselect.
  const selected = selection.length > 0;
  useEffect(() => {
    if (selected) setSettingsAsked(false);
  }, [selected]);
  // Session 47: a block the simulator points to (a failing scenario after Run all, a block link in the chat or Debug) is
  // selected and centred, but its inspector waits for a click on it: opened at once, it covered the simulator below
  // 1600 px (the results the designer had just asked for). Any other selection, or a click on a block, opens it.
  const quiet = quietId !== null && showSim && selection.length === 1 && selection[0] === quietId;
  useEffect(() => {
    if (quietId !== null && !(selection.length === 1 && selection[0] === quietId)) setQuietId(null);
  }, [quietId, selection]);
  const inspectorOpen = (selected && !quiet) || settingsAsked;
  // Newcomer s46 N10: with the inspector and the simulator both open, the canvas had ~600 px at 1440 px and its zoom
  // buttons sat on a block. Opening the simulator now puts the inspector away (what was selected, or Flow settings) and
  // closing it brings that back, unless something else was opened meanwhile. A block clicked while the simulator is
  // open still opens its inspector (over the simulator below 1600 px, simulator.css, with "Back to the simulator").
  const parked = useRef<{ ids: string[]; settings: boolean } | null>(null);
  const settingsAskedRef = useRef(settingsAsked);
  settingsAskedRef.current = settingsAsked;
  const simWasOpen = useRef(showSim);
  useEffect(() => {
    if (simWasOpen.current === showSim) return;
    simWasOpen.current = showSim;
    const st = store.getState();
    if (showSim) {
      if (st.selection.length === 0 && !settingsAskedRef.current) return;
      parked.current = { ids: st.selection, settings: settingsAskedRef.current };
      st.select([], []);
      setSettingsAsked(false);
      return;
    }
    const p = parked.current;
    parked.current = null;
    if (!p || st.selection.length > 0 || settingsAskedRef.current) return;
    const flow = st.flow as { blocks: { id: string }[]; notes?: { id: string }[]; groups?: { id: string }[] };
    const exists = (id: string) => [flow.blocks, flow.notes ?? [], flow.groups ?? []].some((list) => list.some((x) => x.id === id));
    const ids = p.ids.filter(exists);
    if (ids.length > 0) st.select(ids, []);
    else if (p.settings) setSettingsAsked(true);
  }, [showSim, store]);
  const closeInspector = useCallback(() => {
    setSettingsAsked(false);
    store.getState().select([], []);
  }, [store]);
  const openSettings = useCallback(() => {
    store.getState().select([], []);
    setSettingsAsked(true);
  }, [store]);

  const titleOf = useCallback(
    (id: string) => {
      const b = flowDoc.blocks.find((x) => x.id === id);
      if (!b) return id;
      // Newcomer s43 N12: two blocks both called "Buttons" could not be told apart in the Problems list. Newcomer s46 N8:
      // nor by their ids alone: an unlabelled block is named by its first words (designerWords.ts, problemBlockName).
      return problemBlockName(b, flowDoc.blocks);
    },
    [flowDoc],
  );

  const ownTitle = useCallback(
    (id: string) => {
      const b = flowDoc.blocks.find((x) => x.id === id);
      return b ? blockTitle(b) : null;
    },
    [flowDoc],
  );

  const single = selection.length === 1 ? selection[0] : null;
  const isBlock = useStudio((s) => (single ? s.flow.blocks.some((b) => b.id === single) : false));
  const isGroup = useStudio((s) => (single ? ((s.flow as { groups?: { id: string }[] }).groups ?? []).some((g) => g.id === single) : false));

  return (
    <BannerSlot.Provider value={bannerSlot}>
      <div className="st-editor">
        <header className="st-topbar">
          {onHome && (
            <Button variant="ghost" size="icon" aria-label="Back to flows" title="Back to flows" onClick={onHome}>
              <ArrowLeft size={16} />
            </Button>
          )}
          <div className="st-brand" aria-hidden="true">
            B
          </div>
          <FlowNameTitle />
          {status}
          <div className="st-topbar-spacer" />
          {/* Session 45 (studio8, newcomer s44 N8, retest-studio s44): nine icon-only tools in one run, the ▶ simulator hard to
              find, the flow name cut at 1,024 px. The tools are in named groups (edit, test, canvas, flow, studio) with a
              line between groups; the Simulator and Settings carry their word at every width, Find, Layout, Note and
              History from 1,360 px (studio.css); the name takes two lines rather than being cut. */}
          <div className="st-toolbar" role="toolbar" aria-label="Editor">
            <div className="st-tool-group" role="group" aria-label="Edit">
              <Button variant="ghost" size="icon" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!canUndo} onClick={() => actions('undo')}>
                <Undo2 size={16} />
              </Button>
              <Button variant="ghost" size="icon" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!canRedo} onClick={() => actions('redo')}>
                <Redo2 size={16} />
              </Button>
            </div>
            <div className="st-tool-group" role="group" aria-label="Test">
              <Button variant={showSim ? 'primary' : 'ghost'} className="st-tool" data-label="always" aria-label={showSim ? 'Close the simulator' : 'Open the simulator'} title="Simulator: test the flow here" aria-pressed={showSim} onClick={() => setShowSim((v) => !v)}>
                <Play size={16} aria-hidden="true" />
                <span className="st-tool-label">Simulator</span>
              </Button>
            </div>
            <div className="st-tool-group" role="group" aria-label="Canvas">
              <Button variant="ghost" className="st-tool" data-label="wide" aria-label="Find a block" title="Find a block (Ctrl+F)" onClick={() => actions('find')}>
                <Search size={16} aria-hidden="true" />
                <span className="st-tool-label">Find</span>
              </Button>
              <Button variant="ghost" className="st-tool" data-label="wide" aria-label="Automatic layout" title="Automatic layout (Ctrl+Shift+L)" onClick={() => actions('layout')}>
                <LayoutGrid size={16} aria-hidden="true" />
                <span className="st-tool-label">Layout</span>
              </Button>
              <Button variant="ghost" className="st-tool" data-label="wide" aria-label="Add a sticky note" title="Add a sticky note (N)" onClick={() => actions('note')}>
                <StickyNote size={16} aria-hidden="true" />
                <span className="st-tool-label">Note</span>
              </Button>
            </div>
            <div className="st-tool-group" role="group" aria-label="Flow">
              {renderHistory && (
                <Button variant="ghost" className="st-tool" data-label="wide" aria-label="Version history" title="Version history" onClick={() => setDialog('history')}>
                  <History size={16} aria-hidden="true" />
                  <span className="st-tool-label">History</span>
                </Button>
              )}
              <Button variant={settingsAsked && !selected ? 'primary' : 'ghost'} className="st-tool" data-label="always" aria-label="Flow settings" title="Flow settings" aria-pressed={settingsAsked && !selected} onClick={openSettings}>
                <Settings2 size={16} aria-hidden="true" />
                <span className="st-tool-label">Settings</span>
              </Button>
            </div>
            <div className="st-tool-group" role="group" aria-label="Studio">
              <Button variant="ghost" size="icon" aria-label={theme === 'dark' ? 'Light theme' : 'Dark theme'} title="Switch theme" onClick={toggleTheme}>
                {theme === 'dark' ? <Sun size={16} /> : <Moon size={16} />}
              </Button>
              <Button variant="ghost" size="icon" aria-label="Commands" title="Commands: every action and block by name (Ctrl+K)" onClick={() => actions('commands')}>
                <CommandIcon size={16} aria-hidden="true" />
              </Button>
              <Button variant="ghost" size="icon" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => actions('shortcuts')}>
                <HelpCircle size={16} />
              </Button>
            </div>
          </div>
        </header>
        {/* Banners (stale window, kept edits, changed on disk...) push the panels down instead of covering them (newcomer s17 N#2). */}
        <div className="st-banner-slot" ref={setBannerSlot} />
        {/* data-inspector: the inspector column is drawn only when open (studio.css); with the simulator open the palette
            stays, as a column of icons (simulator.css), so blocks can still be dragged in while testing. */}
        <div className="st-main" data-simulator={showSim ? 'open' : undefined} data-inspector={inspectorOpen ? 'open' : 'closed'}>
          <fieldset className="st-readonly-scope" disabled={!!readOnly} title={readOnly ?? undefined}>
            <Palette compact={showSim} />
          </fieldset>
          <main className="st-canvas" aria-label="Canvas" onPointerDownCapture={quietId !== null ? (e) => { if ((e.target as Element).closest?.('.react-flow__node')) setQuietId(null); } : undefined}>
            <Canvas onPaneClickAt={onPaneClickAt} />
            {/* Session 45 (studio8, retest-studio s44 #8): the problem badge and the notice share the top of the canvas: the
                badge at the right, the notice in the room left of it, or under it when the canvas is narrow (studio.css).
                Centred over the canvas, "End inserted... Undo" covered "N errors, M warnings in this flow" while shown. */}
            <div className="st-canvas-top">
              <button type="button" className="st-problems-toggle" data-tone={errors ? 'error' : warnings ? 'warning' : 'ok'} onClick={() => setShowProblems((v) => !v)} aria-expanded={showProblems}>
                {problems.length === 0 ? <CircleCheck size={14} /> : <AlertTriangle size={14} />}
                {problemCount(errors, warnings)}
                {problems.length > 0 && <span className="st-problems-scope"> in this flow</span>}
              </button>
              {visibleNotice && (
                <div className="st-toast" role="alert" data-tone={visibleNotice.tone}>
                  {/* A block's title quoted in a notice ("End inserted: ... “Choose ⟨RLO⟩yap” ...") shows its direction
                      characters marked, as the canvas does (session 45, studio8). */}
                  <ShownDirection text={visibleNotice.text} />
                  {visibleNotice.action?.opens === 'problems' && (
                    <button
                      type="button"
                      className="st-toast-action"
                      onClick={() => {
                        setShowProblems(true);
                        setVisibleNotice(null);
                      }}
                    >
                      {visibleNotice.action.label}
                    </button>
                  )}
                  {visibleNotice.action?.opens === 'undo' && (
                    <button
                      type="button"
                      className="st-toast-action"
                      onClick={() => {
                        store.getState().undo();
                        setVisibleNotice(null);
                      }}
                    >
                      {visibleNotice.action.label}
                    </button>
                  )}
                </div>
              )}
            </div>
            {flowDoc.blocks.length === 1 && flowDoc.blocks[0].kind === 'start' && (
              // Newcomer s12 #18: a blank flow opened on an empty canvas with a red badge and no word on what to do.
              <p className="st-canvas-hint" role="note">
                An empty flow: click a block in the palette on the left to add it after Start, connected. After that, a new block
                goes after the selected one. The badge at the top right lists what the flow still needs.
              </p>
            )}
            {showProblems && <ProblemsPanel problems={problems} onFocus={focusProblemBlock} onFocusSettings={focusSettings} onClose={() => setShowProblems(false)} titleOf={titleOf} renderFix={renderProblemFix} ownTitle={ownTitle} />}
          </main>
          <aside className="st-inspector" aria-label="Inspector" data-readonly={readOnly ? 'true' : undefined}>
            {/* Newcomer s40 N14: below 1280 px the inspector covers the simulator (simulator.css); this bar (shown only
                then) says so and goes back to it. */}
            {inspectorOpen && showSim && (
              <button type="button" className="st-inspector-back" onClick={closeInspector}>
                <ArrowLeft size={14} aria-hidden="true" /> Back to the simulator
              </button>
            )}
            {inspectorOpen && (
              <Button variant="ghost" size="icon" className="st-inspector-close" aria-label={selected ? 'Close the inspector' : 'Close Flow settings'} title="Close (Escape)" onClick={closeInspector}>
                <X size={16} />
              </Button>
            )}
            {readOnly && (
              <p className="st-readonly-note" role="note" title={readOnlyBanner ? readOnly : undefined}>
                {readOnlyBanner ? 'Read-only: the banner above says why and what to do.' : readOnly}
              </p>
            )}
            <fieldset className="st-readonly-scope" disabled={!!readOnly}>
              {single && isBlock ? <BlockInspector blockId={single} /> : single && isGroup ? <GroupInspector groupId={single} /> : single ? <NoteInspector noteId={single} /> : selection.length > 1 ? <MultiSelection count={selection.length} onGroup={() => actions('group')} onDelete={() => actions('delete')} onDuplicate={() => actions('duplicate')} /> : <FlowSettings flowFile={flowFile} />}
            </fieldset>
          </aside>
          {showSim && (
            <Suspense fallback={<aside className="sim-panel sim-loading" aria-label="Simulator (loading)" aria-busy="true">Loading the simulator…</aside>}>
              <SimulatorPanel onClose={() => setShowSim(false)} onFocusBlock={focusFromSimulator} storage={scenarioStorage} remember={remember} rememberKey={simKey} />
            </Suspense>
          )}
        </div>
        {dialog === 'find' && <FindDialog onClose={() => setDialog(null)} onPick={(id) => { setDialog(null); focusBlock(id); }} />}
        {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(null)} />}
        {dialog === 'commands' && <CommandPalette onClose={() => setDialog(null)} commands={paletteCommands()} />}
        {dialog === 'history' && renderHistory?.(() => setDialog(null))}
      </div>
    </BannerSlot.Provider>
  );
}

function MultiSelection({ count, onGroup, onDelete, onDuplicate }: { count: number; onGroup(): void; onDelete(): void; onDuplicate(): void }) {
  return (
    <div className="st-inspector-body">
      <h2 className="st-inspector-kind">{count} items selected</h2>
      <p className="bt-field-help">Drag any of them to move them together.</p>
      <div className="st-inline">
        <Button onClick={onDuplicate}>Duplicate</Button>
        <Button onClick={onGroup}>Group</Button>
        <Button variant="danger" onClick={onDelete}>
          Delete
        </Button>
      </div>
    </div>
  );
}
