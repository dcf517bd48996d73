/**
 * A short human label for an edit, for the studio's undo history and menus ("Undo Move 3 blocks").
 * Given the flow the edit applies to, blocks are named by their label when they have one.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import { fieldsOf } from '../blockRegistry';
import { isBlockKind, labelOf, optionListOf } from './kinds';
import type { Flow } from './tx';
import type { FlowEdit } from './types';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function describeEdit(edit: FlowEdit, flow?: Flow): string {
  const find = (id: string) => flow?.blocks.find((b) => b.id === id);
  const name = (id: string) => {
    const b = find(id);
    return `'${b?.label || id}'`;
  };
  /** The inspector title of a data field ("Auto-assign" rather than "autoAssign"), lower-cased. */
  const fieldName = (blockId: string, path: readonly (string | number)[]) => {
    const keys = path.filter((p): p is string => typeof p === 'string');
    const b = find(blockId);
    if (b) {
      for (let n = keys.length; n > 0; n--) {
        const f = fieldsOf(b.kind).find((x) => x.path.length === n && x.path.every((k, i) => k === keys[i]));
        if (f) return f.meta.title.toLowerCase();
      }
    }
    return keys.join(' ');
  };
  const blocksOrOne = (ids: readonly string[], verb: string) => (ids.length === 1 ? `${verb} ${name(ids[0])}` : `${verb} ${plural(ids.length, 'block')}`);
  switch (edit.type) {
    case 'add_block':
      return `Add ${isBlockKind(edit.kind) ? labelOf(edit.kind) : 'a'} block`;
    case 'insert_on_edge':
      return `Insert ${isBlockKind(edit.kind) ? labelOf(edit.kind) : 'a'} block`;
    case 'move_blocks': {
      const notes = new Set((flow?.notes ?? []).map((n) => n.id));
      const nNotes = edit.moves.filter((m) => notes.has(m.id)).length;
      const nBlocks = edit.moves.length - nNotes;
      if (nBlocks === 0) return `Move ${nNotes === 1 ? 'note' : plural(nNotes, 'note')}`;
      if (nBlocks === 1 && nNotes === 0) return `Move ${name(edit.moves[0].id)}`;
      return `Move ${plural(nBlocks, 'block')}${nNotes ? ` and ${plural(nNotes, 'note')}` : ''}`;
    }
    case 'connect':
      return `Connect ${name(edit.from)} to ${name(edit.to)}`;
    case 'disconnect':
      return edit.edgeIds.length === 1 ? 'Remove connection' : `Remove ${plural(edit.edgeIds.length, 'connection')}`;
    case 'delete_blocks':
      return blocksOrOne(edit.ids, 'Delete');
    case 'rename_block':
      return `Rename block '${edit.from}' to '${edit.to}'`;
    case 'set_block_label':
      return edit.label ? `Label ${name(edit.id)} '${edit.label}'` : `Clear the label of ${name(edit.id)}`;
    case 'duplicate_blocks':
      return blocksOrOne(edit.ids, 'Duplicate');
    case 'paste': {
      const n = typeof edit.clipboard === 'string' ? null : edit.clipboard.blocks.length;
      return n === null ? 'Paste' : `Paste ${plural(n, 'block')}`;
    }
    case 'set_block_data': {
      const fields = Object.keys(edit.data);
      return fields.length === 1 ? `Edit ${fieldName(edit.id, fields)} of ${name(edit.id)}` : `Edit ${name(edit.id)}`;
    }
    case 'set_block_field':
      return `Edit ${fieldName(edit.id, edit.path)} of ${name(edit.id)}`;
    case 'add_option':
    case 'remove_option':
    case 'reorder_option': {
      const b = find(edit.blockId);
      const noun = (b && optionListOf(b.kind)?.noun) || 'option';
      const verb = edit.type === 'add_option' ? 'Add' : edit.type === 'remove_option' ? 'Remove' : 'Reorder';
      const prep = edit.type === 'add_option' ? 'to' : 'of';
      return `${verb} ${noun}${edit.type === 'add_option' && edit.label ? ` '${edit.label}'` : ''} ${prep} ${name(edit.blockId)}`;
    }
    case 'add_variable':
      return `Add variable '${edit.variable.name}'`;
    case 'update_variable':
      return `Edit variable '${edit.name}'`;
    case 'rename_variable':
      return `Rename variable '${edit.from}' to '${edit.to}'`;
    case 'delete_variable':
      return `Delete variable '${edit.name}'`;
    case 'set_flow_info':
      return edit.name !== undefined ? 'Rename flow' : 'Edit flow description';
    case 'set_settings':
      return 'Edit flow settings';
    case 'set_escalation':
      return 'Edit escalation policy';
    case 'add_note':
      return 'Add note';
    case 'update_note':
      return 'Edit note';
    case 'delete_notes':
      return edit.ids.length === 1 ? 'Delete note' : `Delete ${plural(edit.ids.length, 'note')}`;
    case 'group':
      return `Group ${plural(edit.ids.length, 'block')}`;
    case 'update_group':
      return 'Edit group';
    case 'ungroup':
      return 'Ungroup';
    case 'batch':
      return edit.label || 'Several changes';
    default:
      return 'Edit';
  }
}
