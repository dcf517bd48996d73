/**
 * Evaluates variable rules (condition blocks, urgency rules, hot-lead rules). Pure: `now` is an argument.
 */
import type { Rule, RuleGroup, Value } from './schema';

function toNumber(v: Value | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.replace(/[, ]/g, ''));
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Milliseconds since epoch for a date-like variable (ISO string or epoch ms), or null. */
export function toTime(v: Value | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

const isEmpty = (v: Value | undefined) => v === undefined || v === null || v === '';

export function evaluateRule(rule: Rule, vars: Record<string, Value | undefined>, now: number): boolean {
  const actual = vars[rule.variable];
  const expected = rule.value;
  switch (rule.op) {
    case 'exists':
      return !isEmpty(actual);
    case 'not_exists':
      return isEmpty(actual);
    case 'eq':
    case 'neq': {
      const a = toNumber(actual);
      const b = toNumber(expected ?? null);
      const same =
        a !== null && b !== null
          ? a === b
          : String(actual ?? '').trim().toLowerCase() === String(expected ?? '').trim().toLowerCase();
      return rule.op === 'eq' ? same : !same;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const a = toNumber(actual);
      const b = toNumber(expected ?? null);
      if (a === null || b === null) return false;
      return rule.op === 'gt' ? a > b : rule.op === 'gte' ? a >= b : rule.op === 'lt' ? a < b : a <= b;
    }
    case 'contains':
    case 'not_contains': {
      const has = String(actual ?? '').toLowerCase().includes(String(expected ?? '').toLowerCase());
      return rule.op === 'contains' ? has : !has;
    }
    case 'starts_with':
      return String(actual ?? '').toLowerCase().startsWith(String(expected ?? '').toLowerCase());
    case 'matches': {
      try {
        return new RegExp(String(expected ?? ''), 'i').test(String(actual ?? ''));
      } catch {
        return false;
      }
    }
    case 'within_minutes': {
      const t = toTime(actual);
      const minutes = toNumber(expected ?? null);
      if (t === null || minutes === null) return false;
      const diff = (t - now) / 60_000;
      return diff >= 0 && diff <= minutes;
    }
  }
}

export function evaluateRuleGroup(group: RuleGroup, vars: Record<string, Value | undefined>, now: number): boolean {
  if (group.rules.length === 0) return false;
  return group.combinator === 'and'
    ? group.rules.every((r) => evaluateRule(r, vars, now))
    : group.rules.some((r) => evaluateRule(r, vars, now));
}
