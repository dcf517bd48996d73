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
  /**
   * Session 49 (apisec4): the page gave identityToken as a function (identify({identityToken: async () => ...})): the
   * loader keeps it and the frame asks the page for a fresh token each time it starts a chat (a token starts one chat).
   * Never sent to the server (the widget replaces it with the token it got).
   */
  identityTokenProvider?: true;
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
  const r = raw as { variables?: unknown; profile?: unknown; email?: unknown; name?: unknown; phone?: unknown; identityToken?: unknown; identityTokenProvider?: unknown };
  const out: Identity = {};
  if (r.identityTokenProvider === true) out.identityTokenProvider = true;
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
  return out.variables || out.profile || out.identityToken || out.identityTokenProvider ? out : undefined;
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

/** How long the widget waits for the page's identityToken function before starting the chat without a token. */
export const PAGE_TOKEN_WAIT_MS = 10_000;
const TOKEN_SHAPE_OK = (t: unknown): t is string => typeof t === 'string' && t.length <= MAX_TOKEN_CHARS && TOKEN_SHAPE.test(t.trim());

/**
 * Session 49 (apisec4): asks the embedding page (the loader) for a fresh signed token, as the widget starts a chat.
 * Resolves to the token, or null (with a console warning saying why) when the page's function failed, gave something
 * that is not a token, or did not answer within `waitMs`: the chat then starts without it (unverified), as for a
 * refused token. Only an answer from the embedding page (`accept`) with this request's number counts.
 */
type MessageLike = { data: unknown };
export function askPageForToken<E extends MessageLike>(o: {
  post: (msg: unknown) => void;
  accept: (e: E) => boolean;
  /** Where the answer arrives: the frame's window. */
  target: { addEventListener(type: 'message', l: (e: E) => void): void; removeEventListener(type: 'message', l: (e: E) => void): void };
  waitMs?: number;
  warn?: (msg: string) => void;
}): Promise<string | null> {
  const target = o.target;
  const warn = o.warn ?? ((m: string) => console.warn(m));
  const request = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  return new Promise((resolve) => {
    let done = false;
    const finish = (token: string | null, why?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      target.removeEventListener('message', onMsg);
      if (token === null) warn(`Baton chat widget: no fresh identity token from the page (${why}); the chat starts without one (the visitor's details are unverified).`);
      resolve(token === null ? null : token.trim());
    };
    const onMsg = (e: E) => {
      const d = e.data as { baton?: unknown; request?: unknown; identityToken?: unknown; error?: unknown } | null;
      if (!d || d.baton !== 'identityToken' || d.request !== request || !o.accept(e)) return;
      if (TOKEN_SHAPE_OK(d.identityToken)) finish(d.identityToken);
      else finish(null, typeof d.error === 'string' ? d.error.slice(0, 300) : 'what it gave is not a signed token (three base64url parts joined by ".")');
    };
    const timer = setTimeout(() => finish(null, `it did not answer within ${Math.round((o.waitMs ?? PAGE_TOKEN_WAIT_MS) / 1000)} s`), o.waitMs ?? PAGE_TOKEN_WAIT_MS);
    target.addEventListener('message', onMsg);
    o.post({ baton: 'identityToken', request });
  });
}
