/**
 * Session 35 (newcomer s35 #8): `curl -X POST .../api/v1/flows/FLOW/conversations` with no body at all (the README's
 * body is optional) answered 400 "body: Invalid input: expected object, received null". A conversation starts, as
 * with `{}`; a body that is there and wrong still gets its clear 400.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { shopFlow, startTestRuntime, type TestRuntime } from './runtimeFixtures';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.close();
  rt = null;
});

describe('starting a conversation with no body', () => {
  it('no body, no content type: 201 like {}; an empty JSON body and a wrong body keep their clear 400s', async () => {
    rt = await startTestRuntime({ flows: [shopFlow()] });
    const url = `${rt.url}/api/v1/flows/shop/conversations`;
    const bare = await fetch(url, { method: 'POST' });
    const bareBody = (await bare.json()) as { conversationId?: string; token?: string; messages?: unknown[]; message?: string };
    expect(bare.status, JSON.stringify(bareBody)).toBe(201);
    expect(bareBody.conversationId).toEqual(expect.any(String));
    expect(bareBody.messages?.length).toBeGreaterThan(0);
    const nullJson = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'null' });
    expect(nullJson.status).toBe(201);
    const wrong = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ variables: 5 }) });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { message: string }).message).toContain('variables');
  });
});
