/**
 * Session 46 (studio10), the pure parts of the re-test's L1 and L2 (the screen itself: test/e2e/studio10S46.test.ts).
 *  - L1: what covers the canvas's top (the problem badge and the notice, beside React Flow's own element) counts as an
 *    overlay: a block under "End inserted ... Undo" is panned clear of it, the shortest way.
 *  - L2: Fit View keeps room at the top for the notice (`top`), at least its usual edge otherwise.
 */
import { describe, expect, it } from 'vitest';
import { fitFlowViewport } from '../../../renderer/studio/canvas/fitFlow';
import { canvasTopRects, viewClearOfOverlays } from '../../../renderer/studio/canvas/useShowBlock';

const rect = (left: number, top: number, width: number, height: number) => ({ getBoundingClientRect: () => ({ left, top, width, height }) });

describe('L1: the notice over the canvas top is an overlay', () => {
  it('canvasTopRects: the badge and the notice in the canvas\'s own pixels; none outside the editor', () => {
    const badge = rect(700, 60, 240, 28);
    const toast = rect(340, 98, 520, 48);
    const hidden = rect(0, 0, 0, 0);
    const canvas = { querySelectorAll: (s: string) => (s === '.st-canvas-top > *' ? [badge, toast, hidden] : []) };
    const dom = { ...rect(250, 48, 690, 752), querySelectorAll: () => [], closest: (s: string) => (s === '.st-canvas' ? canvas : null) };
    expect(canvasTopRects(dom)).toEqual([
      { x: 450, y: 12, width: 240, height: 28 },
      { x: 90, y: 50, width: 520, height: 48 },
    ]);
    expect(canvasTopRects({ ...dom, closest: () => null })).toEqual([]);
  });

  it('a block under the notice is panned down clear of it (8 px gap), one under nothing stays', () => {
    const notice = { x: 90, y: 50, width: 520, height: 48 };
    const view = { x: 0, y: 0, zoom: 1 };
    const next = viewClearOfOverlays({ x: 200, y: 70, width: 100, height: 40 }, view, 690, 752, [notice]);
    expect(next).toEqual({ x: 0, y: 36, zoom: 1 });
    expect(viewClearOfOverlays({ x: 200, y: 300, width: 100, height: 40 }, view, 690, 752, [notice])).toBeNull();
  });
});

describe('L2: Fit View keeps the flow below the notice', () => {
  const bounds = { x: 0, y: 0, width: 1000, height: 700 };
  it('with `top` the flow starts below it; without, as before', () => {
    const plain = fitFlowViewport({ bounds, width: 1000, height: 750, minimap: false, floor: 0 }).viewport;
    const below = fitFlowViewport({ bounds, width: 1000, height: 750, minimap: false, floor: 0, top: 141 }).viewport;
    expect(below.y).toBeGreaterThanOrEqual(141 - 1e-6);
    expect(plain.y).toBeLessThan(141);
    // A `top` under the usual edge (48 px) changes nothing.
    expect(fitFlowViewport({ bounds, width: 1000, height: 750, minimap: false, floor: 0, top: 40 }).viewport).toEqual(plain);
  });
});
