/**
 * Writes a scenario file the way people read it: one scenario per block, one step, agent and HTTP mock per
 * line, so a diff in review shows exactly which step changed. `parseScenarioText(formatScenarioFile(f))`
 * gives `f` back. Pure.
 */
import type { ScenarioFile } from './scenarioSchema';

/** `{ "say": "hi" }`: JSON on one line with a space after colons and commas (outside strings). */
export function oneLine(value: unknown): string {
  if (Array.isArray(value)) return value.length ? `[${value.map(oneLine).join(', ')}]` : '[]';
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return entries.length ? `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`).join(', ')} }` : '{}';
  }
  return JSON.stringify(value) ?? 'null';
}

function lines(items: readonly unknown[], indent: string): string {
  return items.length ? `[\n${items.map((i) => `${indent}  ${oneLine(i)}`).join(',\n')}\n${indent}]` : '[]';
}

const LISTS = new Set(['agents', 'http', 'steps']);

function block(obj: Record<string, unknown>, indent: string, expand: (key: string, v: unknown, indent: string) => string | null): string {
  const entries = Object.entries(obj).filter(([, v]) => v !== undefined);
  const inner = indent + '  ';
  const body = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${expand(k, v, inner) ?? oneLine(v)}`);
  return `{\n${body.join(',\n')}\n${indent}}`;
}

export function formatScenarioFile(file: ScenarioFile): string {
  const listOrNull = (k: string, v: unknown, indent: string) => (LISTS.has(k) && Array.isArray(v) ? lines(v, indent) : null);
  return (
    block(file as unknown as Record<string, unknown>, '', (k, v, indent) => {
      if (k === 'scenarios' && Array.isArray(v)) {
        if (v.length === 0) return '[]';
        const inner = indent + '  ';
        return `[\n${v.map((s) => inner + block(s as Record<string, unknown>, inner, listOrNull)).join(',\n')}\n${indent}]`;
      }
      return listOrNull(k, v, indent);
    }) + '\n'
  );
}

/**
 * Where a flow's scenarios live, for the studio and `baton test` alike: `flows/a.json` and `flows/a.flow.json`
 * -> `flows/a.scenarios.json`. (Before, the studio wrote `a.flow.scenarios.json` for `a.flow.json`, which
 * `baton test` did not find; `scenarioFileCandidates` still reads that older name when the new one is absent.)
 */
export function scenarioFileOf(flowPath: string): string {
  return flowPath.replace(/(\.flow)?\.json$/i, '') + '.scenarios.json';
}

/** The scenario file names to look for, in order: the current one, then the older studio name if it differs. */
export function scenarioFileCandidates(flowPath: string): string[] {
  const current = scenarioFileOf(flowPath);
  const older = flowPath.replace(/\.json$/i, '') + '.scenarios.json';
  return older === current ? [current] : [current, older];
}
