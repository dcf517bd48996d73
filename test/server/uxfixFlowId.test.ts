/**
 * Session 6 (helper uxfix): a flow's id changed in the studio (Flow settings) is saved, and the flow's scenarios
 * file follows it: its "flow" names the new id (only that value changes), so `baton test` and the simulator do not
 * warn that the scenarios belong to another flow. A scenarios file for another flow id is left alone. The version
 * history names flow-level changes in the Flow settings panel's words.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startStudioServer } from '../../runtime/studio/startStudioServer';
import { studioApi } from '../support/studioApi';

let home: string;
let studio: Awaited<ReturnType<typeof startStudioServer>>;
const api = studioApi(() => studio);

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'baton-flow-id-'));
  studio = await startStudioServer({ home, port: 0 });
});
afterEach(async () => {
  await studio?.close();
  await rm(home, { recursive: true, force: true });
});

it('a new flow id is saved and the scenarios file names it, the rest of the file byte for byte', async () => {
  const key = (await api('/api/flows', { method: 'POST', body: { template: 'lead-gen' } })).json.key as string;
  const path = join(home, 'flows', `${key}.scenarios.json`);
  const before = await readFile(path, 'utf8');
  const opened = await api(`/api/flows/${key}`);
  const oldId = opened.json.flow.id as string;
  expect(JSON.parse(before).flow).toBe(oldId);
  const saved = await api(`/api/flows/${key}`, { method: 'PUT', body: { flow: { ...opened.json.flow, id: 'leads-2027' }, journalSeq: 0 } });
  expect(saved.status).toBe(200);
  expect(saved.json.warnings).toBeUndefined();
  expect((await api(`/api/flows/${key}`)).json.flow.id).toBe('leads-2027');
  const after = await readFile(path, 'utf8');
  expect(JSON.parse(after).flow).toBe('leads-2027');
  expect(after).toBe(before.replace(`"flow": "${oldId}"`, '"flow": "leads-2027"'));
  expect((await api(`/api/flows/${key}/scenarios`)).json.file.flow).toBe('leads-2027');
});

it('a scenarios file written for another flow id is not touched', async () => {
  const key = (await api('/api/flows', { method: 'POST', body: { template: 'lead-gen' } })).json.key as string;
  const path = join(home, 'flows', `${key}.scenarios.json`);
  const other = (await readFile(path, 'utf8')).replace(/"flow": "[^"]*"/, '"flow": "someone-else"');
  await writeFile(path, other);
  const opened = await api(`/api/flows/${key}`);
  expect((await api(`/api/flows/${key}`, { method: 'PUT', body: { flow: { ...opened.json.flow, id: 'leads-2027' }, journalSeq: 0 } })).status).toBe(200);
  expect(await readFile(path, 'utf8')).toBe(other);
});

it('the version history names flow settings in the words of the Flow settings panel', async () => {
  const key = (await api('/api/flows', { method: 'POST', body: { template: 'lead-gen' } })).json.key as string;
  const flow = (await api(`/api/flows/${key}`)).json.flow;
  const next = { ...flow, settings: { ...flow.settings, timezone: 'Europe/Paris' }, escalation: { ...flow.escalation, urgency: { ...flow.escalation.urgency, phrases: ['before my flight'] } } };
  expect((await api(`/api/flows/${key}`, { method: 'PUT', body: { flow: next, journalSeq: 0 } })).status).toBe(200);
  const summary = (await api(`/api/flows/${key}/versions`)).json.versions[0].summary as string;
  expect(summary).toContain('flow settings: time zone, escalation (urgency)');
  expect(summary).not.toMatch(/escalation\.urgency|settings\.timezone/);
});

it("an id another flow in the studio already has is refused by the server too, naming that flow; nothing is written", async () => {
  // Review s6: the check lived only in Flow settings; a script or a stale tab saved the twin id.
  const first = (await api('/api/flows', { method: 'POST', body: { template: 'lead-gen' } })).json.key as string;
  const second = (await api('/api/flows', { method: 'POST', body: { template: 'customer-support' } })).json.key as string;
  const firstId = (await api(`/api/flows/${first}`)).json.flow.id as string;
  const opened = await api(`/api/flows/${second}`);
  const refused = await api(`/api/flows/${second}`, { method: 'PUT', body: { flow: { ...opened.json.flow, id: firstId }, journalSeq: 0 } });
  expect(refused.status).toBe(422);
  expect(refused.json.error).toMatchObject({ code: 'flow_id_taken' });
  expect(JSON.stringify(refused.json.error)).toContain(firstId);
  expect((await api(`/api/flows/${second}`)).json.flow.id).toBe(opened.json.flow.id);
  // Saving the same flow under its own id still works.
  expect((await api(`/api/flows/${second}`, { method: 'PUT', body: { flow: { ...opened.json.flow, name: 'Renamed' }, journalSeq: 0 } })).status).toBe(200);
});
