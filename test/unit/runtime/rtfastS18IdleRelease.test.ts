import { describe, expect, it } from 'vitest';
import { releasesYoung } from '../../../runtime/shard/shardWorker';
import { shardFloorMb, shardSemiFloorMb } from '../../../runtime/shard/shardPool';

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
