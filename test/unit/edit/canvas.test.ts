import { describe, expect, it } from 'vitest';
import { applyEdit, canConnect, copyToClipboard, FlowEditError, isClipboardDocument, parseClipboard } from '../../../shared/flow/edit';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { apply, block, edgesFrom, sampleFlow, tinyFlow } from './helpers';

describe('canConnect', () => {
  const flow = tinyFlow();
  it('accepts a sensible connection', () => {
    expect(canConnect(flow, 'menu', 'c', 'bye')).toEqual({ ok: true });
    expect(canConnect(flow, 'menu', 'fallback', 'menu')).toEqual({ ok: true }); // re-ask: the block waits
  });
  it('refuses with a reason', () => {
    const reason = (from: string, exit: string, to: string) => {
      const r = canConnect(flow, from, exit, to);
      return r.ok ? 'ok' : r.reason;
    };
    expect(reason('ghost', 'next', 'bye')).toMatch(/no block 'ghost' to connect from/);
    expect(reason('hello', 'next', 'ghost')).toMatch(/no block 'ghost' to connect to/);
    expect(reason('menu', 'z', 'bye')).toMatch(/has no exit 'z'; its exits are 'a', 'b', 'c', 'fallback'/);
    expect(reason('bye', 'next', 'hello')).toMatch(/has no exits: the conversation stops there/);
    expect(reason('again', 'next', 'hello')).toMatch(/set the target in the inspector/);
    expect(reason('hello', 'next', 'start')).toMatch(/Nothing can lead into 'start' \(Start\)/);
    expect(reason('check', 'true', 'check')).toMatch(/loops forever/);
    expect(reason('menu', 'a', 'bye')).toMatch(/already leads to 'ask'; remove that connection first/);
    expect(reason('menu', 'a', 'ask')).toMatch(/already leads to 'ask'\.$/);
    expect(canConnect(flow, 'menu', 'a', 'bye', { replace: true })).toEqual({ ok: true });
  });
});

describe('sticky notes', () => {
  it('adds, edits, moves and deletes notes', () => {
    const a = apply(tinyFlow(), { type: 'add_note', position: { x: 1, y: 2 }, text: 'Check with legal' });
    expect(a.selection).toEqual(['note-2']);
    expect(a.flow.notes!.at(-1)).toEqual({ id: 'note-2', text: 'Check with legal', position: { x: 1, y: 2 }, color: 'yellow' });
    const b = apply(a.flow, { type: 'update_note', id: 'note-2', color: 'pink', size: { width: 200, height: 120 } });
    expect(b.flow.notes!.at(-1)).toMatchObject({ color: 'pink', size: { width: 200, height: 120 } });
    const c = apply(b.flow, { type: 'delete_notes', ids: ['note-1', 'note-2'] });
    expect(c.flow.notes).toEqual([]);
    expect(() => applyEdit(tinyFlow(), { type: 'update_note', id: 'note-1', color: 'orange' as never })).toThrow(/color/);
    expect(() => applyEdit(tinyFlow(), { type: 'delete_notes', ids: ['note-9'] })).toThrow(/no note 'note-9'/);
  });

  it('works on a flow that has no notes field yet', () => {
    // e.g. a document built by hand, never parsed
    const { notes: _notes, ...flow } = tinyFlow();
    const r = apply(flow as ReturnType<typeof tinyFlow>, { type: 'add_note', position: { x: 0, y: 0 } });
    expect(r.flow.notes).toHaveLength(1);
  });
});

describe('groups', () => {
  it('groups blocks; a block leaves its old group; empty groups disappear', () => {
    const r = apply(tinyFlow(), { type: 'group', ids: ['menu', 'ask'], title: 'Questions', color: 'green' });
    expect(r.flow.groups).toEqual([{ id: 'group-2', title: 'Questions', color: 'green', blockIds: ['menu', 'ask'] }]);
    const r2 = apply(tinyFlow(), { type: 'group', ids: ['ask', 'check'] });
    expect(r2.flow.groups).toEqual([
      { id: 'group-1', title: 'Menu', color: 'blue', blockIds: ['menu'] },
      { id: 'group-2', title: 'Group', color: 'blue', blockIds: ['ask', 'check'] },
    ]);
  });

  it('updates and ungroups', () => {
    const r = apply(tinyFlow(), { type: 'update_group', id: 'group-1', title: 'Main menu', blockIds: ['menu', 'ask', 'hello'] });
    expect(r.flow.groups![0]).toEqual({ id: 'group-1', title: 'Main menu', color: 'blue', blockIds: ['menu', 'ask', 'hello'] });
    const u = apply(r.flow, { type: 'ungroup', id: 'group-1' });
    expect(u.flow.groups).toEqual([]);
    expect(u.flow.blocks).toBe(r.flow.blocks);
    expect(() => applyEdit(tinyFlow(), { type: 'group', ids: [] })).toThrow(/at least one block/);
    expect(() => applyEdit(tinyFlow(), { type: 'group', ids: ['ghost'] })).toThrow(/no block 'ghost'/);
  });
});

describe('copy and paste', () => {
  it('copies blocks, the edges between them, their variables, notes and whole groups', () => {
    const doc = copyToClipboard(tinyFlow(), ['start', 'menu', 'ask', 'note-1', 'ghost']);
    expect(doc.format).toBe('baton/clipboard');
    expect(doc.blocks.map((b) => b.id)).toEqual(['menu', 'ask']); // no Start, unknown ids ignored
    expect(doc.edges.map((e) => e.id)).toEqual(['e3']);
    expect(doc.variables.map((v) => v.name).sort()).toEqual(['choice', 'name']);
    expect(doc.notes.map((n) => n.id)).toEqual(['note-1']);
    expect(doc.groups.map((g) => g.id)).toEqual(['group-1']);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect(isClipboardDocument(JSON.stringify(doc))).toBe(true);
    expect(isClipboardDocument('hello')).toBe(false);
  });

  it('pastes into the same flow with fresh ids, internal edges and an offset', () => {
    const flow = tinyFlow();
    const r = apply(flow, { type: 'paste', clipboard: copyToClipboard(flow, ['menu', 'ask', 'again', 'note-1']) });
    expect(r.selection).toEqual(['buttons-1', 'question-1', 'jump-1', 'note-2']);
    expect(block(r.flow, 'buttons-1')!.position).toEqual({ x: 440, y: 40 });
    expect(edgesFrom(r.flow, 'buttons-1').map((e) => `${e.exit}->${e.to}`)).toEqual(['a->question-1']);
    expect(block(r.flow, 'jump-1')!.data).toEqual({ target: 'buttons-1' });
    expect(r.flow.groups!.at(-1)).toEqual({ id: 'group-2', title: 'Menu', color: 'blue', blockIds: ['buttons-1', 'question-1'] });
    expect(r.flow.variables).toEqual(flow.variables); // already declared
  });

  it('pastes into another flow keeping free ids and declaring the variables used', () => {
    const source = tinyFlow();
    const target = sampleFlow();
    const text = JSON.stringify(copyToClipboard(source, ['hello', 'menu', 'ask', 'again']));
    const r = apply(target, { type: 'paste', clipboard: text, position: { x: 1000, y: 1000 } });
    expect(r.selection).toEqual(['hello', 'menu', 'ask', 'again']);
    expect(block(r.flow, 'hello')!.position).toEqual({ x: 1000, y: 1000 });
    expect(block(r.flow, 'menu')!.position).toEqual({ x: 1200, y: 1000 });
    expect(r.flow.variables.map((v) => v.name)).toEqual([...target.variables.map((v) => v.name), 'name', 'order', 'choice']);
    // the jump target was in the copy and follows it
    expect(block(r.flow, 'again')!.data).toEqual({ target: 'menu' });
    expect(edgesFrom(r.flow, 'hello').map((e) => e.to)).toEqual(['menu']);
    // the target flow's own problems are unchanged apart from the pasted blocks' (unwired) exits
    const newProblems = validateFlow(r.flow).problems.filter((p) => p.blockId && !['hello', 'menu', 'ask', 'again'].includes(p.blockId));
    expect(newProblems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('clears a jump target that does not come along into another flow', () => {
    const doc = copyToClipboard(tinyFlow(), ['again']);
    const r = apply(sampleFlow(), { type: 'paste', clipboard: doc });
    expect(block(r.flow, 'again')!.data).toEqual({ target: '' });
  });

  it('drops dangling and impossible edges from a hand-made clipboard', () => {
    const doc = copyToClipboard(tinyFlow(), ['menu', 'ask']);
    doc.edges.push({ id: 'x1', from: 'menu', exit: 'nope', to: 'ask' }, { id: 'x2', from: 'menu', exit: 'b', to: 'elsewhere' }, { id: 'x3', from: 'menu', exit: 'a', to: 'menu' });
    const r = apply(tinyFlow(), { type: 'paste', clipboard: doc });
    expect(edgesFrom(r.flow, 'buttons-1').map((e) => `${e.exit}->${e.to}`)).toEqual(['a->question-1']);
  });

  it('refuses what is not a Baton clipboard, saying so, and changes nothing', () => {
    const flow = tinyFlow();
    const bad = (clipboard: unknown) => {
      try {
        applyEdit(flow, { type: 'paste', clipboard: clipboard as never });
      } catch (e) {
        expect(e).toBeInstanceOf(FlowEditError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(bad('just some text')).toMatch(/not JSON/);
    expect(bad('{"a":1}')).toMatch(/does not hold Baton blocks/);
    expect(bad({ format: 'baton/clipboard', version: 2, blocks: [] })).toMatch(/newer Baton/);
    expect(bad({ format: 'baton/clipboard', version: 1, blocks: [{ id: 'x', kind: 'message', data: { text: 5 } }] })).toMatch(/blocks\.0\.data\.text/);
    expect(flow).toEqual(tinyFlow());
    expect(() => parseClipboard(null)).toThrow(/does not hold Baton blocks/);
  });
});
