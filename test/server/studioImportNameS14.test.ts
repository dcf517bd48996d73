/**
 * Newcomer s14 N#2: a file imported beside the flow it came from (a read-only window's "Download my changes", an
 * export imported back) was listed on the home screen under the same name as that flow. An imported flow now gets
 * a name no flow of the home has: "<name> (2)", "(3)"...; a name nobody has is kept as it is.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStudioServer, type StudioServer } from '../../runtime/studio/startStudioServer';
import { studioApi } from '../support/studioApi';

let home: string;
let studio: StudioServer;
const api = studioApi(() => studio);

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'baton-studio-import-'));
  studio = await startStudioServer({ home, port: 0 });
});
afterEach(async () => {
  await studio?.close();
  await rm(home, { recursive: true, force: true });
});

async function names(): Promise<string[]> {
  return ((await api('/api/flows')).json.flows as { name: string }[]).map((f) => f.name).sort();
}

describe('import names (newcomer s14 N#2)', () => {
  it('a file imported beside the flow it came from is named apart; again, and again', async () => {
    const made = await api('/api/flows', { method: 'POST', body: { template: 'customer-support' } });
    expect(made.status).toBe(201);
    const original = made.json.flow as { id: string; name: string };
    const exported = await api(`/api/flows/${made.json.key}/export`);
    const text = exported.json.text as string;

    const first = await api('/api/import', { method: 'POST', body: { text, fileName: 'customer-support.json' } });
    expect(first.status).toBe(201);
    expect(first.json.flow.name).toBe(`${original.name} (2)`);
    expect(first.json.flow.id).not.toBe(original.id);
    const second = await api('/api/import', { method: 'POST', body: { text, fileName: 'customer-support.json' } });
    expect(second.json.flow.name).toBe(`${original.name} (3)`);
    expect(await names()).toEqual([original.name, `${original.name} (2)`, `${original.name} (3)`].sort());
    // The name is the flow's own, saved in its file: opening it gives the same.
    expect((await api(`/api/flows/${first.json.key}`)).json.flow.name).toBe(`${original.name} (2)`);
  });

  it('a name no flow has is kept, even when the id is taken; the "(my changes)" copy keeps its name', async () => {
    const made = await api('/api/flows', { method: 'POST', body: { template: 'customer-support' } });
    const flow = (await api(`/api/flows/${made.json.key}`)).json.flow as { name: string };
    const mine = { ...flow, name: `${flow.name} (my changes)` };
    const r = await api('/api/import', { method: 'POST', body: { text: JSON.stringify(mine), fileName: 'customer-support-my-changes.json' } });
    expect(r.status).toBe(201);
    expect(r.json.flow.name).toBe(`${flow.name} (my changes)`);
    expect(r.json.key).not.toBe(made.json.key);
  });

  it('a name at the 200-character limit stays within it when numbered', async () => {
    const long = 'N'.repeat(200);
    const made = await api('/api/flows', { method: 'POST', body: { name: long } });
    expect(made.status).toBe(201);
    const text = (await api(`/api/flows/${made.json.key}/export`)).json.text as string;
    const r = await api('/api/import', { method: 'POST', body: { text, fileName: 'long.json' } });
    expect(r.status).toBe(201);
    expect(r.json.flow.name).toBe(`${'N'.repeat(196)} (2)`);
  });
});
