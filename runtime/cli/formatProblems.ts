/**
 * Prints validation problems the way a designer reads them: file, where, block, what, and what to do.
 */
import type { FlowProblem } from '../../shared/flow/flowProblem';
import { inert } from './terminalText';

export function formatProblems(file: string, problems: FlowProblem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const head =
    problems.length === 0
      ? `${file}: valid`
      : `${file}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  const lines = [head];
  for (const p of problems) {
    const where = p.line !== undefined ? `${file}:${p.line}:${p.column ?? 1}` : `${file} ${p.path}`;
    const block = p.blockId ? ` [block ${p.blockId}]` : '';
    lines.push(`  ${p.severity === 'error' ? 'error  ' : 'warning'} ${where}${block}: ${p.message} (${p.code})`);
    if (p.hint) lines.push(`          hint: ${p.hint}`);
  }
  // Block ids, labels and texts quoted in the problems come from the file: shown inert (hostile s9 #3), so a file
  // cannot clear the screen or forge a "valid" line over its own errors.
  return lines.map((l) => inert(l, true)).join('\n');
}
