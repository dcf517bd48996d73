/**
 * Session 44 (studio7), retest s43 N5: the simulator said "the customer was told she will be with them shortly" of Ben.
 * Nothing a designer, agent or customer reads guesses a person's pronoun: the studio, inbox and widget (renderer/) and
 * the flow's texts (shared/flow: block help, the validator's problems) use the name, "the agent" or "they". Comments
 * are left out; a word list that needs such a word (none here today) would go in ALLOWED with its reason.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const PRONOUN = /\b(she|he|her|hers|herself|him|his|himself|she's|he's|she'll|he'll)\b/i;
const ALLOWED: string[] = [];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The file's code without its comments (block, JSX and line comments). */
function code(text: string): string[] {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ''))
    .split('\n')
    .map((l) => l.replace(/^\s*\/\/.*$/, '').replace(/\s\/\/\s.*$/, ''));
}

describe('no guessed pronouns in what people read (retest s43 N5)', () => {
  const files = [...sources(join(root, 'renderer')), ...sources(join(root, 'shared/flow'))];

  it('has files to read', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('no she / he / her / his in the studio, inbox, widget or the flow texts', () => {
    const found: string[] = [];
    for (const f of files) {
      code(readFileSync(f, 'utf8')).forEach((line, i) => {
        const where = `${relative(root, f)}:${i + 1}`;
        if (PRONOUN.test(line) && !ALLOWED.includes(where)) found.push(`${where}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });
});
