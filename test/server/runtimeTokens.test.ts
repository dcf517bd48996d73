/**
 * Tokens for the Rasa REST channel and /metrics (hostile-pass findings). Hostile s47 H1: the Rasa channel is off
 * without a token (403 saying how to turn it on; anyone who knew a sender id used to read that customer's agent
 * replies), on with rasa.token / BATON_RASA_TOKEN (a missing or wrong token is a 401 saying how to send it; Rasa
 * clients send `?token=` like Rasa's own --auth-token, or a Bearer header), and open without a token only when the
 * config says rasa.allowWithoutToken (warned at start on every address). /metrics without a token is public with a
 * warning when not on loopback. /openapi.json stays public (documentation).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rasaAccessOf, rasaChannelNote, securityWarnings } from '../../runtime/serve/startRuntime';
import { serveConfigSchema } from '../../runtime/serve/config';
import { ADMIN, auth, startTestRuntime, type TestRuntime } from './runtimeFixtures';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
});

const RASA = 'rasa-token-0123456789';
const METRICS = 'metrics-token-0123456789';

describe('Rasa channel and metrics tokens', () => {
  it('with no tokens: the Rasa channel is off (403 saying how to turn it on, nothing stored), /metrics public with a warning off loopback', async () => {
    rt = await startTestRuntime();
    const off = await rt.post('/webhooks/rest/webhook', { sender: 's1', message: 'I want to talk to a human' });
    expect(off.status).toBe(403);
    expect(off.body.error).toBe('rasa_channel_off');
    expect(off.body.message).toContain('"rasa": {"token": "..."}');
    expect(off.body.message).toContain('?token=');
    // Checked before the body is read: a broken body is the same 403.
    expect((await rt.post('/webhooks/rest/webhook', '{"sender":')).status).toBe(403);
    expect(await rt.store.findByExternalKey('rasa:shop:s1')).toBeNull();
    expect((await rt.get('/api/v1/admin/handoffs?status=pending', auth(ADMIN))).body.handoffs).toEqual([]);
    expect((await rt.get('/metrics')).status).toBe(200);
    const access = rasaAccessOf(serveConfigSchema.parse({}), {});
    expect(access).toEqual({ mode: 'off' });
    for (const host of ['127.0.0.1', 'localhost', '::1']) expect(securityWarnings({ host, rasa: access })).toEqual([]);
    expect(securityWarnings({ host: '0.0.0.0', rasa: access })).toEqual(['GET /metrics is public on 0.0.0.0: set "metricsToken" in --config or BATON_METRICS_TOKEN']);
    expect(securityWarnings({ host: '0.0.0.0', rasa: { mode: 'token', token: RASA }, metricsToken: METRICS })).toEqual([]);
    const note = rasaChannelNote(access, '0.0.0.0')!;
    expect(note).toContain('is off (it answers 403)');
    expect(note).toContain('BATON_RASA_TOKEN');
    expect(note).toContain('"allowWithoutToken": true');
    expect(rasaChannelNote({ mode: 'token', token: RASA }, '0.0.0.0')).toBeNull();
  });

  it('hostile s47 H1: with a token, a caller without it neither reads the customer\'s agent reply nor writes as them; the customer still gets it', async () => {
    rt = await startTestRuntime({ config: { rasa: { token: RASA } } as never });
    const as = (message: string, token?: string) => rt!.post(`/webhooks/rest/webhook${token ? `?token=${token}` : ''}`, { sender: '+447700900777', message });
    expect((await as('hi', RASA)).status).toBe(200);
    const asked = await as('Talk to a person', RASA);
    expect(asked.body.find((m: any) => m.custom)?.custom.handoff.status).toBe('pending');
    const [h] = (await rt.get('/api/v1/admin/handoffs?status=pending', auth(ADMIN))).body.handoffs;
    for (const [type, extra] of [['accepted', {}], ['message', { text: 'your refund of £340 is approved' }]] as const)
      expect((await rt.post(`/api/v1/admin/handoffs/${encodeURIComponent(h.id)}/events`, { type, agentId: 'ann', agentName: 'Ann', ...extra }, auth(ADMIN))).status).toBe(200);
    for (const token of [undefined, 'wrong-token-0123456789']) {
      const stolen = await as('hi', token);
      expect(stolen.status).toBe(401);
      expect(JSON.stringify(stolen.body)).not.toContain('refund');
    }
    const real = await as('thanks', RASA);
    expect(real.status).toBe(200);
    expect(real.body.map((m: any) => m.text)).toContain('your refund of £340 is approved');
    const log = (await rt.store.readLog((await rt.store.findByExternalKey('rasa:shop:+447700900777'))!.id, 0, 100)).filter((e) => e.from === 'customer').map((e) => e.text);
    expect(log).not.toContain('hi');
    expect(log).toContain('thanks');
  });

  it('rasa.allowWithoutToken: open as Rasa is (no token), with a loud warning on every address; a token and allowWithoutToken together are refused', async () => {
    rt = await startTestRuntime({ config: { rasa: { allowWithoutToken: true } } as never });
    const open = await rt.post('/webhooks/rest/webhook', { sender: 's9', message: 'hi' });
    expect(open.status).toBe(200);
    expect(open.body[0].recipient_id).toBe('s9');
    const access = rasaAccessOf(serveConfigSchema.parse({ rasa: { allowWithoutToken: true } }), {});
    expect(access).toEqual({ mode: 'open' });
    for (const host of ['127.0.0.1', '0.0.0.0']) {
      const w = securityWarnings({ host, rasa: access, metricsToken: METRICS });
      expect(w).toHaveLength(1);
      expect(w[0]).toContain('open without a token (rasa.allowWithoutToken)');
    }
    expect(rasaChannelNote(access, '0.0.0.0')).toMatch(/^WARNING: .*anyone who can reach 0\.0\.0\.0 and knows or guesses a sender id .* reads that customer's replies, agents' included, and writes as them/);
    const both = serveConfigSchema.safeParse({ rasa: { token: RASA, allowWithoutToken: true } });
    expect(both.success).toBe(false);
    expect(both.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['rasa.allowWithoutToken', expect.stringContaining('has both "token" and "allowWithoutToken": true')]]);
    expect(() => rasaAccessOf(serveConfigSchema.parse({ rasa: { allowWithoutToken: true } }), { BATON_RASA_TOKEN: RASA })).toThrow(/allowWithoutToken is true but BATON_RASA_TOKEN is set/);
    expect(rasaAccessOf(serveConfigSchema.parse({}), { BATON_RASA_TOKEN: RASA })).toEqual({ mode: 'token', token: RASA });
    // allowWithoutToken: false is the default, written out.
    expect(rasaAccessOf(serveConfigSchema.parse({ rasa: { allowWithoutToken: false } }), {})).toEqual({ mode: 'off' });
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
