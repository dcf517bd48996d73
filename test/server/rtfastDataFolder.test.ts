/**
 * hostile s14 H#21 (rtfast): `baton serve --data <dir>` that cannot hold the store says why in words that name --data
 * and what to do, instead of a bare errno line (or, for EACCES, a message about the port).
 */
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataFolderProblem } from '../../runtime/serve/serveCommand';

const base = mkdtempSync(join(tmpdir(), 'rtfast-data-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('rtfast: --data that cannot be used', () => {
  it('a file, or a folder under a file: says it is a file and to give a folder', () => {
    const file = join(base, 'afile');
    writeFileSync(file, 'x');
    expect(dataFolderProblem(file)).toBe(`--data ${file}: it (or a folder on its path) is a file, not a folder: give a folder for the data (it is created if missing)`);
    expect(dataFolderProblem(join(file, 'sub'))).toMatch(/^--data .*afile\/sub: it \(or a folder on its path\) is a file, not a folder/);
  });

  it('a loop of symbolic links: says so', () => {
    const a = join(base, 'loop-a');
    const b = join(base, 'loop-b');
    symlinkSync(b, a);
    symlinkSync(a, b);
    expect(dataFolderProblem(join(a, 'data'))).toBe(`--data ${join(a, 'data')}: its path is a loop of symbolic links: give a real folder`);
  });

  it('a folder that can be used: no problem, created when missing, and no probe file left behind', () => {
    const dir = join(base, 'fresh', 'data');
    expect(dataFolderProblem(dir)).toBeNull();
    expect(existsSync(dir)).toBe(true);
    expect(existsSync(join(dir, `.baton-write-check-${process.pid}`))).toBe(false);
    expect(dataFolderProblem(dir)).toBeNull();
  });
});
