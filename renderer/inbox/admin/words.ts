/**
 * Small pure helpers for the admin forms: list fields typed as "a, b, c", zod 4's terse messages in plain words,
 * and grouping a server error's issues by form field.
 */
import type { FieldIssue } from './adminApi';

/** "support, billing ,, Support" -> ["support", "billing"] (trimmed, empty parts dropped, case-insensitive dedupe). */
export function splitList(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const v = part.trim();
    if (!v || seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    out.push(v);
  }
  return out;
}

export const joinList = (xs: readonly string[] | undefined) => (xs ?? []).join(', ');

/** Zod 4's default messages ("Too small: expected string to have >=8 characters") in words a person reads. */
export function plainMessage(message: string): string {
  const m = message.trim();
  let r: RegExpExecArray | null;
  if ((r = /^Too small: expected string to have >=?(\d+) characters?/i.exec(m))) return r[1] === '1' ? 'This cannot be empty.' : `Use at least ${r[1]} characters.`;
  if ((r = /^Too big: expected string to have <=?(\d+) characters?/i.exec(m))) return `Use at most ${r[1]} characters.`;
  if ((r = /^Too small: expected number to be >=?(\d+)/i.exec(m))) return `Use ${r[1]} or more.`;
  if ((r = /^Too big: expected number to be <=?(\d+)/i.exec(m))) return `Use ${r[1]} or less.`;
  if ((r = /^Too big: expected array to have <=?(\d+) items?/i.exec(m))) return `At most ${r[1]} entries.`;
  if (/^Invalid email/i.test(m)) return 'Enter an email address like ann@example.com.';
  if (/expected int/i.test(m)) return 'Use a whole number.';
  if (/^Invalid input: expected number/i.test(m)) return 'Enter a number.';
  if (/^Invalid string: must match pattern/i.test(m)) return 'Use letters, digits and _ . @ - only.';
  return m.charAt(0).toUpperCase() + m.slice(1) + (/[.!?]$/.test(m) ? '' : '.');
}

/**
 * Issues keyed by the form field they belong to. `depth` = how many path segments name a field ("teams.2" -> "teams"
 * with depth 1; "replies.2.shortcut" stays whole with depth 3). A message without a field ("email: "x" is already
 * used ...") is moved to the field its text starts with when that field is one of `known`; else it goes to "".
 */
export function issuesByField(issues: FieldIssue[], known: readonly string[], depth = 1): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    let field = i.field.split('.').slice(0, depth).join('.');
    let message = i.message;
    if (!field) {
      const m = /^([A-Za-z][\w.]*):\s*(.+)$/s.exec(message);
      if (m && known.includes(m[1].split('.').slice(0, depth).join('.'))) {
        field = m[1].split('.').slice(0, depth).join('.');
        message = m[2];
      }
    }
    if (field && !known.includes(field)) field = '';
    const text = plainMessage(message);
    out[field] = out[field] ? `${out[field]} ${text}` : text;
  }
  return out;
}
