/**
 * hostile s18 #22, as a user runs it: `baton simulate --now` without an offset is the flow's wall time on any machine,
 * a day that does not exist is refused, a time the clocks skip is refused with the offset to use.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'baton-now-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const conversations = join(dir, 'c.jsonl');
writeFileSync(conversations, JSON.stringify({ id: 'c1', turns: ['I want to speak to a human'] }) + '\n');

function simulate(now: string, tz: string) {
  return spawnSync(process.execPath, ['bin/baton.js', 'simulate', 'flows/customer-support.json', '--conversations', conversations, '--now', now], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, TZ: tz },
  });
}

describe('baton simulate --now (hostile s18 #22)', () => {
  it('a time without offset is the flow zone (Europe/London) on any machine: 07:59 is before the 08:00 opening, 08:01 after', () => {
    for (const tz of ['Asia/Tokyo', 'America/Los_Angeles']) {
      const early = simulate('2026-12-02T07:59', tz);
      expect(early.status).toBe(0);
      expect(early.stderr).toContain('is closed at Wed 2026-12-02 07:59 Europe/London');
      const open = simulate('2026-12-02T08:01', tz);
      expect(open.status).toBe(0);
      expect(open.stderr).not.toContain('outside opening hours');
    }
  });

  it('refuses 31 February and a time inside the March clock change, exit 2, saying what to type', () => {
    const feb = simulate('2026-02-31T10:00:00Z', 'UTC');
    expect(feb.status).toBe(2);
    expect(feb.stderr).toContain('--now: "2026-02-31T10:00:00Z": 2026-02 has 28 days, so there is no day 31');
    const gap = simulate('2026-03-29T01:30', 'UTC');
    expect(gap.status).toBe(2);
    expect(gap.stderr).toContain('does not exist in Europe/London');
    expect(gap.stderr).toContain('2026-03-29T01:30:00+00:00 is 02:30 there');
  });
});
