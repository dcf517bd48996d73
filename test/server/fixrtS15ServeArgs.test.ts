/**
 * hostile s15 H#13 (serve part): `--data ' '` started and made a folder named " " ('' said "ENOENT ... mkdir ''"), and
 * BATON_WRITE_GROUPS=nope / disabled / of / 2 started silently with write grouping on. Both are refused in words now.
 */
import { describe, expect, it } from 'vitest';
import { dataFolderProblem, writeGroupsProblem } from '../../runtime/serve/serveCommand';

describe('hostile s15 H#13: baton serve settings that were taken silently', () => {
  it('a blank or empty --data is refused, saying it is empty (no folder is made)', () => {
    expect(dataFolderProblem(' ')).toBe('--data " " is empty: give a folder for the data (it is created if missing; default ./baton-data)');
    expect(dataFolderProblem('')).toMatch(/^--data "" is empty: /);
  });

  it('BATON_WRITE_GROUPS: the values it reads pass; any other is named with the accepted ones', () => {
    for (const v of [undefined, '', 'off', 'OFF', 'false', '0', 'no', ' no ', 'on', 'true', '1', 'yes']) expect(writeGroupsProblem(v === undefined ? {} : { BATON_WRITE_GROUPS: v })).toBeNull();
    for (const v of ['nope', 'disabled', 'of', '2']) {
      expect(writeGroupsProblem({ BATON_WRITE_GROUPS: v })).toBe(`BATON_WRITE_GROUPS="${v}" is not a value it takes: use off (or false, 0, no) to turn write grouping off, on (or true, 1, yes) or leave it unset to keep it on`);
    }
  });
});
