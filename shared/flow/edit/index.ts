/**
 * Flow-edit operations: the studio dispatches these and nothing else changes a flow.
 *
 *   const r = applyEdit(flow, { type: 'connect', from: 'menu', exit: 'track', to: 'ask_order' });
 *   undo: applyPatches(r.flow, r.inverse)   redo: applyPatches(before, r.patches)
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import { applyPatches as immerApplyPatches, enableArrayMethods, enablePatches, type Patch } from 'immer';
import type { Flow } from './tx';

enablePatches();
enableArrayMethods();

export { applyEdit, freshBlockId } from './applyEdit';
export { describeEdit } from './describeEdit';
export { canConnect, type ConnectOptions } from './canConnect';
export { copyToClipboard, isClipboardDocument, parseClipboard, CLIPBOARD_FORMAT } from './clipboard';
export { FlowEditError, type FlowEditErrorCode } from './errors';
export { variableUses, type VariableUseSite } from './variables';
export { stickyNoteSchema, blockGroupSchema, canvasFields } from './canvasSchema';
export type { Flow as EditableFlow } from './tx';
export * from './types';

/** Applies patches from an EditResult (`inverse` to undo, `patches` to redo). */
export function applyPatches<T extends Flow>(flow: T, patches: readonly Patch[]): T {
  return immerApplyPatches(flow, patches as Patch[]) as T;
}
