/**
 * Plain-English description of a variable rule and the value it saw, for signal explanations:
 * 'budget >= 5000 (budget = 12000)', 'departureTime is within 20 minutes (in 12 min)'.
 */
import type { Rule, Value } from '../flow/schema';
import { toTime } from '../flow/rules';

const OP_WORDS: Record<Rule['op'], string> = {
  eq: '=',
  neq: '!=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  contains: 'contains',
  not_contains: 'does not contain',
  starts_with: 'starts with',
  matches: 'matches',
  exists: 'is set',
  not_exists: 'is not set',
  within_minutes: 'is within',
};

function show(v: Value | undefined): string {
  if (v === undefined || v === null) return 'empty';
  if (typeof v === 'string') return `"${v.length > 40 ? v.slice(0, 40) + '...' : v}"`;
  return String(v);
}

export function describeRule(rule: Rule, vars: Record<string, Value | undefined>, now: number, timeZone = 'UTC'): string {
  const actual = vars[rule.variable];
  if (rule.op === 'exists' || rule.op === 'not_exists') {
    return `${rule.variable} ${OP_WORDS[rule.op]} (${rule.variable} = ${show(actual)})`;
  }
  if (rule.op === 'within_minutes') {
    const t = toTime(actual, timeZone, now);
    const left = t === null ? 'no time' : `in ${Math.round((t - now) / 60_000)} min`;
    return `${rule.variable} is within ${show(rule.value)} minutes (${left})`;
  }
  return `${rule.variable} ${OP_WORDS[rule.op]} ${show(rule.value)} (${rule.variable} = ${show(actual)})`;
}
