/**
 * Session 43 (studio6, newcomer s43 N2b): Start -> Message stayed a straight curve under a Question moved onto it when the
 * Message had been dragged partly under a Human takeover: the block over the connection's end walled that end in, no
 * route was found and the curve was kept. A block over an end is no obstacle for that connection now.
 */
import { describe, expect, it } from 'vitest';
import { bezierCrosses, BoxIndex, orthoRoute, polylineCrossings } from '../../../renderer/studio/canvas/edges/orthoRoute';

describe('edge routing s43: a block over one end does not stop the route around a block moved onto the connection', () => {
  // The newcomer's drawn path: "M244,20.5 C513,20.5 513,21 782,21" (Start's exit -> Message's input).
  const s = { x: 244, y: 20.5 };
  const t = { x: 782, y: 21 };
  const start = { x: 4, y: -20, width: 240, height: 80 };
  const question = { x: 400, y: -30, width: 240, height: 110 };
  const takeover = { x: 700, y: -50, width: 240, height: 175 };
  const message = { x: 782, y: -20, width: 240, height: 110 };

  it('routes around the Question though the Human takeover covers the Message input', () => {
    const index = new BoxIndex([start, question, takeover, message]);
    expect(bezierCrosses(s, t, index)).toBe(true);
    const route = orthoRoute(s, t, index)!;
    expect(route).not.toBeNull();
    expect(route[0]).toEqual(s);
    expect(route[route.length - 1]).toEqual(t);
    // Clear of the Question (the block moved onto it); only the takeover over the end is met.
    expect(polylineCrossings(route, new BoxIndex([start, question, message]))).toBe(0);
  });

  it('a block over the start end is no wall either', () => {
    const cover = { x: 200, y: -10, width: 100, height: 60 };
    const route = orthoRoute(s, t, new BoxIndex([start, cover, question, message]));
    expect(route).not.toBeNull();
    expect(polylineCrossings(route!, new BoxIndex([start, question, message]))).toBe(0);
  });
});
