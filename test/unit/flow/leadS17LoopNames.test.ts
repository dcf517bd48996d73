/**
 * Hostile s17 H#10 (lead, session 17): a loop without a wait made of 10,000 blocks was reported as one 89 KB sentence
 * naming every block. The error names the first eight and counts the rest; a short loop is named whole as before.
 */
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { one } from './helpers';

function cycle(n: number) {
  const blocks = [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} }, ...Array.from({ length: n }, (_, i) => ({ id: `m${i}`, kind: 'message', position: { x: 0, y: 0 }, data: { text: `hi ${i}` } }))];
  const edges = [{ id: 'e-s', from: 'start', exit: 'next', to: 'm0' }, ...Array.from({ length: n }, (_, i) => ({ id: `e${i}`, from: `m${i}`, exit: 'next', to: `m${(i + 1) % n}` }))];
  return { version: 1, id: 'loop', name: 'Loop', blocks, edges };
}

describe('a long loop without a wait is named by its first blocks and a count (hostile s17 H#10)', () => {
  it('10,000 blocks: eight names and "9,992 more", a short message', () => {
    const r = validateFlow(cycle(10_000));
    const loop = one(r, 'loop_without_wait');
    expect(loop.message).toContain("Blocks 'm0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7' and 9,992 more form a loop");
    expect(loop.message).not.toContain("'m8'");
    expect(loop.message.length).toBeLessThan(400);
  });

  it('three blocks: all named, no count', () => {
    const loop = one(validateFlow(cycle(3)), 'loop_without_wait');
    expect(loop.message).toContain("Blocks 'm0', 'm1', 'm2' form a loop");
  });
});
