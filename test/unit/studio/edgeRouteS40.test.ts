import { describe, expect, it } from 'vitest';
import { backRoute, isBackward, roundedPath, type Box, type Point } from '../../../renderer/studio/canvas/edges/edgeRoute';

/** Whether an axis-parallel run from a to b passes through the inside of box. */
const cuts = (b: Box, a: Point, c: Point) =>
  Math.max(a.x, c.x) > b.x && Math.min(a.x, c.x) < b.x + b.width && Math.max(a.y, c.y) > b.y && Math.min(a.y, c.y) < b.y + b.height;
const crossed = (points: Point[], boxes: Record<string, Box>) =>
  Object.entries(boxes)
    .filter(([, b]) => points.slice(1).some((p, i) => cuts(b, points[i], p)))
    .map(([id]) => id);
/** Exit on the right side of a block, input on the left, both half-way down. */
const exitOf = (b: Box): Point => ({ x: b.x + b.width, y: b.y + b.height / 2 });
const inputOf = (b: Box): Point => ({ x: b.x, y: b.y + b.height / 2 });

describe('routed connections to a block behind the source (newcomer s39 N4)', () => {
  const message: Box = { x: 320, y: 200, width: 220, height: 80 };

  it('a target above-left: out to the right, between the blocks, down the target\'s left side, in from the left', () => {
    const question: Box = { x: 100, y: -60, width: 220, height: 160 };
    const s = exitOf(message);
    const t = inputOf(question);
    expect(isBackward(s, t)).toBe(true);
    const points = backRoute(s, t, message, question);
    expect(points[0]).toEqual(s);
    expect(points.at(-1)).toEqual(t);
    expect(points[1].x).toBeGreaterThan(message.x + message.width);
    expect(points[2].y).toBe((question.y + question.height + message.y) / 2);
    expect(points[4].x).toBeLessThan(question.x);
    // Every run is horizontal or vertical; none goes through either block (the two stubs touch their own handle only).
    for (let i = 1; i < points.length; i++) expect(points[i].x === points[i - 1].x || points[i].y === points[i - 1].y).toBe(true);
    expect(crossed(points.slice(1, -1), { message, question })).toEqual([]);
  });

  it('a target overlapping the source\'s rows goes above or below both, whichever is shorter; a block to itself too', () => {
    const left: Box = { x: 0, y: 180, width: 220, height: 80 };
    const points = backRoute(exitOf(message), inputOf(left), message, left);
    expect(points[2].y).toBe(Math.min(message.y, left.y) - 24);
    expect(crossed(points.slice(1, -1), { message, left })).toEqual([]);
    const self = backRoute(exitOf(message), inputOf(message), message, message);
    expect(crossed(self.slice(1, -1), { message })).toEqual([]);
  });

  it('moves its runs off other blocks in the way', () => {
    const ask: Box = { x: 120, y: -40, width: 220, height: 160 };
    const thanks: Box = { x: 40, y: 380, width: 220, height: 80 };
    const hello: Box = { x: 320, y: 200, width: 220, height: 80 }; // right under Ask's exits
    const start: Box = { x: 0, y: 200, width: 220, height: 70 };
    const s = { x: ask.x + ask.width, y: 60 };
    const t = inputOf(thanks);
    const plain = backRoute(s, t, ask, thanks);
    expect(crossed(plain, { hello, start }).length, 'without the other blocks it goes through them').toBeGreaterThan(0);
    const around = backRoute(s, t, ask, thanks, [hello, start]);
    expect(crossed(around, { hello, start })).toEqual([]);
    expect(crossed(around.slice(1, -1), { ask, thanks })).toEqual([]);
  });

  it('a forward connection is not routed; the path has rounded corners and starts and ends at the handles', () => {
    expect(isBackward({ x: 100, y: 0 }, { x: 140, y: 300 })).toBe(false);
    const { path, labelX, labelY } = roundedPath([{ x: 0, y: 0 }, { x: 40, y: 0 }, { x: 40, y: 100 }, { x: -40, y: 100 }]);
    expect(path.startsWith('M0,0 ')).toBe(true);
    expect(path.endsWith(' L-40,100')).toBe(true);
    expect(path.match(/Q/g)).toHaveLength(2);
    expect([labelX, labelY]).toEqual([40, 50]);
  });
});
