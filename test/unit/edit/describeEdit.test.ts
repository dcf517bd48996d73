import { describe, expect, it } from 'vitest';
import { copyToClipboard, describeEdit } from '../../../shared/flow/edit';
import { tinyFlow } from './helpers';

describe('describeEdit', () => {
  const flow = tinyFlow();
  it('names each user action for the undo history', () => {
    const cases: [Parameters<typeof describeEdit>[0], string][] = [
      [{ type: 'add_block', kind: 'human_takeover' }, 'Add Human takeover block'],
      [{ type: 'move_blocks', moves: [{ id: 'hello', position: { x: 0, y: 0 } }] }, "Move 'hello'"],
      [{ type: 'move_blocks', moves: ['hello', 'menu', 'ask', 'note-1'].map((id) => ({ id, position: { x: 0, y: 0 } })) }, 'Move 3 blocks and 1 note'],
      [{ type: 'move_blocks', moves: [{ id: 'note-1', position: { x: 0, y: 0 } }] }, 'Move note'],
      [{ type: 'connect', from: 'menu', exit: 'c', to: 'bye' }, "Connect 'menu' to 'bye'"],
      [{ type: 'disconnect', edgeIds: ['e1', 'e2'] }, 'Remove 2 connections'],
      [{ type: 'delete_blocks', ids: ['hello', 'menu'] }, 'Delete 2 blocks'],
      [{ type: 'duplicate_blocks', ids: ['hello'] }, "Duplicate 'hello'"],
      [{ type: 'paste', clipboard: copyToClipboard(flow, ['hello', 'menu']) }, 'Paste 2 blocks'],
      [{ type: 'set_block_data', id: 'hello', data: { text: 'x' } }, "Edit message of 'hello'"],
      [{ type: 'set_block_field', id: 'human', path: ['autoAssign', 'enabled'], value: true }, "Edit assign automatically of 'human'"],
      [{ type: 'add_option', blockId: 'menu', label: 'Refunds' }, "Add option 'Refunds' to 'menu'"],
      [{ type: 'reorder_option', blockId: 'menu', optionId: 'a', toIndex: 1 }, "Reorder option of 'menu'"],
      [{ type: 'rename_variable', from: 'name', to: 'firstName' }, "Rename variable 'name' to 'firstName'"],
      [{ type: 'set_escalation', escalation: { mode: 'graduated' } }, 'Edit escalation policy'],
      [{ type: 'group', ids: ['hello', 'menu'] }, 'Group 2 blocks'],
      [{ type: 'batch', label: 'Automatic layout', edits: [] }, 'Automatic layout'],
    ];
    for (const [edit, label] of cases) expect(describeEdit(edit, flow)).toBe(label);
  });

  it('uses the block label when there is one, and works without the flow', () => {
    const labelled = { ...flow, blocks: flow.blocks.map((b) => (b.id === 'hello' ? { ...b, label: 'Greeting' } : b)) };
    expect(describeEdit({ type: 'delete_blocks', ids: ['hello'] }, labelled)).toBe("Delete 'Greeting'");
    expect(describeEdit({ type: 'delete_blocks', ids: ['hello'] })).toBe("Delete 'hello'");
  });
});
