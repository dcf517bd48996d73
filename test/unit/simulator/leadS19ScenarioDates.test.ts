/**
 * hostile s18 #22, in scenario files: "now" and setTime were read with Date.parse ("2026-02-31" was 3 March, a time
 * without offset was the machine's zone). Now strict, and a time without offset is the flow's wall time.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowSchema } from '../../../shared/flow/schema';
import { runScenario, scenarioSetup } from '../../../shared/simulator/scenarioRunner';
import { parseScenarioFile } from '../../../shared/simulator/scenarioSchema';

const flow = flowSchema.parse(JSON.parse(readFileSync('flows/customer-support.json', 'utf8'))); // Europe/London
const file = (now: string, steps: unknown[] = [{ say: 'hello' }]) => ({ version: 1, flow: flow.id, scenarios: [{ name: 's', now, steps }] });

describe('scenario dates (hostile s18 #22)', () => {
  it('refuses 31 February and 24:00 with the reason, at $.scenarios[0].now', () => {
    const feb = parseScenarioFile(file('2026-02-31T10:00:00Z'));
    expect(feb.ok).toBe(false);
    expect(feb.problems.map((p) => `${p.path}: ${p.message}`)).toContain('$.scenarios[0].now: 2026-02 has 28 days, so there is no day 31');
    const bad = parseScenarioFile(file('tomorrow'));
    expect(bad.problems[0].message).toBe('is not a date and time; use ISO 8601, e.g. "2026-03-02T10:00:00Z"');
  });

  it('a time without offset is the flow zone: 10:00 in July London is 09:00 UTC; with Z it stays 10:00 UTC', () => {
    const summer = parseScenarioFile(file('2026-07-06T10:00:00'));
    expect(summer.ok).toBe(true);
    expect(scenarioSetup(summer.file!.scenarios[0], {}, flow.settings.timezone).now).toBe(Date.UTC(2026, 6, 6, 9));
    const utc = parseScenarioFile(file('2026-07-06T10:00:00Z'));
    expect(scenarioSetup(utc.file!.scenarios[0], {}, flow.settings.timezone).now).toBe(Date.UTC(2026, 6, 6, 10));
  });

  it('setTime without offset is the flow zone; a time the clocks skip fails the step saying so', () => {
    const ok = parseScenarioFile(file('2026-07-06T10:00:00Z', [{ setTime: '2026-07-06T12:00' }]));
    const r = runScenario(flow, ok.file!.scenarios[0]);
    expect(r.status).toBe('passed');
    expect(r.endedAt).toBe(Date.UTC(2026, 6, 6, 11));
    const gap = parseScenarioFile(file('2026-03-28T10:00:00Z', [{ setTime: '2026-03-29T01:30' }]));
    const g = runScenario(flow, gap.file!.scenarios[0]);
    expect(g.status).toBe('failed');
    expect(JSON.stringify(g.failure)).toContain('does not exist in Europe/London');
  });
});
