/**
 * Secrets never live in a flow file or in the engine's state: an HTTP block's url, headers or body, or a
 * notify block's targets, may say `{{secrets.NAME}}`; the engine leaves that placeholder verbatim in the
 * effect and lists NAME in `secretRefs`. Only the runtime fills them, just before carrying the effect out,
 * from its own config or environment, with `fillSecrets` (pure: the lookup is passed in). Each value is
 * escaped for where it lands, like a variable: percent-encoded in a URL, JSON-escaped in a JSON body,
 * without line breaks in a header.
 */
import type { Effect } from './types';
import { encodeUrlValue, stripControl } from '../flow/template';

const SECRET = /\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g;

export type SecretLookup = (name: string) => string | undefined;

export type FillResult<E extends Effect> = { ok: true; effect: E } | { ok: false; missing: string[] };

function fill(text: string, lookup: SecretLookup, escape: (v: string) => string, missing: string[]): string {
  if (!text.includes('{{')) return text;
  return text.replace(SECRET, (_m, name: string) => {
    const v = lookup(name);
    if (v === undefined) {
      if (!missing.includes(name)) missing.push(name);
      return '';
    }
    return escape(v);
  });
}

/** JSON-escapes a value placed inside a JSON string (the engine quotes a placeholder that stood outside one). */
const jsonInString = (v: string) => JSON.stringify(v).slice(1, -1);

/**
 * The effect with its `{{secrets.NAME}}` placeholders filled; `missing` names the secrets the lookup did
 * not have (the runtime should then fail the request, taking the block's error exit, and log the names).
 */
export function fillSecrets<E extends Effect>(effect: E, lookup: SecretLookup): FillResult<E> {
  if (effect.type !== 'http_request' && effect.type !== 'notify') return { ok: true, effect };
  if (effect.secretRefs.length === 0) return { ok: true, effect };
  const missing: string[] = [];
  if (effect.type === 'http_request') {
    const url = fill(effect.url, lookup, encodeUrlValue, missing);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(effect.headers)) headers[k] = fill(v, lookup, stripControl, missing);
    const filled = {
      ...effect,
      url,
      headers,
      body: fill(effect.body, lookup, effect.bodyFormat === 'json' ? jsonInString : effect.bodyFormat === 'form' ? encodeURIComponent : (v) => v, missing),
    };
    return missing.length ? { ok: false, missing } : { ok: true, effect: filled };
  }
  const filled = { ...effect, to: effect.to.map((t) => fill(t, lookup, (v) => v, missing)) };
  return missing.length ? { ok: false, missing } : { ok: true, effect: filled };
}
