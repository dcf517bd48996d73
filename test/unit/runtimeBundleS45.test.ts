/**
 * Session 45 (tidy2): the test setup builds the `baton` bundle before a run that may start `baton` (test/support/
 * runtimeBundle.ts). A run naming only paths where no test starts it (unit, component) builds nothing; a whole run, or
 * one naming the CLI, server or e2e tests, does.
 */
import { describe, expect, it } from 'vitest';
import { onlyOtherPaths } from '../support/runtimeBundle';

describe('which runs build the baton bundle first', () => {
  it.each([[['run', 'test/unit/flow']], [['run', 'test/component']], [['run', 'test/unit', 'test/component/inboxListWaiting.test.tsx', '--reporter=json']], [['run', '--project', 'component']], [['run', '--project=unit', '--project', 'component']]])('%j: none of its paths starts baton, nothing built', (argv) => {
    expect(onlyOtherPaths(argv)).toBe(true);
  });
  it.each([[['run']], [['run', '--project', 'services']], [['run', '--project', 'component', '--project', 'app']], [['run', 'test']], [['run', '.']], [['run', 'test/cli/cli.test.ts']], [['run', 'test/unit', 'test/server']], [['run', './test/e2e/fixbotS12.test.ts']]])('%j: may start baton, built when stale', (argv) => {
    expect(onlyOtherPaths(argv)).toBe(false);
  });
});
