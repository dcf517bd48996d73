/**
 * Optional tokens for the Rasa REST channel and /metrics (hostile-pass findings): off by default with a start-up
 * warning when not on loopback; when set, a missing or wrong token is a 401 saying how to send it, the right one works (Rasa clients
 * send `?token=` like Rasa's own --auth-token, or a Bearer header). /openapi.json stays public (documentation).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { securityWarnings } from '../../runtime/serve/startRuntime';
import { serveConfigSchema } from '../../runtime/serve/config';
import { auth, startTestRuntime, type TestRuntime } from './runtimeFixtures';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
});

const RASA = 'rasa-token-0123456789';
const METRICS = 'metrics-token-0123456789';

describe('Rasa channel and metrics tokens', () => {
  it('with no tokens: both open; start-up warns about both when not on loopback', async () => {
    rt = await startTestRuntime();
    expect((await rt.post('/webhooks/rest/webhook', { sender: 's1', message: 'hi' })).status).toBe(200);
    expect((await rt.get('/metrics')).status).toBe(200);
    for (const host of ['127.0.0.1', 'localhost', '::1']) expect(securityWarnings({ host })).toEqual([]);
    const wide = securityWarnings({ host: '0.0.0.0' });
    expect(wide).toHaveLength(2);
    expect(wide[0]).toContain('BATON_RASA_TOKEN');
    expect(wide[1]).toContain('GET /metrics is public on 0.0.0.0');
    expect(securityWarnings({ host: '0.0.0.0', rasaToken: RASA, metricsToken: METRICS })).toEqual([]);
  });

  it('Rasa token: 401 without it or with a wrong one; ?token= and Bearer both work', async () => {
    rt = await startTestRuntime({ config: { rasa: { token: RASA } } as never });
    const none = await rt.post('/webhooks/rest/webhook', { sender: 's1', message: 'hi' });
    expect(none.status).toBe(401);
    expect(none.body.error).toBe('invalid_rasa_token');
    expect(none.body.message).toContain('?token=');
    expect((await rt.post('/webhooks/rest/webhook?token=wrong-token-0123456789', { sender: 's1', message: 'hi' })).status).toBe(401);
    expect((await rt.post('/webhooks/rest/webhook', { sender: 's1', message: 'hi' }, auth('wrong-token-0123456789'))).status).toBe(401);
    const q = await rt.post(`/webhooks/rest/webhook?token=${RASA}`, { sender: 's1', message: 'hi' });
    expect(q.status).toBe(200);
    expect(q.body[0].recipient_id).toBe('s1');
    const b = await rt.post('/webhooks/rest/webhook', { sender: 's1', message: 'hello' }, auth(RASA));
    expect(b.status).toBe(200);
    // The customer API is not affected by the Rasa token.
    expect((await rt.post('/api/v1/flows/shop/conversations', {})).status).toBe(201);
  });

  it('Rasa token from the environment (BATON_RASA_TOKEN)', async () => {
    rt = await startTestRuntime({ env: { BATON_SECRET_SHOP_KEY: 'k', BATON_RASA_TOKEN: RASA } });
    expect((await rt.post('/webhooks/rest/webhook', { sender: 's2', message: 'hi' })).status).toBe(401);
    expect((await rt.post(`/webhooks/rest/webhook?token=${RASA}`, { sender: 's2', message: 'hi' })).status).toBe(200);
  });

  it('metrics token: 401 without it, Prometheus text with it; /openapi.json stays public', async () => {
    rt = await startTestRuntime({ config: { metricsToken: METRICS } as never });
    const none = await rt.get('/metrics');
    expect(none.status).toBe(401);
    expect(none.body.error).toBe('invalid_metrics_token');
    expect((await rt.get('/metrics', auth('wrong-token-0123456789'))).status).toBe(401);
    const ok = await rt.get('/metrics', auth(METRICS));
    expect(ok.status).toBe(200);
    expect(String(ok.body)).toContain('baton_active_conversations');
    expect((await rt.get('/openapi.json')).status).toBe(200);
  });

  it('refuses short tokens in --config with the path of the field', () => {
    const r = serveConfigSchema.safeParse({ rasa: { token: 'short' }, metricsToken: 'short' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['metricsToken', 'rasa.token']);
  });
});
