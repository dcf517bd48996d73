/**
 * Where a connection runs when its target lies behind its source (newcomer s39 N4).
 *
 * Exits are on a block's right side and the input on the left. React Flow's bezier to a block above or to the
 * left of the source curved back through the target block (and often through the source too), ending where
 * it seemed to leave the target's Fallback dot. Such a connection is routed around instead: out of the exit
 * to the right, along a horizontal lane that touches neither block (between them when one lies wholly above
 * the other, else above or below both, whichever is shorter), down or up the target's left side and into its
 * input from the left; other blocks in its way push its runs aside. Corners are rounded. Pure geometry: no React,
 * no store.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** Space kept between a routed connection and the blocks it goes around (flow units). */
export const ROUTE_GAP = 24;
const RADIUS = 10;

/** True when the target's input lies left of the source's exit: a bezier would cross the blocks. */
export function isBackward(source: Point, target: Point): boolean {
  return target.x < source.x;
}

/**
 * The corner points of a connection from the exit `s` of block `from` to the input `t` of block `to` (which may be
 * the same block: a block connected to itself). The first and last points are `s` and `t`. The route is out to the
 * right of `from`, along a horizontal lane, down or up the left of `to`, and in. `others` are the other blocks' boxes:
 * of the lanes tried (between the two blocks, above both, below both), each is moved off the blocks it crosses
 * (the right-hand run further right, the lane above or below the block in its way, the left-hand run further left) a
 * few times, and the route crossing the fewest blocks wins, then the shortest.
 */
export function backRoute(s: Point, t: Point, from: Box, to: Box, others: readonly Box[] = [], gap = ROUTE_GAP): Point[] {
  const right0 = Math.max(s.x, from.x + from.width) + gap;
  const left0 = Math.min(t.x, to.x) - gap;
  const fromBottom = from.y + from.height;
  const toBottom = to.y + to.height;
  const above = Math.min(from.y, to.y) - gap;
  const below = Math.max(fromBottom, toBottom) + gap;
  const lanes: { y: number; side: 'up' | 'down' | 'between' }[] = [];
  if (toBottom + 2 * gap <= from.y) lanes.push({ y: (toBottom + from.y) / 2, side: 'between' });
  else if (fromBottom + 2 * gap <= to.y) lanes.push({ y: (fromBottom + to.y) / 2, side: 'between' });
  const cost = (y: number) => Math.abs(s.y - y) + Math.abs(t.y - y);
  lanes.push(...[{ y: above, side: 'up' as const }, { y: below, side: 'down' as const }].sort((a, b) => cost(a.y) - cost(b.y)));
  const all = [from, to, ...others];
  let best: { points: Point[]; crossed: number; length: number } | null = null;
  for (const lane0 of lanes) {
    let right = right0;
    let left = left0;
    let lane = lane0.y;
    for (let round = 0; round < 6; round++) {
      const hitRight = firstHit(others, right, s.y, right, lane);
      if (hitRight) {
        right = hitRight.x + hitRight.width + gap;
        continue;
      }
      const hitLane = firstHit(all, left, lane, right, lane);
      if (hitLane) {
        const up = hitLane.y - gap;
        const down = hitLane.y + hitLane.height + gap;
        lane = lane0.side === 'up' ? up : lane0.side === 'down' ? down : Math.abs(up - lane) <= Math.abs(down - lane) ? up : down;
        continue;
      }
      const hitLeft = firstHit(others, left, lane, left, t.y);
      if (hitLeft) {
        left = hitLeft.x - gap;
        continue;
      }
      break;
    }
    const points = [s, { x: right, y: s.y }, { x: right, y: lane }, { x: left, y: lane }, { x: left, y: t.y }, t];
    const crossed = crossings(points, from, to, others);
    const length = Math.abs(right - s.x) + Math.abs(lane - s.y) + Math.abs(right - left) + Math.abs(lane - t.y) + Math.abs(t.x - left);
    if (!best || crossed < best.crossed || (crossed === best.crossed && length < best.length)) best = { points, crossed, length };
    if (crossed === 0 && lane0.side === 'between') break;
  }
  return best!.points;
}

/** Whether the axis-parallel segment (x1,y1)-(x2,y2) passes through the inside of `b`. */
function cuts(b: Box, x1: number, y1: number, x2: number, y2: number): boolean {
  const minX = Math.min(x1, x2);
  const maxX = Math.max(x1, x2);
  const minY = Math.min(y1, y2);
  const maxY = Math.max(y1, y2);
  return maxX > b.x && minX < b.x + b.width && maxY > b.y && minY < b.y + b.height;
}

function firstHit(boxes: readonly Box[], x1: number, y1: number, x2: number, y2: number): Box | undefined {
  return boxes.find((b) => cuts(b, x1, y1, x2, y2));
}

/** How many blocks the route's runs pass through (its two own blocks only on the three runs between the stubs). */
function crossings(points: readonly Point[], from: Box, to: Box, others: readonly Box[]): number {
  let n = 0;
  for (const b of others) {
    for (let i = 1; i < points.length; i++) {
      if (cuts(b, points[i - 1].x, points[i - 1].y, points[i].x, points[i].y)) {
        n++;
        break;
      }
    }
  }
  for (const b of [from, to]) {
    for (let i = 2; i < points.length - 1; i++) {
      if (cuts(b, points[i - 1].x, points[i - 1].y, points[i].x, points[i].y)) {
        n++;
        break;
      }
    }
  }
  return n;
}

/** An SVG path through `points` with rounded corners, and the middle of its longest segment (for a label). */
export function roundedPath(points: readonly Point[], radius = RADIUS): { path: string; labelX: number; labelY: number } {
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M${f(points[0].x)},${f(points[0].y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const a = points[i - 1];
    const b = points[i];
    const c = points[i + 1];
    const inLen = Math.hypot(b.x - a.x, b.y - a.y);
    const outLen = Math.hypot(c.x - b.x, c.y - b.y);
    const r = Math.min(radius, inLen / 2, outLen / 2);
    if (r < 0.5) {
      d += ` L${f(b.x)},${f(b.y)}`;
      continue;
    }
    const p1 = { x: b.x - ((b.x - a.x) / inLen) * r, y: b.y - ((b.y - a.y) / inLen) * r };
    const p2 = { x: b.x + ((c.x - b.x) / outLen) * r, y: b.y + ((c.y - b.y) / outLen) * r };
    d += ` L${f(p1.x)},${f(p1.y)} Q${f(b.x)},${f(b.y)} ${f(p2.x)},${f(p2.y)}`;
  }
  const last = points[points.length - 1];
  d += ` L${f(last.x)},${f(last.y)}`;
  let best = 0;
  let at = { x: points[0].x, y: points[0].y };
  for (let i = 1; i < points.length; i++) {
    const len = Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
    if (len > best) {
      best = len;
      at = { x: (points[i].x + points[i - 1].x) / 2, y: (points[i].y + points[i - 1].y) / 2 };
    }
  }
  return { path: d, labelX: at.x, labelY: at.y };
}
