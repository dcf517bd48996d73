// bin/chooseRuntime.js: `baton` runs the prebuilt bundle only when it is not older than any source it was built
// from; anything else (no build, an edited, deleted or newer source, a broken list) runs the sources via tsx.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module next to the bin script (no type declarations)
import { chooseRuntime } from '../../bin/chooseRuntime.js';

type Choice = { use: 'bundle' | 'tsx'; why: string };
const choose = (root: string, env: Record<string, string> = {}): Choice => chooseRuntime(root, { env }) as Choice;

let root: string;
const T = Date.parse('2026-11-30T12:00:00Z') / 1000;
function file(path: string, text: string, secs: number): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
  utimesSync(join(root, path), secs, secs);
}
function build(secs: number, inputs = ['runtime/cli/main.ts', 'shared/engine/engine.ts']): void {
  file('dist/runtime/main.mjs', 'export async function runCli() {}', secs);
  file('dist/runtime/inputs.json', JSON.stringify({ inputs }), secs);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'baton-choose-'));
  file('runtime/cli/main.ts', '//', T);
  file('shared/engine/engine.ts', '//', T);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('chooseRuntime', () => {
  it('runs tsx when there is no bundle (fresh clone)', () => {
    expect(choose(root)).toEqual({ use: 'tsx', why: expect.stringContaining('no runtime bundle') });
  });

  it('runs the bundle when it is at least as new as every source', () => {
    build(T + 10);
    expect(choose(root).use).toBe('bundle');
    build(T); // same second as the sources: still fresh
    expect(choose(root).use).toBe('bundle');
  });

  it('runs tsx, naming the file, when one source is newer than the bundle', () => {
    build(T + 10);
    utimesSync(join(root, 'shared/engine/engine.ts'), T + 11, T + 11);
    expect(choose(root)).toEqual({ use: 'tsx', why: expect.stringContaining('shared/engine/engine.ts changed') });
  });

  it('takes the older of the bundle and its list (an interrupted build is stale)', () => {
    build(T + 10);
    utimesSync(join(root, 'dist/runtime/main.mjs'), T - 5, T - 5);
    expect(choose(root).use).toBe('tsx');
  });

  it('runs tsx when a listed source is gone, or the list is empty or unreadable', () => {
    build(T + 10, ['runtime/cli/main.ts', 'runtime/gone.ts']);
    expect(choose(root)).toEqual({ use: 'tsx', why: expect.stringContaining('runtime/gone.ts is gone') });
    build(T + 10, []);
    expect(choose(root).use).toBe('tsx');
    build(T + 10);
    file('dist/runtime/inputs.json', '{not json', T + 10);
    expect(choose(root).use).toBe('tsx');
  });

  it('BATON_RUNTIME forces a choice, but a forced bundle needs one to exist', () => {
    build(T + 10);
    expect(choose(root, { BATON_RUNTIME: 'tsx' }).use).toBe('tsx');
    utimesSync(join(root, 'runtime/cli/main.ts'), T + 20, T + 20);
    expect(choose(root).use).toBe('tsx');
    expect(choose(root, { BATON_RUNTIME: 'bundle' }).use).toBe('bundle');
    rmSync(join(root, 'dist'), { recursive: true });
    expect(choose(root, { BATON_RUNTIME: 'bundle' }).use).toBe('tsx');
  });
});
