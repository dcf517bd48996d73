import { memo } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import type { GroupNodeData } from '../deriveNodes';

/** A group: a coloured frame with a title around its blocks; dragging the frame moves the blocks. */
export const GroupNode = memo(function GroupNode({ data, selected }: NodeProps<Node<GroupNodeData>>) {
  return (
    <div className="bt-group" data-color={data.group.color} data-selected={selected || undefined}>
      <div className="bt-group-title">{data.group.title}</div>
    </div>
  );
});
