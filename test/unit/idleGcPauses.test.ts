import { describe, expect, it } from 'vitest';
import { FIRST_AFTER, FOLLOW_UPS, IdleGc, startIdleGc } from '../../runtime/serve/idleGc';

const MB = 1024 * 1024;

/** A fake heap: `used` grows with each burst's garbage, `collect` leaves only what is live. */
function fakeHeap(firstAfter: number) {
  const h = { used: 30 * MB, live: 30 * MB, committed: 40 * MB, collected: 0 };
  const gc = new IdleGc(
    () => ({ used: h.used, committed: Math.max(h.committed, h.used + 10 * MB) }),
    () => {
      h.collected++;
      h.used = h.live;
      h.committed = h.live + 10 * MB;
    },
    24 * MB,
    firstAfter,
  );
  return { h, gc };
}

describe('idle collection and traffic in bursts (session 12, hostile s12 #13)', () => {
  it('traffic with pauses shorter than a second gets no blocking full collection in its pauses', () => {
    const { h, gc } = fakeHeap(FIRST_AFTER);
    for (let burst = 0; burst < 40; burst++) {
      for (let i = 0; i < 4; i++) {
        h.used += 20 * MB; // each burst leaves garbage (as a shard's requests do)
        gc.check(false);
      }
      for (let i = 0; i < FIRST_AFTER - 1; i++) gc.check(true); // a pause of 0.75 s
    }
    expect(h.collected).toBe(0);
  });

  it('an idle spell of a second collects once, then at the follow-ups', () => {
    const { h, gc } = fakeHeap(FIRST_AFTER);
    h.used += 60 * MB;
    gc.check(false);
    const at: number[] = [];
    for (let i = 1; i <= 200; i++) if (gc.check(true)) at.push(i);
    expect(at[0]).toBe(FIRST_AFTER); // the fourth idle check in a row: 1 s
    expect(at.slice(1)).toEqual(FOLLOW_UPS.map((f) => FIRST_AFTER + f));
    expect(h.used).toBe(h.live);
  });

  it('baton serve waits for FIRST_AFTER idle checks before the first collection (startIdleGc)', async () => {
    const t0 = performance.now();
    let first = -1;
    let reads = 0;
    const stop = startIdleGc({
      checkMs: 20,
      heap: () => (reads++ === 0 ? { used: 30 * MB, committed: 40 * MB } : { used: 200 * MB, committed: 210 * MB }), // garbage since the start
      collect: () => {
        if (first < 0) first = performance.now() - t0;
      },
    });
    try {
      await expect.poll(() => first, { timeout: 10_000 }).toBeGreaterThan(0);
    } finally {
      stop();
    }
    // Four checks of 20 ms at least (timers only fire later on a loaded machine, never earlier); the first idle check
    // (20 ms) collected before.
    expect(first).toBeGreaterThanOrEqual(FIRST_AFTER * 20 - 5);
  });
});
