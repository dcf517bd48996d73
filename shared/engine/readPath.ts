/**
 * Reads a dotted path ("order.status", "items.0.name", "items[0].name") from a parsed JSON reply.
 * Returns undefined when any step is missing, so a mapping never throws on an unexpected reply.
 */
export function readPath(root: unknown, path: string): unknown {
  if (path.trim() === '') return root;
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.').filter((p) => p !== '');
  let cur: unknown = root;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    // Own properties only: a mapping path like "__proto__" or "constructor.name" reads nothing.
    if (!Object.prototype.hasOwnProperty.call(cur, p)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}
