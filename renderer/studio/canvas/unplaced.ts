/**
 * Newcomer s28 N1 laid out a flow whose blocks have no positions when it opens. Newcomer s45 N5: a generated file gave
 * every block the same position (130 Messages all at 0,0): the editor opened on one "End" block, the other 131 under it,
 * and nothing said so. Such a flow is laid out the same way. Pure.
 */
import type { Block } from '../../../shared/flow/schema';

/** Two positions closer than this on both axes count as one spot (a block is 224 px wide). */
export const SAME_SPOT_PX = 8;

/**
 * How a flow's blocks are placed: 'missing' when no block has a position, 'stacked' when (with two blocks or more) every
 * block either has none or stands on the same spot as another block, so the canvas would show them piled up; else 'placed'.
 */
export function placement(blocks: readonly Pick<Block, 'position'>[]): 'missing' | 'stacked' | 'placed' {
  if (blocks.length < 2) return 'placed';
  const at = blocks.map((b) => b.position).filter((p): p is { x: number; y: number } => p !== undefined);
  if (at.length === 0) return 'missing';
  // Sorted by x, a block's neighbours on one spot are within SAME_SPOT_PX of it in that order.
  const sorted = [...at].sort((a, b) => a.x - b.x || a.y - b.y);
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i];
    let shared = false;
    for (let j = i - 1; j >= 0 && p.x - sorted[j].x < SAME_SPOT_PX && !shared; j--) shared = Math.abs(p.y - sorted[j].y) < SAME_SPOT_PX;
    for (let j = i + 1; j < sorted.length && sorted[j].x - p.x < SAME_SPOT_PX && !shared; j++) shared = Math.abs(p.y - sorted[j].y) < SAME_SPOT_PX;
    if (!shared) return 'placed';
  }
  return 'stacked';
}
