/**
 * The runtime answers the browser's /favicon.ico (newcomer s7 #7: every inbox tab logged a 404 console error for it):
 * an SVG icon, over real HTTP on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from './runtimeFixtures';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => {
  await rt?.stop();
});

describe('/favicon.ico', () => {
  it('is an SVG icon, not a 404', async () => {
    const res = await fetch(`${rt.url}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    expect(await res.text()).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });
});
