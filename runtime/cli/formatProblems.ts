/**
 * Prints validation problems the way a designer reads them: file, where, block, what, and what to do.
 */
import type { FlowProblem } from '../../shared/flow/flowProblem';
import { inert } from './terminalText';

/** Problems of one code printed in full before the rest are summed up (hostile s18 #15: 2,500 loops printed 2.4 MB). */
export const SHOWN_PER_CODE = 5;
/** Block ids named in a summary line. */
const NAMED_IN_SUMMARY = 8;

export interface FormatOptions {
  /** Print every problem and every hint (`baton validate --all`). */
  all?: boolean;
}

export function formatProblems(file: string, problems: FlowProblem[], options: FormatOptions = {}): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const head =
    problems.length === 0
      ? `${file}: valid`
      : `${file}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  const lines = [head];
  const shown = new Map<string, number>();
  const hinted = new Set<string>();
  const rest = new Map<string, { severity: FlowProblem['severity']; count: number; blocks: string[] }>();
  for (const p of problems) {
    const n = shown.get(p.code) ?? 0;
    if (!options.all && n >= SHOWN_PER_CODE) {
      const r = rest.get(p.code) ?? { severity: p.severity, count: 0, blocks: [] };
      r.count++;
      if (p.blockId && r.blocks.length < NAMED_IN_SUMMARY) r.blocks.push(p.blockId);
      rest.set(p.code, r);
      continue;
    }
    shown.set(p.code, n + 1);
    const where = p.line !== undefined ? `${file}:${p.line}:${p.column ?? 1}` : `${file} ${p.path}`;
    const block = p.blockId ? ` [block ${p.blockId}]` : '';
    lines.push(`  ${p.severity === 'error' ? 'error  ' : 'warning'} ${where}${block}: ${p.message} (${p.code})`);
    // The same hint under each of 2,000 problems says nothing new: once per code and hint unless --all.
    const hintKey = `${p.code}\u0000${p.hint ?? ''}`;
    if (p.hint && (options.all || !hinted.has(hintKey))) lines.push(`          hint: ${p.hint}`);
    hinted.add(hintKey);
  }
  for (const [code, r] of rest) {
    const kind = r.severity === 'error' ? 'error' : 'warning';
    const named = r.blocks.length > 0 ? `: blocks ${r.blocks.join(', ')}${r.count > r.blocks.length ? ', …' : ''}` : '';
    lines.push(`  … and ${r.count.toLocaleString('en-US')} more ${kind}${r.count === 1 ? '' : 's'} like the above (${code})${named}`);
  }
  if (rest.size > 0) lines.push(`  (${SHOWN_PER_CODE} of each kind shown; \`baton validate --all ${file}\` lists every one)`);
  // Block ids, labels and texts quoted in the problems come from the file: shown inert (hostile s9 #3), so a file
  // cannot clear the screen or forge a "valid" line over its own errors.
  return lines.map((l) => inert(l, true)).join('\n');
}
