/**
 * Session 44 (studio7, retest s43 N3): Start -> Far re-routed around "Mover" (dropped on the straight connection, its
 * input level with Start's exit) ran along the input row and turned up 24 units (12 px at the view's zoom) before
 * Mover's input: at a glance Start looked connected to Mover. The route now turns at least 3 x GAP before another
 * block's input row.
 */
import { describe, expect, it } from 'vitest';
import { approachZones, BoxIndex, GAP, INPUT_HANDLE_Y, orthoRoute, polylineCrossings } from '../../../renderer/studio/canvas/edges/orthoRoute';

describe('edge routing s44: a route around a block does not look connected to its input', () => {
  const start = { x: 0, y: 0, width: 240, height: 70 };
  const mover = { x: 520, y: 0, width: 240, height: 90 };
  const far = { x: 1100, y: 0, width: 240, height: 90 };
  const s = { x: 240 + 10, y: INPUT_HANDLE_Y }; // Start's exit handle, right of the block
  const t = { x: far.x, y: INPUT_HANDLE_Y }; // Far's input

  it('the route clears Mover and reaches no closer than 3 x GAP to Mover\'s input along its row', () => {
    const index = new BoxIndex([start, mover, far]);
    const route = orthoRoute(s, t, index)!;
    expect(route).not.toBeNull();
    expect(polylineCrossings(route, index)).toBe(0);
    const input = { x: mover.x, y: mover.y + INPUT_HANDLE_Y };
    for (let i = 1; i < route.length; i++) {
      const a = route[i - 1];
      const b = route[i];
      if (a.y !== b.y || Math.abs(a.y - input.y) > 12) continue;
      // A run on Mover's input row left of it ends at least 3 x GAP before the input.
      if (Math.max(a.x, b.x) <= input.x) expect(input.x - Math.max(a.x, b.x)).toBeGreaterThanOrEqual(3 * GAP);
    }
  });

  it("the connection's own blocks keep no zone (its input is where it goes)", () => {
    const zones = approachZones([start, mover, far], s, t);
    expect(zones).toHaveLength(1);
    expect(zones[0].x).toBe(mover.x - 3 * GAP);
  });
});
