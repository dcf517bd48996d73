/**
 * The flow as the studio exports it: anything that looks like a credential is replaced by a
 * `{{secrets.NAME}}` placeholder (the runtime fills those from its own secret store), with a warning per
 * replacement saying where it was and what to do. Values that already are placeholders are kept.
 *
 * Looked at: values of headers or fields whose NAME says credential (Authorization, X-Api-Key, token,
 * password, secret...), URL query parameters with such names, and any string shaped like a well-known key
 * (Stripe sk_live_, Slack xox?-, GitHub ghp_, AWS AKIA..., Bearer tokens, long hex/base64 blobs after
 * "key=" ...). The input is not modified.
 */
import type { Flow } from '../../shared/flow/schema';

const SENSITIVE_NAME = /(authorization|api[-_]?key|apikey|token|secret|password|passwd|pwd|cookie|credential|private[-_]?key|access[-_]?key|client[-_]?secret|signature)/i;
const PLACEHOLDER = /^\s*\{\{\s*secrets\.[A-Za-z_][A-Za-z0-9_.]*\s*\}\}\s*$/;
const KEY_SHAPES: RegExp[] = [
  /\bsk_(live|test)_[A-Za-z0-9]{10,}/,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/,
  /\bgh[pousr]_[A-Za-z0-9]{20,}/,
  /\bAKIA[0-9A-Z]{16}\b/,
  /\bAIza[0-9A-Za-z_-]{30,}/,
  /\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*/,
  /hooks\.slack\.com\/services\/[A-Za-z0-9/]+/,
];

function secretName(...parts: string[]): string {
  return parts
    .join('_')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase()
    .replace(/^(\d)/, '_$1');
}

export function exportFlowDocument(flow: Flow): { flow: Flow; warnings: string[] } {
  const warnings: string[] = [];
  const copy = structuredClone(flow) as Flow;

  const clean = (value: string, where: string, name: string, nameSays: boolean): string => {
    if (PLACEHOLDER.test(value) || value.trim() === '') return value;
    if (value.includes('{{secrets.') && !KEY_SHAPES.some((r) => r.test(value))) return value;
    if (nameSays || KEY_SHAPES.some((r) => r.test(value))) {
      warnings.push(`${where} looked like a credential and was replaced by {{secrets.${name}}}; set that secret in the runtime.`);
      return `{{secrets.${name}}}`;
    }
    return value;
  };

  const cleanUrl = (url: string, where: string, base: string): string => {
    const q = url.indexOf('?');
    if (q < 0) return clean(url, where, base, false);
    const [path, query] = [url.slice(0, q), url.slice(q + 1)];
    const params = query.split('&').map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const k = pair.slice(0, eq);
      const v = pair.slice(eq + 1);
      return `${k}=${clean(v, `${where} (query parameter "${k}")`, secretName(base, k), SENSITIVE_NAME.test(k))}`;
    });
    return `${clean(path, where, base, false)}?${params.join('&')}`;
  };

  const walk = (value: unknown, where: string, name: string, nameSays: boolean): unknown => {
    if (typeof value === 'string') return clean(value, where, name, nameSays);
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${where}[${i}]`, `${name}_${i}`, nameSays));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        out[k] = walk(v, `${where}.${k}`, secretName(name, k), nameSays || SENSITIVE_NAME.test(k));
      }
      return out;
    }
    return value;
  };

  copy.blocks = copy.blocks.map((b) => {
    const base = secretName(b.id);
    const data = { ...(b.data as Record<string, unknown>) };
    for (const [k, v] of Object.entries(data)) {
      const where = `block ${b.id}, ${k}`;
      if (k === 'url' && typeof v === 'string') data[k] = cleanUrl(v, where, secretName(b.id, 'url'));
      else data[k] = walk(v, where, secretName(base, k), SENSITIVE_NAME.test(k));
    }
    return { ...b, data } as typeof b;
  });
  copy.variables = copy.variables.map((v) =>
    typeof v.default === 'string' ? { ...v, default: clean(v.default, `variable ${v.name}, default`, secretName('VAR', v.name), SENSITIVE_NAME.test(v.name)) } : v,
  );
  return { flow: copy, warnings };
}
