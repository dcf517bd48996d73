/**
 * Nothing outside the block modules branches on a block's kind: the validator, engine, CLI and runtime ask
 * the registry (`shared/flow/blockRegistry.ts`) or the engine's behaviour table instead. This test reads
 * every TypeScript file under shared/ and runtime/ and fails on `switch (....kind)` statements with a block
 * kind as a case, and on comparisons of a `kind` with a block kind name, naming the file and line.
 *
 * Allowed: the kind modules themselves (shared/flow/blocks/**, shared/engine/behaviours/**) and the two
 * behaviour implementations that are too big for one module (Human takeover's lifecycle, the Ticket's
 * questions).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { blockKinds } from '../../../shared/flow/blockRegistry';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const allowed = [
  'shared/flow/blocks/',
  'shared/engine/behaviours/',
  'shared/engine/humanTakeover.ts',
  'shared/engine/ticketBlock.ts',
  // Outbox items carry a `kind` that is an effect type ('notify', 'http_request'), not a block kind.
  'runtime/effects/',
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const kinds = blockKinds.join('|');
/** `block.kind === 'buttons'`, `kind !== 'start'`, `'jump' === b.kind` */
const comparison = new RegExp(`\\bkind\\s*[!=]==?\\s*['"](${kinds})['"]|['"](${kinds})['"]\\s*[!=]==?\\s*[\\w.?]*\\bkind\\b`);
/** `switch (block.kind) {` */
const kindSwitch = /switch\s*\(\s*[\w.?]*\bkind\s*\)\s*\{/g;
const blockCase = new RegExp(`case\\s+['"](${kinds})['"]\\s*:`);

/** The body of the switch starting at `open` (index of its `{`), by brace counting. */
function bodyAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open, i + 1);
  }
  return text.slice(open);
}

/** Violations in one file's text, as "line N: code". */
export function kindBranches(text: string): string[] {
  const found: string[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (/^\s*(\/\/|\*)/.test(line)) return; // comments
    if (comparison.test(line)) found.push(`line ${i + 1}: ${line.trim()}`);
  });
  for (const m of text.matchAll(kindSwitch)) {
    const body = bodyAt(text, m.index! + m[0].length - 1);
    const c = blockCase.exec(body);
    if (c) found.push(`line ${text.slice(0, m.index).split('\n').length}: ${m[0]} ... ${c[0]}`);
  }
  return found;
}

describe('nothing outside the block modules switches on a block kind', () => {
  it('the detector catches the patterns it is meant to catch (and not waiting kinds or effect types)', () => {
    expect(kindBranches("if (block.kind === 'human_takeover') x();")).toHaveLength(1);
    expect(kindBranches("const f = 'start' !== b.kind;")).toHaveLength(1);
    expect(kindBranches("switch (block.kind) {\n  case 'message':\n    break;\n}")).toHaveLength(1);
    expect(kindBranches("switch (w.kind) {\n  case 'input':\n    break;\n}")).toHaveLength(0);
    expect(kindBranches("switch (effect.type) {\n  case 'notify':\n    break;\n}")).toHaveLength(0);
    expect(kindBranches("// block.kind === 'jump' in a comment")).toHaveLength(0);
  });

  it('shared/ and runtime/ branch on kind only inside the block modules', () => {
    const files = [...sourceFiles(join(root, 'shared')), ...sourceFiles(join(root, 'runtime'))];
    expect(files.length).toBeGreaterThan(50);
    const violations: string[] = [];
    for (const file of files) {
      const rel = relative(root, file).split(sep).join('/');
      if (allowed.some((a) => rel.startsWith(a))) continue;
      for (const v of kindBranches(readFileSync(file, 'utf8'))) violations.push(`${rel} ${v}`);
    }
    expect(violations, 'ask the registry (getBlockDefinition / behaviourOf) instead of comparing kinds').toEqual([]);
  });
});
