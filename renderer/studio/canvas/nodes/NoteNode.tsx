import { NodeResizer, type NodeProps, type Node } from '@xyflow/react';
import { memo } from 'react';
import type { NoteNodeData } from '../deriveNodes';

/** A sticky note: coloured paper with free text; not part of the conversation logic. */
export const NoteNode = memo(function NoteNode({ data, selected }: NodeProps<Node<NoteNodeData>>) {
  const { note } = data;
  return (
    <div className="bt-note" data-color={note.color} data-selected={selected || undefined}>
      <NodeResizer isVisible={selected} minWidth={140} minHeight={80} lineClassName="bt-note-resize" />
      <div className="bt-note-text">{note.text || 'Double-click to write a note'}</div>
    </div>
  );
});
