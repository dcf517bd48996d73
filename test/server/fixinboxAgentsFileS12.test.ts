/**
 * Newcomer s12 #15: the server's log line for an agents file broken by hand read "... not valid JSON (... position
 * 793).. The agents as they were are kept": one full stop now. The admin's Agents screen shows the same problem as a
 * banner (test/component/fixinboxInboxS12.test.tsx, e2e fixinboxS12).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentDirectory, agentSettingsSchema } from '../../runtime/agents/agentDirectory';
import { agent } from './agentFixtures';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('agents file broken by hand: the log line (newcomer s12 #15)', () => {
  it('names the problem with one full stop', async () => {
    const d = mkdtempSync(join(tmpdir(), 'fixinbox-agents-'));
    dirs.push(d);
    const file = join(d, 'agents.json');
    const ann = agent('ann');
    writeFileSync(file, JSON.stringify({ agents: [ann] }, null, 2));
    const dir = new AgentDirectory([ann], agentSettingsSchema.parse({}), { file, now: () => Date.now() });
    writeFileSync(file, JSON.stringify({ agents: [ann] }, null, 2).replace('"name": "Ann",', '"name": "Ann"'));
    const r = await dir.syncWithFile('read');
    expect(r.problem).toMatch(/not valid JSON/);
    const [report] = dir.takeFileReports();
    expect(report.msg).toMatch(/^agents file changed on disk but cannot be used: .*not valid JSON .*\)\. The agents as they were are kept;/);
    expect(report.msg).not.toContain('..');
  });
});
