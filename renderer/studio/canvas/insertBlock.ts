import type { FlowEdit, XY } from '../../../shared/flow/edit/types';
import type { BlockKind, Flow } from '../../../shared/flow/schema';
import { definitionOf } from '../blockCatalog';

/** The smallest free `${kind}-${n}` id (deterministic, readable in exports). */
export function nextBlockId(flow: Flow, kind: string): string {
  const taken = new Set(flow.blocks.map((b) => b.id));
  for (const note of (flow as { notes?: { id: string }[] }).notes ?? []) taken.add(note.id);
  const base = kind.replace(/_/g, '-');
  let n = 1;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

/**
 * Dropping a block on an edge A -> B inserts it: A's exit now leads to the new block, and the new block's
 * main exit leads to B. One batch, so one undo step. Returns null when the kind has no exit to continue
 * with (End, Jump): the caller then just adds the block.
 */
export function insertBlockEdit(flow: Flow, kind: BlockKind, position: XY, edge: Flow['edges'][number]): FlowEdit | null {
  const def = definitionOf(kind);
  const id = nextBlockId(flow, kind);
  const exits: string[] = def.exits({ id, kind, data: def.defaultData() } as never);
  const out = exits.includes('next') ? 'next' : exits.find((e) => e !== 'fallback');
  if (!out) return null;
  return {
    type: 'batch',
    label: `Insert ${def.label}`,
    edits: [
      { type: 'add_block', kind, position, id },
      { type: 'disconnect', edgeIds: [edge.id] },
      { type: 'connect', from: edge.from, exit: edge.exit, to: id },
      { type: 'connect', from: id, exit: out, to: edge.to },
    ],
  };
}

/**
 * Newcomer s26 F15: a connection dragged from `from`'s `exit` and dropped on empty canvas, then a block chosen in the
 * picker there: the new block at `position`, connected from that exit, in one batch (one undo step). An exit already
 * connected is moved to the new block (the designer dragged it out on purpose); `replaced` names the block it left.
 */
export function addConnectedEdit(flow: Flow, from: string, exit: string, kind: BlockKind, position: XY, label: string): { edit: FlowEdit; id: string; replaced: string | null } {
  const id = nextBlockId(flow, kind);
  const existing = (flow.edges ?? []).find((e) => e.from === from && e.exit === exit);
  return {
    id,
    replaced: existing?.to ?? null,
    edit: {
      type: 'batch',
      label: `Add ${label}`,
      edits: [
        { type: 'add_block', kind, position, id },
        { type: 'connect', from, exit, to: id, ...(existing ? { replace: true } : {}) },
      ],
    },
  };
}
