import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const parent = mkdtempSync(join(tmpdir(), 'baton-downgrade-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('runtime/store/downgradeCli.ts', () => {
  it('refuses a folder that is not a Baton data folder, says which folder to give, and creates nothing', () => {
    const wrong = join(parent, 'typo-baton-data');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'runtime/store/downgradeCli.ts'), wrong], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is not a Baton data folder (no baton.lmdb in it)');
    expect(r.stderr).toContain('Nothing was changed');
    expect(existsSync(wrong)).toBe(false);
  });
});
