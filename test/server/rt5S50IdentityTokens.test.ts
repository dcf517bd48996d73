/**
 * Session 50 (rt5), hostile s50's signed-identity findings, over real HTTP:
 * - M6: with a secret per flow (two websites), one site's token used up the other's: the single-use key was sub + jti
 *   only, so "u1" / "j1" started a chat on customer-support and then lead-gen's own fresh "u1" / "j1" was refused 400
 *   identity_used. Now the key holds the secret that verified the token: each site has its own jti space; a token used
 *   twice on its own site (or on another flow sharing that site's secret) is still refused.
 * - L1: "nbf": 1e308 or "exp": -1e308 answered 500 (a RangeError writing the refusal's date): now 400 invalid_identity
 *   naming the claim.
 * - L6: an identity secret of 32 spaces, or one letter 32 times, was taken (anyone could sign "verified" details): now
 *   refused at start-up, from BATON_IDENTITY_SECRET and from the config, saying why.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { signIdentityToken } from '../../runtime/server/identityToken';
import { serveConfigSchema } from '../../runtime/serve/config';
import { shopFlow, startTestRuntime, type TestRuntime } from './runtimeFixtures';

const SERVER = 'server-wide-identity-secret-0123456789-abcd';
const LEADS = 'lead-site-own-identity-secret-9876543210-wxyz';
let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
});

const other = (id: string) => ({ ...shopFlow(), id, name: id });

describe('signed identity, hostile s50', () => {
  it('M6: two sites with their own secrets do not use up each other\'s tokens; a reused token is still refused', async () => {
    rt = await startTestRuntime({ flows: [shopFlow(), other('leads'), other('shop2')], config: { identity: { secret: SERVER, flows: { leads: { secret: LEADS } } } } as never });
    const exp = Math.floor(rt.clock.now / 1000) + 600;
    const start = (flow: string, claims: Record<string, unknown>, secret: string) => rt!.post(`/api/v1/flows/${flow}/conversations`, { identityToken: signIdentityToken({ sub: 'u1', jti: 'j1', exp, ...claims, aud: flow }, secret) });
    expect((await start('shop', {}, SERVER)).status).toBe(201);
    const leads = await start('leads', {}, LEADS);
    expect(leads.status, JSON.stringify(leads.body)).toBe(201);
    // The same site (same secret): its own jti space, shared by its flows, as before.
    const again = await start('shop', {}, SERVER);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('identity_used');
    expect((await start('shop2', {}, SERVER)).body.error).toBe('identity_used');
    expect((await start('leads', {}, LEADS)).body.error).toBe('identity_used');
  });

  it('L1: an out-of-range "nbf" or "exp" is a 400 naming it, not a 500', async () => {
    rt = await startTestRuntime({ flows: [shopFlow()], config: { identity: { secret: SERVER } } as never });
    const exp = Math.floor(rt.clock.now / 1000) + 600;
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ exp, nbf: 1e308 }, /"nbf" says it is not valid before 1e\+308 \(seconds since 1970, outside any date\)/],
      [{ exp: -1e308 }, /it expired at -1e\+308 \(seconds since 1970, outside any date\)/],
      [{ exp, nbf: 9e15 }, /"nbf"/],
      [{ exp: -9e15 }, /it expired at/],
    ];
    for (const [claims, why] of cases) {
      const r = await rt.post('/api/v1/flows/shop/conversations', { identityToken: signIdentityToken({ sub: 'u7', aud: 'shop', jti: `n${JSON.stringify(claims)}`, ...claims }, SERVER) });
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error).toBe('invalid_identity');
      expect(r.body.message).toMatch(why);
    }
  });

  it('L6: a secret of spaces or one repeated letter is refused (env and config); a random one is taken', async () => {
    for (const weak of [' '.repeat(32), 'a'.repeat(40), 'abababababababababababababababab', ' \t'.repeat(20)]) {
      await expect(startTestRuntime({ flows: [shopFlow()], env: { BATON_IDENTITY_SECRET: weak } })).rejects.toThrow(/BATON_IDENTITY_SECRET: it has (nothing but spaces|only \d+ different characters?)/);
      for (const config of [{ identity: { secret: weak } }, { identity: { previousSecret: weak } }, { identity: { flows: { shop: { secret: weak } } } }]) {
        const r = serveConfigSchema.safeParse(config);
        expect(r.success, JSON.stringify(config)).toBe(false);
        expect(JSON.stringify(r.error?.issues)).toMatch(/can be guessed/);
      }
    }
    // Too short: the message as before.
    await expect(startTestRuntime({ flows: [shopFlow()], env: { BATON_IDENTITY_SECRET: 'short' } })).rejects.toThrow('BATON_IDENTITY_SECRET: use at least 32 characters');
    // Real secrets (base64 and hex, as openssl makes them) are taken.
    for (const good of ['q3Zr8w1KfP0xYb6TnV2sLm9HcJ4dGe7A', '9f86d081884c7d659a2feaa0c55ad015', SERVER]) {
      expect(serveConfigSchema.safeParse({ identity: { secret: good } }).success, good).toBe(true);
    }
    rt = await startTestRuntime({ flows: [shopFlow()], env: { BATON_IDENTITY_SECRET: '9f86d081884c7d659a2feaa0c55ad015' } });
  });
});
