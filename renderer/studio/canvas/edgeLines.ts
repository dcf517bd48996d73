/**
 * Session 47 (studio15): the connections as the canvas draws them, as polylines in flow coordinates, read from their SVG
 * paths (React Flow's bezier "M x,y C x1,y1 x2,y2 x,y" and the routed edges' "M ... L ... Q ..." of edgeRoute.ts's
 * roundedPath). Used to place a new block where no connection runs (retest-studio s46 L5) and to measure how much
 * connections share a lane (scripts/studio/edgeOverlaps.ts). Pure: strings in, points out.
 */
import type { XY } from '../../../shared/flow/edit/types';

/** Points per curve segment (a bezier or a rounded corner). */
const CURVE_STEPS = 12;

/**
 * The polyline of an SVG path made of absolute M, L, H, V, C and Q commands (what the studio's edges draw); curves are
 * sampled. Relative or other commands end the polyline there (none of the studio's edges use them).
 */
export function pathPolyline(d: string): XY[] {
  const tokens = d.match(/[A-Za-z]|-?\d*\.?\d+(?:e[-+]?\d+)?/g) ?? [];
  const out: XY[] = [];
  let i = 0;
  let cmd = '';
  let at: XY = { x: 0, y: 0 };
  const num = () => Number(tokens[i++]);
  const isNum = () => i < tokens.length && !/^[A-Za-z]$/.test(tokens[i]);
  while (i < tokens.length) {
    if (/^[A-Za-z]$/.test(tokens[i])) cmd = tokens[i++];
    else if (!cmd) return out;
    if (cmd === 'M' || cmd === 'L') {
      if (!isNum()) continue;
      at = { x: num(), y: num() };
      out.push(at);
      if (cmd === 'M') cmd = 'L';
    } else if (cmd === 'H') {
      if (!isNum()) continue;
      at = { x: num(), y: at.y };
      out.push(at);
    } else if (cmd === 'V') {
      if (!isNum()) continue;
      at = { x: at.x, y: num() };
      out.push(at);
    } else if (cmd === 'C') {
      if (!isNum()) continue;
      const c1 = { x: num(), y: num() };
      const c2 = { x: num(), y: num() };
      const end = { x: num(), y: num() };
      for (let k = 1; k <= CURVE_STEPS; k++) {
        const t = k / CURVE_STEPS;
        const u = 1 - t;
        out.push({
          x: u * u * u * at.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * end.x,
          y: u * u * u * at.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * end.y,
        });
      }
      at = end;
    } else if (cmd === 'Q') {
      if (!isNum()) continue;
      const c = { x: num(), y: num() };
      const end = { x: num(), y: num() };
      for (let k = 1; k <= CURVE_STEPS; k++) {
        const t = k / CURVE_STEPS;
        const u = 1 - t;
        out.push({ x: u * u * at.x + 2 * u * t * c.x + t * t * end.x, y: u * u * at.y + 2 * u * t * c.y + t * t * end.y });
      }
      at = end;
    } else if (cmd === 'Z' || cmd === 'z') {
      if (out.length) out.push(out[0]);
      cmd = '';
    } else {
      return out;
    }
  }
  return out;
}

/** Structural (the unit tests compile this file without the DOM library). */
interface PathQueryable {
  querySelectorAll(selector: string): Iterable<{ getAttribute(name: string): string | null }>;
}

/** The drawn connections of the canvas under `root` (React Flow's element or the page), as polylines in flow coordinates. */
export function drawnEdgeLines(root: PathQueryable | null | undefined): XY[][] {
  if (!root) return [];
  const out: XY[][] = [];
  for (const el of root.querySelectorAll('.react-flow__edge path.react-flow__edge-path')) {
    const d = el.getAttribute('d');
    if (!d) continue;
    const line = pathPolyline(d);
    if (line.length > 1) out.push(line);
  }
  return out;
}
