/**
 * Session 49 (apisec4): one identity secret per flow. Up to session 48 a server had one secret (plus the previous one)
 * for every flow it served: two websites (two teams, two brands) served by one `baton serve` had to share it, so
 * either site's server could sign tokens for the other's flows (only `aud` kept them apart, and both held the key).
 * Now `"identity": {"flows": {"<flow id>": {"secret", "previousSecret"?, "unsigned"?}}}`: such a flow's tokens are
 * checked with its own secret only; the other flows keep the server's secret (the default).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { signIdentityToken } from '../../runtime/server/identityToken';
import { identitySettings } from '../../runtime/serve/startRuntime';
import { serveConfigSchema } from '../../runtime/serve/config';
import { identityNotes } from '../../runtime/serve/identityNotes';
import { shopFlow, startTestRuntime, type TestRuntime } from './runtimeFixtures';

const SERVER = 'server-wide-identity-secret-0123456789-abcd';
const SHOP = 'shop-site-own-identity-secret-9876543210-wxyz';
const SHOP_OLD = 'shop-site-previous-identity-secret-5555555555';
let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
});

const other = () => ({ ...shopFlow(), id: 'other', name: 'Other brand' });
let n = 0;
const token = (aud: string, secret: string, exp: number, variables: Record<string, unknown> = { customerEmail: 'kim@example.org' }) =>
  signIdentityToken({ sub: 'cust-1', aud, jti: `j${++n}`, exp, variables }, secret);

describe('one identity secret per flow', () => {
  it("a flow with its own secret takes only tokens signed with it; the others keep the server's", async () => {
    rt = await startTestRuntime({ flows: [shopFlow(), other()], config: { identity: { secret: SERVER, flows: { shop: { secret: SHOP, previousSecret: SHOP_OLD } } } } as never });
    const exp = Math.floor(rt.clock.now / 1000) + 600;
    const start = (flow: string, t: string) => rt!.post(`/api/v1/flows/${flow}/conversations`, { identityToken: t });

    const own = await start('shop', token('shop', SHOP, exp));
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    // The flow's previous secret too (rotation), per flow.
    expect((await start('shop', token('shop', SHOP_OLD, exp))).status).toBe(201);
    // The server's secret no longer signs for this flow, and the refusal says why.
    const serverSigned = await start('shop', token('shop', SERVER, exp));
    expect(serverSigned.status).toBe(400);
    expect(serverSigned.body).toMatchObject({ error: 'invalid_identity', field: 'identityToken' });
    expect(serverSigned.body.message).toContain('the flow "shop" has its own secret');

    // A flow not listed: the server's secret, as before; the shop's secret cannot sign for it.
    expect((await start('other', token('other', SERVER, exp))).status).toBe(201);
    const shopSigned = await start('other', token('other', SHOP, exp));
    expect(shopSigned.status).toBe(400);
    expect(shopSigned.body.error).toBe('invalid_identity');
    expect(shopSigned.body.message).not.toContain('own secret');
  });

  it('a flow\'s own "unsigned": "refuse"; a flow with a secret on a server without one', async () => {
    rt = await startTestRuntime({ flows: [shopFlow(), other()], config: { identity: { flows: { shop: { secret: SHOP, unsigned: 'refuse' } } } } as never });
    const exp = Math.floor(rt.clock.now / 1000) + 600;
    const unsignedShop = await rt.post('/api/v1/flows/shop/conversations', { profile: { name: 'Kim' } });
    expect(unsignedShop.status).toBe(400);
    expect(unsignedShop.body.error).toBe('signature_required');
    // The other flow keeps the server's "keep" (the default).
    expect((await rt.post('/api/v1/flows/other/conversations', { profile: { name: 'Kim' } })).status).toBe(201);
    expect((await rt.post('/api/v1/flows/shop/conversations', { identityToken: token('shop', SHOP, exp, { customerName: 'Kim' }) })).status).toBe(201);
    // No server secret: the other flow cannot check a token, and says how to give it one.
    const none = await rt.post('/api/v1/flows/other/conversations', { identityToken: token('other', SHOP, exp) });
    expect(none.status).toBe(400);
    expect(none.body.error).toBe('identity_not_configured');
    expect(none.body.message).toContain('"identity": {"flows": {"other": {"secret": "..."}}}');
  });

  it('the config: a short flow secret is refused naming where; an unknown flow id is a start-up note', () => {
    const bad = serveConfigSchema.safeParse({ identity: { flows: { shop: { secret: 'short' } } } });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error!.issues[0].path)).toBe('["identity","flows","shop","secret"]');
    expect(bad.error!.issues[0].message).toContain('32 characters');
    expect(serveConfigSchema.safeParse({ identity: { flows: { shop: { secret: SHOP, extra: 1 } } } }).success).toBe(false);

    const signedFlow = { ...shopFlow(), variables: [{ name: 'cartValue', type: 'number', signed: true }] } as never;
    const settings = identitySettings(serveConfigSchema.parse({ identity: { flows: { shop: { secret: SHOP }, shpo: { secret: SHOP } } } }), {});
    const notes = identityNotes([signedFlow], settings);
    expect(notes.some((x) => x.includes('"shpo"') && x.includes('does not serve'))).toBe(true);
    // The shop's signed-only cartValue has a secret (its own): no "no identity secret" note for it.
    expect(notes.some((x) => x.includes('flow shop takes'))).toBe(false);
    expect(identityNotes([signedFlow], identitySettings(serveConfigSchema.parse({}), {})).some((x) => x.includes('flow shop takes'))).toBe(true);
  });
});
