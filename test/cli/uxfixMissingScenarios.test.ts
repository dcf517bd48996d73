/**
 * `baton test` on a flow exported from the studio without its scenarios file beside it (newcomer s6 #9): the
 * hint names the file the studio keeps for that flow and the command that uses it, or where the studio keeps them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, expect, it } from 'vitest';
import { batonInProcess } from './runInProcess';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'baton-missing-scen-'));
const before = process.env.BATON_STUDIO_HOME;
afterEach(() => {
  if (before === undefined) delete process.env.BATON_STUDIO_HOME;
  else process.env.BATON_STUDIO_HOME = before;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('names the scenarios file the studio keeps for a flow of that name, and how to use it', async () => {
  const home = join(dir, 'studio');
  mkdirSync(join(home, 'flows'), { recursive: true });
  const kept = join(home, 'flows', 'customer-support.scenarios.json');
  writeFileSync(kept, readFileSync(join(root, 'flows/customer-support.scenarios.json')));
  mkdirSync(join(dir, 'exported'));
  const flow = join(dir, 'exported', 'customer-support.json');
  writeFileSync(flow, readFileSync(join(root, 'flows/customer-support.json')));
  process.env.BATON_STUDIO_HOME = home;
  const r = await batonInProcess(['test', flow]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`no such file; the studio keeps this flow's recorded scenarios in ${kept}: copy that file next to the flow, or run with --scenarios ${kept}`);
  // Following the hint works.
  expect((await batonInProcess(['test', flow, '--scenarios', kept])).code).toBe(0);
});

it('without one, says where the studio keeps scenarios and that Export saves them beside the flow', async () => {
  process.env.BATON_STUDIO_HOME = join(dir, 'empty-studio');
  const flow = join(dir, 'lonely.json');
  writeFileSync(flow, readFileSync(join(root, 'flows/travel-urgency.json')));
  const r = await batonInProcess(['test', flow]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`it keeps them in ${join(dir, 'empty-studio', 'flows')}; its Export saves FLOW.scenarios.json beside the flow`);
});
