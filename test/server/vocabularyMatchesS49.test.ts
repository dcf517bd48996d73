/**
 * Session 49 (ci6): GET /api/flows/:key sends the escalation vocabulary warnings' matches with the opened flow
 * (`vocabularyMatches`), which the page takes before its first validation (renderer/studio/persistence/flowPersistence.ts
 * openFlowForEditing). Checked over real HTTP: they cover every phrase and example of the opened flow's policy (a phrase
 * added by a save too), are made against the shared list of ordinary messages, and give the warnings the server's own
 * validation gives (count and example of a broad phrase).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudioServer, type StudioServer } from '../../runtime/studio/startStudioServer';
import { ORDINARY_MESSAGES } from '../../shared/escalation/ordinaryMessages';
import { escalationVocabularyWarnings } from '../../shared/escalation/vocabularyWarnings';
import { studioApi } from '../support/studioApi';

let home: string;
let studio: StudioServer;
const api = studioApi(() => studio);

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'baton-vocab-s49-'));
  studio = await startStudioServer({ home, port: 0 });
}, 60_000);

afterAll(async () => {
  await studio?.close();
  await rm(home, { recursive: true, force: true });
});

describe('session 49: the opened flow comes with its vocabulary matches', () => {
  it('every phrase and example of the policy, against the ordinary messages; a phrase saved later too', async () => {
    const created = await api('/api/flows', { method: 'POST', body: { template: 'customer-support' } });
    expect(created.status).toBe(201);
    const key = created.json.key as string;
    const opened = await api(`/api/flows/${encodeURIComponent(key)}`, { timeoutMs: 30_000 });
    expect(opened.status).toBe(200);
    const { flow, vocabularyMatches } = opened.json;
    expect(vocabularyMatches.checked).toBe(ORDINARY_MESSAGES.length);
    const keys = [
      ...flow.escalation.sensitiveTopics.topics.flatMap((t: { phrases: string[]; examples?: string[] }) => [
        ...t.phrases.map((p) => `sensitiveTopics|phrases|${p}`),
        ...(t.examples ?? []).map((e) => `sensitiveTopics|examples|${e}`),
      ]),
      ...(['explicitRequest', 'negativeSentiment', 'urgency'] as const).flatMap((r) => [
        ...(flow.escalation[r].phrases ?? []).map((p: string) => `${r}|phrases|${p}`),
        ...(flow.escalation[r].examples ?? []).map((e: string) => `${r}|examples|${e}`),
      ]),
    ];
    expect(keys.length).toBeGreaterThan(10);
    expect(Object.keys(vocabularyMatches.matches).sort()).toEqual([...new Set(keys)].sort());

    // A broad phrase saved into the policy: the next open sends its matches, and they are the warning's figures.
    flow.escalation.explicitRequest.phrases = [...(flow.escalation.explicitRequest.phrases ?? []), 'can you'];
    const saved = await api(`/api/flows/${encodeURIComponent(key)}`, { method: 'PUT', body: { flow, baseRevision: opened.json.revision }, timeoutMs: 30_000 });
    expect(saved.status, saved.text).toBe(200);
    const again = await api(`/api/flows/${encodeURIComponent(key)}`, { timeoutMs: 30_000 });
    const found: number[] = again.json.vocabularyMatches.matches['explicitRequest|phrases|can you'];
    expect(found.length).toBeGreaterThan(0);
    const w = escalationVocabularyWarnings(again.json.flow.escalation).find((x) => x.path.join('.') === `escalation.explicitRequest.phrases.${flow.escalation.explicitRequest.phrases.length - 1}`)!;
    expect({ matches: w.matches, example: w.example }).toEqual({ matches: found.length, example: ORDINARY_MESSAGES[found[0]] });
  }, 120_000);
});
