/**
 * Newcomer s15 #17 (lead, session 17): `baton simulate` before the template's 08:00 opening said "handoff rate: 0.0%
 * (0)" next to the escalations, with no word why. It now says the virtual clock is outside opening hours, which block
 * is shut, when it opens and the --now that reaches it; in hours it says nothing of the kind.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { simulateCommand } from '../../runtime/cli/simulateCommand';
import { flowSchema } from '../../shared/flow/schema';
import { closedAtClock } from '../../shared/simulator/closedAtClock';

const dir = mkdtempSync(join(tmpdir(), 'baton-closed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const flow = flowSchema.parse(JSON.parse(readFileSync('flows/customer-support.json', 'utf8')));
const EARLY = Date.parse('2026-12-02T07:35:00Z'); // Wednesday 07:35 in London, before 08:00
const IN_HOURS = Date.parse('2026-12-02T11:00:00Z');

async function simulate(now: number): Promise<string> {
  const file = join(dir, `c-${now}.jsonl`);
  writeFileSync(file, ['I want to speak to a human', 'get me a real person now please', 'where is my order'].map((t, i) => JSON.stringify({ id: `c${i}`, turns: [t] })).join('\n') + '\n');
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  try {
    await simulateCommand(flow, { conversations: file, now });
  } finally {
    vi.restoreAllMocks();
    void e;
  }
  return err;
}

describe('baton simulate out of hours says why nobody was handed over (newcomer s15 #17)', () => {
  it('before opening: the shut takeover, its opening time and the --now to try', async () => {
    const err = await simulate(EARLY);
    expect(err).toMatch(/handoff rate: 0\.0% \(0\)/);
    expect(err).toMatch(/2 escalations were not handed over, and the virtual clock \(--now; default: Mon 2 Mar 2026 10:00 \(UTC\)\) is outside opening hours:/);
    expect(err).toContain('"Customer service team" (Human takeover: says its out-of-hours message and leaves by "no_agent") is closed at Wed 2026-12-02 07:35 Europe/London; opens Wed 2026-12-02 08:00; try --now 2026-12-02T08:00:00Z');
  });

  it('in hours: no such line', async () => {
    const err = await simulate(IN_HOURS);
    expect(err).not.toContain('outside opening hours');
    expect(closedAtClock(flow, IN_HOURS)).toEqual([]);
  });

  it('a Business hours block closed on a closed date says it opens the next day', () => {
    const f = flowSchema.parse({
      ...flow,
      blocks: [
        ...flow.blocks,
        { id: 'bh', kind: 'business_hours', position: { x: 0, y: 0 }, data: { timezone: 'UTC', weekly: { wed: [{ from: '09:00', to: '17:00' }], thu: [{ from: '09:00', to: '17:00' }] }, closedDates: ['2026-12-02'] } },
      ],
    });
    const c = closedAtClock(f, IN_HOURS).find((b) => b.id === 'bh');
    expect(c).toMatchObject({ name: 'Business hours', whenClosed: 'Business hours block: takes its "closed" exit', opensAt: Date.parse('2026-12-03T09:00:00Z') });
  });
});
