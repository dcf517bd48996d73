/**
 * Rules with the 'matches' operator carry a designer's regular expression; the engine runs it with RE2
 * (linear time), so a pattern RE2 cannot run (backreferences, lookarounds) or that does not parse is a
 * validation error rather than a rule that silently never matches.
 *
 * Session 50 (studio18, hostile s49 L6): rules that parse but can never work as meant were accepted without a word:
 * `matches "/hello/i"` (a JavaScript regex literal: RE2 looks for the slashes and the "i"), `matches ""` (every text
 * matches), `is more than "abc"` (compares numbers: never true), a rule on `secrets.X` (rules never see secrets). Each
 * rule is now judged by `ruleMeaningProblem`, which the inspector shows under the rule too (one wording everywhere).
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import type { BlockProblem } from './blocks/types';
import { ruleOperatorWords, type Rule } from './blocks/fields';
import { checkPattern } from './rules';

/** What is wrong with one rule, in words, or null. `subject` names the rule ("Rule 2", "An urgency rule"). */
export interface RuleMeaningProblem {
  severity: 'error' | 'warning';
  code: string;
  /** The rule's field the problem is in. */
  field: 'variable' | 'value';
  /** A sentence that completes the rule's name: "... never matches: ...". */
  message: string;
  hint: string;
}

const NUMERIC_OPS = new Set(['gt', 'gte', 'lt', 'lte', 'within_minutes']);
const NO_VALUE_OPS = new Set(['exists', 'not_exists']);

function isNumberLike(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'boolean') return true;
  if (typeof v === 'string' && v.trim() !== '') return Number.isFinite(Number(v.replace(/[, ]/g, '')));
  return false;
}

/** A JavaScript regex literal typed as a pattern: "/hello/i", "/^ord-\d+$/". */
const REGEX_LITERAL = /^\/(.+)\/([dgimsuvy]*)$/s;

/**
 * The rule's meaning problem, or null when it can work. `subject` starts the sentence ("Rule 2", "An urgency rule of
 * the escalation policy"). Invalid patterns are `checkPattern`'s (rulePatternProblems), not repeated here.
 */
export function ruleMeaningProblem(rule: Pick<Rule, 'variable' | 'op' | 'value'>, subject: string): RuleMeaningProblem | null {
  const op = String(rule.op);
  const words = ruleOperatorWords[op] ?? op.replace(/_/g, ' ');
  const variable = String(rule.variable ?? '');
  if (/^secrets\./i.test(variable.trim())) {
    return {
      severity: 'error',
      code: 'rule_reads_secret',
      field: 'variable',
      message: `${subject} looks at '${variable}', but rules never see secrets (they are filled in only in an HTTP request's URL, headers and body and a Notify block's recipients), so it would compare nothing.`,
      hint: 'Look at a variable of the flow instead, e.g. one an HTTP request saved from its reply.',
    };
  }
  if (NO_VALUE_OPS.has(op)) return null;
  const v = rule.value;
  const empty = v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
  if (NUMERIC_OPS.has(op)) {
    if (empty) {
      return {
        severity: 'error',
        code: 'rule_no_number',
        field: 'value',
        message: `${subject} (${variable} ${words} …) has no number to compare with, so it is never true.`,
        hint: op === 'within_minutes' ? 'Type a number of minutes, e.g. 30.' : 'Type a number, e.g. 100, or remove the rule.',
      };
    }
    if (!isNumberLike(v)) {
      return {
        severity: 'error',
        code: 'rule_not_a_number',
        field: 'value',
        message: `${subject} (${variable} ${words} ${JSON.stringify(v)}) is never true: “${words}” compares numbers, and ${JSON.stringify(v)} is not a number.`,
        hint:
          op === 'within_minutes'
            ? 'Type a number of minutes, e.g. 30.'
            : 'Type a number, e.g. 100. To compare text use "is", "contains" or "matches the pattern"; for a date or time soon, "is within (minutes)".',
      };
    }
    return null;
  }
  if (op === 'matches') {
    const pattern = typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
    if (pattern === '') {
      return {
        severity: 'warning',
        code: 'rule_always_true',
        field: 'value',
        message: `${subject} (${variable} matches the pattern “”) has an empty pattern, which every text matches: it is always true.`,
        hint: 'Type the pattern to look for, e.g. ^ORD-\\d+$, use "is set" if any value will do, or remove the rule.',
      };
    }
    // "/orders/" may be a path looked for as it is: a JavaScript regex only with flags after it ("/hello/i") or pattern
    // syntax inside ("/^ORD-\d+$/").
    const literal = REGEX_LITERAL.exec(pattern);
    if (literal && checkPattern(literal[1]).ok && (literal[2] !== '' || /[\\^$[\](){}|*+?]/.test(literal[1]))) {
      return {
        severity: 'warning',
        code: 'rule_pattern_slashes',
        field: 'value',
        message: `${subject} (${variable} matches the pattern ${JSON.stringify(pattern)}) is written as a JavaScript regex: here the slashes${literal[2] ? ` and the "${literal[2]}" after them` : ''} are characters to find, so it matches only text that contains them.`,
        hint: `Write the pattern without the slashes: ${literal[1]} (patterns already ignore case).`,
      };
    }
    return null;
  }
  if (op === 'contains' || op === 'starts_with' || op === 'not_contains') {
    // The inspector stores an emptied value as no value: either reads as "" (evaluateRule).
    if (v === undefined || v === null || v === '') {
      const always = op === 'not_contains' ? 'never true (every text contains nothing)' : 'always true (every text contains nothing)';
      return {
        severity: 'warning',
        code: op === 'not_contains' ? 'rule_never_true' : 'rule_always_true',
        field: 'value',
        message: `${subject} (${variable} ${words} “”) has no value, so it is ${always}.`,
        hint: 'Type the text to look for, or remove the rule.',
      };
    }
  }
  return null;
}

/** Improves RE2's words for the features it lacks (hostile s49 L6: "(?<=a)b" said "invalid named capture" first). */
function patternMessage(pattern: string, raw: string): string {
  if (/\(\?<[=!]/.test(pattern)) return `the pattern ${JSON.stringify(pattern)} uses a lookbehind ((?<=...) or (?<!...)), which Baton's patterns do not support. Patterns use RE2 syntax (no backreferences like \\1, no lookahead or lookbehind).`;
  if (/\(\?[=!]/.test(pattern)) return `the pattern ${JSON.stringify(pattern)} uses a lookahead ((?=...) or (?!...)), which Baton's patterns do not support. Patterns use RE2 syntax (no backreferences like \\1, no lookahead or lookbehind).`;
  if (/\\[1-9]/.test(pattern)) return `the pattern ${JSON.stringify(pattern)} uses a backreference (\\1 ... \\9), which Baton's patterns do not support. Patterns use RE2 syntax (no backreferences like \\1, no lookahead or lookbehind).`;
  return raw;
}

export function rulePatternProblems(rules: readonly Rule[], base: Array<string | number>, where: string): BlockProblem[] {
  const out: BlockProblem[] = [];
  rules.forEach((r, k) => {
    if (r.op === 'matches') {
      const pattern = String(r.value ?? '');
      const check = checkPattern(pattern);
      if (!check.ok) {
        out.push({
          severity: 'error',
          code: 'invalid_pattern',
          path: [...base, k, 'value'],
          message: `${where}: ${patternMessage(pattern, check.message)}`,
          hint: 'Patterns use RE2 syntax; remove backreferences (\\1) and lookarounds ((?=...), (?<=...)), or use "contains".',
        });
        return;
      }
    }
    const meaning = ruleMeaningProblem(r, rules.length > 1 ? `${where}: rule ${k + 1}` : `${where}: its rule`);
    if (meaning) out.push({ severity: meaning.severity, code: meaning.code, path: [...base, k, meaning.field], message: meaning.message, hint: meaning.hint });
  });
  return out;
}
