/**
 * Connections that would cross blocks between their ends (newcomer s41 N10), any direction: routed around them.
 *
 * A forward connection (target on the right) stays React Flow's bezier while that curve crosses no block. When it
 * would cross one (the 400-block grid whose Human takeover, below the grid, leads to the 6th block of the first row: a
 * diagonal over ~20 rows), it is drawn as straight runs with rounded corners through the free space between the blocks,
 * out of the exit to the right and into the input from the left, as the smooth-step edges of Botpress, Typebot or
 * Composer: the shortest such route with the fewest bends (each bend costs BEND flow units of length).
 *
 * How: an orthogonal visibility graph (Wybrow, Marriott and Stuckey's "orthogonal connector routing", the method of
 * libavoid, much reduced). Candidate vertical lines are the stub ends and GAP left and right of every block near the
 * connection, candidate horizontal lines the two handle rows and GAP above and below those blocks; their crossings are
 * the graph's points, a run between two neighbouring points is an edge when it passes through no block, and a
 * Dijkstra over (point, heading) with a bend penalty and no U-turns finds the route. Blocks are looked up in a uniform
 * grid (BoxIndex), built once per change of the canvas's nodes and shared by every connection. Pure geometry: no React.
 */
import type { Box, Point } from './edgeRoute';

/** Space kept between a route and the blocks it passes (flow units); the stubs out of the exit and into the input are as long. */
export const GAP = 24;
/** What one bend costs, in flow units of length: a route with one bend fewer may be up to this much longer. */
export const BEND = 120;
/** Boxes are shrunk by this much before a crossing test: a run along a block's side, or a handle on its border, is no crossing. */
const EPS = 1;
/** Most candidate lines per axis (the graph has at most their product times four states). */
const MAX_LINES = 160;
/** Most graph states a search takes from its queue: past it the route is given up (the caller keeps the bezier). */
const MAX_STEPS = 20000;

/** Blocks in a uniform grid of cells, for "which boxes meet this rectangle" without reading every block. */
export class BoxIndex {
  readonly boxes: readonly Box[];
  private readonly cell: number;
  private readonly cells = new Map<number, number[]>();
  private stamp: Uint32Array;
  private visit = 0;

  constructor(boxes: readonly Box[], cell = 400) {
    this.boxes = boxes;
    this.cell = cell;
    this.stamp = new Uint32Array(boxes.length);
    boxes.forEach((b, i) => {
      for (let cx = Math.floor(b.x / cell); cx <= Math.floor((b.x + b.width) / cell); cx++) {
        for (let cy = Math.floor(b.y / cell); cy <= Math.floor((b.y + b.height) / cell); cy++) {
          const k = key(cx, cy);
          const list = this.cells.get(k);
          if (list) list.push(i);
          else this.cells.set(k, [i]);
        }
      }
    });
  }

  /** The boxes that meet the rectangle (minX, minY)-(maxX, maxY), each once. */
  query(minX: number, minY: number, maxX: number, maxY: number): Box[] {
    const out: Box[] = [];
    if (++this.visit === 0xffffffff) {
      this.stamp.fill(0);
      this.visit = 1;
    }
    const c = this.cell;
    const x0 = Math.floor(minX / c);
    const x1 = Math.floor(maxX / c);
    const y0 = Math.floor(minY / c);
    const y1 = Math.floor(maxY / c);
    // A rectangle much larger than the blocks' spread: read every box once instead of every cell.
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > this.cells.size) {
      for (const b of this.boxes) if (b.x <= maxX && b.x + b.width >= minX && b.y <= maxY && b.y + b.height >= minY) out.push(b);
      return out;
    }
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const list = this.cells.get(key(cx, cy));
        if (!list) continue;
        for (const i of list) {
          if (this.stamp[i] === this.visit) continue;
          this.stamp[i] = this.visit;
          const b = this.boxes[i];
          if (b.x <= maxX && b.x + b.width >= minX && b.y <= maxY && b.y + b.height >= minY) out.push(b);
        }
      }
    }
    return out;
  }
}

function key(cx: number, cy: number): number {
  return (cx + 0x8000) * 0x10000 + (cy + 0x8000);
}

/** Whether the segment a-b (any direction) passes through the inside of `b` shrunk by EPS (Liang-Barsky clipping). */
export function segmentCuts(box: Box, a: Point, b: Point): boolean {
  const minX = box.x + EPS;
  const maxX = box.x + box.width - EPS;
  const minY = box.y + EPS;
  const maxY = box.y + box.height - EPS;
  if (maxX <= minX || maxY <= minY) return false;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, a.x - minX],
    [dx, maxX - a.x],
    [-dy, a.y - minY],
    [dy, maxY - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
  }
  return t1 - t0 > 1e-9;
}

/** How many of the index's boxes the polyline passes through (each box counted once). */
export function polylineCrossings(points: readonly Point[], index: BoxIndex): number {
  const hit = new Set<Box>();
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    for (const box of index.query(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.max(a.x, b.x), Math.max(a.y, b.y))) {
      if (!hit.has(box) && segmentCuts(box, a, b)) hit.add(box);
    }
  }
  return hit.size;
}

/**
 * Points along React Flow's default bezier from an exit on the right to an input on the left (getBezierPath with
 * curvature 0.25: for a target on the right both control points lie half-way across, level with their ends).
 */
export function bezierPoints(s: Point, t: Point, steps = 24): Point[] {
  const off = (d: number) => (d >= 0 ? 0.5 * d : 0.25 * 25 * Math.sqrt(-d));
  const c1 = { x: s.x + off(t.x - s.x), y: s.y };
  const c2 = { x: t.x - off(t.x - s.x), y: t.y };
  const out: Point[] = [];
  for (let i = 0; i <= steps; i++) {
    const u = i / steps;
    const v = 1 - u;
    const a = v * v * v;
    const b = 3 * v * v * u;
    const c = 3 * v * u * u;
    const d = u * u * u;
    out.push({ x: a * s.x + b * c1.x + c * c2.x + d * t.x, y: a * s.y + b * c1.y + c * c2.y + d * t.y });
  }
  return out;
}

/** Whether React Flow's bezier from `s` to `t` passes through any block of the index (its own two included). */
export function bezierCrosses(s: Point, t: Point, index: BoxIndex): boolean {
  // A forward curve stays within its ends' rectangle (both control points lie inside it): most have no block there.
  const near = t.x >= s.x ? index.query(s.x, Math.min(s.y, t.y), t.x, Math.max(s.y, t.y)) : null;
  if (near && near.length === 0) return false;
  const points = bezierPoints(s, t);
  for (let i = 1; i < points.length; i++) {
    for (const box of near ?? index.boxes) if (segmentCuts(box, points[i - 1], points[i])) return true;
  }
  return false;
}

/** Sorted distinct values, thinned to at most `max` by merging lines closer than a growing step; `keep` always stay. */
function lines(values: number[], keep: number[], max: number): number[] {
  let sorted = [...new Set(values.map((v) => Math.round(v * 2) / 2))].sort((a, b) => a - b);
  for (let step = 4; sorted.length > max; step *= 2) {
    const thinned: number[] = [];
    for (const v of sorted) if (!thinned.length || v - thinned[thinned.length - 1] >= step) thinned.push(v);
    sorted = thinned;
  }
  const all = [...new Set([...sorted, ...keep])].sort((a, b) => a - b);
  return all;
}

/** For each line, which runs between neighbouring cross lines are blocked (a block's inside meets the open run). */
function blockedRuns(line: number[], cross: number[], boxes: readonly Box[], horizontal: boolean): Uint8Array[] {
  const out = line.map(() => new Uint8Array(Math.max(0, cross.length - 1)));
  for (const b of boxes) {
    const lo = (horizontal ? b.y : b.x) + EPS;
    const hi = (horizontal ? b.y + b.height : b.x + b.width) - EPS;
    const from = (horizontal ? b.x : b.y) + EPS;
    const to = (horizontal ? b.x + b.width : b.y + b.height) - EPS;
    if (hi <= lo || to <= from) continue;
    // Lines strictly inside the box's span on this axis.
    let j = lowerBound(line, lo);
    if (line[j] === lo) j++;
    // Runs (k, k+1) whose open interval meets (from, to): cross[k+1] > from and cross[k] < to.
    const k0 = Math.max(0, upperBound(cross, from) - 1);
    for (; j < line.length && line[j] < hi; j++) {
      const runs = out[j];
      for (let k = k0; k < runs.length && cross[k] < to; k++) if (cross[k + 1] > from) runs[k] = 1;
    }
  }
  return out;
}

function lowerBound(a: number[], v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (a[m] < v) lo = m + 1;
    else hi = m;
  }
  return lo;
}

function upperBound(a: number[], v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (a[m] <= v) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** A binary min-heap of state numbers keyed by a Float64Array of costs. */
class Heap {
  private items: number[] = [];
  private keys: number[] = [];
  get size() {
    return this.items.length;
  }
  push(item: number, k: number) {
    const a = this.items;
    const ks = this.keys;
    let i = a.length;
    a.push(item);
    ks.push(k);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (ks[p] <= k) break;
      a[i] = a[p];
      ks[i] = ks[p];
      i = p;
    }
    a[i] = item;
    ks[i] = k;
  }
  pop(): [number, number] {
    const a = this.items;
    const ks = this.keys;
    const top: [number, number] = [a[0], ks[0]];
    const item = a.pop()!;
    const k = ks.pop()!;
    if (a.length) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && ks[r] < ks[l] ? r : l;
        if (ks[c] >= k) break;
        a[i] = a[c];
        ks[i] = ks[c];
        i = c;
      }
      a[i] = item;
      ks[i] = k;
    }
    return top;
  }
}

// Headings: 0 right, 1 left, 2 down, 3 up.
const DX = [1, -1, 0, 0];
const DY = [0, 0, 1, -1];

/**
 * The corner points of a route from the exit `s` (leaving to the right) to the input `t` (entering from the left)
 * through no box of `boxes`, or null when the graph has none (a block on the exit's or the input's stub, or every way
 * closed). The first and last points are `s` and `t`; consecutive points differ in x or in y only.
 */
export function orthoRouteAmong(s: Point, t: Point, boxes: readonly Box[], gap = GAP, bend = BEND, rowsOnly: readonly Box[] = []): Point[] | null {
  const S = { x: s.x + gap, y: s.y };
  const T = { x: t.x - gap, y: t.y };
  const xv: number[] = [];
  const yv: number[] = [];
  for (const b of boxes) {
    xv.push(b.x - gap, b.x + b.width + gap);
    yv.push(b.y - gap, b.y + b.height + gap);
  }
  // Session 44: strips that only horizontal runs must not pass (approachZones); a vertical line just before each.
  for (const z of rowsOnly) xv.push(z.x - gap);
  const xs = lines(xv, [S.x, T.x], MAX_LINES);
  const ys = lines(yv, [S.y, T.y], MAX_LINES);
  const nx = xs.length;
  const ny = ys.length;
  // The stubs themselves must be free.
  for (const b of boxes) if (segmentCuts(b, s, S) || segmentCuts(b, T, t)) return null;
  const hBlocked = blockedRuns(ys, xs, rowsOnly.length ? [...boxes, ...rowsOnly] : boxes, true); // hBlocked[j][i]: run (xs[i], xs[i+1]) at ys[j]
  const vBlocked = blockedRuns(xs, ys, boxes, false); // vBlocked[i][j]: run (ys[j], ys[j+1]) at xs[i]
  const si = xs.indexOf(S.x);
  const sj = ys.indexOf(S.y);
  const ti = xs.indexOf(T.x);
  const tj = ys.indexOf(T.y);
  const states = nx * ny * 4;
  const dist = new Float64Array(states).fill(Infinity);
  const prev = new Int32Array(states).fill(-1);
  const closed = new Uint8Array(states);
  const heap = new Heap();
  // A*: what is left costs at least the Manhattan distance to T plus the fewest bends that can end heading right into
  // T: none when level with it, left of it and heading right; heading right or left otherwise, two (off the row and
  // back); heading up or down, one when T is not behind (turn into its row), else three.
  const tx = xs[ti];
  const ty = ys[tj];
  const rest = (i: number, j: number, h: number) => {
    const x = xs[i];
    const y = ys[j];
    const bends = h === 0 ? (y === ty && x <= tx ? 0 : 2) : h === 1 ? 2 : x <= tx ? 1 : 3;
    return Math.abs(tx - x) + Math.abs(ty - y) + bends * bend;
  };
  const start = (sj * nx + si) * 4 + 0;
  dist[start] = 0;
  heap.push(start, rest(si, sj, 0));
  let end = -1;
  for (let steps = 0; heap.size && steps < MAX_STEPS; steps++) {
    const [st] = heap.pop();
    const node = st >> 2;
    const h = st & 3;
    const i = node % nx;
    const j = (node - i) / nx;
    const d = dist[st];
    if (closed[st]) continue;
    closed[st] = 1;
    if (i === ti && j === tj) {
      // Into the input going right: a bend if it came down or up, never a U-turn.
      if (h === 0) {
        end = st;
        break;
      }
      if (h !== 1) {
        const fin = node * 4 + 0;
        const c = d + bend;
        if (c < dist[fin]) {
          dist[fin] = c;
          prev[fin] = st;
          heap.push(fin, c);
        }
        continue;
      }
    }
    for (let nh = 0; nh < 4; nh++) {
      if ((h ^ 1) === nh && (h >> 1) === (nh >> 1)) continue; // no U-turn
      const ni = i + DX[nh];
      const nj = j + DY[nh];
      if (ni < 0 || nj < 0 || ni >= nx || nj >= ny) continue;
      if (DX[nh] !== 0 ? hBlocked[j][Math.min(i, ni)] : vBlocked[i][Math.min(j, nj)]) continue;
      const ns = (nj * nx + ni) * 4 + nh;
      const c = d + Math.abs(xs[ni] - xs[i]) + Math.abs(ys[nj] - ys[j]) + (nh === h ? 0 : bend);
      if (c < dist[ns]) {
        dist[ns] = c;
        prev[ns] = st;
        heap.push(ns, c + rest(ni, nj, nh) - c * 1e-6); // ties: the one further along first
      }
    }
  }
  if (end < 0) return null;
  const path: Point[] = [t];
  for (let st = end; st >= 0; st = prev[st]) {
    const node = st >> 2;
    const i = node % nx;
    const j = (node - i) / nx;
    const p = { x: xs[i], y: ys[j] };
    const last = path[path.length - 1];
    if (last.x !== p.x || last.y !== p.y) path.push(p);
  }
  path.push(s);
  path.reverse();
  return simplify(path);
}

/** Drops points that lie on the straight run between their neighbours. */
function simplify(points: Point[]): Point[] {
  const out: Point[] = [points[0]];
  for (let k = 1; k < points.length - 1; k++) {
    const a = out[out.length - 1];
    const b = points[k];
    const c = points[k + 1];
    if ((a.x === b.x && b.x === c.x) || (a.y === b.y && b.y === c.y)) continue;
    out.push(b);
  }
  out.push(points[points.length - 1]);
  return out;
}

/**
 * The route from `s` to `t` around the index's blocks: the blocks within `margin` of the two ends' rectangle are the
 * obstacles; a route found among them that still meets a block further out (it went round the far side) is tried
 * again with a wider margin (twice at most). Null when none was found (the caller keeps its own drawing).
 */
export function orthoRoute(s: Point, t: Point, index: BoxIndex, margin = 300): Point[] | null {
  let best: Point[] | null = null;
  for (let m = margin, round = 0; round < 3; m *= 3, round++) {
    // Newcomer s43 N2b: a block lying over one of the ends (a Message dragged partly under a Human takeover) walled that end
    // in, no route was found and the straight curve stayed, under a block moved onto it. A block over an end cannot be
    // avoided at that end: it is no obstacle for this connection (its own two blocks only touch the ends: kept).
    const boxes = index
      .query(Math.min(s.x, t.x) - m, Math.min(s.y, t.y) - m, Math.max(s.x, t.x) + m, Math.max(s.y, t.y) + m)
      .filter((b) => !covers(b, s) && !covers(b, t));
    const zones = approachZones(boxes, s, t);
    const route = (zones.length ? orthoRouteAmong(s, t, boxes, GAP, BEND, zones) : null) ?? orthoRouteAmong(s, t, boxes);
    // None among the nearer blocks: none among more of them either (or the search's budget ran out).
    if (!route) return best;
    if (polylineCrossings(route, index) === 0) return route;
    best ??= route;
  }
  return best;
}

/** Where a block's input handle sits below its top (studio.css `.bn-handle-in`: top 20px). */
export const INPUT_HANDLE_Y = 20;

/**
 * Session 44 (studio7, retest s43 N3): a route around a block dropped on a connection ran level with that block's input
 * and turned up GAP before it, so at a glance the connection went INTO the block it avoids. In front of every other
 * block's input, a strip 3 x GAP long and 24 units high (its handle row) is closed to runs along that row (a route may
 * cross it going up or down): a route turns well before it.
 * The connection's own two blocks keep none (its input is where it goes; its exit's block is behind it). A zone is
 * a preference: none where it would cover a stub or a block, and when no route keeps clear of them, the route without.
 */
export function approachZones(boxes: readonly Box[], s: Point, t: Point): Box[] {
  const own = (b: Box) => (Math.abs(b.x - t.x) <= 1 && t.y >= b.y && t.y <= b.y + b.height) || (Math.abs(b.x + b.width - s.x) <= 16 && s.y >= b.y && s.y <= b.y + b.height);
  const S = { x: s.x + GAP, y: s.y };
  const T = { x: t.x - GAP, y: t.y };
  // A zone is a preference, never a wall: none over the connection's own stubs or over another block (tight layouts).
  return boxes
    .filter((b) => !own(b))
    .map((b) => ({ x: b.x - 3 * GAP, y: b.y + INPUT_HANDLE_Y - 12, width: 3 * GAP, height: 24 }))
    .filter((z) => !segmentCuts(z, s, S) && !segmentCuts(z, T, t) && !boxes.some((b) => b.x < z.x + z.width - EPS && z.x < b.x + b.width - EPS && b.y < z.y + z.height - EPS && z.y < b.y + b.height - EPS));
}

/** True when `p` lies inside `b`, not on its edge. */
function covers(b: Box, p: Point): boolean {
  return p.x > b.x + EPS && p.x < b.x + b.width - EPS && p.y > b.y + EPS && p.y < b.y + b.height - EPS;
}
