/**
 * Review s19 R10: envCheck accepted values its readers then read differently. BATON_IDLE_GC=" 0" and
 * BATON_IDLE_RELEASE=" 0" passed the check (which says 0 turns them off) while the readers compared with "0" and kept
 * them on; BATON_SHARD_YOUNG_MB="" passed as unset (64) while the shard pool took Number("") = 0 (V8's default).
 * Now the readers read as the check does: spaces ignored, empty is unset.
 */
import { describe, expect, it } from 'vitest';
import { serveEnvProblems } from '../../../runtime/serve/envCheck';
import { idleGcOn } from '../../../runtime/serve/idleGc';
import { releasesYoung } from '../../../runtime/shard/shardWorker';
import { shardYoungMb } from '../../../runtime/shard/shardPool';

describe('review s19 R10: what the check accepts, the readers read the same way', () => {
  it('" 0" and "0 " turn the idle collection and the idle release off; "", "1", " 1" and unset keep them on', () => {
    for (const v of ['0', ' 0', '0 ', '\t0\n']) {
      expect(serveEnvProblems({ BATON_IDLE_GC: v, BATON_IDLE_RELEASE: v })).toEqual([]);
      expect(idleGcOn({ BATON_IDLE_GC: v }), JSON.stringify(v)).toBe(false);
      expect(releasesYoung({ BATON_IDLE_RELEASE: v }), JSON.stringify(v)).toBe(false);
    }
    for (const v of [undefined, '', ' ', '1', ' 1']) {
      expect(idleGcOn({ BATON_IDLE_GC: v }), JSON.stringify(v)).toBe(true);
      expect(releasesYoung({ BATON_IDLE_RELEASE: v }), JSON.stringify(v)).toBe(true);
    }
  });

  it('BATON_SHARD_YOUNG_MB: empty or spaces is unset (64); " 32 " is 32; "0" is V8\'s default (0)', () => {
    for (const v of [undefined, '', '  ']) {
      expect(serveEnvProblems({ BATON_SHARD_YOUNG_MB: v })).toEqual([]);
      expect(shardYoungMb({ BATON_SHARD_YOUNG_MB: v }), JSON.stringify(v)).toBe(64);
    }
    expect(shardYoungMb({ BATON_SHARD_YOUNG_MB: ' 32 ' })).toBe(32);
    expect(shardYoungMb({ BATON_SHARD_YOUNG_MB: '0' })).toBe(0);
  });
});
