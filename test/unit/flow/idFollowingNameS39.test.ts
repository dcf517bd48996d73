/** Session 39 (newcomer s39 N1): only a blank flow's placeholder id follows its name (shared/flow/flowId.ts). */
import { describe, expect, it } from 'vitest';
import { flowIdProblem, idFollowingName, slugOf } from '../../../shared/flow/flowId';
import { applyEdit } from '../../../shared/flow/edit/applyEdit';

describe('idFollowingName', () => {
  it('a placeholder id takes the slug of the new name', () => {
    expect(idFollowingName('untitled-flow', 'Callback booking bot')).toBe('callback-booking-bot');
    expect(idFollowingName('untitled-flow-12', 'Réservations été!')).toBe('reservations-ete');
  });
  it('keeps the id when it is not a placeholder, or the name gives no usable id', () => {
    expect(idFollowingName('customer-support', 'Support v2')).toBeNull();
    expect(idFollowingName('untitled-flow-copy', 'Support v2')).toBeNull();
    expect(idFollowingName('untitled-flow', '!!!')).toBeNull();
    expect(idFollowingName('untitled-flow', '予約ボット')).toBeNull();
    expect(idFollowingName('untitled-flow', 'Untitled flow (3)')).toBeNull();
  });
  it('a long name gives an id within the limit', () => {
    const id = idFollowingName('untitled-flow', 'a very long name '.repeat(10))!;
    expect(flowIdProblem(id)).toBeNull();
    expect(slugOf('  --Hello World--  ')).toBe('hello-world');
  });
});

describe('set_flow_info with an id', () => {
  const flow = { version: 1, id: 'untitled-flow', name: 'Untitled flow', blocks: [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} }] } as any;
  it('renames and sets the id in one edit', () => {
    const r = applyEdit(flow, { type: 'set_flow_info', name: 'Shop', id: 'shop' });
    expect(r.flow).toMatchObject({ name: 'Shop', id: 'shop' });
  });
  it('refuses an id the flow cannot have, with the reason', () => {
    expect(() => applyEdit(flow, { type: 'set_flow_info', id: '../etc' })).toThrow(/flow id cannot contain/);
  });
});
