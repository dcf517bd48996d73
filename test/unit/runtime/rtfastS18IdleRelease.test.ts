import { describe, expect, it } from 'vitest';
import { releasesYoung } from '../../../runtime/shard/shardWorker';
import { shardFloorMb, shardSemiFloorMb } from '../../../runtime/shard/shardPool';
import { FIRST_AFTER, FOLLOW_UPS, IdleGc, REDUCE_EVERY } from '../../../runtime/serve/idleGc';

const MB = 1024 * 1024;

// Session 18 (issue 8: 10,000 idle conversations under 300 MB in every run, by default): an idle shard gives its
// young generation's pages back unless BATON_IDLE_RELEASE=0. What the release does to a shard-like worker is tested in
// test/server/rtfast17IdleYoung.test.ts; this file pins which servers get it.
describe('the idle young-generation release is on by default (rtfast s18)', () => {
  it('is on with no setting and with any value but 0', () => {
    expect(releasesYoung({})).toBe(true);
    expect(releasesYoung({ BATON_IDLE_RELEASE: '1' })).toBe(true);
    expect(releasesYoung({ BATON_IDLE_RELEASE: '' })).toBe(true);
    expect(releasesYoung({ BATON_IDLE_RELEASE: '0' })).toBe(false);
  });

  it('a baton serve shard (idle collection on) gets the full semi-space floor; off, or without the idle collection, none', () => {
    expect(shardFloorMb({ idleGc: true, env: {} }, 64)).toBe(32);
    expect(shardFloorMb({ idleGc: true, env: {} }, 64)).toBe(shardSemiFloorMb(64));
    expect(shardFloorMb({ idleGc: true, env: { BATON_IDLE_RELEASE: '0' } }, 64)).toBe(0);
    // Tests and embedders that run shards without the idle collection keep V8's default young generation.
    expect(shardFloorMb({ idleGc: false, env: {} }, 64)).toBe(0);
    expect(shardFloorMb({ env: {} }, 64)).toBe(0);
  });
});

/** A fake thread: `plain` and `reducing` collections counted separately; a burst leaves 60 MB of garbage. */
function thread(reduceEvery = REDUCE_EVERY) {
  const h = { used: 30 * MB, plain: 0, reducing: 0 };
  const collect = () => {
    h.plain++;
    h.used = 30 * MB;
  };
  const reduce = () => {
    h.reducing++;
    h.used = 30 * MB;
  };
  const gc = new IdleGc(() => ({ used: h.used, committed: h.used + 10 * MB }), collect, 24 * MB, FIRST_AFTER, reduce, reduceEvery);
  /** `checks` busy checks (a burst), then `idle` idle ones. */
  const spell = (checks: number, idle: number) => {
    for (let i = 0; i < checks; i++) {
      h.used += 60 * MB;
      gc.check(false);
    }
    for (let i = 0; i < idle; i++) gc.check(true);
  };
  return { h, gc, spell };
}

const LAST = FOLLOW_UPS[FOLLOW_UPS.length - 1];

describe('the release runs at most once a minute; an idle spell that must skip it releases at its 30 s follow-up (rtfast s18)', () => {
  it('the first idle spell releases at once', () => {
    const { h, spell } = thread();
    spell(8, FIRST_AFTER);
    expect(h.reducing).toBe(1);
    expect(h.plain).toBe(0);
  });

  it('short pauses again and again: one release, then plain collections until a minute has passed', () => {
    const { h, spell } = thread();
    // Bursts of 2 s with pauses of 2 s (the first collection at 1 s of idleness, the follow-ups at 1.25 / 1.5 / 2 s).
    const pause = FIRST_AFTER + FOLLOW_UPS[2];
    const cycle = 8 + pause;
    const cycles = Math.floor(REDUCE_EVERY / cycle); // less than a minute of them after the first
    spell(8, pause);
    expect(h.reducing).toBe(1);
    for (let i = 0; i < cycles - 1; i++) spell(8, pause);
    expect(h.reducing).toBe(1); // every pause collected, none released
    expect(h.plain).toBeGreaterThanOrEqual((cycles - 1) * 3);
    // A minute after the last release, the next pause releases again.
    spell(8, pause);
    spell(8, pause);
    expect(h.reducing).toBe(2);
  });

  it('an idle spell within the minute releases at its 30 s follow-up when it stays idle that long, not when work comes first', () => {
    const { h, spell, gc } = thread();
    spell(8, FIRST_AFTER); // released
    spell(8, FIRST_AFTER + LAST - 1); // within the minute: plain collections, idle until just before the last follow-up
    expect(h.reducing).toBe(1);
    gc.check(true); // the 30 s follow-up
    expect(h.reducing).toBe(2);
    // Work before the last follow-up cancels the owed release.
    spell(8, FIRST_AFTER + LAST - 1);
    spell(8, 0);
    expect(h.reducing).toBe(2);
  });

  it('reduceEvery 0: every idle spell releases (as in session 17)', () => {
    const { h, spell } = thread(0);
    for (let i = 0; i < 5; i++) spell(8, FIRST_AFTER + 4);
    expect(h.reducing).toBe(5);
  });
});
