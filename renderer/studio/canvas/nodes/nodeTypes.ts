import type { NodeTypes } from '@xyflow/react';
import { blockKinds } from '../../../../shared/flow/schema';
import { makeBlockNode } from './BlockNode';
import { GroupNode } from './GroupNode';
import { NoteNode } from './NoteNode';

/**
 * Declared once at module scope: React Flow warns (and re-mounts every node) when `nodeTypes` changes
 * identity between renders.
 */
export const nodeTypes: NodeTypes = {
  ...Object.fromEntries(blockKinds.map((kind) => [kind, makeBlockNode(kind)])),
  note: NoteNode,
  group: GroupNode,
};
