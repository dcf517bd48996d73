/**
 * `{{variable}}` templating, escaped for where the text lands. Unknown variables render as an empty string
 * (never "undefined"); spaces inside braces are allowed: `{{ name }}`.
 *
 * Security (issue 6, section 4):
 * - Only a variable the flow actually holds renders: `{{constructor}}`, `{{__proto__}}`, `{{toString}}`
 *   render nothing (own properties only).
 * - `{{secrets.NAME}}` never renders from variables. In customer-facing text it renders nothing; in HTTP
 *   request parts (`renderUrl`, `renderHeader`, `renderBody`) it is left verbatim for the runtime to fill
 *   (see shared/engine/secrets.ts), and `secretNames` lists them.
 * - `renderUrl`: every value is percent-encoded as one path segment or query component (`/ ? & = # %`
 *   included), and a value of only dots renders nothing, so `../../admin?x=` cannot change the path or query.
 * - `renderBody` for JSON: values are JSON-escaped inside a JSON string, and JSON values (string, number,
 *   boolean, null) outside one; the body is built as JSON, never by concatenation.
 * - `renderHeader`: line breaks and other control characters are removed, so a value cannot add a header.
 */
import type { Value } from './schema';

const TEMPLATE = /\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g;
/** The same pattern, sticky: matches only at `lastIndex` (renderJsonBody's scanner; never shares state with TEMPLATE). */
const TEMPLATE_AT = /\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/y;
const SECRET_PREFIX = 'secrets.';

type Vars = Record<string, Value | undefined>;

/** The variable's value, when the flow holds one under exactly that name (never an inherited property). */
export function lookupVariable(vars: Vars, name: string): Value | undefined {
  return Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
}

function text(v: Value | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

/**
 * A customer's value must never become a placeholder: `{{secrets.API_KEY}}` typed as an order number would
 * otherwise be filled with the real secret by the runtime. Breaks every `{{` in a value that lands in an
 * HTTP request or a notification (URLs need nothing: braces are percent-encoded there).
 */
export function breakPlaceholders(value: string): string {
  return value.includes('{{') ? value.replace(/\{(?=\{)/g, '{ ') : value;
}

/** Renders `template` with each variable's text passed through `escape` (identity by default). */
export function renderTemplate(template: string, vars: Vars, escape: (value: string) => string = (s) => s): string {
  if (!template.includes('{{')) return template;
  return template.replace(TEMPLATE, (_m, name: string) => {
    if (name.startsWith(SECRET_PREFIX)) return '';
    return escape(text(lookupVariable(vars, name)));
  });
}

/**
 * A canned reply for an agent (newcomer s9 #21): each `{{variable}}` the conversation holds a value for is filled in;
 * a placeholder with no value (unknown, empty, or a `{{secrets.NAME}}`, which never renders) stays as written and is
 * listed in `missing`, so the agent sees what to fill before sending instead of the customer getting braces.
 */
export function fillKnownVariables(template: string, vars: Vars): { text: string; missing: string[] } {
  const missing: string[] = [];
  if (!template.includes('{{')) return { text: template, missing };
  const filled = template.replace(TEMPLATE, (m, name: string) => {
    const value = name.startsWith(SECRET_PREFIX) ? '' : text(lookupVariable(vars, name));
    if (value.trim() !== '') return value;
    if (!missing.includes(name)) missing.push(name);
    return m;
  });
  return { text: filled, missing };
}

/** Leaves `{{secrets.NAME}}` placeholders as written; escapes variables with `escape`. */
function renderKeepingSecrets(template: string, vars: Vars, escape: (value: string) => string): string {
  if (!template.includes('{{')) return template;
  return template.replace(TEMPLATE, (m, name: string) => {
    if (name.startsWith(SECRET_PREFIX)) return `{{${name}}}`;
    return escape(text(lookupVariable(vars, name)));
  });
}

/** Percent-encodes a value for one URL path segment or query component. */
export function encodeUrlValue(value: string): string {
  if (/^\.+$/.test(value)) return ''; // "." and ".." would be read as path navigation, even encoded
  return encodeURIComponent(value);
}

export function renderUrl(template: string, vars: Vars): string {
  return renderKeepingSecrets(template, vars, encodeUrlValue);
}

/** Removes CR, LF and other control characters (a header value cannot start another header). */
export function stripControl(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

export function renderHeader(template: string, vars: Vars): string {
  return stripControl(renderKeepingSecrets(template, vars, (v) => breakPlaceholders(stripControl(v))));
}

/** A notification's text or target: values cannot form placeholders; secrets in the template stay for the runtime. */
export function renderNotification(template: string, vars: Vars): string {
  return renderKeepingSecrets(template, vars, breakPlaceholders);
}

export type BodyFormat = 'json' | 'form' | 'text';

/** The body's format: JSON when the content type says so or the template looks like JSON. */
export function bodyFormat(template: string, contentType: string | undefined): BodyFormat {
  const ct = (contentType ?? '').toLowerCase();
  if (ct.includes('json')) return 'json';
  if (ct.includes('x-www-form-urlencoded')) return 'form';
  const t = template.trim();
  if (ct === '' && (t.startsWith('{') || t.startsWith('['))) return 'json';
  return 'text';
}

/**
 * A JSON body: a placeholder inside a JSON string gets the value JSON-escaped (quotes, backslashes and
 * control characters cannot end the string); a placeholder outside strings gets a JSON value (a number
 * or boolean as is, text as a quoted string, unknown as null). Secrets stay verbatim in either place
 * (outside a string, as a quoted placeholder), for `fillSecrets` to JSON-escape later.
 */
export function renderJsonBody(template: string, vars: Vars): string {
  if (!template.includes('{{')) return template;
  let out = '';
  let inString = false;
  let i = 0;
  while (i < template.length) {
    const ch = template[i];
    if (ch === '{' && template[i + 1] === '{') {
      TEMPLATE_AT.lastIndex = i;
      const m = TEMPLATE_AT.exec(template);
      if (m) {
        const name = m[1];
        if (name.startsWith(SECRET_PREFIX)) out += inString ? `{{${name}}}` : `"{{${name}}}"`;
        else {
          // A "{" in a value is written \u007b: the same JSON string, but it can never form a placeholder.
          const v = lookupVariable(vars, name);
          if (inString) out += JSON.stringify(text(v)).slice(1, -1).replace(/\{/g, '\\u007b');
          else out += v === undefined ? 'null' : JSON.stringify(v).replace(/\{/g, '\\u007b');
        }
        i += m[0].length;
        continue;
      }
    }
    if (inString && ch === '\\') {
      out += ch + (template[i + 1] ?? '');
      i += 2;
      continue;
    }
    if (ch === '"') inString = !inString;
    out += ch;
    i++;
  }
  return out;
}

export function renderBody(template: string, vars: Vars, format: BodyFormat): string {
  if (format === 'json') return renderJsonBody(template, vars);
  if (format === 'form') return renderKeepingSecrets(template, vars, encodeURIComponent);
  return renderKeepingSecrets(template, vars, breakPlaceholders);
}

/** Names `{{secrets.NAME}}` placeholders refer to, in order of first use. */
export function secretNames(...templates: string[]): string[] {
  const out: string[] = [];
  for (const t of templates) {
    for (const m of t.matchAll(TEMPLATE)) {
      if (!m[1].startsWith(SECRET_PREFIX)) continue;
      const name = m[1].slice(SECRET_PREFIX.length);
      if (name && !out.includes(name)) out.push(name);
    }
  }
  return out;
}

/** Variable names a template refers to, in order of first use (secrets are not variables). */
export function templateVariables(template: string): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(TEMPLATE)) if (!m[1].startsWith(SECRET_PREFIX) && !out.includes(m[1])) out.push(m[1]);
  return out;
}
