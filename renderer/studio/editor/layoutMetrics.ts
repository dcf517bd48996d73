/**
 * Session 46 (layout, newcomer s46 N1): objective measures of how a flow's layout reads, for automatic layout's tests
 * and for comparing elk options. Pure geometry over block positions and the studio's own edge drawing
 * (canvas/edges: bezier while it crosses no block, else the orthogonal route; a connection behind its source goes
 * around both blocks), so "two connections share a lane" means what the user sees on the canvas.
 *
 * Measures: the blocks' bounding box (area), total drawn edge length, edge crossings (pairs of connections whose
 * drawings cross), shared lanes (pairs of connections from different exits with a straight run along the same line
 * over more than LANE_MIN flow units, within LANE_TOL), and blocks overlapping. Exit handles are placed as on a block
 * card: one exit in the middle of the right side, several spread down the right side below the header (an
 * approximation of BlockNode's rows, good enough to compare two layouts of one flow).
 */
import type { Flow } from '../../../shared/flow/schema';
import { exitLabels } from '../blockCatalog';
import { backRoute, isBackward, type Box, type Point } from '../canvas/edges/edgeRoute';
import { BoxIndex, bezierCrosses, bezierPoints, orthoRoute } from '../canvas/edges/orthoRoute';
import { separateLanes, type LaneRoute } from '../canvas/edges/laneNudge';

export const LANE_TOL = 4;
export const LANE_MIN = 40;
const HEADER = 44;
const INPUT_Y = 20;

export interface LayoutMetrics {
  width: number;
  height: number;
  area: number;
  edgeLength: number;
  crossings: number;
  sharedLanes: number;
  overlaps: number;
}

/** A block's size for measuring when the canvas has not measured it: taller with more exits, like a card. */
export function cardSize(flow: Flow, id: string): { width: number; height: number } {
  const b = flow.blocks.find((x) => x.id === id);
  const exits = b ? exitLabels(b).length : 1;
  return { width: 260, height: Math.max(120, HEADER + 28 * exits + 20) };
}

function exitPoint(box: Box, i: number, n: number): Point {
  if (n <= 1) return { x: box.x + box.width, y: box.y + box.height / 2 };
  return { x: box.x + box.width, y: box.y + HEADER + (i + 0.5) * ((box.height - HEADER) / n) };
}

/** Each connection as the canvas draws it (a polyline), keyed by edge id. */
export function drawnEdges(flow: Flow, positions: Record<string, Point>, sizeOf: (id: string) => { width: number; height: number }, opts: { separate?: boolean } = {}): Map<string, Point[]> {
  const boxes = new Map<string, Box>();
  for (const b of flow.blocks) {
    const p = positions[b.id] ?? b.position;
    boxes.set(b.id, { x: p.x, y: p.y, ...sizeOf(b.id) });
  }
  const all = [...boxes.values()];
  const index = new BoxIndex(all);
  const out = new Map<string, Point[]>();
  const routed: LaneRoute[] = [];
  for (const e of flow.edges) {
    const from = boxes.get(e.from);
    const to = boxes.get(e.to);
    const block = flow.blocks.find((b) => b.id === e.from);
    if (!from || !to || !block) continue;
    const exits = exitLabels(block).map((x) => x.exit);
    const i = Math.max(0, exits.indexOf(e.exit));
    const s = exitPoint(from, i, exits.length);
    const t = { x: to.x, y: to.y + INPUT_Y };
    if (isBackward(s, t)) {
      const points = backRoute(s, t, from, to, all.filter((o) => o !== from && o !== to));
      out.set(e.id, points);
      routed.push({ id: e.id, points });
    } else {
      const route = bezierCrosses(s, t, index) ? orthoRoute(s, t, index) : null;
      out.set(e.id, route ?? bezierPoints(s, t));
      if (route) routed.push({ id: e.id, points: route });
    }
  }
  // Session 47 (studio15): the routed connections' shared lanes spread apart, as the canvas draws them (laneNudge.ts).
  if (opts.separate !== false) for (const [id, points] of separateLanes(routed, index)) out.set(id, points);
  return out;
}

const len = (a: Point, b: Point) => Math.hypot(b.x - a.x, b.y - a.y);

function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const o = (p: Point, q: Point, r: Point) => Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
}

/** Straight axis-parallel runs of a polyline: [fixed coordinate, from, to, vertical]. */
function runs(points: Point[]): [number, number, number, boolean][] {
  const r: [number, number, number, boolean][] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) >= LANE_MIN) r.push([a.x, Math.min(a.y, b.y), Math.max(a.y, b.y), true]);
    else if (Math.abs(a.y - b.y) < 0.5 && Math.abs(a.x - b.x) >= LANE_MIN) r.push([a.y, Math.min(a.x, b.x), Math.max(a.x, b.x), false]);
  }
  return r;
}

export function layoutMetrics(flow: Flow, positions: Record<string, Point>, sizeOf: (id: string) => { width: number; height: number } = (id) => cardSize(flow, id), opts: { separate?: boolean } = {}): LayoutMetrics {
  const boxes = flow.blocks.map((b) => ({ id: b.id, ...(positions[b.id] ?? b.position), ...sizeOf(b.id) }));
  const left = Math.min(...boxes.map((b) => b.x));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const top = Math.min(...boxes.map((b) => b.y));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) overlaps++;
    }
  const drawn = drawnEdges(flow, positions, sizeOf, opts);
  const edges = flow.edges.filter((e) => drawn.has(e.id));
  let edgeLength = 0;
  for (const e of edges) {
    const p = drawn.get(e.id)!;
    for (let i = 1; i < p.length; i++) edgeLength += len(p[i - 1], p[i]);
  }
  const { crossings, sharedLanes } = edgePairs(edges.map((e) => ({ ...e, points: drawn.get(e.id)! })));
  return { width: Math.round(right - left), height: Math.round(bottom - top), area: Math.round((right - left) * (bottom - top)), edgeLength: Math.round(edgeLength), crossings, sharedLanes, overlaps };
}

/**
 * Over drawn connections (polylines): pairs whose drawings cross, and pairs from different exits with a straight run on
 * one line (LANE_TOL) over more than LANE_MIN; `sharedToOthers` counts only the latter pairs that also lead to different
 * blocks (two exits into one block may merge before it; into different blocks a shared lane hides which goes where).
 * Session 47 (studio15): also run on the paths the real canvas draws (test/bench/edgeLanes.ts).
 */
export function edgePairs(edges: readonly { from: string; exit: string; to: string; points: readonly Point[] }[]): { crossings: number; sharedLanes: number; sharedToOthers: number } {
  let crossings = 0;
  let sharedLanes = 0;
  let sharedToOthers = 0;
  const allRuns = edges.map((e) => runs(e.points as Point[]));
  for (let i = 0; i < edges.length; i++)
    for (let j = i + 1; j < edges.length; j++) {
      const p = edges[i].points;
      const q = edges[j].points;
      let crosses = false;
      for (let a = 1; a < p.length && !crosses; a++) for (let b = 1; b < q.length && !crosses; b++) if (segmentsCross(p[a - 1], p[a], q[b - 1], q[b])) crosses = true;
      if (crosses) crossings++;
      // Connections from one exit (or into one block) may merge; two different exits running along one line are ambiguous.
      if (edges[i].from === edges[j].from && edges[i].exit === edges[j].exit) continue;
      const shared = allRuns[i].some(([c, lo, hi, v]) => allRuns[j].some(([c2, lo2, hi2, v2]) => v === v2 && Math.abs(c - c2) <= LANE_TOL && Math.min(hi, hi2) - Math.max(lo, lo2) > LANE_MIN));
      if (shared) {
        sharedLanes++;
        if (edges[i].to !== edges[j].to) sharedToOthers++;
      }
    }
  return { crossings, sharedLanes, sharedToOthers };
}
