/**
 * Trying the inbox outside the sample flow's opening hours (newcomer s7 #2). At 06:05 on a Tuesday (UK) the sample
 * Human Takeover is closed: `baton serve` now says so at start (openingHoursNotes: local time, when it opens, the
 * command that makes a copy open all hours), and that copy (scripts/try/open-all-hours.mjs) really takes the
 * customer towards a person at that hour, where the original gives the out-of-hours message.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openingHoursNotes } from '../../runtime/serve/openingHoursNote';
import { repoRoot } from '../../runtime/studio/startStudioServer';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';
import { agent, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';
import { auth } from './runtimeFixtures';

afterEach(stopAgentRuntimes);

const SAMPLE = 'flows/customer-support.json';
const TUESDAY_0605_UK = Date.parse('2026-12-01T06:05:00Z'); // GMT in December
const SUNDAY_NOON_UK = Date.parse('2026-11-29T12:00:00Z');
const WEDNESDAY_1000_UK = Date.parse('2026-12-02T10:00:00Z');
const OUT_OF_HOURS = 'Our team is offline right now';

function valid(doc: unknown): Flow {
  const v = validateFlow(doc as Flow);
  if (!v.ok || !v.flow) throw new Error(JSON.stringify(v.problems.slice(0, 3)));
  return v.flow;
}
const sample = () => valid(JSON.parse(readFileSync(join(repoRoot, SAMPLE), 'utf8')));
/** What `node scripts/try/open-all-hours.mjs flows/customer-support.json` prints (stdout) and says (stderr). */
function openCopy(): { flow: Flow; said: string } {
  const r = spawnSync(process.execPath, ['scripts/try/open-all-hours.mjs', SAMPLE], { cwd: repoRoot, encoding: 'utf8' });
  expect(r.status).toBe(0);
  return { flow: valid(JSON.parse(r.stdout)), said: r.stderr };
}

describe('the sample flow outside its opening hours', () => {
  it('baton serve says the team is closed, the local time, when it opens, and the command for an open copy', () => {
    const [note, ...more] = openingHoursNotes([{ flow: sample(), file: SAMPLE }], TUESDAY_0605_UK);
    expect(more).toEqual([]);
    expect(note).toContain('"Customer service team" (flow customer-support) is outside its opening hours');
    expect(note).toContain('it is Tuesday 06:05 in Europe/London, it opens today at 08:00');
    expect(note).toContain('node scripts/try/open-all-hours.mjs flows/customer-support.json > /tmp/customer-support-open.json && npx baton serve /tmp/customer-support-open.json');
    expect(openingHoursNotes([{ flow: sample(), file: SAMPLE }], SUNDAY_NOON_UK)[0]).toContain('it is Sunday 12:00 in Europe/London, it opens Monday at 08:00');
    // Open: nothing to say. The open copy: never anything to say.
    expect(openingHoursNotes([{ flow: sample(), file: SAMPLE }], WEDNESDAY_1000_UK)).toEqual([]);
    expect(openingHoursNotes([{ flow: openCopy().flow, file: '/tmp/customer-support-open.json' }], TUESDAY_0605_UK)).toEqual([]);
  });

  it('the open copy keeps the flow id and takes the customer towards a person at 06:05, where the original is offline', async () => {
    const ann = agent('ann');
    const ask = async (flow: Flow) => {
      const rt = await startAgentRuntime({ agents: [ann], flow });
      rt.clock.now = TUESDAY_0605_UK;
      await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
      const c = (await rt.post(`/api/v1/flows/${flow.id}/conversations`, {})).body;
      const r = await rt.post(`/api/v1/conversations/${c.conversationId}/messages`, { text: 'I want to talk to a human' }, auth(c.token));
      await rt.stop();
      return (r.body.messages as Array<{ from: string; text: string }>).filter((m) => m.from === 'bot').map((m) => m.text);
    };
    const { flow: copy, said } = openCopy();
    expect(said).toBe('open-all-hours: "Customer service team", "Team in now?" now open at any hour in this copy (opening hours removed or set to all day; flows/customer-support.json is unchanged)\n');
    expect(copy.id).toBe('customer-support');
    // Session 45 (retest-studio s45 M1): the Business hours block the takeover's No agent path goes through is open too,
    // so a customer handed back there is not told "Our team is offline now" while agents are online.
    const hours = copy.blocks.find((b) => b.kind === 'business_hours')!.data as { weekly: Record<string, Array<{ from: string; to: string }>>; closedDates: string[] };
    expect(Object.values(hours.weekly)).toEqual(Array(7).fill([{ from: '00:00', to: '24:00' }]));
    expect(hours.closedDates).toEqual([]);
    expect((await ask(sample())).some((t) => t.startsWith(OUT_OF_HOURS))).toBe(true);
    const open = await ask(copy);
    expect(open.some((t) => t.startsWith(OUT_OF_HOURS))).toBe(false);
    expect(open).toContain('What is your email address, in case we get disconnected?');
  });

  it('the script says what it changed, refuses a file that is not a flow, and leaves the original alone', () => {
    const before = readFileSync(join(repoRoot, SAMPLE), 'utf8');
    const run = (...args: string[]) => {
      try {
        execFileSync(process.execPath, ['scripts/try/open-all-hours.mjs', ...args], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        return { code: 0, err: '' };
      } catch (e) {
        const x = e as { status: number; stderr: string };
        return { code: x.status, err: x.stderr };
      }
    };
    expect(run('package.json')).toEqual({ code: 1, err: 'open-all-hours: package.json: not a Baton flow (no "blocks" list)\n' });
    expect(run('no-such.json')).toEqual({ code: 1, err: 'open-all-hours: no-such.json: no such file\n' });
    expect(run().code).toBe(2);
    expect(readFileSync(join(repoRoot, SAMPLE), 'utf8')).toBe(before);
  });
});
