/**
 * The JSON body parser of `baton serve` (every Fastify route and the lean customer route): Fastify's own parser with
 * its prototype-poisoning checks (a `__proto__` key, or a `constructor` key holding a `prototype`, is refused), and a
 * true answer when it refuses one (hostile s6): not "The body is not valid JSON" (it is valid JSON) but a 400
 * `forbidden_key` naming the key, where it is, and why. Only the refused body is walked again (the error path).
 */
import { ApiError } from './conversationService';

type Done = (err: Error | null, value?: unknown) => void;
export type JsonParser = (req: unknown, body: string, done: Done) => void;

/** Where the first refused key is in `text` (`body.profile.__proto__`), or null when none is found. */
export function forbiddenKeyPath(text: string): { key: '__proto__' | 'constructor'; path: string } | null {
  let value: unknown;
  try {
    // Plain JSON.parse makes "__proto__" an own property (no prototype is changed): safe to walk.
    value = JSON.parse(text);
  } catch {
    return null;
  }
  // Breadth first (the shallowest key is named), linear in the body: a read index instead of shift() (quadratic:
  // hostile s7, a 62 KB array body cost up to 1 s of the main thread), only objects and arrays queued, and the path
  // built only for the key found (from each node's parent link).
  const nodes: Array<{ v: object; parent: number; key: string }> = [];
  if (value !== null && typeof value === 'object') nodes.push({ v: value, parent: -1, key: '' });
  const pathOf = (i: number, last: string) => {
    const parts = [last];
    for (let j = i; j > 0; j = nodes[j].parent) parts.push(nodes[j].key);
    return 'body' + parts.reverse().join('');
  };
  for (let i = 0; i < nodes.length; i++) {
    const v = nodes[i].v;
    if (Array.isArray(v)) {
      for (let k = 0; k < v.length; k++) {
        const x: unknown = v[k];
        if (x !== null && typeof x === 'object') nodes.push({ v: x, parent: i, key: `[${k}]` });
      }
      continue;
    }
    if (Object.prototype.hasOwnProperty.call(v, '__proto__')) return { key: '__proto__', path: pathOf(i, '.__proto__') };
    const c = (v as Record<string, unknown>).constructor;
    if (Object.prototype.hasOwnProperty.call(v, 'constructor') && c !== null && typeof c === 'object' && Object.prototype.hasOwnProperty.call(c, 'prototype')) {
      return { key: 'constructor', path: pathOf(i, '.constructor') };
    }
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== null && typeof x === 'object') nodes.push({ v: x, parent: i, key: `.${k}` });
    }
  }
  return null;
}

/**
 * The 400 for a body the parser refused for a prototype key; other errors unchanged. Fastify's parser says only
 * "Body is not valid JSON" for both cases, so a refused body is read again with plain JSON.parse: valid JSON with
 * a refused key is this case, anything else was really broken.
 */
export function explainJsonError(err: Error, text: string): Error {
  const found = forbiddenKeyPath(text);
  if (!found) return err;
  const what = found.key === '__proto__' ? 'a "__proto__" key' : 'a "constructor" key holding a "prototype"';
  return new ApiError(
    400,
    'forbidden_key',
    `${found.path}: the body has ${what}, which this server refuses: such keys can change how every object in the server behaves (prototype pollution), and no Baton field uses them. Remove or rename that key and send again; nothing was applied.`,
    found.path,
  );
}

/** Wraps Fastify's JSON parser (app.getDefaultJsonParser('error', 'error')) with the answer above. */
export function withForbiddenKeyAnswer(base: JsonParser): JsonParser {
  return (req, body, done) => base(req, body, (err, value) => (err ? done(explainJsonError(err, body)) : done(null, value)));
}
