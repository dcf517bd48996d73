/**
 * Session 42 (edges, newcomer s41 N10): connections that would cross blocks between their ends are routed around them
 * (orthoRoute.ts), and a block moved across a connection makes it draw again (reroute.ts). Pure geometry on generated
 * layouts: no route passes through any block's box; the ones that need no routing are left alone.
 */
import { describe, expect, it } from 'vitest';
import type { Box, Point } from '../../../renderer/studio/canvas/edges/edgeRoute';
import { BoxIndex, bezierCrosses, bezierPoints, orthoRoute, orthoRouteAmong, polylineCrossings, segmentCuts } from '../../../renderer/studio/canvas/edges/orthoRoute';
import { announceMoves, watchMoves } from '../../../renderer/studio/canvas/edges/reroute';
import { seededRandom } from '../../bench/conversationGenerator';

/** Exit on the right side, input on the left, both 6 px outside the box (the studio's handles sit on the border). */
const exitOf = (b: Box, dy = b.height / 2): Point => ({ x: b.x + b.width + 6, y: b.y + dy });
const inputOf = (b: Box): Point => ({ x: b.x - 6, y: b.y + 26 });

/** The boxes (by index) a polyline passes through, tested independently of orthoRoute's own test (sampled every 2 units). */
function pierced(points: readonly Point[], boxes: readonly Box[]): number[] {
  const hit = new Set<number>();
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / 2));
    for (let k = 0; k <= n; k++) {
      const p = { x: a.x + ((b.x - a.x) * k) / n, y: a.y + ((b.y - a.y) * k) / n };
      boxes.forEach((box, j) => {
        if (p.x > box.x + 1 && p.x < box.x + box.width - 1 && p.y > box.y + 1 && p.y < box.y + box.height - 1) hit.add(j);
      });
    }
  }
  return [...hit];
}

/** Checks the shape of a route: from s out to the right, axis-parallel runs, into t from the left. */
function expectWellFormed(route: Point[], s: Point, t: Point) {
  expect(route[0]).toEqual(s);
  expect(route.at(-1)).toEqual(t);
  for (let i = 1; i < route.length; i++) expect(route[i].x === route[i - 1].x || route[i].y === route[i - 1].y).toBe(true);
  expect(route[1].y).toBe(s.y);
  expect(route[1].x).toBeGreaterThan(s.x);
  expect(route.at(-2)!.y).toBe(t.y);
  expect(route.at(-2)!.x).toBeLessThan(t.x);
}

/** The newcomer's flow: 400 messages in a 20-wide grid (320 x 200 apart), a Human takeover below the grid. */
function big400() {
  const boxes: Box[] = [];
  for (let i = 0; i < 400; i++) boxes.push({ x: 320 + (i % 20) * 320, y: Math.floor(i / 20) * 200, width: 240, height: 86 });
  const takeover: Box = { x: 0, y: 4200, width: 260, height: 240 };
  return { boxes: [...boxes, takeover], takeover, m: (i: number) => boxes[i] };
}

/** A seeded generator (mulberry32, the benches' seededRandom), so a failure can be replayed. */
const rng = seededRandom;

/** n blocks of studio-like sizes at random places, none overlapping another (with 40 units between). */
function scattered(seed: number, n: number, w = 4000, h = 3000): Box[] {
  const r = rng(seed);
  const boxes: Box[] = [];
  for (let tries = 0; boxes.length < n && tries < n * 50; tries++) {
    const b = { x: Math.round(r() * w), y: Math.round(r() * h), width: 200 + Math.round(r() * 80), height: 70 + Math.round(r() * 150) };
    if (boxes.some((o) => b.x < o.x + o.width + 40 && o.x < b.x + b.width + 40 && b.y < o.y + o.height + 40 && o.y < b.y + b.height + 40)) continue;
    boxes.push(b);
  }
  return boxes;
}

describe('connections that would cross blocks are routed around them (newcomer s41 N10)', () => {
  it("the 400-block grid: the takeover's exit to the 6th block of the first row no longer crosses ~20 rows", () => {
    const { boxes, takeover, m } = big400();
    const index = new BoxIndex(boxes);
    const s = exitOf(takeover, 150);
    const t = inputOf(m(5));
    // React Flow's bezier (the diagonal the newcomer saw) passes through many blocks.
    expect(pierced(bezierPoints(s, t, 200), boxes).length).toBeGreaterThan(15);
    expect(bezierCrosses(s, t, index)).toBe(true);
    const route = orthoRoute(s, t, index)!;
    expect(route).not.toBeNull();
    expectWellFormed(route, s, t);
    expect(pierced(route, boxes)).toEqual([]);
    expect(polylineCrossings(route, index)).toBe(0);
    // Up the channel between the 5th and 6th columns and in: one bend up, one into the input.
    expect(route.length).toBeLessThanOrEqual(5);
    const up = route.find((p, i) => i > 0 && p.x === route[i - 1].x && p.y < route[i - 1].y)!;
    expect(up.x).toBeGreaterThan(m(4).x + m(4).width);
    expect(up.x).toBeLessThan(m(5).x);
  });

  it('a forward connection to the next block with nothing between stays a bezier; a block put between makes it route', () => {
    const a: Box = { x: 0, y: 0, width: 240, height: 90 };
    const b: Box = { x: 480, y: 40, width: 240, height: 90 };
    const s = exitOf(a);
    const t = inputOf(b);
    expect(bezierCrosses(s, t, new BoxIndex([a, b]))).toBe(false);
    // Far below and between: not in the curve's way.
    expect(bezierCrosses(s, t, new BoxIndex([a, b, { x: 280, y: 400, width: 160, height: 80 }]))).toBe(false);
    const between: Box = { x: 290, y: 10, width: 150, height: 90 };
    const index = new BoxIndex([a, b, between]);
    expect(bezierCrosses(s, t, index)).toBe(true);
    const route = orthoRoute(s, t, index)!;
    expectWellFormed(route, s, t);
    expect(pierced(route, [a, b, between])).toEqual([]);
  });

  it('random layouts: every route found passes through no block, and one is found for nearly every pair', () => {
    for (const seed of [1, 2, 3]) {
      const boxes = scattered(seed, 120);
      const index = new BoxIndex(boxes);
      const r = rng(seed + 100);
      let routed = 0;
      let found = 0;
      for (let k = 0; k < 150; k++) {
        const from = boxes[Math.floor(r() * boxes.length)];
        const to = boxes[Math.floor(r() * boxes.length)];
        if (from === to) continue;
        const s = exitOf(from, 20 + r() * (from.height - 30));
        const t = inputOf(to);
        routed++;
        const route = orthoRoute(s, t, index);
        if (!route) continue;
        found++;
        expectWellFormed(route, s, t);
        expect(pierced(route, boxes), `seed ${seed} pair ${k}`).toEqual([]);
      }
      expect(found / routed, `seed ${seed}`).toBeGreaterThan(0.95);
    }
  });

  it('a target walled in on every side gets no route (null: the canvas keeps its own drawing), and one gap is found', () => {
    const target: Box = { x: 1000, y: 1000, width: 200, height: 80 };
    const wall = (x: number, y: number, width: number, height: number): Box => ({ x, y, width, height });
    const walls = [wall(900, 900, 400, 40), wall(900, 1120, 400, 40), wall(900, 940, 40, 180), wall(1260, 940, 40, 180)];
    const source: Box = { x: 0, y: 0, width: 200, height: 80 };
    const s = exitOf(source);
    const t = inputOf(target);
    expect(orthoRoute(s, t, new BoxIndex([source, target, ...walls]))).toBeNull();
    // Open the left wall's lower part: the route goes in through the opening.
    const opened = [walls[0], walls[1], wall(900, 940, 40, 60), walls[3]];
    const route = orthoRoute(s, t, new BoxIndex([source, target, ...opened]))!;
    expectWellFormed(route, s, t);
    expect(pierced(route, [source, target, ...opened])).toEqual([]);
  });

  it('a block right on the exit stub leaves no route', () => {
    const a: Box = { x: 0, y: 0, width: 200, height: 80 };
    const b: Box = { x: 600, y: 300, width: 200, height: 80 };
    const blocker: Box = { x: 210, y: 0, width: 100, height: 80 };
    expect(orthoRouteAmong(exitOf(a), inputOf(b), [a, b, blocker])).toBeNull();
  });

  it('segmentCuts: through the inside yes; along a side, touching a corner or outside no', () => {
    const b: Box = { x: 0, y: 0, width: 100, height: 50 };
    expect(segmentCuts(b, { x: -10, y: 25 }, { x: 110, y: 25 })).toBe(true);
    expect(segmentCuts(b, { x: -10, y: -10 }, { x: 110, y: 60 })).toBe(true);
    expect(segmentCuts(b, { x: -10, y: 0 }, { x: 110, y: 0 })).toBe(false);
    expect(segmentCuts(b, { x: 100, y: -10 }, { x: 100, y: 60 })).toBe(false);
    expect(segmentCuts(b, { x: -10, y: 10 }, { x: 10, y: -10 })).toBe(false);
    expect(segmentCuts(b, { x: 120, y: 10 }, { x: 200, y: 10 })).toBe(false);
  });

  it('BoxIndex.query returns what a full scan returns', () => {
    const boxes = scattered(7, 300, 8000, 6000);
    const index = new BoxIndex(boxes);
    const r = rng(8);
    for (let k = 0; k < 200; k++) {
      const x = r() * 9000 - 500;
      const y = r() * 7000 - 500;
      const w = r() * (k % 10 === 0 ? 20000 : 1500);
      const h = r() * 1500;
      const want = boxes.filter((b) => b.x <= x + w && b.x + b.width >= x && b.y <= y + h && b.y + b.height >= y);
      expect(new Set(index.query(x, y, x + w, y + h))).toEqual(new Set(want));
    }
  });
});

describe('a block moved across a connection makes that connection draw again (reroute.ts)', () => {
  it('only the connections whose drawing meets the old or new box are told; none after unwatching', () => {
    // Two wrappers of one canvas's store (React Flow's useStoreApi gives each component its own): one canvas.
    const lookup = new Map();
    const store = { getState: () => ({ nodeLookup: lookup }) };
    const sameCanvas = { getState: () => ({ nodeLookup: lookup }) };
    const redrawn: string[] = [];
    const watch = (id: string, extent: Box | null) => watchMoves(store, { extent: () => extent, redraw: () => redrawn.push(id) });
    const stopA = watch('a', { x: 0, y: 0, width: 500, height: 20 });
    watch('b', { x: 0, y: 1000, width: 500, height: 20 });
    watch('undrawn', null);
    expect(announceMoves(sameCanvas, [{ x: 200, y: -30, width: 100, height: 60 }])).toBe(1);
    expect(redrawn).toEqual(['a']);
    expect(announceMoves(store, [{ x: 2000, y: 0, width: 100, height: 60 }])).toBe(0);
    stopA();
    expect(announceMoves(store, 'all')).toBe(1);
    expect(redrawn).toEqual(['a', 'b']);
    expect(announceMoves({ getState: () => ({ nodeLookup: new Map() }) }, 'all')).toBe(0);
  });
});
