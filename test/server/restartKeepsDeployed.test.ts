/**
 * fixrt s9 (README "Not finished", newcomer s7 #27): a flow revision deployed through the admin API is kept over a
 * restart with the same, unchanged flow file (before, the file's older revision came back at every restart); a
 * flow file that changed since the last start still wins. Either way the start-up log says what happened.
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

const greeting = async (r: TestRuntime) => (await r.post('/api/v1/flows/shop/conversations', {})).body.messages[0].text;

function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'baton-keep-rev-'));
  dirs.push(dir);
  return dir;
}

describe('a restart after a deploy through the admin API', () => {
  it('keeps the deployed revision while the flow file is unchanged, and says so at start-up', async () => {
    const dir = folder();
    rt = await startTestRuntime({ dir });
    const dep = await rt.post('/api/v1/admin/flows', { flow: shopFlow({ greeting: 'Welcome to the NEW shop!' }) }, auth(ADMIN));
    expect(dep.status).toBe(201);
    await rt.stop();

    const first = capture();
    rt = await startTestRuntime({ dir, logger: first.logger }); // same file (shopFlow()) as the first start
    expect(await greeting(rt)).toBe('Welcome to the NEW shop!');
    const [w] = first.warnings();
    expect(w).toMatchObject({ msg: 'flow revision kept at start-up', flowId: 'shop', revision: dep.body.revision });
    expect(w.hint).toMatch(/serving revision .* \(deployed 2026-11-30T10:00:00\.000Z through POST \/api\/v1\/admin\/flows/);
    expect(w.hint).toMatch(/flow file is unchanged since the last start.*To serve the file's revision: change the file and restart, or POST it/);
    await rt.stop();

    // And again: still kept (the marker is the file's revision, not the served one).
    rt = await startTestRuntime({ dir });
    expect(await greeting(rt)).toBe('Welcome to the NEW shop!');
  });

  it('serves the file when the file changed since the last start, naming the deployed revision it replaced', async () => {
    const dir = folder();
    rt = await startTestRuntime({ dir });
    const dep = await rt.post('/api/v1/admin/flows', { flow: shopFlow({ greeting: 'Deployed by API' }) }, auth(ADMIN));
    expect(await greeting(rt)).toBe('Deployed by API');
    await rt.stop();

    const log = capture();
    rt = await startTestRuntime({ dir, logger: log.logger, flows: [shopFlow({ greeting: 'Edited in the file' })] });
    expect(await greeting(rt)).toBe('Edited in the file');
    const [w] = log.warnings();
    expect(w).toMatchObject({ msg: 'flow revision replaced at start-up', flowId: 'shop', previousRevision: dep.body.revision });
    expect(w.hint).toMatch(/the flow file changed since the last start \(its revision then: \w+\), so the file wins/);
    await rt.stop();

    // A plain restart with that file now says nothing and serves it.
    const quiet = capture();
    rt = await startTestRuntime({ dir, logger: quiet.logger, flows: [shopFlow({ greeting: 'Edited in the file' })] });
    expect(quiet.warnings()).toEqual([]);
    expect(await greeting(rt)).toBe('Edited in the file');
  });

  it('an admin deploy of the file\'s own revision after a kept one switches back, and the next restart keeps that', async () => {
    const dir = folder();
    rt = await startTestRuntime({ dir });
    await rt.post('/api/v1/admin/flows', { flow: shopFlow({ greeting: 'Hotfix' }) }, auth(ADMIN));
    await rt.stop();
    rt = await startTestRuntime({ dir });
    expect(await greeting(rt)).toBe('Hotfix');
    const back = await rt.post('/api/v1/admin/flows', { flow: shopFlow() }, auth(ADMIN));
    expect(back.body.changed).toBe(true);
    await rt.stop();
    const log = capture();
    rt = await startTestRuntime({ dir, logger: log.logger });
    expect(await greeting(rt)).toBe('Welcome to the shop!');
    expect(log.warnings()).toEqual([]);
  });
});
