/**
 * Session 46 (studio12, newcomer s46 N21): a studio page opened after Run asks whether its flow is served
 * (StudioRunner.served, GET /api/flows/:key/run), so a reloaded page shows "Run again" while the runtime still answers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StudioRunner } from '../../runtime/studio/run/studioRunner';

const flow = JSON.parse(readFileSync(join(__dirname, '../../flows/customer-support.json'), 'utf8'));
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('Run: what is served, asked after a reload', () => {
  it('null before Run and after Stop; the same links as Run gave while served; null for another flow', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-run-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const runner = new StudioRunner({ home: dir });
    cleanup.push(() => runner.stop());
    expect(runner.served(flow.id)).toBeNull();
    const info = await runner.run(flow);
    const served = runner.served(flow.id);
    expect(served).toEqual(info);
    expect((await fetch(`${served!.runtimeUrl}/healthz`)).status).toBe(200);
    expect(runner.served('some-other-flow')).toBeNull();
    await runner.stop();
    expect(runner.served(flow.id)).toBeNull();
  });
});
