/**
 * Open customer push streams are capped per conversation (hostile s7 #4: one token held 20,000 streams and the
 * process ran out of file descriptors). Over real HTTP on 127.0.0.1: ten tabs stream, the eleventh is a 429
 * too_many_streams saying what to do; closing a tab frees its place at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STREAMS_PER_CONVERSATION } from '../../runtime/server/buildServer';
import { auth, startTestRuntime, type TestRuntime } from './runtimeFixtures';
import { openStream } from './agentSse';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => {
  await rt?.stop();
});

describe('push streams per conversation', () => {
  it(`${MAX_STREAMS_PER_CONVERSATION} stream, the next is refused with a clear 429, a closed one frees its place`, async () => {
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    const url = `${rt.url}/api/v1/conversations/${c.conversationId}/events`;
    const tabs = [];
    for (let i = 0; i < MAX_STREAMS_PER_CONVERSATION; i++) tabs.push(await openStream(url, auth(c.token)));
    const refused = await fetch(url, { headers: auth(c.token) });
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { error: string; message: string };
    expect(body.error).toBe('too_many_streams');
    expect(body.message).toMatch(/close some tabs/);
    // Another conversation is not affected.
    const other = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    const o = await openStream(`${rt.url}/api/v1/conversations/${other.conversationId}/events`, auth(other.token));
    o.close();
    tabs.pop()!.close();
    let again: Response | null = null;
    for (let i = 0; i < 50; i++) {
      again = await fetch(url, { headers: auth(c.token) });
      if (again.status === 200) break;
      await again.body?.cancel();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(again!.status).toBe(200);
    await again!.body?.cancel();
    for (const t of tabs) t.close();
  });
});
