/**
 * One canonical JSON text and one pair of hash lanes for the two fingerprints of a flow document: the engine's
 * `flowRevision` (its logic only: layout keys left out) and the studio's kept-undo fingerprint (renderer keptUndo.ts: the
 * whole document, layout included, since undo steps move blocks). Review of session 40: the two had their own copies.
 *
 * Not cryptographic: two 32-bit lanes (FNV-1a, and a second multiply-xor lane that folds in its own high bits), enough
 * to tell documents apart. Pure: no Node crypto, so the browser computes the same values as the server.
 */

/**
 * JSON text with every object's keys sorted and undefined members left out (so the same document read back in another
 * key order gives the same text); `skip`: keys left out at every depth.
 */
export function canonicalJson(value: unknown, skip?: ReadonlySet<string>): string {
  const out: string[] = [];
  write(value, out, skip);
  return out.join('');
}

function write(value: unknown, out: string[], skip: ReadonlySet<string> | undefined): void {
  if (value === null || typeof value !== 'object') {
    out.push(value === undefined ? 'null' : (JSON.stringify(value) ?? 'null'));
    return;
  }
  if (Array.isArray(value)) {
    out.push('[');
    value.forEach((v, i) => {
      if (i) out.push(',');
      write(v, out, skip);
    });
    out.push(']');
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined && !skip?.has(k))
    .sort();
  out.push('{');
  keys.forEach((k, i) => {
    if (i) out.push(',');
    out.push(JSON.stringify(k), ':');
    write(record[k], out, skip);
  });
  out.push('}');
}

/**
 * The two 32-bit lanes over `text` (unsigned). `fold`: how far the second lane's high bits are shifted down and folded
 * back in each step; flowRevision uses 15 and the kept-undo fingerprint 13, as they always did (changing either would
 * change every value already stored: conversations' recorded revisions, tabs' kept undo histories).
 */
export function hashLanes(text: string, fold: number): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> fold);
  }
  return [a >>> 0, b >>> 0];
}
