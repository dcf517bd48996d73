// @vitest-environment jsdom
/**
 * fixui, session 17 (newcomer s17 N#2): the "Replace with mine…" confirmation named blocks by internal id and kind
 * ("The block message-1 (message) it added is removed.") and changed fields without what the other window wrote
 * ("“Welcome”: Message."). Now in the canvas's and inspector's words, with the values: the designer can judge what she
 * is about to throw away.
 */
import './support/setup';
import { describe, expect, it } from 'vitest';
import { describeReplace } from '../../renderer/studio/persistence/describeReplace';
import type { Flow } from '../../shared/flow/schema';
import { tinyFlow } from './support/sampleFlow';

const withText = (f: Flow, id: string, text: string): Flow => ({ ...f, blocks: f.blocks.map((b) => (b.id === id ? ({ ...b, data: { ...b.data, text } } as typeof b) : b)) });
const labelled = (f: Flow, id: string, label: string): Flow => ({ ...f, blocks: f.blocks.map((b) => (b.id === id ? { ...b, label } : b)) });

describe('Replace with mine: what it undoes, in the designer\'s words (newcomer s17 N#2)', () => {
  it('a block the other window added: its kind label and what it says, never its id', () => {
    const base = labelled(tinyFlow(), 'welcome', 'Welcome');
    // The other window added a Message block and rewrote Welcome; this window renamed the flow.
    const added = { id: 'message-1', kind: 'message', position: { x: 300, y: 300 }, data: { text: 'A brand new block B added.' } } as Flow['blocks'][number];
    const latest = withText({ ...base, blocks: [...base.blocks, added], name: 'Tiny (B saved)' }, 'welcome', 'Welcome, written by B');
    const mine = { ...base, name: 'Tiny by A' };
    const d = describeReplace(base, latest, mine);
    expect(d.exact).toBe(true);
    expect(d.undone).toEqual([
      'The Message block “A brand new block B added.” it added is removed.',
      '“Welcome”: Message (“Welcome, written by B” → “Hi {{name}}”).',
      'Flow settings: Name (“Tiny (B saved)” → “Tiny by A”).',
    ]);
    expect(d.undone.join(' ')).not.toMatch(/message-1|\(message\)/);
  });

  it('a deleted block comes back by its label, or by its text when it has none; long text is cut with …', () => {
    const base = withText(tinyFlow(), 'welcome', `Hello ${'and welcome '.repeat(10)}to the shop`);
    const latest = { ...base, blocks: base.blocks.filter((b) => b.id !== 'welcome' && b.id !== 'menu'), edges: [] };
    const d = describeReplace(base, latest, base);
    expect(d.undone[0]).toMatch(/^The Message block “Hello and welcome and welcome .*…” it deleted comes back, with its 2 connections\.$/);
    expect(d.undone[1]).toBe('The Buttons block “Pick one” it deleted comes back, with its 2 connections.');
  });
});
