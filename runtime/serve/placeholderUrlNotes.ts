/**
 * What `baton serve` says at start when a served flow calls an address that can never answer (newcomer s19 F1: the
 * sample's "Track my order" looks orders up at https://api.northwind.example, so every lookup took the error exit and
 * nothing said why). Hosts under the top-level names reserved by RFC 2606 / RFC 6761 for examples and tests
 * (.example, .invalid, .test) never resolve. Every string of a block's data is read (an HTTP Request's url, a Notify
 * webhook's url...), so no block kind is compared here.
 */
import type { Flow } from '../../shared/flow/schema';

const NEVER_RESOLVES = /^(?:.*\.)?(?:example|invalid|test)\.?$/i;
const URL_IN_TEXT = /https?:\/\/[^\s"'<>]+/gi;

/** Every string of `value` with the name of the field holding it ("url", "text"...). */
function stringsIn(value: unknown, out: { key: string; text: string }[], key = '', depth = 0): void {
  if (depth > 8) return;
  if (typeof value === 'string') out.push({ key, text: value });
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out, key, depth + 1);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) stringsIn(v, out, k, depth + 1);
}

/** A field named like an address the runtime calls (an HTTP Request's or a webhook's "url"), not text a customer reads. */
const CALLED_FIELD = /url|endpoint|webhook/i;

/** Placeholder hosts, one sentence per flow and block: what is called, why it fails, what to change. */
export function placeholderUrlNotes(flows: readonly Flow[]): string[] {
  const notes: string[] = [];
  for (const flow of flows) {
    for (const b of flow.blocks) {
      const texts: { key: string; text: string }[] = [];
      stringsIn(b.data, texts);
      const called = new Set<string>();
      const shown = new Set<string>();
      for (const t of texts) {
        for (const m of t.text.matchAll(URL_IN_TEXT)) {
          let host: string;
          try {
            // A template in the host ("https://{{shop}}.example") reads as its literal text, which is what is checked.
            host = new URL(m[0].replace(/\{\{[^}]*\}\}/g, 'x')).hostname;
          } catch {
            continue;
          }
          if (NEVER_RESOLVES.test(host)) (CALLED_FIELD.test(t.key) ? called : shown).add(host);
        }
      }
      const name = `"${b.label?.trim() || b.id}"`;
      const why = '(.example, .invalid and .test names are reserved for examples)';
      const fix = 'Put your own address in the block (studio inspector, or the flow file) before customers use it.';
      if (called.size > 0) notes.push(`flow ${flow.id}: ${name} calls ${[...called].join(', ')}, which never answers ${why}, so it always takes its error path. ${fix}`);
      if (shown.size > 0) notes.push(`flow ${flow.id}: ${name} gives customers a link to ${[...shown].join(', ')}, which does not exist ${why}. ${fix}`);
    }
  }
  return notes;
}
