/**
 * Rules with the 'matches' operator carry a designer's regular expression; the engine runs it with RE2
 * (linear time), so a pattern RE2 cannot run (backreferences, lookarounds) or that does not parse is a
 * validation error rather than a rule that silently never matches.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import type { BlockProblem } from './blocks/types';
import type { Rule } from './blocks/fields';
import { checkPattern } from './rules';

export function rulePatternProblems(rules: readonly Rule[], base: Array<string | number>, where: string): BlockProblem[] {
  const out: BlockProblem[] = [];
  rules.forEach((r, k) => {
    if (r.op !== 'matches') return;
    const check = checkPattern(String(r.value ?? ''));
    if (check.ok) return;
    out.push({
      severity: 'error',
      code: 'invalid_pattern',
      path: [...base, k, 'value'],
      message: `${where}: ${check.message}`,
      hint: 'Patterns use RE2 syntax; remove backreferences (\\1) and lookarounds ((?=...), (?<=...)), or use "contains".',
    });
  });
  return out;
}
