/**
 * Newcomer s41 N4: a block added at the canvas's bottom-left landed under the minimap. `viewClearOfOverlays` pans the
 * view the shortest way so the block is clear of the minimap and the zoom buttons, staying inside the canvas.
 */
import { describe, expect, it } from 'vitest';
import { HANDLE_REACH, viewClearOfOverlays } from '../../../renderer/studio/canvas/useShowBlock';

// A 1000 x 700 canvas; the minimap bottom-left (200 x 150, 15 px in), the zoom buttons bottom-right.
const minimap = { x: 15, y: 535, width: 200, height: 150 };
const controls = { x: 944, y: 545, width: 41, height: 140 };
const block = { x: 0, y: 0, width: 240, height: 80 };
const at = (x: number, y: number) => ({ x, y, zoom: 1 }); // the block drawn with its top-left at (x, y)

describe('viewClearOfOverlays', () => {
  it('leaves a block clear of both overlays where it is', () => {
    expect(viewClearOfOverlays(block, at(300, 200), 1000, 700, [minimap, controls])).toBeNull();
  });

  it('a block under the minimap: the shortest pan that clears it (up, here), inside the canvas', () => {
    const v = viewClearOfOverlays(block, at(40, 580), 1000, 700, [minimap, controls])!;
    // Up so its bottom is 8 px above the minimap (535 - 8 - 80 = 447) costs 133 px; right past it (15+200+8 = 223) 183.
    expect(v).toEqual({ x: 40, y: 447, zoom: 1 });
  });

  it('a block under the zoom buttons moves left or up, whichever is shorter', () => {
    const v = viewClearOfOverlays(block, at(720, 300), 1000, 700, [minimap, controls]);
    expect(v).toBeNull(); // clear: its right edge (960) is over the buttons' column but above them (380 < 537)
    const w = viewClearOfOverlays(block, at(760, 560), 1000, 700, [minimap, controls])!;
    // Left: 944 - 8 - 24 (its exits' handles, session 43) - 240 = 672 (88 px); up: 545 - 8 - 80 = 457 (103 px).
    expect(w).toEqual({ x: 672, y: 560, zoom: 1 });
  });

  it('respects the zoom, and gives up (null) when no pan keeps the block inside the canvas', () => {
    const v = viewClearOfOverlays(block, { x: 40, y: 600, zoom: 0.5 }, 1000, 700, [minimap])!;
    expect(v).toEqual({ x: 40, y: 535 - 8 - 40, zoom: 0.5 });
    const huge = { x: 0, y: 0, width: 990, height: 690 };
    expect(viewClearOfOverlays(huge, at(5, 5), 1000, 700, [minimap])).toBeNull();
  });

  it('session 43 (newcomer s42 N3): a block whose box is clear but whose exit handles are under the zoom buttons moves', () => {
    // Its box ends at 936 (8 px left of the buttons, clear by the old rule); its exits' dots reach 21 px further, under them.
    const v = viewClearOfOverlays(block, at(696, 600), 1000, 700, [minimap, controls])!;
    expect(v).not.toBeNull();
    expect(v.x + 240 + HANDLE_REACH).toBeLessThanOrEqual(944 - 8);
    // Zoomed out to a half, the reach is half too.
    const z = viewClearOfOverlays(block, { x: 900, y: 600, zoom: 0.5 }, 1000, 700, [controls])!;
    expect(z.x + 120 + HANDLE_REACH / 2).toBeLessThanOrEqual(944 - 8);
  });
});
