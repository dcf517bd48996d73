/**
 * hostile s18 #15: `baton validate` of a flow with 2,500 small loops printed 2.4 MB (every problem with the same hint
 * under it). Now 5 of each kind in full, each hint once, then a count and the first blocks per kind; --all lists all.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'baton-loops-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loopsFlow(n: number): string {
  const flow = JSON.parse(readFileSync('flows/customer-support.json', 'utf8'));
  for (let i = 0; i < n; i++) {
    const a = `loopa${i}`;
    const b = `loopb${i}`;
    flow.blocks.push({ id: a, kind: 'message', position: { x: i * 10, y: 3000 }, label: 'A', data: { text: 'hi' } });
    flow.blocks.push({ id: b, kind: 'message', position: { x: i * 10, y: 3100 }, label: 'B', data: { text: 'ho' } });
    flow.edges.push({ id: `e${a}`, from: a, exit: 'next', to: b }, { id: `e${b}`, from: b, exit: 'next', to: a });
  }
  const file = join(dir, `loops-${n}.json`);
  writeFileSync(file, JSON.stringify(flow));
  return file;
}

function validate(...args: string[]) {
  return spawnSync(process.execPath, ['bin/baton.js', 'validate', ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
}

describe('baton validate on a flow with thousands of problems (hostile s18 #15)', () => {
  it('2,500 loops: a short report with the counts, the first blocks of each kind and how to see all', () => {
    const file = loopsFlow(2500);
    const r = validate(file);
    expect(r.status).toBe(1);
    expect(r.stderr.length).toBeLessThan(10_000);
    expect(r.stderr).toContain(`${file}: 2500 errors, 5000 warnings`);
    expect(r.stderr.match(/\(loop_without_wait\)$/gm)).toHaveLength(5);
    expect(r.stderr.match(/hint: Put a block that waits/g)).toHaveLength(1);
    expect(r.stderr).toContain('… and 2,495 more errors like the above (loop_without_wait): blocks loopa5, loopa6,');
    expect(r.stderr).toContain('… and 4,995 more warnings like the above (unreachable_block)');
    expect(r.stderr).toContain(`\`baton validate --all ${file}\` lists every one`);

    const all = validate('--all', file);
    expect(all.status).toBe(1);
    expect(all.stderr.match(/\(loop_without_wait\)$/gm)).toHaveLength(2500);
    expect(all.stderr.match(/hint: Put a block that waits/g)).toHaveLength(2500);
    expect(all.stderr).not.toContain('more errors like the above');
  });

  it('a few problems are printed whole, as before, with no summary line', () => {
    const r = validate(loopsFlow(2));
    expect(r.stderr).toContain('2 errors, 4 warnings');
    expect(r.stderr.match(/\(loop_without_wait\)$/gm)).toHaveLength(2);
    expect(r.stderr).not.toContain('like the above');
    expect(r.stderr).not.toContain('--all');
  });
});
