import { describe, expect, it } from 'vitest';
import { applyEdit, FlowEditError, freshBlockId } from '../../../shared/flow/edit';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { apply, block, edgesFrom, edgesTo, sampleFlow, tinyFlow } from './helpers';

function refused(fn: () => unknown, code: string, message: RegExp) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FlowEditError);
    expect((e as FlowEditError).code).toBe(code);
    expect((e as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected the edit to be refused');
}

describe('add_block', () => {
  it('adds a block with the kind default data and the smallest free id', () => {
    const flow = tinyFlow();
    const r = apply(flow, { type: 'add_block', kind: 'question', position: { x: 10, y: 20 } });
    expect(r.selection).toEqual(['question-1']);
    const q = block(r.flow, 'question-1')!;
    expect(q).toMatchObject({ kind: 'question', position: { x: 10, y: 20 } });
    expect(q.data).toMatchObject({ inputType: 'text', maxRetries: 2 });
    // the next one takes the next free number, and a freed number is reused deterministically
    const r2 = apply(r.flow, { type: 'add_block', kind: 'question' });
    expect(r2.selection).toEqual(['question-2']);
    expect(applyEdit(r.flow, { type: 'add_block', kind: 'question' }).selection).toEqual(['question-2']);
  });

  it('merges given data into the defaults and checks it', () => {
    const r = apply(tinyFlow(), { type: 'add_block', kind: 'human_takeover', data: { assignation: 'custom', autoAssign: { enabled: true } } });
    const b = block(r.flow, 'human_takeover-1')!;
    expect(b.data).toMatchObject({ assignation: 'custom', autoAssign: { enabled: true, strategy: 'round_robin', maxChatsPerAgent: 3 } });
    refused(() => applyEdit(tinyFlow(), { type: 'add_block', kind: 'human_takeover', data: { assignation: 'sometimes' } }), 'invalid_data', /assignation/);
    refused(() => applyEdit(tinyFlow(), { type: 'add_block', kind: 'human_takeover', data: { askEmial: true } }), 'invalid_data', /did you mean 'askEmail'/);
  });

  it('uses a given free id, refuses a taken one, an unknown kind and a second Start', () => {
    expect(apply(tinyFlow(), { type: 'add_block', kind: 'end', id: 'finish' }).selection).toEqual(['finish']);
    refused(() => applyEdit(tinyFlow(), { type: 'add_block', kind: 'end', id: 'bye' }), 'id_taken', /'bye' is already used/);
    refused(() => applyEdit(tinyFlow(), { type: 'add_block', kind: 'end', id: 'note-1' }), 'id_taken', /already used/);
    refused(() => applyEdit(tinyFlow(), { type: 'add_block', kind: 'teleport' as never }), 'invalid_data', /Unknown block kind 'teleport'/);
    refused(() => applyEdit(tinyFlow(), { type: 'add_block', kind: 'start' }), 'not_allowed', /one Start block/);
    refused(() => applyEdit(tinyFlow(), { type: 'add_block', kind: 'end', position: { x: Infinity, y: 0 } }), 'invalid_data', /finite/);
  });
});

describe('move_blocks', () => {
  it('moves blocks and notes in one step, and skips unchanged positions', () => {
    const r = apply(tinyFlow(), {
      type: 'move_blocks',
      moves: [
        { id: 'hello', position: { x: 5, y: 6 } },
        { id: 'note-1', position: { x: 7, y: 8 } },
        { id: 'menu', position: { x: 400, y: 0 } },
      ],
    });
    expect(block(r.flow, 'hello')!.position).toEqual({ x: 5, y: 6 });
    expect(r.flow.notes![0].position).toEqual({ x: 7, y: 8 });
    expect(r.patches).toHaveLength(2);
    refused(() => applyEdit(tinyFlow(), { type: 'move_blocks', moves: [{ id: 'ghost', position: { x: 0, y: 0 } }] }), 'unknown_block', /ghost/);
  });

  it('leaves untouched blocks as the same objects (the canvas re-renders only what moved)', () => {
    const flow = tinyFlow();
    const r = applyEdit(flow, { type: 'move_blocks', moves: [{ id: 'hello', position: { x: 5, y: 6 } }] });
    expect(r.flow.blocks[0]).toBe(flow.blocks[0]);
    expect(r.flow.blocks[2]).toBe(flow.blocks[2]);
    expect(r.flow.blocks[1]).not.toBe(flow.blocks[1]);
    expect(r.flow.edges).toBe(flow.edges);
  });
});

describe('connect and disconnect', () => {
  it('wires an exit with a fresh edge id', () => {
    const r = apply(tinyFlow(), { type: 'connect', from: 'menu', exit: 'c', to: 'bye' });
    expect(r.flow.edges.at(-1)).toEqual({ id: 'e-1', from: 'menu', exit: 'c', to: 'bye' });
  });

  it('refuses a wired exit unless replace, and replaces in one step', () => {
    refused(() => applyEdit(tinyFlow(), { type: 'connect', from: 'menu', exit: 'a', to: 'bye' }), 'bad_connection', /already leads to 'ask'/);
    const r = apply(tinyFlow(), { type: 'connect', from: 'menu', exit: 'a', to: 'bye', replace: true });
    expect(edgesFrom(r.flow, 'menu').filter((e) => e.exit === 'a').map((e) => e.to)).toEqual(['bye']);
  });

  it('removes edges by id', () => {
    const r = apply(tinyFlow(), { type: 'disconnect', edgeIds: ['e3', 'e5'] });
    expect(r.flow.edges.map((e) => e.id)).toEqual(['e1', 'e2', 'e4', 'e6', 'e7', 'e8']);
    refused(() => applyEdit(tinyFlow(), { type: 'disconnect', edgeIds: ['e99'] }), 'unknown_edge', /e99/);
  });
});

describe('delete_blocks', () => {
  it('cascades to edges, jump targets, the escalation target and groups', () => {
    const r = apply(tinyFlow(), { type: 'delete_blocks', ids: ['menu', 'human'] });
    expect(block(r.flow, 'menu')).toBeUndefined();
    expect(r.flow.edges.some((e) => ['menu', 'human'].includes(e.from) || ['menu', 'human'].includes(e.to))).toBe(false);
    expect(block(r.flow, 'again')!.data).toEqual({ target: '' });
    expect(r.flow.escalation.targetBlockId).toBeNull();
    expect(r.flow.groups).toEqual([{ id: 'group-1', title: 'Menu', color: 'blue', blockIds: ['ask'] }]);
    expect(r.selection).toEqual([]);
  });

  it('removes a group left empty', () => {
    const r = apply(tinyFlow(), { type: 'delete_blocks', ids: ['menu', 'ask'] });
    expect(r.flow.groups).toEqual([]);
  });

  it('describes the change in a few patches even on a big flow', () => {
    const r = apply(sampleFlow(), { type: 'delete_blocks', ids: ['welcome'] });
    // one block, its two edges: far fewer patches than the 60 edges a replace-everything diff would give
    expect(r.patches.length).toBeLessThanOrEqual(4);
  });

  it('refuses to delete the Start block or an unknown block', () => {
    refused(() => applyEdit(tinyFlow(), { type: 'delete_blocks', ids: ['start'] }), 'not_allowed', /Start block cannot be deleted/);
    refused(() => applyEdit(tinyFlow(), { type: 'delete_blocks', ids: ['hello', 'ghost'] }), 'unknown_block', /'ghost'/);
  });
});

describe('rename_block', () => {
  it('renames the block and every reference to it', () => {
    const r = apply(tinyFlow(), { type: 'rename_block', from: 'menu', to: 'main_menu' });
    expect(block(r.flow, 'main_menu')!.kind).toBe('buttons');
    expect(edgesFrom(r.flow, 'main_menu')).toHaveLength(2);
    expect(edgesTo(r.flow, 'main_menu').map((e) => e.from)).toEqual(['hello']);
    expect(block(r.flow, 'again')!.data).toEqual({ target: 'main_menu' });
    expect(r.flow.groups![0].blockIds).toEqual(['main_menu', 'ask']);
    const h = apply(tinyFlow(), { type: 'rename_block', from: 'human', to: 'agent' });
    expect(h.flow.escalation.targetBlockId).toBe('agent');
    // nothing newly broken: the same problems as before, only the block id differs
    const codes = (f: unknown) => validateFlow(f).problems.map((p) => `${p.code}@${p.blockId === 'agent' ? 'human' : p.blockId}`);
    expect(codes(h.flow)).toEqual(codes(tinyFlow()));
  });

  it('refuses a taken or empty id', () => {
    refused(() => applyEdit(tinyFlow(), { type: 'rename_block', from: 'menu', to: 'ask' }), 'id_taken', /'ask'/);
    refused(() => applyEdit(tinyFlow(), { type: 'rename_block', from: 'menu', to: '  ' }), 'bad_id', /1 to 200/);
    refused(() => applyEdit(tinyFlow(), { type: 'rename_block', from: 'menu', to: '__proto__' }), 'bad_id', /cannot be/);
  });
});

describe('set_block_label', () => {
  it('sets and clears a label', () => {
    const r = apply(tinyFlow(), { type: 'set_block_label', id: 'hello', label: 'Greeting' });
    expect(block(r.flow, 'hello')!.label).toBe('Greeting');
    const r2 = apply(r.flow, { type: 'set_block_label', id: 'hello', label: '' });
    expect('label' in block(r2.flow, 'hello')!).toBe(false);
  });
});

describe('duplicate_blocks', () => {
  it('copies blocks with fresh ids, the edges between them, offset positions', () => {
    const r = apply(tinyFlow(), { type: 'duplicate_blocks', ids: ['menu', 'ask', 'again'] });
    expect(r.selection).toEqual(['buttons-1', 'question-1', 'jump-1']);
    const copy = block(r.flow, 'buttons-1')!;
    expect(copy.position).toEqual({ x: 440, y: 40 });
    expect(edgesFrom(r.flow, 'buttons-1')).toEqual([expect.objectContaining({ exit: 'a', to: 'question-1' })]);
    // the copied jump follows the copied menu; edges to blocks outside the copy are not duplicated
    expect(block(r.flow, 'jump-1')!.data).toEqual({ target: 'buttons-1' });
    expect(edgesFrom(r.flow, 'question-1')).toEqual([]);
  });

  it('keeps a jump target outside the copy', () => {
    const r = apply(tinyFlow(), { type: 'duplicate_blocks', ids: ['again'], offset: { x: 0, y: 100 } });
    expect(block(r.flow, 'jump-1')!.data).toEqual({ target: 'menu' });
  });

  it('refuses the Start block', () => {
    refused(() => applyEdit(tinyFlow(), { type: 'duplicate_blocks', ids: ['start'] }), 'not_allowed', /Start/);
  });
});

describe('set_block_data and set_block_field', () => {
  it('deep-merges data and writes only changed fields', () => {
    const flow = tinyFlow();
    const r = apply(flow, { type: 'set_block_data', id: 'human', data: { assignation: 'custom', autoAssign: { enabled: true } } });
    expect(block(r.flow, 'human')!.data).toMatchObject({ assignation: 'custom', autoAssign: { enabled: true, strategy: 'round_robin' } });
    expect(r.patches.map((p) => p.path.join('/'))).toEqual(['blocks/6/data/assignation', 'blocks/6/data/autoAssign']);
  });

  it('sets one field by path', () => {
    const r = apply(tinyFlow(), { type: 'set_block_field', id: 'human', path: ['autoAssign', 'maxChatsPerAgent'], value: 7 });
    expect(block(r.flow, 'human')!.data).toMatchObject({ autoAssign: { maxChatsPerAgent: 7 } });
    const r2 = apply(tinyFlow(), { type: 'set_block_field', id: 'menu', path: ['options', 1, 'label'], value: 'Bravo' });
    expect(block(r2.flow, 'menu')!.data).toMatchObject({ options: [{ label: 'Alpha' }, { label: 'Bravo' }, { label: 'Gamma' }] });
  });

  it('an edit that changes nothing has no patches', () => {
    const r = apply(tinyFlow(), { type: 'set_block_data', id: 'hello', data: { text: 'Hi {{ name }}, order {{order}}' } });
    expect(r.patches).toEqual([]);
  });

  it('refuses invalid data, saying where, and leaves the flow untouched', () => {
    const flow = tinyFlow();
    refused(() => applyEdit(flow, { type: 'set_block_field', id: 'human', path: ['queueTimeoutMinutes'], value: -3 }), 'invalid_data', /Block 'human' \(Human takeover\): field 'queueTimeoutMinutes'/);
    refused(() => applyEdit(flow, { type: 'set_block_data', id: 'human', data: { queueTimeoutMinute: 3 } }), 'invalid_data', /did you mean 'queueTimeoutMinutes'/);
    refused(() => applyEdit(flow, { type: 'set_block_data', id: 'human', data: JSON.parse('{"__proto__": {"x": 1}}') }), 'invalid_data', /'__proto__' is not a field name/);
    refused(() => applyEdit(flow, { type: 'set_block_field', id: 'ask', path: ['variable'], value: '' }), 'invalid_data', /variable/);
    expect(flow).toEqual(tinyFlow());
  });
});

describe('malformed edits', () => {
  it('are refused with a clear error, never a TypeError', () => {
    for (const edit of [null, {}, { type: 'explode' }, { type: 'move_blocks' }, { type: 'disconnect', edgeIds: 'e1' }, { type: 'batch', label: 'x' }, { type: 'connect', from: 3 }]) {
      expect(() => applyEdit(tinyFlow(), edit as never)).toThrow(FlowEditError);
    }
  });
});

describe('batch', () => {
  it('is one step: one set of patches undoes every edit in it', () => {
    const r = apply(tinyFlow(), {
      type: 'batch',
      label: 'Automatic layout',
      edits: [
        { type: 'add_block', kind: 'message', id: 'm' },
        { type: 'connect', from: 'menu', exit: 'c', to: 'm' },
        { type: 'set_block_data', id: 'm', data: { text: 'hello' } },
        { type: 'move_blocks', moves: [{ id: 'm', position: { x: 1, y: 1 } }] },
        { type: 'rename_block', from: 'm', to: 'm2' },
      ],
    });
    expect(block(r.flow, 'm2')).toMatchObject({ position: { x: 1, y: 1 }, data: { text: 'hello' } });
    expect(edgesTo(r.flow, 'm2')).toHaveLength(1);
  });

  it('an error in the middle of a batch leaves the flow untouched', () => {
    const flow = tinyFlow();
    expect(() =>
      applyEdit(flow, {
        type: 'batch',
        label: 'x',
        edits: [
          { type: 'delete_blocks', ids: ['hello'] },
          { type: 'connect', from: 'ghost', exit: 'next', to: 'bye' },
        ],
      }),
    ).toThrow(/no block 'ghost'/);
    expect(flow).toEqual(tinyFlow());
  });
});

describe('insert_on_edge', () => {
  it('drops a block onto a connection and rewires both sides in one step', () => {
    const r = apply(tinyFlow(), { type: 'insert_on_edge', edgeId: 'e2', kind: 'message', position: { x: 300, y: 50 } });
    expect(r.selection).toEqual(['message-1']);
    expect(edgesFrom(r.flow, 'hello').map((e) => `${e.exit}->${e.to}`)).toEqual(['next->message-1']);
    expect(edgesFrom(r.flow, 'message-1').map((e) => `${e.exit}->${e.to}`)).toEqual(['next->menu']);
    expect(edgesTo(r.flow, 'menu').map((e) => e.from)).toEqual(['message-1']);
  });

  it('a block without exits only takes the incoming side', () => {
    const r = apply(tinyFlow(), { type: 'insert_on_edge', edgeId: 'e2', kind: 'end' });
    expect(edgesFrom(r.flow, 'hello').map((e) => e.to)).toEqual(['end-1']);
    expect(edgesFrom(r.flow, 'end-1')).toEqual([]);
  });

  it('refuses an unknown connection or a Start block', () => {
    refused(() => applyEdit(tinyFlow(), { type: 'insert_on_edge', edgeId: 'nope', kind: 'message' }), 'unknown_edge', /nope/);
    refused(() => applyEdit(tinyFlow(), { type: 'insert_on_edge', edgeId: 'e2', kind: 'start' }), 'not_allowed', /Start/);
  });

  it('freshBlockId says which id add_block will give', () => {
    const flow = tinyFlow();
    expect(freshBlockId(flow, 'message')).toBe('message-1');
    expect(applyEdit(flow, { type: 'add_block', kind: 'message' }).selection).toEqual([freshBlockId(flow, 'message')]);
  });
});
