/**
 * A stable revision id for a flow's LOGIC: the same blocks, edges, variables, settings and policy give the
 * same revision whatever the key order or layout (positions, sizes, sticky notes and groups are ignored).
 * A conversation's state records the revision it last ran on, so a runtime can pin a conversation to it and
 * the engine can notice a redeploy.
 *
 * The hash is two 32-bit lanes over a canonical JSON text (64 bits, hex; shared/flow/canonicalHash.ts, also used by
 * the studio's kept-undo fingerprint): not cryptographic, enough to tell revisions apart. Pure: no Node crypto, so
 * the browser studio computes the same value.
 */
import { canonicalJson, hashLanes } from '../flow/canonicalHash';
import type { Flow } from '../flow/schema';

/** Keys that are layout, not logic. */
const LAYOUT_KEYS: ReadonlySet<string> = new Set(['position', 'size', 'width', 'height', 'notes', 'groups', 'stickyNotes', 'viewport', 'collapsed']);

const cache = new WeakMap<object, string>();

export function flowRevision(flow: Flow): string {
  const hit = cache.get(flow);
  if (hit !== undefined) return hit;
  const [a, b] = hashLanes(canonicalJson(flow, LAYOUT_KEYS), 15);
  const rev = a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
  cache.set(flow, rev);
  return rev;
}
