/**
 * Publish from the studio to a running server (newcomer s9 #11): the studio server sends the flow's export to a real
 * `baton serve` process through its admin API; the served flow then takes conversations. Every failure (wrong token,
 * nothing listening, a flow with errors, a bad address) is said with what to do, and nothing is published.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudioServer, type StudioServer } from '../../runtime/studio/startStudioServer';
import { callJson, startServe, type ServeProcess } from '../support/runtimeHarness';
import { studioApi } from '../support/studioApi';

/** A port nothing listens on: one the system gave and took back. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const TOKEN = 'publish-test-admin-token-0123456789';
let home: string;
let data: string;
let studio: StudioServer;
let serve: ServeProcess;
const api = studioApi(() => studio);

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'lead-publish-home-'));
  data = await mkdtemp(join(tmpdir(), 'lead-publish-data-'));
  studio = await startStudioServer({ home, port: 0 });
  serve = await startServe(['flows/customer-support.json', '--data', data], TOKEN);
}, 60_000);

afterAll(async () => {
  serve?.child.kill('SIGTERM');
  await new Promise((r) => serve?.child.once('exit', r));
  await studio?.close();
  await rm(home, { recursive: true, force: true });
  await rm(data, { recursive: true, force: true });
});

describe('Publish to a running baton serve (newcomer s9 #11)', () => {
  it('publishes a flow the server did not serve; customers can start on it at once', async () => {
    const made = await api('/api/flows', { method: 'POST', body: { template: 'insurance-claims' } });
    expect(made.status).toBe(201);
    const r = await api(`/api/flows/${made.json.key}/publish`, { method: 'POST', body: { url: serve.url + '/', token: TOKEN } });
    expect(r.json).toMatchObject({ flowId: made.json.flow.id, revision: expect.stringMatching(/\S/), changed: true, serverUrl: serve.url, chatUrl: `${serve.url}/chat/${made.json.flow.id}` });
    const conv = await callJson(`${serve.url}/api/v1/flows/${made.json.flow.id}/conversations`, 'POST', {});
    expect(conv.status).toBe(201);
    expect(conv.body.messages.length).toBeGreaterThan(0);
    // The same again: nothing new to deploy.
    const again = await api(`/api/flows/${made.json.key}/publish`, { method: 'POST', body: { url: serve.url, token: TOKEN } });
    expect(again.json).toMatchObject({ flowId: made.json.flow.id, revision: r.json.revision, changed: false });
  });

  it('a wrong token, nothing listening, a bad address, no token: said, nothing published', async () => {
    const made = await api('/api/flows', { method: 'POST', body: { template: 'customer-support' } });
    const key = made.json.key;
    const wrong = await api(`/api/flows/${key}/publish`, { method: 'POST', body: { url: serve.url, token: 'not-the-token' } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.message).toBe(`${serve.url} refused the admin token. Nothing was published.`);
    expect(wrong.json.error.hint).toContain('adminToken');
    const port = await freePort();
    const none = await api(`/api/flows/${key}/publish`, { method: 'POST', body: { url: `127.0.0.1:${port}`, token: TOKEN } });
    expect(none.status).toBe(502);
    expect(none.json.error.message).toBe(`Cannot reach http://127.0.0.1:${port}: nothing answers there (connection refused). Nothing was published.`);
    const ftp = await api(`/api/flows/${key}/publish`, { method: 'POST', body: { url: 'ftp://example.com', token: TOKEN } });
    expect(ftp.status).toBe(400);
    expect(ftp.json.error.message).toContain('use http:// or https://');
    const noToken = await api(`/api/flows/${key}/publish`, { method: 'POST', body: { url: serve.url, token: '  ' } });
    expect(noToken.status).toBe(400);
    expect(noToken.json.error.message).toBe("Type the server's admin token.");
    // Review s19 R13: plain http only to this machine (the token would cross the network readable).
    const lan = await api(`/api/flows/${key}/publish`, { method: 'POST', body: { url: 'http://chat.example.com:3000', token: TOKEN } });
    expect(lan.status).toBe(400);
    expect(lan.json.error.message).toBe('http://chat.example.com:3000 is not encrypted: the admin token would cross the network readable. Nothing was published.');
    expect(lan.json.error.hint).toContain('https://chat.example.com:3000');
    const creds = await api(`/api/flows/${key}/publish`, { method: 'POST', body: { url: serve.url.replace('http://', `http://admin:${TOKEN}@`), token: TOKEN } });
    expect(creds.status).toBe(400);
    expect(creds.json.error.message).toContain('not in the address');
  });

  it('a flow with errors is refused by the server with its problems', async () => {
    const made = await api('/api/flows', { method: 'POST', body: {} });
    const flow = made.json.flow;
    // A Message block whose exit goes nowhere known is an error the runtime refuses.
    const broken = { ...flow, blocks: [...flow.blocks, { id: 'm1', kind: 'message', label: 'Hi', position: { x: 0, y: 100 }, data: { text: 'Hi' } }], edges: [...(flow.edges ?? []), { id: 'e1', from: 'start', exit: 'next', to: 'm1' }, { id: 'e2', from: 'm1', exit: 'next', to: 'nowhere' }] };
    const open = await api(`/api/flows/${made.json.key}`);
    const saved = await api(`/api/flows/${made.json.key}`, { method: 'PUT', body: { flow: broken, journalSeq: 0, baseRevision: open.json.revision } });
    expect(saved.status).toBe(200);
    const r = await api(`/api/flows/${made.json.key}/publish`, { method: 'POST', body: { url: serve.url, token: TOKEN } });
    expect(r.status).toBe(422);
    expect(r.json.error.message).toBe(`${serve.url} refused the flow: it has errors. Nothing was published.`);
    expect(r.json.error.problems.length).toBeGreaterThan(0);
    const conv = await callJson(`${serve.url}/api/v1/flows/${flow.id}/conversations`, 'POST', {});
    expect(conv.status).toBe(404);
  });
});
