/**
 * Session 47 (studio15, newcomer s46 N1 rest): connections routed around blocks took the same lanes. orthoRoute.ts and
 * backRoute draw each connection on its own, on candidate lines GAP from the blocks' sides, so every connection that
 * passes one gap between two columns of blocks runs down the same line (the shipped Northwind flow: 4-5 parallel lines
 * drawn as one at x ~ 690-710), and you cannot tell which exit goes where.
 *
 * This spreads them, as libavoid's "nudging" does after routing: the straight runs of all routed connections that lie on
 * one line (within LANE_TOL) and overlap along it are given lanes LANE_SPACING apart, centred on that line, as far as the
 * free space between the blocks on either side allows (never closer than LANE_CLEAR to a block; the spacing shrinks when
 * the room is short). Runs are ordered across the lanes by where their connection comes from and goes to (the one whose
 * neighbouring runs lie further left takes a lane further left; above / below for horizontal runs), which keeps most
 * parallel connections from crossing each other where they turn. The first and last runs (out of the exit, into the
 * input) stay on their handles; a run is moved only when it and its two neighbours (which it lengthens or shortens) then
 * cross no block and keep their direction. Pure geometry: routes in, routes out.
 */
import type { Box, Point } from './edgeRoute';
import { segmentCuts, type BoxIndex } from './orthoRoute';

/** Two runs within this distance of one line are on the same lane (flow units). */
export const LANE_TOL = 4;
/** Space between two lanes of one spread group (flow units). */
export const LANE_SPACING = 10;
/** A spread lane keeps at least this far from a block's side (flow units). */
export const LANE_CLEAR = 8;
/** A first or last run (out of the exit, into the input) keeps at least this length when its neighbour moves. */
const STUB_MIN = 8;
/** How far beside a group the blocks that bound its room are looked for (flow units). */
const LOOK = 400;

export interface LaneRoute {
  id: string;
  points: readonly Point[];
}

interface Run {
  route: number;
  /** Index of the run's first point in its route (the run is points[i] - points[i + 1]). */
  i: number;
  vertical: boolean;
  /** The run's fixed coordinate (x of a vertical run, y of a horizontal one). */
  at: number;
  lo: number;
  hi: number;
  /** Which way the connection turns at the run's low end and at its high end, across the lanes (-1, 0, 1). */
  turnLo: number;
  turnHi: number;
}

/**
 * The routes with their shared lanes spread apart; a route with nothing to spread is returned as the same array.
 * `index`: the blocks (and notes) the connections go around.
 */
export function separateLanes(routes: readonly LaneRoute[], index: BoxIndex): Map<string, Point[]> {
  const pts = routes.map((r) => r.points.map((p) => ({ x: p.x, y: p.y })));
  const runs: Run[] = [];
  routes.forEach((r, k) => {
    const p = r.points;
    // Runs between the first and the last: points[1]..points[n-2] may move (the handles' own points never do).
    for (let i = 1; i + 2 < p.length; i++) {
      const a = p[i];
      const b = p[i + 1];
      const vertical = Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) >= 0.5;
      const horizontal = Math.abs(a.y - b.y) < 0.5 && Math.abs(a.x - b.x) >= 0.5;
      if (!vertical && !horizontal) continue;
      const before = p[i - 1];
      const after = p[i + 2];
      const across = (from: Point, to: Point) => Math.sign(vertical ? to.x - from.x : to.y - from.y);
      const aLow = vertical ? a.y < b.y : a.x < b.x;
      const turnA = across(a, before);
      const turnB = across(b, after);
      runs.push({
        route: k,
        i,
        vertical,
        at: vertical ? a.x : a.y,
        lo: vertical ? Math.min(a.y, b.y) : Math.min(a.x, b.x),
        hi: vertical ? Math.max(a.y, b.y) : Math.max(a.x, b.x),
        turnLo: aLow ? turnA : turnB,
        turnHi: aLow ? turnB : turnA,
      });
    }
  });
  const moved = new Set<number>();
  for (const vertical of [true, false]) {
    const group = runs.filter((r) => r.vertical === vertical).sort((a, b) => a.at - b.at || a.lo - b.lo);
    // Lines: runs whose fixed coordinates are within LANE_TOL of the line's first.
    let start = 0;
    while (start < group.length) {
      let end = start + 1;
      while (end < group.length && group[end].at - group[start].at <= LANE_TOL) end++;
      for (const set of overlapping(group.slice(start, end))) spread(set, vertical, pts, index, moved);
      start = end;
    }
  }
  const out = new Map<string, Point[]>();
  routes.forEach((r, k) => out.set(r.id, moved.has(k) ? pts[k] : (r.points as Point[])));
  return out;
}

/** The sets of runs (of two routes or more) that overlap along their line, transitively. */
function overlapping(line: Run[]): Run[][] {
  const sorted = [...line].sort((a, b) => a.lo - b.lo);
  const sets: Run[][] = [];
  let current: Run[] = [];
  let reach = -Infinity;
  for (const r of sorted) {
    if (current.length && r.lo < reach) {
      current.push(r);
      reach = Math.max(reach, r.hi);
    } else {
      if (current.length) sets.push(current);
      current = [r];
      reach = r.hi;
    }
  }
  if (current.length) sets.push(current);
  return sets.filter((s) => new Set(s.map((r) => r.route)).size > 1);
}

function spread(set: Run[], vertical: boolean, pts: Point[][], index: BoxIndex, moved: Set<number>): void {
  const line = set.reduce((s, r) => s + r.at, 0) / set.length;
  const lo = Math.min(...set.map((r) => r.lo));
  const hi = Math.max(...set.map((r) => r.hi));
  // The room: up to the nearest block side on either side of the line, over the set's extent.
  let roomLo = line - LOOK;
  let roomHi = line + LOOK;
  const near = vertical ? index.query(line - LOOK, lo, line + LOOK, hi) : index.query(lo, line - LOOK, hi, line + LOOK);
  for (const b of near) {
    const [bLo, bHi] = vertical ? [b.x, b.x + b.width] : [b.y, b.y + b.height];
    const [sLo, sHi] = vertical ? [b.y, b.y + b.height] : [b.x, b.x + b.width];
    if (sHi <= lo || sLo >= hi) continue;
    if (bHi <= line + 0.5) roomLo = Math.max(roomLo, bHi);
    else if (bLo >= line - 0.5) roomHi = Math.min(roomHi, bLo);
  }
  roomLo += LANE_CLEAR;
  roomHi -= LANE_CLEAR;
  const n = set.length;
  if (roomHi <= roomLo) return;
  const step = Math.min(LANE_SPACING, (roomHi - roomLo) / (n - 1));
  if (step < 2) return;
  const width = step * (n - 1);
  const first = Math.min(Math.max(line - width / 2, roomLo), roomHi - width);
  const order = laneOrder(set);
  order.forEach((r, k) => {
    const to = first + k * step;
    if (Math.abs(to - r.at) < 0.01) return;
    if (move(pts[r.route], r.i, vertical, to, index)) moved.add(r.route);
  });
}

/** Moves the run points[i]-points[i+1] to the line `to`, when it and its neighbours stay clear of blocks and keep their direction. */
function move(p: Point[], i: number, vertical: boolean, to: number, index: BoxIndex): boolean {
  const a = p[i];
  const b = p[i + 1];
  const prev = p[i - 1];
  const next = p[i + 2];
  const na = vertical ? { x: to, y: a.y } : { x: a.x, y: to };
  const nb = vertical ? { x: to, y: b.y } : { x: b.x, y: to };
  // The neighbours keep their direction (a run shortened past its other end would turn back on itself), and a first or
  // last run keeps some length out of its handle.
  const along = (from: Point, old: Point, now: Point) => {
    const d0 = vertical ? old.x - from.x : old.y - from.y;
    const d1 = vertical ? now.x - from.x : now.y - from.y;
    return Math.sign(d0) === Math.sign(d1) || Math.abs(d0) < 0.5;
  };
  if (!along(prev, a, na) || !along(next, b, nb)) return false;
  const stub = (from: Point, now: Point) => Math.abs(vertical ? now.x - from.x : now.y - from.y) >= STUB_MIN;
  if (i - 1 === 0 && !stub(prev, na)) return false;
  if (i + 2 === p.length - 1 && !stub(next, nb)) return false;
  for (const [s, e] of [
    [prev, na],
    [na, nb],
    [nb, next],
  ] as [Point, Point][]) {
    for (const box of index.query(Math.min(s.x, e.x), Math.min(s.y, e.y), Math.max(s.x, e.x), Math.max(s.y, e.y))) if (segmentCuts(box as Box, s, e)) return false;
  }
  p[i] = na;
  p[i + 1] = nb;
  return true;
}

/**
 * The runs in lane order (lowest coordinate first) that makes the fewest of their connections cross where they turn
 * off the line: a run that ends inside another's extent and turns towards lower coordinates there must lie on the
 * lower side of it (its turn then passes the other run by), towards higher coordinates on the higher side. Two runs
 * that each end inside the other and want opposite sides cross whatever the order. Up to 7 runs every order is tried;
 * more are ranked by how many others each should precede (ties: the route's order, so the drawing is stable).
 */
export function laneOrder<T extends { lo: number; hi: number; turnLo: number; turnHi: number; route: number }>(set: readonly T[]): T[] {
  const n = set.length;
  // want[a][b] > 0: a should lie below (left of / above) b.
  const want = set.map(() => new Array<number>(n).fill(0));
  const inside = (v: number, r: T) => v > r.lo + LANE_TOL && v < r.hi - LANE_TOL;
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      if (a === b) continue;
      const A = set[a];
      const B = set[b];
      for (const [end, turn] of [
        [A.lo, A.turnLo],
        [A.hi, A.turnHi],
      ]) {
        if (turn === 0 || !inside(end, B)) continue;
        if (turn < 0) want[a][b]++;
        else want[b][a]++;
      }
    }
  const idx = set.map((_, i) => i);
  if (n <= 7) {
    let best = idx;
    let bestScore = -Infinity;
    const perm = (rest: number[], chosen: number[], score: number) => {
      if (rest.length === 0) {
        if (score > bestScore) {
          bestScore = score;
          best = chosen;
        }
        return;
      }
      for (let k = 0; k < rest.length; k++) {
        const next = rest[k];
        // Placing `next` now puts it below every run still to come.
        let gain = 0;
        for (const other of rest) if (other !== next) gain += want[next][other] - want[other][next];
        perm([...rest.slice(0, k), ...rest.slice(k + 1)], [...chosen, next], score + gain);
      }
    };
    perm(idx, [], 0);
    return best.map((i) => set[i]);
  }
  const rank = idx.map((a) => idx.reduce((s, b) => s + Math.sign(want[a][b] - want[b][a]), 0));
  return [...idx].sort((a, b) => rank[b] - rank[a] || set[a].route - set[b].route).map((i) => set[i]);
}
