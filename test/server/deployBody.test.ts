/**
 * POST /api/v1/admin/flows with the exported flow file itself as the body (newcomer s7 #10): a 400 that says to wrap
 * it as {"flow": ...}, instead of "body.flow: expected nonoptional ...; body.version: Unrecognized keys ...". Wrapped,
 * it deploys as before; other wrong bodies are still named key by key.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, auth, shopFlow, startTestRuntime, type TestRuntime } from './runtimeFixtures';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
});

describe('deploying a flow through the admin API', () => {
  it('the bare flow file: 400 naming body.flow and saying to wrap it; nothing deployed', async () => {
    rt = await startTestRuntime();
    const flow = { ...shopFlow({ greeting: 'Version two!' }) };
    const bare = await rt.post('/api/v1/admin/flows', flow, auth(ADMIN));
    expect(bare.status).toBe(400);
    expect(bare.body.field).toBe('body.flow');
    expect(bare.body.message).toContain('body.flow: the body is {"flow": <the flow file>}; you sent the flow file itself: wrap it');
    expect(bare.body.message).not.toContain('Unrecognized');
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    expect(c.messages[0].text).toBe('Welcome to the shop!');

    const wrapped = await rt.post('/api/v1/admin/flows', { flow }, auth(ADMIN));
    expect(wrapped.status).toBe(201);
    expect((await rt.post('/api/v1/flows/shop/conversations', {})).body.messages[0].text).toBe('Version two!');
  });

  it('an empty body and an extra key are named', async () => {
    rt = await startTestRuntime();
    const empty = await rt.post('/api/v1/admin/flows', {}, auth(ADMIN));
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('body.flow: required: the flow document, as {"flow": <the flow file>}');
    const extra = await rt.post('/api/v1/admin/flows', { flow: shopFlow(), force: true }, auth(ADMIN));
    expect(extra.status).toBe(400);
    expect(extra.body.message).toContain('body.force: unknown key "force"');
  });
});
