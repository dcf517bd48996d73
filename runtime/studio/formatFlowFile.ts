/**
 * Writes a flow as a git-friendly JSON file: the same flow always gives the same bytes.
 *
 * - Stable key order: the document's top-level fields in a fixed order (what the flow is, its settings and
 *   policy, then its blocks and edges, then canvas-only things), other keys alphabetically after them.
 *   Inside a block: id, kind, label, data, then `position` LAST on a line of its own, so moving a block changes
 *   one line and a logic change never touches the layout lines (layout kept apart from logic).
 * - One block per line range: each block opens and closes on its own lines, its data pretty-printed inside.
 * - One edge per line: adding or removing a connection is a one-line diff.
 *
 * The output is plain JSON any tool reads (`baton validate` included); `JSON.parse(formatFlowFile(f))`
 * deep-equals `f` except that object keys may come in a different order.
 */

const TOP_ORDER = ['version', 'id', 'name', 'description', 'settings', 'variables', 'escalation', 'blocks', 'edges', 'notes', 'groups'];
const BLOCK_ORDER = ['id', 'kind', 'label', 'data'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function ordered(obj: Record<string, unknown>, order: string[], last: string[] = []): [string, unknown][] {
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  const known = order.filter((k) => keys.includes(k));
  const tail = last.filter((k) => keys.includes(k));
  const rest = keys.filter((k) => !order.includes(k) && !last.includes(k)).sort();
  return [...known, ...rest, ...tail].map((k) => [k, obj[k]]);
}

/** JSON.stringify with two-space indentation, re-indented to sit at `indent`. */
function pretty(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, '\n' + indent);
}

/** `{ "x": 1, "y": 2 }` on one line (JSON.stringify's compact form, with spaces for reading). */
function oneLine(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`).join(', ')} }`;
}

function formatBlock(block: Record<string, unknown>): string {
  const lines = ordered(block, BLOCK_ORDER, ['position']).map(([k, v]) =>
    k === 'position' ? `      ${JSON.stringify(k)}: ${oneLine(v)}` : `      ${JSON.stringify(k)}: ${pretty(v, '      ')}`,
  );
  return `    {\n${lines.join(',\n')}\n    }`;
}

function formatList(items: unknown[], one: (item: unknown) => string): string {
  if (items.length === 0) return '[]';
  return `[\n${items.map(one).join(',\n')}\n  ]`;
}

/** Canvas-only lists left out of the file while empty, so files written before they existed stay byte-identical. */
const OMIT_WHEN_EMPTY = new Set(['notes', 'groups']);

export function formatFlowFile(flow: object): string {
  const doc = Object.fromEntries(
    Object.entries(flow as Record<string, Json>).filter(([k, v]) => !(OMIT_WHEN_EMPTY.has(k) && Array.isArray(v) && v.length === 0)),
  ) as Record<string, Json>;
  const parts = ordered(doc, TOP_ORDER).map(([k, v]) => {
    let body: string;
    if (k === 'blocks' && Array.isArray(v)) {
      body = formatList(v, (b) => (b && typeof b === 'object' && !Array.isArray(b) ? formatBlock(b as Record<string, unknown>) : `    ${pretty(b, '    ')}`));
    } else if (k === 'edges' && Array.isArray(v)) {
      body = formatList(v, (e) => `    ${oneLine(e)}`);
    } else {
      body = pretty(v, '  ');
    }
    return `  ${JSON.stringify(k)}: ${body}`;
  });
  return `{\n${parts.join(',\n')}\n}\n`;
}
