/**
 * Flow-edit operations: the only way the studio changes a flow document.
 *
 * Every operation is plain, serialisable JSON (it can be journaled, sent over IPC, replayed). `applyEdit`
 * (shared/flow/edit/applyEdit.ts) turns one into the next flow plus immer patches and their inverse, so
 * undo is `applyPatches(flow, inverse)` and redo is `applyPatches(flow, patches)`. A `batch` is one undo
 * step (an automatic layout, a drag of several blocks, a paste).
 *
 * Invalid operations throw `FlowEditError` (shared/flow/edit/errors.ts) and leave the flow untouched.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import type { Patch } from 'immer';
import type { BlockKind, EscalationPolicy, Flow, Settings, Variable } from '../schema';
import type { BlockGroup, FrameColor, StickyNote } from './canvasSchema';

export interface XY {
  x: number;
  y: number;
}
export interface Size {
  width: number;
  height: number;
}

/** A partial object, any depth. Arrays and scalars given here replace the current value whole. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export { frameColors, type FrameColor, type StickyNote, type BlockGroup } from './canvasSchema';

/** Plain JSON put on the (system) clipboard by `copyToClipboard`; `paste` recognises it by `format`. */
export interface ClipboardDocument {
  format: 'baton/clipboard';
  version: 1;
  /** Id of the flow it was copied from (informative; pasting into another flow is allowed). */
  sourceFlowId: string;
  /** Copied blocks with their data and positions (ids as in the source flow). */
  blocks: Flow['blocks'];
  /** Edges whose both ends are copied blocks. */
  edges: Flow['edges'];
  /** Declared variables the copied blocks use, so pasting into another flow declares them too. */
  variables: Variable[];
  /** Sticky notes copied along (by id in the copy selection). */
  notes: StickyNote[];
  /** Groups whose blocks are all copied. */
  groups: BlockGroup[];
}

export type FlowEdit =
  /** Adds a block with the kind's default data (merged with `data`), a fresh id unless `id` is free. */
  | { type: 'add_block'; kind: BlockKind; position?: XY; id?: string; label?: string; data?: Record<string, unknown> }
  /**
   * Drops a new block onto an existing connection: `from --exit--> to` becomes
   * `from --exit--> new --(new's first exit)--> to` (the second edge only when the new block has an exit
   * that can lead to `to`). One undo step.
   */
  | { type: 'insert_on_edge'; edgeId: string; kind: BlockKind; position?: XY; id?: string; data?: Record<string, unknown> }
  /** Moves blocks and/or sticky notes (ids of either) to absolute positions. */
  | { type: 'move_blocks'; moves: { id: string; position: XY }[] }
  /**
   * Wires `from`'s `exit` to `to` (checked with `canConnect`). When the exit is already wired the edit
   * is refused unless `replace` is true, in which case the old edge is removed in the same step.
   */
  | { type: 'connect'; from: string; exit: string; to: string; id?: string; replace?: boolean }
  | { type: 'disconnect'; edgeIds: string[] }
  /**
   * Deletes blocks and everything pointing at them: their edges, `jump` targets (cleared), the escalation
   * target (cleared), group membership (empty groups removed). The start block cannot be deleted.
   */
  | { type: 'delete_blocks'; ids: string[] }
  /** Changes a block's id everywhere it is referenced (edges, jumps, escalation target, groups). */
  | { type: 'rename_block'; from: string; to: string }
  /** Sets (or with `label: undefined`/'' clears) the designer's label shown on the canvas. */
  | { type: 'set_block_label'; id: string; label?: string }
  /** Copies blocks (fresh ids; option ids kept) with the edges between them, offset by `offset` (default 40,40). */
  | { type: 'duplicate_blocks'; ids: string[]; offset?: XY }
  /** Pastes a clipboard document (or its JSON text): fresh ids, internal edges kept, top-left placed at `position` if given. */
  | { type: 'paste'; clipboard: ClipboardDocument | string; position?: XY }
  /**
   * Edits block data. `data` is deep-merged into the current data (objects merged key by key; arrays and
   * scalars replaced; a key set to `undefined` is removed). The result must still parse.
   */
  | { type: 'set_block_data'; id: string; data: Record<string, unknown> }
  /** Sets one value at `path` inside the block's data (e.g. ['autoAssign', 'enabled']). */
  | { type: 'set_block_field'; id: string; path: (string | number)[]; value: unknown }
  /**
   * Option lists that create exits: buttons `options`, intent_router `intents`, keyword_router `routes`.
   * An option's id is its exit name, so edges follow it when options are reordered; removing an option
   * removes the edges leaving through it.
   */
  | { type: 'add_option'; blockId: string; label?: string; id?: string; index?: number }
  | { type: 'remove_option'; blockId: string; optionId: string }
  | { type: 'reorder_option'; blockId: string; optionId: string; toIndex: number }
  | { type: 'add_variable'; variable: { name: string } & Partial<Omit<Variable, 'name'>> }
  /** Changes a variable's type, default or description (not its name: see `rename_variable`). */
  | { type: 'update_variable'; name: string; changes: Partial<Omit<Variable, 'name'>> }
  /** Renames a variable and every use: `{{templates}}` anywhere, rules, blocks' `variable` fields. */
  | { type: 'rename_variable'; from: string; to: string }
  /** Removes the declaration (uses stay and the validator reports them; see `variableUses`). */
  | { type: 'delete_variable'; name: string }
  /** `id` (session 39): a new flow id in the same step, e.g. a blank flow's placeholder id following its first name. */
  | { type: 'set_flow_info'; name?: string; description?: string; id?: string }
  | { type: 'set_settings'; settings: Partial<Settings> }
  /** Deep-merged like `set_block_data`. */
  | { type: 'set_escalation'; escalation: DeepPartial<EscalationPolicy> }
  | { type: 'add_note'; id?: string; text?: string; position: XY; size?: Size; color?: FrameColor }
  | { type: 'update_note'; id: string; text?: string; position?: XY; size?: Size; color?: FrameColor }
  | { type: 'delete_notes'; ids: string[] }
  /** Makes a group of blocks (a block belongs to at most one group: it leaves its old one). */
  | { type: 'group'; ids: string[]; title?: string; color?: FrameColor; id?: string }
  | { type: 'update_group'; id: string; title?: string; color?: FrameColor; blockIds?: string[] }
  /** Removes the group frame; its blocks stay. */
  | { type: 'ungroup'; id: string }
  /** Several edits as one undo step; `label` names it in the undo history ("Automatic layout"). */
  | { type: 'batch'; label: string; edits: FlowEdit[] };

export type FlowEditType = FlowEdit['type'];

export interface EditResult {
  flow: Flow;
  /** Redo: `applyPatches(before, patches)` gives `flow`. */
  patches: Patch[];
  /** Undo: `applyPatches(flow, inverse)` gives the flow before the edit. */
  inverse: Patch[];
  /** Ids the studio should select after the edit (new blocks, pasted blocks...), when it changes. */
  selection?: string[];
}

export type ConnectCheck = { ok: true } | { ok: false; reason: string };
