/**
 * Session 49 (lead, hostile s49 M1, L8): a signed identity token without "jti" started 4 verified chats, not 1: the last
 * base64url letter of its 32-byte signature carries 2 bits the decoder drops, so 3 other spellings verified and the
 * single use was keyed on the signature's text. And "exp" of any size was taken (1e308: an end of Infinity; 1e16: a
 * 500 from Redis). Now only the canonical spelling verifies, the use is keyed on the digest, and exp is at most a year.
 */
import { describe, expect, it } from 'vitest';
import { signIdentityToken, verifyIdentityToken } from '../../../runtime/server/identityToken';
import { envToken, rasaAccessOf } from '../../../runtime/serve/startRuntime';
import { serveConfigSchema } from '../../../runtime/serve/config';

const SECRET = 'a-long-enough-identity-secret-for-tests';
const NOW = Date.parse('2026-12-07T12:00:00Z');
const claims = (extra: Record<string, unknown> = {}) => ({ sub: 'cust-1', aud: 'shop', exp: Math.floor(NOW / 1000) + 3600, ...extra });
const check = (token: string) => verifyIdentityToken(token, { secrets: [SECRET], flowId: 'shop', now: NOW });
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The 3 other spellings of the signature's last letter that decode to the same bytes. */
function respellings(token: string): string[] {
  const last = token[token.length - 1]!;
  const i = B64.indexOf(last);
  const group = B64.slice(i - (i % 4), i - (i % 4) + 4);
  return [...group].filter((c) => c !== last).map((c) => token.slice(0, -1) + c);
}

describe('hostile s49 M1: one signature, one spelling', () => {
  it('the token as signed verifies; the other spellings of its last letter do not', () => {
    const token = signIdentityToken(claims(), SECRET);
    expect(check(token).ok).toBe(true);
    const others = respellings(token);
    expect(others).toHaveLength(3);
    for (const t of others) {
      const r = check(t);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.why).toMatch(/not canonical base64url/);
    }
  });

  it('a token without jti and one with jti keep distinct single-use keys per token', () => {
    const a = check(signIdentityToken(claims(), SECRET));
    const b = check(signIdentityToken(claims({ exp: Math.floor(NOW / 1000) + 3601 }), SECRET));
    const c = check(signIdentityToken(claims({ jti: 'view-1' }), SECRET));
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (a.ok && b.ok && c.ok) expect(new Set([a.identity.useKey, b.identity.useKey, c.identity.useKey]).size).toBe(3);
  });
});

describe('hostile s49 L8: exp at most a year ahead', () => {
  for (const exp of [1e16, 1e308, Math.floor(NOW / 1000) + 400 * 24 * 3600]) {
    it(`exp ${exp} is refused with what to do`, () => {
      const r = check(signIdentityToken(claims({ exp }), SECRET));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.why).toMatch(/more than a year ahead/);
    });
  }
  it('a token valid for 30 days is taken', () => {
    expect(check(signIdentityToken(claims({ exp: Math.floor(NOW / 1000) + 30 * 24 * 3600 }), SECRET)).ok).toBe(true);
  });
});

describe('hostile s49 M9: tokens from the environment follow the config file\'s 16-character rule', () => {
  it('BATON_RASA_TOKEN=a does not open the Rasa channel: baton serve refuses to start, saying what to do', () => {
    expect(() => rasaAccessOf(serveConfigSchema.parse({}), { BATON_RASA_TOKEN: 'a' })).toThrow(/BATON_RASA_TOKEN is 1 character long: use at least 16/);
  });
  for (const name of ['BATON_ADMIN_TOKEN', 'BATON_METRICS_TOKEN'] as const) {
    it(`${name} of 15 characters is refused, 16 taken, empty is unset`, () => {
      expect(() => envToken({ [name]: 'x'.repeat(15) }, name)).toThrow(new RegExp(`${name} is 15 characters long`));
      expect(envToken({ [name]: 'x'.repeat(16) }, name)).toBe('x'.repeat(16));
      expect(envToken({ [name]: '' }, name)).toBeUndefined();
    });
  }
  it('a long BATON_RASA_TOKEN still turns the channel on', () => {
    expect(rasaAccessOf(serveConfigSchema.parse({}), { BATON_RASA_TOKEN: 'rasa-token-0123456789' })).toEqual({ mode: 'token', token: 'rasa-token-0123456789' });
  });
});
