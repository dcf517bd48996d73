/**
 * The timer that fires next by `until`: earliest first, ties by id, so a virtual clock that jumps over several
 * timers fires them in a deterministic order (one at a time: each step may set or cancel others).
 */
import type { Timer } from '../engine/types';

export function nextDueTimer(timers: readonly Timer[], until: number): Timer | null {
  let best: Timer | null = null;
  for (const t of timers) {
    if (t.at > until) continue;
    if (best === null || t.at < best.at || (t.at === best.at && t.id < best.id)) best = t;
  }
  return best;
}
