import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FOLLOW_UPS, IdleGc, fullCollection } from '../../runtime/serve/idleGc';

const MB = 1024 * 1024;

/** A fake heap: `used` grows with garbage, `collect` leaves only what is live; V8 keeps memory it took. */
function fakeHeap(live = 30 * MB) {
  const h = { used: live, live, committed: live + 10 * MB, collected: 0 };
  const gc = new IdleGc(
    () => {
      h.committed = Math.max(h.committed, h.used + 10 * MB);
      return { used: h.used, committed: h.committed };
    },
    () => {
      h.collected++;
      h.used = h.live;
      h.committed = h.live + 10 * MB;
    },
    24 * MB,
  );
  return { h, gc };
}

describe('idle collection (baton serve gives garbage back when a thread goes idle)', () => {
  it('does not collect while the thread is busy (under load)', () => {
    const { h, gc } = fakeHeap();
    for (let i = 0; i < 40; i++) {
      h.used += 5 * MB; // requests keep allocating
      gc.check(false);
    }
    expect(h.collected).toBe(0);
  });

  it('collects once the thread is idle with garbage, then at the follow-ups while it stays idle, then never again', () => {
    const { h, gc } = fakeHeap();
    h.used += 60 * MB; // a burst of requests left 60 MB of garbage
    gc.check(false);
    expect(gc.check(true)).toBe(true);
    expect(h.used).toBe(h.live);
    const after: boolean[] = [];
    for (let i = 0; i < 130; i++) after.push(gc.check(true));
    // The follow-ups (pages given back; the last one, after 30 s of idleness, lets V8 shrink the young generation):
    expect(after.filter(Boolean)).toHaveLength(FOLLOW_UPS.length);
    expect(after[0]).toBe(true); // the next check
    expect(after.indexOf(true, 4)).toBe(119); // 30 s after the first at a 250 ms check
    expect(h.collected).toBe(FOLLOW_UPS.length + 1);
  });

  it('does not collect an idle thread with little garbage', () => {
    const { h, gc } = fakeHeap();
    gc.check(true);
    h.used += 10 * MB;
    gc.check(false);
    for (let i = 0; i < 20; i++) gc.check(true);
    expect(h.collected).toBe(0);
  });

  it('collects an idle thread whose heap V8 already collected during the burst but whose memory it still holds', () => {
    const { h, gc } = fakeHeap();
    h.used += 80 * MB; // the burst grew the heap to 110 MB
    h.committed = h.used + 10 * MB;
    gc.check(false);
    h.used = h.live + 5 * MB; // V8's own collection near the end: little garbage left, 120 MB still taken
    expect(gc.check(true)).toBe(true);
    expect(h.committed).toBe(h.live + 10 * MB);
  });

  it('a collection in a pause of the burst does not hide the rest of the burst', () => {
    const { h, gc } = fakeHeap();
    h.used += 40 * MB;
    gc.check(false);
    gc.check(true); // a pause: idle for one check, collected
    expect(h.collected).toBe(1);
    for (let i = 0; i < 10; i++) {
      h.used += 15 * MB; // the burst goes on; V8 collects on its own, memory taken again
      h.committed = Math.max(h.committed, h.used + 10 * MB);
      if (i % 3 === 2) h.used = h.live + 5 * MB;
      gc.check(false);
    }
    gc.check(true);
    expect(h.collected).toBe(2); // idle at the end: the burst's memory is collected
  });

  it('drops the follow-ups when work comes back, and collects again after the next burst', () => {
    const { h, gc } = fakeHeap();
    h.used += 60 * MB;
    gc.check(false);
    gc.check(true); // collected
    gc.check(false); // a request arrives
    for (let i = 0; i < 30; i++) gc.check(true); // idle again with no garbage: no follow-ups, nothing to collect
    expect(h.collected).toBe(1);
    h.used += 40 * MB; // the next burst
    gc.check(false);
    gc.check(true);
    expect(h.collected).toBe(2);
  });

  it('really frees the heap in this V8 (node started without --expose-gc)', () => {
    // A separate node process, so this test does not depend on how vitest started its workers.
    const script = `
      const { fullCollection } = require(${JSON.stringify(require.resolve('../../runtime/serve/idleGc.ts'))});
      let keep = [];
      (function burst() { for (let i = 0; i < 400000; i++) keep.push({ i, s: 'x' + i }); })();
      keep = null;
      const before = process.memoryUsage().heapUsed;
      const gc = fullCollection();
      gc();
      const after = process.memoryUsage().heapUsed;
      console.log(JSON.stringify({ before, after, exposed: typeof globalThis.gc }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } }));
    expect(out.before - out.after).toBeGreaterThan(15 * MB); // ~30 MB of garbage collected
    expect(out.exposed).toBe('undefined'); // the flag was not left on for other code
    expect(typeof fullCollection()).toBe('function');
  });
});
