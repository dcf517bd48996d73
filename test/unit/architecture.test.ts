/**
 * shared/ is the pure core: the studio (browser), the runtime (Node) and the tests run the same code, and
 * the engine is deterministic. This guards the rules in DESIGN.md that no type checker enforces.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const forbidden: [RegExp, string][] = [
  [/from ['"](node:[^'"]+|fs|path|os|crypto|child_process|http|https|net)['"]/, 'a Node module'],
  [/from ['"](react|react-dom|electron|@xyflow\/react)['"]/, 'React or Electron'],
  [/\bDate\.now\(/, 'the clock (take `now` as an argument)'],
  [/new Date\(\)/, 'the clock (take `now` as an argument)'],
  [/\bMath\.random\(/, 'randomness (take a seed)'],
  [/\b(window|document|localStorage|process)\.[a-zA-Z]/, 'a browser or Node global'],
];

describe('shared/ stays pure', () => {
  const files = sources(join(root, 'shared'));

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s uses no I/O, clock, randomness or platform globals', (_name, file) => {
    // Comments may mention these words; only code counts.
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    const found = forbidden.filter(([re]) => re.test(code)).map(([, what]) => what);
    expect(found, `${relative(root, file)} uses ${found.join(', ')}`).toEqual([]);
  });
});
