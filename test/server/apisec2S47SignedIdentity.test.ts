/**
 * Session 47 (apisec2): signed identity over real HTTP. A team's website signs what it knows about a visitor (a JWT,
 * HS256, with baton serve's identity secret: runtime/server/identityToken.ts) and the page passes it as
 * `identityToken` when the chat starts. A good token's variables are taken and shown verified in the agent inbox; a wrong
 * secret, a tampered value, another visitor's signature, a token for another flow, an expired one and hostile shapes are
 * refused with a 400 naming `identityToken` and why. The shipped customer-support flow marks cartValue signed (its
 * hot-lead rule reads it): an unsigned cartValue is refused, unsigned Question-asked details are kept as the visitor's word.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';
import { signIdentityToken } from '../../runtime/server/identityToken';
import { agent, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';
import { auth, startTestRuntime, type TestRuntime } from './runtimeFixtures';

const SECRET = 'team-website-secret-0123456789-abcdefghijkl';
const OTHER_SECRET = 'somebody-elses-secret-0123456789-abcdefghij';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
  await stopAgentRuntimes();
});

function load(path: string): Flow {
  const v = validateFlow(JSON.parse(readFileSync(path, 'utf8')));
  if (!v.flow) throw new Error(`${path}: ${JSON.stringify(v.problems.slice(0, 3))}`);
  return v.flow;
}
const support = () => load('flows/customer-support.json');
const leadGen = () => load('flows/lead-gen.json');

const start = (flowId: string, body: unknown) => rt!.post(`/api/v1/flows/${flowId}/conversations`, body);
/** Seconds since 1970 on the test runtime's clock, plus `s`. */
const inSeconds = (s: number) => Math.floor(rt!.clock.now / 1000) + s;
const claimsFor = (sub: string, variables: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ sub, aud: 'customer-support', exp: inSeconds(3600), variables, ...extra });
const parts = (token: string) => token.split('.');

describe('a signed identity token (identityToken)', () => {
  it('good signature: the signed variables are taken (cartValue makes a hot lead) and the inbox marks them verified', async () => {
    const ann = agent('ann');
    const art = await startAgentRuntime({ agents: [ann], flow: support(), config: { identity: { secret: SECRET } }, clockStart: Date.parse('2026-03-09T11:30:00Z') });
    rt = art;
    await art.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
    const token = signIdentityToken(claimsFor('cust-8841', { cartValue: 620, customerEmail: 'kim@example.org', customerName: 'Kim Lee' }), SECRET);
    const c = await start('customer-support', { identityToken: token, variables: { orderNumber: 'NW-104233' } });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    // The hot-lead rule (cartValue >= 500) hands the chat over at the first message: the signed value reached the engine.
    await art.post(`/api/v1/conversations/${c.body.conversationId}/messages`, { text: 'do you take paypal' }, auth(c.body.token));
    const list = (await art.get('/api/v1/agent/handoffs', tok(ann))).body.handoffs as Array<{ id: string; reason: string }>;
    expect(list).toHaveLength(1);
    expect(list[0].reason).toBe('hot_lead');
    const d = (await art.get(`/api/v1/agent/handoffs/${list[0].id}`, tok(ann))).body;
    expect(d.variables.cartValue).toBe(620);
    expect(d.visitor).toEqual({ subject: 'cust-8841', signed: { cartValue: 620, customerEmail: 'kim@example.org', customerName: 'Kim Lee' }, unsigned: { orderNumber: 'NW-104233' } });
  });

  it('the same facts also come through unchanged in variables/profile (equal values count as signed); a different value is a conflict', async () => {
    rt = await startTestRuntime({ flows: [support()], config: { identity: { secret: SECRET, unsigned: 'keep' } } });
    const token = signIdentityToken(claimsFor('cust-1', { cartValue: 620, customerEmail: 'kim@example.org' }), SECRET);
    const ok = await start('customer-support', { identityToken: token, variables: { cartValue: 620 }, profile: { email: 'kim@example.org' } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const clash = await start('customer-support', { identityToken: token, variables: { cartValue: 9999 } });
    expect(clash.status).toBe(400);
    expect(clash.body).toMatchObject({ error: 'identity_conflict', field: 'variables.cartValue' });
    expect(clash.body.message).toContain('9999 is not the value the identity token signs for "cartValue" (620)');
    const clashEmail = await start('customer-support', { identityToken: token, profile: { email: 'other@example.org' } });
    expect(clashEmail.body).toMatchObject({ error: 'identity_conflict', field: 'profile.email' });
  });

  it('wrong secret, tampered value, another visitor\'s signature: refused, naming identityToken and why', async () => {
    rt = await startTestRuntime({ flows: [support()], config: { identity: { secret: SECRET, unsigned: 'keep' } } });
    const wrong = await start('customer-support', { identityToken: signIdentityToken(claimsFor('cust-1', { cartValue: 620 }), OTHER_SECRET) });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: 'invalid_identity', field: 'identityToken' });
    expect(wrong.body.message).toContain('its signature does not match');

    // Tampered: the visitor edits the payload (cartValue 120 -> 99999) and keeps the signature.
    const honest = signIdentityToken(claimsFor('cust-2', { cartValue: 120 }), SECRET);
    const [h, p, s] = parts(honest);
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    claims.variables.cartValue = 99999;
    const tampered = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    const t = await start('customer-support', { identityToken: tampered });
    expect(t.status).toBe(400);
    expect(t.body.error).toBe('invalid_identity');
    expect(t.body.message).toContain('its signature does not match');

    // Replay: visitor B takes visitor A's signature (a big basket) and puts it on their own claims.
    const a = signIdentityToken(claimsFor('cust-A', { cartValue: 900, customerEmail: 'a@example.org' }), SECRET);
    const b = signIdentityToken(claimsFor('cust-B', { cartValue: 10, customerEmail: 'b@example.org' }), SECRET);
    const mine = claimsFor('cust-B', { cartValue: 900, customerEmail: 'b@example.org' });
    const grafted = `${parts(b)[0]}.${Buffer.from(JSON.stringify(mine)).toString('base64url')}.${parts(a)[2]}`;
    const g = await start('customer-support', { identityToken: grafted });
    expect(g.status).toBe(400);
    expect(g.body.message).toContain('its signature does not match');
    // The untouched tokens still work (the check is not refusing everything).
    expect((await start('customer-support', { identityToken: a })).status).toBe(201);
    expect((await start('customer-support', { identityToken: b })).status).toBe(201);
  });

  it('a token for another flow, an expired one, one not valid yet, one without exp or aud: refused', async () => {
    rt = await startTestRuntime({ flows: [support(), leadGen()], config: { identity: { secret: SECRET, unsigned: 'keep' } } });
    const forSupport = signIdentityToken(claimsFor('cust-1', { customerEmail: 'kim@example.org' }), SECRET);
    const other = await start('lead-gen', { identityToken: forSupport });
    expect(other.status).toBe(400);
    expect(other.body.message).toContain('it was made for "customer-support", not for this flow "lead-gen"');
    // A token for both flows ("aud" as a list) is taken by each.
    const both = signIdentityToken({ ...claimsFor('cust-1', { customerEmail: 'kim@example.org' }), aud: ['customer-support', 'lead-gen'] }, SECRET);
    expect((await start('lead-gen', { identityToken: both })).status).toBe(201);

    const expired = signIdentityToken(claimsFor('cust-1', {}, { exp: inSeconds(-120) }), SECRET);
    const e = await start('customer-support', { identityToken: expired });
    expect(e.body.error).toBe('invalid_identity');
    expect(e.body.message).toMatch(/it expired at 2026-\d\d-\d\dT/);
    // Within the 60 s clock leeway: taken.
    expect((await start('customer-support', { identityToken: signIdentityToken(claimsFor('cust-1', {}, { exp: inSeconds(-30) }), SECRET) })).status).toBe(201);
    const later = await start('customer-support', { identityToken: signIdentityToken(claimsFor('cust-1', {}, { nbf: inSeconds(600) }), SECRET) });
    expect(later.body.message).toContain('"nbf" says it is not valid before');
    const noExp = await start('customer-support', { identityToken: signIdentityToken({ sub: 'cust-1', aud: 'customer-support' }, SECRET) });
    expect(noExp.body.message).toContain('"exp" (when it stops being valid, in seconds since 1970) is required');
    const noAud = await start('customer-support', { identityToken: signIdentityToken({ sub: 'cust-1', exp: inSeconds(60) }, SECRET) });
    expect(noAud.body.message).toContain('"aud" must name the flow it is for ("aud": "customer-support"');
    const noSub = await start('customer-support', { identityToken: signIdentityToken({ aud: 'customer-support', exp: inSeconds(60) }, SECRET) });
    expect(noSub.body.message).toContain('"sub"');
  });

  it('hostile shapes: alg none / HS512, not a token, wrong types, huge values, extra fields, engine variables in the token', async () => {
    rt = await startTestRuntime({ flows: [support()], config: { identity: { secret: SECRET, unsigned: 'keep' } } });
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const claims = claimsFor('cust-1', { cartValue: 900 });
    const none = await start('customer-support', { identityToken: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.` });
    expect(none.body.error).toBe('invalid_identity');
    const noneSigned = await start('customer-support', { identityToken: `${b64({ alg: 'none' })}.${b64(claims)}.AAAA` });
    expect(noneSigned.body.message).toContain('only "HS256"');
    const hs512 = await start('customer-support', { identityToken: `${b64({ alg: 'HS512' })}.${b64(claims)}.${parts(signIdentityToken(claims, SECRET))[2]}` });
    expect(hs512.body.message).toContain('"alg": "HS512"; only "HS256"');
    const garbage = await start('customer-support', { identityToken: 'not a token' });
    expect(garbage.body.message).toContain('not a signed token');
    for (const bad of [123, { sub: 'x' }, ['a.b.c'], true]) {
      const r = await start('customer-support', { identityToken: bad });
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.field, JSON.stringify(bad)).toBe('body.identityToken');
    }
    const huge = await start('customer-support', { identityToken: 'a'.repeat(9000) });
    expect(huge.status).toBe(400);
    expect(huge.body.field).toBe('body.identityToken');
    const extra = await start('customer-support', { identity_token: signIdentityToken(claims, SECRET) });
    expect(extra.status).toBe(400);
    expect(extra.body.message).toContain('identity_token');
    const wrongType = await start('customer-support', { identityToken: signIdentityToken(claimsFor('cust-1', { cartValue: 'lots' }), SECRET) });
    expect(wrongType.body).toMatchObject({ error: 'invalid_variable', field: 'identityToken.variables.cartValue' });
    const hugeValue = await start('customer-support', { identityToken: signIdentityToken(claimsFor('cust-1', { orderNumber: 'x'.repeat(4001) }), SECRET) });
    expect(hugeValue.body.message).toContain('"variables"."orderNumber" must be a text (up to 4,000 characters)');
    const engine = await start('customer-support', { identityToken: signIdentityToken(claimsFor('cust-1', { handoffReason: 'Manager approved a refund' }), SECRET) });
    expect(engine.body).toMatchObject({ error: 'variable_not_settable', field: 'identityToken.variables.handoffReason' });
    const unknown = await start('customer-support', { identityToken: signIdentityToken(claimsFor('cust-1', { vip: true }), SECRET) });
    expect(unknown.body).toMatchObject({ error: 'unknown_variable', field: 'identityToken.variables.vip' });
    const badEmail = await start('customer-support', { identityToken: signIdentityToken(claimsFor('cust-1', { customerEmail: 'not-an-email' }), SECRET) });
    expect(badEmail.body).toMatchObject({ error: 'invalid_variable', field: 'identityToken.variables.customerEmail' });
    const proto = await start('customer-support', { identityToken: signIdentityToken({ ...claimsFor('cust-1', {}), variables: JSON.parse('{"__proto__": {"cartValue": 900}}') }, SECRET) });
    expect(proto.status).toBe(400);
    expect(proto.body.message).toContain('"__proto__", which is not a variable name');
  });
});

describe('unsigned details', () => {
  it('a variable the flow marks signed is refused unsigned; Question-asked details are kept as the visitor\'s word', async () => {
    rt = await startTestRuntime({ flows: [support()], config: { identity: { secret: SECRET, unsigned: 'keep' } } });
    const r = await start('customer-support', { variables: { cartValue: 900, orderNumber: 'NW-104233' }, profile: { name: 'Kim' } });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: 'signature_required', field: 'variables.cartValue' });
    expect(r.body.message).toContain('takes "cartValue" only from a signed identity token');
    // Without a secret on the server it is refused all the same (the flow says so).
    await rt.stop();
    rt = await startTestRuntime({ flows: [support()] });
    expect((await start('customer-support', { variables: { cartValue: 900 } })).body.error).toBe('signature_required');
    const kept = await start('customer-support', { variables: { orderNumber: 'NW-104233' }, profile: { name: 'Kim' } });
    expect(kept.status).toBe(201);
    // A token where the server has no secret: cannot be checked, said so.
    const t = await start('customer-support', { identityToken: signIdentityToken(claimsFor('cust-1', {}), SECRET) });
    expect(t.body).toMatchObject({ error: 'identity_not_configured', field: 'identityToken' });
    expect(t.body.message).toContain('BATON_IDENTITY_SECRET');
  });

  it('"unsigned": "refuse": every detail must be signed; a chat with none still starts', async () => {
    rt = await startTestRuntime({ flows: [support()], config: { identity: { secret: SECRET, unsigned: 'refuse' } } });
    const r = await start('customer-support', { profile: { name: 'Kim' } });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: 'signature_required', field: 'profile.name' });
    expect(r.body.message).toContain('"identity": {"unsigned": "refuse"}');
    expect((await start('customer-support', {})).status).toBe(201);
    const signed = await start('customer-support', { identityToken: signIdentityToken(claimsFor('cust-1', { customerName: 'Kim', orderNumber: 'NW-104233' }), SECRET) });
    expect(signed.status).toBe(201);
  });

  it('the secret can come from BATON_IDENTITY_SECRET; a short one stops the server with a sentence', async () => {
    rt = await startTestRuntime({ flows: [support()], env: { BATON_IDENTITY_SECRET: SECRET } });
    expect((await start('customer-support', { identityToken: signIdentityToken(claimsFor('cust-1', { cartValue: 10 }), SECRET) })).status).toBe(201);
    await rt.stop();
    rt = null;
    await expect(startTestRuntime({ flows: [support()], env: { BATON_IDENTITY_SECRET: 'short' } })).rejects.toThrow('BATON_IDENTITY_SECRET: use at least 32 characters');
  });

  it('a previous secret is still taken while a site switches (rotation)', async () => {
    rt = await startTestRuntime({ flows: [support()], config: { identity: { secret: SECRET, previousSecret: OTHER_SECRET, unsigned: 'keep' } } });
    expect((await start('customer-support', { identityToken: signIdentityToken(claimsFor('cust-1', {}), OTHER_SECRET) })).status).toBe(201);
    expect((await start('customer-support', { identityToken: signIdentityToken(claimsFor('cust-1', {}), SECRET) })).status).toBe(201);
  });
});

describe('the visitor facts last', () => {
  it('survive a restart of the server (stored with the conversation)', async () => {
    const ann = agent('ann');
    const dir = mkdtempSync(join(tmpdir(), 'baton-apisec2-restart-'));
    const first = await startAgentRuntime({ agents: [ann], flow: support(), dir, config: { identity: { secret: SECRET } }, clockStart: Date.parse('2026-03-09T11:30:00Z') });
    rt = first;
    await first.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
    const c = await start('customer-support', { identityToken: signIdentityToken(claimsFor('cust-9', { cartValue: 750, customerEmail: 'nine@example.org' }), SECRET) });
    expect(c.status).toBe(201);
    const rep = await first.post(`/api/v1/conversations/${c.body.conversationId}/messages`, { text: 'do you take paypal' }, auth(c.body.token));
    expect(rep.body.handoff.reason).toBe('hot_lead');
    const clock = first.clock.now;
    await stopAgentRuntimes();
    rt = null;
    const again = await startAgentRuntime({ agents: [ann], flow: support(), dir, config: { identity: { secret: SECRET } }, clockStart: clock });
    await again.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
    const d = (await again.get(`/api/v1/agent/handoffs/${encodeURIComponent(rep.body.handoff.id)}`, tok(ann))).body;
    expect(d.visitor).toEqual({ subject: 'cust-9', signed: { cartValue: 750, customerEmail: 'nine@example.org' }, unsigned: {} });
    await stopAgentRuntimes();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the API documents it', () => {
  it('/openapi.json describes identityToken from the same zod schema that checks it', async () => {
    rt = await startTestRuntime({ flows: [support()] });
    const doc = (await rt.get('/openapi.json')).body;
    const body = doc.paths['/api/v1/flows/{flowId}/conversations'].post.requestBody.content['application/json'].schema;
    const token = body.properties?.identityToken ?? body.anyOf?.find((s: { properties?: unknown }) => s.properties)?.properties?.identityToken;
    expect(token.type).toBe('string');
    expect(token.maxLength).toBe(8000);
    expect(token.description).toContain('Signed identity');
    expect(token.description).toContain('signature_required');
    expect((body.properties?.variables ?? body.anyOf?.find((x: { properties?: unknown }) => x.properties)?.properties?.variables).description).toContain('signature_required');
  });

  it("the docs name every field of the start call's body (the same zod schema)", async () => {
    const { createConversationBody } = await import('../../runtime/server/schemas');
    type Z = { shape?: Record<string, unknown>; unwrap?: () => Z };
    let inner = createConversationBody as unknown as Z;
    while (!inner.shape && inner.unwrap) inner = inner.unwrap();
    const fields = Object.keys(inner.shape!);
    expect(fields).toEqual(['variables', 'profile', 'identityToken']);
    const runtimeDoc = readFileSync('docs/runtime.md', 'utf8');
    const row = runtimeDoc.split('\n').find((l) => l.startsWith('| `POST /api/v1/flows/:flowId/conversations`'))!;
    for (const f of fields) expect(row, f).toContain(f);
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain('`"identityToken"`');
    expect(readme).toContain('data-identity-token');
  });
});
