/**
 * Session 47 (apisec2): signed identity. A team's website signs what it knows about a signed-in visitor with a secret
 * only its server and `baton serve` hold (`identity.secret` in --config, or BATON_IDENTITY_SECRET), and the page passes
 * the result as `identityToken` when the chat starts (the widget's data-identity-token / Baton.identify). The runtime
 * checks it here; the values inside are then marked verified (the inbox says so) and may set variables the flow
 * marks `signed`.
 *
 * The token is a JSON Web Token signed with HMAC-SHA256 (RFC 7519 / 7515, "HS256"), as Intercom's identity verification
 * with JWT does, so any JWT library can make it, and so can 6 lines of node:crypto (README, docs/runtime.md "Signed
 * identity"):
 *   header  {"alg":"HS256","typ":"JWT"}                       (alg must be HS256; anything else is refused)
 *   payload {"sub": "<the site's id of the visitor>",          (required, 1-200 characters)
 *            "aud": "<flow id>" or ["<flow id>", ...],         (required: a token for another flow is refused)
 *            "exp": <seconds since 1970>,                      (required: refused once past, 60 s of clock leeway)
 *            "variables": {"plan": "pro", "customerEmail": "ana@example.com", ...}}   (optional, the signed facts)
 *   token = base64url(header) + "." + base64url(payload) + "." + base64url(HMAC-SHA256(secret, the first two parts))
 * Other claims (iat, nbf, iss, jti) are allowed; nbf, when given, is honoured.
 *
 * The signature is compared in constant time (crypto.timingSafeEqual on the 32-byte digests). Nothing here is parsed
 * before the signature holds, except the header's alg. The token is a credential for these facts, so a site puts it
 * only in pages it shows to that signed-in visitor and keeps `exp` short (minutes to hours). Session 48 (apisec3): a
 * token starts one chat (`useKey`: its `jti`, or its signature; conversationService.create claims it in the store until
 * the token expires), so a copied token is no longer that visitor until `exp`.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type SignedValue = string | number | boolean | null;

export interface VerifiedIdentity {
  /** The site's identifier of the visitor (`sub`). */
  subject: string;
  /** The signed facts (`variables`), by variable name. */
  variables: Record<string, SignedValue>;
  /** When the token stops being accepted (ms since epoch). */
  expiresAt: number;
  /**
   * Session 48 (apisec3): what makes this token one token, for the single-use check (a token starts one chat): a hash
   * of `sub` and the token's `jti` when it has one, else of its signature (the same claims signed again are the same
   * token).
   */
  useKey: string;
}

export type IdentityCheck = { ok: true; identity: VerifiedIdentity } | { ok: false; why: string };

/** The longest token taken (the API's schema refuses longer ones first). */
export const MAX_IDENTITY_TOKEN_CHARS = 8000;
/** Clock difference allowed between the site's server and this one. */
export const IDENTITY_CLOCK_LEEWAY_MS = 60_000;
const MAX_SIGNED_VARIABLES = 50;

const B64URL = /^[A-Za-z0-9_-]*$/;

function jsonPart(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The longest an identity token may be valid for (its "exp" from now). */
const MAX_IDENTITY_LIFETIME_MS = 366 * 24 * 3600 * 1000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Session 50 (rt5, hostile s50 L1): a claim's time in words. "exp": -1e308 or "nbf": 1e308 made new Date(...).toISOString()
 * throw (RangeError: Invalid time value) while the refusal was written, and the chat start answered 500 instead of 400.
 */
function timeWords(seconds: number): string {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? `${seconds} (seconds since 1970, outside any date)` : d.toISOString();
}

/**
 * Session 50 (rt5, hostile s50 L6): why `secret` cannot sign identity tokens, or null. At least 32 characters (as
 * before), and not guessable by its shape: 32 spaces or one letter 32 times passed the length rule, and anyone could
 * then sign "verified" details. At least 8 different characters besides spaces (a random secret of 32 base64 or hex
 * characters has about 12 to 25).
 */
export function weakSecretProblem(secret: string): string | null {
  if (secret.length < 32) return 'use at least 32 characters (e.g. openssl rand -base64 48)';
  const distinct = new Set(secret.replace(/\s/g, '')).size;
  if (distinct < 8) {
    return `it has ${distinct === 0 ? 'nothing but spaces' : `only ${distinct} different character${distinct === 1 ? '' : 's'} besides spaces`}, so it can be guessed; use a random one (e.g. openssl rand -base64 48)`;
  }
  return null;
}

/** What the single-use key knows of the secret that verified a token: not the secret, a digest made with it. */
function secretMark(secret: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update('baton identity use key').digest('base64url');
}

/** Checks `token` against `secrets` (the current one first; any may match) for `flowId` at `now`. */
export function verifyIdentityToken(token: string, opts: { secrets: readonly string[]; flowId: string; now: number }): IdentityCheck {
  if (token.length > MAX_IDENTITY_TOKEN_CHARS) return { ok: false, why: `it is longer than ${MAX_IDENTITY_TOKEN_CHARS.toLocaleString('en-US')} characters` };
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => p === '' || !B64URL.test(p))) {
    return { ok: false, why: 'it is not a signed token: expected three base64url parts joined by "." (header.payload.signature), as a JWT library makes' };
  }
  const [h, p, sig] = parts;
  const header = jsonPart(h);
  if (!isObject(header)) return { ok: false, why: 'its header (the first part) is not base64url-encoded JSON' };
  if (header.alg !== 'HS256') {
    return { ok: false, why: `its header says "alg": ${JSON.stringify(header.alg ?? null)}; only "HS256" (HMAC-SHA256 with the identity secret) is taken` };
  }
  if (header.crit !== undefined) return { ok: false, why: 'its header has "crit" extensions, which Baton does not understand' };
  const given = Buffer.from(sig, 'base64url');
  // Session 49 (lead, hostile s49 M1): the last base64url letter of a 32-byte signature carries 2 bits the decoder drops,
  // so 4 spellings of one signature verified, and a token without "jti" (its use keyed on the signature's text) started
  // 4 chats. Only the canonical spelling (what a JWT library writes) is taken, and the use is keyed on the digest.
  if (given.toString('base64url') !== sig) {
    return { ok: false, why: 'its signature (the third part) is not canonical base64url: it was changed after signing (a JWT library writes it canonically)' };
  }
  const signed = `${h}.${p}`;
  let match: string | null = null;
  for (const secret of opts.secrets) {
    const want = createHmac('sha256', Buffer.from(secret, 'utf8')).update(signed, 'utf8').digest();
    // Same length first (timingSafeEqual throws otherwise); a digest of another length cannot match anyway.
    if (given.length === want.length && timingSafeEqual(given, want)) match ??= secret;
  }
  if (match === null) {
    return { ok: false, why: 'its signature does not match: it was not made with this server\'s identity secret, or the header or payload was changed after signing' };
  }
  const claims = jsonPart(p);
  if (!isObject(claims)) return { ok: false, why: 'its payload (the second part) is not a JSON object' };
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub.trim() === '' || sub.length > 200) {
    return { ok: false, why: '"sub" (the site\'s id of the visitor) must be a text of 1 to 200 characters' };
  }
  const aud = claims.aud;
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) && aud.every((a) => typeof a === 'string') ? (aud as string[]) : null;
  if (!audiences || audiences.length === 0) {
    return { ok: false, why: `"aud" must name the flow it is for ("aud": "${opts.flowId}", or a list of flow ids)` };
  }
  if (!audiences.includes(opts.flowId)) {
    return { ok: false, why: `it was made for ${audiences.map((a) => `"${a.slice(0, 200)}"`).join(', ')}, not for this flow "${opts.flowId}"` };
  }
  const exp = claims.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    return { ok: false, why: '"exp" (when it stops being valid, in seconds since 1970) is required, e.g. Math.floor(Date.now() / 1000) + 3600' };
  }
  // Session 49 (lead, hostile s49 L8 and its exp 1e308): a token valid for ever; its end (Infinity, or past what Redis
  // takes as an expiry) answered 500 with --redis. Tokens are made when the page is shown: at most a year is taken.
  if (exp * 1000 > opts.now + MAX_IDENTITY_LIFETIME_MS) {
    return { ok: false, why: `"exp" is more than a year ahead (${exp}); make tokens that last minutes to hours, e.g. Math.floor(Date.now() / 1000) + 3600` };
  }
  if (exp * 1000 + IDENTITY_CLOCK_LEEWAY_MS <= opts.now) {
    return { ok: false, why: `it expired at ${timeWords(exp)}; make a new one when the page is shown` };
  }
  const nbf = claims.nbf;
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf * 1000 - IDENTITY_CLOCK_LEEWAY_MS > opts.now)) {
    return { ok: false, why: `"nbf" says it is not valid before ${typeof nbf === 'number' ? timeWords(nbf) : 'an unreadable time'}` };
  }
  const vars = claims.variables;
  const variables: Record<string, SignedValue> = {};
  if (vars !== undefined) {
    if (!isObject(vars)) return { ok: false, why: '"variables" must be an object such as {"plan": "pro"}' };
    const names = Object.keys(vars);
    if (names.length > MAX_SIGNED_VARIABLES) return { ok: false, why: `"variables" has ${names.length} entries; at most ${MAX_SIGNED_VARIABLES} are taken` };
    for (const name of names) {
      if (name === '__proto__' || name === 'constructor' || name === 'prototype') return { ok: false, why: `"variables" names "${name}", which is not a variable name` };
      const v = vars[name];
      const ok = name.length > 0 && name.length <= 100 && (v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= 4000));
      if (!ok) return { ok: false, why: `"variables"."${name.slice(0, 100)}" must be a text (up to 4,000 characters), a number, true, false or null` };
      variables[name] = v as SignedValue;
    }
  }
  const jti = claims.jti;
  if (jti !== undefined && (typeof jti !== 'string' || jti.trim() === '' || jti.length > 200)) {
    return { ok: false, why: '"jti" (the token\'s own id, so it is used once) must be a text of 1 to 200 characters' };
  }
  // Session 50 (rt5, hostile s50 M6): keyed on the secret that verified it too. With a secret per flow (two websites),
  // one site's token used up the other's when their visitor ids and jti schemes met ("u1" / "j1"), and one site's owner
  // could burn the other's predictable pairs. Flows sharing a secret share the site's jti space, as before.
  const useKey = createHash('sha256').update(`${secretMark(match)}\n${sub}\n${typeof jti === 'string' ? `jti:${jti}` : `sig:${given.toString('hex')}`}`).digest('base64url');
  return { ok: true, identity: { subject: sub, variables, expiresAt: exp * 1000, useKey } };
}

/** Makes a token (tests, and the recipe's reference): what a team's server does with its secret. */
export function signIdentityToken(claims: Record<string, unknown>, secret: string): string {
  const h = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const p = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const s = createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
  return `${h}.${p}.${s}`;
}
