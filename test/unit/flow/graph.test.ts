import { describe, expect, it } from 'vitest';
import { cyclesWithoutWait, outgoing, reachableBlocks, stripLayout } from '../../../shared/flow/graph';
import { flowSchema, type Flow } from '../../../shared/flow/schema';
import { validDoc } from './helpers';

const valid = (): Flow => flowSchema.parse(validDoc());

function flowOf(blocks: any[], edges: Array<[string, string, string]>): Flow {
  return flowSchema.parse({
    version: 1,
    id: 'g',
    name: 'Graph',
    blocks,
    edges: edges.map(([from, exit, to], i) => ({ id: `e${i}`, from, exit, to })),
  });
}

describe('reachableBlocks', () => {
  it('reaches every block of the fixture', () => {
    const f = valid();
    expect(reachableBlocks(f)).toEqual(new Set(f.blocks.map((b) => b.id)));
  });

  it('follows jump targets and skips orphans and dangling edges', () => {
    const f = flowOf(
      [
        { id: 's', kind: 'start', data: {} },
        { id: 'j', kind: 'jump', data: { target: 'x' } },
        { id: 'x', kind: 'end', data: {} },
        { id: 'orphan', kind: 'message', data: {} },
        { id: 'y', kind: 'end', data: {} },
      ],
      [
        ['s', 'next', 'j'],
        ['orphan', 'next', 'y'],
        ['x', 'next', 'ghost'],
      ],
    );
    expect(reachableBlocks(f)).toEqual(new Set(['s', 'j', 'x']));
  });

  it('is empty without a start block', () => {
    const f = flowOf([{ id: 'm', kind: 'message', data: {} }], []);
    expect(reachableBlocks(f).size).toBe(0);
  });
});

describe('stripLayout', () => {
  it('removes every position and keeps everything else', () => {
    const f = valid();
    expect(f.blocks.every((b) => b.position)).toBe(true);
    const s = stripLayout(f);
    expect(s.blocks.some((b) => 'position' in b)).toBe(false);
    expect(s.blocks.map((b) => b.id)).toEqual(f.blocks.map((b) => b.id));
    expect(s.blocks[2].data).toEqual(f.blocks[2].data);
    expect(s.edges).toEqual(f.edges);
    expect(JSON.stringify(s)).not.toContain('"position"');
    // the original keeps its layout
    expect(f.blocks[0].position).toEqual({ x: 0, y: 0 });
    expect(flowSchema.safeParse(s).success).toBe(true);
  });
});

describe('outgoing', () => {
  it('maps exits to target blocks', () => {
    const f = valid();
    expect(outgoing(f, 'menu')).toEqual(new Map([['order', 'ask-email'], ['person', 'takeover']]));
    expect(outgoing(f, 'bye').size).toBe(0);
  });

  it('keeps the first edge when an exit is wired twice', () => {
    const f = valid();
    f.edges.push({ id: 'dup', from: 'status', exit: 'next', to: 'menu' });
    expect(outgoing(f, 'status').get('next')).toBe('bye');
  });
});

describe('cyclesWithoutWait', () => {
  it('finds passive cycles but not cycles through a waiting block', () => {
    const f = flowOf(
      [
        { id: 's', kind: 'start', data: {} },
        { id: 'a', kind: 'message', data: {} },
        { id: 'b', kind: 'condition', data: {} },
        { id: 'q', kind: 'question', data: { variable: 'v' } },
        { id: 'c', kind: 'message', data: {} },
      ],
      [
        ['s', 'next', 'a'],
        ['a', 'next', 'b'],
        ['b', 'true', 'a'], // a <-> b: never waits
        ['b', 'false', 'q'],
        ['q', 'next', 'c'],
        ['c', 'next', 'q'], // q <-> c: q waits, fine
      ],
    );
    expect(cyclesWithoutWait(f)).toEqual([['a', 'b']]);
  });
});
