/**
 * Newcomer s23 #4: `baton simulate` without --now ran on the real clock while the studio's simulator (and its Batch tab)
 * starts on Mon 2 Mar 2026 10:00 UTC (DEFAULT_SCENARIO_NOW), so at night the same conversations were not handed over in
 * the terminal. The CLI's default is now that constant, the summary says which clock was used, and --now still sets it.
 * `baton chat` starts as the studio's simulator does: the scenario file's `now`, else the same default.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { chatCommand } from '../../runtime/cli/chatCommand';
import { readFlowFile } from '../../runtime/cli/readFlowFile';
import { batonInProcess } from './runInProcess';

const dir = mkdtempSync(join(tmpdir(), 'baton-clock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());
const conversations = join(dir, 'c.jsonl');
writeFileSync(conversations, ['I want to speak to a human', 'get me a real person now please'].map((t, i) => JSON.stringify({ id: `c${i}`, turns: [t, 'sam@example.com'] })).join('\n') + '\n');
/** Sunday 29 Nov 2026, 03:00 in London: the template's team is closed. */
const NIGHT = Date.parse('2026-11-29T03:00:00Z');

describe('the CLI clock defaults to the studio simulator clock (newcomer s23 #4)', () => {
  it('baton simulate without --now, run at night, hands over as the studio does and says the clock it used', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(NIGHT);
    const r = await batonInProcess(['simulate', 'flows/customer-support.json', '--conversations', conversations]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('handoff rate: 100.0% (2)');
    expect(r.stderr).toContain("clock: Mon 2 Mar 2026 10:00 (Europe/London), the default (the studio simulator's); set another with --now");
    expect(r.stderr).not.toContain('outside opening hours');
  });

  it('--now still sets the clock, and the summary says so', async () => {
    const r = await batonInProcess(['simulate', 'flows/customer-support.json', '--conversations', conversations, '--now', '2026-11-29T03:00:00Z']);
    expect(r.stderr).toContain('handoff rate: 0.0% (0)');
    expect(r.stderr).toContain('clock: Sun 29 Nov 2026 03:00 (Europe/London), from --now');
    expect(r.stderr).toContain('outside opening hours');
  });

  it('the help of simulate and chat names the default clock', async () => {
    for (const cmd of ['simulate', 'chat']) {
      const r = await batonInProcess([cmd, '--help']);
      expect(r.stdout.replace(/\s+/g, ' ')).toContain('Mon 2 Mar 2026 10:00 (UTC)');
      expect(r.stdout).not.toContain('(default: now)');
    }
  });

  async function chat(flowFile: string): Promise<string> {
    const loaded = await readFlowFile(flowFile);
    if (loaded.status !== 'ok') throw new Error('flow does not load');
    let out = '';
    await chatCommand(flowFile, loaded.flow, { http: 'fail', color: false, input: Readable.from(['/state\n']), interactive: false, write: (t) => void (out += t) });
    return out;
  }

  it('baton chat without --now starts at the scenario file\'s "now", else at the default, whatever the real time', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(NIGHT);
    const bare = join(dir, 'bare.json');
    writeFileSync(bare, readFileSync('flows/customer-support.json', 'utf8'));
    const a = await chat(bare);
    expect(a).toContain("virtual clock 2026-03-02T10:00:00Z = Mon 2 Mar 2026 10:00 (Europe/London) (the default, as in the studio's simulator)");
    expect(a).toContain('clock: 2026-03-02T10:00:00Z');
    const withFile = join(dir, 'lead.json');
    writeFileSync(withFile, readFileSync('flows/lead-gen.json', 'utf8'));
    writeFileSync(join(dir, 'lead.scenarios.json'), readFileSync('flows/lead-gen.scenarios.json', 'utf8'));
    const b = await chat(withFile);
    expect(b).toContain('virtual clock 2026-03-02T15:00:00Z');
    expect(b).toContain(`(the "now" of ${join(dir, 'lead.scenarios.json')}, as in the studio's simulator)`);
  });
});
