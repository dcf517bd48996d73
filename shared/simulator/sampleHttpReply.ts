/**
 * A sample JSON reply for an HTTP Request block, built from its "Save from the reply" paths, so the simulator's
 * "Ask me" form starts from the fields the block reads instead of `{}` (newcomer s6 #26: the tester had to guess
 * `status` and `eta`; a wrong guess gave "Order NW-104233 is , expected "). Each value is the name of the variable
 * it fills, so the reply the bot then says shows the mapping at a glance. `items.0.name` makes an array.
 *
 * Pure.
 */
type Json = null | string | number | boolean | Json[] | { [k: string]: Json };

const isIndex = (s: string) => /^\d+$/.test(s);

export function sampleHttpReply(mapping: ReadonlyArray<{ variable: string; path: string }>): Json {
  let root: Json = {};
  const paths = mapping.filter((m) => m.path.trim() !== '');
  if (paths.length === 0) return root;
  // A path that is only an index ("0.name") asks for an array at the top.
  if (paths.every((m) => isIndex(m.path.trim().split('.')[0]))) root = [];
  for (const m of paths) {
    const parts = m.path.trim().split('.');
    let node: Json = root;
    for (let i = 0; i < parts.length; i++) {
      const key: string | number = isIndex(parts[i]) ? Number(parts[i]) : parts[i];
      const last = i === parts.length - 1;
      if (node === null || typeof node !== 'object') break; // the path goes through a value another path set
      const container = node as Record<string | number, Json>;
      if (Array.isArray(node) && typeof key === 'number' && key > 50) break; // keep samples small
      if (last) {
        if (container[key] === undefined) container[key] = m.variable;
      } else {
        if (container[key] === undefined) container[key] = isIndex(parts[i + 1]) ? [] : {};
        node = container[key];
      }
    }
  }
  // Fill holes left in arrays ("items.1.name" without items.0) so the sample is valid JSON.
  const fill = (v: Json): Json => (Array.isArray(v) ? Array.from(v, (x) => (x === undefined ? {} : fill(x))) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)])) : v);
  return fill(root);
}
