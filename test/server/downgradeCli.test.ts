import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../runtime/store/embeddedStore';

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

  it('refuses a data folder a running server holds in one sentence, no stack, and changes nothing (hostile s14 H#13)', async () => {
    const dir = join(parent, 'in-use');
    const holder = new EmbeddedStore({ dir, writer: 'inline' });
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'runtime/store/downgradeCli.ts'), dir], { cwd: root, encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`is in use by process ${process.pid}`);
      expect(r.stderr).toContain('stop baton serve first, then run this again. Nothing was changed.');
      expect(r.stderr).not.toMatch(/--data folder|--redis|\bat \S+:\d+/);
    } finally {
      await holder.close();
    }
  });
});
