/**
 * `{{variable}}` templating. Unknown variables render as an empty string (never "undefined").
 * Spaces inside braces are allowed: `{{ name }}`.
 */
import type { Value } from './schema';

const TEMPLATE = /\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g;

export function renderTemplate(template: string, vars: Record<string, Value | undefined>): string {
  if (!template.includes('{{')) return template;
  return template.replace(TEMPLATE, (_m, name: string) => {
    const v = vars[name];
    return v === null || v === undefined ? '' : String(v);
  });
}

/** Variable names a template refers to, in order of first use. */
export function templateVariables(template: string): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(TEMPLATE)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}
