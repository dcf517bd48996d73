/**
 * A stable revision id for a flow's LOGIC: the same blocks, edges, variables, settings and policy give the
 * same revision whatever the key order or layout (positions, sizes, sticky notes and groups are ignored).
 * A conversation's state records the revision it last ran on, so a runtime can pin a conversation to it and
 * the engine can notice a redeploy.
 *
 * The hash is two 32-bit FNV-1a lanes over a canonical JSON text (64 bits, hex): not cryptographic, enough
 * to tell revisions apart. Pure: no Node crypto, so the browser studio computes the same value.
 */
import type { Flow } from '../flow/schema';

/** Keys that are layout, not logic. */
const LAYOUT_KEYS = new Set(['position', 'size', 'width', 'height', 'notes', 'groups', 'stickyNotes', 'viewport', 'collapsed']);

function canonical(value: unknown, out: string[]): void {
  if (value === null || typeof value !== 'object') {
    out.push(value === undefined ? 'null' : JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    out.push('[');
    value.forEach((v, i) => {
      if (i) out.push(',');
      canonical(v, out);
    });
    out.push(']');
    return;
  }
  const keys = Object.keys(value as Record<string, unknown>)
    .filter((k) => !LAYOUT_KEYS.has(k) && (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  out.push('{');
  keys.forEach((k, i) => {
    if (i) out.push(',');
    out.push(JSON.stringify(k), ':');
    canonical((value as Record<string, unknown>)[k], out);
  });
  out.push('}');
}

const cache = new WeakMap<object, string>();

export function flowRevision(flow: Flow): string {
  const hit = cache.get(flow);
  if (hit !== undefined) return hit;
  const parts: string[] = [];
  canonical(flow, parts);
  const text = parts.join('');
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  const rev = (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
  cache.set(flow, rev);
  return rev;
}
