/**
 * Export a flow without its secrets (Node-RED's habit: credentials never travel with the flow file).
 *
 * Anything that looks like a key is replaced by a `{{secrets.NAME}}` reference, which only the runtime fills
 * (from its config or environment; see shared/engine/secrets.ts), and a warning says where it was and what to
 * do. What looks like a key:
 * - an HTTP header whose name says credential (Authorization, X-Api-Key, Cookie, ...) with a literal value;
 * - a URL query parameter named like a credential (key, api_key, token, access_token, secret, sig, password...);
 * - a URL with a user:password part;
 * - a Slack / generic incoming-webhook URL (the URL itself is the credential);
 * - a string with a well-known key shape (sk_live_..., AKIA..., ghp_..., xoxb-..., AIza..., JWTs) anywhere
 *   in block data, settings or variable defaults.
 * Template references (`{{secrets.X}}`, `{{variable}}`) are left alone. Pure: returns a new flow.
 */
import type { Flow } from './schema';

export interface ExportWarning {
  /** JSON path of the value, e.g. ['blocks', 3, 'data', 'headers', 'Authorization']. */
  path: (string | number)[];
  blockId?: string;
  /** The `{{secrets.NAME}}` reference that replaced it. */
  secret: string;
  message: string;
}

export interface ExportResult {
  flow: Flow;
  warnings: ExportWarning[];
}

const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token|x-secret|x-token|private-token)$/i;
const CREDENTIAL_PARAM = /^(key|api[-_]?key|apikey|token|access[-_]?token|auth|secret|client[-_]?secret|sig|signature|password|pass|pwd)$/i;
const WEBHOOK_URL = /^https:\/\/(hooks\.slack\.com\/(services|workflows|triggers)\/|discord(app)?\.com\/api\/webhooks\/|[a-z0-9-]+\.webhook\.office\.com\/|outlook\.office\.com\/webhook\/)/i;
const KEY_SHAPES: [RegExp, string][] = [
  [/\b(sk|pk|rk)_(live|test)_[A-Za-z0-9]{10,}/, 'a Stripe key'],
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key'],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}/, 'a GitHub token'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\bAIza[0-9A-Za-z_-]{30,}/, 'a Google API key'],
  [/\bsk-[A-Za-z0-9_-]{20,}/, 'an API secret key'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, 'a signed token (JWT)'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
];
const ONLY_TEMPLATES = /^(?:(?:\s*(?:\{\{\s*[A-Za-z_][A-Za-z0-9_.]*\s*\}\}|Bearer|Basic|Token))+\s*)?$/i;

function secretName(...hints: string[]): string {
  const raw = hints
    .join('_')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return raw === '' ? 'SECRET' : /^[0-9]/.test(raw) ? `S_${raw}` : raw;
}

/** True when a value is (only) template references or a scheme word: nothing literal to leak. */
function isTemplateOnly(v: string): boolean {
  return ONLY_TEMPLATES.test(v);
}

export function exportFlow(flow: Flow): ExportResult {
  const warnings: ExportWarning[] = [];
  const used = new Set<string>();
  const unique = (name: string) => {
    let n = name;
    for (let i = 2; used.has(n); i++) n = `${name}_${i}`;
    used.add(n);
    return n;
  };
  const warn = (path: (string | number)[], blockId: string | undefined, secret: string, what: string) => {
    warnings.push({
      path,
      blockId,
      secret,
      message: `${what} was removed from the export and replaced by {{secrets.${secret}}}. Give the runtime a secret named ${secret} (config file or environment) with the real value.`,
    });
  };

  /** Cleans one string; `hint` names where it is, `header` when it is a header value. */
  const cleanString = (v: string, path: (string | number)[], blockId: string | undefined, hint: string[], header: string | null): string => {
    if (header !== null && CREDENTIAL_HEADER.test(header) && !isTemplateOnly(v)) {
      const name = unique(secretName(blockId ?? '', header));
      const scheme = /^(Bearer|Basic|Token)\s+/i.exec(v)?.[0] ?? '';
      warn(path, blockId, name, `The value of the ${header} header looks like a credential; it`);
      return `${scheme}{{secrets.${name}}}`;
    }
    let out = v;
    if (/^https?:\/\//i.test(out)) {
      if (WEBHOOK_URL.test(out)) {
        const name = unique(secretName(blockId ?? '', ...hint, 'webhook_url'));
        warn(path, blockId, name, 'A webhook URL (the URL itself is the credential)');
        return `{{secrets.${name}}}`;
      }
      const userinfo = /^(https?:\/\/)([^/@\s{}]+:[^/@\s{}]+)@/i.exec(out);
      if (userinfo) {
        const name = unique(secretName(blockId ?? '', ...hint, 'url_credentials'));
        warn(path, blockId, name, 'A user name and password in a URL');
        out = `${userinfo[1]}{{secrets.${name}}}@${out.slice(userinfo[0].length)}`;
      }
      out = out.replace(/([?&])([^=&#\s]+)=([^&#\s]*)/g, (m, sep: string, param: string, value: string) => {
        if (!CREDENTIAL_PARAM.test(param) || value === '' || isTemplateOnly(decodeURIComponentSafe(value))) return m;
        const name = unique(secretName(blockId ?? '', param));
        warn(path, blockId, name, `The "${param}" parameter of a URL looks like a credential; it`);
        return `${sep}${param}={{secrets.${name}}}`;
      });
    }
    if (hint[hint.length - 1] === 'body') {
      // A request body written by hand: JSON fields ("password": "hunter2") and form fields (password=hunter2)
      // named like a credential, with a literal value.
      out = out.replace(/("([^"\\]{1,64})"\s*:\s*")((?:[^"\\]|\\.)*)"/g, (m, head: string, field: string, value: string) => {
        if (!CREDENTIAL_PARAM.test(field) || value === '' || isTemplateOnly(value)) return m;
        const name = unique(secretName(blockId ?? '', field));
        warn(path, blockId, name, `The "${field}" field of a request body looks like a credential; it`);
        return `${head}{{secrets.${name}}}"`;
      });
      out = out.replace(/(^|&)([A-Za-z_][A-Za-z0-9_.-]{0,63})=([^&\s]+)/g, (m, sep: string, field: string, value: string) => {
        if (!CREDENTIAL_PARAM.test(field) || isTemplateOnly(decodeURIComponentSafe(value))) return m;
        const name = unique(secretName(blockId ?? '', field));
        warn(path, blockId, name, `The "${field}" field of a request body looks like a credential; it`);
        return `${sep}${field}={{secrets.${name}}}`;
      });
    }
    for (const [shape, what] of KEY_SHAPES) {
      const re = new RegExp(shape.source, 'g');
      if (!re.test(out)) continue;
      const name = unique(secretName(blockId ?? '', ...hint));
      warn(path, blockId, name, `Text that looks like ${what}`);
      out = out.replace(new RegExp(shape.source, 'g'), `{{secrets.${name}}}`);
    }
    return out;
  };

  const walk = (value: unknown, path: (string | number)[], blockId: string | undefined, header: string | null): unknown => {
    if (typeof value === 'string') return cleanString(value, path, blockId, path.slice(-1).map(String), header);
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i], blockId, null));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      const inHeaders = path[path.length - 1] === 'headers';
      for (const [k, v] of Object.entries(value)) out[k] = walk(v, [...path, k], blockId, inHeaders ? k : null);
      return out;
    }
    return value;
  };

  const blocks = flow.blocks.map((b, i) => ({ ...b, data: walk(b.data, ['blocks', i, 'data'], b.id, null) })) as Flow['blocks'];
  const variables = flow.variables.map((v, i) => (typeof v.default === 'string' ? { ...v, default: walk(v.default, ['variables', i, 'default'], undefined, null) } : v)) as Flow['variables'];
  const settings = walk(flow.settings, ['settings'], undefined, null) as Flow['settings'];
  return { flow: { ...flow, blocks, variables, settings }, warnings };
}

function decodeURIComponentSafe(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}
