/**
 * Session 48 (apisec3): a signed identity token starts one chat. Session 47's tokens were not single-use: whoever held
 * one (copied from a page, a log, a shared screen) was served as that visitor, with its verified details, until `exp`.
 * Now the token's `jti` (or, without one, its signature) is claimed in the store when a chat starts, until the token
 * expires: a second start with it is 400 identity_used naming identityToken, also after a restart and when the starts
 * race; a start refused for another reason does not use it up. Over real HTTP, on the shipped customer-support flow.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signIdentityToken } from '../../runtime/server/identityToken';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';
import { startTestRuntime, type TestRuntime } from './runtimeFixtures';

const SECRET = 'team-website-secret-0123456789-abcdefghijkl';
let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
});

function support(): Flow {
  const v = validateFlow(JSON.parse(readFileSync('flows/customer-support.json', 'utf8')));
  if (!v.flow) throw new Error('customer-support.json');
  return v.flow;
}
const start = (body: unknown) => rt!.post('/api/v1/flows/customer-support/conversations', body);
const claims = (sub: string, extra: Record<string, unknown> = {}) => ({ sub, aud: 'customer-support', exp: Math.floor(rt!.clock.now / 1000) + 3600, variables: { cartValue: 620, customerEmail: 'kim@example.org' }, ...extra });
const chats = async () => Object.values(await rt!.store.countByMode()).reduce((a, b) => a + b, 0);

describe('a signed identity token starts one chat', () => {
  it('a second start with the same token is refused (400 identity_used), nothing is started; a new token works', async () => {
    rt = await startTestRuntime({ flows: [support()], config: { identity: { secret: SECRET, unsigned: 'keep' } } });
    const token = signIdentityToken(claims('cust-1'), SECRET);
    const first = await start({ identityToken: token });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const before = await chats();
    const again = await start({ identityToken: token });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'identity_used', field: 'identityToken' });
    expect(again.body.message).toContain('already started a chat');
    expect(await chats()).toBe(before);
    // Without a jti the token is its signature: the same claims signed again are the same token.
    expect((await start({ identityToken: signIdentityToken(claims('cust-1'), SECRET) })).body.error).toBe('identity_used');
    // A token with its own id: another id is another token, the same id again is not (even re-signed with a later exp).
    expect((await start({ identityToken: signIdentityToken(claims('cust-1', { jti: 'page-view-1' }), SECRET) })).status).toBe(201);
    expect((await start({ identityToken: signIdentityToken(claims('cust-1', { jti: 'page-view-2' }), SECRET) })).status).toBe(201);
    const reused = await start({ identityToken: signIdentityToken(claims('cust-1', { jti: 'page-view-2', exp: Math.floor(rt.clock.now / 1000) + 7200 }), SECRET) });
    expect(reused.body.error).toBe('identity_used');
    // jti is per visitor (sub): another visitor's page view with the same counter is its own token.
    expect((await start({ identityToken: signIdentityToken(claims('cust-2', { jti: 'page-view-2' }), SECRET) })).status).toBe(201);
    // A bad jti is refused like any bad claim.
    const bad = await start({ identityToken: signIdentityToken(claims('cust-3', { jti: 42 }), SECRET) });
    expect(bad.body).toMatchObject({ error: 'invalid_identity', field: 'identityToken' });
    expect(bad.body.message).toContain('"jti"');
  });

  it('a start refused for another reason does not use the token up', async () => {
    rt = await startTestRuntime({ flows: [support()], config: { identity: { secret: SECRET, unsigned: 'keep' } } });
    const token = signIdentityToken(claims('cust-1'), SECRET);
    const clash = await start({ identityToken: token, variables: { cartValue: 9999 } });
    expect(clash.body.error).toBe('identity_conflict');
    const unknown = await start({ identityToken: token, variables: { noSuchVariable: 1 } });
    expect(unknown.status).toBe(400);
    expect((await start({ identityToken: token })).status).toBe(201);
  });

  it('racing starts with one token: exactly one chat', async () => {
    rt = await startTestRuntime({ flows: [support()], config: { identity: { secret: SECRET, unsigned: 'keep' } } });
    const token = signIdentityToken(claims('cust-1'), SECRET);
    const all = await Promise.all(Array.from({ length: 6 }, () => start({ identityToken: token })));
    expect(all.map((r) => r.status).sort()).toEqual([201, 400, 400, 400, 400, 400]);
    expect(await chats()).toBe(1);
  });

  it('the token stays used across a restart (kept in the store until it expires)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-apisec3-once-'));
    try {
      rt = await startTestRuntime({ flows: [support()], dir, config: { identity: { secret: SECRET, unsigned: 'keep' } } });
      const token = signIdentityToken(claims('cust-1'), SECRET);
      expect((await start({ identityToken: token })).status).toBe(201);
      const clock = rt.clock.now;
      await rt.stop();
      rt = await startTestRuntime({ flows: [support()], dir, clockStart: clock, config: { identity: { secret: SECRET, unsigned: 'keep' } } });
      expect((await start({ identityToken: token })).body.error).toBe('identity_used');
    } finally {
      await rt?.stop();
      rt = null;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
