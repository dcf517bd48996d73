/**
 * Newcomer s40 N11: a file refused at import listed seven rows, the one reason it was refused (an unknown block kind)
 * among problems that never stop an import (a Notify with nobody to notify, unwired exits: the same file without the
 * unknown kind imports, and they are fixed on the canvas). The refusal now shows what stops the file from being read
 * as a flow first, apart, and the rest as "also found".
 *
 * What stops it: the problems that leave the validator without a flow (shared/flow/validateFlow.ts, loadFlowText.ts):
 * the file's text (not JSON, nested too deep, a broken character, too large for the studio), its format version (newer
 * than this Baton, a failed migration), a value of the wrong shape, an unknown block kind. Every other problem is work in
 * progress. Should a refusal ever carry none of these, every error is shown as a reason (never an empty "why").
 */
import type { FlowProblem } from '../../../shared/flow/flowProblem';

export const IMPORT_BLOCKING_CODES: ReadonlySet<string> = new Set([
  'json_syntax',
  'too_deep',
  'lone_surrogate',
  'schema',
  'unknown_kind',
  'unsupported_version',
  'migration_failed',
  'file_too_large',
  'studio_too_many_blocks',
  'studio_description_too_long',
  'studio_file_too_large',
]);

export function splitImportProblems(problems: readonly FlowProblem[]): { blocking: FlowProblem[]; other: FlowProblem[] } {
  const blocking = problems.filter((p) => p.severity === 'error' && IMPORT_BLOCKING_CODES.has(p.code));
  if (blocking.length === 0) {
    const errors = problems.filter((p) => p.severity === 'error');
    return { blocking: errors, other: problems.filter((p) => p.severity !== 'error') };
  }
  return { blocking, other: problems.filter((p) => !blocking.includes(p)) };
}
