/**
 * newcomer s7 #27: a revision deployed through the admin API was replaced by the flow file's at the next restart
 * without a word. Since session 9 the deployed revision is kept while the file is unchanged
 * (restartKeepsDeployed.test.ts); a file that changed since the last start wins (pinned conversations keep their
 * revision), and start-up says which revision it replaced, since when, and why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, auth, captureLogs, shopFlow, startTestRuntime, type TestRuntime } from './runtimeFixtures';

let rt: TestRuntime | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await rt?.stop();
  rt = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const capture = captureLogs;

describe('a restart with a flow file whose revision differs from the one the data folder served', () => {
  it('says it replaced the admin-API revision, since when, and how to keep it; a same-revision restart says nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-restart-rev-'));
    dirs.push(dir);
    rt = await startTestRuntime({ dir });
    const dep = await rt.post('/api/v1/admin/flows', { flow: shopFlow({ greeting: 'Welcome to the NEW shop!' }) }, auth(ADMIN));
    expect(dep.status).toBe(201);
    await rt.stop();

    const first = capture();
    const edited = shopFlow({ greeting: 'Welcome, edited in the file' });
    rt = await startTestRuntime({ dir, logger: first.logger, flows: [edited] });
    const [w] = first.warnings();
    expect(w).toMatchObject({ flowId: 'shop', previousRevision: dep.body.revision, msg: 'flow revision replaced at start-up' });
    expect(w.hint).toMatch(/served revision .* \(deployed 2026-11-30T10:00:00\.000Z\); the file's revision .* serves new conversations/);
    expect(w.hint).toMatch(/the flow file changed since the last start .*, so the file wins/);
    const fresh = await rt.post('/api/v1/flows/shop/conversations', {});
    expect(fresh.body.messages[0].text).not.toBe('Welcome to the NEW shop!');
    await rt.stop();

    const second = capture();
    rt = await startTestRuntime({ dir, logger: second.logger, flows: [edited] });
    expect(second.warnings()).toEqual([]);
  });
});
