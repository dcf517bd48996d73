/**
 * Format checks for values a designer types: email addresses, Slack channels, webhook URLs, calendar dates.
 * Each returns null when the value is fine, or a short reason. A value that is a `{{template}}` is accepted
 * as is: it is only known when the conversation runs.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */

const isTemplate = (v: string) => v.includes('{{');

// Deliberately simple (what HTML's <input type=email> accepts): one @, a dot in the domain, no spaces.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function emailProblem(v: string): string | null {
  if (isTemplate(v)) return null;
  if (v.trim() !== v) return 'it has spaces around it';
  if (!v.includes('@')) return 'it has no @';
  return EMAIL.test(v) ? null : 'it is not a valid email address';
}

// Slack: "#name" (lowercase letters, digits, hyphens, underscores, periods; at most 80) or a channel id (C/G + 8-11 upper-case letters and digits).
const SLACK_NAME = /^#[a-z0-9][a-z0-9._-]{0,79}$/;
const SLACK_ID = /^[CGD][A-Z0-9]{8,11}$/;

export function slackChannelProblem(v: string): string | null {
  if (isTemplate(v)) return null;
  if (SLACK_ID.test(v) || SLACK_NAME.test(v)) return null;
  if (/^[a-z0-9][a-z0-9._-]{0,79}$/.test(v)) return 'it does not start with #';
  if (v.startsWith('#') && /[A-Z]/.test(v)) return 'Slack channel names are lower case';
  if (v.startsWith('#') && /\s/.test(v)) return 'Slack channel names have no spaces';
  return 'it is neither a #channel-name nor a Slack channel id';
}

export function urlProblem(v: string): string | null {
  if (v.startsWith('{{')) return null; // the whole address comes from a variable or a secret
  if (!/^https?:\/\//i.test(v)) return 'it does not start with http:// or https://';
  try {
    const u = new URL(v.replace(/\{\{[^}]*\}\}/g, 'x'));
    if (!u.hostname) return 'it has no host name';
    return null;
  } catch {
    return 'it is not a valid web address';
  }
}

/** A YYYY-MM-DD date that exists in the calendar (2026-02-30 does not). */
export function dateProblem(v: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return 'use YYYY-MM-DD';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return `there is no month ${mo}`;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > days) return `that month has ${days} days`;
  return null;
}

/** An ISO date or date-time a `date` variable may default to. */
export function dateTimeProblem(v: string): string | null {
  const day = dateProblem(v.slice(0, 10));
  if (day) return day;
  if (v.length === 10) return null;
  return /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(v) ? null : 'use YYYY-MM-DD or YYYY-MM-DDTHH:MM';
}

/** "09:00" -> 540; "24:00" -> 1440. */
export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Why a text cannot name a variable (null when it can): a {{template}} reads only names of letters, digits and _
 * starting with a letter or _ (shared/flow/template.ts), so "Save from the reply 1" could be written but never read.
 */
export function variableNameProblem(v: string): string | null {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) return null;
  if (/\s/.test(v)) return 'it has spaces';
  if (/^[0-9]/.test(v)) return 'it starts with a digit';
  return 'it has characters other than letters, digits and _';
}
