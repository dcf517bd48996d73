/**
 * One thing wrong (or worth a second look) in a flow document, as the validator, the loader and the
 * migrations report it. The studio lists these next to the canvas and jumps to `blockId`/`path`; the CLI
 * prints them. `code` is stable so tools and tests can match on it; `message` and `hint` are for people.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
export interface FlowProblem {
  severity: 'error' | 'warning';
  /**
   * Stable machine code, e.g. 'unknown_kind', 'duplicate_id', 'dangling_edge', 'no_start', 'multiple_starts',
   * 'unreachable_block', 'unwired_exit', 'takeover_exit_unwired', 'unknown_variable', 'loop_without_wait',
   * 'bad_escalation_target', 'schema', 'json_syntax', 'unsupported_version', 'jump_target_missing',
   * 'duplicate_exit_edge'...
   */
  code: string;
  /** JSON path into the document, e.g. "$.blocks[3].data.variable" ("$" for the whole document). */
  path: string;
  blockId: string | null;
  /** What is wrong, in words a bot designer understands. */
  message: string;
  /** What to do about it. */
  hint: string;
  /**
   * The exit a problem is about, for a required exit left unconnected ('dead_end', 'unwired_exit', a kind's own code
   * such as 'takeover_exit_unwired'), so a tool can act on it without reading the words (session 44).
   */
  exit?: string;
  /** 1-based; only for problems found in the file's text ('json_syntax', 'duplicate_key'). */
  line?: number;
  /** 1-based; only for problems found in the file's text ('json_syntax', 'duplicate_key'). */
  column?: number;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Turns path segments into a JSON path: `['blocks', 3, 'data', 'headers', 'X-Key']` ->
 * `$.blocks[3].data.headers['X-Key']`. Keys that are not plain identifiers are quoted so the path stays
 * unambiguous.
 */
export function jsonPath(segments: ReadonlyArray<PropertyKey>): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'string' && IDENTIFIER.test(s)) out += `.${s}`;
    else out += `['${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  }
  return out;
}

/** True when at least one problem blocks the flow from running. */
export function hasErrors(problems: ReadonlyArray<FlowProblem>): boolean {
  return problems.some((p) => p.severity === 'error');
}
