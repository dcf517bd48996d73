/**
 * Session 37 (newcomer s35, the rest of #5): the studio server keeps a flow's former ids across saves and restarts and
 * lists them, so an address saved with an in-between id still opens the flow (renderer/studio/flowAddress.ts).
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
  home = await mkdtemp(join(tmpdir(), 'baton-studio-former-ids-'));
  studio = await startStudioServer({ home, port: 0 });
});
afterEach(async () => {
  await studio?.close();
  await rm(home, { recursive: true, force: true });
});

async function listed(key: string): Promise<{ flowId: string; formerIds: string[] }> {
  const flows = (await api('/api/flows')).json.flows as { key: string; flowId: string; formerIds: string[] }[];
  return flows.find((f) => f.key === key)!;
}

describe('former flow ids (newcomer s35 #5, rest)', () => {
  it('A -> B -> C: the list says C and [B, A], and still does after a restart', async () => {
    const made = await api('/api/flows', { method: 'POST', body: { name: 'Id hopper' } });
    expect(made.status).toBe(201);
    const key = made.json.key as string;
    expect(await listed(key)).toMatchObject({ flowId: key, formerIds: [] });
    let seq = 0;
    for (const id of ['hop-b', 'hop-c']) {
      const opened = (await api(`/api/flows/${key}`)).json;
      const saved = await api(`/api/flows/${key}`, { method: 'PUT', body: { flow: { ...opened.flow, id }, journalSeq: ++seq + opened.journalSeq, baseRevision: opened.revision } });
      expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    }
    expect(await listed(key)).toEqual(expect.objectContaining({ flowId: 'hop-c', formerIds: ['hop-b', key] }));
    await studio.close();
    studio = await startStudioServer({ home, port: 0 });
    expect(await listed(key)).toEqual(expect.objectContaining({ flowId: 'hop-c', formerIds: ['hop-b', key] }));
  });
});
