/** Edits that arrive from a journal, IPC or the system clipboard may be anything: each is refused clearly. */
import { describe, expect, it } from 'vitest';
import { applyEdit, copyToClipboard, FlowEditError, type FlowEdit } from '../../../shared/flow/edit';
import { apply, block, edgesFrom, tinyFlow } from './helpers';

const refuse = (edit: unknown) => {
  const flow = tinyFlow();
  let error: unknown;
  try {
    applyEdit(flow, edit as FlowEdit);
  } catch (e) {
    error = e;
  }
  expect(error, JSON.stringify(edit)).toBeInstanceOf(FlowEditError);
  expect(flow).toEqual(tinyFlow());
  return (error as Error).message;
};

describe('hostile edits', () => {
  it('refuses ids that are too long, blank, padded or dangerous', () => {
    expect(refuse({ type: 'add_block', kind: 'end', id: 'x'.repeat(201) })).toMatch(/1 to 200 characters/);
    expect(refuse({ type: 'add_block', kind: 'end', id: ' end ' })).toMatch(/must not start or end with spaces/);
    expect(refuse({ type: 'add_block', kind: 'end', id: 'constructor' })).toMatch(/cannot be 'constructor'/);
    expect(refuse({ type: 'connect', from: 'menu', exit: 'c', to: 'bye', id: '' })).toMatch(/edge id/);
    expect(refuse({ type: 'add_note', id: '__proto__', position: { x: 0, y: 0 } })).toMatch(/cannot be '__proto__'/);
  });

  it('refuses positions that are not finite numbers', () => {
    expect(refuse({ type: 'move_blocks', moves: [{ id: 'hello', position: { x: NaN, y: 0 } }] })).toMatch(/finite numbers/);
    expect(refuse({ type: 'move_blocks', moves: [{ id: 'hello', position: { x: '1', y: 0 } }] })).toMatch(/finite numbers/);
    expect(refuse({ type: 'move_blocks', moves: [null] })).toMatch(/\{ id, position \}/);
  });

  it('cannot reach object internals through a field path or merge', () => {
    expect(refuse({ type: 'set_block_field', id: 'human', path: ['__proto__', 'polluted'], value: 1 })).toMatch(/'__proto__' is not a field name/);
    expect(refuse({ type: 'set_block_field', id: 'human', path: ['constructor', 'prototype'], value: 1 })).toMatch(/not a field name/);
    expect(refuse({ type: 'set_escalation', escalation: JSON.parse('{"__proto__": {"enabled": false}}') })).toMatch(/not a field name/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a list index outside the list', () => {
    expect(refuse({ type: 'set_block_field', id: 'menu', path: ['options', 7, 'label'], value: 'x' })).toMatch(/not a position in a list of 3/);
    expect(refuse({ type: 'set_block_field', id: 'menu', path: [], value: 'x' })).toMatch(/needs a path/);
  });

  it('refuses deeply nested batches', () => {
    let edit: FlowEdit = { type: 'set_flow_info', name: 'deep' };
    for (let i = 0; i < 30; i++) edit = { type: 'batch', label: 'nest', edits: [edit] };
    expect(refuse(edit)).toMatch(/nested too deeply/);
  });

  it('pastes a clipboard with duplicated ids and a Start block safely', () => {
    const doc = copyToClipboard(tinyFlow(), ['menu', 'ask']);
    doc.blocks.push({ ...doc.blocks[0], data: { ...doc.blocks[0].data, text: 'second copy' } } as never);
    doc.blocks.push({ id: 'start', kind: 'start', data: {} } as never);
    doc.edges.push({ id: 'z', from: 'start', exit: 'next', to: 'menu' });
    const r = apply(tinyFlow(), { type: 'paste', clipboard: doc });
    expect(r.selection).toEqual(['buttons-1', 'question-1']);
    expect(r.flow.blocks.filter((b) => b.kind === 'start')).toHaveLength(1);
    expect(block(r.flow, 'buttons-1')!.data).toMatchObject({ text: 'Pick' });
    expect(edgesFrom(r.flow, 'start')).toEqual(edgesFrom(tinyFlow(), 'start'));
  });

  it('refuses a clipboard far larger than any real copy', () => {
    const doc = copyToClipboard(tinyFlow(), ['hello']);
    doc.blocks = Array.from({ length: 10_001 }, (_, i) => ({ ...doc.blocks[0], id: `m${i}` }));
    expect(refuse({ type: 'paste', clipboard: doc })).toMatch(/cannot be pasted: blocks/);
  });
});
