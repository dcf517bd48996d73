/**
 * Who the visitor is, as the host page says it (newcomer s9 #20): `data-variables='{"cartValue":620}'`, `data-email`,
 * `data-name`, `data-identity-token` (session 47: signed by the site's server) on the loader's script tag, or
 * `window.Baton.identify({...})` before the chat starts. The loader passes
 * it to the frame (its #baton= hash, or a {baton: 'identify'} message); the widget sends it with the create call as
 * `variables` / `profile` (runtime/server/schemas.ts createConversationBody). Anything that does not fit is dropped
 * with a console warning saying which field and why: a page's mistake never breaks the chat.
 */

export type VariableValue = string | number | boolean | null;
export interface Identity {
  variables?: Record<string, VariableValue>;
  profile?: { name?: string; email?: string; phone?: string };
  /**
   * Session 47 (apisec2): the signed identity token the site's server made (data-identity-token, identify({identityToken})):
   * sent as is; the runtime checks it (docs/runtime.md "Signed identity").
   */
  identityToken?: string;
}

/** A JWT's shape (three base64url parts); the runtime checks the rest. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const MAX_TOKEN_CHARS = 8000;

const MAX_VARIABLES = 50;

/** A usable Identity from untrusted input (a hash, a message); problems go to `warn`, one line each. */
export function cleanIdentity(raw: unknown, warn: (msg: string) => void = (m) => console.warn(m)): Identity | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warn('Baton chat widget: identify() takes an object such as {email: "ana@example.com", name: "Ana", variables: {cartValue: 620}}; ignored.');
    return undefined;
  }
  const r = raw as { variables?: unknown; profile?: unknown; email?: unknown; name?: unknown; phone?: unknown; identityToken?: unknown };
  const out: Identity = {};
  const t = r.identityToken;
  if (t !== undefined && t !== null && t !== '') {
    if (typeof t === 'string' && t.length <= MAX_TOKEN_CHARS && TOKEN_SHAPE.test(t.trim())) out.identityToken = t.trim();
    else warn('Baton chat widget: identityToken must be the signed token your server made (three base64url parts joined by "."); ignored, the chat starts without it.');
  }
  const vars = r.variables;
  if (vars !== undefined && vars !== null) {
    if (typeof vars !== 'object' || Array.isArray(vars)) warn('Baton chat widget: variables must be an object such as {"cartValue": 620}; ignored.');
    else {
      const kept: Record<string, VariableValue> = {};
      for (const [k, v] of Object.entries(vars as Record<string, unknown>)) {
        if (Object.keys(kept).length >= MAX_VARIABLES) {
          warn(`Baton chat widget: more than ${MAX_VARIABLES} variables; "${k}" and the rest are ignored.`);
          break;
        }
        const ok = k.length > 0 && k.length <= 100 && (v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= 4000));
        if (ok) kept[k] = v as VariableValue;
        else warn(`Baton chat widget: variable "${k.slice(0, 100)}" must be a text (up to 4,000 characters), a number, true/false or null; ignored.`);
      }
      if (Object.keys(kept).length) out.variables = kept;
    }
  }
  const p = (r.profile && typeof r.profile === 'object' ? r.profile : {}) as { name?: unknown; email?: unknown; phone?: unknown };
  const profile: NonNullable<Identity['profile']> = {};
  const field = (name: 'name' | 'email' | 'phone', max: number, check?: (s: string) => boolean) => {
    const v = p[name] ?? r[name];
    if (v === undefined || v === null || v === '') return;
    if (typeof v !== 'string' || v.length > max || (check && !check(v.trim()))) {
      warn(`Baton chat widget: ${name} ${name === 'email' ? 'must be one email address such as ana@example.com' : `must be a text of up to ${max} characters`}; ignored (the chat asks for it if the flow needs it).`);
      return;
    }
    profile[name] = v.trim();
  };
  field('name', 200);
  field('email', 320, (s) => /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/.test(s));
  field('phone', 50);
  if (Object.keys(profile).length) out.profile = profile;
  return out.variables || out.profile || out.identityToken ? out : undefined;
}

/** The identity the loader put in the frame's hash (`#baton=<encoded JSON>`), or undefined. */
export function identityFromHash(hash: string, warn?: (msg: string) => void): Identity | undefined {
  const m = /(?:^#|&)baton=([^&]*)/.exec(hash);
  if (!m) return undefined;
  try {
    return cleanIdentity(JSON.parse(decodeURIComponent(m[1])), warn);
  } catch {
    (warn ?? ((x: string) => console.warn(x)))('Baton chat widget: the visitor details passed by the page could not be read; the chat starts without them.');
    return undefined;
  }
}
